// `dmacheck prove`: registration, and the SWIOTLB theorems about each variant's stride and
// alignment arithmetic (the IOVA and page-size theorems run in prove_bug_theorems.cpp). Prints theorem, variant,
// verdict and time; writes each counterexample as a trace and replays it on the concrete
// implementation, which must break the same invariant.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "base/input_error.h"
#include "targets/swiotlb/implementations.h"
#include "check/swiotlb/report.h"
#include "cli/command.h"
#include "cli/json_result.h"
#include "cli/prove_options.h"
#include "cli/trace_files.h"
#include "proofs/swiotlb/prover.h"

namespace dmacheck::cli {

namespace {

namespace ps = proofs::swiotlb;
using proofs::smt::Verdict;

using Options = ProveOptions;

std::vector<const impl::Variant*> chosenVariants(const Options& o) {
  std::vector<const impl::Variant*> out;
  if (o.impls.empty())
    for (const auto& v : impl::swiotlbVariants()) out.push_back(&v);
  for (const std::string& name : o.impls) {
    const impl::Variant* v = impl::findSwiotlbVariant(name);
    if (!v) throw InputError(swiotlb::unknownImplementationMessage(name));
    out.push_back(v);
  }
  return out;
}

std::vector<const ps::Theorem*> chosenTheorems(const Options& o) {
  std::vector<const ps::Theorem*> out;
  if (o.theorems.empty())
    for (const auto& t : ps::swiotlbTheorems()) out.push_back(&t);
  for (const std::string& id : o.theorems) {
    const ps::Theorem* t = ps::findTheorem(id);
    if (!t) {
      std::string known;
      for (const auto& k : ps::swiotlbTheorems()) known += (known.empty() ? "" : ", ") + k.id;
      throw InputError(fmt::format("unknown theorem '{}' (theorems: {})", id, known));
    }
    out.push_back(t);
  }
  return out;
}

std::string writeWitness(const Options& o, const ps::ProofResult& r) {
  const std::string path = fmt::format("{}/{}-{}.trace", o.out, r.variant->name, r.theorem->id);
  swiotlb::TraceMeta meta;
  meta.impl = r.variant->name;
  meta.notes = {fmt::format("Z3 counterexample to theorem {} on {} ({}):", r.theorem->id, r.variant->name,
                            r.variant->state),
                fmt::format("  claim: {}", r.theorem->statement),
                fmt::format("  found by: dmacheck prove --impl {} --theorem {}", r.variant->name, r.theorem->id)};
  writeFileAtomically(path, swiotlb::renderTrace(r.witness->scenario, meta));
  return path;
}

std::string verdictCell(const ps::ProofResult& r) {
  std::string cell = proofs::smt::verdictName(r.verdict);
  if (r.verdict == Verdict::Counterexample && !r.witness) cell += r.traceExpected ? " (no trace)" : " (no shape)";
  if (r.verdict == Verdict::Counterexample && r.witness && !r.replayConfirmed) cell += " (replay differs)";
  return cell;
}

int run(const Options& o) {
  ProveReport report(o);
  std::vector<ps::ProofJob> jobs;
  for (const auto* t : chosenTheorems(o))
    for (const auto* v : chosenVariants(o))
      if (ps::theoremApplies(*t, *v)) jobs.push_back({t, v});
  const unsigned threads = proofThreads(o);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<ps::ProofResult> results = ps::proveAll(jobs, {o.timeoutMs}, threads);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << fmt::format("{:<28} {:<24} {:<26} {:>8}  {}\n", "theorem", "variant", "verdict", "time s", "expected");
  int unexpected = 0;
  double slowestWitness = 0;
  for (const ps::ProofResult& r : results) {
    const bool ok = r.asExpected();
    unexpected += ok ? 0 : 1;
    std::string expected = ok ? "yes" : fmt::format("NO, expected {}", proofs::smt::verdictName(r.expected));
    if (!r.expectedBecause.empty()) expected += " (" + r.expectedBecause + ")";
    std::cout << fmt::format("{:<28} {:<24} {:<26} {:>8.3f}  {}\n", r.theorem->id, r.variant->name, verdictCell(r),
                             r.seconds, expected);
    if (!r.reason.empty()) std::cout << fmt::format("    reason: {}\n", r.reason);
    std::string trace;
    if (r.witness) {
      slowestWitness = std::max(slowestWitness, r.seconds + r.witness->seconds);
      std::string seen;
      for (const auto& inv : r.replayed) seen += (seen.empty() ? "" : ", ") + inv;
      trace = writeWitness(o, r);
      std::cout << fmt::format("    trace: {} (found in {:.3f} s; replay reports {})\n", trace, r.witness->seconds,
                               seen.empty() ? "nothing" : seen);
    }
    report.add({r.theorem->id, r.variant->name, verdictCell(r), proofs::smt::verdictName(r.expected), r.reason, trace,
                r.seconds, ok});
  }
  std::cout << fmt::format("{} theorem instances in {:.2f} s wall on {} threads (slowest counterexample {:.2f} s); {}\n",
                           results.size(), wall, threads, slowestWitness,
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
  CLI::App* app = root.add_subcommand("prove", "Prove (or refute with a replayable trace) the stride, alignment and "
                                               "flush-queue theorems for every variant, with Z3");
  app->add_option("--target", o->target, "Allocator family: " + targetNames());
  app->add_option("--impl", o->impls, "Variant(s) to prove (default: all); names, aliases or commit ids");
  app->add_option("--theorem", o->theorems, "Theorem id(s) (default: all; see proofs/README.md)");
  app->add_option("--out", o->out, "Directory for counterexample traces");
  app->add_option("--timeout-ms", o->timeoutMs, "Solver time limit per query; past it the verdict is 'unknown'")
      ->check(CLI::Range(1u, 600000u));
  app->add_option("--threads", o->threads, "Solver threads (default: one per core)")->check(CLI::Range(1u, 256u));
  app->add_flag("--json", o->json, "Machine-readable result on stdout, the table on stderr (docs/json.md)");
  return {app, [o] {
            if (o->target == "pagesize") return provePagesize(*o);
            requireKnownTarget(o->target);
            return o->target == "iova" ? proveIova(*o) : run(*o);
          }};
}

}  // namespace dmacheck::cli
