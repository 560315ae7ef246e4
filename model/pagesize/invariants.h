#pragma once
// The page-size invariants, by stable id. Checks report these ids;
// traces, corpus expectations and the bug registry refer to them.
#include "model/invariant_info.h"
#include <string_view>

namespace dmacheck::pagesize {

inline constexpr InvariantInfo kInvariants[] = {
    {"P-TERM", "every call finishes: no page-size split, MAP_DMA/UNMAP_DMA loop or table walk runs past its "
               "step budget (the kernel would spin there)"},
    {"P-SPLIT", "iommu_map splits a representable map into pages that cover it exactly, each from the bitmap "
                "and aligned to its size in iova and paddr, and refuses exactly the unrepresentable ones"},
    {"P-FEWEST", "the split uses as few pages as any valid split"},
    {"V-ACCEPT", "MAP_DMA is accepted exactly when the map is representable, free and under the entry limit, "
                 "and otherwise fails with the kernel's error for the first broken rule"},
    {"V-UNMAP", "UNMAP_DMA removes what v1/v2 semantics say (v2 never bisects a mapping) and reports its bytes"},
    {"V-STATE", "after every call the mappings equal the model's"},
    {"V-ACCOUNT", "every host page under some mapping is pinned and accounted once"},
    {"G-ADDR", "the DMA address of a streaming map points at the buffer's first byte"},
    {"G-COVER", "the range the IOMMU translates for a streaming map contains the buffer"},
    {"G-EXPOSE", "an untrusted device reaches nothing beyond its buffer (no granule rounding, no bypass)"},
    {"G-SGT", "a table dma_get_sgtable returns describes the buffer's bytes in order and nothing outside the "
              "allocation (refusing is allowed)"},
    {"G-SGT-MAP", "the DMA segments of a table mapped by a second device reach exactly the table's bytes, in order"},
};

inline constexpr std::string_view kInvariantPriority[] = {"P-TERM",  "P-SPLIT", "P-FEWEST",  "V-ACCEPT",
                                                          "V-UNMAP", "V-STATE", "V-ACCOUNT", "G-ADDR",
                                                          "G-COVER", "G-SGT",   "G-SGT-MAP", "G-EXPOSE"};

}  // namespace dmacheck::pagesize
