#include "props/pagesize/property.h"

#include "check/pagesize/minimize.h"
#include "props/pagesize/generators.h"

namespace dmacheck::pagesize {

namespace {

struct PagesizeTarget {
  using Scenario = pagesize::Scenario;
  DMACHECK_PROPERTY_TARGET("pagesize")
};

}  // namespace

PropertyOutcome checkPagesizeProperty(const Implementation& implementation, const PropertyBudget& budget) {
  return checkProperty<PagesizeTarget>(implementation, budget);
}

}  // namespace dmacheck::pagesize
