#include "impl/iova/range_cache.h"

#include "base/step_budget.h"

#include <algorithm>
#include <bit>

namespace dmacheck::impl::iova {

RangeCache::RangeCache(std::uint32_t cpus, std::uint32_t magSize, std::uint32_t depotMax, const Rules& rules,
                       std::function<void(const std::vector<std::uint64_t>&)> release)
    : magSize_(magSize), depotMax_(depotMax), onlineCpus_(cpus), rules_(rules), release_(std::move(release)) {
  for (Bin& bin : bins_) bin.cpus.resize(cpus);
}

std::optional<std::uint32_t> RangeCache::orderFor(std::uint64_t size) {
  const std::uint32_t order = size <= 1 ? 0 : 64 - std::countl_zero(size - 1);
  if (order >= kRangeCacheOrders) return std::nullopt;
  return order;
}

// iova_rcache_insert(): loaded, else swap with prev, else a fresh magazine and the full one
// goes to the depot (or, when the array depot is full, back to the tree).
bool RangeCache::insert(std::uint64_t pfn, std::uint64_t size, std::uint32_t cpu, std::uint64_t nowMs) {
  const auto order = orderFor(size);
  if (!order) return false;
  Bin& bin = bins_[*order];
  CpuCache& c = bin.cpus[cpu];
  std::optional<Magazine> toRelease;
  if (c.loaded.size() >= magSize_) {
    if (c.prev.size() < magSize_) {
      std::swap(c.loaded, c.prev);
    } else {
      if (rules_.depotList) {
        bin.depot.push_back(std::move(c.loaded));
        if (!trimAtMs_) trimAtMs_ = nowMs + kDepotDelayMs;
      } else if (bin.depot.size() < depotMax_) {
        bin.depot.push_back(std::move(c.loaded));
      } else {
        toRelease = std::move(c.loaded);
      }
      c.loaded = Magazine{};
    }
  }
  c.loaded.push_back(pfn);
  if (toRelease) release_(*toRelease);
  return true;
}

// iova_magazine_pop(): the newest pfn that fits under the limit, moved out by swapping with
// the top. Before ~v4.15 only the top entry was tried, and only its pfn_lo was compared.
std::uint64_t RangeCache::popBelow(Magazine& mag, std::uint64_t limit) {
  if (!rules_.rcacheChecksRangeEnd) {
    if (mag.back() > limit) return 0;
    const std::uint64_t pfn = mag.back();
    mag.pop_back();
    return pfn;
  }
  for (std::size_t i = mag.size(); i-- > 0;) {
    if (mag[i] > limit) continue;
    const std::uint64_t pfn = mag[i];
    mag[i] = mag.back();
    mag.pop_back();
    return pfn;
  }
  return 0;
}

std::uint64_t RangeCache::get(std::uint64_t size, std::uint64_t limitExclusive, std::uint32_t cpu) {
  const auto order = orderFor(size);
  if (!order) return 0;
  Bin& bin = bins_[*order];
  CpuCache& c = bin.cpus[cpu];
  if (c.loaded.empty()) {
    if (!c.prev.empty()) {
      std::swap(c.loaded, c.prev);
    } else if (!bin.depot.empty()) {
      c.loaded = std::move(bin.depot.back());
      bin.depot.pop_back();
    } else {
      return 0;
    }
  }
  // The robust version asks for a start at most limit - size; the old one compared the
  // start with the limit itself, so the range could end above it (IOVA-RCACHE-LIMIT).
  const std::uint64_t limit = rules_.rcacheChecksRangeEnd ? limitExclusive - size : limitExclusive - 1;
  return popBelow(c.loaded, limit);
}

void RangeCache::flushCpu(std::uint32_t cpu) {
  for (Bin& bin : bins_) {
    CpuCache& c = bin.cpus[cpu];
    release_(c.loaded);
    release_(c.prev);
    c.loaded.clear();
    c.prev.clear();
  }
}

void RangeCache::flushDepot() {
  for (Bin& bin : bins_) {
    while (!bin.depot.empty()) {
      StepBudget::charge("the depot flush");
      Magazine mag = std::move(bin.depot.back());
      bin.depot.pop_back();
      release_(mag);
    }
  }
}

// iova_depot_work_func(): trims each depot down to one magazine per online CPU.
void RangeCache::clockAdvanced(std::uint64_t nowMs) {
  if (!trimAtMs_ || nowMs < *trimAtMs_) return;
  trimAtMs_.reset();
  for (Bin& bin : bins_) {
    while (bin.depot.size() > onlineCpus_) {
      StepBudget::charge("iova_depot_work_func()");
      Magazine mag = std::move(bin.depot.front());
      bin.depot.pop_front();
      release_(mag);
    }
  }
}

std::vector<dmacheck::iova::CachedPfn> RangeCache::contents() const {
  std::vector<dmacheck::iova::CachedPfn> out;
  for (std::uint32_t order = 0; order < kRangeCacheOrders; ++order) {
    const Bin& bin = bins_[order];
    for (std::uint32_t cpu = 0; cpu < bin.cpus.size(); ++cpu)
      for (const Magazine* mag : {&bin.cpus[cpu].loaded, &bin.cpus[cpu].prev})
        for (std::uint64_t pfn : *mag) out.push_back({order, pfn, cpu});
    for (const Magazine& mag : bin.depot)
      for (std::uint64_t pfn : mag) out.push_back({order, pfn, ~0u});
  }
  return out;
}

}  // namespace dmacheck::impl::iova
