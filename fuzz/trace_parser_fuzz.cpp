// libFuzzer target: the trace parser and every target's codec must answer any bytes with
// either a scenario or an InputError naming the rule, never a crash, a hang or a sanitizer
// report. Parsed scenarios that are cheap to check are also run through their target's
// checker on its latest upstream variant, so malformed-but-valid traces exercise the whole
// replay path.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/input_error.h"
#include "check/trace_document.h"
#include "targets/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dmacheck;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const TraceDocument doc = parseTraceDocument(text);
    AllTargets::with(doc.target, [&]<class T>() {
      const auto scenario = T::fromDocument(doc);
      if (scenario.ops.size() > 64 || !T::cheapToCheck(scenario)) return;  // keep each input fast
      static const auto latest = T::find(std::string(T::latestUpstream));
      T::check(scenario, *latest, false, true);
    });
  } catch (const InputError&) {
    // the expected answer to bad input
  }
  return 0;
}
