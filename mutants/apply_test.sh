#!/usr/bin/env bash
# ctest mutants.apply: every mutant still applies to today's impl/ (a mutant that does not
# would make scripts/mutants.sh refuse to run; this says so in the dev suite, at once).
# Usage: apply_test.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 2
failed=0
for p in mutants/*.patch; do
  git apply --check "$p" 2>/dev/null || { echo "FAIL: $p no longer applies: regenerate it (mutants/README.md)"; failed=1; }
done
((failed)) && exit 1
echo "ok   $(ls mutants/*.patch | wc -l) mutants apply"
