#pragma once
// Writing a target's scenario as trace text, and a run as the step-by-step replay report,
// the same way for every target whose codec offers headerLines(config) and opLine(op,
// comment): the format line, notes, target, impl, header, expectations, then one line per
// operation with what it did (and the first invariant it broke) as a comment.
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "check/trace_document.h"

namespace dmacheck {

// What a written trace says besides the scenario.
struct TraceMeta {
  std::string impl;                       // written as the 'impl' line (may be empty)
  std::vector<std::string> notes;         // '# ' comment lines after the magic line
  std::vector<Expectation> expectations;  // 'expect' lines
};

template <class Scenario, class Meta, class Run, class Header, class OpLine>
std::string renderTraceText(std::string_view target, const Scenario& scenario, const Meta& meta, const Run* run,
                            Header headerLines, OpLine opLine) {
  std::string out = fmt::format("{}{}\n", kTraceMagic, kTraceFormatVersion);
  for (const auto& note : meta.notes) out += "# " + note + "\n";
  out += fmt::format("target {}\n", target);
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
      comment = "-> " + run->reports[i].outcome;
      if (!run->reports[i].violations.empty()) comment += "  ! " + run->reports[i].violations.front().invariant;
    }
    out += opLine(scenario.ops[i], comment) + "\n";
  }
  return out;
}

}  // namespace dmacheck
