#pragma once
// Runs the page-size theorems on variants (proofs/bug_theorems.h): the verdict, and for a
// counterexample the trace it becomes and its replay on the concrete implementation.
#include "proofs/bug_theorems.h"
#include "proofs/pagesize/theorems.h"

namespace dmacheck::proofs::pagesize {

struct PagesizeProofTarget {
  using Scenario = dmacheck::pagesize::Scenario;
  using Variant = impl::pagesize::Variant;
  static std::vector<Violation> replay(const Scenario& scenario, const Variant& variant);
};

using Prover = BugTheoremProver<PagesizeProofTarget>;
using ProofResult = Prover::Result;
using ProofJob = Prover::Job;

}  // namespace dmacheck::proofs::pagesize
