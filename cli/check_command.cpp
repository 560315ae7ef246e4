// `dmacheck check`: runs the generic properties on one implementation with a seed and a
// budget; on a violation prints the shrunk trace step by step, writes it to a file and
// says how to replay it.
#include <iostream>
#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string target = AllTargets::names().front();
  std::string impl;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  int runs = 10000;
  int maxOps = 100;
  std::string out = "dmacheck-findings";
  std::string hunt;      // keep drawing seeds until this invariant is violated
  int maxSeeds = 100;
  bool json = false;
  bool stats = false;
  bool first = false;    // stop at the first violation instead of reporting every invariant broken
};

// What --json prints: the frame of cli/json_result.h with the run and its verdict.
nlohmann::json checkJson(const Options& o, const std::string& impl) {
  nlohmann::json j = resultFrame("check");
  j.update({{"target", o.target}, {"impl", impl}, {"seed", o.seed}, {"runs", o.runs}, {"max_ops", o.maxOps},
            {"hunt", o.hunt}});
  return j;
}

// --stats under --json: kinds and fields with every value's count.
nlohmann::json statsJson(const GenerationStats& g) {
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [keyword, kind] : g.kinds()) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [key, field] : kind.fields) fields[key] = field.values;
    kinds[keyword] = {{"header", kind.header}, {"lines", kind.lines}, {"cases", kind.cases}, {"fields", fields}};
  }
  nlohmann::json preconditions = nlohmann::json::object();
  for (const auto& [id, p] : g.preconditions()) preconditions[id] = {{"cases", p.cases}, {"steps", p.steps}};
  return {{"cases", g.cases()}, {"kinds", kinds}, {"preconditions_met", preconditions}};
}

template <class Impl>
std::string describe(const Impl& impl) {
  const auto* v = impl.variant;
  return v ? fmt::format("{} ({}; {}; {})", impl.name, v->state, v->commits, v->kernels) : impl.name;
}

// One violation found: its trace written to a file, what --json says of it, and what a
// person reads (the shrunk trace step by step, then how to rerun and replay it).
struct Finding {
  nlohmann::json json;
  std::string text;
};

template <class T>
Finding recordFinding(const Options& o, const typename T::Implementation& impl, const typename T::PropertyOutcome& outcome) {
  const auto& v = *outcome.violation;
  const typename T::Scenario& scenario = *outcome.counterexample;
  const auto run = T::check(scenario, impl, false, true);
  const std::string path = fmt::format("{}/{}-{}-{}-seed{}.trace", o.out, o.target, impl.name, v.invariant, o.seed);
  const std::string rerun = fmt::format("{} check --target {} --impl {} --seed {} --runs {} --max-ops {}{}{}",
                                        commandPrefix(), o.target, impl.name, o.seed, o.runs, o.maxOps,
                                        o.hunt.empty() ? "" : " --hunt " + o.hunt, o.first ? " --first" : "");
  typename T::TraceMeta meta{impl.name,
                          {fmt::format("found by: {}", rerun),
                           fmt::format("violates {} at step {}: {}", v.invariant, v.step, v.detail)},
                          {{0, {impl.name}, v.invariant}}};
  writeFileAtomically(path, T::trace(scenario, meta, &run));
  Finding f;
  f.json = {{"violation", violationJson(v)}, {"ops", scenario.ops.size()}, {"rapidcheck_ops", outcome.rapidcheckOps},
            {"trace", path}, {"rerun", rerun}, {"replay", commandPrefix() + " replay " + shellQuoted(path)}};
  f.text = fmt::format("FAIL: {} violated after {} passing cases ({:.2f} s); shrunk to {} operations "
                       "(RapidCheck alone: {})\n\n",
                       v.invariant, outcome.casesRun, outcome.seconds, scenario.ops.size(), outcome.rapidcheckOps);
  f.text += T::replay(scenario, run) + "\n";
  f.text += fmt::format("seed:   {}\nrerun:  {}\ntrace:  {}\nreplay: {} replay {}\n", o.seed, rerun, path,
                        commandPrefix(), path);
  return f;
}

// The verdict once the search is over: `findings` in the order found (the first is also
// --json's top level, as it was before every finding was reported).
template <class T>
int report(const Options& o, const typename T::Implementation& impl, const typename T::PropertyOutcome& last,
           const std::vector<Finding>& findings, double seconds) {
  nlohmann::json j = checkJson(o, impl.name);
  j.update({{"cases_run", last.casesRun}, {"seconds", seconds}, {"verdict", findings.empty() ? "holds" : "violated"}});
  if (o.stats) {
    if (o.json) j["generated"] = statsJson(last.generated);
    else std::cout << last.generated.render();
  }
  if (findings.empty()) {
    if (o.json) std::cout << j.dump(2) << "\n";
    else
      std::cout << fmt::format("OK: {} cases of up to {} operations, no {} violated ({:.2f} s)\n", last.casesRun,
                               o.maxOps, o.hunt.empty() ? "invariant" : o.hunt, last.seconds);
    return kExitOk;
  }
  if (o.json) {
    j.update(findings.front().json);
    j["findings"] = nlohmann::json::array();
    for (const Finding& f : findings) j["findings"].push_back(f.json);
    std::cout << j.dump(2) << "\n";
  } else if (findings.size() > 1 || !o.first) {
    std::string ids;
    for (const Finding& f : findings) ids += (ids.empty() ? "" : ", ") + f.json["violation"]["invariant"].get<std::string>();
    std::cout << fmt::format("\n{} invariant{} violated, each with its own trace above: {} ({:.2f} s in all)\n",
                             findings.size(), findings.size() == 1 ? "" : "s", ids, seconds);
  }
  return kExitViolation;
}

template <class T>
int run(Options& o) {
  const auto impl = implementationNamed<T>(o.impl);
  const auto ids = T::invariantIds();
  if (!o.hunt.empty() && std::find(ids.begin(), ids.end(), o.hunt) == ids.end())
    throw InputError(fmt::format("--hunt {} is not a {} invariant", o.hunt, T::name));
  if (!o.seedGiven) o.seed = std::random_device{}();
  if (!o.json)
    std::cout << fmt::format("dmacheck check: target {}, impl {}\n  seed {}, {} runs of up to {} operations{}\n", o.target,
                             describe(impl), o.seed, o.runs, o.maxOps,
                             o.hunt.empty() ? (o.first ? ", stopping at the first violation" : ", every invariant it breaks")
                                            : fmt::format(", hunting {}", o.hunt));
  typename T::PropertyBudget budget{o.seed, o.runs, o.maxOps, {}, o.stats};
  if (!o.hunt.empty())  // hunting: other invariants' violations do not end the search
    for (const auto& id : ids)
      if (id != o.hunt) budget.ignored.insert(id);
  const auto start = std::chrono::steady_clock::now();
  std::vector<Finding> findings;
  for (int k = 0;; ++k) {
    budget.seed = o.seed;
    const auto outcome = T::property(impl, budget);
    if (outcome.holds && !o.hunt.empty() && k + 1 < o.maxSeeds) {
      if (!o.json)
        std::cout << fmt::format("  seed {}: no {} violation in {} cases ({:.2f} s), next seed\n", o.seed, o.hunt,
                               outcome.casesRun, outcome.seconds);
      ++o.seed;
      continue;
    }
    if (outcome.holds && !o.hunt.empty() && !o.json)
      std::cout << fmt::format("no {} violation in {} seeds\n", o.hunt, o.maxSeeds);
    if (!outcome.holds) {
      findings.push_back(recordFinding<T>(o, impl, outcome));
      if (!o.json) std::cout << findings.back().text << std::flush;
    }
    // Without --hunt or --first, the search goes on with each invariant found ignored (the
    // property is unchanged), so one run names every invariant the implementation breaks.
    const bool more = !outcome.holds && o.hunt.empty() && !o.first && budget.ignored.size() + 1 < ids.size();
    if (!more) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return report<T>(o, impl, outcome, findings, seconds);
    }
    budget.ignored.insert(outcome.violation->invariant);
    if (!o.json) std::cout << fmt::format("\n-- looking for violations of the other invariants ({} ignored)\n\n",
                                          outcome.violation->invariant);
  }
}

}  // namespace

Command addCheckCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("check", "Run the generic properties on one implementation (RapidCheck)");
  app->add_option("--target", o->target, "Allocator family: " + targetNames());
  app->add_option("--impl", o->impl, "Implementation variant: a name, alias or commit id (see 'dmacheck list')")
      ->required();
  app->add_option("--seed", o->seed, "Random seed (default: drawn at random and printed)")->check(seedValidator())->each([o](const std::string&) {
    o->seedGiven = true;
  });
  app->add_option("--runs", o->runs, "Test cases to generate")->check(CLI::Range(1, 100000000));
  app->add_option("--max-ops", o->maxOps, "Maximum operations per test case")->check(CLI::Range(1, 10000));
  app->add_option("--out", o->out, "Directory for the traces of violations found");
  app->add_option("--hunt", o->hunt, "Draw seeds (seed, seed+1, ...) until this invariant is violated, e.g. S-DISJ")
      ->check(CLI::IsMember(invariantIds()));
  app->add_option("--max-seeds", o->maxSeeds, "With --hunt: seeds to try before giving up")->check(CLI::Range(1, 100000));
  app->add_flag("--first", o->first, "Stop at the first violation (default: go on with each invariant found ignored, "
                                     "and report every invariant broken, each with its own trace)")
      ->excludes("--hunt");
  app->add_flag("--json", o->json, "Machine-readable result (docs/json.md)");
  app->add_flag("--stats", o->stats, "Also print what the generator made (operation kinds, each field's values) and how often each invariant's precondition was met");
  return {app, [o] {
            return withTarget(o->target, [&]<class T>() { return run<T>(*o); });
          }};
}

}  // namespace dmacheck::cli
