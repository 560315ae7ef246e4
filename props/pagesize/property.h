#pragma once
// The one generic page-size property: for every generated scenario, the checker finds no
// violated invariant. It never asks which implementation runs.
#include "targets/pagesize/implementations.h"
#include "check/pagesize/ops.h"
#include "props/property_runner.h"

namespace dmacheck::pagesize {

using PropertyBudget = dmacheck::PropertyBudget;
using PropertyOutcome = dmacheck::PropertyOutcome<Scenario>;

PropertyOutcome checkPagesizeProperty(const Implementation& implementation, const PropertyBudget& budget);

}  // namespace dmacheck::pagesize
