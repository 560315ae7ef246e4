#!/usr/bin/env bash
# ctest kernel.sources: the kernel trees come from the project's own sources list, so they
# can be fetched on a machine whose apt knows bookworm main only (a debootstrap root), where
# `apt-get install linux-source-6.12` fails. Offline part: the list derived from such a
# machine's sources names the security suite. Online part: every CI package resolves.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
packages() { DMACHECK_APT_DIR=$work/apt bash "$root/scripts/kernel-packages.sh" "$@" 2>&1; }

# One-line and deb822 sources of a bookworm-main-only machine.
printf 'deb http://mirror.invalid/debian bookworm main\n' >"$work/main-only.list"
printf 'Types: deb\nURIs: http://mirror.invalid/debian\nSuites: bookworm\nComponents: main\n' >"$work/main-only.sources"
for f in main-only.list main-only.sources; do
  out=$(DMACHECK_APT_SOURCES=$work/$f packages --sources-only bookworm-security:linux-source-6.12 bullseye:linux-source-5.10)
  grep -q '^deb .* http://mirror.invalid/debian-security bookworm-security main$' <<<"$out" ||
    fail "$f: no bookworm-security line in the derived sources: $out"
  grep -q '^deb .* http://mirror.invalid/debian bullseye main$' <<<"$out" || fail "$f: no bullseye line: $out"
done
# No Debian archive to take the mirror from: exit 2 naming the rule.
printf 'deb http://mirror.invalid/ubuntu jammy main\n' >"$work/other.list"
out=$(DMACHECK_APT_SOURCES=$work/other.list packages --sources-only bookworm-security:linux-source-6.12); status=$?
[[ $status -eq 2 && $out == *"no Debian archive"*"DMACHECK_DEBIAN_MIRROR"* ]] ||
  fail "sources without a Debian archive: exit $status, '$out'"
out=$(packages --sources-only linux-source-6.12); status=$?
[[ $status -eq 2 && $out == *"is not SUITE:PACKAGE"* ]] || fail "a package without suite: exit $status, '$out'"

# Online: the machine's mirror with bookworm main only still resolves every CI tree.
mirror=$(DMACHECK_APT_DIR=$work/apt bash "$root/scripts/kernel-packages.sh" --sources-only sid:x | sed -n 's/.*\] \([^ ]*\) sid main$/\1/p')
printf 'deb %s bookworm main\n' "$mirror" >"$work/machine-main-only.list"
out=$(DMACHECK_APT_SOURCES=$work/machine-main-only.list DMACHECK_APT_DIR=$work/apt \
      bash "$root/scripts/kernel-trees.sh" --print-uris 2>&1); status=$?
if [[ $status -ne 0 ]] || [[ $(grep -c "^'.*linux-source-.*_all.deb'" <<<"$out") -lt 4 ]]; then
  fail "the CI trees do not resolve from $mirror with bookworm main only (exit $status): $out"
fi
((failed)) || echo "ok   kernel trees resolve from a bookworm-main-only machine ($mirror)"
exit $failed
