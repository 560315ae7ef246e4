#pragma once
// The one generic swiotlb property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; the implementation is only
// the thing it is applied to. `dmacheck check` and the ctest suites both call this.
#include "targets/swiotlb/implementations.h"
#include "check/swiotlb/ops.h"
#include "props/property_runner.h"

namespace dmacheck::swiotlb {

using PropertyBudget = dmacheck::PropertyBudget;
using PropertyOutcome = dmacheck::PropertyOutcome<Scenario>;

PropertyOutcome checkSwiotlbProperty(const Implementation& implementation, const PropertyBudget& budget);

}  // namespace dmacheck::swiotlb
