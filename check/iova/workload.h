#pragma once
// Realistic IOVA workloads, not random operations: an NVMe-like mix of many small
// size-aligned maps submitted per CPU at a fixed queue depth, completed (unmapped) on the
// CPU that submitted them, with time passing at a fixed I/O rate. A workload is a
// Scenario, so the one checker can run it and a trace can keep it; workload_stats.h
// measures what it costs under a flush-queue setting.
#include <cstdint>

#include "check/iova/ops.h"

namespace dmacheck::iova {

struct NvmeMix {
  std::uint32_t cpus = 4;
  std::uint32_t queueDepth = 32;     // outstanding I/Os per CPU (an NVMe submission queue)
  std::uint64_t ios = 100000;        // maps in all
  std::uint32_t iosPerMs = 400;      // all CPUs together: 400k IOPS, a busy NVMe drive
  std::uint64_t seed = 1;
};

// The sizes (granules) of the mix and their weights: 4K reads and writes dominate, with
// 8K-32K and 128K transfers (the NVMe MDTS-sized tail).
struct SizeWeight {
  std::uint64_t granules;
  std::uint32_t weight;
};
inline constexpr SizeWeight kNvmeSizes[] = {{1, 60}, {2, 10}, {4, 10}, {8, 10}, {32, 10}};

// A domain a PCI NVMe device gets: dma-iommu tries below 4 GiB first (no forcedac), so
// every map is limited to the 32-bit space; the flush-queue fields come from `unmap`.
Config nvmeDomain(const NvmeMix& mix, const Config& unmapMode);

// Submissions and completions, per-CPU FIFO order with a random completion among the
// outstanding ones once the queue is full; after the last submission every I/O completes
// and time runs on until the flush-queue timers have fired.
Scenario nvmeWorkload(const NvmeMix& mix, const Config& unmapMode);

}  // namespace dmacheck::iova
