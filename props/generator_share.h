#pragma once
// How often a target's scenario generator reaches a corner, for the generator-corner tests
// of every target: the share of `cases` generated scenarios (seeds 1..cases, size 50) for
// which `corner` holds. Test-only.
#include <cstdint>

#include <rapidcheck.h>

namespace dmacheck {

template <class Scenario, class Corner>
double generatedShare(const rc::Gen<Scenario>& gen, Corner corner, int cases = 2000) {
  int hits = 0;
  for (int i = 0; i < cases; ++i)
    hits += corner(gen(rc::Random(static_cast<std::uint64_t>(i) + 1), 50).value()) ? 1 : 0;
  return double(hits) / cases;
}

}  // namespace dmacheck
