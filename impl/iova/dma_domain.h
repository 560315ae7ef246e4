#pragma once
// The dma-iommu stack over iova.c, re-implemented: map = alloc_iova_fast (range cache, then
// the tree, then empty the caches and retry) + iommu_map; unmap = iommu_unmap + IOTLB sync +
// free (strict), or iommu_unmap + queue_iova (lazy); the DMA -> DMA_FQ switch; teardown.
#include <memory>

#include "impl/iova/flush_queue.h"
#include "impl/iova/iova_rules.h"
#include "impl/iova/iova_tree.h"
#include "impl/iova/range_cache.h"
#include "model/iova/allocator.h"

namespace dmacheck::impl::iova {

using namespace dmacheck::iova;

class DmaDomain final : public IovaAllocator {
 public:
  DmaDomain(const Config& config, IommuHardware& iommu, const Rules& rules);

  std::optional<std::uint64_t> map(const MapRequest& request) override;
  UnmapResult unmap(const UnmapRequest& request) override;
  void reserve(std::uint64_t lo, std::uint64_t hi) override { tree_.reserve(lo, hi); }
  void clockAdvanced() override;
  void cpuDead(std::uint32_t cpu) override { cache_.flushCpu(cpu); }
  std::optional<UnmapResult> switchToLazy(std::optional<UnmapRequest> racingUnmap) override;
  void teardown() override;

  std::vector<PfnRange> busyRanges() const override { return tree_.ranges(); }
  std::vector<CachedPfn> cachedPfns() const override { return cache_.contents(); }
  std::vector<PfnRange> queuedRanges() const override { return queue_.contents(); }

 private:
  std::optional<std::uint64_t> allocFast(std::uint64_t size, std::uint64_t limitPfn, std::uint32_t cpu);
  void freeFast(std::uint64_t pfn, std::uint64_t size, std::uint32_t cpu);
  void releaseMagazine(const std::vector<std::uint64_t>& pfns);
  void emptyCaches();

  Config config_;
  IommuHardware& iommu_;
  Rules rules_;
  IovaTree tree_;
  RangeCache cache_;
  FlushQueue queue_;
  bool lazy_;
};

}  // namespace dmacheck::impl::iova
