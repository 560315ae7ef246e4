#include "check/iova/workload.h"

#include <algorithm>
#include <deque>
#include <random>

namespace dmacheck::iova {

namespace {

constexpr std::uint64_t kDma32Pfn = 1ULL << 20;  // 4 GiB of 4K granules

std::uint64_t pickSize(std::mt19937_64& rng) {
  std::uint32_t total = 0;
  for (const SizeWeight& s : kNvmeSizes) total += s.weight;
  std::uint32_t roll = static_cast<std::uint32_t>(rng() % total);
  for (const SizeWeight& s : kNvmeSizes) {
    if (roll < s.weight) return s.granules;
    roll -= s.weight;
  }
  return 1;
}

// The checker names live allocations by their index in map order; the generator keeps the
// same list to turn "complete I/O #n" into that index.
class LiveList {
 public:
  void mapped(std::uint64_t io) { live_.push_back(io); }
  std::uint32_t unmapped(std::uint64_t io) {
    const auto it = std::find(live_.begin(), live_.end(), io);
    const auto index = static_cast<std::uint32_t>(it - live_.begin());
    live_.erase(it);
    return index;
  }

 private:
  std::vector<std::uint64_t> live_;
};

}  // namespace

Config nvmeDomain(const NvmeMix& mix, const Config& unmapMode) {
  Config c = unmapMode;
  c.cpus = mix.cpus;
  c.startPfn = 1;
  c.dma32Pfn = kDma32Pfn;
  c.endPfn = kDma32Pfn - 1;
  return c;
}

Scenario nvmeWorkload(const NvmeMix& mix, const Config& unmapMode) {
  Scenario s{nvmeDomain(mix, unmapMode), {}};
  std::mt19937_64 rng(mix.seed);
  std::vector<std::deque<std::uint64_t>> outstanding(mix.cpus);
  LiveList live;
  auto complete = [&](std::uint32_t cpu, std::size_t which) {
    const std::uint64_t io = outstanding[cpu][which];
    outstanding[cpu].erase(outstanding[cpu].begin() + static_cast<long>(which));
    s.ops.push_back(UnmapOp{live.unmapped(io), cpu});
  };
  for (std::uint64_t io = 0; io < mix.ios; ++io) {
    const auto cpu = static_cast<std::uint32_t>(io % mix.cpus);
    if (outstanding[cpu].size() == mix.queueDepth) complete(cpu, rng() % outstanding[cpu].size());
    s.ops.push_back(MapOp{pickSize(rng), s.config.endPfn, true, cpu});
    live.mapped(io);
    outstanding[cpu].push_back(io);
    if ((io + 1) % mix.iosPerMs == 0) s.ops.push_back(TickOp{1});
  }
  for (std::uint32_t cpu = 0; cpu < mix.cpus; ++cpu)
    while (!outstanding[cpu].empty()) complete(cpu, 0);
  s.ops.push_back(TickOp{std::max<std::uint64_t>(unmapMode.fqTimeoutMs, 1)});
  return s;
}

}  // namespace dmacheck::iova
