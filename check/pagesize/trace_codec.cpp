#include "check/pagesize/target.h"

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/numbers.h"
#include "model/pagesize/config_rules.h"

namespace dmacheck::pagesize {

namespace {

std::vector<PageSizes> readDomains(const TraceLine& line) {
  std::vector<PageSizes> domains;
  const std::string& text = line.text("domains");
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    try {
      domains.push_back(parseNumber(text.substr(from, comma - from), "a domain's page-size bitmap"));
    } catch (const InputError& e) {
      throw InputError(e.what(), line.lineNo);
    }
    from = comma + 1;
  }
  return domains;
}

VfioConfig readContainer(const TraceLine& line) {
  line.allowOnly({"host_page", "domains", "v2", "dma_entry_limit"});
  VfioConfig c;
  const std::uint64_t page = line.numberOr("host_page", 4096);
  if (page != 4096 && page != 16384 && page != 65536)
    throw InputError(fmt::format("container host_page {:#x} is not 4K, 16K or 64K", page), line.lineNo);
  c.cpuPageShift = page == 4096 ? 12 : page == 16384 ? 14 : 16;
  c.domains = readDomains(line);
  const std::uint64_t v2 = line.numberOr("v2", 1);
  if (v2 > 1) throw InputError(fmt::format("container v2 must be 0 or 1, got {}", v2), line.lineNo);
  c.v2 = v2 == 1;
  const std::uint64_t limit = line.numberOr("dma_entry_limit", 65535);
  if (limit > UINT32_MAX) throw InputError(fmt::format("dma_entry_limit {:#x} does not fit 32 bits", limit), line.lineNo);
  c.dmaEntryLimit = static_cast<std::uint32_t>(limit);
  if (auto problem = model::configProblem(c)) throw InputError(*problem, line.lineNo);
  return c;
}

Op readOp(const TraceLine& line) {
  const std::string& k = line.keyword;
  if (k == "split") {
    line.allowOnly({"iova", "paddr", "size"});
    return SplitOp{line.number("iova"), line.number("paddr"), line.number("size")};
  }
  if (k == "vfio-map") {
    line.allowOnly({"iova", "vaddr", "size"});
    return VfioMapOp{line.number("iova"), line.number("vaddr"), line.number("size")};
  }
  if (k == "vfio-unmap") {
    line.allowOnly({"iova", "size", "all"});
    const std::uint64_t all = line.numberOr("all", 0);
    if (all > 1) throw InputError(fmt::format("vfio-unmap all must be 0 or 1, got {}", all), line.lineNo);
    return VfioUnmapOp{line.numberOr("iova", 0), line.numberOr("size", 0), all == 1};
  }
  if (k == "unmap-live") {
    line.allowOnly({"live"});
    const std::uint64_t live = line.number("live");
    if (live > UINT32_MAX) throw InputError(fmt::format("unmap-live live {:#x} does not fit 32 bits", live), line.lineNo);
    return UnmapLiveOp{static_cast<std::uint32_t>(live)};
  }
  if (k == "sgtable") {
    line.allowOnly({"size", "untrusted"});
    const std::uint64_t untrusted = line.numberOr("untrusted", 0);
    if (untrusted > 1) throw InputError(fmt::format("sgtable untrusted must be 0 or 1, got {}", untrusted), line.lineNo);
    return SgtableOp{line.number("size"), untrusted == 1};
  }
  if (k == "device-map") {
    line.allowOnly({"phys", "size", "untrusted"});
    const std::uint64_t untrusted = line.numberOr("untrusted", 0);
    if (untrusted > 1) throw InputError(fmt::format("device-map untrusted must be 0 or 1, got {}", untrusted), line.lineNo);
    return DeviceMapOp{line.number("phys"), line.number("size"), untrusted == 1};
  }
  throw InputError(fmt::format("unknown line '{}' (pagesize traces know container, split, vfio-map, vfio-unmap, "
                               "unmap-live, device-map, sgtable)", k), line.lineNo);
}

}  // namespace

void TraceSyntax::readHeader(const TraceLine& line, VfioConfig& config) { config = readContainer(line); }

Op TraceSyntax::readOp(const TraceLine& line, const VfioConfig&) { return pagesize::readOp(line); }

// The container's rules are checked with the operations (validateScenario).
std::optional<std::string> TraceSyntax::configProblem(const VfioConfig&) { return std::nullopt; }

std::vector<std::string> headerLines(const VfioConfig& c) {
  std::string domains;
  for (PageSizes d : c.domains) domains += (domains.empty() ? "" : ",") + hex(d);
  return {formatTraceLine("container", {{"host_page", sizeName(1ULL << c.cpuPageShift)},
                                        {"domains", domains},
                                        {"v2", c.v2 ? "1" : "0"},
                                        {"dma_entry_limit", std::to_string(c.dmaEntryLimit)}})};
}

std::string opLine(const Op& op, const std::string& comment) {
  struct Visitor {
    const std::string& comment;
    std::string operator()(const SplitOp& o) const {
      return formatTraceLine("split", {{"iova", hex(o.iova)}, {"paddr", hex(o.paddr)}, {"size", hex(o.size)}}, comment);
    }
    std::string operator()(const VfioMapOp& o) const {
      return formatTraceLine("vfio-map", {{"iova", hex(o.iova)}, {"vaddr", hex(o.vaddr)}, {"size", hex(o.size)}},
                             comment);
    }
    std::string operator()(const VfioUnmapOp& o) const {
      if (o.all && o.iova == 0 && o.size == 0) return formatTraceLine("vfio-unmap", {{"all", "1"}}, comment);
      std::vector<std::pair<std::string, std::string>> f = {{"iova", hex(o.iova)}, {"size", hex(o.size)}};
      if (o.all) f.push_back({"all", "1"});
      return formatTraceLine("vfio-unmap", f, comment);
    }
    std::string operator()(const DeviceMapOp& o) const {
      return formatTraceLine("device-map", {{"phys", hex(o.phys)}, {"size", hex(o.size)},
                                            {"untrusted", o.untrusted ? "1" : "0"}}, comment);
    }
    std::string operator()(const SgtableOp& o) const {
      return formatTraceLine("sgtable", {{"size", hex(o.size)}, {"untrusted", o.untrusted ? "1" : "0"}}, comment);
    }
    std::string operator()(const UnmapLiveOp& o) const {
      return formatTraceLine("unmap-live", {{"live", std::to_string(o.live)}}, comment);
    }
  };
  return std::visit(Visitor{comment}, op);
}

}  // namespace dmacheck::pagesize
