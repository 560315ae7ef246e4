#pragma once
// An IOVA variant: one named version of the IOVA lifecycle logic (iova.c behind dma-iommu,
// or the s390 legacy bitmap), built from the same code with that version's Rules. The
// registry records provenance and the bugs each variant is known to have; the checker never
// reads it (only `dmacheck list`, the zoo and the reports compare it with what was caught).
#include <string>
#include <string_view>
#include <vector>

#include "impl/catalogue.h"
#include "impl/iova/iova_rules.h"

namespace dmacheck::impl::iova {

using Variant = VariantRecord<Rules>;

const Catalogue<Rules>& iovaCatalogue();

}  // namespace dmacheck::impl::iova
