#include "props/pagesize/property.h"

#include "props/pagesize/generators.h"
#include "targets/pagesize/target.h"

namespace dmacheck::pagesize {

PropertyOutcome checkPagesizeProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<PagesizeTarget>(implementation, budget, genScenario);
}

PagesizeTarget::PropertyOutcome PagesizeTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkPagesizeProperty(impl, budget);
}

}  // namespace dmacheck::pagesize
