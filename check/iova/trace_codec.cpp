#include "check/iova/target.h"

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/numbers.h"
#include "model/iova/config_rules.h"

namespace dmacheck::iova {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::uint32_t small(const TraceLine& line, const char* key, std::uint64_t fallback) {
  const std::uint64_t value = line.numberOr(key, fallback);
  if (value > UINT32_MAX)
    throw InputError(fmt::format("'{}' {} must fit in 32 bits, got {:#x}", line.keyword, key, value), line.lineNo);
  return static_cast<std::uint32_t>(value);
}

bool flag(const TraceLine& line, const char* key, bool fallback) {
  const std::uint64_t value = line.numberOr(key, fallback ? 1 : 0);
  if (value > 1) throw InputError(fmt::format("'{}' {} must be 0 or 1, got {}", line.keyword, key, value), line.lineNo);
  return value == 1;
}

void readDomain(const TraceLine& line, Config& c) {
  line.allowOnly({"start_pfn", "dma32_pfn", "end_pfn", "granule", "cpus", "mag_size", "depot_max"});
  c.startPfn = line.numberOr("start_pfn", 1);
  c.dma32Pfn = line.number("dma32_pfn");
  c.endPfn = line.number("end_pfn");
  const std::uint64_t granule = line.numberOr("granule", 4096);
  unsigned shift = 0;
  while (shift < 63 && (1ULL << shift) < granule) ++shift;
  if ((1ULL << shift) != granule)
    throw InputError(fmt::format("domain granule {:#x} is not a power of two", granule), line.lineNo);
  c.granuleShift = shift;
  c.cpus = small(line, "cpus", 1);
  c.magSize = small(line, "mag_size", 127);
  c.depotMax = small(line, "depot_max", 32);
}

void readUnmapMode(const TraceLine& line, Config& c) {
  line.allowOnly({"mode", "queue", "fq_size", "fq_timeout_ms"});
  const std::string mode = line.has("mode") ? line.text("mode") : "strict";
  if (mode != "strict" && mode != "lazy")
    throw InputError(fmt::format("unmap_mode mode must be 'strict' or 'lazy', got '{}'", mode), line.lineNo);
  c.lazy = mode == "lazy";
  const std::string queue = line.has("queue") ? line.text("queue") : "percpu";
  if (queue != "percpu" && queue != "single")
    throw InputError(fmt::format("unmap_mode queue must be 'percpu' or 'single', got '{}'", queue), line.lineNo);
  c.queue = queue == "single" ? QueueKind::Single : QueueKind::PerCpu;
  c.fqSize = small(line, "fq_size", 256);
  c.fqTimeoutMs = small(line, "fq_timeout_ms", 10);
}

Op readOp(const TraceLine& line, const Config& c) {
  const std::string& k = line.keyword;
  if (k == "map") {
    line.allowOnly({"size", "limit", "aligned", "cpu"});
    return MapOp{line.number("size"), line.numberOr("limit", c.endPfn), flag(line, "aligned", true), small(line, "cpu", 0)};
  }
  if (k == "unmap") {
    line.allowOnly({"live", "cpu"});
    return UnmapOp{small(line, "live", 0), small(line, "cpu", 0)};
  }
  if (k == "unmap-again") {
    line.allowOnly({"dead", "cpu"});
    return UnmapAgainOp{small(line, "dead", 0), small(line, "cpu", 0)};
  }
  if (k == "unmap-pfn") {
    line.allowOnly({"pfn", "size", "cpu"});
    return UnmapPfnOp{line.number("pfn"), line.numberOr("size", 1), small(line, "cpu", 0)};
  }
  if (k == "reserve") {
    line.allowOnly({"lo", "hi"});
    return ReserveOp{line.number("lo"), line.number("hi")};
  }
  if (k == "tick") {
    line.allowOnly({"ms"});
    return TickOp{line.number("ms")};
  }
  if (k == "cpu-dead") {
    line.allowOnly({"cpu"});
    return CpuDeadOp{small(line, "cpu", 0)};
  }
  if (k == "lazy-switch") {
    line.allowOnly({"race", "cpu"});
    LazySwitchOp op{std::nullopt, small(line, "cpu", 0)};
    if (line.has("race")) op.raceLive = small(line, "race", 0);
    return op;
  }
  throw InputError(fmt::format("unknown line '{}' (iova traces know domain, unmap_mode, map, unmap, unmap-again, "
                               "unmap-pfn, reserve, tick, cpu-dead, lazy-switch)", k), line.lineNo);
}

}  // namespace

void TraceSyntax::readHeader(const TraceLine& line, Config& config) {
  if (line.keyword == "domain") readDomain(line, config);
  else readUnmapMode(line, config);
}

Op TraceSyntax::readOp(const TraceLine& line, const Config& config) { return iova::readOp(line, config); }

std::optional<std::string> TraceSyntax::configProblem(const Config& config) { return model::configProblem(config); }

std::vector<std::string> headerLines(const Config& c) {
  return {formatTraceLine("domain", {{"start_pfn", hex(c.startPfn)}, {"dma32_pfn", hex(c.dma32Pfn)},
                                     {"end_pfn", hex(c.endPfn)}, {"granule", sizeName(1ULL << c.granuleShift)},
                                     {"cpus", std::to_string(c.cpus)}, {"mag_size", std::to_string(c.magSize)},
                                     {"depot_max", std::to_string(c.depotMax)}}),
          formatTraceLine("unmap_mode", {{"mode", c.lazy ? "lazy" : "strict"},
                                         {"queue", c.queue == QueueKind::Single ? "single" : "percpu"},
                                         {"fq_size", std::to_string(c.fqSize)},
                                         {"fq_timeout_ms", std::to_string(c.fqTimeoutMs)}})};
}

std::string opLine(const Op& op, const std::string& comment) {
  auto cpu = [](Fields f, std::uint32_t c) {
    if (c) f.push_back({"cpu", std::to_string(c)});
    return f;
  };
  struct Visitor {
    const std::string& comment;
    decltype(cpu)& withCpu;
    std::string operator()(const MapOp& m) const {
      Fields f = {{"size", hex(m.size)}, {"limit", hex(m.limit)}};
      if (!m.aligned) f.push_back({"aligned", "0"});
      return formatTraceLine("map", withCpu(f, m.cpu), comment);
    }
    std::string operator()(const UnmapOp& u) const {
      return formatTraceLine("unmap", withCpu({{"live", std::to_string(u.live)}}, u.cpu), comment);
    }
    std::string operator()(const UnmapAgainOp& u) const {
      return formatTraceLine("unmap-again", withCpu({{"dead", std::to_string(u.dead)}}, u.cpu), comment);
    }
    std::string operator()(const UnmapPfnOp& u) const {
      return formatTraceLine("unmap-pfn", withCpu({{"pfn", hex(u.pfn)}, {"size", hex(u.size)}}, u.cpu), comment);
    }
    std::string operator()(const ReserveOp& r) const {
      return formatTraceLine("reserve", {{"lo", hex(r.lo)}, {"hi", hex(r.hi)}}, comment);
    }
    std::string operator()(const TickOp& t) const {
      return formatTraceLine("tick", {{"ms", std::to_string(t.ms)}}, comment);
    }
    std::string operator()(const CpuDeadOp& c) const {
      return formatTraceLine("cpu-dead", {{"cpu", std::to_string(c.cpu)}}, comment);
    }
    std::string operator()(const LazySwitchOp& s) const {
      Fields f;
      if (s.raceLive) f.push_back({"race", std::to_string(*s.raceLive)});
      return formatTraceLine("lazy-switch", withCpu(f, s.cpu), comment);
    }
  };
  return std::visit(Visitor{comment, cpu}, op);
}

}  // namespace dmacheck::iova
