// `dmacheck zoo`: the bug zoo. Runs the generic property on every variant with several
// seeds and compares what was caught with the bug table: a variant with known bugs must
// be caught (by an invariant one of its bugs violates, shrunk to at most its minimal
// trigger + 2 operations); a variant without known bugs must hold. This is the command
// behind the figures in README.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "check/input_error.h"
#include "cli/child_process.h"
#include "cli/command.h"
#include "cli/trace_files.h"
#include "props/swiotlb/property.h"

namespace dmacheck::cli {

namespace {

struct Options {
  int seeds = 5;
  std::uint64_t firstSeed = 1;
  int runs = 10000;
  int maxOps = 100;
  std::vector<std::string> impls;
  bool json = false;
  std::string engine = "property";
  double fuzzSeconds = 60;
  std::string fuzzer;
};

struct Row {
  std::string variant;
  std::vector<std::string> knownBugs;
  std::vector<std::string> verdicts;   // per seed: "holds" or the invariant
  std::vector<double> seconds;
  std::vector<int> ops;
  int opsAllowed = 0;                  // minimal trigger + 2 (0: none known)
  bool asExpected = true;
};

// The shortest minimal trigger among the variant's bugs that violate `invariant` (0: none).
int minimalTriggerFor(const impl::Variant& v, const std::string& invariant) {
  int shortest = 0;
  for (const auto& id : v.knownBugs)
    if (const impl::Bug* bug = impl::findSwiotlbBug(id))
      if (std::find(bug->invariants.begin(), bug->invariants.end(), invariant) != bug->invariants.end())
        shortest = shortest == 0 ? bug->triggerOps : std::min(shortest, bug->triggerOps);
  return shortest;
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

SeedResult propertyOnce(const Options& o, const swiotlb::Implementation& impl, std::uint64_t seed) {
  const auto outcome = swiotlb::checkSwiotlbProperty(impl, {seed, o.runs, o.maxOps, {}});
  if (outcome.holds) return {std::nullopt, outcome.seconds, 0};
  return {outcome.violation->invariant, outcome.seconds, outcome.counterexample->ops.size()};
}

// One fuzz campaign from an empty corpus, ended at its first finding (dmacheck fuzz).
SeedResult fuzzOnce(const Options& o, const swiotlb::Implementation& impl, std::uint64_t seed) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("dmacheck-zoo-{}-{}-{}", getpid(), impl.name, seed);
  fs::remove_all(dir);
  std::vector<std::string> args = {fs::read_symlink("/proc/self/exe").string(), "fuzz", "--impl", impl.name,
                                   "--time", fmt::format("{}", o.fuzzSeconds), "--out", dir.string(),
                                   "--seed", std::to_string(seed), "--stop-at-first"};
  if (!o.fuzzer.empty()) args.insert(args.end(), {"--fuzzer", o.fuzzer});
  std::string output;
  runChild(args, {}, [&](const std::string& line) { output += line + "\n"; }, [] { return false; });
  std::ifstream in(dir / "stats.json");
  if (!in) throw InputError(fmt::format("dmacheck fuzz wrote no stats for {}:\n{}", impl.name, output));
  const auto stats = nlohmann::json::parse(in);
  fs::remove_all(dir);
  if (stats["findings"].empty()) return {std::nullopt, stats["seconds"].get<double>(), 0};
  const auto& first = stats["findings"][0];
  return {first["invariant"].get<std::string>(), first["seconds_to_find"].get<double>(),
          first["ops"].get<std::size_t>()};
}

Row runVariant(const Options& o, const swiotlb::Implementation& impl) {
  Row row{impl.name, impl.variant->knownBugs, {}, {}, {}, 0, true};
  for (int k = 0; k < o.seeds; ++k) {
    const SeedResult result = o.engine == "fuzz" ? fuzzOnce(o, impl, o.firstSeed + k) : propertyOnce(o, impl, o.firstSeed + k);
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
    const int trigger = minimalTriggerFor(*impl.variant, *result.invariant);
    row.opsAllowed = std::max(row.opsAllowed, trigger + 2);
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

}  // namespace

Command addZooCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* app = root.add_subcommand("zoo", "Run the properties on every variant and compare with the bug table");
  app->add_option("--seeds", o->seeds, "Seeds per variant")->check(CLI::Range(1, 1000));
  app->add_option("--first-seed", o->firstSeed, "First seed (then +1, +2, ...)");
  app->add_option("--runs", o->runs, "Test cases per seed")->check(CLI::Range(1, 100000000));
  app->add_option("--max-ops", o->maxOps, "Maximum operations per test case")->check(CLI::Range(1, 10000));
  app->add_option("--impl", o->impls, "Only these variants (repeatable)");
  app->add_flag("--json", o->json, "Machine-readable output");
  app->add_option("--engine", o->engine, "property (RapidCheck, default) or fuzz (dmacheck fuzz from an empty "
                                         "corpus, stopped at the first finding; times are time to that finding)")
      ->check(CLI::IsMember({"property", "fuzz"}));
  app->add_option("--time", o->fuzzSeconds, "With --engine fuzz: seconds per campaign")->check(CLI::Range(1.0, 1e6));
  app->add_option("--fuzzer", o->fuzzer, "With --engine fuzz: the libFuzzer binary");
  return {app, [o] {
            std::vector<swiotlb::Implementation> impls;
            if (o->impls.empty()) impls = swiotlb::allImplementations();
            for (const auto& name : o->impls) impls.push_back(implementationNamed<SwiotlbTarget>(name));
            nlohmann::json rows = nlohmann::json::array();
            bool allExpected = true;
            if (!o->json)
              std::cout << fmt::format("{:<14} {:<34} {:<26} {:>9} {:>9} {:>5}\n", "variant", "verdicts over seeds",
                                       "known bugs", "median s", "max ops", "ok");
            for (const auto& impl : impls) {
              const Row row = runVariant(*o, impl);
              allExpected = allExpected && row.asExpected;
              const int maxOps = row.ops.empty() ? 0 : *std::max_element(row.ops.begin(), row.ops.end());
              if (o->json)
                rows.push_back({{"variant", row.variant}, {"known_bugs", row.knownBugs}, {"verdicts", row.verdicts},
                                {"seconds", row.seconds}, {"ops", row.ops}, {"ops_allowed", row.opsAllowed},
                                {"as_expected", row.asExpected}});
              else
                std::cout << fmt::format("{:<14} {:<34} {:<26} {:>9.3f} {:>9} {:>5}\n", row.variant, verdictSummary(row),
                                         fmt::format("{} known", row.knownBugs.size()), median(row.seconds),
                                         row.opsAllowed ? fmt::format("{}/{}", maxOps, row.opsAllowed) : "-",
                                         row.asExpected ? "yes" : "NO");
            }
            if (o->json) std::cout << rows.dump(2) << "\n";
            return allExpected ? kExitOk : kExitMismatch;
          }};
}

}  // namespace dmacheck::cli
