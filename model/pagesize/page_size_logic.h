#pragma once
// What the checker needs from a page-size implementation: the IOMMU core's split of a map
// into pages, VFIO type1's MAP_DMA / UNMAP_DMA, and read-only views of the mappings and the
// locked-page count. Implementations live in impl/pagesize/; the model never implements this.
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize {

class PageSizeLogic {
 public:
  virtual ~PageSizeLogic() = default;
  // __iommu_map() on a domain with `bitmap`: the pages, or nothing for -EINVAL.
  virtual std::optional<std::vector<PageRun>> iommuMap(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                                       std::uint64_t size) = 0;
  virtual Errno vfioMap(const VfioMap& request) = 0;
  virtual VfioUnmapResult vfioUnmap(const VfioUnmap& request) = 0;
  // dma_map_page() by a device behind the first domain (granule: its smallest page).
  virtual DeviceMapResult deviceMap(std::uint64_t phys, std::uint64_t size, bool untrusted) = 0;
  // Seed 004's round trip for a buffer of `size` bytes (api.h); `untrusted`: the second device.
  virtual SgtableRoundTrip sgtableRoundTrip(std::uint64_t size, bool untrusted) = 0;
  virtual std::vector<VfioMapping> vfioMappings() const = 0;  // sorted by iova
  virtual std::uint64_t lockedPages() const = 0;               // host pages charged to locked_vm
};

using LogicFactory = std::function<std::unique_ptr<PageSizeLogic>(const VfioConfig&)>;

}  // namespace dmacheck::pagesize
