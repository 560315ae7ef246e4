#include "model/pagesize/exposure_spec.h"

#include <fmt/format.h>

namespace dmacheck::pagesize::model {

std::optional<std::uint64_t> exposureOf(const DeviceMapResult& r, std::uint64_t, std::uint64_t size) {
  switch (r.kind) {
    case DeviceMapResult::Kind::Bypass: return std::nullopt;
    case DeviceMapResult::Kind::Mapped: return r.mappedLength - size;
    default: return 0;  // refused, or a bounce buffer padded to the granule with zeroes
  }
}

std::optional<ExposureProblem> deviceMapProblem(const DeviceMapResult& r, std::uint64_t phys, std::uint64_t size,
                                                bool untrusted) {
  if (r.kind == DeviceMapResult::Kind::Mapped) {
    const bool covers = r.mappedPhys <= phys && phys + size <= r.mappedPhys + r.mappedLength;
    if (covers && r.dma != r.mappedIova + (phys - r.mappedPhys))
      return ExposureProblem{"G-ADDR", fmt::format("DMA address {:#x} does not translate to the buffer at {:#x} "
                                                   "(IOVA {:#x} maps {:#x})", r.dma, phys, r.mappedIova, r.mappedPhys)};
    if (!covers)
      return ExposureProblem{"G-COVER", fmt::format("the IOMMU translates [{:#x}, +{:#x}], which does not contain the "
                                                    "buffer [{:#x}, +{:#x}]", r.mappedPhys, r.mappedLength, phys, size)};
  }
  if (r.kind == DeviceMapResult::Kind::Bypass && r.dma != phys)
    return ExposureProblem{"G-ADDR", fmt::format("in bypass the DMA address {:#x} must be the buffer's {:#x}", r.dma,
                                                 phys)};
  if (!untrusted) return std::nullopt;
  const auto exposure = exposureOf(r, phys, size);
  if (!exposure)
    return ExposureProblem{"G-EXPOSE", fmt::format("an untrusted device is in bypass: it reaches all of memory, not "
                                                   "only its buffer [{:#x}, +{:#x}]", phys, size)};
  if (*exposure != 0)
    return ExposureProblem{"G-EXPOSE", fmt::format("an untrusted device reaches {:#x} bytes beyond its buffer "
                                                   "[{:#x}, +{:#x}] (translated [{:#x}, +{:#x}])", *exposure, phys,
                                                   size, r.mappedPhys, r.mappedLength)};
  return std::nullopt;
}

}  // namespace dmacheck::pagesize::model
