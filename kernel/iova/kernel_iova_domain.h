#pragma once
// A kernel tree's own drivers/iommu/iova.c (built by `dmacheck kernel`, loaded from a shared
// library). From v5.17 on, the tree's dma-iommu.c above it does the DMA API's map and unmap, its
// IOTLB syncs and its flush queue, over the harness's page table, which reports to the checker's
// IOMMU (kernel/iova/dma_iommu_layer.c). Before, dma-iommu.c is not built and the layer is ours:
// map = the tree's alloc_iova_fast + iommu_map; unmap = iommu_unmap, then the tree's
// free_iova_fast after an IOTLB sync (strict) or through iova.c's own flush queue (lazy).
#include <memory>
#include <string>

#include "impl/iova/flush_queue.h"
#include "impl/iova/iova_rules.h"
#include "kernel/iova/kernel_iova_library.h"
#include "model/iova/allocator.h"

namespace dmacheck::kernel {

using namespace dmacheck::iova;

class KernelIovaDomain final : public IovaAllocator {
 public:
  KernelIovaDomain(std::shared_ptr<const KernelIovaLibrary> library, const Config& config, IommuHardware& iommu,
                   const impl::iova::Rules& dmaIommuRules);
  ~KernelIovaDomain() override;

  std::optional<std::uint64_t> map(const MapRequest& request) override;
  UnmapResult unmap(const UnmapRequest& request) override;
  void reserve(std::uint64_t lo, std::uint64_t hi) override;
  void clockAdvanced() override;
  void cpuDead(std::uint32_t cpu) override;
  std::optional<UnmapResult> switchToLazy(std::optional<UnmapRequest> racingUnmap) override;
  void teardown() override;

  std::vector<PfnRange> busyRanges() const override;
  std::vector<CachedPfn> cachedPfns() const override;
  std::vector<PfnRange> queuedRanges() const override;

 private:
  void call(int result, const char* what) const;  // throws KernelBug on a BUG in the tree's code
  void release(std::uint64_t pfn, std::uint64_t size, bool fast, std::uint32_t cpu);
  void startTreeQueue();
  std::optional<std::uint64_t> mapThroughTree(const MapRequest& request);
  UnmapResult unmapThroughTree(const UnmapRequest& request);

  std::shared_ptr<const KernelIovaLibrary> lib_;
  Config config_;
  IommuHardware& iommu_;
  impl::iova::FlushQueue queue_;  // ours, for trees whose iova.c has none
  bool treeQueue_;                // the tree has its own flush queue (in iova.c or dma-iommu.c)
  bool dmaLayer_;                 // the tree's dma-iommu.c maps and unmaps
  bool treeQueueStarted_ = false;
  bool lazy_;
};

}  // namespace dmacheck::kernel
