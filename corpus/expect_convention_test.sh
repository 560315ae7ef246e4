#!/usr/bin/env bash
# ctest corpus.expect_convention: every regression trace of every target has an
# `expect * <verdict>` default (and lists only the variants that differ from it).
# Usage: expect_convention_test.sh CORPUS_DIR
set -uo pipefail
missing=$(grep -L '^expect \* ' "$1"/*/*.trace)
if [[ -n $missing ]]; then
  echo "no 'expect * <verdict>' default in:"; echo "$missing"
  exit 1
fi
echo "ok   $(ls "$1"/*/*.trace | wc -l) traces, each with an 'expect *' default"
