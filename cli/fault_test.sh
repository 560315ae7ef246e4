#!/usr/bin/env bash
# ctest cli.faults: a fuzz campaign under faults loses nothing and ends clearly. Full disk
# (small tmpfs), SIGKILL of dmacheck, SIGTERM, a killed libFuzzer child, two campaigns in
# one --out, a read-only --out. Needs a swiotlb fuzzer (build/fuzz or build/fuzz-nosan) and,
# for the tmpfs cases, root; skips (77) with the reason otherwise.
# Usage: fault_test.sh DMACHECK
set -uo pipefail
bin=$(readlink -f "$1")
fuzzer=
for preset in fuzz fuzz-nosan; do
  candidate=$(dirname "$(dirname "$(dirname "$bin")")")/$preset/fuzz/swiotlb_fuzz
  [[ -x $candidate ]] && fuzzer=$candidate && break
done
[[ -n $fuzzer ]] || { echo "no swiotlb_fuzz built next to $bin (cmake --preset fuzz): skipped"; exit 77; }
work=$(mktemp -d)
mounts=()
cleanup() {
  pkill -9 -f "$work/" 2>/dev/null
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0
check() {  # check WHAT CONDITION...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
# A campaign on linux-6.3 (or IMPL); run in the background as `fuzz ... &`, it is the
# dmacheck process itself (exec), so $! is its pid.
fuzz() { exec "$bin" fuzz --impl "${IMPL:-linux-6.3}" --seed 1 --fuzzer "$fuzzer" "$@"; }
no_empty_files() { [[ -z $(find "$1" -type f -size 0) ]]; }
findings_replay() {  # every trace under $1/findings replays with a verdict (exit 1)
  local f
  for f in "$1"/findings/*.trace; do
    [[ -f $f ]] || return 1
    "$bin" replay "$f" >/dev/null; [[ $? -eq 1 ]] || return 1
  done
}

# SIGKILL of dmacheck: every finding printed so far is on disk, replays, and is in stats.json.
fuzz --time 60 --out "$work/kill" >"$work/kill.log" 2>&1 &
pid=$!
for _ in $(seq 1 40); do grep -q "^FINDING" "$work/kill.log" && break; sleep 0.25; done
sleep 1
kill -9 "$pid"; wait "$pid" 2>/dev/null
pkill -9 -f "swiotlb_fuzz $work/kill" 2>/dev/null
printed=$(grep -c "^FINDING" "$work/kill.log")
check "SIGKILL: $printed printed findings, all on disk" [ "$printed" -gt 0 -a "$(ls "$work/kill/findings" | wc -l)" -eq "$printed" ]
check "SIGKILL: the findings replay" findings_replay "$work/kill"
check "SIGKILL: stats.json lists them" grep -q "\"invariant\"" "$work/kill/stats.json"

# SIGTERM: an orderly end with the summary.
fuzz --time 60 --out "$work/term" >"$work/term.log" 2>&1 &
pid=$!
sleep 4; kill -TERM "$pid"; wait "$pid"
check "SIGTERM: summary printed" grep -q "^Interrupted after" "$work/term.log"

# Two campaigns in one --out, and a killed libFuzzer child.
IMPL=proposal-wrap-distance fuzz --time 30 --out "$work/two" >"$work/two.log" 2>&1 &
pid=$!
sleep 3
out=$( (fuzz --time 10 --out "$work/two") 2>&1); status=$?
check "a second campaign in the same --out is refused" [ $status -eq 2 ] 
check "  ... saying why" grep -q "another dmacheck fuzz campaign is running" <<<"$out"
pkill -9 -f "swiotlb_fuzz $work/two/corpus" 2>/dev/null
sleep 3; kill -INT "$pid"; wait "$pid"
check "a killed libFuzzer child is reported with its signal" grep -q "libFuzzer was killed by signal 9" "$work/two.log"

if [[ $(id -u) -ne 0 ]]; then
  echo "not root: the full-disk and read-only cases need a tmpfs mount (skipped)"; skipped=3
else
  mkdir -p "$work/tiny" "$work/small" "$work/ro"
  mount -t tmpfs -o size=64k tmpfs "$work/tiny" && mounts+=("$work/tiny")
  start=$(date +%s%N)
  out=$( (fuzz --time 30 --out "$work/tiny/c") 2>&1); status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  check "64 KiB tmpfs: exit 2 in ${ms} ms" [ $status -eq 2 -a $ms -lt 5000 ]
  check "64 KiB tmpfs: no zero-byte file" no_empty_files "$work/tiny"
  mount -t tmpfs -o size=1600k tmpfs "$work/small" && mounts+=("$work/small")
  fuzz --time 60 --out "$work/small/c" >"$work/small.log" 2>&1 &
  pid=$!
  sleep 4
  dd if=/dev/zero of="$work/small/fill" bs=4k count=200 2>/dev/null
  filled=$(date +%s%N)
  wait "$pid"; status=$?
  ms=$(( ($(date +%s%N) - filled) / 1000000 ))
  check "disk full during a campaign: exit 2 within 1 s of it (${ms} ms)" [ $status -eq 2 -a $ms -lt 1500 ]
  check "  ... naming the rule" grep -q "KiB free (the campaign needs" "$work/small.log"
  check "  ... no zero-byte file" no_empty_files "$work/small"
  check "  ... the findings so far replay" findings_replay "$work/small/c"
  mount -t tmpfs -o size=1m,ro tmpfs "$work/ro" && mounts+=("$work/ro")
  out=$( (fuzz --time 10 --out "$work/ro/c") 2>&1); status=$?
  check "read-only --out: exit 2 naming it" [ $status -eq 2 ]
  check "  ... Read-only file system" grep -q "Read-only file system" <<<"$out"
fi
# Same seed, same result: two campaigns with one seed stop at the same first finding, and
# its minimised trace is the same (comments, which hold times, left out).
for run in a b; do (fuzz --time 30 --stop-at-first --out "$work/same-$run") >/dev/null 2>&1; done
body() { grep -hv '^#' "$work/same-$1"/findings/*.trace 2>/dev/null; }
check "same seed, same minimised finding" [ -n "$(body a)" -a "$(body a)" == "$(body b)" ]

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
