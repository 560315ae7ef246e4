// The one checker loop's stop rule for hangs: an operation that runs past its step budget
// is reported as the target's termination invariant at its step, and nothing runs after it.
#include "check/check_run.h"

#include <gtest/gtest.h>

#include <string>

namespace dmacheck {
namespace {

struct Op {
  bool spins = false;
};
struct Report {
  std::size_t step = 0;
  Op op;
  std::string outcome;
  std::vector<Violation> violations;
};
using ToyRun = CheckRun<Op, Report>;

struct Steps {
  static constexpr const char* kTerminationInvariant = "X-TERM";
  int ran = 0;
  bool finished = false;
  std::optional<Op> step(const Op& op, Report& r) {
    ++ran;
    while (op.spins) StepBudget::charge("a loop that never ends");
    r.outcome = "done";
    return op;
  }
  bool crashed() const { return false; }
  std::vector<Violation> finish(std::size_t) {
    finished = true;
    return {};
  }
};

TEST(CheckRun, AHangIsTheTerminationInvariantAndEndsTheRun) {
  Steps steps;
  const ToyRun run = runSteps<ToyRun>(steps, std::vector<Op>{{false}, {true}, {false}},
                                      {.stopAtFirstViolation = false, .keepReports = true});
  ASSERT_TRUE(run.firstViolation);
  EXPECT_EQ(run.firstViolation->invariant, "X-TERM");
  EXPECT_EQ(run.firstViolation->step, 2u);
  EXPECT_EQ(steps.ran, 2);          // the third operation never ran
  EXPECT_FALSE(steps.finished);     // nor the whole-state check
  ASSERT_EQ(run.reports.size(), 2u);
  EXPECT_EQ(run.reports[1].outcome, "does not terminate");
  EXPECT_TRUE(run.reports[1].op.spins);
}

TEST(CheckRun, NoBudgetOutsideAnOperation) {
  for (int i = 0; i < 1000; ++i) StepBudget::charge("a loop outside the checker");  // counts nothing, throws nothing
  StepBudget budget(3);
  StepBudget::charge("one"), StepBudget::charge("two"), StepBudget::charge("three");
  EXPECT_THROW(StepBudget::charge("four"), NonTermination);
}

}  // namespace
}  // namespace dmacheck
