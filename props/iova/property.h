#pragma once
// The one generic SWIOTLB property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; the implementation is only
// the thing it is applied to. `dmacheck check` and the ctest suites both call this.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "check/iova/implementations.h"
#include "check/iova/ops.h"
#include "check/violation.h"

namespace dmacheck::iova {

struct PropertyBudget {
  std::uint64_t seed = 1;
  int runs = 10000;    // test cases
  int maxOps = 100;    // operations per test case (RapidCheck's max size)
  // Invariants whose violations do not end the search (a campaign hunting one bug class,
  // like DMACHECK_IGNORE for the fuzzer). The property itself is unchanged.
  std::set<std::string> ignored;
};

struct PropertyOutcome {
  bool holds = true;
  int casesRun = 0;                     // passing cases before the failure (or all of them)
  std::optional<Scenario> counterexample;  // shrunk by RapidCheck, then minimised per operation
  std::optional<Violation> violation;   // what the counterexample violates
  int rapidcheckOps = 0;                // length after RapidCheck's shrinking, before ours
  double seconds = 0;
};

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget);

}  // namespace dmacheck::iova
