// `dmacheck corpus PATH...`: replays every regression trace on every implementation and
// compares each verdict with the trace's own 'expect' lines. ctest runs this on corpus/.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "base/not_in_implementation.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::vector<std::string> paths;
  std::string impl;
  bool json = false;
};

// With --impl: per target, the traces on which each re-implemented variant's expect line
// differs from the implementation's verdict. A variant with none behaves as the
// implementation does on the whole corpus: for a tree's own code, the judge its logic
// (the fixes it has) points at, whatever its version number says.
struct Likeness {
  int traces = 0;
  std::map<std::string, std::vector<std::string>> differing;  // variant -> traces
};
using Likenesses = std::map<std::string, Likeness>;  // by target

template <class T>
void compareWithVariants(const TraceDocument& doc, const std::string& file, const std::string& got, Likeness& l) {
  ++l.traces;
  for (const auto& v : T::all()) {
    const auto expected = doc.expectedFor(v.name, v.variant ? v.variant->aliases : std::vector<std::string>{});
    auto& differs = l.differing[v.name];
    if (!expected || *expected != got) differs.push_back(file);
  }
}

// One file on every implementation of its target: mismatching lines, and the checks run.
template <class T>
std::vector<std::string> checkFile(const Options& o, const std::string& file, int& checks, Likenesses& likeness) {
  const auto trace = loadTrace<T>(file);
  std::vector<typename T::Implementation> impls;
  if (o.impl.empty()) impls = T::all();
  else if (auto one = T::find(o.impl)) impls = {*one};
  else return {fmt::format("skip (no {} implementation '{}')", T::name, o.impl)};
  std::vector<std::string> lines;
  for (const auto& impl : impls) {
    // By name, else by another name of the same version (a tree's own code: the version it
    // stands beside), else the trace's '*' verdict.
    const auto expected =
        trace.document.expectedFor(impl.name, impl.variant ? impl.variant->aliases : std::vector<std::string>{});
    if (!expected)
      throw InputError(fmt::format("{}: no expected verdict for '{}': add 'expect {} <pass|INVARIANT>' or "
                                   "'expect * <verdict>'", file, impl.name, impl.name));
    std::optional<decltype(T::check(trace.scenario, impl, true, false))> ran;
    try {
      ran = T::check(trace.scenario, impl, true, false);
    } catch (const NotInImplementation& e) {
      if (impls.size() == 1) return {fmt::format("skip (not applicable: {})", e.what())};
      throw;  // every variant has every call: only a tree's own code can lack one
    }
    const auto& run = *ran;
    const std::string got = run.firstViolation ? run.firstViolation->invariant : "pass";
    ++checks;
    if (!o.impl.empty()) compareWithVariants<T>(trace.document, file, got, likeness[std::string(T::name)]);
    if (got != *expected)
      lines.push_back(fmt::format("    {}: expected {}, got {}{}", impl.name, *expected, got,
                                  run.firstViolation ? " (" + run.firstViolation->detail + ")" : ""));
  }
  return lines;
}

// With --impl: which implementation runs, and whose expect lines judge it (a tree's own
// code is judged as the re-implemented variant of its release).
void sayWhoIsJudged(const std::string& impl) {
  AllTargets::forEach([&]<class T>() {
    const auto found = T::find(impl);
    if (found && found->variant)
      std::cout << fmt::format("{} {}: {} ({})\n", T::name, found->name, found->variant->state,
                               found->variant->commits);
  });
}

// Which variants behave as the implementation on every trace, else the nearest ones and
// the traces that tell them apart.
nlohmann::json sayWhomItBehavesAs(const std::string& impl, const Likenesses& likenesses, bool print) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [target, l] : likenesses) {
    std::size_t fewest = l.traces + 1;
    for (const auto& [name, files] : l.differing) fewest = std::min(fewest, files.size());
    std::vector<std::string> nearest;
    for (const auto& [name, files] : l.differing)
      if (files.size() == fewest) nearest.push_back(name);
    out[target] = {{"traces", l.traces}, {"nearest", nearest}, {"differing_traces", fewest}};
    if (!print) continue;
    std::string names;
    for (const auto& n : nearest) names += (names.empty() ? "" : ", ") + n;
    if (fewest == 0)
      std::cout << fmt::format("{} {} behaves as {}: the same verdict as their expect lines on all {} traces\n", target,
                               impl, names, l.traces);
    else {
      std::cout << fmt::format("{} {} behaves as no variant on every trace; nearest {}, which differ on {} of {}:\n",
                               target, impl, names, fewest, l.traces);
      for (const auto& f : l.differing.at(nearest.front())) std::cout << "    " << f << "\n";
    }
  }
  return out;
}

// --impl must name an implementation of at least one target.
void requireSomeTargetKnows(const std::string& impl) {
  bool known = false;
  std::string messages;
  AllTargets::forEach([&]<class T>() {
    known = known || T::find(impl).has_value();
    messages += (messages.empty() ? "" : "; ") + T::unknown(impl);
  });
  if (!known) throw InputError(messages);
}

}  // namespace

Command addCorpusCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("corpus", "Replay regression traces and compare verdicts with their 'expect' lines");
  app->add_option("paths", o->paths, "Trace files or directories (searched for *.trace)")->required();
  app->add_option("--impl", o->impl, "Only this implementation (default: every variant of the trace's target)");
  app->add_flag("--json", o->json, "Machine-readable result (docs/json.md)");
  return {app, [o] {
            if (!o->impl.empty()) requireSomeTargetKnows(o->impl);
            if (!o->impl.empty() && !o->json) sayWhoIsJudged(o->impl);
            int mismatches = 0, checks = 0;
            Likenesses likeness;
            nlohmann::json files = nlohmann::json::array();
            for (const auto& file : traceFilesUnder(o->paths)) {
              const std::string target = targetOfFile(file, AllTargets::names().front());
              const auto lines = withTarget(target, [&]<class T>() { return checkFile<T>(*o, file, checks, likeness); });
              const bool skipped = lines.size() == 1 && lines.front().starts_with("skip");
              if (!skipped) mismatches += static_cast<int>(lines.size());
              files.push_back({{"file", file}, {"target", target},
                               {"status", skipped ? "skip" : lines.empty() ? "ok" : "fail"},
                               {"mismatches", skipped ? std::vector<std::string>{} : lines}});
              if (o->json) continue;
              if (skipped) {
                std::cout << fmt::format("{} {}\n", lines.front(), file);
                continue;
              }
              std::cout << fmt::format("{} {}\n", lines.empty() ? "ok  " : "FAIL", file);
              for (const auto& line : lines) std::cout << line << "\n";
            }
            if (o->json) {
              nlohmann::json j = resultFrame("corpus");
              j.update({{"passed", checks - mismatches}, {"failed", mismatches}, {"files", files}});
              if (!o->impl.empty()) j["behaves_as"] = sayWhomItBehavesAs(o->impl, likeness, false);
              std::cout << j.dump(2) << "\n";
            } else {
              if (!o->impl.empty()) sayWhomItBehavesAs(o->impl, likeness, true);
              std::cout << fmt::format("{} passed, {} failed\n", checks - mismatches, mismatches);
            }
            return mismatches ? kExitMismatch : kExitOk;
          }};
}

}  // namespace dmacheck::cli
