#pragma once
// The arithmetic of the SWIOTLB slot search, per version state, written once: which
// address bits must match orig, which must be zero, how far a probe jumps, where a search
// starts, how slots_checked grows, the map offset, the searched size, the slot count, the
// segment-boundary test and the maximum mapping size.
//
// Everything is generic over the word type W. SlotPool runs it on std::uint64_t; proofs/
// runs the very same templates on Z3 bitvectors (proofs/smt/word.h), so what is proved is
// what runs. Rules for W: no `if` on a value of W (use select), no `?:` on a Cond<W>, no
// short-circuit that hides a branch. Every formula that depends on the version takes the
// variant's Rules whole (impl/swiotlb/rules.h), never a field of it: they are plain values
// that pick the formula, not part of it.
#include <cstdint>
#include <utility>

#include "impl/generic_word.h"
#include "impl/swiotlb/rules.h"

namespace dmacheck::impl {

inline constexpr unsigned kSlotShift = 11;                      // IO_TLB_SHIFT
inline constexpr std::uint64_t kSlotSize = 1ULL << kSlotShift;  // IO_TLB_SIZE
inline constexpr std::uint64_t kSegment = 128;                  // IO_TLB_SEGSIZE

// ALIGN(value, mask + 1) for a power-of-two alignment given as its mask.
template <typename W>
W alignUpMask(W value, W mask) {
  return (value + mask) & ~mask;
}

// nr_slots(): slots needed for `bytes`.
template <typename W>
W slotCount(W bytes) {
  return (bytes + W(kSlotSize - 1)) >> kSlotShift;
}

// get_max_slots(): slots spanned by a mask, written so that ~0 does not overflow.
template <typename W>
W maxSlots(W mask) {
  return (mask >> kSlotShift) + W(1);
}

template <typename W>
struct SearchParams {
  W compareMask;  // slot address bits that must equal orig's (iotlb_align_mask)
  W zeroMask;     // slot address bits that must be zero (alloc_align_mask, from SW-7)
  W stride;       // slots jumped after a probe that passed the alignment test
};

// `allocSize` is what the search is asked for (mapping size plus offset, and rounding);
// `minAlign` is the device's min_align_mask; the masks are the kernel's `unsigned int`;
// `origIsZero` holds for swiotlb_alloc. Rules.strideFromComparedBits is the dmacheck
// proposal: with orig 0 the min_align bits are never compared, so they must not widen the
// stride either. Rules.minAlignMaskedByAlloc is the 6.1.y stable tree: the SW-3 search with
// the min_align bits under alloc_align_mask dropped from the comparison, as 51b30ecb73b4 does.
template <typename W>
SearchParams<W> searchParams(const Rules& rules, W minAlign, W allocAlign, W allocSize, W pageShift,
                             Cond<W> origIsZero) {
  const SwState state = rules.search;
  const Cond<W> strideIgnoresMinAlign = rules.strideFromComparedBits ? origIsZero : truth<W>(false);
  const W slotMask = W(kSlotSize - 1);
  const W pageSize = W(1) << pageShift;
  const Cond<W> large = allocSize >= pageSize;
  W mask = minAlign & ~slotMask;
  W zero = W(0);
  W stride = W(1);
  if (state == SwState::Sw0) {
    stride = select(large, W(pageSize >> kSlotShift), W(1));
    mask = W(0);
  } else if (!atLeast(state, SwState::Sw5)) {  // SW-1 .. SW-4
    if (rules.minAlignMaskedByAlloc) mask = mask & ~allocAlign;
    stride = (mask >> kSlotShift) + W(1);
    stride = select(large, maxOf(stride, W(stride << (pageShift - W(kSlotShift)))), stride);
    if (atLeast(state, SwState::Sw2)) stride = maxOf(stride, maxSlots(allocAlign));
  } else if (state == SwState::Sw5) {
    mask = select(large, W(mask & ~(pageSize - W(1))), mask) & allocAlign;
    stride = maxSlots(mask);
  } else if (state == SwState::Sw6) {
    mask = (minAlign | allocAlign | select(large, W(pageSize - W(1)), W(0))) & ~slotMask;
    stride = maxSlots(mask);
  } else if (state == SwState::Sw7) {
    zero = allocAlign;
    stride = maxSlots(maxOf(allocAlign, mask));
    stride = select(large, maxOf(stride, W(pageShift - W(kSlotShift) + W(1))), stride);
  } else {  // SW-8 .. SW-11
    W align = allocAlign;
    if (atLeast(state, SwState::Sw9))
      align = select(align == W(0) && minAlign == W(0) && large, W(pageSize - W(1)), align);
    zero = align | slotMask;
    mask = minAlign & ~zero;
    stride = maxSlots(maxOf(zero, select(strideIgnoresMinAlign, W(0), mask)));
    if (state == SwState::Sw8) stride = select(large, maxOf(stride, W(pageShift - W(kSlotShift) + W(1))), stride);
  }
  return {mask, zero, stride};
}

// The offset kept between the start of the allocation and the returned tlb address.
// Before SW-10 only the bits below the slot size; since, also bits up to alloc_align_mask
// (served by padding slots).
template <typename W>
W mapOffset(const Rules& rules, W orig, W minAlign, W allocAlign) {
  const SwState state = rules.search;
  const W slotMask = W(kSlotSize - 1);
  if (state == SwState::Sw0) return W(0);
  if (atLeast(state, SwState::Sw10)) return orig & minAlign & (allocAlign | slotMask);
  return orig & minAlign & slotMask;
}

// Padding slots in front of the mapping (SW-10 on): the offset's whole slots.
template <typename W>
W padSlots(const Rules& rules, W offset) {
  return atLeast(rules.search, SwState::Sw10) ? W(offset >> kSlotShift) : W(0);
}

// The size the search is asked for. Before SW-11 the caller passed alloc_size itself:
// dma-direct the mapping size, dma-iommu (the only caller with an alloc_align_mask) the
// size rounded up to its granule; the offset came on top. Since, ALIGN(size + offset, A+1).
template <typename W>
W searchSize(const Rules& rules, W mappingSize, W offset, W allocAlign) {
  if (atLeast(rules.search, SwState::Sw11)) return alignUpMask(W(mappingSize + offset), allocAlign);
  return alignUpMask(mappingSize, allocAlign) + offset;
}

// The address the search tests for alignment: the kernel takes the pool's DMA address
// masked by the device's segment boundary; the dmacheck proposal takes it unmasked.
template <typename W>
W alignBase(const Rules& rules, W poolStart, W segBoundaryMask) {
  return rules.alignOnFullAddress ? poolStart : W(poolStart & segBoundaryMask);
}

// wrap_area_index(): back to 0 at the end of the area (not a modulo).
template <typename W>
W wrapIndex(W index, W areaSlabs) {
  return select(index >= areaSlabs, W(0), index);
}

// Where the search of an area starts: before SW-5 the area index rounded up to the stride.
template <typename W>
W startIndex(const Rules& rules, W areaIndex, W stride, W areaSlabs) {
  if (atLeast(rules.search, SwState::Sw5)) return areaIndex;
  return wrapIndex(alignUpMask(areaIndex, W(stride - W(1))), areaSlabs);
}

// Whether a probe at slot DMA address `addr` is rejected (and the search steps by one).
template <typename W>
Cond<W> rejectsProbe(const Rules& rules, const SearchParams<W>& p, W addr, W orig) {
  const SwState state = rules.search;
  if (state == SwState::Sw0) return truth<W>(false);
  const Cond<W> compare = state == SwState::Sw1 ? truth<W>(true) : orig != W(0);
  const Cond<W> mismatch = compare && (addr & p.compareMask) != (orig & p.compareMask);
  if (!atLeast(state, SwState::Sw7)) return mismatch;
  return (addr & p.zeroMask) != W(0) || mismatch;
}

// One step of the search after a probe: where the index goes and how much slots_checked
// grows. A rejected probe steps by one; a probe that passed the alignment test but found
// no room jumps by the stride, and the kernel charges the whole stride even when the jump
// wraps early (finding SW-WRAP-SKIP); the dmacheck proposal charges only the slots passed.
template <typename W>
struct Step {
  W index;
  W checked;
};

template <typename W>
Step<W> nextProbe(const Rules& rules, Cond<W> rejected, W index, W checked, W stride, W areaSlabs) {
  const W jump = index + stride;
  W charged = stride;
  if (rules.countWrapDistance) charged = select(jump >= areaSlabs, W(areaSlabs - index), stride);
  return {wrapIndex(select(rejected, W(index + W(1)), jump), areaSlabs),
          checked + select(rejected, W(1), charged)};
}

// iommu_is_span_boundary() for `nslots` slots from `slot`, against the device's segment
// boundary (a mask 2^k - 1 with k >= IO_TLB_SHIFT).
template <typename W>
Cond<W> crossesBoundary(W segBoundaryMask, W poolStart, W slot, W nslots) {
  const W boundarySlots = maxSlots(segBoundaryMask);
  const W first = (((poolStart & segBoundaryMask) + W(kSlotSize - 1)) >> kSlotShift) + slot;
  return (first & (boundarySlots - W(1))) + nslots > boundarySlots;
}

// The slots from `slot` to the end of its 128-slot segment or of the pool, whichever is first.
template <typename W>
W runToSegmentOrPoolEnd(W slot, W poolSlots) {
  return minOf(W(W(kSegment) - (slot & W(kSegment - 1))), W(poolSlots - slot));
}

// The free-run length `list[slot]` of an empty pool: to the segment end, and since
// 53c87e846e33 no further than the pool end.
template <typename W>
W emptyRunLength(const Rules& rules, W slot, W poolSlots) {
  if (rules.listStopsAtPoolEnd) return runToSegmentOrPoolEnd(slot, poolSlots);
  return W(kSegment) - (slot & W(kSegment - 1));
}

// The DMA address returned for a map whose allocation starts at `slot`.
template <typename W>
W mappedTlb(const Rules& rules, W poolStart, W slot, W offset) {
  return poolStart + ((slot + padSlots(rules, offset)) << kSlotShift) + (offset & W(kSlotSize - 1));
}

// swiotlb_max_mapping_size(): a segment, less room for the min_align offset since v5.18.
template <typename W>
W maxMappingSize(const Rules& rules, W minAlign) {
  const W whole = W(kSlotSize * kSegment);
  if (!rules.maxMappingMinusMinAlign) return whole;
  return whole - select(minAlign == W(0), W(0), alignUpMask(minAlign, W(kSlotSize - 1)));
}

// The alignment dma_alloc_coherent() promises, as a mask: (PAGE_SIZE << get_order(size)) - 1.
// Unrolled to a fixed number of orders so that it is one formula for the solver; 16 orders
// cover every size a trace may ask for (at most 4 MiB, pages of at least 4 KiB).
inline constexpr int kMaxCoherentOrder = 16;

template <typename W>
W coherentAlignMask(W pageSize, W size) {
  W bytes = pageSize;
  for (int order = 0; order < kMaxCoherentOrder; ++order) bytes = select(bytes < size, W(bytes << 1u), bytes);
  return bytes - W(1);
}

}  // namespace dmacheck::impl
