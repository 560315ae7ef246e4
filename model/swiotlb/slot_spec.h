#pragma once
// THE MODEL IS THE SPEC. SlotSpec states what any correct SWIOTLB slot allocator must
// do (docs/swiotlb.md) without prescribing which slots it picks:
//   - judge*(): is this answer allowed? (bounds, disjointness, alignment, page rule)
//   - *Witness(): does a valid placement exist right now? A request may fail only when
//     none does (S-COMPLETE); the witness is shown to the user when an allocator fails.
//   - record()/release(): the set of live allocations, the state everything is judged on.
// Slow and plain on purpose: divisions instead of masks, a linear scan over candidates,
// 128-bit arithmetic where a sum could overflow. Shares no helper with impl/.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/swiotlb/api.h"

namespace dmacheck::model {

struct Finding {
  std::string invariant;  // an id of model/swiotlb/invariants.h
  std::string detail;     // what broke, with the values
};

class SlotSpec {
 public:
  explicit SlotSpec(const swiotlb::Config& config);

  // --- Is this answer allowed?
  std::vector<Finding> judgeMapped(const swiotlb::MapRequest& request, const swiotlb::Placement& got) const;
  std::vector<Finding> judgeAllocated(const swiotlb::AllocRequest& request, const swiotlb::Placement& got) const;
  // The invariants judgeMapped judges non-vacuously for `request` (invariantBit mask, for
  // check --stats): S-BOUNDS always; the alignment rules only when their masks ask for it.
  std::uint32_t mapPreconditions(const swiotlb::MapRequest& request) const;
  // A copy that is not `due` may be missing; one that happens must be the expected one.
  static std::optional<Finding> judgeBounce(const swiotlb::BounceCopy& expected, const swiotlb::BounceResult& got,
                                            bool due);

  // --- Does a valid placement exist? (S-COMPLETE)
  std::optional<swiotlb::Placement> mapWitness(const swiotlb::MapRequest& request) const;
  std::optional<swiotlb::Placement> allocWitness(const swiotlb::AllocRequest& request) const;
  // Whether the request fits an empty pool of this geometry: a device may rely on every
  // map up to swiotlb_max_mapping_size() fitting (when A <= PAGE_SIZE - 1).
  bool mapFitsEmptyPool(const swiotlb::MapRequest& request) const;
  // The max_mapping_size promise only makes sense for areas that hold a whole segment.
  bool areasHoldWholeSegment() const;

  // --- Live allocations.
  int record(const swiotlb::Placement& placement);
  void release(int id);
  std::vector<bool> usedSlots() const;
  bool slotHeld(std::uint32_t slot) const { return holders_[slot] > 0; }

  // The bytes a bounce of [offset, offset + bytes) of a streaming map must move, and which way.
  static swiotlb::BounceCopy expectedCopy(std::uint64_t orig, std::uint64_t tlb, std::uint64_t offset,
                                          std::uint64_t bytes, swiotlb::Direction way);

  const swiotlb::Config& config() const { return config_; }

 private:
  struct Candidate {
    std::uint32_t firstSlot;
    std::uint32_t slotCount;
  };
  std::uint64_t slotAddress(std::uint64_t slot) const;
  std::uint64_t areaOf(std::uint64_t slot) const;
  enum class Bound { Empty, PoolEnd, Area, Segment, Boundary };
  std::optional<Bound> brokenBound(Candidate c) const;
  std::optional<std::string> boundsProblem(Candidate c) const;
  std::optional<std::string> sharedSlotProblem(Candidate c) const;
  bool pageRuleApplies(const swiotlb::MapRequest& request) const;
  static bool exceedsSegment(const swiotlb::MapRequest& request);
  std::optional<swiotlb::Placement> placeMap(const swiotlb::MapRequest& request, std::uint32_t first) const;
  template <typename Fits>
  std::optional<swiotlb::Placement> firstFit(Fits fits, bool emptyPool, std::uint64_t from, std::uint64_t step,
                                             std::uint64_t minimumRun) const;

  swiotlb::Config config_;
  std::vector<int> holders_;                      // live allocations per slot (normally 0 or 1)
  std::uint64_t heldSlots_ = 0;                   // slots with at least one holder
  std::uint64_t freeSlots() const { return holders_.size() - heldSlots_; }
  std::map<int, swiotlb::Placement> allocations_; // live allocations by id
  int nextId_ = 0;
};

}  // namespace dmacheck::model
