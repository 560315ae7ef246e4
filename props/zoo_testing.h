#pragma once
// The zoo in the property direction, shared by every target's property test: a variant with
// known bugs is caught, in each of three seeds, by an invariant one of its bugs violates.
// Test-only (gtest); the property itself never sees the bug table.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace dmacheck {

// What a failed property found, for the test log: the invariant, the counterexample as a
// trace and, given the implementation and seed, the command that reruns it.
template <class Target>
std::string describeFailure(const typename Target::PropertyOutcome& outcome, const std::string& impl = "",
                            std::uint64_t seed = 0) {
  if (outcome.holds) return "holds";
  std::string text = outcome.violation->invariant + ": " + outcome.violation->detail + "\n" +
                     Target::trace(*outcome.counterexample, {}, nullptr);
  if (!impl.empty())
    text += "rerun: dmacheck check --target " + std::string(Target::name) + " --impl " + impl + " --seed " +
            std::to_string(seed) + "\n";
  return text;
}

// The variant `name` is caught in each of three seeds by an invariant one of its bugs violates.
template <class Target>
void expectCaughtByItsBugs(const std::string& name, int maxOps) {
  const auto impl = Target::find(name);
  ASSERT_TRUE(impl) << name;
  std::vector<std::string> expected;
  for (const auto& id : impl->variant->knownBugs) {
    const auto* bug = Target::findBug(id);
    ASSERT_NE(bug, nullptr) << id;
    expected.insert(expected.end(), bug->invariants.begin(), bug->invariants.end());
  }
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto outcome = Target::property(*impl, {.seed = seed, .runs = 10000, .maxOps = maxOps});
    ASSERT_FALSE(outcome.holds) << name << " seed " << seed;
    EXPECT_NE(std::find(expected.begin(), expected.end(), outcome.violation->invariant), expected.end())
        << name << " seed " << seed << ": " << describeFailure<Target>(outcome, name, seed);
    EXPECT_LT(outcome.seconds, 5.0) << name << " seed " << seed;
  }
}

// The names of the target's variants with known bugs: the zoo's test parameters.
template <class Target>
std::vector<std::string> buggyVariantNames() {
  std::vector<std::string> names;
  for (const auto& v : Target::variants())
    if (!v.knownBugs.empty()) names.push_back(v.name);
  return names;
}

// A gtest parameter name from a variant name ("linux-6.12" -> "linux_6_12").
inline std::string variantTestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

}  // namespace dmacheck
