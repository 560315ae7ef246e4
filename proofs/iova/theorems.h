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
#include "proofs/smt/solver.h"

namespace dmacheck::proofs::iova {

using smt::Truth;
using smt::Word;

// From a counterexample to a scenario that shows it on the concrete implementation.
using WitnessBuilder = std::function<dmacheck::iova::Scenario(const smt::Assignment&)>;

struct Statement {
  std::vector<Truth> assumptions;
  Truth claim = smt::constant(true);
  std::vector<Truth> witnessBounds;  // small values a real domain (and a short trace) can hold
  WitnessBuilder witness;            // empty: no trace shape for this theorem
};

struct Theorem {
  std::string id;
  std::string invariant;                // what the checker reports when a run breaks the claim
  std::string statement;                // the claim in words
  std::vector<std::string> refutedBy;   // bug ids (impl/iova/variants.cpp) that make it false
  bool (*applies)(const impl::iova::Rules&);
  Statement (*state)(const impl::iova::Rules&);
};

const std::vector<Theorem>& iovaTheorems();
const Theorem* findTheorem(const std::string& id);

// The statements with a rule passed in, so that tests can show a wrong rule is refuted
// (the theorem is not vacuous). The theorems above use the implementation's rules.
Statement sizeAlignedMaskStatement(bool sizeAligned);
using CounterRule = Word (*)(Word startCount, Word finishCount);
using ReclaimRule = Truth (*)(Word counter, Word finishCount);
Statement flushCounterStatement(CounterRule counterAtQueue, ReclaimRule reclaimable);

}  // namespace dmacheck::proofs::iova
