#pragma once
// VFIO type1's page-size rule and MAP_DMA's argument checks (kernel-facts §4.1), written
// once and generic over the word type (impl/generic_word.h): VfioType1 runs them,
// proofs/pagesize proves they accept exactly the representable maps.
#include "impl/generic_word.h"
#include "impl/pagesize/pagesize_rules.h"

namespace dmacheck::impl::pagesize {

// vfio_update_pgsize_bitmap(): the sizes userspace sees, from the sizes every domain
// supports (`domainSizes`, their AND) and the host page size.
template <typename W>
W userPageSizes(W domainSizes, W hostPage, VfioBitmapRule rule) {
  const W pageMask = ~(hostPage - W(1));
  if (rule == VfioBitmapRule::PageMaskOnly) return domainSizes & pageMask;
  if (rule == VfioBitmapRule::SubPageExposed) return domainSizes;
  const auto hasSubPage = (domainSizes & ~pageMask) != W(0);
  return select(hasSubPage, W((domainSizes & pageMask) | hostPage), domainSizes);
}

// The smallest user-visible page minus one: the alignment mask MAP_DMA and UNMAP_DMA check.
// (No size at all, possible before v4.4 on a 64K host behind a 4K-only IOMMU: the kernel
// takes __ffs(0); here the mask is 0 and the callers refuse every request.)
template <typename W>
W userAlignMask(W userSizes) {
  return (W(1) << select(userSizes != W(0), lowestBit(userSizes), W(0))) - W(1);
}

// vfio_dma_do_map()'s argument checks: non-empty, aligned, no wrap of iova or vaddr. (The
// overlap and entry-limit checks that follow look at the mappings, not at the numbers.)
template <typename W>
Cond<W> mapArgumentsValid(W userSizes, W iova, W vaddr, W size) {
  const W mask = userAlignMask(userSizes);
  return userSizes != W(0) && size != W(0) && ((size | iova | vaddr) & mask) == W(0) &&
         iova + size - W(1) >= iova && vaddr + size - W(1) >= vaddr;
}

}  // namespace dmacheck::impl::pagesize
