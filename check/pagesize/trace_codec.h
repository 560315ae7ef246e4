#pragma once
// Page-size lines of the trace format: the container header and one line per operation.
//
//   container host_page=64K domains=0x40201000,0x20010000 v2=1 dma_entry_limit=65535
//   split iova=0x1ff000 paddr=0x1ff000 size=0x402000     # iommu_map on every domain
//   vfio-map iova=0x10000 vaddr=0x10000 size=0x10000
//   vfio-unmap iova=0x0 size=0x20000                      # or: vfio-unmap all=1
//   unmap-live live=0
//   device-map phys=0x1000 size=0x1000 untrusted=1        # dma_map_page through the first domain
//   sgtable size=0x3000 untrusted=0                       # alloc, get_sgtable, map on the last domain's device
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/pagesize/ops.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"

namespace dmacheck::pagesize {

// Throws InputError naming the line, the rule and the value.
// The lines of a pagesize trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = pagesize::Scenario;
  static constexpr std::string_view target = "pagesize", aTrace = "a pagesize trace";
  static constexpr std::array<std::string_view, 1> headers = {"container"};
  static constexpr std::string_view headerHint = "(host_page=, domains=, v2=)";
  static void readHeader(const TraceLine& line, VfioConfig& config);
  static Op readOp(const TraceLine& line, const VfioConfig& config);
  static std::optional<std::string> configProblem(const VfioConfig& config);
};

std::vector<std::string> headerLines(const VfioConfig& config);
std::string opLine(const Op& op, const std::string& comment = "");

}  // namespace dmacheck::pagesize
