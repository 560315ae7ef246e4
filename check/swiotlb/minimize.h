#pragma once
// Operation-level minimisation: after RapidCheck's shrinking (or a fuzzer's find), make
// the scenario smaller while the *same invariant* still fails: delete operations, then
// simplify operands and geometry toward the smallest values a kernel developer would try
// by hand (size to one slot, masks and cpu to 0, fewer slots, 4K pages, one area).
#include "check/swiotlb/checker.h"

namespace dmacheck::swiotlb {

// `scenario` must fail; returns a scenario that fails with the same first invariant and
// whose operations are the resolved ones that ran.
Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator);

}  // namespace dmacheck::swiotlb
