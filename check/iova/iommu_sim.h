#pragma once
// The simulated IOMMU the checker gives an implementation: page tables (which pfns are
// mapped), an IOTLB that may keep a translation from its unmap until an invalidation
// covers it, and a clock. It judges nothing itself; the checker reads it.
#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "model/iova/api.h"

namespace dmacheck::iova {

class IommuSim final : public IommuHardware {
 public:
  bool mapPages(std::uint64_t pfn, std::uint64_t count) override;
  std::uint64_t unmapPages(std::uint64_t pfn, std::uint64_t count) override;
  void flushAll() override;
  void flushRange(std::uint64_t pfn, std::uint64_t count) override;
  std::uint64_t nowMs() const override { return now_; }

  void advance(std::uint64_t ms) { now_ += ms; }
  // The first pfn of [lo, hi] whose old translation the IOTLB may still hold.
  std::optional<std::uint64_t> firstStale(std::uint64_t lo, std::uint64_t hi) const;
  // Pfns an iommu_map found already mapped since the last call (-EEXIST).
  std::vector<std::uint64_t> takeCollisions();
  // IOTLB invalidations issued so far (the workload figures: flushes per 1,000 unmaps).
  std::uint64_t flushAllCount() const { return flushAlls_; }
  std::uint64_t flushRangeCount() const { return flushRanges_; }

 private:
  std::set<std::uint64_t> mapped_, stale_;
  std::vector<std::uint64_t> collisions_;
  std::uint64_t now_ = 0;
  std::uint64_t flushAlls_ = 0, flushRanges_ = 0;
};

}  // namespace dmacheck::iova
