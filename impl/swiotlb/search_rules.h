#pragma once
// The arithmetic of one slot search, per version state: which address bits must match
// orig, which must be zero, how far an aligned probe jumps, and where the map offset
// comes from. Written once, generic over the word type W, so the implementation runs it
// on 32/64-bit integers and proofs/ (issue 4) can run the same templates on bitvectors.
// W needs + - & | ~ >> << comparisons, and select(cond, a, b) found by ADL or below.
#include <cstdint>

#include "impl/swiotlb/sw_state.h"

namespace dmacheck::impl {

inline constexpr unsigned kSlotShift = 11;  // IO_TLB_SHIFT

template <typename W>
W select(bool condition, W ifTrue, W ifFalse) {
  return condition ? ifTrue : ifFalse;
}

template <typename W>
W maxOf(W a, W b) {
  return select(a > b, a, b);
}

// get_max_slots(): slots spanned by a mask, written so that ~0 does not overflow.
template <typename W>
W maxSlots(W mask) {
  return (mask >> kSlotShift) + W(1);
}

template <typename W>
struct SearchParams {
  W compareMask;    // slot address bits that must equal orig's (iotlb_align_mask)
  W zeroMask;       // slot address bits that must be zero (alloc_align_mask, from SW-7)
  W stride;         // slots jumped after an aligned probe
};

// `allocSize` is what the search is asked for (mapping size plus offset, and rounding);
// `minAlign` is the device's min_align_mask; masks are the kernel's `unsigned int`.
// `strideFromComparedBits` is the dmacheck proposal: when orig is 0 (swiotlb_alloc) the
// min_align bits are never compared, so they must not widen the stride either.
template <typename W>
SearchParams<W> searchParams(SwState state, W minAlign, W allocAlign, W allocSize, W pageSize,
                             unsigned pageShift, bool strideFromComparedBits = false) {
  const W slotMask = W((1u << kSlotShift) - 1);
  const bool large = allocSize >= pageSize;
  const W pageMask = ~(pageSize - W(1));
  W mask = minAlign & ~slotMask;
  W zero = W(0);
  W stride = W(1);
  if (state == SwState::Sw0) {
    stride = select(large, W(pageSize >> kSlotShift), W(1));
    mask = W(0);
  } else if (!atLeast(state, SwState::Sw5)) {  // SW-1 .. SW-4
    stride = (mask >> kSlotShift) + W(1);
    stride = select(large, maxOf(stride, W(stride << (pageShift - kSlotShift))), stride);
    if (atLeast(state, SwState::Sw2)) stride = maxOf(stride, W((allocAlign >> kSlotShift) + W(1)));
  } else if (state == SwState::Sw5) {
    mask = select(large, W(mask & pageMask), mask) & allocAlign;
    stride = (mask >> kSlotShift) + W(1);
  } else if (state == SwState::Sw6) {
    mask = (minAlign | allocAlign | select(large, W(pageSize - W(1)), W(0))) & ~slotMask;
    stride = (mask >> kSlotShift) + W(1);
  } else if (state == SwState::Sw7) {
    zero = allocAlign;
    stride = maxSlots(maxOf(allocAlign, mask));
    stride = select(large, maxOf(stride, W(pageShift - kSlotShift + 1)), stride);
  } else {  // SW-8 .. SW-11
    W align = allocAlign;
    if (atLeast(state, SwState::Sw9))
      align = select(align == W(0) && minAlign == W(0) && large, W(pageSize - W(1)), align);
    zero = align | slotMask;
    mask = minAlign & ~zero;
    stride = maxSlots(maxOf(zero, strideFromComparedBits ? W(0) : mask));
    if (state == SwState::Sw8) stride = select(large, maxOf(stride, W(pageShift - kSlotShift + 1)), stride);
  }
  return {mask, zero, stride};
}

// The offset kept between the start of the allocation and the returned tlb address.
// Before SW-10 only the bits below the slot size; since, also bits up to alloc_align_mask
// (served by padding slots).
template <typename W>
W mapOffset(SwState state, W orig, W minAlign, W allocAlign) {
  const W slotMask = W((1u << kSlotShift) - 1);
  if (state == SwState::Sw0) return W(0);
  if (atLeast(state, SwState::Sw10)) return orig & minAlign & (allocAlign | slotMask);
  return orig & minAlign & slotMask;
}

// Whether a probe at slot DMA address `addr` is rejected (and the search steps by one).
template <typename W>
bool rejectsProbe(SwState state, const SearchParams<W>& p, W addr, W orig) {
  if (state == SwState::Sw0) return false;
  const bool compare = state == SwState::Sw1 || orig != W(0);
  if (atLeast(state, SwState::Sw7) && (addr & p.zeroMask) != W(0)) return true;
  return compare && (addr & p.compareMask) != (orig & p.compareMask);
}

}  // namespace dmacheck::impl
