#include "impl/pagesize/iommu_split.h"

#include "base/step_budget.h"
#include "impl/pagesize/pgsize_rules.h"

namespace dmacheck::impl::pagesize {

std::optional<SplitResult> iommuMapSplit(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                         std::uint64_t size, const Rules& rules) {
  if (bitmap == 0) return std::nullopt;  // -ENODEV in the kernel: no page size at all
  const std::uint64_t minPage = std::uint64_t{1} << lowestBit(bitmap);
  if (((iova | paddr | size) & (minPage - 1)) != 0) return std::nullopt;
  SplitResult out;
  while (size != 0) {
    StepBudget::charge("the page-size split of iommu_map()");
    const auto choice = iommuPageSize<std::uint64_t>(rules, bitmap, iova, paddr, size, rules.mapPagesCount);
    const std::uint64_t bytes = choice.pageSize * choice.count;
    ++out.driverCalls;
    if (!out.runs.empty() && out.runs.back().pageSize == choice.pageSize)
      out.runs.back().count += choice.count;
    else
      out.runs.push_back({iova, paddr, choice.pageSize, choice.count});
    iova += bytes;
    paddr += bytes;
    size -= bytes;
  }
  return out;
}

}  // namespace dmacheck::impl::pagesize
