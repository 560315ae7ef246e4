#include "impl/iova/iova_tree.h"

#include "base/step_budget.h"
#include "impl/iova/pfn_arith.h"

namespace dmacheck::impl::iova {

IovaTree::IovaTree(std::uint64_t startPfn, std::uint64_t dma32Pfn, const Rules& rules)
    : startPfn_(startPfn), dma32Pfn_(dma32Pfn), rules_(rules), max32Size_(dma32Pfn) {
  nodes_[kAnchor] = kAnchor;
}

std::optional<PfnRange> IovaTree::alloc(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned) {
  return rules_.inclusiveWalk ? allocInclusiveWalk(size, limitPfn, sizeAligned)
                              : allocTopDown(size, limitPfn, sizeAligned);
}

bool IovaTree::shortcutRefuses(std::uint64_t size, std::uint64_t limit, bool sizeAligned) const {
  if (!rules_.max32Shortcut || limit > dma32Pfn_ || size < max32Size_) return false;
  return !rules_.max32RemembersLimit || (limit <= max32Limit_ && (sizeAligned || !max32Aligned_));
}

void IovaTree::noteFailure(std::uint64_t size, std::uint64_t limit, bool sizeAligned) {
  if (!rules_.max32Shortcut) return;
  max32Size_ = size;
  max32Limit_ = limit;
  max32Aligned_ = sizeAligned;
}

// iova_find_limit(): where the retry starts, the first node reaching `limit` or above.
IovaTree::Node IovaTree::findLimit(std::uint64_t limit) {
  if (limit > dma32Pfn_) return nodes_.find(kAnchor);
  for (Node it = nodes_.begin();; ++it) {
    StepBudget::charge("iova_find_limit()");
    if (it->second >= limit) return it;
  }
}

// The current allocator: from the cached node downwards, one retry above it (docs/iova.md).
std::optional<PfnRange> IovaTree::allocTopDown(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned) {
  const std::uint64_t limit = limitPfn + 1;  // exclusive from here on
  const std::uint64_t alignMask = placementMask(size, sizeAligned);
  if (shortcutRefuses(size, limit, sizeAligned)) {
    noteFailure(size, limit, sizeAligned);
    return std::nullopt;
  }
  Node cur = nodes_.find(limit <= dma32Pfn_ ? cached32_ : cached_);
  const std::uint64_t retryPfn = cur->second;
  std::uint64_t high = limit, low = startPfn_, fresh = 0;
  bool retried = false;
  for (;;) {
    Node prev;
    bool more;
    do {
      StepBudget::charge("the top-down search of alloc_iova()");
      high = std::min(high, cur->first);
      fresh = topDownCandidate(high, size, alignMask);
      prev = cur;
      more = cur != nodes_.begin();
      if (more) --cur;
    } while (more && fresh <= cur->second && fresh >= low);
    if (topDownFits(high, size, fresh, low)) break;
    if (rules_.retryAboveCached && !retried && low == startPfn_ && retryPfn < limit) {
      retried = true;
      high = limit;
      low = retryPfn + 1;
      cur = findLimit(limit);
      continue;
    }
    noteFailure(size, limit, sizeAligned);
    return std::nullopt;
  }
  const PfnRange range{fresh, fresh + size - 1};
  nodes_[range.lo] = range.hi;
  insertUpdate(range);
  return range;
}

void IovaTree::insertUpdate(const PfnRange& fresh) {
  if (fresh.hi < dma32Pfn_) cached32_ = fresh.lo;
  else cached_ = fresh.lo;
}

// The walk before v4.15: an inclusive limit lowered below each node, a pad that aligns the
// top of the range, and no cached node (dmacheck starts from the highest node).
std::optional<PfnRange> IovaTree::allocInclusiveWalk(std::uint64_t size, std::uint64_t limitPfn, bool sizeAligned) {
  std::uint64_t limit = limitPfn, pad = 0;
  auto it = nodes_.find(kAnchor);
  bool found = false;
  while (it != nodes_.begin()) {
    StepBudget::charge("the rbtree walk of alloc_iova()");
    --it;
    if (limit < it->first) continue;
    if (limit >= it->second) {
      pad = walkPad(limit, size, sizeAligned);
      if (walkGapFits(it->second, size, pad, limit)) {
        found = true;
        break;
      }
    }
    limit = walkLimitBelow(it->first, rules_.underflowGuard);
  }
  if (!found) {
    pad = walkPad(limit, size, sizeAligned);
    if (!walkFinalFits(startPfn_, size, pad, limit)) return std::nullopt;
  }
  const std::uint64_t lo = walkRangeLo(limit, size, pad);
  const PfnRange range{lo, lo + size - 1};
  nodes_[range.lo] = range.hi;
  return range;
}

std::optional<PfnRange> IovaTree::findContaining(std::uint64_t pfn) const {
  auto it = nodes_.upper_bound(pfn);
  if (it == nodes_.begin()) return std::nullopt;
  --it;
  if (it->first == kAnchor || pfn > it->second) return std::nullopt;
  return PfnRange{it->first, it->second};
}

void IovaTree::deleteUpdate(Node freed) {
  const std::uint64_t lo = freed->first, hi = freed->second;
  const std::uint64_t next = std::next(freed)->first;
  if (lo == cached32_ || (hi < dma32Pfn_ && lo >= cached32_)) {
    cached32_ = next;
    if (!rules_.max32ResetOnAnyFree) max32Size_ = dma32Pfn_;
  }
  if (rules_.max32ResetOnAnyFree && lo < dma32Pfn_) max32Size_ = dma32Pfn_;
  if (lo >= cached_) cached_ = next;
}

bool IovaTree::freeContaining(std::uint64_t pfn) {
  const auto range = findContaining(pfn);
  if (!range) return false;
  Node it = nodes_.find(range->lo);
  if (!rules_.inclusiveWalk) deleteUpdate(it);
  nodes_.erase(it);
  return true;
}

// reserve_iova(): an overlapping node is stretched down to `lo` (the kernel's quirk), the
// rest of the request becomes new nodes.
void IovaTree::reserve(std::uint64_t lo, std::uint64_t hi) {
  auto it = nodes_.begin();
  while (lo <= hi && it != nodes_.end() && it->first != kAnchor) {
    StepBudget::charge("reserve_iova()");
    if (it->second < lo) { ++it; continue; }
    if (it->first > hi) break;
    const std::uint64_t nodeHi = it->second;
    if (it->first > lo) {  // stretch this node down to lo; a cached node keeps pointing at it
      if (cached_ == it->first) cached_ = lo;
      if (cached32_ == it->first) cached32_ = lo;
      nodes_.erase(it);
      it = nodes_.emplace(lo, nodeHi).first;
    }
    if (nodeHi >= hi) return;
    lo = nodeHi + 1;
    ++it;
  }
  if (lo <= hi) nodes_[lo] = hi;
}

std::vector<PfnRange> IovaTree::ranges() const {
  std::vector<PfnRange> out;
  for (const auto& [lo, hi] : nodes_)
    if (lo != kAnchor) out.push_back({lo, hi});
  return out;
}

}  // namespace dmacheck::impl::iova
