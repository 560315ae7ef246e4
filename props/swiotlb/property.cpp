// The one generic swiotlb property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; `dmacheck check`, the zoo and
// the ctest suites all call it as SwiotlbTarget::property.
#include "check/swiotlb/target.h"
#include "props/property_runner.h"
#include "props/swiotlb/generators.h"

namespace dmacheck::swiotlb {

SwiotlbTarget::PropertyOutcome SwiotlbTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkProperty<SwiotlbTarget>(impl, budget, genScenario);
}

}  // namespace dmacheck::swiotlb
