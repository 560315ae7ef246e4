#pragma once
// A generated scenario reduced to the operations an implementation has: a kernel tree older
// than a call (v5.10's swiotlb.c has no swiotlb_alloc) is checked and fuzzed on scenarios
// without it, instead of failing on every one. An implementation that runs every operation
// has no `runs` predicate (or an empty one). Traces from files are not reduced: corpus and
// replay report a trace that needs a missing call as not applicable (NotInImplementation).
#include <vector>

namespace dmacheck {

template <class Scenario, class Implementation>
Scenario runnableBy(Scenario scenario, const Implementation& implementation) {
  if constexpr (requires { implementation.runs; }) {
    if (implementation.runs) std::erase_if(scenario.ops, [&](const auto& op) { return !implementation.runs(op); });
  }
  return scenario;
}

}  // namespace dmacheck
