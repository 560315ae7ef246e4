#pragma once
// The one way every target runs its generic property with RapidCheck: generate a scenario,
// check it, let RapidCheck shrink the failure, then minimise it per operation. A target
// supplies its types and calls through `Target` (see props/<target>/property.cpp); the
// property itself never asks which implementation runs.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <rapidcheck.h>

#include "check/verify.h"
#include "check/violation.h"

namespace dmacheck {

struct PropertyBudget {
  std::uint64_t seed = 1;
  int runs = 10000;    // test cases
  int maxOps = 100;    // operations per test case (RapidCheck's max size)
  // Invariants whose violations do not end the search (a campaign hunting one bug class,
  // like DMACHECK_IGNORE for the fuzzer). The property itself is unchanged.
  std::set<std::string> ignored;
};

template <class Scenario>
struct PropertyOutcome {
  bool holds = true;
  int casesRun = 0;                        // passing cases before the failure (or all of them)
  std::optional<Scenario> counterexample;  // shrunk by RapidCheck, then minimised per operation
  std::optional<Violation> violation;      // what the counterexample violates
  int rapidcheckOps = 0;                   // length after RapidCheck's shrinking, before ours
  double seconds = 0;
};

namespace detail {
// Runs `property` under RapidCheck with the budget's seed and sizes, silently (our
// commands print their own seed); returns {passing cases, whether it held}.
std::pair<int, bool> runRapidCheck(const std::function<void()>& property, const PropertyBudget& budget,
                                   const char* name);
}  // namespace detail

// The Target of one family, from the functions its namespace names the same for every
// target (genScenario, validateScenario, checkScenario, minimizeScenario, firstViolationOf).
// Expanded inside that namespace, in a struct: struct Target { DMACHECK_PROPERTY_TARGET("iova") };
#define DMACHECK_PROPERTY_TARGET(NAME)                                                                     \
  static constexpr const char* name = NAME;                                                               \
  static auto gen() { return genScenario(); }                                                             \
  static void validate(const Scenario& s) { validateScenario(s); }                                        \
  static CheckResult check(const Scenario& s, const Implementation& impl, bool stopAtFirst) {             \
    return checkScenario(s, impl.make, {.stopAtFirstViolation = stopAtFirst, .keepReports = !stopAtFirst}); \
  }                                                                                                       \
  static Scenario minimize(const Scenario& s, const Implementation& impl, const std::optional<std::string>& inv) { \
    return minimizeScenario(s, impl.make, inv);                                                           \
  }                                                                                                       \
  static std::optional<Violation> firstOf(const Scenario& s, const Implementation& impl, const std::string& inv) { \
    return firstViolationOf(s, impl.make, inv);                                                           \
  }

// Target: Scenario, gen(), validate(s), check(s, impl, stopAtFirst) -> CheckResult,
// minimize(s, impl, optional invariant), firstOf(s, impl, invariant).
template <class Target, class Implementation>
PropertyOutcome<typename Target::Scenario> checkProperty(const Implementation& implementation,
                                                         const PropertyBudget& budget) {
  using Scenario = typename Target::Scenario;
  const auto start = std::chrono::steady_clock::now();
  // RapidCheck ends its shrinking on the last case that failed: that one is the minimum.
  std::optional<Scenario> lastFailing;
  std::optional<std::string> lastInvariant;  // with ignored invariants: the one that failed
  auto property = [&] {
    const Scenario scenario = *Target::gen();
    try {
      Target::validate(scenario);
    } catch (const std::exception& e) {
      VERIFY(false, "the generator produced an invalid scenario: {}", e.what());
    }
    if (budget.ignored.empty()) {
      const auto result = Target::check(scenario, implementation, true);
      if (result.firstViolation) {
        lastFailing = Scenario{scenario.config, result.ranOps};
        RC_FAIL(result.firstViolation->invariant + ": " + result.firstViolation->detail);
      }
      return;
    }
    const auto full = Target::check(scenario, implementation, false);
    for (const Violation& v : full.allViolations())
      if (!budget.ignored.count(v.invariant)) {
        lastFailing = scenario;
        lastInvariant = v.invariant;
        RC_FAIL(v.invariant + ": " + v.detail);
      }
  };
  const auto [cases, held] = detail::runRapidCheck(property, budget, Target::name);
  PropertyOutcome<Scenario> outcome;
  outcome.casesRun = cases;
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
