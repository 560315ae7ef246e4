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

// `findBug(id)` returns the bug table's row; `property(impl, budget)` runs the target's
// property; `describe(outcome, seed)` says what failed, for the test log.
template <class Implementation, class FindBug, class Property, class Describe>
void expectCaughtByItsBugs(const Implementation& impl, FindBug findBug, Property property, int maxOps,
                           Describe describe) {
  std::vector<std::string> expected;
  for (const auto& id : impl.variant->knownBugs) {
    const auto* bug = findBug(id);
    ASSERT_NE(bug, nullptr) << id;
    expected.insert(expected.end(), bug->invariants.begin(), bug->invariants.end());
  }
  for (std::uint64_t seed : {1, 2, 3}) {
    const auto outcome = property(impl, {.seed = seed, .runs = 10000, .maxOps = maxOps});
    ASSERT_FALSE(outcome.holds) << impl.name << " seed " << seed;
    EXPECT_NE(std::find(expected.begin(), expected.end(), outcome.violation->invariant), expected.end())
        << impl.name << " seed " << seed << ": " << describe(outcome, seed);
    EXPECT_LT(outcome.seconds, 5.0) << impl.name << " seed " << seed;
  }
}

template <class Variants>
std::vector<std::string> buggyVariantNames(const Variants& variants) {
  std::vector<std::string> names;
  for (const auto& v : variants)
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
