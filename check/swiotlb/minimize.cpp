#include "check/swiotlb/minimize.h"

#include <functional>

#include "check/minimizer.h"
#include "model/swiotlb/config_rules.h"

namespace dmacheck::swiotlb {

namespace {

bool sameGeometry(const Config& a, const Config& b) {
  return a.pool.start == b.pool.start && a.pool.slots == b.pool.slots && a.pool.areas == b.pool.areas &&
         a.pool.pageSize == b.pool.pageSize && a.device.minAlignMask == b.device.minAlignMask &&
         a.device.segBoundaryMask == b.device.segBoundaryMask;
}

// The SWIOTLB part of the one minimiser (check/minimizer.h): a candidate is accepted when
// it is no noisier (violations of other invariants on the way); geometry toward one area,
// 4K pages, no masks, aligned starts and fewer slots; operands toward cpu 0, no alignment
// and one-slot sizes.
struct Policy {
  using Scenario = swiotlb::Scenario;
  using Factory = AllocatorFactory;
  using Edit = std::function<void(Config&)>;
  static constexpr std::size_t kPairWindow = 0;
  static bool accepts(const Minimizer<Policy>& m, const Scenario&, std::size_t noise, bool quieterOnly) {
    return noise <= m.bestNoise() && !(quieterOnly && noise == m.bestNoise());
  }

  // With a target invariant, a more ordinary geometry that drops the other violations on
  // the way (whole segments, an aligned start) is worth a larger pool.
  static void prepare(Minimizer<Policy>& m) {
    if (!m.hunting() || m.bestNoise() == 0) return;
    for (const Edit& edit : std::vector<Edit>{
             [](Config& c) { c.pool.slots = (c.pool.slots + kSegmentSlots - 1) / kSegmentSlots * kSegmentSlots; },
             [](Config& c) { c.pool.start = c.pool.start / (1ULL << 30) * (1ULL << 30); }}) {
      Scenario candidate = m.best();
      edit(candidate.config);
      if (!sameGeometry(candidate.config, m.best().config)) m.tryAccept(std::move(candidate), /*quieterOnly=*/true);
    }
  }

  static void simplify(Minimizer<Policy>& m) {
    simplifyGeometry(m);
    simplifyOps(m);
  }

  // Each edit must change something.
  static void tryEach(Minimizer<Policy>& m, const std::vector<Edit>& edits) {
    for (const Edit& edit : edits)
      m.tryEdit([&](Scenario& c) {
        edit(c.config);
        return !sameGeometry(c.config, m.best().config);
      });
  }

  static void simplifyGeometry(Minimizer<Policy>& m) {
    std::vector<Edit> edits = {
        [](Config& c) { c.pool.areas = 1; },
        [](Config& c) { c.pool.pageSize = 4096; },
        [](Config& c) { c.device.minAlignMask = 0; },
        [](Config& c) { c.device.segBoundaryMask = ~0ULL; },
    };
    for (std::uint64_t alignment : {1ULL << 30, 1ULL << 20, 1ULL << 16})  // simpler pool starts
      edits.push_back([alignment](Config& c) { c.pool.start = c.pool.start / alignment * alignment; });
    for (std::uint32_t slots : {1u, 2u, 3u, 4u, 8u, 16u, 32u, 48u, 64u, 128u, 256u, 512u, 1024u})
      if (slots < m.best().config.pool.slots) edits.push_back([slots](Config& c) { c.pool.slots = slots; });
    tryEach(m, edits);
  }

  template <typename T, typename Edit>
  static bool tryOp(Minimizer<Policy>& m, std::size_t i, Edit edit) {
    return m.tryEdit([&](Scenario& c) {
      auto* op = i < c.ops.size() ? std::get_if<T>(&c.ops[i]) : nullptr;
      return op && edit(*op);
    });
  }

  static void simplifyOps(Minimizer<Policy>& m) {
    for (std::size_t i = 0; i < m.best().ops.size(); ++i) {
      tryOp<MapOp>(m, i, [](MapOp& o) { return o.cpu != 0 && (o.cpu = 0, true); });
      tryOp<MapOp>(m, i, [](MapOp& o) { return o.align != 0 && (o.align = 0, true); });
      tryOp<MapOp>(m, i, [](MapOp& o) {
        return o.dma.dir != DmaDirection::Bidirectional && (o.dma.dir = DmaDirection::Bidirectional, true);
      });
      tryOp<MapOp>(m, i, [](MapOp& o) { return o.dma.skipCpuSync && !(o.dma.skipCpuSync = false); });
      tryOp<MapOp>(m, i, [](MapOp& o) { return o.size > 1 && (o.size = 1, true); });
      tryOp<MapOp>(m, i, [](MapOp& o) { return o.size > 1 && (o.size = (o.size + 1) / 2, true); });
      tryOp<AllocOp>(m, i, [](AllocOp& a) { return a.cpu != 0 && (a.cpu = 0, true); });
      tryOp<AllocOp>(m, i, [&m](AllocOp& a) {
        return a.size > m.best().config.pool.pageSize && (a.size = m.best().config.pool.pageSize, true);
      });
      tryOp<SyncOp>(m, i, [](SyncOp& s) { return s.size > 1 && (s.size = (s.size + 1) / 2, true); });
      tryOp<DeviceWriteOp>(m, i, [](DeviceWriteOp& w) { return w.offset != 0 && (w.offset = 0, true); });
      tryOp<DeviceWriteOp>(m, i, [](DeviceWriteOp& w) { return w.size > 1 && (w.size = (w.size + 1) / 2, true); });
    }
  }
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const std::optional<std::string>& invariant) {
  return Minimizer<Policy>(scenario, makeAllocator, invariant).result();
}

}  // namespace dmacheck::swiotlb
