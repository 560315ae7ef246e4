#include "props/iova/generators.h"

#include "check/iova/target.h"
#include "model/iova/config_rules.h"

namespace dmacheck::iova {

namespace {

struct Palette {
  std::vector<std::uint64_t> sizes;
  std::vector<std::uint64_t> limits;
};

// Ticks just below, at and past the flush-queue timeout, and far past it: a timer that is
// re-armed by every queued entry only shows when ticks shorter than the timeout add up.
std::vector<std::uint64_t> tickValues(const Config& c) {
  const std::uint64_t t = c.fqTimeoutMs;
  return {1, t, t > 1 ? t - 1 : 2, t + 1, t > 1 ? t / 2 : 1, 2 * t, 100, 1000};
}

rc::Gen<Op> genOp(const Config& c, const Palette& p) {
  auto cpu = rc::gen::inRange<std::uint32_t>(0, c.cpus);
  auto index = rc::gen::inRange<std::uint32_t>(0, 8);
  auto map = rc::gen::map(rc::gen::tuple(rc::gen::elementOf(p.sizes), rc::gen::elementOf(p.limits),
                                         rc::gen::weightedElement<bool>({{9, true}, {1, false}}), cpu),
                          [c](const auto& t) {
                            MapOp m{std::get<0>(t), std::get<1>(t), std::get<2>(t), std::get<3>(t)};
                            if (model::requestProblem(c, {m.size, m.limit, m.aligned, m.cpu})) m.limit = c.endPfn;
                            if (model::requestProblem(c, {m.size, m.limit, m.aligned, m.cpu})) m.size = 1;
                            return Op{m};
                          });
  return rc::gen::weightedOneOf<Op>({
      {40, map},
      {25, rc::gen::map(rc::gen::tuple(index, cpu), [](const auto& t) { return Op{UnmapOp{std::get<0>(t), std::get<1>(t)}}; })},
      {8, rc::gen::map(rc::gen::elementOf(tickValues(c)), [](std::uint64_t ms) { return Op{TickOp{ms}}; })},
      {3, rc::gen::map(rc::gen::tuple(index, cpu), [](const auto& t) { return Op{UnmapAgainOp{std::get<0>(t), std::get<1>(t)}}; })},
      {2, rc::gen::map(rc::gen::tuple(rc::gen::elementOf(std::vector<std::uint64_t>{0, c.startPfn, c.endPfn}), cpu),
                       [](const auto& t) { return Op{UnmapPfnOp{std::get<0>(t), 1, std::get<1>(t)}}; })},
      {3, rc::gen::map(cpu, [](std::uint32_t k) { return Op{CpuDeadOp{k}}; })},
      {2, rc::gen::map(rc::gen::tuple(rc::gen::inRange<std::uint32_t>(0, 4), cpu), [](const auto& t) {
         LazySwitchOp s{std::nullopt, std::get<1>(t)};
         if (std::get<0>(t)) s.raceLive = std::get<0>(t) - 1;  // 0: no racing unmap
         return Op{s};
       })},
  });
}

}  // namespace

static rc::Gen<Config> genConfig() {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::elementOf(std::vector<std::uint64_t>{1, 1, 2, 4}), rc::gen::elementOf(std::vector<std::uint64_t>{16, 32, 64, 128}),
                     rc::gen::inRange(0, 3), rc::gen::inRange<std::uint32_t>(1, 3), rc::gen::elementOf(std::vector<std::uint32_t>{1, 2, 4}),
                     rc::gen::elementOf(std::vector<std::uint32_t>{1, 2, 32}), rc::gen::arbitrary<bool>(), rc::gen::arbitrary<bool>(),
                     rc::gen::elementOf(std::vector<std::uint32_t>{2, 4, 8}), rc::gen::elementOf(std::vector<std::uint32_t>{1, 10})),
      [](const auto& t) {
        Config c;
        c.startPfn = std::get<0>(t);
        c.dma32Pfn = std::get<1>(t);
        c.endPfn = std::get<2>(t) == 0 ? c.dma32Pfn - 1 : std::get<2>(t) == 1 ? 2 * c.dma32Pfn - 1 : 4 * c.dma32Pfn - 1;
        c.cpus = std::get<3>(t);
        c.magSize = std::get<4>(t);
        c.depotMax = std::get<5>(t);
        c.lazy = std::get<6>(t);
        c.queue = std::get<7>(t) ? QueueKind::Single : QueueKind::PerCpu;
        c.fqSize = std::get<8>(t);
        c.fqTimeoutMs = std::get<9>(t);
        return c;
      });
}

rc::Gen<Scenario> genScenario() {
  return rc::gen::mapcat(genConfig(), [](const Config& c) {
    // A size one past the room above the 32-bit boundary: the first top-down allocation
    // straddles it (the node shape behind a stale cached32 node).
    const std::uint64_t straddle = c.endPfn >= c.dma32Pfn ? c.endPfn - c.dma32Pfn + 2 : 2;
    auto sizes = rc::gen::container<std::vector<std::uint64_t>>(
        3, rc::gen::elementOf(std::vector<std::uint64_t>{1, 1, 2, 3, 4, 5, 8, 16, c.dma32Pfn / 4, c.dma32Pfn / 2 - 1,
                                                         32, 33, straddle}));
    auto limits = rc::gen::container<std::vector<std::uint64_t>>(
        2, rc::gen::elementOf(std::vector<std::uint64_t>{c.endPfn, c.endPfn, c.dma32Pfn - 1, c.dma32Pfn / 2 - 1, 3, 7}));
    return rc::gen::mapcat(rc::gen::tuple(sizes, limits), [c](const auto& t) {
      const Palette p{std::get<0>(t), std::get<1>(t)};
      auto reserve = rc::gen::map(rc::gen::elementOf(std::vector<std::uint64_t>{0, c.startPfn, c.dma32Pfn / 2}),
                                  [c](std::uint64_t lo) { return Op{ReserveOp{lo, std::min(c.endPfn, lo + 1)}}; });
      return rc::gen::map(rc::gen::tuple(rc::gen::elementOf(std::vector<int>{0, 0, 0, 1}), reserve,
                                         rc::gen::container<std::vector<Op>>(genOp(c, p))),
                          [c](const auto& parts) {
                            Scenario s{c, {}};
                            if (std::get<0>(parts)) s.ops.push_back(std::get<1>(parts));
                            s.ops.insert(s.ops.end(), std::get<2>(parts).begin(), std::get<2>(parts).end());
                            return s;
                          });
    });
  });
}

void showValue(const Scenario& scenario, std::ostream& os) {
  for (const auto& line : headerLines(scenario.config)) os << line << "\n";
  for (const Op& op : scenario.ops) os << opLine(op) << "\n";
}

}  // namespace dmacheck::iova
