// `dmacheck prove --target iova`: the IOVA theorems (proofs/iova/theorems.cpp) on every
// variant they apply to, each verdict compared with what the bug table predicts.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "check/input_error.h"
#include "check/iova/implementations.h"
#include "check/iova/report.h"
#include "cli/command.h"
#include "cli/prove_options.h"
#include "cli/trace_files.h"
#include "proofs/iova/prover.h"

namespace dmacheck::cli {

namespace {

namespace pi = proofs::iova;
using proofs::smt::Verdict;

std::vector<const impl::iova::Variant*> chosenVariants(const ProveOptions& o) {
  std::vector<const impl::iova::Variant*> out;
  if (o.impls.empty())
    for (const auto& v : impl::iova::iovaVariants()) out.push_back(&v);
  for (const std::string& name : o.impls) {
    const auto* v = impl::iova::findIovaVariant(name);
    if (!v) throw InputError(iova::unknownImplementationMessage(name));
    out.push_back(v);
  }
  return out;
}

std::vector<const pi::Theorem*> chosenTheorems(const ProveOptions& o) {
  std::vector<const pi::Theorem*> out;
  if (o.theorems.empty())
    for (const auto& t : pi::iovaTheorems()) out.push_back(&t);
  for (const std::string& id : o.theorems) {
    const pi::Theorem* t = pi::findTheorem(id);
    if (!t) {
      std::string known;
      for (const auto& k : pi::iovaTheorems()) known += (known.empty() ? "" : ", ") + k.id;
      throw InputError(fmt::format("unknown iova theorem '{}' (theorems: {})", id, known));
    }
    out.push_back(t);
  }
  return out;
}

std::string writeWitness(const ProveOptions& o, const pi::ProofResult& r) {
  const std::string path = fmt::format("{}/iova-{}-{}.trace", o.out, r.variant->name, r.theorem->id);
  iova::TraceMeta meta;
  meta.impl = r.variant->name;
  meta.notes = {fmt::format("Z3 counterexample to theorem {} on {} ({}):", r.theorem->id, r.variant->name,
                            r.variant->state),
                fmt::format("  claim: {}", r.theorem->statement),
                fmt::format("  found by: dmacheck prove --target iova --impl {} --theorem {}", r.variant->name,
                            r.theorem->id)};
  writeFileAtomically(path, iova::renderTrace(*r.witness, meta));
  return path;
}

void printResult(const ProveOptions& o, const pi::ProofResult& r) {
  std::string verdict = proofs::smt::verdictName(r.verdict);
  if (r.verdict == Verdict::Counterexample && !r.witness) verdict += " (no trace)";
  if (r.witness && !r.replayConfirmed) verdict += " (replay differs)";
  std::string expected =
      r.asExpected() ? "yes" : fmt::format("NO, expected {}", proofs::smt::verdictName(r.expected));
  if (!r.expectedBecause.empty()) expected += " (" + r.expectedBecause + ")";
  std::cout << fmt::format("{:<26} {:<24} {:<26} {:>8.3f}  {}\n", r.theorem->id, r.variant->name, verdict, r.seconds,
                           expected);
  if (!r.reason.empty()) std::cout << fmt::format("    reason: {}\n", r.reason);
  if (!r.witness) return;
  std::string seen;
  for (const auto& inv : r.replayed) seen += (seen.empty() ? "" : ", ") + inv;
  std::cout << fmt::format("    trace: {} (found in {:.3f} s; replay reports {})\n", writeWitness(o, r),
                           r.witnessSeconds, seen.empty() ? "nothing" : seen);
}

}  // namespace

int proveIova(const ProveOptions& o) {
  const auto jobs = pi::allJobs(chosenTheorems(o), chosenVariants(o));
  if (jobs.empty()) throw InputError("no chosen theorem applies to the chosen variants (see proofs/README.md)");
  const unsigned threads = proofThreads(o);
  const auto start = std::chrono::steady_clock::now();
  const auto results = pi::proveAll(jobs, o.timeoutMs, threads);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("{:<26} {:<24} {:<26} {:>8}  {}\n", "theorem", "variant", "verdict", "time s", "expected");
  int unexpected = 0;
  for (const pi::ProofResult& r : results) {
    unexpected += r.asExpected() ? 0 : 1;
    printResult(o, r);
  }
  std::cout << fmt::format("{} theorem instances in {:.2f} s wall on {} threads; {}\n", results.size(), wall, threads,
                           unexpected == 0 ? "every verdict as expected"
                                           : fmt::format("{} verdicts differ from expectations", unexpected));
  return unexpected == 0 ? kExitOk : kExitMismatch;
}

}  // namespace dmacheck::cli
