#include "props/iova/property.h"

#include "check/iova/minimize.h"
#include "props/iova/generators.h"

namespace dmacheck::iova {

namespace {

struct IovaTarget {
  using Scenario = iova::Scenario;
  static constexpr const char* name = "iova";
  static auto gen() { return genScenario(); }
  static void validate(const Scenario& s) { validateScenario(s); }
  static CheckResult check(const Scenario& s, const Implementation& impl, bool stopAtFirst) {
    return checkScenario(s, impl.make, {.stopAtFirstViolation = stopAtFirst, .keepReports = !stopAtFirst});
  }
  static Scenario minimize(const Scenario& s, const Implementation& impl, const std::optional<std::string>& inv) {
    return minimizeScenario(s, impl.make, inv);
  }
  static std::optional<Violation> firstOf(const Scenario& s, const Implementation& impl, const std::string& inv) {
    return firstViolationOf(s, impl.make, inv);
  }
};

}  // namespace

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<IovaTarget>(implementation, budget);
}

}  // namespace dmacheck::iova
