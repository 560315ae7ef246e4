#include "props/iova/property.h"

#include <chrono>
#include <iostream>
#include <sstream>

#include <rapidcheck.h>
#include <rapidcheck/detail/Configuration.h>

#include "check/iova/minimize.h"
#include "check/verify.h"
#include "props/iova/generators.h"

namespace dmacheck::iova {

namespace {

class SilentListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

// RapidCheck announces its configuration on stderr the first time it loads it; our
// commands print their own seed, so that banner is swallowed once here.
void loadRapidCheckQuietly() {
  static const bool loaded = [] {
    std::ostringstream sink;
    std::streambuf* previous = std::cerr.rdbuf(sink.rdbuf());
    rc::detail::configuration();
    std::cerr.rdbuf(previous);
    return true;
  }();
  (void)loaded;
}

}  // namespace

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget) {
  loadRapidCheckQuietly();
  const auto start = std::chrono::steady_clock::now();
  // RapidCheck ends its shrinking on the last case that failed: that one is the minimum.
  std::optional<Scenario> lastFailing;
  std::optional<std::string> lastInvariant;  // with ignored invariants: the one that failed
  auto property = [&] {
    const Scenario scenario = *genScenario();
    try {
      validateScenario(scenario);
    } catch (const std::exception& e) {
      VERIFY(false, "the generator produced an invalid scenario: {}", e.what());
    }
    if (budget.ignored.empty()) {
      const CheckResult result = checkScenario(scenario, implementation.make);
      if (result.firstViolation) {
        lastFailing = Scenario{scenario.config, result.ranOps};
        RC_FAIL(result.firstViolation->invariant + ": " + result.firstViolation->detail);
      }
      return;
    }
    const CheckResult full = checkScenario(scenario, implementation.make, {.stopAtFirstViolation = false, .keepReports = true});
    for (const Violation& v : full.allViolations())
      if (!budget.ignored.count(v.invariant)) {
        lastFailing = scenario;
        lastInvariant = v.invariant;
        RC_FAIL(v.invariant + ": " + v.detail);
      }
  };

  rc::detail::TestParams params;
  params.seed = budget.seed;
  params.maxSuccess = budget.runs;
  params.maxSize = budget.maxOps;
  rc::detail::TestMetadata metadata{"iova", "iova lifecycle invariants"};
  SilentListener listener;
  const rc::detail::TestResult result =
      rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params, listener);

  PropertyOutcome outcome;
  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  if (result.match(success)) {
    outcome.casesRun = success.numSuccess;
  } else {
    VERIFY(result.match(failure) && lastFailing.has_value(), "RapidCheck did not end in success or failure");
    outcome.holds = false;
    outcome.casesRun = failure.numSuccess;
    outcome.rapidcheckOps = static_cast<int>(lastFailing->ops.size());
    outcome.counterexample = minimizeScenario(*lastFailing, implementation.make, lastInvariant);
    outcome.violation = lastInvariant ? firstViolationOf(*outcome.counterexample, implementation.make, *lastInvariant)
                                      : checkScenario(*outcome.counterexample, implementation.make).firstViolation;
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace dmacheck::iova
