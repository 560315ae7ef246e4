// libFuzzer target: the trace parser and every target's codec must answer any bytes with
// either a scenario or an InputError naming the rule, never a crash, a hang or a sanitizer
// report. Parsed scenarios of modest size are also run through their target's checker on
// the latest variant, so malformed-but-valid traces exercise the whole replay path.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/input_error.h"
#include "check/iova/checker.h"
#include "check/iova/implementations.h"
#include "check/iova/trace_codec.h"
#include "check/pagesize/checker.h"
#include "check/pagesize/implementations.h"
#include "check/pagesize/trace_codec.h"
#include "check/swiotlb/implementations.h"
#include "check/swiotlb/trace_codec.h"
#include "check/trace_document.h"

namespace {

using namespace dmacheck;

void runIova(const TraceDocument& doc) {
  iova::Scenario scenario = iova::scenarioFromDocument(doc);
  iova::validateScenario(scenario);
  if (scenario.ops.size() > 64 || scenario.config.endPfn > 4096) return;  // keep each input fast
  static const auto latest = iova::findImplementation("linux-6.12");
  iova::checkScenario(scenario, latest->make, {.stopAtFirstViolation = false, .keepReports = true});
}

void runPagesize(const TraceDocument& doc) {
  pagesize::Scenario scenario = pagesize::scenarioFromDocument(doc);
  pagesize::validateScenario(scenario);
  if (scenario.ops.size() > 64) return;
  for (const pagesize::Op& op : scenario.ops)  // large maps cost milliseconds: the parser is what is fuzzed
    if (const auto* m = std::get_if<pagesize::VfioMapOp>(&op); m && m->size > (1u << 24)) return;
  static const auto latest = pagesize::findImplementation("linux-6.12");
  pagesize::checkScenario(scenario, latest->make, {.stopAtFirstViolation = false, .keepReports = true});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dmacheck;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const TraceDocument doc = parseTraceDocument(text);
    if (doc.target == "iova") return runIova(doc), 0;
    if (doc.target == "pagesize") return runPagesize(doc), 0;
    swiotlb::Scenario scenario = swiotlb::scenarioFromDocument(doc);
    swiotlb::validateScenario(scenario);
    if (scenario.ops.size() > 64 || scenario.config.pool.slots > 4096) return 0;  // keep each input fast
    static const auto latest = swiotlb::findImplementation("latest");
    swiotlb::checkScenario(scenario, latest->make, {.stopAtFirstViolation = false, .keepReports = true});
  } catch (const InputError&) {
    // the expected answer to bad input
  }
  return 0;
}
