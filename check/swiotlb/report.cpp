#include "check/swiotlb/report.h"

#include <fmt/format.h>

#include "check/swiotlb/trace_codec.h"
#include "check/trace_render.h"

namespace dmacheck::swiotlb {

std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run) {
  return renderTraceText("swiotlb", scenario, meta, run, headerLines, [](const Op& op, const std::string& comment) {
    return opLine(op, comment);
  });
}

std::string renderReplay(const Scenario& scenario, const CheckResult& run) {
  std::string out;
  for (const auto& line : headerLines(scenario.config)) out += "  " + line + "\n";
  for (const StepReport& r : run.reports) {
    out += fmt::format("{:>4} {}\n", r.step, opLine(r.op, "-> " + r.outcome));
    for (const auto& line : r.kernelLog) out += "       " + line + "\n";
    for (const auto& v : r.violations) out += fmt::format("     ! {} violated: {}\n", v.invariant, v.detail);
    for (const auto& line : r.slotMap) out += "       " + line + "\n";
  }
  for (const auto& v : run.finalViolations)
    out += fmt::format("     ! {} violated {}: {}\n", v.invariant,
                       run.reports.empty() ? "by the initial state" : "after the last step", v.detail);
  return out;
}

}  // namespace dmacheck::swiotlb
