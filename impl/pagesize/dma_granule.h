#pragma once
// Our re-implementation of dma-iommu's streaming map for one device (iommu_dma_map_page,
// docs/pagesize.md): the granule offset, the granule-rounded mapping, the swiotlb bounce of
// untrusted devices' unaligned buffers, and what each version does when the IOMMU granule is
// larger than the CPU page.
#include "impl/pagesize/pagesize_rules.h"
#include "model/pagesize/api.h"

namespace dmacheck::impl::pagesize {

using dmacheck::pagesize::DeviceMapResult;

DeviceMapResult dmaMapPage(std::uint64_t granule, std::uint64_t hostPage, std::uint64_t phys, std::uint64_t size,
                           bool untrusted, GranuleRule rule);

}  // namespace dmacheck::impl::pagesize
