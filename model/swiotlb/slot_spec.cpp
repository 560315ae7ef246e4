// THE MODEL IS THE SPEC (see slot_spec.h). Plain arithmetic only; no helper from impl/.
#include "model/swiotlb/slot_spec.h"
#include "model/swiotlb/invariants.h"

#include <fmt/format.h>

namespace dmacheck::model {

using namespace swiotlb;
using u128 = unsigned __int128;

namespace {

std::uint64_t roundUp(std::uint64_t value, std::uint64_t multiple) {
  return static_cast<std::uint64_t>(((u128)value + multiple - 1) / multiple * multiple);
}

std::uint64_t slotsFor(std::uint64_t bytes) { return (bytes + kSlotBytes - 1) / kSlotBytes; }

// The power-of-two page order dma_alloc_coherent() promises: PAGE_SIZE << order >= size.
std::uint64_t coherentAlignment(std::uint64_t pageSize, std::uint64_t size) {
  std::uint64_t alignment = pageSize;
  while (alignment < size) alignment *= 2;
  return alignment;
}

// Where the allocation must reach: past the mapping, and with alloc_align_mask (an IOMMU
// granule for dma-iommu) to the end of the granule holding the last byte, so an untrusted
// device that sees whole granules sees only this allocation.
u128 granuleEnd(const MapRequest& request, std::uint64_t tlb) {
  const u128 end = (u128)tlb + request.size;
  if (request.allocAlignMask == 0) return end;  // no granule: the mapping's own end
  const u128 granule = (u128)request.allocAlignMask + 1;
  return (end + granule - 1) / granule * granule;
}

}  // namespace

SlotSpec::SlotSpec(const Config& config) : config_(config), holders_(config.pool.slots, 0) {}

std::uint64_t SlotSpec::slotAddress(std::uint64_t slot) const {
  return config_.pool.start + slot * kSlotBytes;
}

std::uint64_t SlotSpec::areaOf(std::uint64_t slot) const {
  return slot / (config_.pool.slots / config_.pool.areas);
}

// S-BOUNDS for a run of slots: inside the pool, one area, one 128-slot segment, and one
// window of the device's segment boundary. One rule; brokenBound() says which part fails
// (cheap, for scanning candidates), boundsProblem() says it in words.
std::optional<SlotSpec::Bound> SlotSpec::brokenBound(Candidate c) const {
  const std::uint64_t first = c.firstSlot, last = (std::uint64_t)c.firstSlot + c.slotCount - 1;
  if (c.slotCount == 0) return Bound::Empty;
  if (last >= config_.pool.slots) return Bound::PoolEnd;
  if (areaOf(first) != areaOf(last)) return Bound::Area;
  if (first / kSegmentSlots != last / kSegmentSlots) return Bound::Segment;
  if (config_.device.segBoundaryMask == ~0ULL) return std::nullopt;  // no boundary to cross
  const std::uint64_t window = config_.device.segBoundaryMask + 1;
  if (slotAddress(first) / window != (slotAddress(last) + kSlotBytes - 1) / window) return Bound::Boundary;
  return std::nullopt;
}

std::optional<std::string> SlotSpec::boundsProblem(Candidate c) const {
  const auto broken = brokenBound(c);
  if (!broken) return std::nullopt;
  const std::uint64_t first = c.firstSlot, end = (std::uint64_t)c.firstSlot + c.slotCount;
  switch (*broken) {
    case Bound::Empty: return std::string("allocation of zero slots");
    case Bound::PoolEnd:
      return fmt::format("slots {}-{} run past the end of the {}-slot pool", first, end, config_.pool.slots);
    case Bound::Area:
      return fmt::format("slots {}-{} span areas {} and {}", first, end, areaOf(first), areaOf(end - 1));
    case Bound::Segment:
      return fmt::format("slots {}-{} cross the 128-slot segment boundary at slot {}", first, end,
                         (first / kSegmentSlots + 1) * kSegmentSlots);
    case Bound::Boundary:
      return fmt::format("slots {}-{} ({:#x}..{:#x}) cross the device segment boundary (mask {:#x})", first, end,
                         slotAddress(first), slotAddress(end) - 1, config_.device.segBoundaryMask);
  }
  return std::nullopt;
}

std::optional<std::string> SlotSpec::sharedSlotProblem(Candidate c) const {
  for (std::uint64_t s = c.firstSlot; s < (std::uint64_t)c.firstSlot + c.slotCount; ++s)
    if (s < holders_.size() && holders_[s] > 0)
      return fmt::format("slot {} ({:#x}) already belongs to a live allocation", s, slotAddress(s));
  return std::nullopt;
}

bool SlotSpec::pageRuleApplies(const MapRequest& request) const {
  return config_.device.minAlignMask == 0 && request.allocAlignMask == 0 && request.size >= config_.pool.pageSize;
}

std::uint32_t SlotSpec::mapPreconditions(const MapRequest& request) const {
  std::uint32_t met = invariantBit(kInvariants, "S-BOUNDS");
  if (config_.device.minAlignMask != 0) met |= invariantBit(kInvariants, "S-MINALIGN");
  if (request.allocAlignMask != 0) met |= invariantBit(kInvariants, "S-ALLOCALIGN");
  if (pageRuleApplies(request)) met |= invariantBit(kInvariants, "S-PAGE");
  return met;
}

std::vector<Finding> SlotSpec::judgeMapped(const MapRequest& request, const Placement& got) const {
  std::vector<Finding> findings;
  const Candidate c{got.firstSlot, got.slotCount};
  if (auto problem = boundsProblem(c)) return {{"S-BOUNDS", *problem}};
  const u128 runStart = slotAddress(c.firstSlot), runEnd = runStart + (u128)c.slotCount * kSlotBytes;
  if (got.tlbAddr < runStart || (u128)got.tlbAddr + request.size > runEnd)
    findings.push_back({"S-BOUNDS", fmt::format("mapping {:#x}+{:#x} does not lie inside its slots {:#x}..{:#x}",
                                                got.tlbAddr, request.size, (std::uint64_t)runStart,
                                                (std::uint64_t)(runEnd - 1))});
  if (auto problem = sharedSlotProblem(c)) findings.push_back({"S-DISJ", *problem});
  const std::uint64_t m = (std::uint64_t)config_.device.minAlignMask + 1;
  if (got.tlbAddr % m != request.orig % m)
    findings.push_back({"S-MINALIGN", fmt::format("tlb {:#x} & {:#x} = {:#x} but orig {:#x} & {:#x} = {:#x}",
                                                  got.tlbAddr, m - 1, got.tlbAddr % m, request.orig, m - 1,
                                                  request.orig % m)});
  const std::uint64_t a = (std::uint64_t)request.allocAlignMask + 1;
  if (slotAddress(c.firstSlot) % a != 0)
    findings.push_back({"S-ALLOCALIGN", fmt::format("first slot {} at {:#x} is not aligned to alloc_align_mask+1 = {:#x}",
                                                    c.firstSlot, slotAddress(c.firstSlot), a)});
  else if (runEnd < granuleEnd(request, got.tlbAddr))
    findings.push_back({"S-ALLOCALIGN", fmt::format("slots end at {:#x} but the {:#x}-byte granule holding the mapping's "
                                                    "last byte ends at {:#x}: the device sees what follows",
                                                    (std::uint64_t)runEnd, a, (std::uint64_t)granuleEnd(request, got.tlbAddr))});
  if (pageRuleApplies(request) && got.tlbAddr % config_.pool.pageSize != 0)
    findings.push_back({"S-PAGE", fmt::format("map of {:#x} bytes with M = A = 0 returned tlb {:#x}, not {}-byte page aligned",
                                              request.size, got.tlbAddr, config_.pool.pageSize)});
  return findings;
}

std::vector<Finding> SlotSpec::judgeAllocated(const AllocRequest& request, const Placement& got) const {
  const Candidate c{got.firstSlot, got.slotCount};
  if (auto problem = boundsProblem(c)) return {{"S-BOUNDS", *problem}};
  std::vector<Finding> findings;
  if (auto problem = sharedSlotProblem(c)) findings.push_back({"S-DISJ", *problem});
  // The caller receives whole pages starting at the page that holds tlbAddr.
  const std::uint64_t page = got.tlbAddr / config_.pool.pageSize * config_.pool.pageSize;
  const u128 pagesEnd = (u128)page + roundUp(request.size, config_.pool.pageSize);
  for (u128 addr = page; addr < pagesEnd; addr += kSlotBytes) {
    const bool own = addr >= slotAddress(c.firstSlot) && addr < slotAddress((u128)c.firstSlot + c.slotCount);
    if (own) continue;
    const bool inPool = addr >= config_.pool.start && addr < slotAddress(config_.pool.slots);
    const std::string who = !inPool ? "lies outside the pool"
                            : holders_[(addr - config_.pool.start) / kSlotBytes] > 0
                                ? "belongs to another live allocation"
                                : "is free and can be handed to another caller";
    findings.push_back({inPool ? "S-DISJ" : "S-BOUNDS",
                        fmt::format("page {:#x} is returned whole to the caller but its slot at {:#x} {}", page,
                                    (std::uint64_t)addr, who)});
    break;
  }
  const std::uint64_t alignment = coherentAlignment(config_.pool.pageSize, request.size);
  if (page % alignment != 0)
    findings.push_back({"S-ALLOCALIGN", fmt::format("coherent buffer {:#x} of {:#x} bytes is not aligned to its page order ({:#x})",
                                                    page, request.size, alignment)});
  return findings;
}

std::optional<Finding> SlotSpec::judgeBounce(const BounceCopy& expected, const BounceResult& got, bool due) {
  const char* way = expected.way == swiotlb::Direction::ToDevice ? "orig -> tlb" : "tlb -> orig";
  if (!got.copy) {
    if (!due) return std::nullopt;
    return Finding{"S-BOUNCE", fmt::format("expected to copy {:#x} bytes {} between orig {:#x} and tlb {:#x}, but "
                                           "nothing was copied{}{}", expected.bytes, way, expected.origAddr,
                                           expected.tlbAddr, got.warning.empty() ? "" : ": ", got.warning)};
  }
  const BounceCopy& c = *got.copy;
  if (c.way != expected.way)
    return Finding{"S-BOUNCE", fmt::format("copied {:#x} bytes {} between orig {:#x} and tlb {:#x}, the wrong way: "
                                           "this bounce may only copy {}", c.bytes,
                                           c.way == swiotlb::Direction::ToDevice ? "orig -> tlb" : "tlb -> orig",
                                           c.origAddr, c.tlbAddr, way)};
  if (c.origAddr != expected.origAddr || c.tlbAddr != expected.tlbAddr || c.bytes != expected.bytes)
    return Finding{"S-BOUNCE", fmt::format("copied {:#x} bytes between orig {:#x} and tlb {:#x}; the tlb range shadows "
                                           "{:#x} bytes at orig {:#x} (off by {:#x})", c.bytes, c.origAddr, c.tlbAddr,
                                           expected.bytes, expected.origAddr, c.origAddr - expected.origAddr)};
  return std::nullopt;
}

BounceCopy SlotSpec::expectedCopy(std::uint64_t orig, std::uint64_t tlb, std::uint64_t offset, std::uint64_t bytes,
                                  swiotlb::Direction way) {
  return {orig + offset, tlb + offset, bytes, way};
}

// The cheapest valid placement of a map whose allocation starts at slot `first`: the
// lowest tlb at or after the slot that keeps orig's min_align bits (and the page rule).
std::optional<Placement> SlotSpec::placeMap(const MapRequest& request, std::uint32_t first) const {
  const std::uint64_t base = slotAddress(first);
  if (base % ((std::uint64_t)request.allocAlignMask + 1) != 0) return std::nullopt;
  const std::uint64_t m = (std::uint64_t)config_.device.minAlignMask + 1;
  std::uint64_t tlb = base + (request.orig % m + m - base % m) % m;
  if (pageRuleApplies(request)) tlb = roundUp(base, config_.pool.pageSize);
  const u128 bytes = granuleEnd(request, tlb) - base;
  if (bytes > (u128)kSlotBytes * kSegmentSlots) return std::nullopt;  // more than a segment never fits
  const std::uint64_t count = ((std::uint64_t)bytes + kSlotBytes - 1) / kSlotBytes;
  return Placement{first, (std::uint32_t)count, tlb};
}

// The first placement `fits` offers, trying first slots from `from` in steps of `step`,
// that stays in bounds and on free slots. `emptyPool` ignores the live allocations. Every
// placement covers at least `minimumRun` slots from its first one, so a candidate whose
// next `minimumRun` slots are not all free is skipped without asking `fits`.
template <typename Fits>
std::optional<Placement> SlotSpec::firstFit(Fits fits, bool emptyPool, std::uint64_t from, std::uint64_t step,
                                            std::uint64_t minimumRun) const {
  std::vector<std::uint32_t> heldBefore;  // prefix counts: "is the run free" in O(1)
  if (!emptyPool) {
    heldBefore.assign(holders_.size() + 1, 0);
    for (std::size_t i = 0; i < holders_.size(); ++i) heldBefore[i + 1] = heldBefore[i] + (holders_[i] > 0 ? 1 : 0);
  }
  for (std::uint64_t first = from; first < config_.pool.slots; first += step) {
    if (!emptyPool && holders_[first] > 0) continue;  // a run that starts on a held slot is never free
    const std::uint64_t runEnd = std::min<std::uint64_t>(first + minimumRun, holders_.size());
    if (!emptyPool && heldBefore[runEnd] != heldBefore[first]) continue;
    std::optional<Placement> p = fits(static_cast<std::uint32_t>(first));
    if (!p || brokenBound({p->firstSlot, p->slotCount})) continue;
    if (emptyPool || heldBefore[p->firstSlot + p->slotCount] == heldBefore[p->firstSlot]) return p;
  }
  return std::nullopt;
}

// An allocation lies inside one 128-slot segment: a mapping (or a granule) larger than a
// segment never fits, whatever the pool holds.
bool SlotSpec::exceedsSegment(const MapRequest& request) {
  const std::uint64_t segment = kSlotBytes * kSegmentSlots;
  return request.size > segment || (std::uint64_t)request.allocAlignMask + 1 > segment;
}

std::optional<Placement> SlotSpec::mapWitness(const MapRequest& request) const {
  if (exceedsSegment(request) || freeSlots() < slotsFor(request.size)) return std::nullopt;
  return firstFit([&](std::uint32_t first) { return placeMap(request, first); }, false, 0, 1, slotsFor(request.size));
}

bool SlotSpec::mapFitsEmptyPool(const MapRequest& request) const {
  if (exceedsSegment(request)) return false;
  return firstFit([&](std::uint32_t first) { return placeMap(request, first); }, true, 0, 1, 1).has_value();
}

std::optional<Placement> SlotSpec::allocWitness(const AllocRequest& request) const {
  const std::uint64_t alignment = coherentAlignment(config_.pool.pageSize, request.size);
  const std::uint64_t count = slotsFor(roundUp(request.size, config_.pool.pageSize));
  if (count > kSegmentSlots || freeSlots() < count) return std::nullopt;
  // Only slots at an aligned address can start a coherent buffer: visit just those.
  const std::uint64_t firstAligned = (roundUp(config_.pool.start, alignment) - config_.pool.start) / kSlotBytes;
  return firstFit([&](std::uint32_t first) { return Placement{first, (std::uint32_t)count, slotAddress(first)}; },
                  false, firstAligned, alignment / kSlotBytes, count);
}

bool SlotSpec::areasHoldWholeSegment() const {
  return config_.pool.slots / config_.pool.areas >= kSegmentSlots;
}

int SlotSpec::record(const Placement& placement) {
  for (std::uint64_t s = placement.firstSlot; s < (std::uint64_t)placement.firstSlot + placement.slotCount; ++s)
    if (s < holders_.size() && holders_[s]++ == 0) ++heldSlots_;
  allocations_[nextId_] = placement;
  return nextId_++;
}

void SlotSpec::release(int id) {
  const Placement p = allocations_.at(id);
  for (std::uint64_t s = p.firstSlot; s < (std::uint64_t)p.firstSlot + p.slotCount; ++s)
    if (s < holders_.size() && --holders_[s] == 0) --heldSlots_;
  allocations_.erase(id);
}

std::vector<bool> SlotSpec::usedSlots() const {
  std::vector<bool> used(holders_.size());
  for (std::size_t s = 0; s < holders_.size(); ++s) used[s] = holders_[s] > 0;
  return used;
}


}  // namespace dmacheck::model
