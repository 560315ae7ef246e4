// The IOVA proof suite as a test: every theorem on every variant has the verdict the bug
// table predicts, every counterexample replays on the concrete implementation with the
// theorem's invariant, and a wrong rule is refuted (the theorems are not vacuous).
#include <gtest/gtest.h>

#include <thread>

#include "check/iova/target.h"
#include "proofs/iova/theorems.h"

namespace dmacheck::proofs::iova {
namespace {

using Prover = BugTheoremProver<dmacheck::iova::IovaTarget>;
using ProofResult = Prover::Result;
using ProofJob = Prover::Job;

constexpr unsigned kTimeoutMs = 20000;

std::vector<ProofJob> suite() {
  std::vector<const Theorem*> theorems;
  for (const Theorem& t : iovaTheorems()) theorems.push_back(&t);
  std::vector<const impl::iova::Variant*> variants;
  for (const auto& v : impl::iova::iovaCatalogue().variants) variants.push_back(&v);
  return Prover::allJobs(theorems, variants);
}

std::string replayedList(const ProofResult& r) {
  std::string out;
  for (const std::string& inv : r.replayed) out += (out.empty() ? "" : ", ") + inv;
  return out.empty() ? "nothing" : out;
}

TEST(IovaProofs, EveryVerdictAsExpectedAndEveryCounterexampleReplays) {
  const auto results = Prover::proveAll(suite(), kTimeoutMs, std::max(1u, std::thread::hardware_concurrency()));
  ASSERT_FALSE(results.empty());
  for (const ProofResult& r : results) {
    SCOPED_TRACE(r.theorem->id + " on " + r.variant->name);
    EXPECT_TRUE(r.asExpected()) << "verdict " << smt::verdictName(r.verdict) << ", expected "
                                << smt::verdictName(r.expected) << " " << r.expectedBecause
                                << (r.witness && !r.replayConfirmed ? " (trace did not replay: " + replayedList(r) + ")" : "");
  }
}

smt::Verdict verdictOf(const Statement& s) { return smt::decide(s.assumptions, s.claim, kTimeoutMs).verdict; }

TEST(IovaProofs, UnalignedMaskIsRefuted) {
  EXPECT_EQ(verdictOf(sizeAlignedMaskStatement(true)), smt::Verdict::Proved);
  EXPECT_EQ(verdictOf(sizeAlignedMaskStatement(false)), smt::Verdict::Counterexample);
}

Word startCount(Word start, Word) { return start; }
Word finishCountAtQueue(Word, Word finish) { return finish; }
Truth strictlyBelow(Word counter, Word finish) { return counter < finish; }
Truth atMost(Word counter, Word finish) { return counter <= finish; }

TEST(IovaProofs, WrongFlushCounterRulesAreRefuted) {
  EXPECT_EQ(verdictOf(flushCounterStatement(startCount, strictlyBelow)), smt::Verdict::Proved);
  // A flush in flight when the entry was queued finishes: tagging with the finish count frees too early.
  EXPECT_EQ(verdictOf(flushCounterStatement(finishCountAtQueue, strictlyBelow)), smt::Verdict::Counterexample);
  EXPECT_EQ(verdictOf(flushCounterStatement(startCount, atMost)), smt::Verdict::Counterexample);
}

}  // namespace
}  // namespace dmacheck::proofs::iova
