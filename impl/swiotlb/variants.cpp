// The SWIOTLB variant registry and bug table, as docs/swiotlb.md states them (its version
// table, triggers and bug table); ids not yet checked against the public record are marked
// "[unverified]".
#include <algorithm>

#include "impl/swiotlb/variant.h"

namespace dmacheck::impl {

namespace {

Rules rulesFor(SwState search) {
  Rules r;
  r.search = search;
  r.direction = atLeast(search, SwState::Sw3) ? DirectionRule::MapAlways : DirectionRule::ByDirection;
  r.bounce = atLeast(search, SwState::Sw10) ? BounceRule::SignedAdjust : BounceRule::WarnBeforeStart;
  r.coherent = atLeast(search, SwState::Sw8) ? CoherentRule::OrderAligned : CoherentRule::PlainSearch;
  r.pageGuardOnAlloc = atLeast(search, SwState::Sw8);
  r.listStopsAtPoolEnd = atLeast(search, SwState::Sw7);
  r.maxMappingMinusMinAlign = true;
  r.releaseByCallerSize = false;
  r.perAreaIndex = atLeast(search, SwState::Sw3);
  return r;
}

Rules legacyRules() {
  Rules r = rulesFor(SwState::Sw0);
  r.bounce = BounceRule::SlotOffset;
  r.maxMappingMinusMinAlign = false;
  r.releaseByCallerSize = true;
  r.listStopsAtPoolEnd = false;
  return r;
}

Rules with(Rules r, BounceRule bounce, bool maxMinusMinAlign, bool listStops) {
  r.bounce = bounce;
  r.maxMappingMinusMinAlign = maxMinusMinAlign;
  r.listStopsAtPoolEnd = listStops;
  return r;
}

Rules withDirection(Rules r, DirectionRule direction) {
  r.direction = direction;
  return r;
}

// Debian's 6.1.192 (6.1.y): the v6.0 search with one hunk of the v6.9 series backported.
Rules stableMaskRules() {
  Rules r = with(rulesFor(SwState::Sw3), BounceRule::WarnBeforeStart, true, false);
  r.minAlignMaskedByAlloc = true;
  return r;
}

Rules proposalRules() {
  Rules r = with(rulesFor(SwState::Sw11), BounceRule::SignedAdjust, true, true);
  r.countWrapDistance = r.strideFromComparedBits = r.alignOnFullAddress = true;
  r.releaseStopsAtPoolEnd = r.alignSizeIn64Bits = true;
  return r;
}

std::vector<Variant> buildVariants() {
  using B = BounceRule;
  return {
      {"linux-5.11", {"linux-5.10", "linux-5.4"}, "SW-0", "(before 1f221a0d0dbf)", "<= v5.11",
       "legacy search: no min_align_mask, page stride for maps >= PAGE_SIZE, one pool index",
       legacyRules(), {}},
      {"linux-5.12", {"1f221a0d0dbf"}, "SW-1", "1f221a0d0dbf", "v5.12",
       "respects min_align_mask; bounce ignores the in-slot offset",
       with(rulesFor(SwState::Sw1), B::StoredOrig, false, false), {}},
      {"linux-5.13", {"linux-5.14", "5f89468e2f06"}, "SW-1", "1f221a0d0dbf 5f89468e2f06", "v5.13 - v5.14",
       "bounce adds the in-slot offset correction as a 32-bit unsigned value",
       with(rulesFor(SwState::Sw1), B::Unsigned32Adjust, false, false), {}},
      {"linux-5.15", {"f4111e39a52a", "868c9ddc182b"}, "SW-1b", "f4111e39a52a [unverified id] 868c9ddc182b",
       "v5.15", "swiotlb_alloc for restricted-DMA pools; bounce WARNs before the mapping start",
       with(rulesFor(SwState::Sw1b), B::WarnBeforeStart, false, false), {}},
      {"linux-5.16", {"e81e99bacc9f"}, "SW-2", "e81e99bacc9f", "v5.16",
       "alloc_align_mask only widens the stride",
       with(rulesFor(SwState::Sw2), B::WarnBeforeStart, false, false), {}},
      {"linux-5.17", {"ddbd89deb7d3"}, "SW-2", "e81e99bacc9f ddbd89deb7d3", "v5.17",
       "info-leak fix: every map bounces to the device, DMA_FROM_DEVICE too, unless DMA_ATTR_SKIP_CPU_SYNC",
       withDirection(with(rulesFor(SwState::Sw2), B::WarnBeforeStart, false, false), DirectionRule::MapUnlessSkipSync),
       {}},
      {"aa6f8dcbab47", {"linux-5.18-rework"}, "SW-2", "ddbd89deb7d3 aa6f8dcbab47", "v5.18-rc1 (mid-merge-window)",
       "rework of the info-leak fix: every map and every sync for the device bounces orig -> tlb (reverted in "
       "bddac7c1e02b after the ath9k report)",
       withDirection(with(rulesFor(SwState::Sw2), B::WarnBeforeStart, false, false), DirectionRule::AlwaysForDevice),
       {}},
      {"linux-5.18", {"linux-5.19", "901c7280ca0d"}, "SW-2",
       "e81e99bacc9f + max mapping size minus min_align; 901c7280ca0d after the revert bddac7c1e02b", "v5.18 - v5.19",
       "swiotlb_max_mapping_size() leaves room for the min_align offset; every map bounces, syncs by direction",
       withDirection(with(rulesFor(SwState::Sw2), B::WarnBeforeStart, true, false), DirectionRule::MapAlways), {}},
      {"linux-6.0", {"linux-6.1", "linux-6.2", "20347fca71a3"}, "SW-3", "20347fca71a3", "v6.0 - v6.2",
       "per-CPU areas, each with its own index; do..while until the index wraps",
       with(rulesFor(SwState::Sw3), B::WarnBeforeStart, true, false), {}},
      {"linux-6.1.y", {"linux-6.1.192"}, "SW-3b", "20347fca71a3 + the masking of 51b30ecb73b4 (stable backport)",
       "6.1.y stable (read from Debian's 6.1.192)",
       "v6.0's search and deadlock, comparing only the min_align bits above alloc_align_mask, without pre-padding",
       stableMaskRules(), {}},
      {"7c3940bf81e5", {"linux-6.3-rc2"}, "SW-4", "7c3940bf81e5", "v6.3-rc",
       "search bounded by slots_checked (deadlock fixed)",
       with(rulesFor(SwState::Sw4), B::WarnBeforeStart, true, false), {}},
      {"0eee5ae10256", {"linux-6.3-rc4"}, "SW-5", "0eee5ae10256", "v6.3-rc",
       "start at area.index without ALIGN; min_align bits masked by alloc_align_mask (braino)",
       with(rulesFor(SwState::Sw5), B::WarnBeforeStart, true, false), {}},
      {"linux-6.3", {"linux-6.4", "linux-6.5", "linux-6.6", "bbb73a103fbb", "79636caad361"}, "SW-6",
       "bbb73a103fbb (+79636caad361 transient pools in v6.6)", "v6.3 - v6.6.2",
       "mask = M | A | page bits, all compared against orig (the seed-000 state)",
       with(rulesFor(SwState::Sw6), B::WarnBeforeStart, true, false), {}},
      {"linux-6.7", {"linux-6.8", "linux-6.6.3", "53c87e846e33"}, "SW-6", "bbb73a103fbb 53c87e846e33",
       "v6.6.3 - v6.8", "free-run lengths stop at the pool end (CVE-2023-52790 fixed)",
       with(rulesFor(SwState::Sw6), B::WarnBeforeStart, true, true), {}},
      {"04867a7a3332", {}, "SW-7", "04867a7a3332 (without 823353b7cf0e, cbf53074a528)", "v6.9-rc1 (mid-series)",
       "A checked against zero; stride from max(A, M) and umax(stride, PAGE_SHIFT - 10)",
       with(rulesFor(SwState::Sw7), B::WarnBeforeStart, true, true), {}},
      {"51b30ecb73b4", {"linux-6.6.y-sw8", "cbf53074a528", "823353b7cf0e"}, "SW-8",
       "04867a7a3332 823353b7cf0e cbf53074a528 51b30ecb73b4",
       "v6.9-rc1 (mid-series); 6.6.y stable window without 14cebf689a78",
       "both masks separated; coherent allocations aligned to their page order",
       with(rulesFor(SwState::Sw8), B::WarnBeforeStart, true, true), {}},
      {"14cebf689a78", {"linux-6.9-rc1"}, "SW-9", "14cebf689a78", "v6.9-rc1",
       "page alignment reinstated for maps >= PAGE_SIZE with M == A == 0",
       with(rulesFor(SwState::Sw9), B::WarnBeforeStart, true, true), {}},
      {"linux-6.9", {"af133562d5af", "e8068f2d756d"}, "SW-10", "af133562d5af e8068f2d756d", "v6.9",
       "pre-padding slots; signed bounce offset", with(rulesFor(SwState::Sw10), B::SignedAdjust, true, true), {}},
      // A stable state no release has: 6.6.y took the v6.9 padding and alignment series in
      // 6.6.35 but not e8068f2d756d's signed bounce offset until 6.6.88. Its bugs are listed,
      // not taken from the history order it stands outside of.
      {"linux-6.6.y", {"linux-6.6.35"}, "SW-10b", "af133562d5af and the v6.9 alignment series, without e8068f2d756d",
       "6.6.35 - 6.6.87 (stable)", "v6.9's pre-padding and alignment; the bounce still WARNs before the mapping start",
       with(rulesFor(SwState::Sw10), B::WarnBeforeStart, true, true),
       {"SW-PARTIAL-SYNC", "SW-RELEASE-OOB", "SW-GRANULE-TAIL", "SW-WRAP-SKIP", "SW-BOUNDARY-ALIGN", "SW-ALLOC-STRIDE"}},
      {"linux-6.10", {"linux-6.11", "linux-6.12", "mainline", "latest", "327e2c97c46a"}, "SW-11",
       "327e2c97c46a", "v6.10 - mainline", "mapping size rounded up to alloc_align_mask + 1",
       with(rulesFor(SwState::Sw11), B::SignedAdjust, true, true), {}},
      {"proposal-wrap-distance", {"dmacheck-fix"}, "SW-11+", "327e2c97c46a + dmacheck proposal (not upstream)",
       "none (candidate fix)", "linux-6.10 where a wrapping jump counts only the slots it passed, swiotlb_alloc's "
       "stride ignores min_align bits it never compares, and alignment is checked on the unmasked address",
       proposalRules(), {}},
  };
}

std::vector<BugRecord> buildBugs() {
  // Each bug: id, summary, introduced, fixed, invariants, trigger ops, trigger, first variant
  // that has it, first variant that no longer has it. Variants are in history order.
  return {
      {"SW-NO-MINALIGN", "min_align_mask ignored: the bounce buffer loses the original's offset (NVMe)",
       "(original design)", "1f221a0d0dbf (v5.12)", {"S-MINALIGN"}, 1, "M=0xfff, orig low bits 0x200, map 0x200",
       false, "linux-5.11", "linux-5.12"},
      {"SW-ORIG-OFFSET", "bounce copies from the slot's orig_addr, ignoring the in-slot offset",
       "1f221a0d0dbf (v5.12)", "5f89468e2f06 (v5.13)", {"S-BOUNCE"}, 2,
       "M=0xfff, orig low bits 0x123, map 0x1000, sync 0x100 at tlb+0x200 (CE-S10)", false, "linux-5.12", "linux-5.13"},
      {"SW-DEADLOCK", "search never returns to its start index: endless loop under the lock",
       "1f221a0d0dbf (v5.12)", "7c3940bf81e5 (v6.3)", {"S-TERM"}, 5,
       "pool not full but no free slot with orig's parity, start index even and non-zero (CE-S6)", false, "linux-5.12",
       "7c3940bf81e5"},
      {"SW-INFO-LEAK", "a DMA_FROM_DEVICE map is not initialised from the buffer: the device reads, and the unmap "
       "copies back where the device did not write, what the slots' previous user left (CVE-2022-0854)",
       "(original design)", "ddbd89deb7d3 (v5.17)", {"S-DEVDATA", "S-CPUDATA"}, 1,
       "map dma=from-device: the device reads the pool's old contents", false, "linux-5.11", "linux-5.17"},
      {"SW-SKIP-SYNC-LEAK", "a map with DMA_ATTR_SKIP_CPU_SYNC is not initialised from the buffer either: the "
       "attribute takes precedence over the info-leak fix", "(original design); kept by ddbd89deb7d3 and again by the "
       "revert bddac7c1e02b", "aa6f8dcbab47, kept by 901c7280ca0d (v5.18-rc1)", {"S-DEVDATA"}, 1,
       "map skip_cpu_sync=1: the device reads the pool's old contents", false, "linux-5.11", "aa6f8dcbab47"},
      {"SW-SYNC-CLOBBER", "a sync for the device of a DMA_FROM_DEVICE map copies the CPU's buffer over what the "
       "device wrote (the ath9k regression of the rework)", "aa6f8dcbab47 (v5.18-rc1)",
       "bddac7c1e02b (revert); 901c7280ca0d reinstated only the map bounce", {"S-DEVDATA"}, 3,
       "map dma=from-device, device-write, sync dir=device: the device's bytes are gone", false, "aa6f8dcbab47",
       "linux-5.18"},
      {"SW-MAXMAP-MINALIGN", "swiotlb_max_mapping_size ignores min_align_mask: a max-size map never fits",
       "1f221a0d0dbf (v5.12)", "v5.18 [unverified id]", {"S-COMPLETE"}, 1, "M=0xfff, orig offset 0x800, map 256K",
       false, "linux-5.12", "linux-5.18"},
      {"SW-PARTIAL-SYNC", "partial sync in the first bytes of a later slot copies wrong bytes or none",
       "5f89468e2f06 (32-bit wrap), 868c9ddc182b (WARN path)", "e8068f2d756d (v6.9)", {"S-BOUNCE"}, 2,
       "M=0xfff, orig offset 0x600, sync at 2nd slot + 0x100 (CE-S9)", false, "linux-5.13", "linux-6.9"},
      {"SW-NOTALIGNED", "alloc_align_mask not honoured: an untrusted device sees a neighbour slot",
       "82612d66d51d (v5.15); e81e99bacc9f only widened the stride", "04867a7a3332/51b30ecb73b4 (v6.9)",
       {"S-ALLOCALIGN"}, 1, "64K pages, A=0xffff, M=0xfff, orig bit 11 set (CE-S4)", false, "linux-5.11", "04867a7a3332"},
      {"SW-COHERENT-ORDER", "swiotlb_alloc ignores dma_alloc_coherent's page-order alignment",
       "f4111e39a52a (v5.15) [unverified id]", "cbf53074a528 (v6.9-rc1)", {"S-ALLOCALIGN", "S-DISJ"}, 1,
       "alloc 8K from an even, non-8K-aligned slot", false, "linux-5.11", "51b30ecb73b4"},
      {"SW-TRANSIENT-OOB", "free-run lengths ignore the pool end: allocation past the last slot "
       "(CVE-2023-52790; latent for pools that are not whole segments)",
       "79636caad361 (v6.6) made it reachable", "53c87e846e33 (v6.7, 6.6.3)", {"S-ROBUST", "S-BOUNDS", "S-MD"}, 1,
       "2-slot pool, slot 0 rejected for alignment -> slots 1..2 (CE-S8)", false, "linux-5.11", "linux-6.7"},
      {"SW-STABLE-MASK", "dmacheck finding on Debian's 6.1.192: the search compares only the min_align bits "
       "above alloc_align_mask, but the map keeps only the bits below 2 KiB: the bits of orig between them are "
       "lost (NVMe behind a 64K-granule IOMMU sees the wrong offset)",
       "a 6.1.y backport of 51b30ecb73b4's masking without af133562d5af's pre-padding",
       "not in 6.1.192 (upstream: af133562d5af, v6.9)", {"S-MINALIGN"}, 1,
       "64K pages, A=0xffff, M=0xfff, orig low12 0xa00: tlb low12 0x200 (CE-S4)", false, "linux-6.1.y", "7c3940bf81e5"},
      {"SW-STRIDE-SHIFT", "dmacheck finding: for maps >= PAGE_SIZE the stride is the min_align stride shifted by "
       "PAGE_SHIFT - 11, a product where a maximum was meant: on 16K pages with min_align 0xffff a 16K map strides "
       "256 slots and never reaches the free 64K-aligned slots of a 128-slot pool",
       "1f221a0d0dbf (v5.12)", "0eee5ae10256 (v6.3-rc; not in 6.1.y as of 6.1.192)", {"S-COMPLETE"}, 2,
       "16K pages, M=0xffff: map 1 byte at slot 0, then a 16K map of orig 0x10000 finds no space", false, "linux-5.12",
       "0eee5ae10256"},
      {"SW-RELEASE-OOB", "dmacheck finding: a release merges with slots[index + nslots] whenever it lies in the "
       "same 128-slot segment, even past the pool end: freeing the last allocation of a pool that is not whole "
       "segments reads one slot past the kcalloc'd array (KASAN slab-out-of-bounds) and folds what it finds into "
       "the freed slots' free-run lengths",
       "(original design); reachable since restricted-DMA pools (v5.15) of a size not a multiple of 256 KiB",
       "not fixed upstream (see proposal-wrap-distance)", {"S-ROBUST"}, 2,
       "4-slot pool: map 8K (slots 0-3), unmap it: the merge reads slots[4]", false, "linux-5.11",
       "proposal-wrap-distance"},
      {"SW-GRANULE-TAIL", "dma-iommu's alloc_size (granule-rounded size, then + min_align offset) does not reach "
       "the end of the granule holding the last byte: the untrusted device sees the next slots",
       "82612d66d51d (v5.15) with the offset of 1f221a0d0dbf", "327e2c97c46a (v6.10) rounds after adding the offset",
       {"S-ALLOCALIGN"}, 1, "A=0x1fff, M=0x1fff, orig offset 0x600, map 0x2000", false, "linux-5.11", "linux-6.10"},
      {"SW-BRAINO", "min_align bits masked by alloc_align_mask: offset lost", "0eee5ae10256 (v6.3-rc)",
       "bbb73a103fbb (v6.3-rc)", {"S-MINALIGN"}, 1, "M=0xfff, A=0, orig low12 0x9a0, map 0x200 (CE-S3)",
       false, "0eee5ae10256", "linux-6.3"},
      {"SW-DBLALLOC", "swiotlb_alloc returns a page that shares a slot with another allocation (seed 000)",
       "0eee5ae10256 (v6.3-rc)", "04867a7a3332 + cbf53074a528 (+823353b7cf0e, 14cebf689a78) (v6.9)",
       {"S-DISJ"}, 2, "map 0x800 (slot 0), then alloc 0x2000 -> slots 1..4 (CE-S1)", false, "0eee5ae10256", "51b30ecb73b4"},
      {"SW-PAGEALIGN-LOST", "maps >= PAGE_SIZE no longer page aligned", "0eee5ae10256 (v6.3)",
       "partly bbb73a103fbb; properly 14cebf689a78", {"S-PAGE"}, 1,
       "index 1, map 8K page-aligned orig, M=A=0 (CE-S2c); SW-6: orig bit 11 set", false, "0eee5ae10256", "14cebf689a78"},
      {"SW-PAGEMASK-OFFSET", "forced page alignment compared against orig: 256K map fails on an empty pool",
       "bbb73a103fbb (v6.3-rc)", "04867a7a3332 (v6.9)", {"S-COMPLETE"}, 1,
       "M=0, A=0, orig bit 11 set, map 256K (CE-S2)", false, "linux-6.3", "04867a7a3332"},
      {"SW-BOTHMASKS", "alloc_align_mask and min_align bits contradict: request always fails",
       "04867a7a3332 (v6.9-rc1)", "51b30ecb73b4 (v6.9-rc1)", {"S-COMPLETE"}, 1,
       "A=0xffff, M=0xfff, orig bit 11 set (CE-S4)", false, "04867a7a3332", "51b30ecb73b4"},
      {"SW-STRIDE-PARITY", "stride 2 from an odd start index visits only odd slots: 256K map fails",
       "04867a7a3332 (v6.9-rc1)", "14cebf689a78 (v6.9-rc1)", {"S-COMPLETE"}, 3,
       "map+unmap 0x800 (index 1), then map 256K with M=A=0 (CE-S2b)", false, "04867a7a3332", "14cebf689a78"},
      {"SW-PREPAD", "min_align bits above the slot size dropped when A covers them", "51b30ecb73b4 (v6.9-rc1)",
       "af133562d5af (v6.9)", {"S-MINALIGN"}, 1, "A=0xfff, M=0xfff, orig low12 0xfa0, map 0x100 (CE-S5)",
       false, "51b30ecb73b4", "linux-6.9"},
      {"SW-WRAP-SKIP", "dmacheck finding: after the index wraps to 0, the re-sync steps and the full stride "
       "charged for the wrapping jump exhaust slots_checked before every aligned slot was probed",
       "7c3940bf81e5 (v6.3) bounded the loop by slots_checked", "not fixed upstream (see proposal-wrap-distance)",
       {"S-COMPLETE"}, 3, "alignment wider than the pool start's, index past the last aligned slot", false, "7c3940bf81e5",
       "proposal-wrap-distance"},
      {"SW-BOUNDARY-ALIGN", "dmacheck finding: alignment is checked on the pool's DMA address masked by the "
       "device's segment boundary, so min_align/alloc_align bits wider than the boundary are checked on the wrong "
       "address", "1f221a0d0dbf (v5.12) compared slot_addr(tbl_dma_addr, i)",
       "not fixed upstream (see proposal-wrap-distance)", {"S-MINALIGN", "S-ALLOCALIGN"}, 1,
       "seg_boundary=0x3fff, min_align=0x3ffff, pool start 0x40004000, map orig 0x10000", false, "linux-5.12",
       "proposal-wrap-distance"},
      {"SW-ALLOC-STRIDE", "dmacheck finding: swiotlb_alloc (orig 0) never compares min_align bits but still "
       "strides by them (M & ~A, e.g. stride 25 for M=0xffff, A=0x3fff), jumping over aligned free slots",
       "f4111e39a52a (v5.15) [unverified id]", "not fixed upstream (see proposal-wrap-distance)", {"S-COMPLETE"}, 4,
       "M=0xffff, 48-slot pool: maps at slots 8 and 40, then two 16K allocs; the second jumps 8 -> 33", false, "linux-5.15", "proposal-wrap-distance"},
      {"SW-ALIGN-WRAP", "dmacheck finding: alloc_align_mask 0xffffffff: ALIGN(size, alloc_align_mask + 1) adds the 1 "
       "in unsigned int, aligns to 0 and searches for 0 slots: BUG_ON(!nslots)", "327e2c97c46a (v6.10)",
       "not fixed upstream (no in-tree caller passes a 4 GiB granule's mask; see proposal-wrap-distance)",
       {"S-ROBUST"}, 1, "map size 1 with align=0xffffffff", false, "linux-6.10", "proposal-wrap-distance"},
  };
}

// Variants are listed in history order; a bug belongs to every variant from its first
// variant up to (not including) the one that fixed it. A stable-branch state lists its own.
void attachBugs(std::vector<Variant>& variants, const std::vector<BugRecord>& bugs) {
  std::vector<bool> listed(variants.size());
  for (std::size_t i = 0; i < variants.size(); ++i) listed[i] = !variants[i].knownBugs.empty();
  auto position = [&](const std::string& name) {
    for (std::size_t i = 0; i < variants.size(); ++i)
      if (variants[i].name == name) return i;
    return variants.size();
  };
  for (const BugRecord& bug : bugs) {
    const std::size_t from = position(bug.firstVariant);
    const std::size_t to = bug.fixedInVariant.empty() ? variants.size() : position(bug.fixedInVariant);
    for (std::size_t i = from; i < to && i < variants.size(); ++i)
      if (!listed[i]) variants[i].knownBugs.push_back(bug.id);
  }
}

}  // namespace

const Catalogue<Rules>& swiotlbCatalogue() {
  static const Catalogue<Rules> catalogue = [] {
    Catalogue<Rules> c{buildVariants(), buildBugs()};
    attachBugs(c.variants, c.bugs);
    return c;
  }();
  return catalogue;
}

const Variant& latestSwiotlbVariant() { return *swiotlbCatalogue().findVariant("linux-6.10"); }

}  // namespace dmacheck::impl
