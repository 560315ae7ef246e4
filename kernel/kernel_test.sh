#!/usr/bin/env bash
# ctest kernel.iova: every tree under TREES (scripts/kernel-trees.sh) built and checked with
# the same corpus and properties as the re-implementations. Skips (77) when no tree is there.
# Usage: kernel_test.sh DMACHECK TREES CORPUS_DIR BUILD_DIR
set -uo pipefail
dmacheck=$1 trees=$2 corpus=$3 build=$4
shopt -s nullglob
found=0 failed=0
for tree in "$trees"/linux-*; do
  found=1
  run() { "$dmacheck" kernel --src "$tree" --target iova --build-dir "$build" "$@" 2>&1; }
  out=$(run corpus "$corpus" --impl kernel)
  if ! grep -q "12 passed, 0 failed" <<<"$out"; then
    echo "FAIL: $tree: the IOVA corpus on the real iova.c"; echo "$out"; failed=1
  fi
  # The known upstream finding (IOVA-RCACHE-DUP): an unmap of a never-mapped IOVA is cached.
  out=$(run check --seed 1 --runs 300 --hunt I-CLIENT)
  if ! grep -q "FAIL: I-CLIENT violated" <<<"$out"; then
    echo "FAIL: $tree: IOVA-RCACHE-DUP not found on the real iova.c"; echo "$out"; failed=1
  fi
  out=$(run check --seed 1 --runs 300 --hunt I-ROBUST)
  if ! grep -q "no I-ROBUST violated" <<<"$out"; then
    echo "FAIL: $tree: the real iova.c crashed"; echo "$out"; failed=1
  fi
  echo "ok   $tree"
done
if ((!found)); then
  echo "no kernel trees under $trees: run scripts/kernel-trees.sh (skipped)"
  exit 77
fi
exit $failed
