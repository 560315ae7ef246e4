#pragma once
// The pagesize target's descriptor (targets/target.h): page-size rules (iommu_map's page split, VFIO type1 map/unmap and accounting).
#include "check/pagesize/byte_codec.h"
#include "check/pagesize/checker.h"
#include "check/pagesize/minimize.h"
#include "check/pagesize/report.h"
#include "check/pagesize/trace_codec.h"
#include "model/pagesize/invariants.h"
#include "targets/pagesize/implementations.h"
#include "targets/target.h"

namespace dmacheck::pagesize {

struct PagesizeTarget : TargetBase<PagesizeTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "pagesize";
  static constexpr std::string_view title = "page-size rules (iommu_map's page split, VFIO type1 map/unmap and accounting)";
  static constexpr std::string_view fixedLogic = "proposal-account-once";
  static constexpr std::string_view latestUpstream = "linux-6.12";
  static constexpr auto& invariants = kInvariants;
  using Variant = impl::pagesize::Variant;
  using Bug = impl::pagesize::Bug;
  static const std::vector<Variant>& variants() { return impl::pagesize::pagesizeVariants(); }
  static const std::vector<Bug>& bugs() { return impl::pagesize::pagesizeBugs(); }
  static std::optional<Implementation> find(const std::string& n) { return findImplementation(n); }
  static std::vector<Implementation> all() { return allImplementations(); }
  static std::string unknown(const std::string& n) { return unknownImplementationMessage(n); }
  using Syntax = TraceSyntax;
  static DecodedInput decodeBytes(const std::uint8_t* data, std::size_t size) { return decodeInput(data, size); }
  static bool cheapToCheck(const Scenario& s) {
    for (const Op& op : s.ops)  // a large map costs milliseconds
      if (const auto* m = std::get_if<VfioMapOp>(&op); m && m->size > (1u << 24)) return false;
    return true;
  }
  static const dmacheck::kernel::TreeRecipe* treeRecipe() { return nullptr; }  // no harness of a tree's code
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // props/pagesize/property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);  // proofs/pagesize/theorems.cpp
};
static_assert(dmacheck::Target<PagesizeTarget>);

}  // namespace dmacheck::pagesize
