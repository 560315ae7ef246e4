#pragma once
// No invariant of a target is judged vacuously: with the fixed logic and the default
// generator, each invariant's precondition (as the checker reports it, check --stats) holds
// in at least `minimumShare` of the cases. Shared by every target's generator-corner test.
// Test-only (gtest).
#include <string>

#include <gtest/gtest.h>

namespace dmacheck {

template <class Target>
void expectEveryPreconditionMet(double minimumShare, int cases = 1000) {
  const auto impl = Target::find(std::string(Target::fixedLogic));
  ASSERT_TRUE(impl.has_value()) << Target::fixedLogic;
  const auto outcome = Target::property(*impl, {.seed = 1, .runs = cases, .stats = true});
  ASSERT_TRUE(outcome.holds) << Target::fixedLogic;
  const auto& preconditions = outcome.generated.preconditions();
  ASSERT_EQ(preconditions.size(), std::size(Target::invariants));
  for (const auto& [id, met] : preconditions) {
    const double share = double(met.cases) / double(outcome.generated.cases());
    EXPECT_GE(share, minimumShare) << id << "'s precondition held in " << met.cases << " of "
                                   << outcome.generated.cases() << " cases";
  }
}

}  // namespace dmacheck
