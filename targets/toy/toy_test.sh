#!/usr/bin/env bash
# ctest targets.toy: the test-only toy target (a bump allocator, targets/toy/) plugged in
# through the registry alone, driven through every command of `dmacheck_toy`: list, check,
# replay (trace text and fuzzer bytes), corpus and zoo, each with its exit code and output.
# Usage: toy_test.sh DMACHECK_TOY CORPUS_DIR
set -uo pipefail
dmacheck=$1 corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failed=0

# expect STATUS PATTERN ARGS...: the command exits STATUS and prints PATTERN.
expect() {
  local status=$1 pattern=$2 out got
  shift 2
  out=$("$dmacheck" "$@" 2>&1)
  got=$?
  if [[ $got -ne $status ]] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL: dmacheck $*: expected exit $status and '$pattern', got exit $got:"; echo "$out"; failed=1
  else
    echo "ok   dmacheck $*"
  fi
}

expect 0 "target toy: a bump allocator" list --target toy
expect 0 '"target": "toy"' list --json --target toy
expect 0 "^toy toy-1.1$" list --targets
expect 1 "FAIL: B-FIT violated" check --target toy --impl toy-1.0 --seed 1 --runs 2000
expect 0 "no invariant violated" check --target toy --impl toy-1.1 --seed 1 --runs 2000
expect 1 "VIOLATED: B-FIT at step 1" replay "$corpus/off-by-one.trace" --impl toy-buggy
expect 0 "OK: all 1 steps hold" replay "$corpus/off-by-one.trace" --impl toy-1.1
printf '\000\001\002' >input.bin  # fuzzer bytes: capacity 1, variant 1 (toy-1.0), alloc 2
expect 1 "VIOLATED: B-FIT at step 1" replay input.bin --target toy
expect 0 "6 passed, 0 failed" corpus "$corpus"
expect 2 "unknown toy implementation 'nope'" check --target toy --impl nope
expect 0 "toy-1.0 .*B-FIT x2 .* yes" zoo --target toy --seeds 2
expect 0 "toy-0.9 .*B-TERM x2 .* yes" zoo --target toy --seeds 2
expect 1 "B-TERM violated: the wait for space ran past its step budget" check --target toy --impl toy-spin --seed 1 --runs 2000
expect 2 "target toy has no theorems to prove" prove --target toy
# The real targets are unchanged beside it.
expect 0 "^swiotlb proposal-wrap-distance$" list --targets
exit $failed
