#pragma once
// The slot metadata every SWIOTLB implementation keeps (a free-run length per slot, a used
// count per area), judged the same way whoever keeps it: our SlotPool or a tree's own
// swiotlb.c. This is checking code, the implementation seen in model terms; it decides no
// allocation. `listAt(i)` is slot i's free-run length (0: in use).
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "model/swiotlb/api.h"

namespace dmacheck::impl {

// S-MD among slots [first, last): a free slot's list counts the free run from it to the end
// of its 128-slot segment or of the pool.
template <class ListAt>
std::optional<std::string> freeRunProblem(const ListAt& listAt, std::uint32_t nslabs, std::uint32_t first,
                                          std::uint32_t last) {
  for (std::uint32_t i = first; i < std::min(last, nslabs); ++i) {
    const std::uint64_t list = listAt(i);
    if (list == 0) continue;
    const bool nextFree = i + 1 < nslabs && (i + 1) % swiotlb::kSegmentSlots != 0 && listAt(i + 1) != 0;
    const std::uint64_t expected = nextFree ? listAt(i + 1) + 1 : 1;
    if (list != expected)
      return fmt::format("slot {}: list={} but the free run from it to the segment or pool end is {}", i, list,
                         expected);
  }
  return std::nullopt;
}

// S-MD per area: its used count is the number of its slots in use.
template <class ListAt, class UsedAt>
std::optional<std::string> areaUsedProblem(const ListAt& listAt, const UsedAt& usedAt, std::uint32_t areas,
                                           std::uint32_t areaSlabs) {
  for (std::uint32_t a = 0; a < areas; ++a) {
    std::uint64_t inUse = 0;
    for (std::uint32_t i = a * areaSlabs; i < (a + 1) * areaSlabs; ++i) inUse += listAt(i) == 0;
    if (usedAt(a) != inUse) return fmt::format("area {}: used={} but {} of its slots are allocated", a, usedAt(a), inUse);
  }
  return std::nullopt;
}

}  // namespace dmacheck::impl
