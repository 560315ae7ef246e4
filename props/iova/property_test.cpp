// The generic IOVA property in both directions: it holds on the fixed logic (the proposal
// and both s390 generations apart from their unreported bogus unmap) and catches every
// variant with a bug in the table, by an invariant that bug violates, with a short trace.
#include <algorithm>

#include <gtest/gtest.h>

#include "check/iova/report.h"
#include "props/iova/generators.h"
#include "props/property_runner.h"
#include "targets/iova/target.h"
#include "props/zoo_testing.h"

namespace dmacheck::iova {
namespace {

using PropertyOutcome = IovaTarget::PropertyOutcome;

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
  const auto outcome = IovaTarget::property(*impl, {.seed = 11, .runs = 10000, .maxOps = 100});
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
  expectCaughtByItsBugs(*impl, impl::iova::findIovaBug, IovaTarget::property, 100,
                        [&](const PropertyOutcome& outcome, std::uint64_t seed) {
                          return describeFailure(outcome, GetParam(), seed);
                        });
}

INSTANTIATE_TEST_SUITE_P(Zoo, EveryBuggyVariant, testing::ValuesIn(buggyVariantNames(impl::iova::iovaVariants())),
                         variantTestName);

}  // namespace
}  // namespace dmacheck::iova
