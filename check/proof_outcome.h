#pragma once
// What `dmacheck prove` asks of a target and what each theorem instance comes back as, free
// of Z3: a target's prover (proofs/T/) fills these, the command (cli/prove_command.cpp)
// prints them, writes each witness as a trace and turns them into --json.
#include <optional>
#include <string>
#include <vector>

namespace dmacheck {

struct ProofRequest {
  std::vector<std::string> impls;     // variant names, aliases or commit ids; empty: all
  std::vector<std::string> theorems;  // theorem ids; empty: all
  unsigned timeoutMs = 20000;         // per solver query; past it the verdict is 'unknown'
  unsigned threads = 1;
};

// One theorem on one variant.
template <class Scenario>
struct ProofOutcome {
  std::string theorem, statement, invariant;
  std::string variant, variantState;
  std::string verdict;          // with what is missing: "counterexample (no trace)", "(replay differs)"
  std::string expected;         // the verdict the bug table predicts
  std::string expectedBecause;  // the bugs behind an expected counterexample, or why none reaches it
  std::string reason;           // for unknown and vacuous verdicts
  std::string counterexample;   // the solver's inputs by name, where the prover reports them
  std::string sameAs;           // the variant whose identical statement was solved once
  double seconds = 0, witnessSeconds = 0;
  std::optional<Scenario> witness;    // a replayable trace of the counterexample
  std::vector<std::string> replayed;  // invariants the checker reported on the witness
  bool asExpected = true;
};

}  // namespace dmacheck
