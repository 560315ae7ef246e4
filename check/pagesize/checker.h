#pragma once
// The one page-size checker. Every engine hands it a scenario and an implementation
// factory; it runs each operation on the implementation and asks the model
// (model/pagesize/) whether the answer was allowed: the split of an iommu_map, the answer
// to MAP_DMA and UNMAP_DMA, the mappings after the call and the locked-page count.
#include <optional>
#include <string>
#include <vector>

#include "check/pagesize/ops.h"
#include "check/check_options.h"
#include "check/check_run.h"
#include "check/space_span.h"
#include "check/violation.h"
#include "model/pagesize/page_size_logic.h"

namespace dmacheck::pagesize {

struct StepReport {
  std::size_t step = 0;
  Op op;                              // with live indexes resolved to ranges
  std::string outcome;                // "2x2M 1x4K", "-EINVAL", "unmapped 0x2000 bytes", ...
  std::uint32_t met = 0;               // invariants whose precondition the step met (invariantBit)
  std::vector<Violation> violations;  // in priority order (invariants.h)
  std::string state;                  // mappings and locked pages after the step
  std::vector<SpaceSpan> spans;       // the state after the step, for pictures (replay --svg)
};

using CheckOptions = dmacheck::CheckOptions;
using CheckResult = CheckRun<Op, StepReport>;  // finalViolations: none for this target

// Throws InputError if the configuration or an operation breaks a client rule.
void validateScenario(const Scenario& scenario);

CheckResult checkScenario(const Scenario& scenario, const LogicFactory& make, const CheckOptions& options = {},
                          const CheckResult::Sink& sink = {});

}  // namespace dmacheck::pagesize
