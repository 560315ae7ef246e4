#pragma once
// A page-size variant: one named version of the IOMMU split and VFIO type1 logic, built from
// the same code with that version's Rules. The registry records provenance and the bugs
// each variant is known to have; the checker never reads it.
#include <string>
#include <string_view>
#include <vector>

#include "impl/bug_record.h"
#include "impl/variant_record.h"
#include "impl/pagesize/pagesize_rules.h"

namespace dmacheck::impl::pagesize {

using Variant = impl::VariantRecord<Rules>;

using Bug = impl::BugRecord;

const std::vector<Variant>& pagesizeVariants();
const std::vector<Bug>& pagesizeBugs();
const Variant* findPagesizeVariant(std::string_view nameOrAlias);
const Bug* findPagesizeBug(std::string_view id);

}  // namespace dmacheck::impl::pagesize
