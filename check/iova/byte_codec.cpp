#include "check/iova/target.h"

#include <algorithm>
#include <bit>

#include "check/byte_fields.h"
#include "model/iova/config_rules.h"

namespace dmacheck::iova {

namespace {

using Reader = ByteFieldReader;

void put(std::vector<std::uint8_t>& out, std::uint64_t value) { putEscaped(out, value); }

Config readConfig(Reader& in) {
  Config c;
  c.startPfn = in.field({1, 2, 4});
  c.dma32Pfn = in.field({64, 16, 32, 128});
  c.endPfn = in.field({c.dma32Pfn - 1, 2 * c.dma32Pfn - 1, 255, 63});
  c.cpus = static_cast<std::uint32_t>(in.field({1, 2, 4}));
  c.magSize = static_cast<std::uint32_t>(in.field({2, 1, 4, 127}));
  c.depotMax = static_cast<std::uint32_t>(in.field({1, 2, 32}));
  c.lazy = in.field({0, 1}) != 0;
  c.queue = in.field({0, 1}) ? QueueKind::Single : QueueKind::PerCpu;
  c.fqSize = static_cast<std::uint32_t>(in.field({4, 2, 8, 256}));
  c.fqTimeoutMs = static_cast<std::uint32_t>(in.field({10, 1, 1000}));
  if (model::configProblem(c)) c = Config{12, 1, 64, 127, false, QueueKind::PerCpu, 4, 10, 2, 2, 1};
  return c;
}

std::uint32_t cpuOf(Reader& in, const Config& c) { return static_cast<std::uint32_t>(in.field({0, 1, 2, 3}) % c.cpus); }

Op readOp(Reader& in, const Config& c) {
  switch (in.byte() % 8) {
    case 0: {
      MapOp m;
      m.size = std::max<std::uint64_t>(1, in.field({1, 2, 4, 3, 8, 16, 32, 33, 64, 5}));
      m.limit = std::min(c.endPfn, in.field({c.endPfn, c.dma32Pfn - 1, c.dma32Pfn / 2 - 1, 3, 15, 31}));
      m.aligned = in.field({1, 0}) != 0;
      m.cpu = cpuOf(in, c);
      if (model::requestProblem(c, {m.size, m.limit, m.aligned, m.cpu})) m = MapOp{1, c.endPfn, true, m.cpu};
      return m;
    }
    case 1: return UnmapOp{static_cast<std::uint32_t>(in.field({0, 1, 2, 3, 4, 5, 6, 7})), cpuOf(in, c)};
    case 2: return UnmapAgainOp{static_cast<std::uint32_t>(in.field({0, 1, 2, 3})), cpuOf(in, c)};
    case 3: {
      UnmapPfnOp u{std::min(c.endPfn, in.field({0, 1, c.startPfn, c.endPfn})), 0, 0};
      u.size = std::clamp<std::uint64_t>(in.field({1, 2, 4}), 1, c.endPfn + 1 - u.pfn);
      u.cpu = cpuOf(in, c);
      return u;
    }
    case 4: {
      ReserveOp r{std::min(c.endPfn, in.field({0, 1, c.dma32Pfn / 2})), 0};
      r.hi = std::clamp(in.field({r.lo, r.lo + 1, r.lo + 7}), r.lo, c.endPfn);
      return r;
    }
    case 5: return TickOp{std::clamp<std::uint64_t>(in.field({c.fqTimeoutMs, 1, 100, 1000}), 1, 1000000)};
    case 6: return CpuDeadOp{cpuOf(in, c)};
    default: {
      LazySwitchOp s;
      const std::uint64_t race = in.field({0, 1, 2});
      if (race) s.raceLive = static_cast<std::uint32_t>(race - 1);
      s.cpu = cpuOf(in, c);
      return s;
    }
  }
}

}  // namespace

void decodeConfig(ByteFieldReader& in, Config& config) { config = readConfig(in); }

bool decodeOp(ByteFieldReader& in, Scenario& s) {
  const Op op = readOp(in, s.config);
  const bool mapped =
      std::any_of(s.ops.begin(), s.ops.end(), [](const Op& o) { return std::holds_alternative<MapOp>(o); });
  if (!(std::holds_alternative<ReserveOp>(op) && mapped)) s.ops.push_back(op);  // reserve_iova is init-time only
  return s.ops.size() < 200;
}

void encodeConfig(std::vector<std::uint8_t>& out, const Config& c) {
  for (std::uint64_t v : {c.startPfn, c.dma32Pfn, c.endPfn, std::uint64_t{c.cpus}, std::uint64_t{c.magSize},
                          std::uint64_t{c.depotMax}, std::uint64_t{c.lazy}, std::uint64_t{c.queue == QueueKind::Single},
                          std::uint64_t{c.fqSize}, std::uint64_t{c.fqTimeoutMs}})
    put(out, v);
}

void encodeOp(std::vector<std::uint8_t>& out, const Op& op, const Config&) {
  out.push_back(static_cast<std::uint8_t>(op.index()));
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, MapOp>)
          for (std::uint64_t v : {o.size, o.limit, std::uint64_t{o.aligned}, std::uint64_t{o.cpu}}) put(out, v);
        if constexpr (std::is_same_v<T, UnmapOp>) put(out, o.live), put(out, o.cpu);
        if constexpr (std::is_same_v<T, UnmapAgainOp>) put(out, o.dead), put(out, o.cpu);
        if constexpr (std::is_same_v<T, UnmapPfnOp>) put(out, o.pfn), put(out, o.size), put(out, o.cpu);
        if constexpr (std::is_same_v<T, ReserveOp>) put(out, o.lo), put(out, o.hi);
        if constexpr (std::is_same_v<T, TickOp>) put(out, o.ms);
        if constexpr (std::is_same_v<T, CpuDeadOp>) put(out, o.cpu);
        if constexpr (std::is_same_v<T, LazySwitchOp>) put(out, o.raceLive ? *o.raceLive + 1 : 0), put(out, o.cpu);
      },
      op);
}

}  // namespace dmacheck::iova
