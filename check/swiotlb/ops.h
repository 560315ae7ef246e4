#pragma once
// The SWIOTLB operation vocabulary shared by every engine (RapidCheck, libFuzzer, replay).
// Operands that name allocations are indexes into the list of live allocations, oldest
// first, taken modulo its length when the step runs. So every sequence is runnable, and a
// trace stays valid when the shrinker deletes operations before it.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "model/swiotlb/api.h"

namespace dmacheck::swiotlb {

struct MapOp {   // swiotlb_tbl_map_single()
  std::uint32_t cpu = 0;
  std::uint64_t orig = 0;
  std::uint64_t size = 0;
  std::uint32_t align = 0;  // alloc_align_mask
  StreamingDma dma;         // direction and DMA_ATTR_SKIP_CPU_SYNC; the unmap passes the same
};

struct AllocOp {  // swiotlb_alloc(); size as passed by dma_direct_alloc (page aligned)
  std::uint32_t cpu = 0;
  std::uint64_t size = 0;
};

struct UnmapOp {  // swiotlb_tbl_unmap_single() or swiotlb_free(), by allocation kind
  std::uint32_t live = 0;
};

struct SyncOp {   // swiotlb_sync_single_for_{cpu,device}() of part of a streaming map
  std::uint32_t live = 0;   // among the live streaming maps
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  Direction dir = Direction::ToCpu;  // which side the sync hands the buffer to
};

struct DeviceWriteOp {  // the device writes part of a streaming map through its DMA address
  std::uint32_t live = 0;   // among the live streaming maps
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

using Op = std::variant<MapOp, AllocOp, UnmapOp, SyncOp, DeviceWriteOp>;

struct Scenario {
  Config config;
  std::vector<Op> ops;
};

}  // namespace dmacheck::swiotlb
