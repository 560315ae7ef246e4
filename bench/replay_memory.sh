#!/usr/bin/env bash
# Peak memory of `dmacheck replay` on a long trace, as a multiple of the trace's size: a
# trace is read line by line and each step is printed and forgotten, so the peak is the
# file, the operations and the model's state. Writes an iova trace of MB megabytes (map and
# unmap pairs in a 2^20-granule domain) and replays it on linux-6.12.
#   bench/replay_memory.sh DMACHECK [MB] [MAX_RATIO]
# Exits 1 when the peak exceeds MAX_RATIO times the size (ctest bench.replay_memory runs it
# with 20 MB and 10).
set -euo pipefail
dmacheck=$1 megabytes=${2:-50} max_ratio=${3:-}
command -v /usr/bin/time >/dev/null || { echo "SKIP: /usr/bin/time (Debian package time) is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  printf '# dmacheck trace v1\ntarget iova\n'
  printf 'domain start_pfn=0x1 dma32_pfn=0x40000 end_pfn=0xfffff granule=4K cpus=2 mag_size=127 depot_max=32\n'
  printf 'unmap_mode mode=strict\n'
  pair=$'map size=0x2 limit=0xfffff aligned=1 cpu=0\nunmap live=0 cpu=0\n'
  block=$(for _ in $(seq 1000); do printf '%s' "$pair"; done)
  for _ in $(seq $((megabytes * 1000000 / ${#block}))); do printf '%s\n' "$block"; done
} >"$tmp/long.trace"
bytes=$(stat -c %s "$tmp/long.trace")
/usr/bin/time -f '%M %e' -o "$tmp/usage" "$dmacheck" replay "$tmp/long.trace" --impl linux-6.12 >"$tmp/out"
read -r peak_kb seconds <"$tmp/usage"
tail -n 1 "$tmp/out"
ratio=$(awk -v p="$peak_kb" -v b="$bytes" 'BEGIN { printf "%.2f", p * 1024 / b }')
echo "trace $((bytes / 1000000)) MB, $(grep -c . "$tmp/long.trace") lines: replay peaks at $((peak_kb / 1024)) MiB ($ratio x the trace) in $seconds s"
if [[ -n $max_ratio ]] && awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { exit !(r > m) }'; then
  echo "FAIL: peak memory is $ratio x the trace's size, more than $max_ratio x"
  exit 1
fi
