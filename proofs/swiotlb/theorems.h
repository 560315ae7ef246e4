#pragma once
// The SWIOTLB theorems. Each states, for one variant, "these assumptions imply this
// claim" over every 64-bit input the rules of symbols.h allow, built from the variant's
// own arithmetic (impl/swiotlb/search_rules.h). A failing claim maps to the invariant the
// checker reports when the same thing happens on a concrete run, and each theorem knows
// how to ask for a *replayable* counterexample (its witness shape, see witness.h).
#include <optional>
#include <string>
#include <vector>

#include "impl/swiotlb/variant.h"
#include "proofs/swiotlb/symbols.h"

namespace dmacheck::proofs::swiotlb {

enum class WitnessShape {
  FirstProbe,      // empty pool, area.index set by a map+unmap, the first probe is taken
  EmptyPoolMaxMap, // one map of at most swiotlb_max_mapping_size() on an empty pool
  UnrolledSearch,  // a tiny empty pool; the whole search unrolled until it gives up
};

struct Statement {
  std::vector<Truth> assumptions;
  Truth claim = smt::constant(true);
};

struct Theorem {
  std::string id;
  std::string invariant;  // reported by the checker when a run breaks the claim
  std::string statement;  // the claim in words
  bool alloc = false;     // swiotlb_alloc (orig 0) rather than a streaming map
  WitnessShape shape = WitnessShape::FirstProbe;
};

const std::vector<Theorem>& swiotlbTheorems();

// Whether the theorem says anything about this variant (the slots_checked bound exists
// from SW-4 on; before, the loop runs until the index comes back; swiotlb_alloc exists
// from v5.15 on).
bool theoremApplies(const Theorem& theorem, const impl::Variant& variant);

Statement stateTheorem(const Theorem& theorem, const impl::Variant& variant, const Symbols& s);

// Whether the theorem states the alignment test's completeness (a valid slot is never rejected).
bool judgesTheTest(const Theorem& theorem);

// For UnrolledSearch witnesses: the claim about one step of the search from `index`
// having charged `checked`, and (for the do..while loops) from `start`.
Truth stepClaim(const Theorem& theorem, const impl::Variant& variant, const Symbols& s, const SearchView& view,
                const Word& index, const Word& checked, const Word& start);

// Whether a placement at `slot` would meet the spec's alignment (S-MINALIGN, S-ALLOCALIGN's
// head, S-PAGE; for swiotlb_alloc the page and its page order).
Truth placementAligned(const impl::Variant& variant, const Symbols& s, const SearchView& view, const Word& slot);

}  // namespace dmacheck::proofs::swiotlb
