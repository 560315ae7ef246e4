#include "kernel/shim_gaps.h"

#include <gtest/gtest.h>

namespace dmacheck::kernel {
namespace {

// What clang 14 printed for Debian's linux-source-7.2 before the shims knew v7.x.
const char* kSid72Output =
    "In file included from /src/kernel/swiotlb/harness.c:24:\n"
    "/t/linux-7.2/kernel/dma/swiotlb.c:290:29: error: use of undeclared identifier 'INVALID_PHYS_ADDR'\n"
    "                mem->slots[i].orig_addr = INVALID_PHYS_ADDR;\n"
    "/t/linux-7.2/kernel/dma/swiotlb.c:873:19: error: use of undeclared identifier 'INVALID_PHYS_ADDR'\n"
    "/t/linux-7.2/kernel/dma/swiotlb.c:877:3: error: implicit declaration of function 'arch_sync_dma_flush' is "
    "invalid in C99 [-Werror,-Wimplicit-function-declaration]\n"
    "/t/linux-7.2/kernel/dma/swiotlb.c:1902:3: error: field designator 'node_init' does not refer to any field in "
    "type 'const struct reserved_mem_ops'\n"
    "/t/linux-7.2/kernel/dma/swiotlb.c:1910:3: error: unknown type name 'phys_vec'\n"
    "1 warning and 4 errors generated.\n";

TEST(ShimGaps, NamesEachMissingSymbolOnceWithItsFirstUse) {
  const std::vector<ShimGap> gaps = findShimGaps(kSid72Output, "/t/linux-7.2/");
  ASSERT_EQ(gaps.size(), 4u);
  EXPECT_EQ(gaps[0].symbol, "INVALID_PHYS_ADDR");
  EXPECT_EQ(gaps[0].kind, "identifier");
  EXPECT_EQ(gaps[0].where, "kernel/dma/swiotlb.c:290");
  EXPECT_EQ(gaps[1].symbol, "arch_sync_dma_flush");
  EXPECT_EQ(gaps[1].kind, "function");
  EXPECT_EQ(gaps[2].symbol, "reserved_mem_ops.node_init");
  EXPECT_EQ(gaps[2].kind, "field");
  EXPECT_EQ(gaps[3].symbol, "phys_vec");
  EXPECT_EQ(gaps[3].kind, "type");
}

TEST(ShimGaps, OtherErrorsAreNoGap) {
  EXPECT_TRUE(findShimGaps("/t/a.c:1:2: error: conflicting types for 'swiotlb_free'\n", "/t/").empty());
  EXPECT_TRUE(findShimGaps("", "/t/").empty());
}

TEST(ShimGaps, TheLineNamesTheSymbolAndTheShimFolder) {
  const std::string line = describeShimGaps({{"kzalloc_objs", "function", "drivers/iommu/iova.c:719"}});
  EXPECT_NE(line.find("this tree uses kzalloc_objs (a function, at drivers/iommu/iova.c:719)"), std::string::npos);
  EXPECT_NE(line.find("add it to kernel/shims/dmacheck/"), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace dmacheck::kernel
