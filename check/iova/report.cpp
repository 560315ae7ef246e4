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

std::string renderReplay(const Scenario& scenario, const CheckResult& run) {
  std::string out;
  for (const auto& line : headerLines(scenario.config)) out += "  " + line + "\n";
  for (const StepReport& r : run.reports) {
    out += fmt::format("  {:>2} {:<40} -> {}\n", r.step, opLine(r.op), r.outcome);
    for (const auto& log : r.kernelLog) out += fmt::format("       [kernel] {}\n", log);
    for (const auto& v : r.violations) out += fmt::format("     ! {} at step {}: {}\n", v.invariant, v.step, v.detail);
    if (!r.violations.empty() && !r.state.empty()) out += fmt::format("       state: {}\n", r.state);
  }
  for (const auto& v : run.finalViolations)
    out += fmt::format("     ! {} at teardown (step {}): {}\n", v.invariant, v.step, v.detail);
  return out;
}

}  // namespace dmacheck::iova
