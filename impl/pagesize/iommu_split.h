#pragma once
// Our re-implementation of __iommu_map()'s split (docs/pagesize.md): the min_pagesz
// check, then iommu_pgsize() chunk after chunk, one page per call before v5.15's
// map_pages and `count` pages per call after. Returns the pages as runs (consecutive
// calls with the same page size merged), or nothing for -EINVAL.
#include <optional>
#include <vector>

#include "impl/pagesize/pagesize_rules.h"
#include "model/pagesize/api.h"

namespace dmacheck::impl::pagesize {

using dmacheck::pagesize::PageRun;
using dmacheck::pagesize::PageSizes;

struct SplitResult {
  std::vector<PageRun> runs;
  std::uint64_t driverCalls = 0;  // map_pages (or map) calls
};

std::optional<SplitResult> iommuMapSplit(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                         std::uint64_t size, const Rules& rules);

}  // namespace dmacheck::impl::pagesize
