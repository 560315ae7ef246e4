#pragma once
// What the checker needs from an IOVA implementation: the dma-iommu lifecycle calls, and
// read-only views of its state (busy ranges, cached pfns, queued ranges) that the checker
// compares with the model. Implementations live in impl/iova/; the model never implements this.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "model/iova/api.h"

namespace dmacheck::iova {

struct PfnRange {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;  // inclusive, as struct iova
  bool operator==(const PfnRange&) const = default;
};

struct CachedPfn {
  std::uint32_t order = 0;  // range-cache bin: log2 of the size class
  std::uint64_t pfn = 0;
  std::uint32_t cpu = 0;    // the CPU whose magazine holds it (~0u: the depot)
};

class IovaAllocator {
 public:
  virtual ~IovaAllocator() = default;
  // Allocates and maps; the first pfn, or nothing. May throw KernelBug.
  virtual std::optional<std::uint64_t> map(const MapRequest& request) = 0;
  // dma_unmap of `size` granules at `pfn` (strict or lazy as the domain is). May throw KernelBug.
  virtual UnmapResult unmap(const UnmapRequest& request) = 0;
  virtual void reserve(std::uint64_t lo, std::uint64_t hi) = 0;  // reserve_iova (init time)
  virtual void clockAdvanced() = 0;                // the IOMMU's clock moved: run due timers
  virtual void cpuDead(std::uint32_t cpu) = 0;     // CPU hot-unplug callback
  // sysfs DMA -> DMA_FQ. With `racingUnmap`, another CPU unmaps that range while the switch runs.
  virtual std::optional<UnmapResult> switchToLazy(std::optional<UnmapRequest> racingUnmap) = 0;
  virtual void teardown() = 0;  // flush every queue and empty every cache (domain teardown)

  virtual std::vector<PfnRange> busyRanges() const = 0;   // allocated in the allocator, sorted
  virtual std::vector<CachedPfn> cachedPfns() const = 0;  // held by range caches
  virtual std::vector<PfnRange> queuedRanges() const = 0; // waiting for an IOTLB flush
};

using AllocatorFactory = std::function<std::unique_ptr<IovaAllocator>(const Config&, IommuHardware&)>;

}  // namespace dmacheck::iova
