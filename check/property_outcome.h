#pragma once
// What a property run is given (seed, cases, operations per case) and what it found: the
// types every target's `property` speaks, free of RapidCheck so that fuzz-only builds can
// declare targets without it (props/property_runner.h runs them).
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "check/generation_stats.h"
#include "check/violation.h"

namespace dmacheck {

struct PropertyBudget {
  std::uint64_t seed = 1;
  int runs = 10000;    // test cases
  int maxOps = 100;    // operations per test case (RapidCheck's max size)
  // Invariants whose violations do not end the search (a campaign hunting one bug class,
  // like DMACHECK_IGNORE for the fuzzer). The property itself is unchanged.
  std::set<std::string> ignored;
  bool stats = false;  // collect what was generated (GenerationStats), for `check --stats`
};

template <class Scenario>
struct PropertyOutcome {
  bool holds = true;
  int casesRun = 0;                        // passing cases before the failure (or all of them)
  std::optional<Scenario> counterexample;  // shrunk by RapidCheck, then minimised per operation
  std::optional<Violation> violation;      // what the counterexample violates
  int rapidcheckOps = 0;                   // length after RapidCheck's shrinking, before ours
  double seconds = 0;
  GenerationStats generated;               // with budget.stats: the cases up to the first failure
};

}  // namespace dmacheck
