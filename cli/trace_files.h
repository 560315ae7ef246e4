#pragma once
// Loading and saving trace files for the commands (strict parsing, atomic writes).
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "check/trace_document.h"
#include "targets/registry.h"

namespace dmacheck::cli {

// Runs `body.template operator()<T>()` for the named target (targets/registry.h).
template <class Body>
decltype(auto) withTarget(const std::string& target, Body&& body) {
  return AllTargets::with(target, std::forward<Body>(body));
}

template <class T>
struct LoadedTrace {
  std::string path;
  TraceDocument document;
  typename T::Scenario scenario;
  bool fromFuzzerInput = false;    // decoded from bytes rather than parsed from text
  std::uint8_t variantChoice = 0;  // the input's own pick of implementation (fuzzer inputs)
};

// The target a file belongs to: its 'target' line, or `fallback` for libFuzzer inputs.
std::string targetOfFile(const std::string& path, const std::string& fallback);

// Every 'expect' line names variants of T (names, aliases, commit ids, "kernel" or "*")
// and a verdict T can give ("pass" or one of its invariants); InputError otherwise.
template <class T>
void requireKnownExpectations(const TraceDocument& doc) {
  const auto invariants = T::invariantIds();
  for (const Expectation& e : doc.expectations) {
    for (const std::string& name : e.variants)
      if (name != "*" && name != "kernel" && !T::find(name))
        throw InputError(fmt::format("'expect' names '{}', which is no {} variant (see 'dmacheck list --target {}')",
                                     name, T::name, T::name), e.line);
    if (e.verdict != "pass" && std::find(invariants.begin(), invariants.end(), e.verdict) == invariants.end())
      throw InputError(fmt::format("'expect' verdict '{}' is neither 'pass' nor a {} invariant", e.verdict, T::name),
                       e.line);
  }
}

// A text trace, or a libFuzzer input (crash file, corpus entry) decoded to a scenario.
// Throws InputError prefixed with the path.
template <class T>
LoadedTrace<T> loadTrace(const std::string& path) {
  try {
    const std::string contents = readFile(path);
    if (contents.empty()) throw InputError("the file is empty: neither a trace nor a fuzzer input");
    if (!isTraceText(contents)) {  // a libFuzzer crash file or corpus entry
      const auto input = T::decode(contents);
      LoadedTrace<T> t{path, {}, input.scenario, true, input.variantChoice};
      t.document.target = std::string(T::name);
      return t;
    }
    LoadedTrace<T> t{path, {}, {}};
    t.scenario = T::fromText(contents, t.document);
    requireKnownExpectations<T>(t.document);
    return t;
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
}

// Expands directories (recursively, *.trace, sorted) and checks files exist.
std::vector<std::string> traceFilesUnder(const std::vector<std::string>& paths);
// Writes via a temporary file and rename, so a reader never sees half a trace.
void writeFileAtomically(const std::string& path, const std::string& text);

template <class T>
typename T::Implementation implementationNamed(const std::string& name) {
  auto found = T::find(name);
  if (!found) throw InputError(T::unknown(name));
  // Variants know commits by 12 hex digits: a longer id is matched on that prefix, and says so.
  const bool longHex = name.size() > 12 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (longHex && found->name != name)
    std::cerr << fmt::format("dmacheck: note: commit {} matched on its first 12 digits ({}): variant {}\n", name,
                             name.substr(0, 12), found->name);
  return *found;
}

}  // namespace dmacheck::cli
