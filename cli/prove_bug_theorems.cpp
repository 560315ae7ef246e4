// `dmacheck prove --target iova|pagesize`: the theorems of proofs/bug_theorems.h on every
// variant they apply to, each verdict compared with what the bug table predicts. Written
// once over a small family description; prove_command.cpp runs the SWIOTLB theorems.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "base/input_error.h"
#include "targets/iova/implementations.h"
#include "check/iova/report.h"
#include "targets/pagesize/implementations.h"
#include "check/pagesize/report.h"
#include "cli/command.h"
#include "cli/prove_options.h"
#include "cli/trace_files.h"
#include "proofs/iova/prover.h"
#include "proofs/pagesize/prover.h"

namespace dmacheck::cli {

namespace {

using proofs::smt::Verdict;

struct IovaFamily {
  using Prover = proofs::iova::Prover;
  static constexpr const char* name = "iova";
  static const auto& theorems() { return proofs::iova::iovaTheorems(); }
  static const auto& variants() { return impl::iova::iovaVariants(); }
  static const auto* findVariant(const std::string& n) { return impl::iova::findIovaVariant(n); }
  static std::string unknown(const std::string& n) { return iova::unknownImplementationMessage(n); }
  static std::string render(const iova::Scenario& s, const std::string& impl, std::vector<std::string> notes) {
    return iova::renderTrace(s, {impl, std::move(notes), {}});
  }
};

struct PagesizeFamily {
  using Prover = proofs::pagesize::Prover;
  static constexpr const char* name = "pagesize";
  static const auto& theorems() { return proofs::pagesize::pagesizeTheorems(); }
  static const auto& variants() { return impl::pagesize::pagesizeVariants(); }
  static const auto* findVariant(const std::string& n) { return impl::pagesize::findPagesizeVariant(n); }
  static std::string unknown(const std::string& n) { return pagesize::unknownImplementationMessage(n); }
  static std::string render(const pagesize::Scenario& s, const std::string& impl, std::vector<std::string> notes) {
    return pagesize::renderTrace(s, {impl, std::move(notes), {}});
  }
};

template <class F>
auto chosenVariants(const ProveOptions& o) {
  std::vector<const typename F::Prover::Variant*> out;
  if (o.impls.empty())
    for (const auto& v : F::variants()) out.push_back(&v);
  for (const std::string& name : o.impls) {
    const auto* v = F::findVariant(name);
    if (!v) throw InputError(F::unknown(name));
    out.push_back(v);
  }
  return out;
}

template <class F>
auto chosenTheorems(const ProveOptions& o) {
  std::vector<const typename F::Prover::Theorem*> out;
  if (o.theorems.empty())
    for (const auto& t : F::theorems()) out.push_back(&t);
  for (const std::string& id : o.theorems) {
    const auto* theorem = proofs::findTheoremById(F::theorems(), id);
    if (!theorem) {
      std::string known;
      for (const auto& k : F::theorems()) known += (known.empty() ? "" : ", ") + k.id;
      throw InputError(fmt::format("unknown {} theorem '{}' (theorems: {})", F::name, id, known));
    }
    out.push_back(theorem);
  }
  return out;
}

template <class F>
void printResult(const ProveOptions& o, const typename F::Prover::Result& r, ProveReport& report) {
  std::string verdict = proofs::smt::verdictName(r.verdict);
  if (r.verdict == Verdict::Counterexample && !r.witness) verdict += " (no trace)";
  if (r.witness && !r.replayConfirmed) verdict += " (replay differs)";
  std::string expected = r.asExpected() ? "yes" : fmt::format("NO, expected {}", proofs::smt::verdictName(r.expected));
  if (!r.expectedBecause.empty()) expected += " (" + r.expectedBecause + ")";
  std::cout << fmt::format("{:<26} {:<24} {:<26} {:>8.3f}  {}\n", r.theorem->id, r.variant->name, verdict, r.seconds,
                           expected);
  if (!r.reason.empty()) std::cout << fmt::format("    reason: {}\n", r.reason);
  if (!r.sameAs.empty()) std::cout << fmt::format("    (the same statement as on {}: solved once)\n", r.sameAs);
  if (r.verdict == Verdict::Counterexample) std::cout << fmt::format("    counterexample: {}\n", r.counterexample);
  ProofRow row{r.theorem->id, r.variant->name, verdict, proofs::smt::verdictName(r.expected), r.reason, "", r.seconds,
               r.asExpected()};
  if (!r.witness) return report.add(std::move(row));
  const std::string text = F::render(*r.witness, r.variant->name,
                                     {fmt::format("Z3 counterexample to theorem {} on {} ({}):", r.theorem->id,
                                                  r.variant->name, r.variant->state),
                                      fmt::format("  claim: {}", r.theorem->statement),
                                      fmt::format("  found by: dmacheck prove --target {} --impl {} --theorem {}",
                                                  F::name, r.variant->name, r.theorem->id)});
  std::string seen;
  for (const auto& inv : r.replayed) seen += (seen.empty() ? "" : ", ") + inv;
  const std::string where = fmt::format("{}/{}-{}-{}.trace", o.out, F::name, r.variant->name, r.theorem->id);
  writeFileAtomically(where, text);
  std::cout << fmt::format("    trace: {} (found in {:.3f} s; replay reports {})\n", where, r.witnessSeconds,
                           seen.empty() ? "nothing" : seen);
  row.trace = where;
  report.add(std::move(row));
}

template <class F>
int proveFamily(const ProveOptions& o) {
  ProveReport report(o);
  const auto jobs = F::Prover::allJobs(chosenTheorems<F>(o), chosenVariants<F>(o));
  if (jobs.empty()) throw InputError("no chosen theorem applies to the chosen variants (see proofs/README.md)");
  const unsigned threads = proofThreads(o);
  const auto start = std::chrono::steady_clock::now();
  const auto results = F::Prover::proveAll(jobs, o.timeoutMs, threads);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("{:<26} {:<24} {:<26} {:>8}  {}\n", "theorem", "variant", "verdict", "time s", "expected");
  int unexpected = 0;
  for (const auto& r : results) {
    unexpected += r.asExpected() ? 0 : 1;
    printResult<F>(o, r, report);
  }
  std::cout << fmt::format("{} theorem instances in {:.2f} s wall on {} threads; {}\n", results.size(), wall, threads,
                           unexpected == 0 ? "every verdict as expected"
                                           : fmt::format("{} verdicts differ from expectations", unexpected));
  return report.finish(wall, threads);
}

}  // namespace

int proveIova(const ProveOptions& o) { return proveFamily<IovaFamily>(o); }
int provePagesize(const ProveOptions& o) { return proveFamily<PagesizeFamily>(o); }

}  // namespace dmacheck::cli
