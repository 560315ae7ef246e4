#pragma once
// Operation-level minimisation of an IOVA scenario after RapidCheck's shrinking or a
// fuzzer's find: delete operations (singly, then in pairs), then simplify operands and the
// domain toward values a kernel developer would try by hand, while the same invariant fails.
#include <optional>
#include <string>

#include "check/iova/checker.h"

namespace dmacheck::iova {

Scenario minimizeScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const std::optional<std::string>& invariant = std::nullopt);

}  // namespace dmacheck::iova
