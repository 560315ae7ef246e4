#pragma once
// Theorems whose expected verdict comes from a bug table, and the prover that runs them:
// shared by the IOVA and page-size targets. A theorem states "assumptions imply claim" for
// one variant's rules; it is expected to be refuted exactly on the variants that have one
// of the bugs it names. A counterexample is asked for again with small values and turned
// into a scenario, which the target's checker replays on the concrete implementation: it
// must report the theorem's invariant.
//
// Written against a target descriptor (check/target.h) whose Variant has rules and
// knownBugs; the theorems come from proofs/T/theorems.h.
#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/input_error.h"
#include "check/proof_outcome.h"
#include "check/violation.h"
#include "proofs/proof_selection.h"
#include "proofs/smt/parallel.h"
#include "proofs/smt/solver.h"

namespace dmacheck::proofs {

template <class Scenario>
struct WitnessedStatement {
  std::vector<smt::Truth> assumptions;
  smt::Truth claim = smt::constant(true);
  std::vector<smt::Truth> witnessBounds;                           // values a short trace can hold
  std::function<Scenario(const smt::Assignment&)> witness;        // empty: no trace shape
};

template <class Scenario, class Rules>
struct BugTheorem {
  std::string id;
  std::string invariant;               // what the checker reports when a run breaks the claim
  std::string statement;               // the claim in words
  std::vector<std::string> refutedBy;  // bug ids that make it false
  bool (*applies)(const Rules&);
  WitnessedStatement<Scenario> (*state)(const Rules&);
};

template <class Target>
class BugTheoremProver {
 public:
  using Scenario = typename Target::Scenario;
  using Variant = typename Target::Variant;
  using Theorem = BugTheorem<Scenario, decltype(Variant::rules)>;

  struct Result {
    const Theorem* theorem = nullptr;
    const Variant* variant = nullptr;
    smt::Verdict verdict = smt::Verdict::Unknown;
    double seconds = 0;
    std::string reason;                // for Unknown / Vacuous
    std::string counterexample;        // the inputs that break the claim, by name
    bool traceShape = false;           // the theorem turns counterexamples into traces
    std::optional<Scenario> witness;   // a replayable trace, for counterexamples
    double witnessSeconds = 0;
    std::vector<std::string> replayed; // invariants the checker reported on it
    bool replayConfirmed = false;
    smt::Verdict expected = smt::Verdict::Proved;
    std::string expectedBecause;       // the variant's bugs that refute the theorem
    std::string sameAs;                // the variant whose identical statement was solved
    bool asExpected() const {
      return verdict == expected && (verdict != smt::Verdict::Counterexample || replayConfirmed || !traceShape);
    }
  };

  struct Job {
    const Theorem* theorem;
    const Variant* variant;
  };

  static std::vector<Job> allJobs(const std::vector<const Theorem*>& theorems,
                                  const std::vector<const Variant*>& variants) {
    std::vector<Job> jobs;
    for (const Theorem* t : theorems)
      for (const Variant* v : variants)
        if (t->applies(v->rules)) jobs.push_back({t, v});
    return jobs;
  }

  static Result proveOne(const Theorem& theorem, const Variant& variant, unsigned timeoutMs) {
    Result r = start(theorem, variant);
    const WitnessedStatement<Scenario> statement = theorem.state(variant.rules);
    const smt::Decision decision = smt::decide(statement.assumptions, statement.claim, timeoutMs);
    r.verdict = decision.verdict;
    r.seconds = decision.seconds;
    r.reason = decision.reason;
    if (decision.counterexample) r.counterexample = decision.counterexample->describe();
    finish(r, statement, timeoutMs);
    return r;
  }

  // On up to `threads` threads (each with its own Z3 context); results in job order. Jobs
  // whose formulas are the same are solved once: the key is the statement as the solver
  // gets it, so no list of the rule fields it reads can go stale.
  static std::vector<Result> proveAll(const std::vector<Job>& jobs, unsigned timeoutMs, unsigned threads) {
    std::vector<Job> solved;
    std::vector<std::size_t> solvedAs(jobs.size());
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const Theorem& t = *jobs[i].theorem;
      const std::string key = t.id + "|" + formulaText(t.state(jobs[i].variant->rules));
      const auto it = std::find(keys.begin(), keys.end(), key);
      solvedAs[i] = static_cast<std::size_t>(it - keys.begin());
      if (it == keys.end()) keys.push_back(key), solved.push_back(jobs[i]);
    }
    const std::vector<Result> unique = smt::proveInParallel<Result>(
        solved, threads, [&](const Job& job) { return proveOne(*job.theorem, *job.variant, timeoutMs); });
    std::vector<Result> results;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const Result& first = unique[solvedAs[i]];
      if (first.variant == jobs[i].variant) {
        results.push_back(first);
        continue;
      }
      Result r = start(*jobs[i].theorem, *jobs[i].variant);
      r.verdict = first.verdict, r.seconds = first.seconds, r.reason = first.reason;
      r.counterexample = first.counterexample, r.sameAs = first.variant->name;
      finish(r, jobs[i].theorem->state(jobs[i].variant->rules), timeoutMs);
      results.push_back(std::move(r));
    }
    return results;
  }

  // A `dmacheck prove` request: its variants and theorems chosen by name, every instance
  // solved, each as the command prints it.
  static std::vector<ProofOutcome<Scenario>> run(const ProofRequest& request, const std::vector<Theorem>& theorems) {
    const auto variantNamed = [](const std::string& name) { return Target::catalogue().findVariant(name); };
    const auto jobs = allJobs(chosenTheorems(Target::name, theorems, request.theorems),
                              chosenVariants(Target::variants(), request.impls, variantNamed, Target::unknown));
    if (jobs.empty()) throw InputError("no chosen theorem applies to the chosen variants (see proofs/README.md)");
    std::vector<ProofOutcome<Scenario>> out;
    for (Result& r : proveAll(jobs, request.timeoutMs, request.threads)) out.push_back(outcome(std::move(r)));
    return out;
  }

 private:
  // The statement's formula as text (built in this thread's context, as the solver's is).
  static std::string formulaText(const WitnessedStatement<Scenario>& statement) {
    std::string text = statement.claim.formula().to_string();
    for (const smt::Truth& a : statement.assumptions) text += "\n" + a.formula().to_string();
    return text;
  }

  // The checker's verdict on a witness, run on the variant's concrete implementation.
  static std::vector<Violation> replay(const Scenario& scenario, const Variant& variant) {
    const auto implementation = Target::find(variant.name);
    if (!implementation) throw InputError("no implementation named " + variant.name);
    Target::validate(scenario);
    return Target::check(scenario, *implementation, false, true).allViolations();
  }

  // The result's identity and the verdict the bug table predicts for it.
  static Result start(const Theorem& theorem, const Variant& variant) {
    Result r;
    r.theorem = &theorem;
    r.variant = &variant;
    for (const std::string& bug : theorem.refutedBy)
      if (std::find(variant.knownBugs.begin(), variant.knownBugs.end(), bug) != variant.knownBugs.end())
        r.expectedBecause += (r.expectedBecause.empty() ? "" : ", ") + bug;
    r.expected = r.expectedBecause.empty() ? smt::Verdict::Proved : smt::Verdict::Counterexample;
    return r;
  }

  static ProofOutcome<Scenario> outcome(Result r) {
    ProofOutcome<Scenario> o;
    o.theorem = r.theorem->id, o.statement = r.theorem->statement, o.invariant = r.theorem->invariant;
    o.variant = r.variant->name, o.variantState = r.variant->state;
    o.verdict = smt::verdictName(r.verdict);
    if (r.verdict == smt::Verdict::Counterexample && !r.witness) o.verdict += " (no trace)";
    if (r.witness && !r.replayConfirmed) o.verdict += " (replay differs)";
    o.expected = smt::verdictName(r.expected), o.expectedBecause = r.expectedBecause;
    o.reason = r.reason, o.counterexample = r.counterexample, o.sameAs = r.sameAs;
    o.seconds = r.seconds, o.witnessSeconds = r.witnessSeconds;
    o.witness = std::move(r.witness), o.replayed = r.replayed;
    o.asExpected = r.asExpected();
    return o;
  }

  // For a counterexample: the trace for this variant, and its replay.
  static void finish(Result& r, const WitnessedStatement<Scenario>& statement, unsigned timeoutMs) {
    r.traceShape = static_cast<bool>(statement.witness);
    if (r.verdict == smt::Verdict::Counterexample) findWitness(r, statement, timeoutMs);
  }

  static void findWitness(Result& r, const WitnessedStatement<Scenario>& statement, unsigned timeoutMs) {
    if (!statement.witness) return;
    std::vector<smt::Truth> constraints = statement.assumptions;
    constraints.push_back(!statement.claim);
    constraints.insert(constraints.end(), statement.witnessBounds.begin(), statement.witnessBounds.end());
    const auto assignment = smt::findAssignment(constraints, timeoutMs, r.witnessSeconds);
    if (!assignment) return;
    r.witness = statement.witness(*assignment);
    try {
      for (const Violation& v : replay(*r.witness, *r.variant))
        if (std::find(r.replayed.begin(), r.replayed.end(), v.invariant) == r.replayed.end())
          r.replayed.push_back(v.invariant);
    } catch (const InputError& e) {
      r.replayed.push_back(std::string("invalid trace: ") + e.what());
    }
    r.replayConfirmed = std::find(r.replayed.begin(), r.replayed.end(), r.theorem->invariant) != r.replayed.end();
  }
};

}  // namespace dmacheck::proofs
