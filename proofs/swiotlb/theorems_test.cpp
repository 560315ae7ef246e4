// Every field of the SWIOTLB Rules reaches a theorem's statement, or is listed with the
// reason none reads it (proofs/rules_mutation_testing.h).
#include <gtest/gtest.h>

#include "impl/swiotlb/variant.h"
#include "proofs/rules_mutation_testing.h"
#include "proofs/swiotlb/theorems.h"

namespace dmacheck::proofs::swiotlb {
namespace {

using impl::Rules;

std::string statements(const char* variant, const Rules& rules) {
  impl::Variant v = *impl::swiotlbCatalogue().findVariant(variant);
  v.rules = rules;
  const Symbols s;
  std::string text;
  for (const Theorem& t : swiotlbTheorems())
    if (theoremApplies(t, v)) text += formulaText(t.id, stateTheorem(t, v, s));
  return text;
}

constexpr const char* kFixed = "proposal-wrap-distance";

// One entry per field (the structured binding below stops compiling when a field is added).
const std::vector<RuleMutation<Rules>> kMutations = {
    {"search", kFixed, [](Rules& r) { r.search = impl::SwState::Sw10; }},
    {"bounce", kFixed, [](Rules& r) { r.bounce = impl::BounceRule::StoredOrig; },
     "the bounce's address translation comes after the search; traces check it (S-BOUNCE)"},
    {"direction", kFixed, [](Rules& r) { r.direction = impl::DirectionRule::ByDirection; },
     "which calls bounce is data, not search arithmetic; traces check it (S-DEVDATA, S-CPUDATA)"},
    {"coherent", kFixed, [](Rules& r) { r.coherent = impl::CoherentRule::PlainSearch; }},
    DMACHECK_FLIP(kFixed, pageGuardOnAlloc),
    DMACHECK_FLIP(
        kFixed, listStopsAtPoolEnd,
        "free-run lengths shape the witness search (witness.cpp), not a claim; traces check them (S-MD, S-ROBUST)"),
    DMACHECK_FLIP(kFixed, maxMappingMinusMinAlign),
    DMACHECK_FLIP(kFixed, releaseByCallerSize, "the theorems state one search; traces check releases (S-FREE)"),
    DMACHECK_FLIP(kFixed, perAreaIndex,
                  "the theorems state one area (symbols.h), and a pool-wide index is the index of a one-area pool"),
    DMACHECK_FLIP("linux-6.0", minAlignMaskedByAlloc),
    DMACHECK_FLIP(kFixed, countWrapDistance),
    DMACHECK_FLIP(kFixed, strideFromComparedBits),
    DMACHECK_FLIP(kFixed, alignOnFullAddress),
    DMACHECK_FLIP(kFixed, releaseStopsAtPoolEnd, "traces check releases (S-ROBUST)"),
    DMACHECK_FLIP(
        kFixed, alignSizeIn64Bits,
        "the theorems compute in 64 bits, so the 32-bit wrap of SW-ALIGN-WRAP is outside them; traces check it "
        "(S-ROBUST)"),
};

TEST(SwiotlbTheorems, StatementsFollowEveryRuleTheyRead) {
  Rules r;  // the binding stops compiling when a field is added
  [[maybe_unused]] auto& [search, bounce, direction, coherent, pageGuard, listStops, maxMinus, byCallerSize, perArea,
                          maskedByAlloc, wrapDistance, strideCompared, fullAddress, releaseStops, align64] = r;
  expectStatementsFollowEveryRule(kMutations, 15, impl::swiotlbCatalogue(), statements);
}

}  // namespace
}  // namespace dmacheck::proofs::swiotlb
