#pragma once
// One row of a target's invariant table: the stable id a violation carries ("S-DISJ") and
// the rule in one sentence. Every target's model/<target>/invariants.h is a table of these.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dmacheck {

struct InvariantInfo {
  std::string_view id;
  std::string_view summary;
};

// The bit of invariant `id` in a step's mask of met preconditions (check --stats): its row
// in `table`. Evaluated by the compiler, so a misspelt id does not build.
template <std::size_t N>
consteval std::uint32_t invariantBit(const InvariantInfo (&table)[N], std::string_view id) {
  static_assert(N <= 32, "a step's mask holds 32 invariants");
  for (std::size_t i = 0; i < N; ++i)
    if (table[i].id == id) return std::uint32_t{1} << i;
  throw "no invariant with this id";  // not a constant expression: a compile error
}

}  // namespace dmacheck
