#include "check/iova/report.h"

#include <fmt/format.h>

#include "check/iova/target.h"
#include "check/trace_render.h"

namespace dmacheck::iova {

std::string renderStep(const StepReport& r) {
  std::string out;
  out += fmt::format("  {:>2} {:<40} -> {}\n", r.step, opLine(r.op), r.outcome);
  for (const auto& log : r.kernelLog) out += fmt::format("       [kernel] {}\n", log);
  for (const auto& v : r.violations) out += fmt::format("     ! {} at step {}: {}\n", v.invariant, v.step, v.detail);
  if (!r.violations.empty() && !r.state.empty()) out += fmt::format("       state: {}\n", r.state);
  return out;
}

}  // namespace dmacheck::iova
