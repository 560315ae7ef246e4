#pragma once
// The rules that tell one kernel version's page-size logic from another's (docs/pagesize.md).
// A variant (variants.cpp) is the same code with these switched; each flag names the
// commit or proposal that changed it.
namespace dmacheck::impl::pagesize {

// How VFIO type1 turns the domains' page sizes into the user-visible bitmap.
enum class VfioBitmapRule {
  PageMaskOnly,        // before v4.4: start from PAGE_MASK, sub-page sizes dropped (seed 001)
  SubPageExposed,      // Eric Auger's RFC (Oct 2015): sub-page sizes exposed as they are
  HideSubPageAddPage,  // v4.4 on: sub-page sizes hidden, PAGE_SIZE advertised instead
};

// What dma-iommu does for a device whose IOMMU granule is larger than the CPU page (seed 004).
enum class GranuleRule {
  RefuseAbovePage,         // before v5.15: init_iova_domain's BUG_ON; no DMA domain, maps fail
  BypassAbovePage,         // v5.15 on: apple-dart forces bypass (46d1fb072e76): no translation
  RoundToGranule,          // Sven Peter's v2 (Aug 2021): granule-rounded maps; untrusted unaligned maps fail
  RoundToGranuleTrustAll,  // his v3 (Oct 2021): untrusted-device handling dropped [interpretation]
};

struct Rules {
  bool mapPagesCount = true;  // v5.15 map_pages(): iommu_pgsize returns a page count
  VfioBitmapRule vfioBitmap = VfioBitmapRule::HideSubPageAddPage;
  bool accountHostPagesOnce = false;  // dmacheck proposal: a host page under two mappings counts once
  bool countWithoutWrap = false;      // dmacheck proposal: `offset + pgsize_next <= size` cannot wrap
  GranuleRule granule = GranuleRule::BypassAbovePage;
  bool v2ProbeSizeZero = false;  // before 7c03f4284643 [mirror id]: UNMAP_DMA's v2 edge checks searched with size 0
  bool searchByLastByte = false;  // dmacheck proposal: vfio_find_dma compares last bytes, so no end wraps to 0
  bool sgtableAboveGranule = false;  // what Sven's v2 3/8 forbids: get_sgtable left on for granule > PAGE_SIZE
};

}  // namespace dmacheck::impl::pagesize
