#!/usr/bin/env bash
# Runs .clusterfuzzlite/build.sh as ClusterFuzzLite would (no Docker: the variables are set
# here) and checks what it produced: binaries that run, seed corpora, dictionary, options.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CC=clang CXX=clang++ OUT=$work/out WORK=$work/work SRC=$PWD
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address,undefined -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS" LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
mkdir -p "$WORK"
bash .clusterfuzzlite/build.sh >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
fail=0
targets=($(sed -n 's/^set(DMACHECK_TARGETS \(.*\))$/\1/p' cmake/targets.cmake))
for f in trace_parser_fuzz trace_parser_fuzz_seed_corpus.zip trace_parser_fuzz.options; do
  [[ -s $OUT/$f ]] || { echo "missing or empty: \$OUT/$f"; fail=1; }
done
seeds=0
# Each target's fuzzer replays its seeds on the fixed logic without a crash, and runs briefly.
for target in "${targets[@]}"; do
  for f in ${target}_fuzz ${target}_fuzz_seed_corpus.zip ${target}_fuzz.options; do
    [[ -s $OUT/$f ]] || { echo "missing or empty: \$OUT/$f"; fail=1; }
  done
  mkdir -p "$work/$target-seeds" && (cd "$work/$target-seeds" && cmake -E tar xf "$OUT/${target}_fuzz_seed_corpus.zip")
  count=$(ls "$work/$target-seeds" | wc -l)
  expected=$(ls corpus/$target/*.trace | wc -l)
  [[ $count -eq $expected ]] || { echo "$target seed corpus has $count inputs, expected its $expected regression traces"; fail=1; }
  seeds=$((seeds + count))
  dict=()
  [[ -f $OUT/${target}_fuzz.dict ]] && dict=(-dict="$OUT/${target}_fuzz.dict")
  DMACHECK_IMPL=fixed "$OUT/${target}_fuzz" -runs=2000 "${dict[@]}" "$work/$target-seeds" \
    >"$work/$target-run.log" 2>&1 || { tail -20 "$work/$target-run.log"; fail=1; }
done
if [[ $fail -eq 0 ]]; then
  echo "clusterfuzzlite build: ok ($seeds seeds, $(ls "$OUT" | wc -l) files in \$OUT)"
else
  exit 1
fi
