#include "check/swiotlb/report.h"

#include <fmt/format.h>

#include "check/swiotlb/target.h"
#include "check/trace_render.h"

namespace dmacheck::swiotlb {

std::string renderStep(const StepReport& r) {
  std::string out;
  out += fmt::format("{:>4} {}\n", r.step, opLine(r.op, "-> " + r.outcome));
  for (const auto& line : r.kernelLog) out += "       " + line + "\n";
  for (const auto& v : r.violations) out += fmt::format("     ! {} violated: {}\n", v.invariant, v.detail);
  for (const auto& line : r.slotMap) out += "       " + line + "\n";
  return out;
}

}  // namespace dmacheck::swiotlb
