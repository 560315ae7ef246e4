#pragma once
// The toy target's descriptor (targets/target.h). A test build adds it to the registry
// through DMACHECK_TEST_TARGETS_HEADER (targets/registry.h).
#include "targets/target.h"
#include "targets/toy/toy.h"

namespace dmacheck::toy {

struct ToyTarget : TargetBase<ToyTarget, Scenario, Implementation, CheckResult> {
  static constexpr std::string_view name = "toy";
  static constexpr std::string_view title = "a bump allocator with one invariant (test-only)";
  static constexpr std::string_view fixedLogic = "toy-1.1";
  static constexpr std::string_view latestUpstream = "toy-1.1";
  static constexpr auto& invariants = kInvariants;
  using Variant = toy::Variant;
  using Bug = toy::Bug;
  static const std::vector<Variant>& variants() { return toyVariants(); }
  static const std::vector<Bug>& bugs() { return toyBugs(); }
  static std::optional<Implementation> find(const std::string& n) { return findImplementation(n); }
  static std::vector<Implementation> all() { return allImplementations(); }
  static std::string unknown(const std::string& n) { return unknownImplementationMessage(n); }
  using Syntax = TraceSyntax;
  static DecodedInput decodeBytes(const std::uint8_t* data, std::size_t size) { return decodeInput(data, size); }
  static bool cheapToCheck(const Scenario&) { return true; }
  static const dmacheck::kernel::TreeRecipe* treeRecipe() { return nullptr; }  // no harness of a tree's code
  static PropertyOutcome property(const Implementation& impl, const PropertyBudget& budget);  // property.cpp
  static std::vector<Proof> prove(const ProofRequest& request);  // toy.cpp
};
static_assert(dmacheck::Target<ToyTarget>);

}  // namespace dmacheck::toy

#define DMACHECK_TEST_TARGETS , dmacheck::toy::ToyTarget
