#!/usr/bin/env bash
# The whole test suite: set up, then build and run every test twice, in the developer
# build and under AddressSanitizer + UndefinedBehaviorSanitizer, and fuzz our own trace
# parser with libFuzzer for a short while.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

fuzz_seconds=${DMACHECK_FUZZ_SECONDS:-30}

echo "== developer build"
cmake --preset dev >/dev/null
cmake --build --preset dev
echo "== kernel trees (Debian's linux-source 5.10, 6.1, 6.12 and sid's newest: only the files dmacheck kernel reads)"
bash scripts/kernel-trees.sh
ctest --preset dev --output-junit "$PWD/build/dev/junit.xml"   # JUnit for CI dashboards

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan --output-junit "$PWD/build/asan/junit.xml"

echo "== libFuzzer on the trace parser (${fuzz_seconds}s, ASan + UBSan)"
cmake --preset fuzz >/dev/null
# Every target with its fixed-logic variant, from the registry ("NAME FIXED-VARIANT" lines).
mapfile -t targets < <(./build/dev/cli/dmacheck list --targets)
names=("${targets[@]%% *}")
cmake --build --preset fuzz --target trace_parser_fuzz "${names[@]/%/_fuzz}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp corpus/parser/* "$work/"
for name in "${names[@]}"; do cp corpus/"$name"/*.trace "$work/"; done
./build/fuzz/fuzz/trace_parser_fuzz "$work" -max_total_time="$fuzz_seconds" -print_final_stats=1 \
  -artifact_prefix="$work/" 2>&1 | grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|ERROR|SUMMARY" || true
if compgen -G "$work/crash-*" >/dev/null || compgen -G "$work/leak-*" >/dev/null; then
  echo "trace parser fuzzing found a crash" >&2
  exit 1
fi

for entry in "${targets[@]}"; do
  name=${entry%% *} fixed=${entry#* }
  echo "== dmacheck fuzz on the fixed $name logic, $fixed (${fuzz_seconds}s, ASan + UBSan): no finding, no sanitizer report"
  ./build/dev/cli/dmacheck fuzz --target "$name" --impl "$fixed" --time "$fuzz_seconds" --seed 1 \
    --fuzzer "build/fuzz/fuzz/${name}_fuzz" --seed-corpus "corpus/$name" --out "$work/$name-campaign" | tail -n 4
done

echo "== faults during a campaign (full disk, SIGKILL, SIGTERM, killed libFuzzer, two campaigns, read-only --out)"
ctest --preset dev -R '^cli.faults$' --output-on-failure

echo "== ClusterFuzzLite build (.clusterfuzzlite/build.sh with the builder's variables, no Docker)"
bash scripts/check-clusterfuzzlite.sh

echo "== mutation testing, a fast subset (scripts/mutants.sh runs all of them with every engine)"
DMACHECK_MUTANT_ENGINES="corpus zoo" bash scripts/mutants.sh pagesize-split-count-zero swiotlb-free-slot-ge

# Every step above stops the script on a failure (set -e), so reaching here is the verdict.
echo "== summary: the dev and ASan+UBSan suites, the parser fuzzing, the campaigns, the faults, ClusterFuzzLite and the mutants all passed"
