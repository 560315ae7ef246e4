#include "model/pagesize/config_rules.h"

#include <fmt/format.h>

namespace dmacheck::pagesize::model {

std::optional<std::string> configProblem(const VfioConfig& c) {
  if (c.cpuPageShift != 12 && c.cpuPageShift != 14 && c.cpuPageShift != 16)
    return fmt::format("host page shift {} is not 12, 14 or 16 (4K, 16K, 64K pages)", c.cpuPageShift);
  if (c.domains.empty() || c.domains.size() > 4) return fmt::format("{} domains: attach 1 to 4", c.domains.size());
  PageSizes common = ~PageSizes{0};
  for (PageSizes d : c.domains) {
    if (d == 0) return "a domain's page-size bitmap is 0 (an IOMMU supports at least one page size)";
    common &= d;
  }
  if (common == 0)
    return "the domains share no page size: type1 would take __ffs(0) of the bitmap (attach IOMMUs with a common size)";
  if (c.dmaEntryLimit == 0 || c.dmaEntryLimit > 65535)
    return fmt::format("dma_entry_limit {} is not in 1..65535", c.dmaEntryLimit);
  return std::nullopt;
}

std::optional<std::string> splitProblem(std::uint64_t iova, std::uint64_t paddr, std::uint64_t size) {
  if (size == 0 || size > kMaxSplitBytes)
    return fmt::format("split size {:#x} is not in 1..{:#x} (iommu_map callers never map 0 bytes)", size,
                       kMaxSplitBytes);
  if (iova + (size - 1) < iova || paddr + (size - 1) < paddr)
    return fmt::format("split [{:#x} -> {:#x}, +{:#x}] wraps (callers check this)", iova, paddr, size);
  return std::nullopt;
}

std::optional<std::string> vfioMapProblem(const VfioMap& r) {
  if (r.size > kMaxVfioBytes) return fmt::format("map size {:#x} is above {:#x}", r.size, kMaxVfioBytes);
  return std::nullopt;
}

std::optional<std::string> deviceMapRequestProblem(std::uint64_t phys, std::uint64_t size) {
  if (size == 0 || size > kMaxVfioBytes)
    return fmt::format("device map size {:#x} is not in 1..{:#x}", size, kMaxVfioBytes);
  if (phys >= (1ULL << 52) || phys + size > (1ULL << 52))
    return fmt::format("device map [{:#x}, +{:#x}] is not below 2^52 (physical addresses)", phys, size);
  return std::nullopt;
}

std::optional<std::string> sgtableRequestProblem(std::uint64_t size) {
  if (size == 0 || size > (64ULL << 20)) return fmt::format("sgtable size {:#x} is not in 1..0x4000000 (64 MiB)", size);
  return std::nullopt;
}

}  // namespace dmacheck::pagesize::model
