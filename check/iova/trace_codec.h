#pragma once
// IOVA lines of the trace format: the domain header and one line per operation.
//
//   domain start_pfn=0x1 dma32_pfn=0x40 end_pfn=0xff granule=4K cpus=2 mag_size=127 depot_max=32
//   unmap_mode mode=lazy queue=percpu fq_size=256 fq_timeout_ms=10
//   map size=0x2 limit=0x3f aligned=1 cpu=0
//   unmap live=0 cpu=0
//   unmap-again dead=0 cpu=0
//   unmap-pfn pfn=0x0 size=0x1 cpu=0
//   reserve lo=0x0 hi=0x0
//   tick ms=10
//   cpu-dead cpu=1
//   lazy-switch race=0 cpu=1
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/iova/ops.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"

namespace dmacheck::iova {

// The lines of an iova trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = iova::Scenario;
  static constexpr std::string_view target = "iova", aTrace = "an iova trace";
  static constexpr std::array<std::string_view, 2> headers = {"domain", "unmap_mode"};
  static constexpr std::string_view headerHint = "(start_pfn=, dma32_pfn=, end_pfn=, ...)";
  static void readHeader(const TraceLine& line, Config& config);
  static Op readOp(const TraceLine& line, const Config& config);
  static std::optional<std::string> configProblem(const Config& config);
};

std::vector<std::string> headerLines(const Config& config);
std::string opLine(const Op& op, const std::string& comment = "");

}  // namespace dmacheck::iova
