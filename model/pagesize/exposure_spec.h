#pragma once
// THE SPEC of what a device may reach after a streaming DMA map through an IOMMU whose
// granule may be larger than the CPU page (seed 004; dmacheck's reference model). Plain
// arithmetic from the rules docs/pagesize.md states; it shares no helper with impl/.
//
// * A mapped buffer must be reachable: the IOMMU translates a range that contains it, and
//   the DMA address handed out points at the buffer's first byte (G-ADDR, G-COVER).
// * Exposure: the bytes the device can reach besides the buffer, i.e. the translated range
//   minus the buffer. In bypass (no translation) it is all of memory.
// * Untrusted devices (pci_dev->untrusted) must have none (G-EXPOSE): the map bounces the
//   buffer through swiotlb, fails, or needs no rounding. Trusted devices may be exposed up
//   to the granule rounding, which the report shows as a figure.
#include <optional>
#include <string>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize::model {

// Bytes of exposure of a result for a buffer; nothing means unbounded (bypass).
std::optional<std::uint64_t> exposureOf(const DeviceMapResult& result, std::uint64_t phys, std::uint64_t size);

// The first rule the result breaks for a map of [phys, phys + size) by a device, with the
// invariant id ("G-ADDR", "G-COVER", "G-EXPOSE") and the values.
struct ExposureProblem {
  const char* invariant;
  std::string detail;
};
std::optional<ExposureProblem> deviceMapProblem(const DeviceMapResult& result, std::uint64_t phys, std::uint64_t size,
                                                bool untrusted);

}  // namespace dmacheck::pagesize::model
