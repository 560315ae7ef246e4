#include "proofs/pagesize/prover.h"

#include "check/pagesize/checker.h"
#include "targets/pagesize/implementations.h"

namespace dmacheck::proofs::pagesize {

std::vector<Violation> PagesizeProofTarget::replay(const Scenario& scenario, const Variant& variant) {
  dmacheck::pagesize::validateScenario(scenario);
  const auto impl = dmacheck::pagesize::findImplementation(variant.name);
  return dmacheck::pagesize::checkScenario(scenario, impl->make, {.stopAtFirstViolation = false, .keepReports = true})
      .allViolations();
}

}  // namespace dmacheck::proofs::pagesize
