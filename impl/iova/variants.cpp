// The IOVA variant registry and bug table, as docs/iova.md states them with public commit
// ids; ids not yet checked against the public record are marked "[unverified]". Findings of dmacheck itself are marked "(dmacheck finding)".
#include <algorithm>

#include "impl/iova/variant.h"

namespace dmacheck::impl::iova {

namespace {

// Each generation is the one before with the rules its commits changed (iova_rules.h).
Rules v4_12() {
  Rules r;
  r.inclusiveWalk = true;
  r.underflowGuard = r.max32Shortcut = r.retryAboveCached = r.rcacheChecksRangeEnd = r.flushDepotOnFailure = false;
  r.warnOnUnknownPfn = r.depotList = r.singleQueue = r.runtimeLazySwitch = false;
  return r;
}

Rules v4_14() {
  Rules r = v4_12();
  r.underflowGuard = true;
  return r;
}

Rules v5_4() {
  Rules r = v4_14();
  r.inclusiveWalk = r.max32ResetOnAnyFree = false;
  r.rcacheChecksRangeEnd = r.max32Shortcut = true;
  return r;
}

Rules v5_10() {
  Rules r = v5_4();
  r.warnOnUnknownPfn = true;
  return r;
}

Rules v5_15() {
  Rules r = v5_10();
  r.retryAboveCached = r.flushDepotOnFailure = r.runtimeLazySwitch = true;
  r.fqPublishedAfterInit = false;
  return r;
}

Rules v6_1() {
  Rules r = v5_15();
  r.max32ResetOnAnyFree = r.fqPublishedAfterInit = true;
  return r;
}

Rules v6_12() {
  Rules r = v6_1();
  r.depotList = r.singleQueue = true;
  return r;
}

Rules proposal() {
  Rules r = v6_12();
  r.freeOnlyIfUnmapped = r.max32RemembersLimit = true;
  return r;
}

Rules s390(AllocatorKind kind) {
  Rules r;
  r.allocator = kind;
  return r;
}

std::vector<Variant> buildVariants() {
  return {
      {"linux-4.12", {"linux-4.9", "linux-4.7"}, "IOVA-4.7", "(before 5016bdb796b3)", "v4.7 - v4.12",
       "inclusive-limit walk that wraps below a node at pfn 0; range caches with a 32-magazine array depot",
       v4_12(), {"IOVA-UNDERFLOW", "IOVA-START-PFN", "IOVA-BELOW-START", "IOVA-RCACHE-LIMIT", "IOVA-BUG-ON", "IOVA-DEPOT-NOFLUSH",
                 "IOVA-RCACHE-DUP"}},
      {"linux-4.14", {"5016bdb796b3", "linux-4.13"}, "IOVA-4.13", "5016bdb796b3", "v4.13 - v4.14",
       "the walk stops at pfn 0; start_pfn itself still cannot be allocated", v4_14(),
       {"IOVA-START-PFN", "IOVA-BELOW-START", "IOVA-RCACHE-LIMIT", "IOVA-BUG-ON", "IOVA-DEPOT-NOFLUSH",
        "IOVA-RCACHE-DUP"}},
      {"linux-5.4", {"linux-5.1", "linux-5.8", "bee60e94a1e2"}, "IOVA-5.1",
       "973f5fbedb07 [unverified id] bee60e94a1e2", "v5.1 - v5.8",
       "exclusive-limit top-down search from cached nodes, 32-bit shortcut, no retry, BUG_ON on unknown cached pfns",
       v5_4(), {"IOVA-MAX32-COUPLING", "IOVA-MAX32-LIMIT", "IOVA-NO-RETRY", "IOVA-DEPOT-NOFLUSH", "IOVA-BUG-ON",
                "IOVA-RCACHE-DUP"}},
      {"linux-5.10", {"linux-5.9", "d3e3d2be688b"}, "IOVA-5.9", "d3e3d2be688b", "v5.9 - v5.10",
       "unknown cached pfns are WARNed and skipped", v5_10(),
       {"IOVA-MAX32-COUPLING", "IOVA-MAX32-LIMIT", "IOVA-NO-RETRY", "IOVA-DEPOT-NOFLUSH", "IOVA-RCACHE-DUP"}},
      {"linux-5.15", {"bf3aed4660c6"}, "IOVA-5.15", "4e89dce72521 6fa3525b455a bf3aed4660c6", "v5.15 - v5.18-rc",
       "retry above the cached node, depot flushed on failure, runtime DMA -> DMA_FQ switch publishing the queue early",
       v5_15(), {"IOVA-MAX32-COUPLING", "IOVA-MAX32-LIMIT", "FQ-INIT-RACE", "IOVA-RCACHE-DUP"}},
      {"linux-6.1", {"linux-5.19", "linux-6.6", "5b61343b5059"}, "IOVA-5.18", "5b61343b5059 + FQ init fix",
       "v5.19 - v6.6", "any free below 4 GiB resets the 32-bit shortcut; queues set up before publication", v6_1(),
       {"IOVA-MAX32-LIMIT", "IOVA-RCACHE-DUP"}},
      {"linux-6.12", {"linux-6.7", "linux-6.6-latest", "32d5bc8b09c7"}, "IOVA-6.7", "32d5bc8b09c7 9f5b681e2a3f",
       "v6.7 - today", "depot as a trimmed list; one global flush queue (32768 / 1000 ms for shadowing IOMMUs)",
       v6_12(), {"IOVA-MAX32-LIMIT", "IOVA-RCACHE-DUP"}},
      {"proposal-checked-unmap", {"proposal"}, "IOVA-P", "dmacheck proposal on v6.12", "(not merged)",
       "frees only what the unmap really cleared; the 32-bit shortcut remembers the failed limit and alignment",
       proposal(), {}},
      {"s390-4.4", {"s390-next-bit"}, "S390-1", "pci_dma.c next_bit scheme", "v3.8 - v4.6",
       "s390 bitmap: lazy frees push next_bit past them, the wrap flushes", s390(AllocatorKind::S390NextBit),
       {"S390-SILENT-UNMAP"}},
      {"s390-6.6", {"s390-lazy-bitmap"}, "S390-2", "pci_dma.c lazy_bitmap scheme", "v4.7 - v6.6",
       "s390 bitmap: lazy frees wait in lazy_bitmap until a failed search flushes globally",
       s390(AllocatorKind::S390LazyBitmap), {"S390-SILENT-UNMAP"}},
  };
}

std::vector<BugRecord> buildBugs() {
  return {
      {"IOVA-UNDERFLOW", "the walk below a node at pfn 0 wraps the limit to ~0: a range at the top of the space",
       "original allocator", "5016bdb796b3 (v4.13)", {"I-LIMIT", "I-DISJ"}, 3,
       "start_pfn 1, reserve 0-0, map 2 limit 3 twice => [-2, -1]"},
      {"IOVA-START-PFN", "the walk's final check is off by one: a range starting at start_pfn is never handed out",
       "original allocator", "973f5fbedb07 [unverified id] (v4.15)", {"I-COMPLETE"}, 1,
       "start_pfn 2, map 2 limit 3 => refused though [2, 3] is free"},
      {"IOVA-BELOW-START", "(dmacheck finding) the walk before v4.15 accepts a gap above a node below start_pfn "
       "without checking start_pfn: a reserved range below start_pfn lets it hand out pfns under start_pfn",
       "original allocator", "973f5fbedb07 [unverified id] (v4.15, the walk was rewritten)", {"I-LIMIT"}, 2,
       "start_pfn 4, reserve 0-1, map 1 limit 3 => pfn 3"},
      {"IOVA-RCACHE-LIMIT", "the range cache compares a cached pfn_lo with the limit, so the range ends above it",
       "rcache introduction 9257b4a206fc [unverified id] (v4.7)", "\"Make rcache limit_pfn handling more robust\" (~v4.15)",
       {"I-LIMIT"}, 3, "map 2 (high), unmap it, map 2 with a limit inside that range"},
      {"IOVA-BUG-ON", "a pfn that is not allocated (IOVA 0 from a bogus unmap) crashes when its magazine is freed",
       "rcache introduction (v4.7)", "d3e3d2be688b (v5.9)", {"I-ROBUST", "I-CLIENT", "I-RCACHE"}, 2,
       "unmap pfn 0 (never mapped), then the CPU goes offline"},
      {"IOVA-NO-RETRY", "the search only goes down from the cached node; space above it is never found",
       "cached-node search (v4.15)", "4e89dce72521 (v5.11)", {"I-COMPLETE"}, 6,
       "alloc 500M, 12M, 499M of 1G; free the 12M; alloc 13M; alloc 2M fails"},
      {"IOVA-DEPOT-NOFLUSH", "on failure only the per-CPU magazines are emptied, free IOVAs stay in the depot",
       "rcache introduction (v4.7)", "6fa3525b455a (v5.11)", {"I-COMPLETE"}, 8,
       "fill the space, park freed IOVAs in a depot magazine, ask for their space"},
      {"IOVA-MAX32-COUPLING", "the 32-bit shortcut is reset only when cached32_node moves",
       "bee60e94a1e2 (v5.1)", "5b61343b5059 (v5.18)", {"I-COMPLETE"}, 8,
       "dma32=64: map 16, 16, 8; unmap the 2nd; map 2; map 16 fails; unmap the 8; map 16 fails"},
      {"IOVA-MAX32-LIMIT", "(dmacheck finding) the 32-bit shortcut ignores the limit and alignment of the failure "
       "that set it: a failure under a low DMA mask refuses a 32-bit request that fits", "bee60e94a1e2 (v5.1)",
       "not fixed (dmacheck proposal)", {"I-COMPLETE"}, 3,
       "map 2 limit 3 twice (the second fails), map 2 limit 63 refused though [62, 63] is free"},
      {"IOVA-RCACHE-DUP", "a double unmap (or an unmap of an IOVA never mapped) puts the pfn in a range cache or "
       "flush queue anyway: two later maps get the same IOVA", "design (seed 003)", "not fixed (WARN only)",
       {"I-CLIENT", "I-RCACHE", "I-DISJ", "I-NOLEAK"}, 3, "map 1, unmap it, unmap it again"},
      {"FQ-INIT-RACE", "the DMA -> DMA_FQ switch publishes the flush queue before it is set up: an unmap racing "
       "with it is lost", "bf3aed4660c6 (v5.15)", "\"Fix race condition during iova_domain initialization\" "
       "[unverified id] (~v5.19)", {"I-NOLEAK", "FQ-SAFE"}, 2, "map 1, switch to lazy while another CPU unmaps it"},
      {"S390-SILENT-UNMAP", "(dmacheck finding) the legacy s390 unmap never looks at the PTEs: an unmap of a range "
       "that is not mapped goes unreported, and its bits are freed (or marked lazy) anyway; once the range is handed "
       "out again, the next wrap frees it under its new owner", "pci_dma.c", "c76c067e488c (v6.7: dma-iommu WARNs)",
       {"I-CLIENT", "I-DISJ", "I-NOLEAK"}, 1,
       "unmap pfn 0, never mapped"},
  };
}

}  // namespace

const Catalogue<Rules>& iovaCatalogue() { return builtCatalogue<buildVariants, buildBugs>(); }

}  // namespace dmacheck::impl::iova
