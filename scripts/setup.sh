#!/usr/bin/env bash
# Installs what dmacheck needs to build and test, all from Debian 12's own archive, or the
# packages given as arguments (scripts/kernel-trees.sh). Idempotent: installs only what is
# missing (so it is quick on a machine already set up).
set -euo pipefail

packages=(
  clang libclang-rt-14-dev   # compiler, libFuzzer and sanitizer runtimes
  cmake ninja-build          # build
  librapidcheck-dev          # property-based testing
  libgtest-dev               # unit tests
  libz3-dev                  # Z3 proofs (proofs/)
  libfmt-dev libcli11-dev nlohmann-json3-dev  # formatting, command line, JSON output
  time                       # peak memory of a replay (bench/replay_memory.sh)
  libxml2-utils librsvg2-bin # the tests check replay --svg pictures are well-formed and render
)
(($#)) && packages=("$@")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "dmacheck setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
