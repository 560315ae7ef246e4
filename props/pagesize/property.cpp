// The one generic pagesize property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; `dmacheck check`, the zoo and
// the ctest suites all call it as PagesizeTarget::property.
#include "check/pagesize/target.h"
#include "props/pagesize/generators.h"
#include "props/property_runner.h"

namespace dmacheck::pagesize {

PagesizeTarget::PropertyOutcome PagesizeTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkProperty<PagesizeTarget>(impl, budget, genScenario);
}

}  // namespace dmacheck::pagesize
