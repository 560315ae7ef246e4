#pragma once
// Our re-implementation of iova.c's top-down allocator (docs/iova.md): ranges kept
// sorted by pfn_lo, an anchor above everything, the cached nodes where searches start,
// the 32-bit shortcut and the retry above the cached node; and the walk before v4.15 for
// the variants that had it. Version differences come from Rules.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "impl/iova/iova_rules.h"
#include "model/iova/allocator.h"

namespace dmacheck::impl::iova {

using dmacheck::iova::PfnRange;

class IovaTree {
 public:
  IovaTree(std::uint64_t startPfn, std::uint64_t dma32Pfn, const Rules& rules);

  std::optional<PfnRange> alloc(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned);
  std::optional<PfnRange> findContaining(std::uint64_t pfn) const;  // private_find_iova
  bool freeContaining(std::uint64_t pfn);                            // free_iova: false if none
  void reserve(std::uint64_t lo, std::uint64_t hi);                  // reserve_iova
  std::vector<PfnRange> ranges() const;

 private:
  static constexpr std::uint64_t kAnchor = ~0ULL;
  using Node = std::map<std::uint64_t, std::uint64_t>::iterator;

  std::optional<PfnRange> allocTopDown(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned);
  std::optional<PfnRange> allocInclusiveWalk(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned);
  Node findLimit(std::uint64_t limit);
  void insertUpdate(const PfnRange& fresh);
  void deleteUpdate(Node freed);
  bool shortcutRefuses(std::uint64_t size, std::uint64_t limit, bool sizeAligned) const;
  void noteFailure(std::uint64_t size, std::uint64_t limit, bool sizeAligned);

  std::uint64_t startPfn_, dma32Pfn_;
  Rules rules_;
  std::map<std::uint64_t, std::uint64_t> nodes_;  // pfn_lo -> pfn_hi, with the anchor
  std::uint64_t cached_ = kAnchor, cached32_ = kAnchor;  // keys of cached_node / cached32_node
  std::uint64_t max32Size_;
  std::uint64_t max32Limit_ = kAnchor;  // proposal: the limit the shortcut's failure had
  bool max32Aligned_ = false;
};

}  // namespace dmacheck::impl::iova
