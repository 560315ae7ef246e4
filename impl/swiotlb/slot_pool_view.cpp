// The implementation seen in model terms: which slots are in use, whether the free-run
// metadata is consistent, what changed since the last step. This is checking code, not
// allocator logic, so fuzzing builds compile it without coverage instrumentation: the
// fuzzer is steered by the allocator's branches, not by the oracle's.
#include <fmt/format.h>

#include "impl/swiotlb/slot_pool.h"

namespace dmacheck::impl {

using swiotlb::kSegmentSlots;

std::vector<bool> SlotPool::usedSlots() const {
  std::vector<bool> used(nslabs_);
  for (std::uint32_t i = 0; i < nslabs_; ++i) used[i] = slots_[i].list == 0;
  return used;
}

std::pair<std::uint32_t, std::uint32_t> SlotPool::takeChangedSlots() {
  const auto range = std::pair(static_cast<std::uint32_t>(std::min<std::uint64_t>(changedFirst_, nslabs_)),
                               static_cast<std::uint32_t>(std::min<std::uint64_t>(changedLast_, nslabs_)));
  changedFirst_ = UINT64_MAX, changedLast_ = 0;
  return range;
}

std::optional<std::string> SlotPool::freeRunProblem(std::uint32_t first, std::uint32_t last) const {
  for (std::uint32_t i = first; i < std::min(last, nslabs_); ++i) {
    if (slots_[i].list == 0) continue;
    const bool nextFree = i + 1 < nslabs_ && (i + 1) % kSegmentSlots != 0 && slots_[i + 1].list != 0;
    const std::uint32_t expected = nextFree ? slots_[i + 1].list + 1 : 1;
    if (slots_[i].list != expected)
      return fmt::format("slot {}: list={} but the free run from it to the segment or pool end is {}",
                         i, slots_[i].list, expected);
  }
  return std::nullopt;
}

std::optional<std::string> SlotPool::metadataProblemAround(std::uint32_t first, std::uint32_t last) const {
  return freeRunProblem(first > 0 ? first - 1 : 0, last);
}

std::optional<std::string> SlotPool::metadataProblem() const {
  if (auto problem = freeRunProblem(0, nslabs_)) return problem;
  for (std::uint32_t a = 0; a < areaCount(); ++a) {
    std::uint32_t inUse = 0;
    for (std::uint32_t i = a * areaSlabs_; i < (a + 1) * areaSlabs_; ++i) inUse += slots_[i].list == 0;
    if (areas_[a].used != inUse)
      return fmt::format("area {}: used={} but {} of its slots are allocated", a, areas_[a].used, inUse);
  }
  return std::nullopt;
}

bool SlotPool::slotInUse(std::uint32_t slot) const { return slots_[slot].list == 0; }

std::optional<std::uint32_t> SlotPool::firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                          const std::uint8_t* expected) const {
  for (std::uint32_t s = first; s < last; ++s)
    if ((slots_[s].list == 0) != (expected[s - first] != 0)) return s;
  return std::nullopt;
}

}  // namespace dmacheck::impl
