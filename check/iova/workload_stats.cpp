#include "check/iova/workload_stats.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/iova/iommu_sim.h"

namespace dmacheck::iova {

namespace {

struct LiveIova {
  std::uint64_t pfn, size;
  std::uint32_t cpu;
};

struct LastUnmap {
  std::uint64_t ms, ordinal;
};

Percentiles percentiles(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  auto at = [&](double q) { return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))]; };
  return {values.front(), at(0.10), at(0.50), at(0.90)};
}

class Meter {
 public:
  Meter(const Scenario& s, const AllocatorFactory& make) : impl_(make(s.config, iommu_)) {}

  void run(const MapOp& o) {
    ++stats_.maps;
    const auto pfn = impl_->map({o.size, o.limit, o.aligned, o.cpu});
    stats_.collisions += iommu_.takeCollisions().size();
    if (!pfn) {
      ++stats_.refused;
      return;
    }
    if (iommu_.firstStale(*pfn, *pfn + o.size - 1)) ++stats_.staleMaps;
    noteReuse(*pfn, o.size);
    live_.push_back({*pfn, o.size, o.cpu});
  }

  void run(const UnmapOp& o) {
    if (live_.empty()) return;
    const std::size_t index = o.live % live_.size();
    const LiveIova v = live_[index];
    live_.erase(live_.begin() + static_cast<long>(index));
    impl_->unmap({v.pfn, v.size, true, o.cpu});
    ++stats_.unmaps;
    for (std::uint64_t p = v.pfn; p < v.pfn + v.size; ++p) lastUnmap_[p] = {iommu_.nowMs(), stats_.unmaps};
  }

  void run(const TickOp& o) {
    for (std::uint64_t ms = 0; ms < o.ms; ++ms) {
      iommu_.advance(1);
      impl_->clockAdvanced();
      stats_.peakQueued = std::max<std::uint64_t>(stats_.peakQueued, impl_->queuedRanges().size());
    }
  }

  WorkloadStats finish() {
    stats_.flushAll = iommu_.flushAllCount();
    stats_.flushRange = iommu_.flushRangeCount();
    stats_.reuseMs = percentiles(reuseMs_);
    stats_.reuseUnmaps = percentiles(reuseUnmaps_);
    return stats_;
  }

 private:
  // The most recent unmap of any pfn the new range covers.
  void noteReuse(std::uint64_t pfn, std::uint64_t size) {
    const LastUnmap* latest = nullptr;
    for (std::uint64_t p = pfn; p < pfn + size; ++p)
      if (auto it = lastUnmap_.find(p); it != lastUnmap_.end() && (!latest || it->second.ordinal > latest->ordinal))
        latest = &it->second;
    if (!latest) return;
    ++stats_.reusedMaps;
    reuseMs_.push_back(static_cast<double>(iommu_.nowMs() - latest->ms));
    reuseUnmaps_.push_back(static_cast<double>(stats_.unmaps - latest->ordinal));
  }

  IommuSim iommu_;
  std::unique_ptr<IovaAllocator> impl_;
  std::vector<LiveIova> live_;
  std::unordered_map<std::uint64_t, LastUnmap> lastUnmap_;
  std::vector<double> reuseMs_, reuseUnmaps_;
  WorkloadStats stats_;
};

}  // namespace

double WorkloadStats::flushesPer1000Unmaps() const {
  return unmaps == 0 ? 0 : 1000.0 * static_cast<double>(flushAll + flushRange) / static_cast<double>(unmaps);
}

WorkloadStats measureWorkload(const Scenario& scenario, const AllocatorFactory& make) {
  const auto start = std::chrono::steady_clock::now();
  Meter meter(scenario, make);
  for (std::size_t i = 0; i < scenario.ops.size(); ++i) {
    const Op& op = scenario.ops[i];
    if (const auto* m = std::get_if<MapOp>(&op)) meter.run(*m);
    else if (const auto* u = std::get_if<UnmapOp>(&op)) meter.run(*u);
    else if (const auto* t = std::get_if<TickOp>(&op)) meter.run(*t);
    else throw InputError(fmt::format("operation {}: a workload measures map, unmap and tick only", i + 1));
  }
  WorkloadStats stats = meter.finish();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace dmacheck::iova
