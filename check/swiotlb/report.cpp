#include "check/swiotlb/report.h"

#include <fmt/format.h>

#include "check/swiotlb/trace_codec.h"

namespace dmacheck::swiotlb {

namespace {

std::string outcomeComment(const StepReport& r) {
  std::string text = "-> " + r.outcome;
  if (!r.violations.empty()) text += "  ! " + r.violations.front().invariant;
  return text;
}

}  // namespace

std::string renderTrace(const Scenario& scenario, const TraceMeta& meta, const CheckResult* run) {
  std::string out = fmt::format("{}{}\n", kTraceMagic, kTraceFormatVersion);
  for (const auto& note : meta.notes) out += "# " + note + "\n";
  out += "target swiotlb\n";
  if (!meta.impl.empty()) out += "impl " + meta.impl + "\n";
  for (const auto& line : headerLines(scenario.config)) out += line + "\n";
  for (const auto& e : meta.expectations) {
    std::string names;
    for (const auto& n : e.variants) names += (names.empty() ? "" : ",") + n;
    out += fmt::format("expect {} {}\n", names, e.verdict);
  }
  const bool annotate = run && run->reports.size() == scenario.ops.size();
  for (std::size_t i = 0; i < scenario.ops.size(); ++i)
    out += opLine(scenario.ops[i], annotate ? outcomeComment(run->reports[i]) : "") + "\n";
  return out;
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
