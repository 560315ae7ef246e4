// `dmacheck replay FILE`: re-runs a trace step by step on an implementation, printing
// each step in the kernel's debug style, the invariants it breaks and a slot map.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string file;
  std::string impl;
  std::string target = AllTargets::names().front();  // for libFuzzer inputs, which do not say
  std::string expectViolated;  // --expect INV: exit 1 exactly when INV is violated (for bisect)
  std::string svg;  // --svg FILE: the space-time picture of the run
  bool stopAtFirst = false;
  bool json = false;
};

// A picture of more steps than this is no longer readable (16 px a step); minimise first.
constexpr std::size_t kMaxPictureSteps = 5000;

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
  const auto* v = impl.variant;
  const auto expected =
      trace.document.expectedFor(impl.name, impl.variant ? impl.variant->aliases : std::vector<std::string>{});
  if (!o.json)
    std::cout << fmt::format("dmacheck replay {} on {} ({}){}\n", o.file, impl.name, T::name,
                             v ? fmt::format(" ({}; {}; {})", v->state, v->commits, v->kernels) : "")
              << T::replayHead(trace.scenario);
  std::size_t steps = 0, broken = 0;  // each step is printed as it runs, then forgotten
  std::vector<Violation> violations;
  std::vector<SpaceTimeRow> picture;
  const auto run = T::check(trace.scenario, impl, o.stopAtFirst, [&](typename T::CheckResult::Report&& r) {
    if (!o.svg.empty() && steps < kMaxPictureSteps) picture.push_back(T::pictureRow(r));
    ++steps;
    broken += r.violations.empty() ? 0 : 1;
    violations.insert(violations.end(), r.violations.begin(), r.violations.end());
    if (!o.json) std::cout << T::replayStep(r);
  });
  broken += run.finalViolations.empty() ? 0 : 1;
  if (!o.svg.empty()) {
    if (steps > kMaxPictureSteps)
      throw InputError(fmt::format("--svg draws at most {} steps and {} has {}: minimise it first (dmacheck check "
                                   "and fuzz write minimised traces)",
                                   kMaxPictureSteps, o.file, steps));
    const std::string title = fmt::format("{} on {} ({})", o.file, impl.name, T::name);
    writeFileAtomically(o.svg, T::svg(trace.scenario, title, std::move(picture), run.finalViolations));
  }
  violations.insert(violations.end(), run.finalViolations.begin(), run.finalViolations.end());
  const std::string verdict = run.firstViolation ? run.firstViolation->invariant : "pass";
  int status = expected && *expected != verdict ? kExitMismatch : run.firstViolation ? kExitViolation : kExitOk;
  const bool expectedBroken = std::any_of(violations.begin(), violations.end(),
                                          [&](const Violation& x) { return x.invariant == o.expectViolated; });
  if (!o.expectViolated.empty()) status = expectedBroken ? kExitViolation : kExitOk;
  if (o.json) {
    nlohmann::json j = resultFrame("replay");
    nlohmann::json all = nlohmann::json::array();
    for (const Violation& x : violations) all.push_back(violationJson(x));
    j.update({{"file", o.file}, {"target", std::string(T::name)}, {"impl", impl.name}, {"verdict", verdict},
              {"steps", steps}, {"broken_steps", broken}, {"violations", all},
              {"expected", expected ? nlohmann::json(*expected) : nlohmann::json(nullptr)}});
    std::cout << j.dump(2) << "\n";
    return status;
  }
  std::cout << T::replayEnd(run, steps);
  if (run.firstViolation)
    std::cout << fmt::format("VIOLATED: {} at step {} ({} of {} steps broke an invariant)\n", verdict,
                             run.firstViolation->step, broken, steps);
  else
    std::cout << fmt::format("OK: all {} steps hold\n", steps);
  if (!o.expectViolated.empty())
    std::cout << fmt::format("--expect {}: {} (exit {})\n", o.expectViolated,
                             expectedBroken ? "violated" : "not violated", status);
  else if (expected)  // a disagreement is its own exit code, as in `corpus`
    std::cout << fmt::format("expected for {}: {} ({})\n", impl.name, *expected, *expected == verdict ? "matches" : "DIFFERS");
  if (!o.svg.empty()) std::cout << fmt::format("picture: {} ({} steps, space-time map)\n", o.svg, steps);
  return status;
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
  app->add_option("--expect", o->expectViolated,
                  "Exit 1 only when this invariant is violated, 0 otherwise (for git bisect run)");
  app->add_flag("--json", o->json, "Machine-readable result (docs/json.md)");
  app->add_option("--svg", o->svg, "Also draw the run as a space-time map (SVG): the address space across, steps down");
  return {app, [o] {
            return withTarget(targetOfFile(o->file, o->target), [&]<class T>() {
              const auto ids = T::invariantIds();
              if (!o->expectViolated.empty() && std::find(ids.begin(), ids.end(), o->expectViolated) == ids.end())
                throw InputError(fmt::format("--expect {} is not a {} invariant", o->expectViolated, T::name));
              return replay<T>(*o);
            });
          }};
}

}  // namespace dmacheck::cli
