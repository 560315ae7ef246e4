#include "props/swiotlb/property.h"

#include "props/swiotlb/generators.h"
#include "targets/swiotlb/target.h"

namespace dmacheck::swiotlb {

PropertyOutcome checkSwiotlbProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<SwiotlbTarget>(implementation, budget, genScenario);
}

SwiotlbTarget::PropertyOutcome SwiotlbTarget::property(const Implementation& impl, const PropertyBudget& budget) {
  return checkSwiotlbProperty(impl, budget);
}

}  // namespace dmacheck::swiotlb
