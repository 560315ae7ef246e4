// The proof suite as a test: every theorem on every variant has its expected verdict, every
// counterexample replays on the concrete implementation with the theorem's invariant, and
// every variant with a known bug in the search arithmetic is refuted by at least one
// replayed trace while the proposal is proved throughout.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "proofs/swiotlb/prover.h"

namespace dmacheck::proofs::swiotlb {
namespace {

std::vector<ProofJob> suite() {
  std::vector<ProofJob> jobs;
  for (const auto& v : impl::swiotlbCatalogue().variants) {
#ifdef DMACHECK_PROOF_SUBSET  // sanitizer builds: the seed-000 state, upstream and the fix
    if (v.name != "linux-6.3" && v.name != "linux-6.10" && v.name != "proposal-wrap-distance") continue;
#endif
    for (const auto& t : swiotlbTheorems())
      if (theoremApplies(t, v)) jobs.push_back({&t, &v});
  }
  return jobs;
}

TEST(SwiotlbProofs, EveryVerdictAsExpectedAndEveryCounterexampleReplays) {
  const auto results = proveAll(suite(), {}, std::max(1u, std::thread::hardware_concurrency()));
  std::set<std::string> refutedByTrace;
  for (const ProofResult& r : results) {
    SCOPED_TRACE(r.theorem->id + " on " + r.variant->name);
    EXPECT_TRUE(r.asExpected()) << "verdict " << smt::verdictName(r.verdict) << ", expected "
                                << smt::verdictName(r.expected) << " " << r.expectedBecause
                                << (r.witness && !r.replayConfirmed ? " (trace did not replay)" : "");
    EXPECT_LT(r.seconds + (r.witness ? r.witness->seconds : 0), 10.0);
    if (r.replayConfirmed) refutedByTrace.insert(r.variant->name);
    if (r.variant->name == "proposal-wrap-distance") EXPECT_EQ(r.verdict, smt::Verdict::Proved);
  }
  for (const auto& job : suite())
    if (!job.variant->knownBugs.empty()) EXPECT_TRUE(refutedByTrace.count(job.variant->name)) << job.variant->name;
}

}  // namespace
}  // namespace dmacheck::proofs::swiotlb
