#include "check/pagesize/report.h"

#include <fmt/format.h>

#include "check/pagesize/target.h"
#include "check/trace_render.h"

namespace dmacheck::pagesize {

std::string renderStep(const StepReport& r) {
  std::string out;
  out += fmt::format("  {:>2} {:<52} -> {}\n", r.step, opLine(r.op), r.outcome);
  for (const auto& v : r.violations) out += fmt::format("     ! {} at step {}: {}\n", v.invariant, v.step, v.detail);
  if (!r.violations.empty()) out += fmt::format("       state: {}\n", r.state);
  return out;
}

}  // namespace dmacheck::pagesize
