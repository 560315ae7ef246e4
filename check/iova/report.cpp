#include "check/iova/report.h"

#include <fmt/format.h>

#include "check/iova/trace_codec.h"
#include "check/trace_render.h"

namespace dmacheck::iova {

std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run) {
  return renderTraceText("iova", scenario, meta, run, headerLines, [](const Op& op, const std::string& comment) {
    return opLine(op, comment);
  });
}

std::string renderStep(const StepReport& r) {
  std::string out;
  out += fmt::format("  {:>2} {:<40} -> {}\n", r.step, opLine(r.op), r.outcome);
  for (const auto& log : r.kernelLog) out += fmt::format("       [kernel] {}\n", log);
  for (const auto& v : r.violations) out += fmt::format("     ! {} at step {}: {}\n", v.invariant, v.step, v.detail);
  if (!r.violations.empty() && !r.state.empty()) out += fmt::format("       state: {}\n", r.state);
  return out;
}

}  // namespace dmacheck::iova
