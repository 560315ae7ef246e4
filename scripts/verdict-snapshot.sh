#!/usr/bin/env bash
# Writes what a dmacheck binary concludes, for comparing two builds before and after a change
# that must not change behaviour: the corpus verdicts, and for every variant of every target
# the minimised trace of `check` (seeds 1 and 2) and the `zoo --each-bug` rows. Times are
# stripped, so two snapshots of the same behaviour are identical:
#   scripts/verdict-snapshot.sh OLD_DMACHECK /tmp/before; scripts/verdict-snapshot.sh build/dev/cli/dmacheck /tmp/after
#   diff -r /tmp/before /tmp/after
# Usage: verdict-snapshot.sh DMACHECK OUT_DIR   (about 20 s)
set -uo pipefail
bin=$1 out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"
traces=$(mktemp -d)  # check's trace files name the binary; its printed trace is what is compared
trap 'rm -rf "$traces"' EXIT
untimed() { sed -E 's/[0-9]+\.[0-9]+ s\b/T s/g; s/ +[0-9]+\.[0-9]{3} +/ T /g'; }
mapfile -t targets < <("$bin" list --targets)
"$bin" corpus $(for t in "${targets[@]}"; do echo "corpus/${t%% *}"; done) >"$out/corpus.txt" 2>&1
for entry in "${targets[@]}"; do
  t=${entry%% *}
  for v in $("$bin" list --json --target "$t" | python3 -c 'import json,sys; [print(v["name"]) for x in json.load(sys.stdin)["targets"] for v in x["variants"]]'); do
    for seed in 1 2; do
      "$bin" check --target "$t" --impl "$v" --seed "$seed" --runs 1500 --out "$traces" 2>&1 |
        grep -v '^seed:\|^rerun:\|^trace:\|^replay:' | untimed >"$out/check-$t-$v-$seed.txt"
    done
    "$bin" zoo --target "$t" --impl "$v" --each-bug --seeds 2 2>&1 | untimed >"$out/zoo-$t-$v.txt"
  done
done
echo "verdict snapshot of $bin: $(ls "$out" | wc -l) files in $out"
