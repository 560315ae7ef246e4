// THE SPEC (model/): see lifecycle_spec.h. Written from the invariants of docs/iova.md
// with plain loops over interval lists; shares no helper with impl/.
#include "model/iova/lifecycle_spec.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmacheck::iova::model {

namespace {

bool overlap(std::uint64_t aLo, std::uint64_t aHi, std::uint64_t bLo, std::uint64_t bHi) {
  return aLo <= bHi && bLo <= aHi;
}

std::uint64_t powerOfTwoAtLeast(std::uint64_t n) {
  std::uint64_t p = 1;
  while (p < n) p *= 2;
  return p;
}

std::uint64_t roundUpTo(std::uint64_t value, std::uint64_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

}  // namespace

LifecycleSpec::LifecycleSpec(const Config& config) : config_(config), lazy_(config.lazy) {}

std::uint64_t LifecycleSpec::grantSize(const MapRequest& r) const {
  return r.sizeAligned && r.size < 32 ? powerOfTwoAtLeast(r.size) : r.size;
}

std::uint64_t LifecycleSpec::alignmentOf(const MapRequest& r) const {
  return r.sizeAligned ? powerOfTwoAtLeast(r.size) : 1;
}

bool LifecycleSpec::overlapsHeld(std::uint64_t lo, std::uint64_t hi) const {
  for (const Held& h : live_)
    if (overlap(lo, hi, h.lo, h.hi)) return true;
  for (const PfnRange& r : reserved_)
    if (overlap(lo, hi, r.lo, r.hi)) return true;
  return false;
}

std::vector<Finding> LifecycleSpec::judgeGrant(const MapRequest& r, std::uint64_t lo) const {
  std::vector<Finding> found;
  const std::uint64_t size = grantSize(r);
  const std::uint64_t hi = lo + size - 1;  // may wrap: that is what I-LIMIT reports
  if (lo < config_.startPfn || hi > r.limitPfn || hi < lo)
    found.push_back({"I-LIMIT", fmt::format("[{:#x}, {:#x}] ({} granules) is outside [start_pfn {:#x}, limit {:#x}]",
                                            lo, hi, size, config_.startPfn, r.limitPfn)});
  for (const Held& h : live_)
    if (overlap(lo, hi, h.lo, h.hi))
      found.push_back({"I-DISJ", fmt::format("[{:#x}, {:#x}] overlaps live allocation #{} [{:#x}, {:#x}]", lo, hi,
                                             h.id, h.lo, h.hi)});
  for (const PfnRange& res : reserved_)
    if (overlap(lo, hi, res.lo, res.hi))
      found.push_back({"I-DISJ", fmt::format("[{:#x}, {:#x}] overlaps reserved range [{:#x}, {:#x}]", lo, hi, res.lo,
                                             res.hi)});
  if (lo % alignmentOf(r) != 0)
    found.push_back({"I-ALIGN", fmt::format("pfn {:#x} is not a multiple of {:#x} (size {} rounded up to a power of two)",
                                            lo, alignmentOf(r), r.size)});
  return found;
}

// The lowest free placement, if any. A placement that fits starts either at the lowest
// aligned pfn of the window or right after something in the way (rounded up to the
// alignment), so those candidates are enough.
std::optional<std::uint64_t> LifecycleSpec::freePlacement(const MapRequest& r) const {
  const std::uint64_t size = grantSize(r), align = alignmentOf(r);
  std::vector<PfnRange> inTheWay;
  for (const Held& h : live_) inTheWay.push_back({h.lo, h.hi});
  inTheWay.insert(inTheWay.end(), reserved_.begin(), reserved_.end());
  for (const Unmapped& u : maybeFree_) inTheWay.push_back({u.lo, u.hi});
  if (!r.sizeAligned) inTheWay.insert(inTheWay.end(), fastFreed_.begin(), fastFreed_.end());
  std::vector<std::uint64_t> candidates = {roundUpTo(config_.startPfn, align)};
  for (const PfnRange& w : inTheWay) candidates.push_back(roundUpTo(w.hi + 1, align));
  std::sort(candidates.begin(), candidates.end());
  for (std::uint64_t lo : candidates) {
    if (lo < config_.startPfn || lo + size - 1 > r.limitPfn) continue;
    bool clear = true;
    for (const PfnRange& w : inTheWay) clear = clear && !overlap(lo, lo + size - 1, w.lo, w.hi);
    if (clear) return lo;
  }
  return std::nullopt;
}

bool LifecycleSpec::shortcutMayFail(const MapRequest& r) const {
  if (r.limitPfn + 1 > config_.dma32Pfn) return false;
  if (grantSize(r) >= config_.dma32Pfn) return true;  // max32_alloc_size starts at dma_32bit_pfn
  for (const Failure& f : failures_)
    if (grantSize(r) >= f.size && r.limitPfn <= f.limit && (r.sizeAligned || !f.aligned)) return true;
  return false;
}

std::optional<Finding> LifecycleSpec::judgeRefusal(const MapRequest& r) const {
  const auto placement = freePlacement(r);
  if (!placement || shortcutMayFail(r)) return std::nullopt;
  return Finding{"I-COMPLETE", fmt::format("refused {} granules{} below limit {:#x}, but [{:#x}, {:#x}] is free", r.size,
                                           r.sizeAligned ? " (size-aligned)" : "", r.limitPfn, *placement,
                                           *placement + grantSize(r) - 1)};
}

void LifecycleSpec::recordGrant(int id, const MapRequest& r, std::uint64_t lo) {
  const std::uint64_t hi = lo + grantSize(r) - 1;
  live_.push_back({id, lo, hi, r.sizeAligned && grantSize(r) <= 32});
  std::erase_if(maybeFree_, [&](const Unmapped& u) { return overlap(lo, hi, u.lo, u.hi); });  // evidently freed
  // A fresh grant may reuse space an earlier fast-path free left (the cache handed it out).
  std::erase_if(fastFreed_, [&](const PfnRange& f) { return overlap(lo, hi, f.lo, f.hi); });
}

void LifecycleSpec::recordRefusal(const MapRequest& r) {
  failures_.push_back({grantSize(r), r.limitPfn, r.sizeAligned});
}

UnmapKind LifecycleSpec::classifyUnmap(const MapRequest& r, std::uint64_t lo) const {
  return overlapsHeld(lo, lo + grantSize(r) - 1) ? UnmapKind::Unjudged : UnmapKind::ClientError;
}

void LifecycleSpec::freed(std::uint64_t lo, std::uint64_t hi, bool fastPath) {
  if (lo < config_.dma32Pfn) failures_.clear();  // the 32-bit shortcut is off again
  if (fastPath) fastFreed_.push_back({lo, hi});
}

void LifecycleSpec::recordUnmap(int id) {
  auto it = std::find_if(live_.begin(), live_.end(), [&](const Held& h) { return h.id == id; });
  if (it == live_.end()) return;
  const Held h = *it;
  live_.erase(it);
  if (lazy_) maybeFree_.push_back({h.lo, h.hi, now_ + config_.fqTimeoutMs, h.fastPath});
  else freed(h.lo, h.hi, h.fastPath);
}

void LifecycleSpec::recordReserve(std::uint64_t lo, std::uint64_t hi) { reserved_.push_back({lo, hi}); }

void LifecycleSpec::clockIs(std::uint64_t nowMs) {
  now_ = nowMs;
  std::vector<Unmapped> stillWaiting;
  for (const Unmapped& u : maybeFree_) {
    if (u.freeByMs <= now_) freed(u.lo, u.hi, u.fastPath);
    else stillWaiting.push_back(u);
  }
  maybeFree_ = std::move(stillWaiting);
}

std::vector<PfnRange> LifecycleSpec::liveRanges() const {
  std::vector<PfnRange> out;
  for (const Held& h : live_) out.push_back({h.lo, h.hi});
  std::sort(out.begin(), out.end(), [](const PfnRange& a, const PfnRange& b) { return a.lo < b.lo; });
  return out;
}

std::vector<PfnRange> LifecycleSpec::reservedRanges() const { return reserved_; }

}  // namespace dmacheck::iova::model
