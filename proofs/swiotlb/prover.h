#pragma once
// Runs theorems on variants: the verdict, a replayable counterexample when the claim is
// false, the replay of that counterexample on the concrete implementation (which must
// report the theorem's invariant), and whether all of it is what we expect.
#include <optional>
#include <string>
#include <vector>

#include "proofs/smt/solver.h"
#include "proofs/swiotlb/witness.h"

namespace dmacheck::proofs::swiotlb {

struct ProofResult {
  const Theorem* theorem = nullptr;
  const impl::Variant* variant = nullptr;
  smt::Verdict verdict = smt::Verdict::Unknown;
  double seconds = 0;               // the proof or refutation
  std::string reason;               // for Unknown / Vacuous
  std::optional<Witness> witness;   // a concrete trace, for counterexamples
  std::vector<std::string> replayed;  // invariants the checker reported on the witness
  bool replayConfirmed = false;     // the theorem's invariant was among them
  smt::Verdict expected = smt::Verdict::Proved;
  std::string expectedBecause;      // the bug ids behind an expected counterexample, or the
                                    // recorded reason a variant's bug does not reach this theorem
  bool traceExpected = true;
  bool asExpected() const;
};

struct ProveOptions {
  unsigned timeoutMs = 20000;
};

ProofResult proveOne(const Theorem& theorem, const impl::Variant& variant, const ProveOptions& options = {});

struct ProofJob {
  const Theorem* theorem;
  const impl::Variant* variant;
};
// Every job, on up to `threads` threads (each with its own Z3 context); results in job order.
std::vector<ProofResult> proveAll(const std::vector<ProofJob>& jobs, const ProveOptions& options, unsigned threads);

// The expected verdict of a theorem on a variant, and the known bugs (or findings) that
// make it fail. Recorded by hand from the bug table, checked by every run.
smt::Verdict expectedVerdict(const Theorem& theorem, const impl::Variant& variant, std::string& because);
// Whether a counterexample must come with a replayed trace (false where no witness shape
// fits yet: the skipped slot must be surrounded by allocated ones).
bool traceExpected(const Theorem& theorem, const impl::Variant& variant);

}  // namespace dmacheck::proofs::swiotlb
