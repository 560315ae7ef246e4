#include "check/pagesize/minimize.h"

#include "base/verify.h"

namespace dmacheck::pagesize {

namespace {

class Minimizer {
 public:
  Minimizer(const Scenario& s, const LogicFactory& make, std::optional<std::string> invariant)
      : make_(make), invariant_(std::move(invariant)), best_(s) {
    const auto first = failure(best_);
    VERIFY(first.has_value(), "minimizeScenario needs a failing scenario");
    target_ = *first;
  }

  Scenario result() {
    for (bool progress = true; progress;) {
      progress = deleteOps();
      progress = simplifyConfig() || progress;
    }
    return best_;
  }

 private:
  // The invariant the scenario fails with (the first, or the wanted one), cut to the ops that ran.
  std::optional<std::string> failure(Scenario& s) {
    const CheckResult r = checkScenario(s, make_, {.stopAtFirstViolation = !invariant_, .keepReports = true});
    for (const StepReport& step : r.reports)
      for (const Violation& v : step.violations)
        if (!invariant_ || v.invariant == *invariant_) {
          s.ops.resize(step.step);
          return v.invariant;
        }
    return std::nullopt;
  }

  bool tryAccept(Scenario candidate) {
    try {
      validateScenario(candidate);
    } catch (...) {
      return false;
    }
    if (failure(candidate) != target_ || candidate.ops.size() > best_.ops.size()) return false;
    if (candidate.ops.size() == best_.ops.size() && candidate.config.domains.size() >= best_.config.domains.size())
      return false;
    best_ = std::move(candidate);
    return true;
  }

  bool deleteOps() {
    bool progress = false;
    for (std::size_t i = best_.ops.size(); i-- > 0;) {
      if (i >= best_.ops.size()) continue;
      Scenario c = best_;
      c.ops.erase(c.ops.begin() + static_cast<long>(i));
      progress = tryAccept(std::move(c)) || progress;
    }
    for (std::size_t i = best_.ops.size(); i-- > 0;)
      for (std::size_t j = i + 1; j < best_.ops.size(); ++j) {
        Scenario c = best_;
        c.ops.erase(c.ops.begin() + static_cast<long>(j));
        c.ops.erase(c.ops.begin() + static_cast<long>(i));
        if (tryAccept(std::move(c))) {
          progress = true;
          break;
        }
      }
    return progress;
  }

  bool simplifyConfig() {
    bool progress = false;
    for (std::size_t d = 0; best_.config.domains.size() > 1 && d < best_.config.domains.size(); ++d) {
      Scenario c = best_;
      c.config.domains.erase(c.config.domains.begin() + static_cast<long>(d));
      progress = tryAccept(std::move(c)) || progress;
    }
    return progress;
  }

  const LogicFactory& make_;
  std::optional<std::string> invariant_;
  std::string target_;
  Scenario best_;
};

}  // namespace

Scenario minimizeScenario(const Scenario& scenario, const LogicFactory& make,
                          const std::optional<std::string>& invariant) {
  return Minimizer(scenario, make, invariant).result();
}

std::optional<Violation> firstViolationOf(const Scenario& scenario, const LogicFactory& make,
                                          const std::string& invariant) {
  return firstViolationIn(checkScenario, scenario, make, invariant);
}

}  // namespace dmacheck::pagesize
