#include "props/property_runner.h"

#include <iostream>
#include <sstream>

#include <rapidcheck/detail/Configuration.h>

namespace dmacheck::detail {

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

std::pair<int, bool> runRapidCheck(const std::function<void()>& property, const PropertyBudget& budget,
                                   const char* name) {
  loadRapidCheckQuietly();
  rc::detail::TestParams params;
  params.seed = budget.seed;
  params.maxSuccess = budget.runs;
  params.maxSize = budget.maxOps;
  rc::detail::TestMetadata metadata{name, std::string(name) + " invariants"};
  SilentListener listener;
  const rc::detail::TestResult result =
      rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params, listener);
  rc::detail::SuccessResult success;
  rc::detail::FailureResult failure;
  if (result.match(success)) return {success.numSuccess, true};
  VERIFY(result.match(failure), "RapidCheck did not end in success or failure");
  return {failure.numSuccess, false};
}

}  // namespace dmacheck::detail
