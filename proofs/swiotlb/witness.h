#pragma once
// From a theorem's counterexample to a trace that `dmacheck replay` runs on the concrete
// implementation. The witness query is the theorem's negated claim plus the constraints
// that make it happen on a real pool (its WitnessShape): a small empty pool, area.index
// set by mapping and unmapping k slots at slot 0, and the probe where the claim breaks
// being one the search really makes. The model's values become the trace's numbers.
#include <optional>
#include <vector>

#include "check/swiotlb/ops.h"
#include "proofs/swiotlb/theorems.h"

namespace dmacheck::proofs::swiotlb {

struct Witness {
  dmacheck::swiotlb::Scenario scenario;
  double seconds = 0;
};

// `refused`: earlier witnesses whose replay did not show the violation; asks for another.
std::optional<Witness> findWitness(const Theorem& theorem, const impl::Variant& variant, unsigned timeoutMs,
                                   const std::vector<dmacheck::swiotlb::Scenario>& refused = {});

}  // namespace dmacheck::proofs::swiotlb
