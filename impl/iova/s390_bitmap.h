#pragma once
// Our re-implementation of the s390 legacy DMA allocator (arch/s390/pci/pci_dma.c, removed
// in v6.7; docs/iova.md): one bit per page, allocation from a moving next_bit with a
// wrap to the start, and a lazy unmap that defers reuse until a global IOTLB flush.
//   first generation: free clears the bits but pushes next_bit past them; the wrap flushes.
//   second generation: free sets bits in lazy_bitmap; a failed search flushes globally,
//   folds lazy_bitmap into the map and searches again from the start.
#include <vector>

#include "impl/iova/iova_rules.h"
#include "model/iova/allocator.h"

namespace dmacheck::impl::iova {

using namespace dmacheck::iova;

class S390Bitmap final : public IovaAllocator {
 public:
  S390Bitmap(const Config& config, IommuHardware& iommu, const Rules& rules);

  std::optional<std::uint64_t> map(const MapRequest& request) override;
  UnmapResult unmap(const UnmapRequest& request) override;
  void reserve(std::uint64_t lo, std::uint64_t hi) override;
  void clockAdvanced() override {}
  void cpuDead(std::uint32_t) override {}
  std::optional<UnmapResult> switchToLazy(std::optional<UnmapRequest> racingUnmap) override;
  void teardown() override;

  std::vector<PfnRange> busyRanges() const override { return runsOf(used_); }
  std::vector<CachedPfn> cachedPfns() const override { return {}; }
  std::vector<PfnRange> queuedRanges() const override { return runsOf(lazyBits_); }

 private:
  std::optional<std::uint64_t> areaAlloc(std::uint64_t from, std::uint64_t pages, std::uint64_t limitPfn,
                                         std::uint64_t align) const;
  void globalFlush();
  static std::vector<PfnRange> runsOf(const std::vector<bool>& bits);

  Config config_;
  IommuHardware& iommu_;
  bool secondGeneration_;
  bool lazy_;
  std::vector<bool> used_;      // iommu_bitmap
  std::vector<bool> lazyBits_;  // lazy_bitmap (second generation)
  std::uint64_t nextBit_;
};

}  // namespace dmacheck::impl::iova
