#pragma once
// Word and Truth: 64-bit bitvector terms and formulas with the operators the generic
// allocator arithmetic uses (each target's impl/<target>/*_rules.h and *_arith.h headers),
// so that the same templates that run in the implementation
// build Z3 terms here. This is the only place besides
// solver.cpp that touches z3++; nothing outside proofs/ includes it.
//
// Every comparison is UNSIGNED, as in the kernel's C. z3++'s own operators compare
// bitvectors as signed; wrapping them is the reason this class exists.
#include <concepts>
#include <cstdint>
#include <string>

#include <z3++.h>

namespace dmacheck::proofs::smt {

inline constexpr unsigned kWidth = 64;

// One Z3 context per thread: theorems run in parallel, each wholly on one thread.
z3::context& context();

class Truth {
 public:
  explicit Truth(z3::expr formula) : formula_(std::move(formula)) {}
  const z3::expr& formula() const { return formula_; }

 private:
  z3::expr formula_;
};

class Word {
 public:
  template <std::integral I>
  Word(I value) : term_(context().bv_val(static_cast<std::uint64_t>(value), kWidth)) {}  // NOLINT: W(1) in generic code
  explicit Word(z3::expr term) : term_(std::move(term)) {}
  static Word variable(const std::string& name) { return Word(context().bv_const(name.c_str(), kWidth)); }
  const z3::expr& term() const { return term_; }

 private:
  z3::expr term_;
};

inline Word operator+(const Word& a, const Word& b) { return Word(a.term() + b.term()); }
inline Word operator-(const Word& a, const Word& b) { return Word(a.term() - b.term()); }
inline Word operator&(const Word& a, const Word& b) { return Word(a.term() & b.term()); }
inline Word operator|(const Word& a, const Word& b) { return Word(a.term() | b.term()); }
inline Word operator^(const Word& a, const Word& b) { return Word(a.term() ^ b.term()); }
inline Word operator~(const Word& a) { return Word(~a.term()); }
inline Word operator<<(const Word& a, const Word& b) { return Word(z3::shl(a.term(), b.term())); }
inline Word operator>>(const Word& a, const Word& b) { return Word(z3::lshr(a.term(), b.term())); }
inline Word operator<<(const Word& a, unsigned b) { return a << Word(b); }
inline Word operator>>(const Word& a, unsigned b) { return a >> Word(b); }

inline Truth operator==(const Word& a, const Word& b) { return Truth(a.term() == b.term()); }
inline Truth operator!=(const Word& a, const Word& b) { return Truth(a.term() != b.term()); }
inline Truth operator<(const Word& a, const Word& b) { return Truth(z3::ult(a.term(), b.term())); }
inline Truth operator<=(const Word& a, const Word& b) { return Truth(z3::ule(a.term(), b.term())); }
inline Truth operator>(const Word& a, const Word& b) { return Truth(z3::ugt(a.term(), b.term())); }
inline Truth operator>=(const Word& a, const Word& b) { return Truth(z3::uge(a.term(), b.term())); }

inline Truth operator&&(const Truth& a, const Truth& b) { return Truth(a.formula() && b.formula()); }
inline Truth operator||(const Truth& a, const Truth& b) { return Truth(a.formula() || b.formula()); }
inline Truth operator!(const Truth& a) { return Truth(!a.formula()); }
inline Truth implies(const Truth& a, const Truth& b) { return Truth(z3::implies(a.formula(), b.formula())); }
inline Truth constant(bool value) { return Truth(context().bool_val(value)); }

// The generic code's select(), found by argument-dependent lookup.
inline Word select(const Truth& condition, const Word& ifTrue, const Word& ifFalse) {
  return Word(z3::ite(condition.formula(), ifTrue.term(), ifFalse.term()));
}

// A mask of the form 2^k - 1 (k = 0 .. 64): contiguous low bits.
inline Truth isLowMask(const Word& mask) { return (mask & (mask + Word(1))) == Word(0); }

}  // namespace dmacheck::proofs::smt
