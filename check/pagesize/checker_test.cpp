// The page-size checker on the triggers of docs/pagesize.md: the split examples
// (their pages: impl/pagesize/iommu_split_test.cpp), seed 001 before the fix and after, the
// RFC, the alias accounting finding and seed 004's granule; the fixed logic passes each.
#include <gtest/gtest.h>

#include "check/pagesize/checker.h"
#include "check/pagesize/target.h"

namespace dmacheck::pagesize {
namespace {

constexpr PageSizes k4K2M1G = 0x1000 | 0x200000 | 0x40000000;

std::string firstViolation(const std::string& impl, const Scenario& s) {
  const auto run = checkScenario(s, PagesizeTarget::find(impl)->make);
  return run.firstViolation ? run.firstViolation->invariant : "pass";
}

Scenario host64K(std::vector<Op> ops) { return {{16, {k4K2M1G}, true, 65535}, std::move(ops)}; }

TEST(PagesizeChecker, SplitExamplesPassOnTodaysLogic) {
  for (const SplitOp& op : {SplitOp{0x1ff000, 0x1ff000, 0x402000}, SplitOp{0x200000, 0x200000, 0x3ff000},
                            SplitOp{0x1000, 0x201000, 0x400000}, SplitOp{0x1000, 0x202000, 0x400000}})
    EXPECT_EQ(firstViolation("linux-6.12", {{12, {k4K2M1G}, true, 65535}, {op}}), "pass") << std::hex << op.iova;
}

TEST(PagesizeChecker, Seed001SubPageIommuOnA64KHost) {
  const Scenario map64K = host64K({VfioMapOp{0x10000, 0x10000, 0x10000}});
  EXPECT_EQ(firstViolation("linux-4.3", map64K), "V-ACCEPT");  // demands 2M alignment
  EXPECT_EQ(firstViolation("linux-4.4", map64K), "pass");
  const Scenario map4K = host64K({VfioMapOp{0x1000, 0x1000, 0x1000}});
  EXPECT_EQ(firstViolation("rfc-subpage-2015", map4K), "V-ACCEPT");  // sub-page map accepted
  EXPECT_EQ(firstViolation("linux-4.4", map4K), "pass");              // -EINVAL, as the model says
}

TEST(PagesizeChecker, AliasedMappingsAreAccountedTwice) {
  const Scenario alias{{12, {k4K2M1G}, true, 65535}, {VfioMapOp{0, 0, 0x1000}, VfioMapOp{0x1000, 0, 0x1000}}};
  EXPECT_EQ(firstViolation("linux-6.12", alias), "V-ACCOUNT");
  EXPECT_EQ(firstViolation("proposal-account-once", alias), "pass");
}

TEST(PagesizeChecker, V2NeverBisectsAndV1RemovesWholeMappings) {
  const std::vector<Op> ops = {VfioMapOp{0, 0, 0x2000}, VfioUnmapOp{0x1000, 0x1000, false},
                               VfioUnmapOp{0, 0x1000, false}};
  for (bool v2 : {true, false}) {
    const Scenario s{{12, {k4K2M1G}, v2, 65535}, ops};
    EXPECT_EQ(firstViolation("linux-6.12", s), "pass") << "v2 " << v2;
  }
}

}  // namespace
}  // namespace dmacheck::pagesize

namespace dmacheck::pagesize {
namespace {

// A split that maps everything with the smallest page: valid, but not the fewest pages.
class SmallestPagesOnly final : public PageSizeLogic {
 public:
  std::optional<std::vector<PageRun>> iommuMap(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                               std::uint64_t size) override {
    const std::uint64_t page = bitmap & -bitmap;
    if ((iova | paddr | size) % page) return std::nullopt;
    return std::vector<PageRun>{{iova, paddr, page, size / page}};
  }
  Errno vfioMap(const VfioMap&) override { return Errno::Inval; }
  VfioUnmapResult vfioUnmap(const VfioUnmap&) override { return {Errno::Inval, 0}; }
  DeviceMapResult deviceMap(std::uint64_t, std::uint64_t, bool) override { return {}; }
  SgtableRoundTrip sgtableRoundTrip(std::uint64_t, bool) override { return {}; }
  std::vector<VfioMapping> vfioMappings() const override { return {}; }
  std::uint64_t lockedPages() const override { return 0; }
};

TEST(PagesizeChecker, GranuleAbovePageSizeExposesUntrustedDevices) {
  const Scenario dart{{12, {0x2004000}, true, 65535}, {DeviceMapOp{0x1000, 0x1000, true}}};  // 16K DART, 4K host
  EXPECT_EQ(firstViolation("linux-6.12", dart), "G-EXPOSE");    // forced bypass
  EXPECT_EQ(firstViolation("sven-v3-2021", dart), "G-EXPOSE");  // [0, 16K) reachable
  EXPECT_EQ(firstViolation("sven-v2-2021", dart), "pass");      // refused
  EXPECT_EQ(firstViolation("linux-4.4", dart), "pass");         // no DMA domain at all
  const Scenario trusted{{12, {0x2004000}, true, 65535}, {DeviceMapOp{0x1000, 0x1000, false}}};
  EXPECT_EQ(firstViolation("sven-v3-2021", trusted), "pass");   // exposure allowed, buffer covered
}

TEST(PagesizeChecker, SgtableRoundTripOnASixteenKDart) {
  const Scenario trusted{{12, {0x2004000}, true, 65535}, {SgtableOp{0x1000, false}}};  // 4K buffer, 16K DART
  EXPECT_EQ(firstViolation("linux-6.12", trusted), "pass");            // bypass both ways: contiguous and exact
  EXPECT_EQ(firstViolation("sven-v2-2021", trusted), "pass");          // get_sgtable refused (3/8)
  EXPECT_EQ(firstViolation("sven-v2-sgtable-on", trusted), "G-SGT");   // the table starts at the granule block
  const Scenario untrusted{{12, {0x2004000}, true, 65535}, {SgtableOp{0x1000, true}}};
  EXPECT_EQ(firstViolation("linux-6.12", untrusted), "G-EXPOSE");      // the second device is in bypass
}

TEST(PagesizeChecker, SgtableRoundTripOntoALargerGranuleIsExactButNotContiguous) {
  // 4K pages allocated through a 4K IOMMU, mapped by a device whose IOMMU has 64K pages.
  const Scenario s{{12, {0x40211000, 0x20010000}, true, 65535}, {SgtableOp{0x3000, false}}};
  const auto run = checkScenario(s, PagesizeTarget::find("linux-6.12")->make, {false, true});
  ASSERT_EQ(run.reports.size(), 1u);
  EXPECT_TRUE(run.reports[0].violations.empty());
  EXPECT_NE(run.reports[0].outcome.find("3 DMA segment(s)"), std::string::npos) << run.reports[0].outcome;
}

TEST(PagesizeChecker, ASplitWithMorePagesThanNeededIsCaught) {
  const Scenario s{{12, {k4K2M1G}, true, 65535}, {SplitOp{0x200000, 0x200000, 0x400000}}};
  const auto run = checkScenario(s, [](const VfioConfig&) { return std::make_unique<SmallestPagesOnly>(); });
  ASSERT_TRUE(run.firstViolation);
  EXPECT_EQ(run.firstViolation->invariant, "P-FEWEST");
}

}  // namespace
}  // namespace dmacheck::pagesize
