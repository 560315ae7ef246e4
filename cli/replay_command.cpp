// `dmacheck replay FILE`: re-runs a trace step by step on an implementation, printing
// each step in the kernel's debug style, the invariants it breaks and a slot map.
#include <iostream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string file;
  std::string impl;
  std::string target = AllTargets::names().front();  // for libFuzzer inputs, which do not say
  bool stopAtFirst = false;
};

template <class T>
int replay(const Options& o) {
  const auto trace = loadTrace<T>(o.file);
  std::string name = o.impl.empty() ? trace.document.impl.value_or("") : o.impl;
  if (name.empty() && trace.fromFuzzerInput) {  // the implementation the input itself picks
    const auto all = T::all();
    name = all[trace.variantChoice % all.size()].name;
  }
  if (name.empty())
    throw InputError(fmt::format("{}: no implementation to run: give --impl NAME or add an 'impl' line", o.file));
  const auto impl = implementationNamed<T>(name);
  const auto run = T::check(trace.scenario, impl, o.stopAtFirst, true);
  const auto* v = impl.variant;
  std::cout << fmt::format("dmacheck replay {} on {} ({}){}\n", o.file, impl.name, T::name,
                           v ? fmt::format(" ({}; {}; {})", v->state, v->commits, v->kernels) : "");
  std::cout << T::replay(trace.scenario, run);
  std::size_t broken = 0;
  for (const auto& r : run.reports) broken += r.violations.empty() ? 0 : 1;
  broken += run.finalViolations.empty() ? 0 : 1;
  const std::string verdict = run.firstViolation ? run.firstViolation->invariant : "pass";
  if (run.firstViolation)
    std::cout << fmt::format("VIOLATED: {} at step {} ({} of {} steps broke an invariant)\n", verdict,
                             run.firstViolation->step, broken, run.reports.size());
  else
    std::cout << fmt::format("OK: all {} steps hold\n", run.reports.size());
  if (auto expected =
          trace.document.expectedFor(impl.name, impl.variant ? impl.variant->aliases : std::vector<std::string>{})) {
    std::cout << fmt::format("expected for {}: {} ({})\n", impl.name, *expected, *expected == verdict ? "matches" : "DIFFERS");
    if (*expected != verdict) return kExitMismatch;  // its own exit code, as in `corpus`
  }
  return run.firstViolation ? kExitViolation : kExitOk;
}

}  // namespace

Command addReplayCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("replay", "Re-run a trace step by step and explain what breaks");
  app->add_option("file", o->file, "Trace file ('# dmacheck trace v1', see README) or a libFuzzer input/crash file")
      ->required();
  app->add_option("--impl", o->impl, "Implementation to run (default: the trace's 'impl' line)");
  app->add_option("--target", o->target, "Target of a libFuzzer input file (text traces name their own)")
      ->check(CLI::IsMember(AllTargets::names()));
  app->add_flag("--stop-at-first", o->stopAtFirst, "Stop at the first violated invariant");
  return {app, [o] {
            return withTarget(targetOfFile(o->file, o->target), [&]<class T>() { return replay<T>(*o); });
          }};
}

}  // namespace dmacheck::cli
