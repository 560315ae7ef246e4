#pragma once
// Runs the IOVA theorems on variants: the verdict, and for a counterexample the trace it
// becomes and its replay on the concrete implementation, which must report the theorem's
// invariant. The expected verdict comes from the bug table: refuted exactly on the
// variants that have one of the bugs the theorem names.
#include <optional>
#include <string>
#include <vector>

#include "proofs/iova/theorems.h"

namespace dmacheck::proofs::iova {

struct ProofResult {
  const Theorem* theorem = nullptr;
  const impl::iova::Variant* variant = nullptr;
  smt::Verdict verdict = smt::Verdict::Unknown;
  double seconds = 0;
  std::string reason;                                 // for Unknown / Vacuous
  std::optional<dmacheck::iova::Scenario> witness;    // a replayable trace, for counterexamples
  double witnessSeconds = 0;
  std::vector<std::string> replayed;                  // invariants the checker reported on it
  bool replayConfirmed = false;
  smt::Verdict expected = smt::Verdict::Proved;
  std::string expectedBecause;                        // the variant's bugs that refute the theorem
  bool asExpected() const;
};

struct ProofJob {
  const Theorem* theorem;
  const impl::iova::Variant* variant;
};

// Every theorem that applies to each variant.
std::vector<ProofJob> allJobs(const std::vector<const Theorem*>& theorems,
                              const std::vector<const impl::iova::Variant*>& variants);
ProofResult proveOne(const Theorem& theorem, const impl::iova::Variant& variant, unsigned timeoutMs);
// On up to `threads` threads (each with its own Z3 context); results in job order.
std::vector<ProofResult> proveAll(const std::vector<ProofJob>& jobs, unsigned timeoutMs, unsigned threads);

}  // namespace dmacheck::proofs::iova
