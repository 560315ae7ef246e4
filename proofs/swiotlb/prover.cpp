#include "proofs/swiotlb/prover.h"

#include <algorithm>

#include "base/input_error.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/target.h"
#include "proofs/proof_selection.h"
#include "proofs/smt/parallel.h"

namespace dmacheck::proofs::swiotlb {

namespace ds = dmacheck::swiotlb;

bool ProofResult::asExpected() const {
  if (verdict != expected) return false;
  return verdict != smt::Verdict::Counterexample || replayConfirmed || (!witness && !traceExpected);
}

namespace {

constexpr int kWitnessAttempts = 3;

void replay(ProofResult& result) {
  const auto impl = ds::SwiotlbTarget::find(result.variant->name);
  try {
    ds::validateScenario(result.witness->scenario);
  } catch (const InputError& e) {
    result.replayed.push_back(std::string("invalid trace: ") + e.what());
    return;
  }
  const auto run = ds::checkScenario(result.witness->scenario, impl->make,
                                     {.stopAtFirstViolation = false, .keepReports = true});
  for (const Violation& v : run.allViolations())
    if (std::find(result.replayed.begin(), result.replayed.end(), v.invariant) == result.replayed.end())
      result.replayed.push_back(v.invariant);
  result.replayConfirmed = std::find(result.replayed.begin(), result.replayed.end(),
                                     result.theorem->invariant) != result.replayed.end();
}

}  // namespace

ProofResult proveOne(const Theorem& theorem, const impl::Variant& variant, const ProveOptions& options) {
  ProofResult result;
  result.theorem = &theorem;
  result.variant = &variant;
  result.expected = expectedVerdict(theorem, variant, result.expectedBecause);
  result.traceExpected = traceExpected(theorem, variant);
  const Symbols symbols;
  const Statement statement = stateTheorem(theorem, variant, symbols);
  smt::Decision decision = smt::decide(statement.assumptions, statement.claim, options.timeoutMs);
  result.verdict = decision.verdict;
  result.seconds = decision.seconds;
  result.reason = decision.reason;
  if (result.verdict != smt::Verdict::Counterexample) return result;
  // The witness query over-approximates a little (it does not model every check the
  // concrete code and the model make), so a witness the replay does not confirm is
  // refused and another one asked for; the attempts are reported in the time.
  std::vector<ds::Scenario> refused;
  double witnessSeconds = 0;
  for (int attempt = 0; attempt < kWitnessAttempts; ++attempt) {
    result.witness = findWitness(theorem, variant, options.timeoutMs, refused);
    if (!result.witness) break;
    witnessSeconds += result.witness->seconds;
    result.replayed.clear();
    replay(result);
    if (result.replayConfirmed) break;
    refused.push_back(result.witness->scenario);
  }
  if (result.witness) result.witness->seconds = witnessSeconds;
  return result;
}

std::vector<ProofResult> proveAll(const std::vector<ProofJob>& jobs, const ProveOptions& options, unsigned threads) {
  return smt::proveInParallel<ProofResult>(jobs, threads, [&](const ProofJob& job) {
    return proveOne(*job.theorem, *job.variant, options);
  });
}

}  // namespace dmacheck::proofs::swiotlb

namespace dmacheck::swiotlb {

namespace {

namespace ps = proofs::swiotlb;

SwiotlbTarget::Proof outcome(ps::ProofResult r) {
  SwiotlbTarget::Proof o;
  o.theorem = r.theorem->id, o.statement = r.theorem->statement, o.invariant = r.theorem->invariant;
  o.variant = r.variant->name, o.variantState = r.variant->state;
  o.verdict = proofs::smt::verdictName(r.verdict);
  if (r.verdict == proofs::smt::Verdict::Counterexample && !r.witness)
    o.verdict += r.traceExpected ? " (no trace)" : " (no shape)";
  if (r.verdict == proofs::smt::Verdict::Counterexample && r.witness && !r.replayConfirmed)
    o.verdict += " (replay differs)";
  o.expected = proofs::smt::verdictName(r.expected), o.expectedBecause = r.expectedBecause;
  o.reason = r.reason, o.seconds = r.seconds, o.replayed = r.replayed;
  if (r.witness) o.witness = std::move(r.witness->scenario), o.witnessSeconds = r.witness->seconds;
  o.asExpected = r.asExpected();
  return o;
}

}  // namespace

std::vector<SwiotlbTarget::Proof> SwiotlbTarget::prove(const ProofRequest& request) {
  std::vector<ps::ProofJob> jobs;
  for (const ps::Theorem* t : proofs::chosenTheorems(name, ps::swiotlbTheorems(), request.theorems))
    for (const impl::Variant* v : proofs::chosenVariants(
             variants(), request.impls, [](const std::string& n) { return catalogue().findVariant(n); }, unknown))
      if (ps::theoremApplies(*t, *v)) jobs.push_back({t, v});
  if (jobs.empty()) throw InputError("no chosen theorem applies to the chosen variants (see proofs/README.md)");
  std::vector<Proof> out;
  for (ps::ProofResult& r : ps::proveAll(jobs, {request.timeoutMs}, request.threads))
    out.push_back(outcome(std::move(r)));
  return out;
}

}  // namespace dmacheck::swiotlb
