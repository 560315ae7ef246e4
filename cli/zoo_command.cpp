// `dmacheck zoo`: the bug zoo. Runs the generic property on every variant with several
// seeds and compares what was caught with the bug table: a variant with known bugs must
// be caught (by an invariant one of its bugs violates, shrunk to at most its minimal
// trigger + 2 operations); a variant without known bugs must hold. This is the command
// behind the figures in README.
#include <algorithm>
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/input_error.h"
#include "cli/child_process.h"
#include "cli/command.h"
#include "cli/trace_files.h"
#include "targets/registry.h"

namespace dmacheck::cli {

namespace {

struct Options {
  std::string target = AllTargets::names().front();
  int seeds = 5;
  std::uint64_t firstSeed = 1;
  int runs = 10000;
  int maxOps = 100;
  std::vector<std::string> impls;
  bool json = false;
  std::string engine = "property";
  double fuzzSeconds = 60;
  std::string fuzzer;
  bool eachBug = false;
};

struct Row {
  std::string variant;
  std::string bug;                     // with --each-bug: the bug hunted
  std::vector<std::string> hunted;     // its first (defining) invariant; the others are ignored
  std::vector<std::string> knownBugs;
  std::vector<std::string> verdicts;   // per seed: "holds" or the invariant
  std::vector<double> seconds;
  std::vector<int> ops;
  int opsAllowed = 0;                  // minimal trigger + 2 (0: none known)
  bool asExpected = true;
  std::vector<std::string> notes;      // --each-bug: traces that may show another bug instead
};

// The shortest minimal trigger among the variant's bugs that violate `invariant` (0: none).
template <class T, class Variant>
int minimalTriggerFor(const Variant& v, const std::string& invariant) {
  int shortest = 0;
  for (const auto& id : v.knownBugs)
    if (const auto* bug = T::findBug(id))
      if (std::find(bug->invariants.begin(), bug->invariants.end(), invariant) != bug->invariants.end())
        shortest = shortest == 0 ? bug->triggerOps : std::min(shortest, bug->triggerOps);
  return shortest;
}

// Another known bug of the variant that reports `invariant` and whose trigger + 2 covers `ops`.
template <class T, class Variant, class Bug>
const Bug* longerSharedTrigger(const Variant& v, const Bug& hunted, const std::string& invariant, int ops) {
  for (const auto& id : v.knownBugs)
    if (const Bug* other = T::findBug(id); other && other->id != hunted.id &&
        std::find(other->invariants.begin(), other->invariants.end(), invariant) != other->invariants.end() &&
        ops <= other->triggerOps + 2)
      return other;
  return nullptr;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

// What one seed gave: no violation, or the first invariant caught, when, and how short.
struct SeedResult {
  std::optional<std::string> invariant;
  double seconds = 0;
  std::size_t ops = 0;
};

// Invariants outside `hunted` do not end a run (all count when `hunted` is empty).
template <class T>
std::set<std::string> ignoredFor(const std::vector<std::string>& hunted) {
  std::set<std::string> ignored;
  if (hunted.empty()) return ignored;
  for (const auto& id : T::invariantIds())
    if (std::find(hunted.begin(), hunted.end(), id) == hunted.end()) ignored.insert(id);
  return ignored;
}

template <class T>
SeedResult propertyOnce(const Options& o, const typename T::Implementation& impl, std::uint64_t seed,
                        const std::vector<std::string>& hunted) {
  const auto outcome = T::property(impl, {seed, o.runs, o.maxOps, ignoredFor<T>(hunted)});
  if (outcome.holds) return {std::nullopt, outcome.seconds, 0};
  return {outcome.violation->invariant, outcome.seconds, outcome.counterexample->ops.size()};
}

// One fuzz campaign from an empty corpus, ended at its first finding (dmacheck fuzz).
template <class T>
SeedResult fuzzOnce(const Options& o, const typename T::Implementation& impl, std::uint64_t seed,
                    const std::vector<std::string>& hunted) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("dmacheck-zoo-{}-{}-{}", getpid(), impl.name, seed);
  fs::remove_all(dir);
  std::vector<std::string> args = {fs::read_symlink("/proc/self/exe").string(), "fuzz", "--target", std::string(T::name), "--impl", impl.name,
                                   "--time", fmt::format("{}", o.fuzzSeconds), "--out", dir.string(),
                                   "--seed", std::to_string(seed)};
  if (hunted.empty()) args.push_back("--stop-at-first");
  else args.insert(args.end(), {"--hunt", hunted.front()});
  if (!o.fuzzer.empty()) args.insert(args.end(), {"--fuzzer", o.fuzzer});
  std::string output;
  runChild(args, {}, [&](const std::string& line) { output += line + "\n"; }, [] { return false; });
  std::ifstream in(dir / "stats.json");
  if (!in) throw InputError(fmt::format("dmacheck fuzz wrote no stats for {}:\n{}", impl.name, output));
  const auto stats = nlohmann::json::parse(in);
  fs::remove_all(dir);
  for (const auto& finding : stats["findings"])  // the first finding, or the hunted one
    if (hunted.empty() || finding["invariant"].get<std::string>() == hunted.front())
      return {finding["invariant"].get<std::string>(), finding["seconds_to_find"].get<double>(),
              finding["ops"].get<std::size_t>()};
  return {std::nullopt, stats["seconds"].get<double>(), 0};
}

// Every seed on one variant; with `bug`, hunting only that bug's invariants.
template <class T, class Bug>
Row runVariant(const Options& o, const typename T::Implementation& impl, const Bug* bug) {
  Row row{impl.name, bug ? bug->id : "", bug ? std::vector<std::string>{bug->invariants.front()} : std::vector<std::string>{},
          impl.variant->knownBugs,
          {}, {}, {}, 0, true};
  if constexpr (requires { bug->proofOnly; })
    if (bug && bug->proofOnly) {  // outside what traces can express: `dmacheck prove` refutes it
      row.verdicts.push_back("proof only");
      return row;
    }
  for (int k = 0; k < o.seeds; ++k) {
    const SeedResult result = o.engine == "fuzz" ? fuzzOnce<T>(o, impl, o.firstSeed + k, row.hunted)
                                                 : propertyOnce<T>(o, impl, o.firstSeed + k, row.hunted);
    row.seconds.push_back(result.seconds);
    if (!result.invariant) {
      row.verdicts.push_back("holds");
      row.ops.push_back(0);
      row.asExpected = row.asExpected && row.knownBugs.empty();
      continue;
    }
    const int ops = static_cast<int>(result.ops);
    row.verdicts.push_back(*result.invariant);
    row.ops.push_back(ops);
    const int trigger = bug ? bug->triggerOps : minimalTriggerFor<T>(*impl.variant, *result.invariant);
    row.opsAllowed = std::max(row.opsAllowed, trigger + 2);
    if (bug && ops > trigger + 2) {
      // Bugs of one variant can share an invariant: the trace may show another of them.
      if (const auto other = longerSharedTrigger<T>(*impl.variant, *bug, *result.invariant, ops)) {
        row.notes.push_back(fmt::format("seed {}: {} ops, over {} + 2; {} is shared with {} (trigger {}), which it may "
                                        "show instead", o.firstSeed + k, ops, trigger, *result.invariant, other->id,
                                        other->triggerOps));
        continue;
      }
    }
    row.asExpected = row.asExpected && trigger > 0 && ops <= trigger + 2;
  }
  return row;
}

std::string verdictSummary(const Row& row) {
  std::vector<std::string> distinct = row.verdicts;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::string out;
  for (const auto& d : distinct)
    out += fmt::format("{}{} x{}", out.empty() ? "" : ", ", d, std::count(row.verdicts.begin(), row.verdicts.end(), d));
  return out;
}

template <class T>
int run(const Options& o) {
  std::vector<typename T::Implementation> impls;
  if (o.impls.empty()) impls = T::all();
  for (const auto& name : o.impls) impls.push_back(implementationNamed<T>(name));
  nlohmann::json rows = nlohmann::json::array();
  bool allExpected = true;
  if (!o.json)
    std::cout << fmt::format("{:<24} {:<34} {:<20} {:>9} {:>9} {:>5}\n", "variant", "verdicts over seeds",
                             o.eachBug ? "bug hunted" : "known bugs", "median s", "max ops", "ok");
  auto show = [&](const Row& row) {  // each row as soon as it is done: fuzz rows take minutes
    allExpected = allExpected && row.asExpected;
    const int maxOps = row.ops.empty() ? 0 : *std::max_element(row.ops.begin(), row.ops.end());
    if (o.json) {
      rows.push_back({{"variant", row.variant}, {"bug", row.bug}, {"hunted", row.hunted},
                      {"known_bugs", row.knownBugs}, {"verdicts", row.verdicts}, {"seconds", row.seconds},
                      {"ops", row.ops}, {"ops_allowed", row.opsAllowed}, {"notes", row.notes},
                      {"as_expected", row.asExpected}});
      return;
    }
    std::cout << fmt::format("{:<24} {:<34} {:<20} {:>9.3f} {:>9} {:>5}\n", row.variant, verdictSummary(row),
                             o.eachBug ? row.bug : fmt::format("{} known", row.knownBugs.size()), median(row.seconds),
                             row.opsAllowed ? fmt::format("{}/{}", maxOps, row.opsAllowed) : "-",
                             row.asExpected ? "yes" : "NO");
    for (const auto& note : row.notes) std::cout << "    " << note << "\n";
    std::cout.flush();
  };
  using Bug = std::remove_pointer_t<decltype(T::findBug(""))>;
  for (const auto& impl : impls) {
    if (!o.eachBug) show(runVariant<T>(o, impl, static_cast<const Bug*>(nullptr)));
    else
      for (const std::string& id : impl.variant->knownBugs) show(runVariant<T>(o, impl, T::findBug(id)));
  }
  if (o.json) std::cout << rows.dump(2) << "\n";
  return allExpected ? kExitOk : kExitMismatch;
}

}  // namespace

Command addZooCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("zoo", "Run the properties on every variant and compare with the bug table");
  app->add_option("--seeds", o->seeds, "Seeds per variant")->check(CLI::Range(1, 1000));
  app->add_option("--first-seed", o->firstSeed, "First seed (then +1, +2, ...)")->check(seedValidator());
  app->add_option("--runs", o->runs, "Test cases per seed")->check(CLI::Range(1, 100000000));
  app->add_option("--max-ops", o->maxOps, "Maximum operations per test case")->check(CLI::Range(1, 10000));
  app->add_option("--impl", o->impls, "Only these variants (repeatable)");
  app->add_flag("--json", o->json, "Machine-readable output");
  app->add_option("--engine", o->engine, "property (RapidCheck, default) or fuzz (dmacheck fuzz from an empty "
                                         "corpus, stopped at the first finding; times are time to that finding)")
      ->check(CLI::IsMember({"property", "fuzz"}));
  app->add_option("--time", o->fuzzSeconds, "With --engine fuzz: seconds per campaign (at least 5)")->check(CLI::Range(5.0, 1e6));
  app->add_option("--fuzzer", o->fuzzer, "With --engine fuzz: the libFuzzer binary");
  app->add_option("--target", o->target, "Allocator family: " + targetNames());
  app->add_flag("--each-bug", o->eachBug,
                "One row per known bug of each variant: hunt only that bug's first (defining) invariant (fuzz: "
                "dmacheck fuzz --hunt), shrunk to at most its own minimal trigger + 2");
  return {app, [o] { return withTarget(o->target, [&]<class T>() { return run<T>(*o); }); }};
}

}  // namespace dmacheck::cli
