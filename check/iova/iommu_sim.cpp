#include "check/iova/iommu_sim.h"

namespace dmacheck::iova {

bool IommuSim::mapPages(std::uint64_t pfn, std::uint64_t count) {
  for (std::uint64_t p = pfn; p - pfn < count; ++p)
    if (mapped_.count(p)) {
      collisions_.push_back(p);
      return false;
    }
  for (std::uint64_t p = pfn; p - pfn < count; ++p) mapped_.insert(p);
  return true;
}

std::uint64_t IommuSim::unmapPages(std::uint64_t pfn, std::uint64_t count) {
  std::uint64_t cleared = 0;
  for (std::uint64_t p = pfn; p - pfn < count; ++p)
    if (mapped_.erase(p)) {
      stale_.insert(p);
      ++cleared;
    }
  return cleared;
}

void IommuSim::flushAll() {
  ++flushAlls_;
  stale_.clear();
}

void IommuSim::flushRange(std::uint64_t pfn, std::uint64_t count) {
  ++flushRanges_;
  stale_.erase(stale_.lower_bound(pfn), count == 0 ? stale_.lower_bound(pfn) : stale_.upper_bound(pfn + count - 1));
}

std::optional<std::uint64_t> IommuSim::firstStale(std::uint64_t lo, std::uint64_t hi) const {
  auto it = stale_.lower_bound(lo);
  if (it != stale_.end() && *it <= hi) return *it;
  return std::nullopt;
}

std::vector<std::uint64_t> IommuSim::takeCollisions() {
  std::vector<std::uint64_t> out;
  out.swap(collisions_);
  return out;
}

}  // namespace dmacheck::iova
