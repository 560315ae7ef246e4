#include "props/swiotlb/property.h"

#include "check/swiotlb/minimize.h"
#include "props/swiotlb/generators.h"

namespace dmacheck::swiotlb {

namespace {

struct SwiotlbTarget {
  using Scenario = swiotlb::Scenario;
  DMACHECK_PROPERTY_TARGET("swiotlb")
};

}  // namespace

PropertyOutcome checkSwiotlbProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<SwiotlbTarget>(implementation, budget);
}

}  // namespace dmacheck::swiotlb
