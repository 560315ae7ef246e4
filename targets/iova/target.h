#pragma once
// The iova target's descriptor (targets/target.h): IOVA lifecycle (drivers/iommu/iova.c + dma-iommu flush queues; s390 legacy bitmap).
#include "check/iova/byte_codec.h"
#include "check/iova/checker.h"
#include "check/iova/minimize.h"
#include "check/iova/report.h"
#include "check/iova/trace_codec.h"
#include "kernel/iova/tree_recipe.h"
#include "model/iova/invariants.h"
#include "targets/iova/implementations.h"
#include "targets/target.h"

namespace dmacheck::iova {

struct IovaTarget : TargetBase<IovaTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "iova";
  static constexpr std::string_view title = "IOVA lifecycle (drivers/iommu/iova.c + dma-iommu flush queues; s390 legacy bitmap)";
  static constexpr std::string_view fixedLogic = "proposal-checked-unmap";
  static constexpr std::string_view latestUpstream = "linux-6.12";
  static constexpr auto& invariants = kInvariants;
  using Variant = impl::iova::Variant;
  using Bug = impl::iova::Bug;
  static const std::vector<Variant>& variants() { return impl::iova::iovaVariants(); }
  static const std::vector<Bug>& bugs() { return impl::iova::iovaBugs(); }
  static std::optional<Implementation> find(const std::string& n) { return findImplementation(n); }
  static std::vector<Implementation> all() { return allImplementations(); }
  static std::string unknown(const std::string& n) { return unknownImplementationMessage(n); }
  using Syntax = TraceSyntax;
  static DecodedInput decodeBytes(const std::uint8_t* data, std::size_t size) { return decodeInput(data, size); }
  static bool cheapToCheck(const Scenario& s) { return s.config.endPfn <= 4096; }
  static const dmacheck::kernel::TreeRecipe* treeRecipe() {
    return &dmacheck::kernel::iovaTreeRecipe();
  }                                                                                           // kernel/iova/
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // props/iova/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);  // proofs/iova/theorems.cpp
};
static_assert(dmacheck::Target<IovaTarget>);

}  // namespace dmacheck::iova
