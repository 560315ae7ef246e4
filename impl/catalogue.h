#pragma once
// A target's variant registry and bug table as one value: every target looks its variants
// and bugs up the same way (by name, alias or commit id; by bug id).
#include <string_view>
#include <vector>

#include "impl/bug_record.h"
#include "impl/variant_record.h"

namespace dmacheck::impl {

template <class Rules>
struct Catalogue {
  using Variant = VariantRecord<Rules>;
  using Bug = BugRecord;
  std::vector<Variant> variants;
  std::vector<Bug> bugs;

  const Variant* findVariant(std::string_view nameOrAliasOrCommit) const {
    return findRecord(variants, nameOrAliasOrCommit);
  }
  const Bug* findBug(std::string_view id) const { return findBugIn(bugs, id); }
};

// The catalogue of a target's two table builders, built on first use and kept to the end.
template <auto BuildVariants, auto BuildBugs>
const auto& builtCatalogue() {
  static const Catalogue<decltype(BuildVariants().front().rules)> catalogue{BuildVariants(), BuildBugs()};
  return catalogue;
}

}  // namespace dmacheck::impl
