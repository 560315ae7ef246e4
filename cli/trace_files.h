#pragma once
// Loading and saving trace files for the commands (strict parsing, atomic writes).
#include <string>
#include <vector>

#include "check/swiotlb/implementations.h"
#include "check/trace_document.h"

namespace dmacheck::cli {

struct LoadedTrace {
  std::string path;
  TraceDocument document;
  swiotlb::Scenario scenario;
  bool fromFuzzerInput = false;    // decoded from bytes rather than parsed from text
  std::uint8_t variantChoice = 0;  // the input's own pick of implementation (fuzzer inputs)
};

// A text trace, or a libFuzzer input (crash file, corpus entry) decoded to a scenario.
// Throws InputError prefixed with the path.
LoadedTrace loadTrace(const std::string& path);
// Expands directories (recursively, *.trace, sorted) and checks files exist.
std::vector<std::string> traceFilesUnder(const std::vector<std::string>& paths);
// Writes via a temporary file and rename, so a reader never sees half a trace.
void writeFileAtomically(const std::string& path, const std::string& text);
swiotlb::Implementation implementationNamed(const std::string& name);

}  // namespace dmacheck::cli
