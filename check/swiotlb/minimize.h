#pragma once
// Operation-level minimisation: after RapidCheck's shrinking (or a fuzzer's find), make
// the scenario smaller while the *same invariant* still fails: delete operations, then
// simplify operands and geometry toward the smallest values a kernel developer would try
// by hand (size to one slot, masks and cpu to 0, fewer slots, 4K pages, one area).
#include "check/swiotlb/checker.h"

namespace dmacheck::swiotlb {

// `scenario` must fail; returns a scenario that fails with the same first invariant and
// whose operations are the resolved ones that ran. With `invariant`, the scenario must
// violate that invariant at some step (other violations before it are allowed), and the
// result keeps the operations up to the step where it first does.
Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const std::optional<std::string>& invariant = std::nullopt);

}  // namespace dmacheck::swiotlb
