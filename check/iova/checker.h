#pragma once
// The one IOVA checker. Every engine (properties, fuzzing, replay) hands it a scenario
// and an implementation factory; it runs each operation on the implementation, against
// the simulated IOMMU, and on the model, and after every step asks whether the answer
// was allowed (model/iova/lifecycle_spec.h), whether a reused IOVA could still be in the
// IOTLB, and whether the implementation's state (allocated, cached and queued ranges)
// still accounts for every live allocation and nothing else. After the last step it
// tears the domain down and checks that no IOVA leaked.
#include <optional>
#include <string>
#include <vector>

#include "check/iova/ops.h"
#include "check/check_options.h"
#include "check/check_run.h"
#include "check/space_span.h"
#include "check/violation.h"
#include "model/iova/allocator.h"

namespace dmacheck::iova {

struct StepReport {
  std::size_t step = 0;               // 1-based, counting operations that ran
  Op op;                              // with live indexes resolved
  std::string outcome;                // "pfn 0x3c-0x3f", "refused", "warned", ...
  std::vector<std::string> kernelLog; // WARN / BUG lines as the kernel would print them
  std::uint32_t met = 0;               // invariants whose precondition the step met (invariantBit)
  std::vector<Violation> violations;  // in priority order (invariants.h)
  std::string state;                  // allocated / cached / queued ranges after the step
  std::vector<SpaceSpan> spans;       // the state after the step, for pictures (replay --svg)
};

using CheckOptions = dmacheck::CheckOptions;
using CheckResult = CheckRun<Op, StepReport>;  // finalViolations: from teardown (step = ops that ran + 1)

// Throws InputError if the configuration or an operation breaks a client rule.
void validateScenario(const Scenario& scenario);

CheckResult checkScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const CheckOptions& options = {}, const CheckResult::Sink& sink = {});

}  // namespace dmacheck::iova
