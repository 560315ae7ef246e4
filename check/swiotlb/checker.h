#pragma once
// The one SWIOTLB checker. Every engine (properties, fuzzing, replay) hands it a scenario
// and an implementation; it runs each operation on the implementation and on the model,
// and after every step asks the model whether the answer was allowed, whether a refusal
// was allowed, whether the bounce moved the right bytes, and whether the implementation's
// state (its used slots and metadata) still matches the model's.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/swiotlb/ops.h"
#include "check/check_options.h"
#include "check/check_run.h"
#include "check/space_span.h"
#include "check/violation.h"
#include "model/swiotlb/allocator.h"

namespace dmacheck::swiotlb {

using AllocatorFactory = std::function<std::unique_ptr<SlotAllocator>(const Config&)>;

struct StepReport {
  std::size_t step = 0;                 // 1-based, counting operations that ran
  Op op;                                // with live indexes and ranges resolved
  std::string outcome;                  // "slots 3-5 tlb=0x40001800", "no space", ...
  std::vector<std::string> kernelLog;   // what the kernel would print, in its style
  std::uint32_t met = 0;                // invariants whose precondition the step met (invariantBit)
  std::vector<Violation> violations;    // in priority order (invariants.h)
  std::optional<Placement> highlight;   // slots to draw in a map, if any
  std::optional<std::uint64_t> pageShown; // page handed to a swiotlb_alloc caller
  std::vector<std::string> slotMap;     // drawn when the step broke an invariant
  std::vector<SpaceSpan> spans;       // the state after the step, for pictures (replay --svg)
};

using CheckOptions = dmacheck::CheckOptions;
using CheckResult = CheckRun<Op, StepReport>;

// Throws InputError if the configuration or an operation breaks a client rule.
void validateScenario(const Scenario& scenario);

CheckResult checkScenario(const Scenario& scenario, const AllocatorFactory& makeAllocator,
                          const CheckOptions& options = {}, const CheckResult::Sink& sink = {});

}  // namespace dmacheck::swiotlb
