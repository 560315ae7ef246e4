#include "check/iova/report.h"

#include <fmt/format.h>

#include "check/iova/trace_codec.h"

namespace dmacheck::iova {

std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run) {
  std::string out = fmt::format("{}{}\n", kTraceMagic, kTraceFormatVersion);
  for (const auto& note : meta.notes) out += "# " + note + "\n";
  out += "target iova\n";
  if (!meta.impl.empty()) out += "impl " + meta.impl + "\n";
  for (const auto& line : headerLines(scenario.config)) out += line + "\n";
  for (const auto& e : meta.expectations) {
    std::string names;
    for (const auto& v : e.variants) names += (names.empty() ? "" : ",") + v;
    out += fmt::format("expect {} {}\n", names, e.verdict);
  }
  for (std::size_t i = 0; i < scenario.ops.size(); ++i) {
    std::string comment;
    if (run && i < run->reports.size()) {
      const StepReport& r = run->reports[i];
      comment = r.outcome;
      if (!r.violations.empty()) comment += " ! " + r.violations.front().invariant;
    }
    out += opLine(scenario.ops[i], comment) + "\n";
  }
  return out;
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
