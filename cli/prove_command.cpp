// `dmacheck prove`: the target's Z3 theorems (proofs/T/) on every variant they apply to,
// written once for every target. Prints theorem, variant, verdict and time; writes each
// counterexample as a trace that the prover has already replayed on the concrete
// implementation, which must break the same invariant; exits 0 when every verdict is the
// one the bug table predicts, 3 otherwise.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "base/input_error.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/prove_options.h"
#include "cli/trace_files.h"

namespace dmacheck::cli {

namespace {

using Options = ProveOptions;

constexpr const char* kRowFormat = "{:<28} {:<24} {:<26} {:>8.3f}  {}\n";

template <class T>
std::string writeWitness(const Options& o, const typename T::Proof& p) {
  const std::string path = fmt::format("{}/{}-{}-{}.trace", o.out, T::name, p.variant, p.theorem);
  TraceMeta meta;
  meta.impl = p.variant;
  meta.notes = {fmt::format("Z3 counterexample to theorem {} on {} ({}):", p.theorem, p.variant, p.variantState),
                fmt::format("  claim: {}", p.statement),
                fmt::format("  found by: dmacheck prove --target {} --impl {} --theorem {}", T::name, p.variant,
                            p.theorem)};
  writeFileAtomically(path, T::trace(*p.witness, meta, nullptr));
  return path;
}

// One row, its notes, and the witness written as a trace.
template <class T>
ProofRow printProof(const Options& o, const typename T::Proof& p) {
  std::string expected = p.asExpected ? "yes" : fmt::format("NO, expected {}", p.expected);
  if (!p.expectedBecause.empty()) expected += " (" + p.expectedBecause + ")";
  std::cout << fmt::format(kRowFormat, p.theorem, p.variant, p.verdict, p.seconds, expected);
  if (!p.reason.empty()) std::cout << fmt::format("    reason: {}\n", p.reason);
  if (!p.sameAs.empty()) std::cout << fmt::format("    (the same statement as on {}: solved once)\n", p.sameAs);
  if (!p.counterexample.empty()) std::cout << fmt::format("    counterexample: {}\n", p.counterexample);
  ProofRow row{p.theorem, p.variant, p.verdict, p.expected, p.reason, "", p.seconds, p.asExpected};
  if (!p.witness) return row;
  std::string seen;
  for (const auto& inv : p.replayed) seen += (seen.empty() ? "" : ", ") + inv;
  row.trace = writeWitness<T>(o, p);
  std::cout << fmt::format("    trace: {} (found in {:.3f} s; replay reports {})\n", row.trace, p.witnessSeconds,
                           seen.empty() ? "nothing" : seen);
  return row;
}

template <class T>
int run(const Options& o) {
  ProveReport report(o);
  const unsigned threads = proofThreads(o);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<typename T::Proof> proofs = T::prove({o.impls, o.theorems, o.timeoutMs, threads});
  if (proofs.empty()) throw InputError(fmt::format("target {} has no theorems to prove", T::name));
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << fmt::format("{:<28} {:<24} {:<26} {:>8}  {}\n", "theorem", "variant", "verdict", "time s", "expected");
  int unexpected = 0;
  double slowestWitness = 0;
  for (const auto& p : proofs) {
    unexpected += p.asExpected ? 0 : 1;
    if (p.witness) slowestWitness = std::max(slowestWitness, p.seconds + p.witnessSeconds);
    report.add(printProof<T>(o, p));
  }
  std::cout << fmt::format("{} theorem instances in {:.2f} s wall on {} threads (slowest counterexample {:.2f} s); {}\n",
                           proofs.size(), wall, threads, slowestWitness,
                           unexpected == 0 ? "every verdict as expected"
                                           : fmt::format("{} verdicts differ from expectations", unexpected));
  return report.finish(wall, threads);
}

}  // namespace

ProveReport::ProveReport(const ProveOptions& o) : o_(o), stdout_(std::cout.rdbuf()) {
  if (o_.json) std::cout.rdbuf(std::cerr.rdbuf());
}

ProveReport::~ProveReport() { std::cout.rdbuf(stdout_); }

int ProveReport::finish(double wallSeconds, unsigned threads) {
  int unexpected = 0;
  for (const ProofRow& r : rows_) unexpected += r.asExpected ? 0 : 1;
  if (o_.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const ProofRow& r : rows_)
      results.push_back({{"theorem", r.theorem}, {"variant", r.variant}, {"verdict", r.verdict},
                         {"seconds", r.seconds}, {"as_expected", r.asExpected}, {"expected", r.expected},
                         {"reason", r.reason}, {"trace", r.trace.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.trace)}});
    nlohmann::json j = resultFrame("prove");
    j.update({{"target", o_.target}, {"instances", rows_.size()}, {"wall_seconds", wallSeconds}, {"threads", threads},
              {"unexpected", unexpected}, {"results", results}});
    std::cout.rdbuf(stdout_);
    std::cout << j.dump(2) << "\n";
  }
  return unexpected == 0 ? kExitOk : kExitMismatch;
}

unsigned proofThreads(const ProveOptions& o) {
  return o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
}

Command addProveCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  o->target = AllTargets::names().front();
  CLI::App* app = root.add_subcommand("prove", "Prove (or refute with a replayable trace) each target's theorems "
                                               "for every variant, with Z3 (proofs/README.md)");
  app->add_option("--target", o->target, "Allocator family: " + targetNames());
  app->add_option("--impl", o->impls, "Variant(s) to prove (default: all); names, aliases or commit ids");
  app->add_option("--theorem", o->theorems, "Theorem id(s) (default: all; see proofs/README.md)");
  app->add_option("--out", o->out, "Directory for counterexample traces");
  app->add_option("--timeout-ms", o->timeoutMs, "Solver time limit per query; past it the verdict is 'unknown'")
      ->check(CLI::Range(1u, 600000u));
  app->add_option("--threads", o->threads, "Solver threads (default: one per core)")->check(CLI::Range(1u, 256u));
  app->add_flag("--json", o->json, "Machine-readable result on stdout, the table on stderr (docs/json.md)");
  return {app, [o] { return withTarget(o->target, [&]<class T>() { return run<T>(*o); }); }};
}

}  // namespace dmacheck::cli
