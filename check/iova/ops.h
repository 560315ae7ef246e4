#pragma once
// The IOVA operation vocabulary shared by every engine (RapidCheck, libFuzzer, replay).
// Operands that name allocations are indexes into the list of live allocations (oldest
// first) or of unmapped ones, taken modulo its length when the step runs: every sequence
// is runnable, and a trace stays valid when the shrinker deletes operations before it.
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "model/iova/api.h"

namespace dmacheck::iova {

struct MapOp {        // dma_map_*: allocate an IOVA (iommu_dma_alloc_iova) and map it
  std::uint64_t size = 1;     // granules
  std::uint64_t limit = 0;    // highest pfn allowed (inclusive), from the DMA mask
  bool aligned = true;        // size-aligned through alloc_iova_fast(), or alloc_iova() unaligned
  std::uint32_t cpu = 0;
};

struct UnmapOp {      // dma_unmap_* of a live allocation
  std::uint32_t live = 0;
  std::uint32_t cpu = 0;
};

struct UnmapAgainOp { // a driver bug: dma_unmap_* of an allocation already unmapped
  std::uint32_t dead = 0;
  std::uint32_t cpu = 0;
};

struct UnmapPfnOp {   // a driver bug: dma_unmap_* of an IOVA that was never mapped (e.g. 0)
  std::uint64_t pfn = 0;
  std::uint64_t size = 1;
  std::uint32_t cpu = 0;
};

struct ReserveOp {    // reserve_iova (PCI windows, reserved regions), before any map
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
};

struct TickOp {       // time passes: flush-queue timers and the depot work run when due
  std::uint64_t ms = 1;
};

struct CpuDeadOp {    // CPU hot-unplug: its range-cache magazines go back to the tree
  std::uint32_t cpu = 0;
};

struct LazySwitchOp { // sysfs: DMA -> DMA_FQ, optionally while another CPU unmaps a live allocation
  std::optional<std::uint32_t> raceLive;
  std::uint32_t cpu = 0;  // the CPU of the racing unmap
};

using Op = std::variant<MapOp, UnmapOp, UnmapAgainOp, UnmapPfnOp, ReserveOp, TickOp, CpuDeadOp, LazySwitchOp>;

struct Scenario {
  Config config;
  std::vector<Op> ops;
};

}  // namespace dmacheck::iova
