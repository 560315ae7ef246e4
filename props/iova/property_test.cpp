// The generic IOVA property in both directions: it holds on the fixed logic (the proposal
// and both s390 generations apart from their unreported bogus unmap) and catches every
// variant with a bug in the table, by an invariant that bug violates, with a short trace.
#include <algorithm>

#include <gtest/gtest.h>

#include "check/iova/report.h"
#include "props/iova/generators.h"
#include "props/iova/property.h"

namespace dmacheck::iova {
namespace {

std::string describeFailure(const PropertyOutcome& outcome, const std::string& impl = "", std::uint64_t seed = 0) {
  if (outcome.holds) return "holds";
  std::string text = outcome.violation->invariant + ": " + outcome.violation->detail + "\n" +
                     renderTrace(*outcome.counterexample, {});
  if (!impl.empty()) text += "rerun: dmacheck check --target iova --impl " + impl + " --seed " + std::to_string(seed) + "\n";
  return text;
}

TEST(IovaProperty, FixedLogicHoldsTenThousandRuns) {
  const auto impl = findImplementation("proposal-checked-unmap");
  ASSERT_TRUE(impl);
  const auto outcome = checkIovaProperty(*impl, {.seed = 11, .runs = 10000, .maxOps = 100});
  EXPECT_TRUE(outcome.holds) << describeFailure(outcome, "proposal-checked-unmap", 11);
  EXPECT_EQ(outcome.casesRun, 10000);
}

// The s390 bitmaps' one known bug is the unreported bogus unmap (S390-SILENT-UNMAP). With
// clients that make no errors, next_bit and the lazy bitmap keep every invariant, FQ-SAFE
// (no reuse before the wrap's global flush) included.
TEST(IovaProperty, S390BitmapsHoldWhenClientsMakeNoErrors) {
  for (const char* name : {"s390-4.4", "s390-6.6"}) {
    const auto impl = findImplementation(name);
    ASSERT_TRUE(impl);
    std::string failure;
    auto property = [&] {
      Scenario s = *genScenario();
      std::erase_if(s.ops, [](const Op& op) {
        return std::holds_alternative<UnmapAgainOp>(op) || std::holds_alternative<UnmapPfnOp>(op);
      });
      const auto run = checkScenario(s, impl->make);
      if (!run.firstViolation) return;
      failure = run.firstViolation->invariant + ": " + run.firstViolation->detail + "\n" + renderTrace(s, {});
      RC_FAIL(failure);
    };
    const auto [cases, held] = detail::runRapidCheck(property, {.seed = 5, .runs = 3000, .maxOps = 100}, name);
    EXPECT_TRUE(held) << name << " after " << cases << " cases: " << failure;
  }
}

class EveryBuggyVariant : public testing::TestWithParam<std::string> {};

TEST_P(EveryBuggyVariant, IsCaughtByAnInvariantItsBugsViolate) {
  const auto impl = findImplementation(GetParam());
  ASSERT_TRUE(impl);
  std::vector<std::string> expected;
  for (const auto& id : impl->variant->knownBugs) {
    const impl::iova::Bug* bug = impl::iova::findIovaBug(id);
    ASSERT_NE(bug, nullptr) << id;
    expected.insert(expected.end(), bug->invariants.begin(), bug->invariants.end());
  }
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto outcome = checkIovaProperty(*impl, {.seed = seed, .runs = 10000, .maxOps = 100});
    ASSERT_FALSE(outcome.holds) << GetParam() << " seed " << seed;
    EXPECT_NE(std::find(expected.begin(), expected.end(), outcome.violation->invariant), expected.end())
        << GetParam() << " seed " << seed << ": " << describeFailure(outcome, GetParam(), seed);
    EXPECT_LT(outcome.seconds, 5.0) << GetParam() << " seed " << seed;
  }
}

std::vector<std::string> buggyVariants() {
  std::vector<std::string> names;
  for (const auto& v : impl::iova::iovaVariants())
    if (!v.knownBugs.empty()) names.push_back(v.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Zoo, EveryBuggyVariant, testing::ValuesIn(buggyVariants()), [](const auto& info) {
  std::string name = info.param;
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
});

}  // namespace
}  // namespace dmacheck::iova
