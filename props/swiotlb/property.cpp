#include "props/swiotlb/property.h"

#include "check/swiotlb/minimize.h"
#include "props/swiotlb/generators.h"

namespace dmacheck::swiotlb {

namespace {

struct SwiotlbTarget {
  using Scenario = swiotlb::Scenario;
  static constexpr const char* name = "swiotlb";
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

PropertyOutcome checkSwiotlbProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<SwiotlbTarget>(implementation, budget);
}

}  // namespace dmacheck::swiotlb
