#pragma once
// The proof engine: a theorem is "assumptions imply claim". decide() first checks that the
// assumptions can be met at all (a theorem over an empty set proves nothing), then asserts
// the assumptions and the NEGATED claim: unsat means proved, sat gives a counterexample.
// Unknown (timeout, resource limit) is its own verdict and never counts as proved.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proofs/smt/word.h"

namespace dmacheck::proofs::smt {

enum class Verdict { Proved, Counterexample, Unknown, Vacuous };
const char* verdictName(Verdict verdict);

// A satisfying assignment: the value each Word takes in it.
class Assignment {
 public:
  explicit Assignment(z3::model model) : model_(std::move(model)) {}
  std::uint64_t value(const Word& word) const;
  bool holds(const Truth& truth) const;
  std::string describe() const;  // "name=0x.. name=0x..", the inputs by name

 private:
  z3::model model_;
};

struct Decision {
  Verdict verdict = Verdict::Unknown;
  double seconds = 0;
  std::optional<Assignment> counterexample;
  std::string reason;  // why Unknown or Vacuous
};

Decision decide(const std::vector<Truth>& assumptions, const Truth& claim, unsigned timeoutMs);

// Plain satisfiability, for witness searches: an assignment meeting every constraint.
std::optional<Assignment> findAssignment(const std::vector<Truth>& constraints, unsigned timeoutMs, double& seconds);

}  // namespace dmacheck::proofs::smt
