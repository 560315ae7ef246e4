// `dmacheck corpus PATH...`: replays every regression trace on every implementation and
// compares each verdict with the trace's own 'expect' lines. ctest runs this on corpus/.
#include <iostream>

#include <fmt/format.h>

#include "check/input_error.h"
#include "cli/command.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

Command addCorpusCommand(CLI::App& root) {
  struct Options {
    std::vector<std::string> paths;
    std::string impl;
  };
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("corpus", "Replay regression traces and compare verdicts with their 'expect' lines");
  app->add_option("paths", o->paths, "Trace files or directories (searched for *.trace)")->required();
  app->add_option("--impl", o->impl, "Only this implementation (default: every variant)");
  return {app, [o] {
            std::vector<swiotlb::Implementation> impls =
                o->impl.empty() ? swiotlb::allImplementations() : std::vector{implementationNamed(o->impl)};
            int mismatches = 0, checks = 0;
            for (const auto& file : traceFilesUnder(o->paths)) {
              const LoadedTrace trace = loadTrace(file);
              std::vector<std::string> lines;
              for (const auto& impl : impls) {
                auto expected = trace.document.expectedFor(impl.name);
                if (!expected)
                  throw InputError(fmt::format("{}: no expected verdict for '{}': add 'expect {} <pass|INVARIANT>' or "
                                               "'expect * <verdict>'", file, impl.name, impl.name));
                const auto run = swiotlb::checkScenario(trace.scenario, impl.make);
                const std::string got = run.firstViolation ? run.firstViolation->invariant : "pass";
                ++checks;
                if (got != *expected) {
                  ++mismatches;
                  lines.push_back(fmt::format("    {}: expected {}, got {}{}", impl.name, *expected, got,
                                              run.firstViolation ? " (" + run.firstViolation->detail + ")" : ""));
                }
              }
              std::cout << fmt::format("{} {}\n", lines.empty() ? "ok  " : "FAIL", file);
              for (const auto& line : lines) std::cout << line << "\n";
            }
            std::cout << fmt::format("{} passed, {} failed\n", checks - mismatches, mismatches);
            return mismatches ? kExitMismatch : kExitOk;
          }};
}

}  // namespace dmacheck::cli
