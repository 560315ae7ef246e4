// The registry is data other tests and reports rely on: names must be unique and
// resolvable, every bug must point at real variants, and the proposal must carry no bug.
#include <set>

#include <gtest/gtest.h>

#include "impl/swiotlb/variant.h"

namespace dmacheck::impl {
namespace {

TEST(Variants, NamesAndAliasesResolveUniquely) {
  std::set<std::string> seen;
  for (const auto& v : swiotlbCatalogue().variants) {
    EXPECT_TRUE(seen.insert(v.name).second) << v.name;
    EXPECT_EQ(swiotlbCatalogue().findVariant(v.name), &v);
    for (const auto& alias : v.aliases) {
      EXPECT_TRUE(seen.insert(alias).second) << alias;
      EXPECT_EQ(swiotlbCatalogue().findVariant(alias), &v) << alias;
    }
  }
  EXPECT_EQ(swiotlbCatalogue().findVariant("bbb73a103fbb9f0e1b9b5b3eae3a2d0ab5a0d1e4")->name, "linux-6.3");
  EXPECT_EQ(swiotlbCatalogue().findVariant("no-such-kernel"), nullptr);
}

TEST(Variants, EveryBugNamesRealVariantsAndInvariants) {
  for (const auto& bug : swiotlbCatalogue().bugs) {
    EXPECT_NE(swiotlbCatalogue().findVariant(bug.firstVariant), nullptr) << bug.id;
    if (!bug.fixedInVariant.empty()) EXPECT_NE(swiotlbCatalogue().findVariant(bug.fixedInVariant), nullptr) << bug.id;
    EXPECT_FALSE(bug.invariants.empty()) << bug.id;
    EXPECT_GT(bug.triggerOps, 0) << bug.id;
  }
}

TEST(Variants, LatestUpstreamCarriesOnlyDmacheckFindings) {
  for (const auto& id : latestSwiotlbVariant().knownBugs)
    EXPECT_NE(swiotlbCatalogue().findBug(id)->summary.find("dmacheck finding"), std::string::npos) << id;
  EXPECT_TRUE(swiotlbCatalogue().findVariant("proposal-wrap-distance")->knownBugs.empty());
}

TEST(Variants, SeedBugsSitWhereTheBugTableSays) {
  auto has = [](const char* variant, const char* bug) {
    const auto& bugs = swiotlbCatalogue().findVariant(variant)->knownBugs;
    return std::find(bugs.begin(), bugs.end(), bug) != bugs.end();
  };
  EXPECT_TRUE(has("linux-6.3", "SW-DBLALLOC"));
  EXPECT_FALSE(has("7c3940bf81e5", "SW-DBLALLOC"));
  EXPECT_FALSE(has("51b30ecb73b4", "SW-DBLALLOC"));
  EXPECT_TRUE(has("linux-6.0", "SW-DEADLOCK"));
  EXPECT_FALSE(has("7c3940bf81e5", "SW-DEADLOCK"));
}

}  // namespace
}  // namespace dmacheck::impl
