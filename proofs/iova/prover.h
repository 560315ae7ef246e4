#pragma once
// Runs the IOVA theorems on variants (proofs/bug_theorems.h): the verdict, and for a
// counterexample the trace it becomes and its replay on the concrete implementation.
#include "proofs/bug_theorems.h"
#include "proofs/iova/theorems.h"

namespace dmacheck::proofs::iova {

struct IovaProofTarget {
  using Scenario = dmacheck::iova::Scenario;
  using Variant = impl::iova::Variant;
  static std::vector<Violation> replay(const Scenario& scenario, const Variant& variant);
};

using Prover = BugTheoremProver<IovaProofTarget>;
using ProofResult = Prover::Result;
using ProofJob = Prover::Job;

}  // namespace dmacheck::proofs::iova
