#pragma once
// A variant: one named version of the SWIOTLB slot allocator's logic, built from the same
// SlotPool with that version's rules switched in. The registry records where each variant
// comes from (commits, kernel releases) and which bugs of the bug table it is known to
// have. The checker never reads the registry: only `dmacheck list`, the zoo tests and the
// reports compare "known bugs" with "what the generic properties caught".
#include <string>
#include <string_view>
#include <vector>

#include "impl/catalogue.h"
#include "impl/swiotlb/rules.h"

namespace dmacheck::impl {

using Variant = VariantRecord<Rules>;

const Catalogue<Rules>& swiotlbCatalogue();
const Variant& latestSwiotlbVariant();

}  // namespace dmacheck::impl
