#include "check/iova/minimize.h"

#include <algorithm>

#include "check/minimizer.h"

namespace dmacheck::iova {

namespace {

// The IOVA part of the one minimiser (check/minimizer.h): fewer operations first, then
// smaller numbers; operands toward simpler values, the domain toward fewer CPUs, strict
// mode and half the space.
struct Policy {
  using Scenario = iova::Scenario;
  using Factory = AllocatorFactory;
  static constexpr std::size_t kPairWindow = 6;  // pairs close together: a map and its unmap
  static void prepare(Minimizer<Policy>&) {}
  static void simplify(Minimizer<Policy>& m) {
    simplifyOps(m);
    simplifyConfig(m);
  }

  // Fewer operations first; at equal length, smaller numbers (a limit at the aperture's end
  // counts as no limit). A strict order, so minimization always ends.
  static std::uint64_t weight(const Scenario& s) {
    std::uint64_t w = s.config.cpus + s.config.lazy + s.config.startPfn + s.config.endPfn +
                      (s.config.queue == QueueKind::Single);
    for (const Op& op : s.ops)
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (requires { o.cpu; }) w += o.cpu;
            if constexpr (std::is_same_v<T, MapOp>) w += o.size + (o.limit == s.config.endPfn ? 0 : o.limit + 1);
            if constexpr (std::is_same_v<T, TickOp>) w += o.ms;
            if constexpr (std::is_same_v<T, LazySwitchOp>) w += o.raceLive.has_value();
          },
          op);
    return w;
  }
  static bool accepts(const Minimizer<Policy>& m, const Scenario& a, std::size_t, bool) {
    const Scenario& b = m.best();
    if (a.ops.size() != b.ops.size()) return a.ops.size() < b.ops.size();
    return weight(a) < weight(b);
  }

  // Each operand toward a simpler value: sizes down, limits to the aperture, CPUs to 0.
  static void simplifyOps(Minimizer<Policy>& m) {
    for (std::size_t i = 0; i < m.best().ops.size(); ++i) {
      std::vector<Op> options;
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            T c = o;
            if constexpr (requires { c.cpu; }) if (c.cpu) { T d = o; d.cpu = 0; options.push_back(d); }
            if constexpr (std::is_same_v<T, MapOp>) {
              for (std::uint64_t s : {std::uint64_t{1}, o.size / 2})
                if (s && s < o.size) { T d = o; d.size = s; options.push_back(d); }
              if (o.limit != m.best().config.endPfn) { T d = o; d.limit = m.best().config.endPfn; options.push_back(d); }
              for (std::uint64_t l : {o.limit / 2, o.limit - 1})
                if (l >= m.best().config.startPfn && l < o.limit) { T d = o; d.limit = l; options.push_back(d); }
            }
            if constexpr (std::is_same_v<T, TickOp>)
              if (o.ms > 1) { T d = o; d.ms = m.best().config.fqTimeoutMs; options.push_back(d); }
            if constexpr (std::is_same_v<T, LazySwitchOp>)
              if (o.raceLive) { T d = o; d.raceLive.reset(); options.push_back(d); }
          },
          m.best().ops[i]);
      for (const Op& option : options) {
        if (i >= m.best().ops.size()) break;
        m.tryEdit([&](Scenario& c) { return c.ops[i] = option, true; });
      }
    }
  }

  static void simplifyConfig(Minimizer<Policy>& m) {
    const Config base = m.best().config;
    std::vector<Config> options;
    if (base.cpus > 1) { Config c = base; c.cpus = 1; options.push_back(c); }
    if (base.lazy) { Config c = base; c.lazy = false; options.push_back(c); }
    if (base.queue == QueueKind::Single) { Config c = base; c.queue = QueueKind::PerCpu; options.push_back(c); }
    if (base.startPfn > 1) { Config c = base; c.startPfn = 1; options.push_back(c); }
    if (base.startPfn > 1) { Config c = base; c.startPfn = base.startPfn - 1; options.push_back(c); }
    for (const Config& config : options) m.tryEdit([&](Scenario& c) { return c.config = config, true; });
    m.tryAccept(halved(m.best()));
  }

  // The whole scenario in half the space: aperture, limits, sizes and pfns halved. A bug
  // that needs the space filled then needs fewer maps, which deleteOps() can drop next.
  static Scenario halved(Scenario s) {
    auto half = [](std::uint64_t v) { return std::max<std::uint64_t>(v / 2, 1); };
    auto halfLimit = [](std::uint64_t inclusive) { return (inclusive + 1) / 2 - 1; };
    s.config.endPfn = halfLimit(s.config.endPfn);
    s.config.dma32Pfn = half(s.config.dma32Pfn);
    for (Op& op : s.ops)
      std::visit(
          [&](auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, MapOp>) o.size = half(o.size), o.limit = halfLimit(o.limit);
            if constexpr (std::is_same_v<T, ReserveOp>) o.lo /= 2, o.hi /= 2;
            if constexpr (std::is_same_v<T, UnmapPfnOp>) o.pfn /= 2;
          },
          op);
    return s;
  }
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& make,
                          const std::optional<std::string>& invariant) {
  return Minimizer<Policy>(scenario, make, invariant).result();
}

}  // namespace dmacheck::iova
