#pragma once
// Our re-implementation of iova.c's range caches (docs/iova.md): per size class, a
// loaded and a previous magazine per CPU, and a depot of full magazines (a bounded array
// before v6.7, a list trimmed by delayed work since). The cache holds pfns that are still
// allocated in the tree; it never checks that a pfn it is given was allocated.
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "impl/iova/iova_rules.h"
#include "model/iova/allocator.h"

namespace dmacheck::impl::iova {

inline constexpr std::uint32_t kRangeCacheOrders = 6;  // IOVA_RANGE_CACHE_MAX_SIZE: sizes up to 32 granules
inline constexpr std::uint64_t kDepotDelayMs = 100;    // IOVA_DEPOT_DELAY

class RangeCache {
 public:
  // `release` returns a magazine's pfns to the tree (iova_magazine_free_pfns).
  RangeCache(std::uint32_t cpus, std::uint32_t magSize, std::uint32_t depotMax, const Rules& rules,
             std::function<void(const std::vector<std::uint64_t>&)> release);

  static std::optional<std::uint32_t> orderFor(std::uint64_t size);  // order_base_2, if cached
  bool insert(std::uint64_t pfn, std::uint64_t size, std::uint32_t cpu, std::uint64_t nowMs);
  // A pfn whose range [pfn, pfn + size) ends at or below limitExclusive; 0 on a miss.
  std::uint64_t get(std::uint64_t size, std::uint64_t limitExclusive, std::uint32_t cpu);
  void flushCpu(std::uint32_t cpu);   // free_cpu_cached_iovas
  void flushDepot();                  // free_global_cached_iovas
  void clockAdvanced(std::uint64_t nowMs);  // the depot trimming work (list depot)
  std::vector<dmacheck::iova::CachedPfn> contents() const;

 private:
  using Magazine = std::vector<std::uint64_t>;
  struct CpuCache {
    Magazine loaded, prev;
  };
  struct Bin {
    std::vector<CpuCache> cpus;
    std::deque<Magazine> depot;  // back = most recently pushed
  };
  std::uint64_t popBelow(Magazine& mag, std::uint64_t limit);

  std::uint32_t magSize_, depotMax_, onlineCpus_;
  Rules rules_;
  std::function<void(const std::vector<std::uint64_t>&)> release_;
  Bin bins_[kRangeCacheOrders];
  std::optional<std::uint64_t> trimAtMs_;  // the depot work, when scheduled
};

}  // namespace dmacheck::impl::iova
