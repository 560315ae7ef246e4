#pragma once
// RapidCheck generators for IOVA scenarios. Every scenario first draws a small palette
// (swarm testing): a toy domain whose 32-bit boundary is 16-128 pfns (so the 32-bit
// shortcut and the cached nodes matter within a few operations), magazines of 1-4 pfns
// (so magazines fill, swap and reach the depot), short flush queues, then a few sizes and
// limits that the operations keep reusing. Reserves come first (reserve_iova is init-time).
#include <ostream>

#include <rapidcheck.h>

#include "check/iova/ops.h"

namespace dmacheck::iova {

rc::Gen<Scenario> genScenario();

void showValue(const Scenario& scenario, std::ostream& os);

}  // namespace dmacheck::iova
