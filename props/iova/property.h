#pragma once
// The one generic iova property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs; the implementation is only
// the thing it is applied to. `dmacheck check` and the ctest suites both call this.
#include "targets/iova/implementations.h"
#include "check/iova/ops.h"
#include "props/property_runner.h"

namespace dmacheck::iova {

using PropertyBudget = dmacheck::PropertyBudget;
using PropertyOutcome = dmacheck::PropertyOutcome<Scenario>;

PropertyOutcome checkIovaProperty(const Implementation& implementation, const PropertyBudget& budget);

}  // namespace dmacheck::iova
