#include "proofs/iova/prover.h"

#include "check/iova/checker.h"
#include "targets/iova/implementations.h"

namespace dmacheck::proofs::iova {

std::vector<Violation> IovaProofTarget::replay(const Scenario& scenario, const Variant& variant) {
  dmacheck::iova::validateScenario(scenario);
  const auto impl = dmacheck::iova::findImplementation(variant.name);
  return dmacheck::iova::checkScenario(scenario, impl->make, {.stopAtFirstViolation = false, .keepReports = true})
      .allViolations();
}

}  // namespace dmacheck::proofs::iova
