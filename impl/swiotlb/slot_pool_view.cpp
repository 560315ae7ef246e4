// The implementation seen in model terms: which slots are in use, whether the free-run
// metadata is consistent, what changed since the last step. This is checking code, not
// allocator logic, so fuzzing builds compile it without coverage instrumentation: the
// fuzzer is steered by the allocator's branches, not by the oracle's.
#include <fmt/format.h>

#include "impl/swiotlb/slot_pool.h"
#include "impl/swiotlb/slot_metadata_check.h"

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
  return impl::freeRunProblem([this](std::uint32_t i) { return slots_[i].list; }, nslabs_, first, last);
}

std::optional<std::string> SlotPool::metadataProblemAround(std::uint32_t first, std::uint32_t last) const {
  return freeRunProblem(first > 0 ? first - 1 : 0, last);
}

std::optional<std::string> SlotPool::metadataProblem() const {
  if (auto problem = freeRunProblem(0, nslabs_)) return problem;
  return areaUsedProblem([this](std::uint32_t i) { return slots_[i].list; },
                         [this](std::uint32_t a) { return areas_[a].used; }, areaCount(), areaSlabs_);
}

bool SlotPool::slotInUse(std::uint32_t slot) const { return slots_[slot].list == 0; }

std::optional<std::uint32_t> SlotPool::firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                          const std::uint8_t* expected) const {
  for (std::uint32_t s = first; s < last; ++s)
    if ((slots_[s].list == 0) != (expected[s - first] != 0)) return s;
  return std::nullopt;
}

}  // namespace dmacheck::impl
