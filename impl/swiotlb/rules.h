#pragma once
// Rules: the one typed description of a SWIOTLB version's logic. Every rule-dependent
// formula (impl/swiotlb/search_rules.h) takes it whole, so SlotPool and the proofs cannot
// pass a variant's arithmetic a field it does not have, or forget one: a field a call site
// leaves out does not compile, and a default never stands in for the variant's value.
#include "impl/swiotlb/sw_state.h"

namespace dmacheck::impl {

// How swiotlb_bounce() turns a tlb address into the original address (docs/swiotlb.md,
// CE-S9, CE-S10).
enum class BounceRule {
  SlotOffset,       // <= v5.11: slot's orig_addr + in-slot offset (no min_align offset exists)
  StoredOrig,       // v5.12: slot's orig_addr, in-slot offset ignored (SW-ORIG-OFFSET)
  Unsigned32Adjust, // 5f89468e2f06: adds (in-slot - align offset) as a 32-bit unsigned
  WarnBeforeStart,  // 868c9ddc182b: WARNs and skips when in-slot < align offset (SW-PARTIAL-SYNC)
  SignedAdjust,     // e8068f2d756d: signed adjustment, correct
};

// Which bounces the DMA direction makes (the CVE-2022-0854 history, 2022).
enum class DirectionRule {
  ByDirection,        // <= v5.16: a map bounces only TO_DEVICE/BIDIRECTIONAL without SKIP_CPU_SYNC
  MapUnlessSkipSync,  // ddbd89deb7d3 (v5.17; again after the revert bddac7c1e02b): every map bounces
                      // unless DMA_ATTR_SKIP_CPU_SYNC (DMA_ATTR_OVERWRITE has no caller to model)
  AlwaysForDevice,    // aa6f8dcbab47 (v5.18-rc1): every map and every sync for the device bounces
  MapAlways,          // 901c7280ca0d (v5.18-rc1 on): every map bounces; syncs by direction again
};

// How swiotlb_alloc() (coherent, restricted-DMA pools) asks the search.
enum class CoherentRule {
  PlainSearch,      // find_slots(orig 0, size, 0): no alignment asked for
  OrderAligned,     // cbf53074a528 (+823353b7cf0e guard): align to the page order of size
};

struct Rules {
  SwState search = SwState::Sw11;
  BounceRule bounce = BounceRule::SignedAdjust;
  DirectionRule direction = DirectionRule::MapAlways;
  CoherentRule coherent = CoherentRule::OrderAligned;
  bool pageGuardOnAlloc = true;       // 823353b7cf0e: fail (WARN) a non page aligned alloc
  bool listStopsAtPoolEnd = true;     // 53c87e846e33: list[i] = min(seg rest, nslabs - i)
  bool maxMappingMinusMinAlign = true; // v5.18: max mapping size leaves room for min_align
  bool releaseByCallerSize = false;   // <= v5.11: unmap frees ALIGN(size) slots, no stored size
  bool perAreaIndex = true;           // SW-3+: areas with their own index; before, one pool index
  bool minAlignMaskedByAlloc = false; // 6.1.y stable: SW-3 compares only min_align bits above
                                      // alloc_align_mask (51b30ecb73b4's masking, no pre-padding)
  bool countWrapDistance = false;     // dmacheck proposal: a jump that wraps to 0 counts only the
                                      // slots it really passed (fixes finding SW-WRAP-SKIP)
  bool strideFromComparedBits = false;  // dmacheck proposal: with orig 0 the min_align bits are
                                        // not compared, so they do not set the stride (SW-ALLOC-STRIDE)
  bool alignOnFullAddress = false;      // dmacheck proposal: check alignment on the slot's DMA address,
                                        // not on it masked by the segment boundary (SW-BOUNDARY-ALIGN)
  bool releaseStopsAtPoolEnd = false;   // dmacheck proposal: a release merges with the next slot only
                                        // inside the pool (SW-RELEASE-OOB)
  bool alignSizeIn64Bits = false;       // dmacheck proposal: ALIGN(size, A + 1) with A + 1 computed in
                                        // 64 bits, so A = 0xffffffff does not align to 0 (SW-ALIGN-WRAP)
};

}  // namespace dmacheck::impl
