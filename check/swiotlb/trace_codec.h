#pragma once
// SWIOTLB lines of the trace format: the pool/device header and one line per operation.
//
//   pool start=0x97ff0000 slots=7168 areas=1 page=4K
//   device min_align=0x0 seg_boundary=0xffffffffffffffff name="virtio-pci 0000:00:07.0"
//   map orig=0x40001000 size=0x800 align=0x0 cpu=0 dma=from-device skip_cpu_sync=1
//   alloc size=0x2000 cpu=0
//   unmap live=0
//   sync live=0 offset=0x900 size=0x100 dir=cpu
//   device-write live=0 offset=0x0 size=0x100
// A map's dma= (bidirectional, to-device, from-device) defaults to bidirectional, and its
// skip_cpu_sync= (DMA_ATTR_SKIP_CPU_SYNC, for the map and its unmap) to 0.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/swiotlb/ops.h"
#include "check/trace_document.h"
#include "check/trace_reader.h"

namespace dmacheck::swiotlb {

// Throws InputError naming the line, the rule and the value.
// The lines of a swiotlb trace (check/trace_reader.h); InputError names the line, the rule and
// the value.
struct TraceSyntax {
  using Scenario = swiotlb::Scenario;
  static constexpr std::string_view target = "swiotlb", aTrace = "a swiotlb trace";
  static constexpr std::array<std::string_view, 2> headers = {"pool", "device"};
  static constexpr std::string_view headerHint = "(start=, slots=, areas=, page=)";
  static void readHeader(const TraceLine& line, Config& config);
  static Op readOp(const TraceLine& line, const Config& config);
  static std::optional<std::string> configProblem(const Config& config);
};

std::vector<std::string> headerLines(const Config& config);
std::string opLine(const Op& op, const std::string& comment = "");

}  // namespace dmacheck::swiotlb
