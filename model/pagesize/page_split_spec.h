#pragma once
// THE SPEC of splitting a map into IOMMU pages (dmacheck's reference model). Slow and plain
// on purpose: it states what a split must be and finds the fewest pages by dynamic
// programming over every offset, never by the kernel's greedy choice. It shares no helper
// with impl/: one bug cannot hit both.
//
// A valid split of (iova, paddr, size) under a bitmap: runs of pages that cover
// [iova, iova + size) exactly, in order, each page a size from the bitmap and aligned to
// its own size in both iova and paddr (the physical page is mapped as one IOMMU page).
// A map is representable when iova, paddr and size are multiples of the smallest page.
#include <optional>
#include <string>
#include <vector>

#include "model/pagesize/api.h"

namespace dmacheck::pagesize::model {

// The smallest page of a non-empty bitmap.
std::uint64_t smallestPage(PageSizes bitmap);

bool representable(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr, std::uint64_t size);

// The first rule `runs` breaks as a split of (iova, paddr, size), with the values.
std::optional<std::string> splitProblem(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                        std::uint64_t size, const std::vector<PageRun>& runs);

// The fewest pages any valid split uses, when size / smallestPage is at most
// kMaxJudgedUnits (else nothing: too large for the table; the proofs cover all sizes).
inline constexpr std::uint64_t kMaxJudgedUnits = 1ULL << 18;
std::optional<std::uint64_t> fewestPages(PageSizes bitmap, std::uint64_t iova, std::uint64_t paddr,
                                         std::uint64_t size);

std::uint64_t pageCount(const std::vector<PageRun>& runs);

}  // namespace dmacheck::pagesize::model
