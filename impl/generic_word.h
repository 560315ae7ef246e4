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

// fls_long(x): the 1-based index of the highest set bit, 0 for 0. A binary search made of
// selects, so that a solver sees the same six steps the integer code takes.
template <typename W>
W flsLong(W x) {
  W bits = W(0);
  W rest = x;
  for (unsigned half : {32u, 16u, 8u, 4u, 2u, 1u}) {
    const auto high = (rest >> half) != W(0);
    bits = select(high, W(bits + W(half)), bits);
    rest = select(high, W(rest >> half), rest);
  }
  return select(x == W(0), W(0), W(bits + W(1)));
}

// __ffs(x): the 0-based index of the lowest set bit (x != 0; 0 gives 64, never used).
template <typename W>
W lowestBit(W x) {
  W bits = W(0);
  W rest = x;
  for (unsigned half : {32u, 16u, 8u, 4u, 2u, 1u}) {
    const auto lowClear = (rest & W((1ULL << half) - 1)) == W(0);
    bits = select(lowClear, W(bits + W(half)), bits);
    rest = select(lowClear, W(rest >> half), rest);
  }
  return select(x == W(0), W(64), bits);
}

}  // namespace dmacheck::impl
