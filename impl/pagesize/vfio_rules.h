#pragma once
// VFIO type1's page-size rule and MAP_DMA's argument checks (docs/pagesize.md), written
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

// vfio_find_dma()'s test for one vfio_dma [dmaIova, +dmaSize): the search goes left when
// the probe [start, +probe) ends at or before it, right when it starts at or after its end.
// The kernel compares ends (`start + probe`, `iova + size`), which wrap to 0 for a range
// that ends at 2^64: such a mapping is never found (VFIO-TOP-WRAP). The dmacheck proposal
// compares last bytes instead, which cannot wrap once MAP_DMA's wrap check has passed.
template <typename W>
Cond<W> probeEndsBefore(W start, W probe, W dmaIova, bool byLastByte) {  // the search goes left
  if (!byLastByte) return start + probe <= dmaIova;
  return !((probe == W(0) && start > dmaIova) || (probe != W(0) && start + (probe - W(1)) >= dmaIova));
}

template <typename W>
Cond<W> probeStartsAfter(W start, W dmaIova, W dmaSize, bool byLastByte) {  // the search goes right
  if (!byLastByte) return start >= dmaIova + dmaSize;
  return start > dmaIova + (dmaSize - W(1));
}

template <typename W>
Cond<W> probeFindsDma(W start, W probe, W dmaIova, W dmaSize, bool byLastByte) {
  return !probeEndsBefore(start, probe, dmaIova, byLastByte) && !probeStartsAfter(start, dmaIova, dmaSize, byLastByte);
}

// UNMAP_DMA's v2 refusal for one vfio_dma: a probe at the first byte finds it and it starts
// elsewhere, or a probe at the last byte finds it and it ends elsewhere. The last-byte probe
// is 0 bytes long in every version; the first-byte probe was too until 7c03f4284643 made it
// 1 byte. A 0-byte probe skips a mapping that starts exactly at the probed byte.
template <typename W>
Cond<W> v2RefusesBisection(W iova, W size, W dmaIova, W dmaSize, W firstProbe, bool byLastByte) {
  const W last = iova + size - W(1);
  return (probeFindsDma(iova, firstProbe, dmaIova, dmaSize, byLastByte) && dmaIova != iova) ||
         (probeFindsDma(last, W(0), dmaIova, dmaSize, byLastByte) && dmaIova + dmaSize != iova + size);
}

}  // namespace dmacheck::impl::pagesize
