// Unit tests of the re-implemented __iommu_map split: docs/pagesize.md's examples, with and
// without map_pages' count (the pages are the same; the calls are not), and the refusals.
#include <gtest/gtest.h>

#include "impl/pagesize/iommu_split.h"

namespace dmacheck::impl::pagesize {
namespace {

constexpr PageSizes k4K2M1G = 0x1000 | 0x200000 | 0x40000000;

std::vector<std::pair<std::uint64_t, std::uint64_t>> pagesOf(const SplitResult& split) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pages;  // (count, size)
  for (const PageRun& r : split.runs) pages.push_back({r.count, r.pageSize});
  return pages;
}

Rules withCount(bool count) {
  Rules r;
  r.mapPagesCount = count;
  return r;
}

TEST(IommuSplit, ExamplesOfTheIommuCore) {
  struct Example {
    std::uint64_t iova, paddr, size;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> pages;
  };
  const Example examples[] = {
      {0x1ff000, 0x1ff000, 0x402000, {{1, 0x1000}, {2, 0x200000}, {1, 0x1000}}},
      {0x200000, 0x200000, 0x3ff000, {{1, 0x200000}, {511, 0x1000}}},
      {0x1000, 0x201000, 0x400000, {{511, 0x1000}, {1, 0x200000}, {1, 0x1000}}},
      {0x1000, 0x202000, 0x400000, {{1024, 0x1000}}},
  };
  for (const Example& e : examples)
    for (bool count : {false, true}) {
      const auto split = iommuMapSplit(k4K2M1G, e.iova, e.paddr, e.size, withCount(count));
      ASSERT_TRUE(split);
      EXPECT_EQ(pagesOf(*split), e.pages) << std::hex << e.iova << " " << e.paddr << " count " << count;
    }
}

TEST(IommuSplit, MapPagesCountNeedsFewerCalls) {
  const auto perPage = iommuMapSplit(k4K2M1G, 0x200000, 0x200000, 0x3ff000, withCount(false));
  const auto counted = iommuMapSplit(k4K2M1G, 0x200000, 0x200000, 0x3ff000, withCount(true));
  ASSERT_TRUE(perPage && counted);
  EXPECT_EQ(perPage->driverCalls, 512u);
  EXPECT_EQ(counted->driverCalls, 2u);
}

TEST(IommuSplit, RefusesWhatTheSmallestPageCannotMap) {
  EXPECT_FALSE(iommuMapSplit(k4K2M1G, 0x800, 0x1000, 0x1000, withCount(true)));
  EXPECT_FALSE(iommuMapSplit(0x10000, 0x1000, 0x1000, 0x10000, withCount(true)));
  EXPECT_FALSE(iommuMapSplit(0, 0, 0, 0x1000, withCount(true)));
}

}  // namespace
}  // namespace dmacheck::impl::pagesize
