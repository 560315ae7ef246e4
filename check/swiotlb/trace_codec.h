#pragma once
// SWIOTLB lines of the trace format: the pool/device header and one line per operation.
//
//   pool start=0x97ff0000 slots=7168 areas=1 page=4K
//   device min_align=0x0 seg_boundary=0xffffffffffffffff name="virtio-pci 0000:00:07.0"
//   map orig=0x40001000 size=0x800 align=0x0 cpu=0
//   alloc size=0x2000 cpu=0
//   unmap live=0
//   sync live=0 offset=0x900 size=0x100 dir=cpu
#include <string>
#include <vector>

#include "check/swiotlb/ops.h"
#include "check/trace_document.h"

namespace dmacheck::swiotlb {

// Throws InputError naming the line, the rule and the value.
Scenario scenarioFromDocument(const TraceDocument& doc);

std::vector<std::string> headerLines(const Config& config);
std::string opLine(const Op& op, const std::string& comment = "");

}  // namespace dmacheck::swiotlb
