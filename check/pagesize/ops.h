#pragma once
// The page-size operation vocabulary shared by every engine. `unmap-live` names a live
// mapping by its index in iova order (taken modulo their number when the step runs), so a
// trace stays valid when the shrinker deletes operations before it.
#include <cstdint>
#include <variant>
#include <vector>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize {

struct SplitOp {      // iommu_map(domain, iova, paddr, size) on every attached domain
  std::uint64_t iova = 0, paddr = 0, size = 0;
};

struct VfioMapOp {    // VFIO_IOMMU_MAP_DMA
  std::uint64_t iova = 0, vaddr = 0, size = 0;
};

struct VfioUnmapOp {  // VFIO_IOMMU_UNMAP_DMA of any range (or everything)
  std::uint64_t iova = 0, size = 0;
  bool all = false;
};

struct UnmapLiveOp {  // VFIO_IOMMU_UNMAP_DMA of exactly one live mapping
  std::uint32_t live = 0;
};

struct DeviceMapOp {  // dma_map_page by a device behind the first domain (its granule: that domain's smallest page)
  std::uint64_t phys = 0, size = 0;
  bool untrusted = false;
};

struct SgtableOp {    // seed 004's round trip: alloc on the first domain's device, get_sgtable, map on the last's
  std::uint64_t size = 0;
  bool untrusted = false;  // the second device
};

using Op = std::variant<SplitOp, VfioMapOp, VfioUnmapOp, UnmapLiveOp, DeviceMapOp, SgtableOp>;

struct Scenario {
  VfioConfig config;
  std::vector<Op> ops;
};

}  // namespace dmacheck::pagesize
