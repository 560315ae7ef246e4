#pragma once
// The few helpers that let allocator arithmetic be written once, generic over its word
// type W: std::uint64_t when it runs, a Z3 bitvector when proofs/ proves it. Rules for W:
// no `if` on a value of W (use select), no `?:` on a Cond<W>, no short-circuit that hides
// a branch.
#include <utility>

namespace dmacheck::impl {

// The truth type of W: bool for integers, a solver formula for bitvectors.
template <typename W>
using Cond = decltype(std::declval<W>() < std::declval<W>());

template <typename W>
Cond<W> truth(bool value) {
  return W(value ? 1 : 0) == W(1);
}

template <typename W>
W select(bool condition, W ifTrue, W ifFalse) {
  return condition ? ifTrue : ifFalse;
}

template <typename W>
W maxOf(W a, W b) {
  return select(a > b, a, b);
}

template <typename W>
W minOf(W a, W b) {
  return select(a < b, a, b);
}

}  // namespace dmacheck::impl
