#pragma once
// A page-size variant: one named version of the IOMMU split and VFIO type1 logic, built from
// the same code with that version's Rules. The registry records provenance and the bugs
// each variant is known to have; the checker never reads it.
#include <string>
#include <string_view>
#include <vector>

#include "impl/catalogue.h"
#include "impl/pagesize/pagesize_rules.h"

namespace dmacheck::impl::pagesize {

using Variant = VariantRecord<Rules>;

const Catalogue<Rules>& pagesizeCatalogue();

}  // namespace dmacheck::impl::pagesize
