#include "props/iova/property.h"

#include "props/iova/generators.h"
#include "targets/iova/target.h"

namespace dmacheck::iova {

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<IovaTarget>(implementation, budget, genScenario);
}

IovaTarget::PropertyOutcome IovaTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkIovaProperty(impl, budget);
}

}  // namespace dmacheck::iova
