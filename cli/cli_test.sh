#!/usr/bin/env bash
# Command-line contract of `dmacheck`: exit codes and messages for good and bad input.
# Usage: cli_test.sh DMACHECK_BINARY CORPUS_DIR
set -u
bin=$1 corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# expect CODE PATTERN -- ARGS...: runs dmacheck ARGS, wants exit CODE and PATTERN in its output.
expect() {
  local code=$1 pattern=$2; shift 3
  local out status
  out=$("$bin" "$@" 2>&1); status=$?
  if [[ $status -eq $code && $out == *"$pattern"* ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL: dmacheck %s\n  wanted exit %s and "%s", got exit %s:\n%s\n' "$*" "$code" "$pattern" "$status" "$(head -c 600 <<<"$out")"
  fi
}

trace() { printf '# dmacheck trace v1\ntarget swiotlb\n%s' "$2" >"$tmp/$1"; }

expect 0 "list" -- --help
expect 0 "--impl" -- check --help
expect 2 "A subcommand is required" -- 
expect 2 "unknown command 'no-such-command' (commands: list, check" -- no-such-command
expect 2 "unknown swiotlb implementation 'linux-9.99'" -- check --impl linux-9.99
expect 2 "unknown target 'iommu-magic'" -- check --target iommu-magic --impl latest
expect 2 "--runs" -- check --impl latest --runs 0
expect 2 "--impl is required" -- check
expect 2 "cannot read file" -- replay "$tmp/missing.trace"
trace bad-version.trace ""; printf '# dmacheck trace v7\n' >"$tmp/bad-version.trace"
expect 2 "version 7 is not supported" -- replay "$tmp/bad-version.trace" --impl latest
trace bad-field.trace $'pool start=0x40000000 slots=8 colour=red\n'
expect 2 "line 3: 'pool' has no field 'colour'" -- replay "$tmp/bad-field.trace" --impl latest
trace bad-geometry.trace $'pool start=0x40000800 slots=8\n'
expect 2 "pool start must be page aligned" -- replay "$tmp/bad-geometry.trace" --impl latest
trace bad-op.trace $'pool start=0x40000000 slots=8\nmap orig=0 size=16\n'
expect 2 "operation 1 (map orig=0x0" -- replay "$tmp/bad-op.trace" --impl latest
trace no-impl.trace $'pool start=0x40000000 slots=8\nmap orig=0x1000 size=16\n'
expect 2 "give --impl NAME" -- replay "$tmp/no-impl.trace"
expect 2 "no expected verdict for" -- corpus "$tmp/no-impl.trace"
expect 2 "no such file or directory" -- corpus "$tmp/nothing-here"

# Good input: clean replay, a violation, corpus and list in both formats.
expect 0 "OK: all 1 steps hold" -- replay "$tmp/no-impl.trace" --impl latest
expect 1 "VIOLATED: S-DISJ at step 14" -- replay "$corpus/seed000-vsock-exact-log.trace"
expect 1 "got slot 1645-1649/7168 (0x98326800)" -- replay "$corpus/seed000-vsock-exact-log.trace"
expect 0 "expected for linux-6.10: pass (matches)" -- replay "$corpus/seed000-vsock-exact-log.trace" --impl linux-6.10
expect 0 "0 failed" -- corpus "$corpus"
expect 0 '"name": "linux-6.3"' -- list --json
expect 0 "SW-DBLALLOC" -- list
expect 1 "replay: dmacheck replay $tmp/out/" -- check --impl linux-6.3 --seed 3 --runs 1000 --out "$tmp/out"
expect 0 "OK: 200 cases" -- check --impl proposal-wrap-distance --seed 3 --runs 200

# Fuzzing: bad arguments, and a libFuzzer input (not a trace) replayed like a trace.
expect 2 "--fuzzer: no such file" -- fuzz --impl latest --fuzzer "$tmp/no-fuzzer" --out "$tmp/fz"
expect 2 "unknown swiotlb implementation 'nope'" -- fuzz --impl nope
expect 2 "--jobs" -- fuzz --impl latest --jobs 0
expect 2 "--hunt" -- fuzz --impl latest --hunt S-NOTHING
printf '\x00\x00\x00\x00\x00\x00\x0f\x00\x00\x00\x00\x00' >"$tmp/input.bin"   # header + one map
expect 0 "OK: all 1 steps hold" -- replay "$tmp/input.bin" --impl latest
expect 0 "map orig=0x10000 size=0x800" -- replay "$tmp/input.bin" --impl latest

# Proofs: bad names, one proved theorem, one refuted with its trace replayed.
expect 2 "unknown theorem 'nope' (theorems: map-minalign" -- prove --theorem nope
expect 2 "unknown swiotlb implementation 'nope'" -- prove --impl nope
expect 0 "proved" -- prove --impl proposal-wrap-distance --theorem map-page --out "$tmp/pr"
expect 0 "replay reports S-COMPLETE" -- prove --impl linux-6.10 --theorem checked-counts-passed-slots --out "$tmp/pr"
expect 2 "unknown iova theorem 'nope'" -- prove --target iova --theorem nope
expect 2 "no chosen theorem applies" -- prove --target iova --impl s390-6.6
expect 2 "unknown target 'nvme'" -- prove --target nvme
expect 0 "replay reports I-LIMIT" -- prove --target iova --impl linux-4.12 --theorem walk-limit-below-node --out "$tmp/pr"
expect 1 "VIOLATED: I-LIMIT" -- replay "$tmp/pr/iova-linux-4.12-walk-limit-below-node.trace"
expect 1 "S-COMPLETE" -- replay "$tmp/pr/linux-6.10-checked-counts-passed-slots.trace"

expect 0 "replay reports V-ACCEPT" -- prove --target pagesize --impl linux-4.3 --theorem vfio-map-checks-exact
expect 2 "unknown pagesize theorem 'nope'" -- prove --target pagesize --theorem nope

# Page sizes: a malformed header, a bad domain list, a finding replayed, the corpus.
printf '# dmacheck trace v1\ntarget pagesize\ncontainer host_page=8K domains=0x1000\n' >"$tmp/ps1.trace"
expect 2 "host_page 0x2000 is not 4K, 16K or 64K" -- replay "$tmp/ps1.trace" --impl latest
printf '# dmacheck trace v1\ntarget pagesize\ncontainer host_page=4K domains=0x1000,0x4000\n' >"$tmp/ps2.trace"
expect 2 "the domains share no page size" -- replay "$tmp/ps2.trace" --impl latest
expect 1 "V-ACCOUNT at step 2" -- replay "$corpus/../pagesize/alias-accounting-finding.trace" --impl linux-6.12
expect 0 "100 passed, 0 failed" -- corpus "$corpus/../pagesize"
printf 'target pagesize\ncontainer host_page=4K domains=0x1000\nsgtable size=0x1000\n' >"$tmp/ps3.trace"
expect 2 "its first line is not '# dmacheck trace v1'" -- replay "$tmp/ps3.trace"
printf '# dmacheck trace v1\ntarget pagesize\ncontainer host_page=4K domains=0x1000\nsgtable size=0\n' >"$tmp/ps4.trace"
expect 2 "sgtable size 0x0 is not in 1..0x4000000" -- replay "$tmp/ps4.trace" --impl latest

# Real kernel trees: what a tree lacks is named.
expect 2 "dmacheck kernel needs --src LINUX_TREE" -- kernel --target iova check
expect 2 "no Makefile: give the top of a Linux source tree" -- kernel --src "$tmp/none" --target iova
mkdir -p "$tmp/tree" && printf 'VERSION = 5\nPATCHLEVEL = 10\nSUBLEVEL = 0\n' >"$tmp/tree/Makefile"
expect 2 "dmacheck kernel handles trees from v5.15 on" -- kernel --src "$tmp/tree" --target iova
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n' >"$tmp/tree/Makefile"
expect 2 "lacks drivers/iommu/iova.c (needed for --target iova)" -- kernel --src "$tmp/tree" --target iova
expect 2 "lacks kernel/dma/swiotlb.c (needed for --target swiotlb)" -- kernel --src "$tmp/tree" --target swiotlb
mkdir -p "$tmp/tree/kernel/dma" "$tmp/tree/include/linux"
printf 'static void swiotlb_init_io_tlb_mem(struct io_tlb_mem *mem, phys_addr_t start,\n\t\tunsigned long nslabs, bool late_alloc)\n' >"$tmp/tree/kernel/dma/swiotlb.c"
touch "$tmp/tree/include/linux/swiotlb.h" "$tmp/tree/include/linux/iommu-helper.h"
expect 2 "its swiotlb.c predates per-CPU areas (v6.0)" -- kernel --src "$tmp/tree" --target swiotlb --build-dir "$tmp/kb"
expect 0 "kernel/dma/swiotlb.c" -- kernel --target swiotlb --files
expect 0 "drivers/iommu/iova.c" -- kernel --target iova --files
expect 2 "runs check, fuzz, replay, corpus, zoo or workload on a tree's code, not 'prove'" -- kernel --src "$tmp/tree" --target iova prove

# Workloads: bad settings, a short run with the checker.
expect 2 "fq_size 100 is not a power of two" -- workload --setting percpu:100:10
expect 2 "give both the queue size and the timeout" -- workload --setting single:4096
expect 2 "workloads exist for the iova target only" -- workload --target swiotlb
expect 0 "checker: every invariant holds" -- workload --impl proposal-checked-unmap --ios 500 --check

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
