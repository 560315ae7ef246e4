// Part of the spec (model/): the configuration and request rules, written from
// docs/iova.md Shares no helper with impl/.
#include "model/iova/config_rules.h"

#include <fmt/format.h>

namespace dmacheck::iova::model {

namespace {

bool isPowerOfTwo(std::uint64_t v) {
  if (v == 0) return false;
  while (v % 2 == 0) v /= 2;
  return v == 1;
}

}  // namespace

std::optional<std::string> configProblem(const Config& c) {
  if (c.granuleShift < 12 || c.granuleShift > 16)
    return fmt::format("granule 2^{} is not a page size from 4K to 64K (init_iova_domain wants granule <= PAGE_SIZE)",
                       c.granuleShift);
  if (c.endPfn >= kMaxPfnSpace)
    return fmt::format("end_pfn {:#x} is above the supported pfn space {:#x}", c.endPfn, kMaxPfnSpace - 1);
  if (c.startPfn == 0)
    return std::string("start_pfn 0: dma-iommu starts the domain at pfn 1 or above, and 0 means failure to alloc_iova_fast");
  if (c.startPfn > c.endPfn) return fmt::format("start_pfn {:#x} is above end_pfn {:#x}", c.startPfn, c.endPfn);
  if (c.dma32Pfn == 0 || c.dma32Pfn > c.endPfn + 1)
    return fmt::format("dma32_pfn {:#x} must be in 1..end_pfn+1 ({:#x})", c.dma32Pfn, c.endPfn + 1);
  if (c.cpus < 1 || c.cpus > 64) return fmt::format("cpus {} is not in 1..64", c.cpus);
  if (c.fqSize < 2 || c.fqSize > (1u << 16) || !isPowerOfTwo(c.fqSize))
    return fmt::format("fq_size {} is not a power of two in 2..65536 (the ring masks its indexes)", c.fqSize);
  if (c.fqTimeoutMs < 1 || c.fqTimeoutMs > 100000) return fmt::format("fq_timeout {} ms is not in 1..100000", c.fqTimeoutMs);
  if (c.magSize < 1 || c.magSize > 128) return fmt::format("mag_size {} is not in 1..128", c.magSize);
  if (c.depotMax < 1 || c.depotMax > 64) return fmt::format("depot_max {} is not in 1..64", c.depotMax);
  return std::nullopt;
}

std::optional<std::string> requestProblem(const Config& c, const MapRequest& r) {
  if (r.size == 0) return std::string("size 0: a mapping takes at least one granule");
  if (r.size > c.endPfn + 1) return fmt::format("size {:#x} granules is larger than the aperture", r.size);
  if (r.limitPfn > c.endPfn)
    return fmt::format("limit {:#x} is above end_pfn {:#x} (dma-iommu caps the DMA mask to the aperture)", r.limitPfn,
                       c.endPfn);
  std::uint64_t taken = 1;  // a size-aligned request below 32 granules takes a power of two
  while (r.sizeAligned && r.size < 32 && taken < r.size) taken *= 2;
  if (!(r.sizeAligned && r.size < 32)) taken = r.size;
  if (r.limitPfn < c.startPfn || taken > r.limitPfn - c.startPfn + 1)
    return fmt::format("size {:#x} ({:#x} granules taken) cannot fit in [start_pfn {:#x}, limit {:#x}] at all", r.size,
                       taken, c.startPfn, r.limitPfn);
  if (r.cpu >= c.cpus) return fmt::format("cpu {} is not below cpus={}", r.cpu, c.cpus);
  return std::nullopt;
}

}  // namespace dmacheck::iova::model
