#pragma once
// The arithmetic of iova.c's range placement, written once and generic over the word type
// (impl/generic_word.h): IovaTree runs it on std::uint64_t, proofs/iova proves it on Z3
// bitvectors. The size-aligned mask of today's top-down search, the pad of the walk before
// v4.15 and the limit that walk lowers below each node.
#include <cstdint>

#include "impl/generic_word.h"

namespace dmacheck::impl::iova {

// The shift of alloc_iova()'s align mask: fls_long(size - 1). It is below 64, so the shift
// is defined, exactly when size <= 2^63.
template <typename W>
W sizeAlignShift(W size) {
  return flsLong(W(size - W(1)));
}

// ~0UL << fls_long(size - 1) for a size-aligned request, ~0UL otherwise.
template <typename W>
W placementMask(W size, bool sizeAligned) {
  return sizeAligned ? W(~W(0) << sizeAlignShift(size)) : W(~W(0));
}

// The top-down candidate below `high` (exclusive): wraps when high < size, which the
// caller's fit test catches.
template <typename W>
W topDownCandidate(W high, W size, W mask) {
  return (high - size) & mask;
}

template <typename W>
Cond<W> topDownFits(W high, W size, W candidate, W low) {
  return high >= size && candidate >= low;
}

// roundup_pow_of_two(x) for x >= 1.
template <typename W>
W roundupPowerOfTwo(W x) {
  return select(x <= W(1), W(1), W(W(1) << flsLong(W(x - W(1)))));
}

// Before v4.15: the pad that brings the top of a range ending at the inclusive `limit`
// down to the request's alignment.
template <typename W>
W walkPad(W limit, W size, bool sizeAligned) {
  return sizeAligned ? W((limit + W(1) - size) & (roundupPowerOfTwo(size) - W(1))) : W(0);
}

template <typename W>
W walkRangeLo(W limit, W size, W pad) {
  return limit - (size + pad) + W(1);
}

// The gap above a node ending at `nodeHi` takes the range.
template <typename W>
Cond<W> walkGapFits(W nodeHi, W size, W pad, W limit) {
  return nodeHi + size + pad <= limit;
}

// The last check when no gap between nodes fitted: the space above start_pfn. Before
// v4.15 it is off by one (IOVA-START-PFN): a range starting at start_pfn is refused.
template <typename W>
Cond<W> walkFinalFits(W startPfn, W size, W pad, W limit) {
  return !(startPfn + size + pad > limit);
}

// The inclusive limit below a node starting at `nodeLo`. 5016bdb796b3 (v4.13) stops a node
// at pfn 0 from wrapping it to ~0 (IOVA-UNDERFLOW).
template <typename W>
W walkLimitBelow(W nodeLo, bool underflowGuard) {
  return underflowGuard ? select(nodeLo != W(0), W(nodeLo - W(1)), W(0)) : W(nodeLo - W(1));
}

}  // namespace dmacheck::impl::iova
