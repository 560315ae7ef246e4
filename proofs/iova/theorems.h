#pragma once
// The IOVA theorems. Each states "these assumptions imply this claim" over every 64-bit
// input allowed, built from the implementation's own arithmetic (impl/iova/pfn_arith.h,
// impl/iova/flush_rule.h) on Z3 bitvectors. A theorem names the invariant the checker
// reports when a concrete run breaks the claim, and the bugs of the bug table that make
// it false: a variant with one of them is expected to be refuted, every other one proved.
// Where a counterexample can happen on a real domain, the theorem turns it into a trace.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/iova/ops.h"
#include "impl/iova/variant.h"
#include "proofs/bug_theorems.h"
#include "proofs/smt/solver.h"

namespace dmacheck::proofs::iova {

using smt::Truth;
using smt::Word;

using Statement = WitnessedStatement<dmacheck::iova::Scenario>;
using Theorem = BugTheorem<dmacheck::iova::Scenario, impl::iova::Rules>;

const std::vector<Theorem>& iovaTheorems();

// The statements with a rule passed in, so that tests can show a wrong rule is refuted
// (the theorem is not vacuous). The theorems above use the implementation's rules.
Statement sizeAlignedMaskStatement(bool sizeAligned);
using CounterRule = Word (*)(Word startCount, Word finishCount);
using ReclaimRule = Truth (*)(Word counter, Word finishCount);
Statement flushCounterStatement(CounterRule counterAtQueue, ReclaimRule reclaimable);

}  // namespace dmacheck::proofs::iova
