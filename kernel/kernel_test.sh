#!/usr/bin/env bash
# ctest kernel.<target>: every tree under TREES (scripts/kernel-trees.sh) built and checked with
# the same corpus and properties as the re-implementations. Skips (77) when no tree is there.
# Usage: kernel_test.sh DMACHECK TREES CORPUS_DIR BUILD_DIR TARGET [subset]
#   subset (the ASan+UBSan suite): the corpus on every tree, the hunts on 6.12 only; the dev
#   suite runs them on every tree, and DMACHECK_KERNEL_TEST_FULL=1 does under ASan too.
set -uo pipefail
dmacheck=$1 trees=$2 corpus=$3 build=$4 target=$5 subset=${6:-}
[[ ${DMACHECK_KERNEL_TEST_FULL:-} == 1 ]] && subset=
shopt -s nullglob
found=0 failed=0

# expect TREE WHAT PATTERN ARGS...: runs a command on TREE's code; its output must match PATTERN.
expect() {
  local tree=$1 what=$2 pattern=$3 out
  shift 3
  out=$("$dmacheck" kernel --src "$tree" --target "$target" --build-dir "$build" "$@" 2>&1)
  if ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL: $tree: $what"; echo "$out"; failed=1
  fi
}

# corpus_explained TREE SERIES: the corpus on the tree's code against the judge dmacheck derived
# (the variant it behaves as); every trace where they part must be explained in
# known_differences.txt for the tree's series.
corpus_explained() {
  local tree=$1 series=$2 out trace
  out=$("$dmacheck" kernel --src "$tree" --target "$target" --build-dir "$build" corpus "$corpus" --impl kernel 2>&1)
  if ! grep -q "^judge: " <<<"$out" || ! grep -q " passed, [0-9]* failed" <<<"$out"; then
    echo "FAIL: $tree: the $target corpus did not run on the tree's code"; echo "$out"; failed=1; return
  fi
  for trace in $(sed -n 's|^FAIL .*/||p' <<<"$out"); do
    if ! grep -q "^$series $target $trace: " "$here/known_differences.txt"; then
      echo "FAIL: $tree: its $target code and its judge part on $trace, which kernel/known_differences.txt does not explain"
      echo "$out"; failed=1
    fi
  done
}

here=$(dirname "$0")
for tree in "$trees"/linux-*; do
  found=1
  major=$(sed -n 's/^VERSION = //p' "$tree/Makefile") minor=$(sed -n 's/^PATCHLEVEL = //p' "$tree/Makefile")
  corpus_explained "$tree" "$major.$minor"
  # Verdicts of a given version only on the trees that stay (sid's newest moves every few weeks).
  case $major.$minor in
    5.10 | 6.1 | 6.12) ;;
    *) echo "ok   $tree ($target: builds, every corpus verdict explained)"; continue ;;
  esac
  if [[ -n $subset && $major.$minor != 6.12 ]]; then
    echo "ok   $tree ($target: corpus; its hunts run in the dev suite)"; continue
  fi
  case $target in
    iova)
      # From v5.17 on the tree's own dma-iommu.c runs above iova.c (docs/kernel-dma-iommu.md).
      if [[ $major.$minor != 5.10 ]]; then
        expect "$tree" "the tree's dma-iommu.c was not built" "dma-iommu.c + iova.c" \
          replay "$corpus/bug-on-seed003.trace" --impl kernel
      fi
      # The known upstream finding (IOVA-RCACHE-DUP): an unmap of a never-mapped IOVA is cached.
      expect "$tree" "IOVA-RCACHE-DUP not found" "FAIL: I-CLIENT violated" check --seed 1 --runs 300 --hunt I-CLIENT
      expect "$tree" "the real iova.c crashed" "no I-ROBUST violated" check --seed 1 --runs 300 --hunt I-ROBUST
      # A tree whose free_iova_fast() spins forever: the watchdog makes it I-TERM, not a hang.
      # Its path has a blank, which every file's -D literal must survive.
      spun_top=$(mktemp -d) && spun="$spun_top/a tree"
      for f in $("$dmacheck" kernel --target iova --files); do
        [[ -f $tree/$f ]] && mkdir -p "$spun/$(dirname "$f")" && cp "$tree/$f" "$spun/$f"
      done
      sed -i '/^free_iova_fast(/{n;s/^{$/{ for (volatile int dmk_spin = 1; dmk_spin;) ;/}' "$spun/drivers/iommu/iova.c"
      expect "$spun" "a spinning iova.c was not reported" "FAIL: I-TERM violated" check --seed 1 --runs 100 --hunt I-TERM
      rm -rf "$spun_top" ;;
    swiotlb)
      # SW-RELEASE-OOB: freeing the last allocation of a pool that is not whole segments
      # reads past the slot array, on every version.
      expect "$tree" "SW-RELEASE-OOB not found" "FAIL: S-ROBUST violated" check --seed 1 --runs 300 --hunt S-ROBUST
      # SW-DEADLOCK: still in 6.1.y (the watchdog reports it); fixed by v6.3.
      if ((major < 6 || (major == 6 && minor < 3))); then
        # A plain check names it among every invariant the tree breaks (no --hunt needed).
        expect "$tree" "a plain check did not name SW-DEADLOCK" "violated, each with its own trace above: .*S-TERM" \
          check --seed 1 --runs 300
      else
        expect "$tree" "a search that should end hung" "no S-TERM violated" check --seed 1 --runs 300 --hunt S-TERM
      fi ;;
  esac
  echo "ok   $tree ($target)"
done
if ((!found)); then
  echo "no kernel trees under $trees: run scripts/kernel-trees.sh (skipped)"
  exit 77
fi
exit $failed
