#!/usr/bin/env bash
# ctest corpus.expect_convention: every regression trace of every target has an
# `expect * <verdict>` default (and lists only the variants that differ from it).
# Usage: expect_convention_test.sh TARGET_CORPUS_DIR...
set -uo pipefail
traces=()
for dir in "$@"; do traces+=("$dir"/*.trace); done
missing=$(grep -L '^expect \* ' "${traces[@]}")
if [[ -n $missing ]]; then
  echo "no 'expect * <verdict>' default in:"; echo "$missing"
  exit 1
fi
echo "ok   ${#traces[@]} traces, each with an 'expect *' default"
