#include "check/swiotlb/target.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/numbers.h"
#include "model/swiotlb/config_rules.h"

namespace dmacheck::swiotlb {

namespace {

std::uint32_t narrow32(const TraceLine& line, const char* key, std::uint64_t fallback) {
  std::uint64_t value = line.numberOr(key, fallback);
  if (value > UINT32_MAX)
    throw InputError(fmt::format("'{}' {} must fit in 32 bits (the kernel's unsigned int), got {:#x}",
                                 line.keyword, key, value), line.lineNo);
  return static_cast<std::uint32_t>(value);
}

void readPool(const TraceLine& line, PoolConfig& pool) {
  line.allowOnly({"start", "slots", "areas", "page"});
  pool.start = line.number("start");
  pool.slots = narrow32(line, "slots", 0);
  if (!line.has("slots")) line.number("slots");  // reports the missing field
  pool.areas = narrow32(line, "areas", 1);
  pool.pageSize = narrow32(line, "page", 4096);
}

void readDevice(const TraceLine& line, DeviceConfig& device) {
  line.allowOnly({"min_align", "seg_boundary", "name"});
  device.minAlignMask = narrow32(line, "min_align", 0);
  device.segBoundaryMask = line.numberOr("seg_boundary", ~0ULL);
  if (line.has("name")) device.name = line.text("name");
}

Direction readDirection(const TraceLine& line) {
  if (!line.has("dir")) return Direction::ToCpu;
  const std::string& dir = line.text("dir");
  if (dir == "cpu") return Direction::ToCpu;
  if (dir == "device") return Direction::ToDevice;
  throw InputError(fmt::format("sync dir must be 'cpu' or 'device', got '{}'", dir), line.lineNo);
}

// The spellings of enum dma_data_direction in a trace; Bidirectional is the default.
constexpr std::pair<DmaDirection, const char*> kDmaNames[] = {
    {DmaDirection::Bidirectional, "bidirectional"}, {DmaDirection::ToDevice, "to-device"},
    {DmaDirection::FromDevice, "from-device"}};

StreamingDma readStreamingDma(const TraceLine& line) {
  StreamingDma dma;
  if (line.has("dma")) {
    const std::string& name = line.text("dma");
    auto known = std::find_if(std::begin(kDmaNames), std::end(kDmaNames), [&](auto& n) { return name == n.second; });
    if (known == std::end(kDmaNames))
      throw InputError(fmt::format("map dma must be 'bidirectional', 'to-device' or 'from-device', got '{}'", name),
                       line.lineNo);
    dma.dir = known->first;
  }
  const std::uint64_t skip = line.numberOr("skip_cpu_sync", 0);
  if (skip > 1) throw InputError(fmt::format("map skip_cpu_sync must be 0 or 1, got {}", skip), line.lineNo);
  dma.skipCpuSync = skip == 1;
  return dma;
}

std::uint32_t readLive(const TraceLine& line) { return narrow32(line, "live", 0); }

Op readOp(const TraceLine& line) {
  if (line.keyword == "map") {
    line.allowOnly({"orig", "size", "align", "cpu", "dma", "skip_cpu_sync"});
    return MapOp{narrow32(line, "cpu", 0), line.number("orig"), line.number("size"), narrow32(line, "align", 0),
                 readStreamingDma(line)};
  }
  if (line.keyword == "alloc") {
    line.allowOnly({"size", "cpu"});
    return AllocOp{narrow32(line, "cpu", 0), line.number("size")};
  }
  if (line.keyword == "unmap") {
    line.allowOnly({"live"});
    return UnmapOp{readLive(line)};
  }
  if (line.keyword == "sync") {
    line.allowOnly({"live", "offset", "size", "dir"});
    return SyncOp{readLive(line), line.numberOr("offset", 0), line.number("size"), readDirection(line)};
  }
  if (line.keyword == "device-write") {
    line.allowOnly({"live", "offset", "size"});
    return DeviceWriteOp{readLive(line), line.numberOr("offset", 0), line.number("size")};
  }
  throw InputError(fmt::format("unknown line '{}' (swiotlb traces know pool, device, map, alloc, unmap, sync, "
                               "device-write)", line.keyword), line.lineNo);
}

const char* dmaName(DmaDirection dir) {
  for (const auto& [d, name] : kDmaNames)
    if (d == dir) return name;
  return "?";
}

}  // namespace

void TraceSyntax::readHeader(const TraceLine& line, Config& config) {
  if (line.keyword == "pool") readPool(line, config.pool);
  else readDevice(line, config.device);
}

Op TraceSyntax::readOp(const TraceLine& line, const Config&) { return swiotlb::readOp(line); }

std::optional<std::string> TraceSyntax::configProblem(const Config& config) { return model::configProblem(config); }

std::vector<std::string> headerLines(const Config& config) {
  const PoolConfig& p = config.pool;
  const DeviceConfig& d = config.device;
  return {formatTraceLine("pool", {{"start", hex(p.start)}, {"slots", std::to_string(p.slots)},
                                   {"areas", std::to_string(p.areas)}, {"page", sizeName(p.pageSize)}}),
          formatTraceLine("device", {{"min_align", hex(d.minAlignMask)}, {"seg_boundary", hex(d.segBoundaryMask)},
                                     {"name", d.name}})};
}

std::string opLine(const Op& op, const std::string& comment) {
  struct Visitor {
    const std::string& comment;
    std::string operator()(const MapOp& m) const {
      std::vector<std::pair<std::string, std::string>> f = {{"orig", hex(m.orig)}, {"size", hex(m.size)},
                                                            {"align", hex(m.align)}};
      if (m.cpu) f.push_back({"cpu", std::to_string(m.cpu)});
      if (m.dma.dir != DmaDirection::Bidirectional) f.push_back({"dma", dmaName(m.dma.dir)});
      if (m.dma.skipCpuSync) f.push_back({"skip_cpu_sync", "1"});
      return formatTraceLine("map", f, comment);
    }
    std::string operator()(const AllocOp& a) const {
      std::vector<std::pair<std::string, std::string>> f = {{"size", hex(a.size)}};
      if (a.cpu) f.push_back({"cpu", std::to_string(a.cpu)});
      return formatTraceLine("alloc", f, comment);
    }
    std::string operator()(const UnmapOp& u) const {
      return formatTraceLine("unmap", {{"live", std::to_string(u.live)}}, comment);
    }
    std::string operator()(const SyncOp& s) const {
      return formatTraceLine("sync", {{"live", std::to_string(s.live)}, {"offset", hex(s.offset)},
                                      {"size", hex(s.size)}, {"dir", s.dir == Direction::ToCpu ? "cpu" : "device"}},
                             comment);
    }
    std::string operator()(const DeviceWriteOp& w) const {
      return formatTraceLine("device-write", {{"live", std::to_string(w.live)}, {"offset", hex(w.offset)},
                                              {"size", hex(w.size)}}, comment);
    }
  };
  return std::visit(Visitor{comment}, op);
}

}  // namespace dmacheck::swiotlb
