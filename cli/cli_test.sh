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
# --expect INV (for bisect): exit 1 exactly when INV is violated, whatever else is.
expect 1 "--expect S-DISJ: violated (exit 1)" -- replay "$corpus/seed000-vsock-exact-log.trace" --impl linux-6.3 --expect S-DISJ
expect 0 "--expect S-TERM: not violated (exit 0)" -- replay "$corpus/seed000-vsock-exact-log.trace" --impl linux-6.3 --expect S-TERM
expect 2 "--expect S-NOPE is not a swiotlb invariant" -- replay "$corpus/seed000-vsock-exact-log.trace" --expect S-NOPE
expect 0 "expected for linux-6.10: pass (matches)" -- replay "$corpus/seed000-vsock-exact-log.trace" --impl linux-6.10
expect 0 "0 failed" -- corpus "$corpus"
# With --impl, which variants' expect lines the implementation's verdicts match (the judge by behaviour).
expect 0 "swiotlb linux-6.3 behaves as linux-6.3: the same verdict as their expect lines on all" -- corpus "$corpus" --impl linux-6.3
expect 0 '"nearest"' -- corpus "$corpus" --impl linux-6.3 --json
expect 0 '"name": "linux-6.3"' -- list --json
expect 0 "SW-DBLALLOC" -- list
self=$(readlink -f "$bin")
expect 1 "replay: $self replay $tmp/out/" -- check --impl linux-6.3 --seed 3 --runs 1000 --out "$tmp/out"
expect 0 "OK: 200 cases" -- check --impl proposal-wrap-distance --seed 3 --runs 200
# Every invariant a variant breaks, each with its own trace; --first stops at the first.
expect 1 "10 invariants violated, each with its own trace above: S-MD, S-ALLOCALIGN" -- check --impl linux-6.3 --seed 3 --runs 1000 --out "$tmp/out"
expect 1 "stopping at the first violation" -- check --impl linux-6.3 --seed 3 --runs 1000 --first --out "$tmp/out"
expect 2 "--hunt excludes --first" -- check --impl linux-6.3 --first --hunt S-DISJ

# Fuzzing: bad arguments, and a libFuzzer input (not a trace) replayed like a trace.
expect 2 "--fuzzer: no such file" -- fuzz --impl latest --fuzzer "$tmp/no-fuzzer" --out "$tmp/fz"
expect 2 "unknown swiotlb implementation 'nope'" -- fuzz --impl nope
expect 2 "--jobs" -- fuzz --impl latest --jobs 0
expect 2 "--hunt" -- fuzz --impl latest --hunt S-NOTHING
printf '\x00\x00\x00\x00\x00\x00\x0f\x00\x00\x00\x00\x00' >"$tmp/input.bin"   # header + one map
expect 0 "OK: all 1 steps hold" -- replay "$tmp/input.bin" --impl latest
expect 0 "map orig=0x10000 size=0x800" -- replay "$tmp/input.bin" --impl latest

# Proofs: bad names, one proved theorem, one refuted with its trace replayed.
expect 2 "unknown swiotlb theorem 'nope' (theorems: map-minalign" -- prove --theorem nope
expect 2 "unknown swiotlb implementation 'nope'" -- prove --impl nope
expect 0 "proved" -- prove --impl proposal-wrap-distance --theorem map-page --out "$tmp/pr"
expect 0 "replay reports S-COMPLETE" -- prove --impl linux-6.10 --theorem checked-counts-passed-slots --out "$tmp/pr"
expect 2 "unknown iova theorem 'nope'" -- prove --target iova --theorem nope
expect 2 "no chosen theorem applies" -- prove --target iova --impl s390-6.6
expect 2 "unknown target 'nvme'" -- prove --target nvme
expect 0 "replay reports I-LIMIT" -- prove --target iova --impl linux-4.12 --theorem walk-limit-below-node --out "$tmp/pr"
expect 1 "VIOLATED: I-LIMIT" -- replay "$tmp/pr/iova-linux-4.12-walk-limit-below-node.trace"
expect 1 "S-COMPLETE" -- replay "$tmp/pr/swiotlb-linux-6.10-checked-counts-passed-slots.trace"

expect 0 "replay reports V-ACCEPT" -- prove --target pagesize --impl linux-4.3 --theorem vfio-map-checks-exact --out "$tmp/pr"
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
mkdir -p "$tmp/tree" && printf 'VERSION = 5\nPATCHLEVEL = 4\nSUBLEVEL = 0\n' >"$tmp/tree/Makefile"
expect 125 "dmacheck kernel builds trees from v5.10 on; older logic is the re-implemented variants" -- kernel --src "$tmp/tree" --target iova
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\n' >"$tmp/tree/Makefile"
expect 125 "lacks drivers/iommu/iova.c (needed for --target iova)" -- kernel --src "$tmp/tree" --target iova
expect 125 "lacks kernel/dma/swiotlb.c (needed for --target swiotlb)" -- kernel --src "$tmp/tree" --target swiotlb
expect 2 "dmacheck kernel needs --target: swiotlb" -- kernel --src "$tmp/tree"
mkdir -p "$tmp/tree/kernel/dma" "$tmp/tree/include/linux"
printf 'static void swiotlb_init_io_tlb_mem(struct io_tlb_mem *mem, phys_addr_t start,\n\t\tunsigned long nslabs, bool late_alloc)\n' >"$tmp/tree/kernel/dma/swiotlb.c"
touch "$tmp/tree/include/linux/swiotlb.h" "$tmp/tree/include/linux/iommu-helper.h"
expect 125 "sets its pool up in a way the swiotlb harness does not know" -- kernel --src "$tmp/tree" --target swiotlb --build-dir "$tmp/kb"
expect 0 "kernel/dma/swiotlb.c" -- kernel --target swiotlb --files
expect 0 "drivers/iommu/iova.c" -- kernel --target iova --files
expect 2 "runs check, fuzz, replay, corpus, zoo or workload on a tree's code, not 'prove'" -- kernel --src "$tmp/tree" --target iova prove

# Workloads: bad settings, a short run with the checker.
expect 2 "fq_size 100 is not a power of two" -- workload --setting percpu:100:10
expect 2 "give both the queue size and the timeout" -- workload --setting single:4096
expect 2 "workloads exist for the iova target only" -- workload --target swiotlb
expect 0 "checker: every invariant holds" -- workload --impl proposal-checked-unmap --ios 500 --check
# What the generator made: the flush-queue timer's ticks, and the JSON form.
expect 0 "    tick ms: " -- check --target iova --impl proposal-checked-unmap --seed 1 --runs 300 --stats
expect 0 '"generated"' -- check --target iova --impl proposal-checked-unmap --seed 1 --runs 50 --stats --json

# Hostile input: every case ends with exit 2 (or its own verdict code) and a line naming the
# rule and the value; nothing crashes and nothing passes silently.
expect 0 "dmacheck 0.16 (trace format v1)" -- --version
expect 0 "--runs INT:INT in [1 - 100000000]=10000" -- check --help
expect 0 "--time FLOAT:FLOAT in [5 - 1e+07]=60" -- fuzz --help
# Files that are not traces.
expect 2 "'$tmp' is a directory, not a file" -- replay "$tmp"
expect 2 "'/dev/null' is not a regular file" -- replay /dev/null
expect 2 "'/dev/zero' is not a regular file" -- replay /dev/zero
: >"$tmp/empty.trace"
expect 2 "the file is empty: neither a trace nor a fuzzer input" -- replay "$tmp/empty.trace"
expect 2 "the file is empty" -- corpus "$tmp/empty.trace"
expect 2 "cannot read file '$tmp/nope.trace'" -- replay "$tmp/nope.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8\ndevice name="ab\033[2Jcd"\n' >"$tmp/esc.trace"
expect 2 "only printable ASCII is allowed in a quoted value, found byte 0x1b" -- replay "$tmp/esc.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8 # bell\007\n' >"$tmp/bel.trace"
expect 2 "a comment holds the control byte 0x07" -- replay "$tmp/bel.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8\nmap orig=0x1000 size=0x10\x00\n' >"$tmp/nul.trace"
expect 2 "found byte 0x00" -- replay "$tmp/nul.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\ntarget iova\n' >"$tmp/twice.trace"
expect 2 "'target' appears twice" -- replay "$tmp/twice.trace"
printf '# dmacheck trace v1\ntarget nvme\n' >"$tmp/nvme.trace"
expect 2 "unknown target 'nvme' (known targets: swiotlb, iova, pagesize)" -- replay "$tmp/nvme.trace"
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=99999999999999999999\n' >"$tmp/big.trace"
expect 2 "slots" -- replay "$tmp/big.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8 slots=9\n' >"$tmp/dup.trace"
expect 2 "line 3" -- replay "$tmp/dup.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8\nfrobnicate x=1\n' >"$tmp/kw.trace"
expect 2 "line 4" -- replay "$tmp/kw.trace" --impl latest
printf '# dmacheck trace v1\ntarget swiotlb\npool start=0x40000000 slots=8\nmap orig=zz size=0x10\n' >"$tmp/num.trace"
expect 2 "line 4" -- replay "$tmp/num.trace" --impl latest
# Expectations must name what exists, and a disagreeing one is its own exit code.
trace expect-unknown.trace $'pool start=0x40000000 slots=8\nexpect linux-9.9 pass\nmap orig=0x1000 size=16\n'
expect 2 "'expect' names 'linux-9.9', which is no swiotlb variant" -- replay "$tmp/expect-unknown.trace" --impl latest
expect 2 "'expect' names 'linux-9.9', which is no swiotlb variant" -- corpus "$tmp/expect-unknown.trace"
trace expect-verdict.trace $'pool start=0x40000000 slots=8\nexpect * S-NOPE\nmap orig=0x1000 size=16\n'
expect 2 "'expect' verdict 'S-NOPE' is neither 'pass' nor a swiotlb invariant" -- replay "$tmp/expect-verdict.trace" --impl latest
trace expect-wrong.trace $'pool start=0x40000000 slots=8\nexpect * S-DISJ\nmap orig=0x1000 size=16\n'
expect 3 "expected for linux-6.10: S-DISJ (DIFFERS)" -- replay "$tmp/expect-wrong.trace" --impl latest
expect 3 "0 passed, 1 failed" -- corpus "$tmp/expect-wrong.trace" --impl latest
expect 2 "); unknown pagesize implementation 'nope'" -- corpus "$corpus" --impl nope
expect 0 "skip (no swiotlb implementation 'proposal-account-once')" -- corpus "$corpus" "$corpus/../pagesize" --impl proposal-account-once
expect 0 "10 passed, 0 failed" -- corpus "$corpus/../pagesize" --impl proposal-account-once
# Numbers on the command line are parsed strictly.
for cmd in "check --impl latest" "fuzz --impl latest" "workload"; do
  # shellcheck disable=SC2086
  expect 2 "--seed: a seed is decimal digits, not '-1'" -- $cmd --seed -1
  # shellcheck disable=SC2086
  expect 2 "--seed: seed 18446744073709551616 is above 2^64-1" -- $cmd --seed 18446744073709551616
  # shellcheck disable=SC2086
  expect 2 "--seed: a seed is decimal digits, not '0x10'" -- $cmd --seed 0x10
  # shellcheck disable=SC2086
  expect 2 "--seed: a seed is decimal digits, not 'abc'" -- $cmd --seed abc
done
expect 2 "--first-seed: a seed is decimal digits, not '-3'" -- zoo --first-seed -3
expect 2 "--runs" -- check --impl latest --runs -1
expect 2 "--runs" -- check --impl latest --runs 1e3
expect 2 "--runs" -- check --impl latest --runs 100000001
expect 2 "--max-ops" -- check --impl latest --max-ops 0
expect 2 "--max-seeds" -- check --impl latest --hunt S-DISJ --max-seeds 0
expect 2 "--hunt: S-NOPE not in {S-ROBUST" -- check --impl latest --hunt S-NOPE
expect 2 "--hunt I-DISJ is not a swiotlb invariant" -- check --impl latest --hunt I-DISJ
expect 2 "--time: Value 1 not in range 5" -- fuzz --impl latest --time 1
expect 2 "--time: Value 4.9 not in range 5" -- fuzz --impl latest --time 4.9
expect 2 "--jobs" -- fuzz --impl latest --jobs 257
expect 2 "--seeds" -- zoo --seeds 0
expect 2 "--time: Value 2 not in range 5" -- zoo --engine fuzz --time 2
expect 2 "--engine" -- zoo --engine magic
expect 2 "--target" -- list --target nvme
expect 2 "--target" -- replay "$tmp/input.bin" --target nvme
expect 2 "unknown target 'nvme'" -- fuzz --target nvme --impl latest
expect 2 "unknown target 'nvme'" -- zoo --target nvme
# A fuzzer that is not this dmacheck's fuzzer of the target is refused before it runs.
expect 2 "--fuzzer '/bin/true' is not a dmacheck fuzzer: it did not answer the handshake" -- fuzz --impl latest --fuzzer /bin/true --out "$tmp/fz"
expect 2 "--fuzzer '$tmp' is a directory, not a fuzzer" -- fuzz --impl latest --fuzzer "$tmp" --out "$tmp/fz"
fuzzers=$(dirname "$(dirname "$self")")/../fuzz/fuzz
if [[ -x $fuzzers/iova_fuzz ]]; then
  expect 2 "fuzzes target iova, not swiotlb" -- fuzz --impl latest --fuzzer "$fuzzers/iova_fuzz" --out "$tmp/fz"
fi
# Output paths that cannot be made end with exit 2 naming the path, not a crash.
touch "$tmp/a-file"
expect 2 "cannot create directories: Not a directory [$tmp/a-file/out]" -- check --impl linux-6.3 --seed 3 --runs 1000 --out "$tmp/a-file/out"
tree612=$corpus/../../build/kernel-trees/linux-6.12
if [[ -d $tree612 ]]; then
  expect 2 "Not a directory [$tmp/a-file/k" -- kernel --src "$tree612" --target swiotlb --build-dir "$tmp/a-file/k"
  # A tree that calls what no shim provides: one line names the symbol, where, and the shims.
  mkdir -p "$tmp/newer" && cp -r "$tree612/." "$tmp/newer/"
  sed -i 's/^\(\t*\)arch_sync_dma_for_device(/\1arch_sync_dma_batched_for_device(/' "$tmp/newer/kernel/dma/swiotlb.c"
  expect 125 "this tree uses arch_sync_dma_batched_for_device (a function, at kernel/dma/swiotlb.c:" -- \
    kernel --src "$tmp/newer" --target swiotlb --build-dir "$tmp/kn" check
fi
# dmacheck kernel runs the tree's code, never a re-implementation.
expect 2 "runs the tree's code as --impl kernel, not '--impl linux-6.3'" -- kernel --src "$tmp/tree" --target swiotlb check --impl linux-6.3
expect 2 "runs the tree's code as --impl kernel, not '--impl linux-6.3'" -- kernel --src "$tmp/tree" --target swiotlb check --impl=linux-6.3
expect 2 "--target" -- kernel --src "$tmp/tree" --target pagesize check
expect 2 "unknown command 'frob'" -- frob --impl latest
expect 2 "The following argument was not expected: --colour" -- check --impl latest --colour

# Machine-readable results (docs/json.md): the frame, and the same exit codes.
expect 0 '"schema": "dmacheck-result/1"' -- replay "$tmp/no-impl.trace" --impl latest --json
expect 1 '"verdict": "S-DISJ"' -- replay "$corpus/seed000-vsock-exact-log.trace" --json
expect 3 '"expected": "S-DISJ"' -- replay "$tmp/expect-wrong.trace" --impl latest --json
expect 0 '"command": "corpus"' -- corpus "$corpus" --json
expect 1 '"invariant": "S-MD"' -- check --impl linux-6.3 --seed 1 --runs 100 --out "$tmp/out" --json
expect 0 '"verdict": "holds"' -- check --impl proposal-wrap-distance --seed 1 --runs 100 --json
expect 0 '"command": "prove"' -- prove --impl proposal-wrap-distance --theorem map-page --out "$tmp/pr" --json
expect 0 '"as_expected": true' -- prove --target iova --impl linux-4.12 --theorem walk-limit-below-node --out "$tmp/pr" --json
expect 0 '"command": "workload"' -- workload --ios 200 --json
if [[ -d $tree612 ]]; then
  expect 0 '"command": "kernel"' -- kernel --src "$tree612" --target swiotlb --build-dir "$tmp/kj" --json
fi

expect 1 "note: commit bbb73a103fbb9f0e0123456789abcdef01234567 matched on its first 12 digits (bbb73a103fbb): variant linux-6.3" -- \
  check --impl bbb73a103fbb9f0e0123456789abcdef01234567 --seed 1 --runs 1 --max-ops 1

# Found by the trace parser fuzzer: a CPU operand checked on every iova operation.
expect 2 "operation 1 (unmap-pfn pfn=0x0 size=0x1 cpu=7): cpu 7 is not below cpus=2" -- \
  replay "$corpus/../parser/unmap-pfn-cpu-out-of-range.input" --impl linux-6.12

# replay --svg: the space-time map of a run, for every target; well-formed, and it renders.
for pair in swiotlb:proposal-wrap-distance iova:proposal-checked-unmap pagesize:proposal-account-once; do
  t=${pair%%:*} first=$(ls "$corpus/../${pair%%:*}"/*.trace | head -1)
  out=$("$bin" replay "$first" --impl "${pair#*:}" --svg "$tmp/$t.svg" 2>&1)
  if [[ $out == *"picture: $tmp/$t.svg"* ]] && grep -q '</svg>' "$tmp/$t.svg" &&
     { ! command -v xmllint >/dev/null || xmllint --noout "$tmp/$t.svg"; } &&
     { ! command -v rsvg-convert >/dev/null || rsvg-convert "$tmp/$t.svg" -o "$tmp/$t.png"; }; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); printf 'FAIL: replay %s --svg: %s\n' "$first" "$(head -c 400 <<<"$out")"
  fi
done
expect 1 'picture:' -- replay "$corpus/seed000-vsock-exact-log.trace" --svg "$tmp/seed000.svg"
grep -q 'overlap' "$tmp/seed000.svg" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: seed 000's picture shows no overlap"; }
expect 1 "report: $tmp/rep/seed000.md (picture: $tmp/rep/seed000.svg)" -- report "$corpus/seed000-vsock-exact-log.trace" --md "$tmp/rep/seed000.md"
grep -q 'SW-DBLALLOC' "$tmp/rep/seed000.md" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: the report names no known bug"; }
expect 2 "holds on proposal-wrap-distance: there is nothing to report" -- report "$corpus/seed000-vsock-exact-log.trace" --impl proposal-wrap-distance
expect 2 "cannot write '/proc/dmacheck.svg'" -- replay "$corpus/seed000-vsock-exact-log.trace" --svg /proc/dmacheck.svg

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
