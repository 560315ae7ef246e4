#pragma once
// iommu_pgsize() (docs/pagesize.md), written once and generic over the word type
// (impl/generic_word.h): IommuSplit runs it on std::uint64_t, proofs/pagesize proves it on
// Z3 bitvectors. Rules for W as in generic_word.h.
#include "impl/generic_word.h"
#include "impl/pagesize/pagesize_rules.h"

namespace dmacheck::impl::pagesize {

// GENMASK(high, 0): bits 0..high set (high = 63 gives every bit).
template <typename W>
W lowMask(W high) {
  return (W(2) << high) - W(1);
}

template <typename W>
struct PageChoice {
  W pageShift;  // log2 of the page size
  W pageSize;
  W count;      // pages of pageSize to map from here (1 without the count output)
};

// The biggest supported page that fits `size` and the common alignment of iova and paddr.
// With `withCount` (v5.15's map_pages), also how many of them to map before a larger page
// could start: up to the next boundary of the next larger size, when iova and paddr are
// congruent modulo it and at least one such page would follow. The variant's Rules come
// whole (no field can be left at a default); `withCount` is what this caller asks for.
template <typename W>
PageChoice<W> iommuPageSize(const Rules& rules, W bitmap, W iova, W paddr, W size, bool withCount) {
  const W merge = iova | paddr;
  W candidates = bitmap & lowMask(W(flsLong(size) - W(1)));
  // (The kernel tests merge first; here the index is made safe for the shift before selecting.)
  const W alignIndex = select(merge != W(0), lowestBit(merge), W(63));
  candidates = candidates & lowMask(alignIndex);
  const W pageIndex = flsLong(candidates) - W(1);
  const W pageSize = W(1) << pageIndex;
  if (!withCount) return {pageIndex, pageSize, W(1)};
  const W bigger = bitmap & ~lowMask(pageIndex);
  const W next = W(1) << select(bigger != W(0), lowestBit(bigger), W(0));  // (unused when no bigger size)
  const auto stopAtNext = bigger != W(0) && ((iova ^ paddr) & (next - W(1))) == W(0);
  const W toBoundary = next - (merge & (next - W(1)));
  // The kernel's test, `offset + pgsize_next <= size`, wraps when pgsize_next is 2^63
  // (PGSIZE-BIT63-WRAP); the proposal compares without the sum.
  const auto nextFits = rules.countWithoutWrap ? Cond<W>(next <= size && toBoundary <= size - next) : toBoundary + next <= size;
  const W bytes = select(stopAtNext && nextFits, toBoundary, size);
  return {pageIndex, pageSize, bytes >> pageIndex};
}

}  // namespace dmacheck::impl::pagesize
