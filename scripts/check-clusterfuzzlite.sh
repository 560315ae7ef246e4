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
for f in swiotlb_fuzz iova_fuzz pagesize_fuzz trace_parser_fuzz swiotlb_fuzz_seed_corpus.zip \
         iova_fuzz_seed_corpus.zip pagesize_fuzz_seed_corpus.zip trace_parser_fuzz_seed_corpus.zip swiotlb_fuzz.dict \
         swiotlb_fuzz.options iova_fuzz.options pagesize_fuzz.options trace_parser_fuzz.options; do
  [[ -s $OUT/$f ]] || { echo "missing or empty: \$OUT/$f"; fail=1; }
done
mkdir -p "$work/seeds" && (cd "$work/seeds" && cmake -E tar xf "$OUT/swiotlb_fuzz_seed_corpus.zip")
seeds=$(ls "$work/seeds" | wc -l)
[[ $seeds -ge 19 ]] || { echo "seed corpus has $seeds inputs, expected the regression traces"; fail=1; }
# The built target replays its seeds on the fixed logic without a crash, and runs briefly.
DMACHECK_IMPL=proposal-wrap-distance "$OUT/swiotlb_fuzz" -runs=2000 -dict="$OUT/swiotlb_fuzz.dict" "$work/seeds" \
  >"$work/run.log" 2>&1 || { tail -20 "$work/run.log"; fail=1; }
for pair in iova:proposal-checked-unmap pagesize:proposal-account-once; do
  target=${pair%%:*}
  mkdir -p "$work/$target-seeds" && (cd "$work/$target-seeds" && cmake -E tar xf "$OUT/${target}_fuzz_seed_corpus.zip")
  DMACHECK_IMPL=${pair#*:} "$OUT/${target}_fuzz" -runs=2000 "$work/$target-seeds" \
    >"$work/$target-run.log" 2>&1 || { tail -20 "$work/$target-run.log"; fail=1; }
done
if [[ $fail -eq 0 ]]; then
  echo "clusterfuzzlite build: ok ($seeds seeds, $(ls "$OUT" | wc -l) files in \$OUT)"
else
  exit 1
fi
