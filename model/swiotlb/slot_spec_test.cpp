// The model's verdicts on hand-made placements: what it allows, what it refuses and why.
#include <gtest/gtest.h>

#include "model/swiotlb/config_rules.h"
#include "model/swiotlb/slot_spec.h"

namespace dmacheck::model {
namespace {

using namespace swiotlb;

Config pool(std::uint32_t slots, std::uint32_t minAlign = 0, std::uint32_t page = 4096) {
  Config c;
  c.pool = {0x40000000, slots, 1, page};
  c.device.minAlignMask = minAlign;
  return c;
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.invariant);
  return out;
}

TEST(SlotSpec, AcceptsAnAlignedMapThatKeepsMinAlignBits) {
  SlotSpec spec(pool(1024, 0xfff));
  // orig low bits 0x9a0: the tlb must end in 0x9a0, so slot 1 + 0x1a0.
  EXPECT_TRUE(spec.judgeMapped({0, 0x123459a0, 0x200, 0}, {1, 1, 0x400009a0}).empty());
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x123459a0, 0x200, 0}, {0, 1, 0x400001a0})),
            std::vector<std::string>({"S-MINALIGN"}));
}

TEST(SlotSpec, RefusesSharedSlotsAndRunsOffThePool) {
  SlotSpec spec(pool(8));
  spec.record({2, 2, 0x40001000});
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x10000, 0x800, 0}, {3, 1, 0x40001800})), std::vector<std::string>({"S-DISJ"}));
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x10000, 0x1000, 0}, {7, 2, 0x40003800})), std::vector<std::string>({"S-BOUNDS"}));
}

TEST(SlotSpec, SegmentBoundaryIsABound) {
  SlotSpec spec(pool(256));
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x10000, 0x1000, 0}, {127, 2, 0x4003f800})), std::vector<std::string>({"S-BOUNDS"}));
}

TEST(SlotSpec, PageRuleOnlyWithoutMasks) {
  SlotSpec spec(pool(64));
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x10000, 0x2000, 0}, {1, 4, 0x40000800})), std::vector<std::string>({"S-PAGE"}));
  EXPECT_TRUE(spec.judgeMapped({0, 0x10000, 0x800, 0}, {1, 1, 0x40000800}).empty());
}

TEST(SlotSpec, AllocAlignCoversTheWholeLastGranule) {
  SlotSpec spec(pool(64, 0x1fff));
  // A = 0x1fff, tlb offset 0x600, 0x2000 bytes: the last byte sits in the second 8K granule.
  EXPECT_EQ(ids(spec.judgeMapped({0, 0x10600, 0x2000, 0x1fff}, {0, 5, 0x40000600})),
            std::vector<std::string>({"S-ALLOCALIGN"}));
  EXPECT_TRUE(spec.judgeMapped({0, 0x10600, 0x2000, 0x1fff}, {0, 8, 0x40000600}).empty());
}

TEST(SlotSpec, CoherentPageMustHoldOnlyItsOwnSlots) {
  SlotSpec spec(pool(64));
  spec.record({0, 1, 0x40000000});
  auto findings = spec.judgeAllocated({0, 0x2000}, {1, 4, 0x40000800});
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings.front().invariant, "S-DISJ");
  EXPECT_NE(findings.front().detail.find("another live allocation"), std::string::npos);
}

TEST(SlotSpec, WitnessExistsExactlyWhenAFreeRunFits) {
  SlotSpec spec(pool(4, 0xfff));
  spec.record({1, 1, 0x40000800});
  spec.record({3, 1, 0x40001800});
  // Needs tlb bit 11 set: only odd slots, both taken.
  EXPECT_FALSE(spec.mapWitness({0, 0x10800, 0x10, 0}));
  auto even = spec.mapWitness({0, 0x10000, 0x10, 0});
  ASSERT_TRUE(even);
  EXPECT_EQ(even->firstSlot, 0u);
}

TEST(SlotSpec, EmptyPoolFitsEveryMapUpToTheMaxMappingSize) {
  SlotSpec spec(pool(1024, 0xfff));
  EXPECT_TRUE(spec.mapFitsEmptyPool({0, 0x10fff, 252 * 1024, 0}));
  EXPECT_FALSE(spec.mapFitsEmptyPool({0, 0x10800, 256 * 1024, 0}));
}

TEST(ConfigRules, NameTheRuleAndTheValue) {
  Config c = pool(1024);
  c.pool.pageSize = 8192;
  EXPECT_NE(configProblem(c)->find("page must be 4K, 16K or 64K"), std::string::npos);
  c = pool(1024);
  c.device.minAlignMask = 0x1800;
  EXPECT_NE(configProblem(c)->find("0x1800"), std::string::npos);
  c = pool(200);
  c.pool.areas = 2;
  EXPECT_NE(configProblem(c)->find("multiple of 256"), std::string::npos);
  EXPECT_TRUE(mapRequestProblem(pool(8), {0, 0, 16, 0}).has_value());
  EXPECT_FALSE(configProblem(pool(3)).has_value());
}

}  // namespace
}  // namespace dmacheck::model
