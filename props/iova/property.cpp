#include "props/iova/property.h"

#include "check/iova/minimize.h"
#include "props/iova/generators.h"

namespace dmacheck::iova {

namespace {

struct IovaTarget {
  using Scenario = iova::Scenario;
  DMACHECK_PROPERTY_TARGET("iova")
};

}  // namespace

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<IovaTarget>(implementation, budget);
}

}  // namespace dmacheck::iova
