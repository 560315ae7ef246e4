#!/usr/bin/env bash
# ctest kernel.bisect: a git repository built from Debian's 6.12 and 6.1 trees (only the files
# the harnesses read) as three commits, 6.12 -> 6.1 -> a later touch; the deadlock of CE-S6
# (S-TERM) comes with the second. `dmacheck bisect` and `git bisect run` with `dmacheck kernel
# ... replay --expect S-TERM` must both name it; an untestable tree exits 125, a bad --rev 2.
# Also checks that paths with spaces and quotes reach the compiler intact. Skips (77) without trees.
# Usage: bisect_test.sh DMACHECK TREES TRACE WORK_DIR
set -uo pipefail
dmacheck=$(realpath "$1") trees=$2 trace=$(realpath "$3") work=$4
[[ -d $trees/linux-6.1 && -d $trees/linux-6.12 ]] || { echo "skip: no 6.1 and 6.12 trees in $trees"; exit 77; }
repo="$work/it's a repo" build="$work/build dir"
rm -rf "$work" && mkdir -p "$repo" || exit 1
mapfile -t files < <("$dmacheck" kernel --files)
put() {
  git -C "$repo" rm -rq --ignore-unmatch . >/dev/null
  for f in "${files[@]}"; do
    [[ -f $trees/$1/$f ]] && mkdir -p "$repo/$(dirname "$f")" && cp "$trees/$1/$f" "$repo/$f"
  done
  git -C "$repo" add -A && git -C "$repo" commit -qm "$2"
}
git -C "$repo" init -q && git -C "$repo" config user.email dmacheck@example.org && git -C "$repo" config user.name dmacheck
put linux-6.12 "linux 6.12"
put linux-6.1 "linux 6.1: the search that deadlocks"
echo "/* a later change */" >>"$repo/kernel/dma/swiotlb.c" && git -C "$repo" commit -qam "a later change"
first_bad=$(git -C "$repo" rev-parse --short HEAD~1)
failed=0

start=$(date +%s%N)
out=$("$dmacheck" bisect --git "$repo" --good HEAD~2 --bad HEAD --trace "$trace" --target swiotlb --expect S-TERM \
      --build-dir "$build" 2>&1)
ms=$((($(date +%s%N) - start) / 1000000))
grep -q "first bad commit: $first_bad linux 6.1" <<<"$out" || { echo "FAIL: dmacheck bisect"; echo "$out"; failed=1; }
echo "dmacheck bisect named $first_bad in $ms ms (3 commits tested, each built)"
# Without --expect and --target: the trace's target, and what it breaks on --bad.
out=$("$dmacheck" bisect --git "$repo" --good HEAD~2 --bad HEAD --trace "$trace" --build-dir "$build" 2>&1)
grep -q "^--expect S-TERM: " <<<"$out" && grep -q "first bad commit: $first_bad linux 6.1" <<<"$out" ||
  { echo "FAIL: dmacheck bisect without --expect"; echo "$out"; failed=1; }

out=$(cd "$repo" && git bisect start HEAD HEAD~2 >/dev/null &&
      git bisect run "$dmacheck" kernel --src . --target swiotlb --build-dir "$build" replay "$trace" --stop-at-first \
        --expect S-TERM 2>&1; git bisect reset >/dev/null 2>&1)
grep -q "is the first bad commit" <<<"$out" && grep -q "$(git -C "$repo" rev-parse HEAD~1)" <<<"$out" ||
  { echo "FAIL: git bisect run"; echo "$out"; failed=1; }

# --patch: applied to a scratch copy (the repository's files stay as they are); one that does not apply is exit 2.
tree61="$trees/linux-6.1"
mkdir -p "$work/p/a/kernel/dma" "$work/p/b/kernel/dma"
cp "$tree61/kernel/dma/swiotlb.c" "$work/p/a/kernel/dma/" && cp "$tree61/kernel/dma/swiotlb.c" "$work/p/b/kernel/dma/"
echo "/* a patched line */" >>"$work/p/b/kernel/dma/swiotlb.c"
(cd "$work/p" && diff -u a/kernel/dma/swiotlb.c b/kernel/dma/swiotlb.c >"../fix's.patch")
out=$("$dmacheck" kernel --src "$tree61" --patch "$work/fix's.patch" --target swiotlb --build-dir "$build" replay "$trace" \
      --expect S-TERM 2>&1)
grep -q -- "--expect S-TERM: violated" <<<"$out" || { echo "FAIL: --patch"; echo "$out"; failed=1; }
sed 's/a patched line/another line/; s/^ \(.\)/ X\1/' "$work/fix's.patch" >"$work/stale.patch"
"$dmacheck" kernel --src "$tree61" --patch "$work/stale.patch" --target swiotlb --build-dir "$build" >/dev/null 2>&1
status=$?
[[ $status == 2 ]] || { echo "FAIL: a patch that does not apply exits $status, not 2"; failed=1; }

mkdir -p "$work/an empty tree" && printf "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n" >"$work/an empty tree/Makefile"
"$dmacheck" kernel --src "$work/an empty tree" --target swiotlb replay "$trace" >"$work/untestable.out" 2>&1
status=$?
[[ $status == 125 ]] || { echo "FAIL: an untestable tree exits $status, not 125"; failed=1; }
"$dmacheck" kernel --git "$repo" --rev no-such-rev --target swiotlb >/dev/null 2>&1
status=$?
[[ $status == 2 ]] || { echo "FAIL: a bad --rev exits $status, not 2"; failed=1; }
((failed)) && exit 1
echo "ok   bisect, git bisect run, --patch, exit 125 and paths with a space and a quote"
