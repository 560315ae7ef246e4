#pragma once
// Our re-implementation of seed 004's round trip through dma-iommu (docs/pagesize.md):
// dma_alloc_coherent (dma-direct in bypass, page blocks of at least a granule through the
// IOMMU, Sven's v2 5/8 sub-granule allocations), dma_get_sgtable (disabled above PAGE_SIZE
// by his 3/8) and dma_map_sgtable on a second device (granule-aligned IOVA per entry, entries
// merged where they meet at a granule edge, swiotlb bounce for untrusted devices).
#include "impl/pagesize/pagesize_rules.h"
#include "model/pagesize/api.h"

namespace dmacheck::impl::pagesize {

using dmacheck::pagesize::SgtableRoundTrip;

struct RoundTripDevices {
  std::uint64_t hostPage, firstGranule, secondGranule;
};

SgtableRoundTrip sgtableRoundTrip(const RoundTripDevices& devices, std::uint64_t size, bool untrusted,
                                  const Rules& rules);

}  // namespace dmacheck::impl::pagesize
