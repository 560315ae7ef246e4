#pragma once
// The rules that tell one kernel version's page-size logic from another's (kernel-facts
// §4). A variant (variants.cpp) is the same code with these switched; each flag names the
// commit or proposal that changed it.
namespace dmacheck::impl::pagesize {

// How VFIO type1 turns the domains' page sizes into the user-visible bitmap.
enum class VfioBitmapRule {
  PageMaskOnly,        // before v4.4: start from PAGE_MASK, sub-page sizes dropped (seed 001)
  SubPageExposed,      // Eric Auger's RFC (Oct 2015): sub-page sizes exposed as they are
  HideSubPageAddPage,  // v4.4 on: sub-page sizes hidden, PAGE_SIZE advertised instead
};

struct Rules {
  bool mapPagesCount = true;  // v5.15 map_pages(): iommu_pgsize returns a page count
  VfioBitmapRule vfioBitmap = VfioBitmapRule::HideSubPageAddPage;
  bool accountHostPagesOnce = false;  // dmacheck proposal: a host page under two mappings counts once
  bool countWithoutWrap = false;      // dmacheck proposal: `offset + pgsize_next <= size` cannot wrap
};

}  // namespace dmacheck::impl::pagesize
