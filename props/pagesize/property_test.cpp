// The generic page-size property in both directions: it holds on the fixed logic and
// catches every variant with a bug in the table, by an invariant that bug violates.
#include <gtest/gtest.h>

#include "targets/pagesize/target.h"
#include "props/zoo_testing.h"

namespace dmacheck::pagesize {
namespace {

using PropertyOutcome = PagesizeTarget::PropertyOutcome;

TEST(PagesizeProperty, FixedLogicHoldsTenThousandRuns) {
  const auto impl = findImplementation("proposal-account-once");
  ASSERT_TRUE(impl);
  const auto outcome = PagesizeTarget::property(*impl, {.seed = 11, .runs = 10000, .maxOps = 60});
  EXPECT_TRUE(outcome.holds) << (outcome.violation ? outcome.violation->invariant + ": " + outcome.violation->detail
                                                   : "");
  EXPECT_EQ(outcome.casesRun, 10000);
}

class EveryBuggyVariant : public testing::TestWithParam<std::string> {};

TEST_P(EveryBuggyVariant, IsCaughtByAnInvariantItsBugsViolate) {
  const auto impl = findImplementation(GetParam());
  ASSERT_TRUE(impl);
  expectCaughtByItsBugs(*impl, impl::pagesize::findPagesizeBug, PagesizeTarget::property, 60,
                        [](const PropertyOutcome& outcome, std::uint64_t) {
                          return outcome.violation->invariant + ": " + outcome.violation->detail;
                        });
}

INSTANTIATE_TEST_SUITE_P(Zoo, EveryBuggyVariant, testing::ValuesIn(buggyVariantNames(impl::pagesize::pagesizeVariants())),
                         variantTestName);

}  // namespace
}  // namespace dmacheck::pagesize
