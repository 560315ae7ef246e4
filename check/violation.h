#pragma once
// A violation: which invariant broke, at which step of a trace, and why (with values).
// Shared by every target; the invariant is a stable id such as "S-DISJ".
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dmacheck {

struct Violation {
  std::string invariant;
  std::size_t step = 0;  // 1-based index of the operation that exposed it
  std::string detail;
};

// Every violation of a checker's run: each kept step's, then those found at the end; the
// first one alone when the steps were not kept.
template <class CheckResult>
std::vector<Violation> collectViolations(const CheckResult& r) {
  std::vector<Violation> all;
  for (const auto& step : r.reports) all.insert(all.end(), step.violations.begin(), step.violations.end());
  all.insert(all.end(), r.finalViolations.begin(), r.finalViolations.end());
  if (all.empty() && r.firstViolation) all.push_back(*r.firstViolation);
  return all;
}

}  // namespace dmacheck
