#pragma once
// The one minimiser, for every target: after RapidCheck's shrinking or a fuzzer's find, make
// a failing scenario smaller while the *same invariant* still fails. It deletes operations
// (singly, then in pairs: a map and the unmap that frees it) and runs the target's own
// simplifications of operands and geometry, until nothing more is accepted.
//
// It runs the target's checkScenario and validateScenario (found by argument-dependent
// lookup on its Scenario). Policy (the target's part, in check/<target>/minimize.cpp):
//   Scenario, Factory;
//   static bool accepts(const Minimizer&, const Scenario& candidate, std::size_t noise, bool quieterOnly)
//                                               whether a candidate that fails the same way is simpler;
//   static void prepare(Minimizer&)          once, before the loop;
//   static void simplify(Minimizer&)         one round of the target's simplifications (tryEdit, tryAccept);
//   static constexpr std::size_t kPairWindow  pairs (i, j) tried with j - i below it (0: all).
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/verify.h"
#include "check/check_run.h"

namespace dmacheck {

template <class Policy>
class Minimizer {
 public:
  using Scenario = typename Policy::Scenario;
  using Factory = typename Policy::Factory;

  // `scenario` must fail; with `invariant`, it must violate that one at some step.
  Minimizer(const Scenario& scenario, const Factory& make, std::optional<std::string> invariant)
      : make_(make), invariant_(std::move(invariant)), best_(scenario) {
    const Failure first = run(best_);
    VERIFY(first.invariant.has_value(), "minimizeScenario needs a failing scenario");
    target_ = *first.invariant;
    bestNoise_ = first.noise;
    best_.ops = first.ran;
  }

  Scenario result() {
    Policy::prepare(*this);
    // Until a whole round accepts nothing.
    for (std::size_t before = accepted_ + 1; before != accepted_;) {
      before = accepted_;
      deleteOps();
      Policy::simplify(*this);
    }
    return best_;
  }

  const Scenario& best() const { return best_; }
  std::size_t bestNoise() const { return bestNoise_; }
  bool hunting() const { return invariant_.has_value(); }

  // Accepts `candidate` if a client may ask for it, it fails with the same invariant and the
  // policy finds it simpler; keeps the operations that ran up to the failure.
  bool tryAccept(Scenario candidate, bool quieterOnly = false) {
    if (!valid(candidate)) return false;
    Failure got = run(candidate);
    if (got.invariant != target_) return false;
    candidate.ops = std::move(got.ran);
    if (!Policy::accepts(*this, candidate, got.noise, quieterOnly)) return false;
    best_ = std::move(candidate);
    bestNoise_ = got.noise;
    ++accepted_;
    return true;
  }

  // The best scenario changed by `edit` (which returns false when it does not apply), if
  // accepted.
  template <class Edit>
  bool tryEdit(Edit&& edit) {
    Scenario candidate = best_;
    if (!edit(candidate)) return false;
    return tryAccept(std::move(candidate));
  }

 private:
  // A client may ask for it (a candidate outside the client rules is never tried).
  static bool valid(const Scenario& s) {
    try {
      validateScenario(s);
      return true;
    } catch (...) {
      return false;
    }
  }

  struct Failure {
    std::optional<std::string> invariant;  // the first violation's, or the hunted one's
    decltype(std::declval<Scenario&>().ops) ran;
    std::size_t noise = 0;  // violations of other invariants on the way: fewer is a clearer trace
  };

  // The run that counts: up to the first violation, or up to the first of `invariant_`.
  Failure run(const Scenario& s) const {
    const auto full = checkScenario(s, make_, CheckOptions{.stopAtFirstViolation = !invariant_, .keepReports = true});
    Failure f;
    for (std::size_t k = 0; k < full.reports.size(); ++k) {
      f.ran.push_back(full.ranOps[k]);
      for (const Violation& v : full.reports[k].violations) {
        if (!invariant_ || v.invariant == *invariant_) return f.invariant = v.invariant, f;
        ++f.noise;
      }
    }
    for (const Violation& v : full.finalViolations)
      if (!invariant_ || v.invariant == *invariant_) return f.invariant = v.invariant, f;
    return f;  // not a failure
  }

  void deleteOps() {
    for (std::size_t i = best_.ops.size(); i-- > 0;) {
      if (i >= best_.ops.size()) continue;
      tryEdit([i](Scenario& c) { return c.ops.erase(c.ops.begin() + static_cast<long>(i)), true; });
    }
    for (std::size_t i = best_.ops.size(); i-- > 0;)
      for (std::size_t j = i + 1; j < best_.ops.size() && (!Policy::kPairWindow || j < i + Policy::kPairWindow); ++j)
        if (tryEdit([i, j](Scenario& c) {
              c.ops.erase(c.ops.begin() + static_cast<long>(j));
              c.ops.erase(c.ops.begin() + static_cast<long>(i));
              return true;
            }))
          break;
  }

  const Factory& make_;
  std::size_t accepted_ = 0;  // candidates accepted so far: a round that adds none ends the loop
  std::optional<std::string> invariant_;
  std::string target_;
  Scenario best_;
  std::size_t bestNoise_ = 0;
};

}  // namespace dmacheck
