#pragma once
// The one way every target runs its generic property with RapidCheck: generate a scenario,
// check it, let RapidCheck shrink the failure, then minimise it per operation. A target
// is a check/target.h descriptor (see props/<target>/property.cpp); the
// property itself never asks which implementation runs.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <rapidcheck.h>

#include "base/verify.h"
#include "check/property_outcome.h"
#include "check/runnable_ops.h"
#include "check/trace_document.h"
#include "check/violation.h"

namespace dmacheck {

namespace detail {
// Runs `property` under RapidCheck with the budget's seed and sizes, silently (our
// commands print their own seed); returns {passing cases, whether it held}.
std::pair<int, bool> runRapidCheck(const std::function<void()>& property, const PropertyBudget& budget,
                                   const char* name);
}  // namespace detail

// Target: a check/target.h descriptor; gen: its RapidCheck generator of scenarios.
template <class Target, class Gen>
PropertyOutcome<typename Target::Scenario> checkProperty(const typename Target::Implementation& implementation,
                                                         const PropertyBudget& budget, const Gen& gen) {
  using Scenario = typename Target::Scenario;
  const auto start = std::chrono::steady_clock::now();
  // RapidCheck ends its shrinking on the last case that failed: that one is the minimum.
  std::optional<Scenario> lastFailing;
  std::optional<std::string> lastInvariant;  // with ignored invariants: the one that failed
  GenerationStats generated;
  auto property = [&] {
    const Scenario scenario = runnableBy(*gen(), implementation);
    try {
      Target::validate(scenario);
    } catch (const std::exception& e) {
      VERIFY(false, "the generator produced an invalid scenario: {}", e.what());
    }
    const bool counting = budget.stats && !lastFailing;  // shrinking's cases are not what the generator draws
    if (counting) generated.add(parseTraceDocument(Target::trace(scenario, {}, nullptr)), Target::Syntax::headers);
    if (budget.ignored.empty()) {
      const auto result = Target::check(scenario, implementation, true);
      if (counting) generated.addPreconditions(result.preconditionMet, Target::invariants);
      if (result.firstViolation) {
        lastFailing = Scenario{scenario.config, result.ranOps};
        RC_FAIL(result.firstViolation->invariant + ": " + result.firstViolation->detail);
      }
      return;
    }
    const auto full = Target::check(scenario, implementation, false);
    if (counting) generated.addPreconditions(full.preconditionMet, Target::invariants);
    for (const Violation& v : full.allViolations())
      if (!budget.ignored.count(v.invariant)) {
        lastFailing = scenario;
        lastInvariant = v.invariant;
        RC_FAIL(v.invariant + ": " + v.detail);
      }
  };
  const auto [cases, held] = detail::runRapidCheck(property, budget, std::string(Target::name).c_str());
  PropertyOutcome<Scenario> outcome;
  outcome.casesRun = cases;
  outcome.generated = std::move(generated);
  if (!held) {
    VERIFY(lastFailing.has_value(), "RapidCheck failed without a failing case");
    outcome.holds = false;
    outcome.rapidcheckOps = static_cast<int>(lastFailing->ops.size());
    outcome.counterexample = Target::minimize(*lastFailing, implementation, lastInvariant);
    outcome.violation = lastInvariant ? Target::firstOf(*outcome.counterexample, implementation, *lastInvariant)
                                      : Target::check(*outcome.counterexample, implementation, true).firstViolation;
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace dmacheck
