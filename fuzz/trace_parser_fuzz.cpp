// libFuzzer target: the trace parser and codec must answer any bytes with either a
// scenario or an InputError naming the rule, never a crash, a hang or a sanitizer report.
// Parsed scenarios of modest size are also run through the checker on the latest variant,
// so malformed-but-valid traces exercise the whole replay path.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/input_error.h"
#include "check/swiotlb/implementations.h"
#include "check/swiotlb/trace_codec.h"
#include "check/trace_document.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dmacheck;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const TraceDocument doc = parseTraceDocument(text);
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
