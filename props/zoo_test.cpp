// The generic property of every target in the registry, in both directions: it holds on the
// target's fixed logic for ten thousand cases, and it catches every variant with known bugs,
// in each of three seeds, by an invariant one of its bugs violates (props/zoo_testing.h).
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "props/zoo_testing.h"
#include "targets/registry.h"

namespace dmacheck {
namespace {

// "target/variant" for every target's variants with known bugs.
std::vector<std::string> buggyVariantsOfEveryTarget() {
  std::vector<std::string> out;
  AllTargets::forEach([&]<class T>() {
    for (const std::string& name : buggyVariantNames<T>()) out.push_back(std::string(T::name) + "/" + name);
  });
  return out;
}

std::pair<std::string, std::string> targetAndVariant(const std::string& param) {
  const auto slash = param.find('/');
  return {param.substr(0, slash), param.substr(slash + 1)};
}

class FixedLogic : public testing::TestWithParam<std::string> {};

TEST_P(FixedLogic, HoldsTenThousandRuns) {
  AllTargets::with(GetParam(), [&]<class T>() {
    const auto impl = T::find(std::string(T::fixedLogic));
    ASSERT_TRUE(impl) << T::fixedLogic;
    const auto outcome = T::property(*impl, {.seed = 11, .runs = 10000, .maxOps = 100});
    EXPECT_TRUE(outcome.holds) << describeFailure<T>(outcome, std::string(T::fixedLogic), 11);
    EXPECT_EQ(outcome.casesRun, 10000);
  });
}

INSTANTIATE_TEST_SUITE_P(EveryTarget, FixedLogic, testing::ValuesIn(AllTargets::names()), variantTestName);

class EveryBuggyVariant : public testing::TestWithParam<std::string> {};

TEST_P(EveryBuggyVariant, IsCaughtByAnInvariantItsBugsViolate) {
  const auto named = targetAndVariant(GetParam());
  AllTargets::with(named.first, [&]<class T>() { expectCaughtByItsBugs<T>(named.second, 100); });
}

INSTANTIATE_TEST_SUITE_P(Zoo, EveryBuggyVariant, testing::ValuesIn(buggyVariantsOfEveryTarget()), variantTestName);

}  // namespace
}  // namespace dmacheck
