// The one generic iova property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; `dmacheck check`, the zoo and
// the ctest suites all call it as IovaTarget::property.
#include "check/iova/target.h"
#include "props/iova/generators.h"
#include "props/property_runner.h"

namespace dmacheck::iova {

IovaTarget::PropertyOutcome IovaTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkProperty<IovaTarget>(impl, budget, genScenario);
}

}  // namespace dmacheck::iova
