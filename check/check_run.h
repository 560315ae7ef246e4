#pragma once
// One checker run over a scenario, the same for every target: its result type and its
// loop, with one stop rule. A target's checker supplies only its Steps (what one operation
// does to the implementation and the model, and the whole-state check at the end).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/step_budget.h"
#include "check/check_options.h"
#include "check/violation.h"

namespace dmacheck {

template <class Op, class StepReport>
struct CheckRun {
  // Takes each step's report as it is made, instead of `reports` (a replay of a long trace
  // prints and forgets them).
  using Sink = std::function<void(StepReport&&)>;
  using Report = StepReport;

  std::optional<Violation> firstViolation;
  std::vector<Op> ranOps;               // the operations that ran, as they ran (skips dropped)
  std::vector<StepReport> reports;      // with keepReports
  std::vector<Violation> finalViolations;  // from the whole-state check after the last step
  // Per row of the target's invariant table: at how many steps (the whole-state check
  // counts as one) its precondition held, so the judge was not vacuous (check --stats).
  std::array<std::size_t, 32> preconditionMet{};

  // Every violation in step order, the whole-state check last.
  std::vector<Violation> allViolations() const { return collectViolations(*this); }
};

// Whether two runs fail the same way (keeps a minimisation honest).
template <class Run>
bool sameFailure(const Run& a, const Run& b) {
  return a.firstViolation && b.firstViolation && a.firstViolation->invariant == b.firstViolation->invariant;
}

template <class Run>
void countMet(Run& run, std::uint32_t met) {
  for (std::size_t i = 0; met; ++i, met >>= 1) run.preconditionMet[i] += met & 1;
}

// Steps: std::optional<Op> step(const Op&, StepReport&) runs one operation and returns it as
// it ran (live indexes resolved), or nothing when it had nothing to act on (it is dropped);
// bool crashed() const (the kernel would be dead: nothing more runs); std::vector<Violation>
// finish(std::size_t opsRan), the whole-state check after the last step.
// Optionally, a StepReport's std::uint32_t met (model/invariant_info.h's invariantBit of each
// invariant whose precondition the step met) and std::uint32_t finishMet() const (the same
// for the whole-state check).
// static constexpr const char* kTerminationInvariant: what an operation that runs past its
// step budget (base/step_budget.h) violates; the run stops there, as the kernel would.
// The stop rule: after a crash or a hang, or at the first violation when asked to; the
// whole-state check runs only when every operation did.
template <class Run, class Steps, class Op>
Run runSteps(Steps& steps, const std::vector<Op>& ops, const CheckOptions& options,
             const typename Run::Sink& sink = {}) {
  Run run;
  for (const Op& op : ops) {
    typename Run::Report report;
    report.step = run.ranOps.size() + 1;
    bool hung = false;
    std::optional<Op> ran;
    try {
      StepBudget budget;
      ran = steps.step(op, report);
    } catch (const NonTermination& e) {
      hung = true, ran = op;
      report.op = op;
      report.outcome = "does not terminate";
      report.violations.push_back({Steps::kTerminationInvariant, report.step,
                                   std::string(e.what()) + ": the kernel would spin here forever"});
    }
    if (!ran) continue;
    run.ranOps.push_back(std::move(*ran));
    if constexpr (requires { report.met; }) countMet(run, report.met);
    if (!run.firstViolation && !report.violations.empty()) run.firstViolation = report.violations.front();
    const bool stop = hung || steps.crashed() || (options.stopAtFirstViolation && run.firstViolation);
    if (sink) sink(std::move(report));
    else if (options.keepReports) run.reports.push_back(std::move(report));
    if (stop) return run;
  }
  try {
    StepBudget budget;
    run.finalViolations = steps.finish(run.ranOps.size());
    if constexpr (requires { steps.finishMet(); }) countMet(run, steps.finishMet());
  } catch (const NonTermination& e) {
    run.finalViolations = {{Steps::kTerminationInvariant, run.ranOps.size() + 1,
                            std::string(e.what()) + " in the teardown: the kernel would spin here forever"}};
  }
  if (!run.firstViolation && !run.finalViolations.empty()) run.firstViolation = run.finalViolations.front();
  return run;
}

}  // namespace dmacheck
