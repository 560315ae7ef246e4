// The generic page-size property in both directions: it holds on the fixed logic and
// catches every variant with a bug in the table, by an invariant that bug violates.
#include <algorithm>

#include <gtest/gtest.h>

#include "props/pagesize/property.h"

namespace dmacheck::pagesize {
namespace {

TEST(PagesizeProperty, FixedLogicHoldsTenThousandRuns) {
  const auto impl = findImplementation("proposal-account-once");
  ASSERT_TRUE(impl);
  const auto outcome = checkPagesizeProperty(*impl, {.seed = 11, .runs = 10000, .maxOps = 60});
  EXPECT_TRUE(outcome.holds) << (outcome.violation ? outcome.violation->invariant + ": " + outcome.violation->detail
                                                   : "");
  EXPECT_EQ(outcome.casesRun, 10000);
}

class EveryBuggyVariant : public testing::TestWithParam<std::string> {};

TEST_P(EveryBuggyVariant, IsCaughtByAnInvariantItsBugsViolate) {
  const auto impl = findImplementation(GetParam());
  ASSERT_TRUE(impl);
  std::vector<std::string> expected;
  for (const auto& id : impl->variant->knownBugs) {
    const auto* bug = impl::pagesize::findPagesizeBug(id);
    ASSERT_NE(bug, nullptr) << id;
    expected.insert(expected.end(), bug->invariants.begin(), bug->invariants.end());
  }
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto outcome = checkPagesizeProperty(*impl, {.seed = seed, .runs = 10000, .maxOps = 60});
    ASSERT_FALSE(outcome.holds) << GetParam() << " seed " << seed;
    EXPECT_NE(std::find(expected.begin(), expected.end(), outcome.violation->invariant), expected.end())
        << GetParam() << " seed " << seed << ": " << outcome.violation->invariant << ": " << outcome.violation->detail;
    EXPECT_LT(outcome.seconds, 5.0) << GetParam() << " seed " << seed;
  }
}

std::vector<std::string> buggyVariants() {
  std::vector<std::string> names;
  for (const auto& v : impl::pagesize::pagesizeVariants())
    if (!v.knownBugs.empty()) names.push_back(v.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, EveryBuggyVariant, testing::ValuesIn(buggyVariants()), [](const auto& info) {
  std::string name = info.param;
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
});

}  // namespace
}  // namespace dmacheck::pagesize
