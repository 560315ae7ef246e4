#pragma once
// The swiotlb target's descriptor (targets/target.h): SWIOTLB bounce-buffer slot allocator (kernel/dma/swiotlb.c).
#include "check/swiotlb/byte_codec.h"
#include "check/swiotlb/checker.h"
#include "check/swiotlb/minimize.h"
#include "check/swiotlb/report.h"
#include "check/swiotlb/trace_codec.h"
#include "kernel/swiotlb/tree_recipe.h"
#include "model/swiotlb/invariants.h"
#include "targets/swiotlb/implementations.h"
#include "targets/target.h"

namespace dmacheck::swiotlb {

struct SwiotlbTarget : TargetBase<SwiotlbTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "swiotlb";
  static constexpr std::string_view title = "SWIOTLB bounce-buffer slot allocator (kernel/dma/swiotlb.c)";
  static constexpr std::string_view fixedLogic = "proposal-wrap-distance";
  static constexpr std::string_view latestUpstream = "linux-6.10";
  static constexpr auto& invariants = kInvariants;
  using Variant = impl::Variant;
  using Bug = impl::Bug;
  static const std::vector<Variant>& variants() { return impl::swiotlbVariants(); }
  static const std::vector<Bug>& bugs() { return impl::swiotlbBugs(); }
  static std::optional<Implementation> find(const std::string& n) { return findImplementation(n); }
  static std::vector<Implementation> all() { return allImplementations(); }
  static std::string unknown(const std::string& n) { return unknownImplementationMessage(n); }
  using Syntax = TraceSyntax;
  static DecodedInput decodeBytes(const std::uint8_t* data, std::size_t size) { return decodeInput(data, size); }
  static bool cheapToCheck(const Scenario& s) { return s.config.pool.slots <= 4096; }
  static const dmacheck::kernel::TreeRecipe* treeRecipe() {
    return &dmacheck::kernel::swiotlbTreeRecipe();
  }                                                                                           // kernel/swiotlb/
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // props/swiotlb/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);  // proofs/swiotlb/prover.cpp
};
static_assert(dmacheck::Target<SwiotlbTarget>);

}  // namespace dmacheck::swiotlb
