#include "proofs/iova/prover.h"

#include <algorithm>

#include "check/input_error.h"
#include "check/iova/checker.h"
#include "check/iova/implementations.h"
#include "proofs/smt/parallel.h"

namespace dmacheck::proofs::iova {

namespace di = dmacheck::iova;

bool ProofResult::asExpected() const {
  if (verdict != expected) return false;
  return verdict != smt::Verdict::Counterexample || replayConfirmed;
}

namespace {

std::string refutingBugs(const Theorem& theorem, const impl::iova::Variant& variant) {
  std::string because;
  for (const std::string& bug : theorem.refutedBy)
    if (std::find(variant.knownBugs.begin(), variant.knownBugs.end(), bug) != variant.knownBugs.end())
      because += (because.empty() ? "" : ", ") + bug;
  return because;
}

void replay(ProofResult& result) {
  try {
    di::validateScenario(*result.witness);
  } catch (const InputError& e) {
    result.replayed.push_back(std::string("invalid trace: ") + e.what());
    return;
  }
  const auto impl = di::findImplementation(result.variant->name);
  const auto run = di::checkScenario(*result.witness, impl->make, {.stopAtFirstViolation = false, .keepReports = true});
  for (const Violation& v : run.allViolations())
    if (std::find(result.replayed.begin(), result.replayed.end(), v.invariant) == result.replayed.end())
      result.replayed.push_back(v.invariant);
  result.replayConfirmed = std::find(result.replayed.begin(), result.replayed.end(),
                                     result.theorem->invariant) != result.replayed.end();
}

// The counterexample again, with the witness bounds: values a short trace can carry.
void findWitness(ProofResult& result, const Statement& statement, unsigned timeoutMs) {
  if (!statement.witness) return;
  std::vector<Truth> constraints = statement.assumptions;
  constraints.push_back(!statement.claim);
  constraints.insert(constraints.end(), statement.witnessBounds.begin(), statement.witnessBounds.end());
  const auto assignment = smt::findAssignment(constraints, timeoutMs, result.witnessSeconds);
  if (!assignment) return;
  result.witness = statement.witness(*assignment);
  replay(result);
}

}  // namespace

std::vector<ProofJob> allJobs(const std::vector<const Theorem*>& theorems,
                              const std::vector<const impl::iova::Variant*>& variants) {
  std::vector<ProofJob> jobs;
  for (const Theorem* t : theorems)
    for (const impl::iova::Variant* v : variants)
      if (t->applies(v->rules)) jobs.push_back({t, v});
  return jobs;
}

ProofResult proveOne(const Theorem& theorem, const impl::iova::Variant& variant, unsigned timeoutMs) {
  ProofResult result;
  result.theorem = &theorem;
  result.variant = &variant;
  result.expectedBecause = refutingBugs(theorem, variant);
  result.expected = result.expectedBecause.empty() ? smt::Verdict::Proved : smt::Verdict::Counterexample;
  const Statement statement = theorem.state(variant.rules);
  const smt::Decision decision = smt::decide(statement.assumptions, statement.claim, timeoutMs);
  result.verdict = decision.verdict;
  result.seconds = decision.seconds;
  result.reason = decision.reason;
  if (result.verdict == smt::Verdict::Counterexample) findWitness(result, statement, timeoutMs);
  return result;
}

std::vector<ProofResult> proveAll(const std::vector<ProofJob>& jobs, unsigned timeoutMs, unsigned threads) {
  return smt::proveInParallel<ProofResult>(jobs, threads, [&](const ProofJob& job) {
    return proveOne(*job.theorem, *job.variant, timeoutMs);
  });
}

}  // namespace dmacheck::proofs::iova
