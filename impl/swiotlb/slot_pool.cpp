#include "impl/swiotlb/slot_pool.h"

#include <algorithm>

#include <fmt/format.h>

#include "impl/swiotlb/search_rules.h"

namespace dmacheck::impl {

using swiotlb::kSegmentSlots;
using swiotlb::kSlotBytes;

namespace {

constexpr std::uint64_t kInvalidPhys = ~0ULL;  // INVALID_PHYS_ADDR
constexpr std::uint64_t kSlotMask = kSlotBytes - 1;

std::uint32_t nrSlots(std::uint64_t bytes) { return static_cast<std::uint32_t>(slotCount(bytes)); }

// What the kernel's KASAN would report for an access past the slot array (the array is
// kcalloc'd with exactly nslabs entries; SlotPool keeps a guard segment so it survives).
[[noreturn]] void pastTheSlots(std::uint64_t slot, std::uint32_t nslabs, const char* where) {
  throw swiotlb::KernelBug(fmt::format("BUG: KASAN: slab-out-of-bounds: access to slots[{}] of a {}-slot array (in {})",
                                       slot, nslabs, where));
}

std::uint64_t alignUp(std::uint64_t value, std::uint64_t powerOfTwo) {
  return (value + powerOfTwo - 1) & ~(powerOfTwo - 1);
}

unsigned log2Of(std::uint64_t powerOfTwo) { return static_cast<unsigned>(__builtin_ctzll(powerOfTwo)); }

// Whether swiotlb_tbl_map_single() calls swiotlb_bounce(DMA_TO_DEVICE).
bool mapBounces(DirectionRule rule, swiotlb::StreamingDma dma) {
  switch (rule) {
    case DirectionRule::ByDirection: return !dma.skipCpuSync && dma.dir != swiotlb::DmaDirection::FromDevice;
    case DirectionRule::MapUnlessSkipSync: return !dma.skipCpuSync;
    case DirectionRule::AlwaysForDevice:
    case DirectionRule::MapAlways: return true;
  }
  return true;
}

// Whether swiotlb_sync_single_for_{device,cpu}() bounces at all.
bool syncBounces(DirectionRule rule, swiotlb::Direction side, swiotlb::StreamingDma dma) {
  if (side == swiotlb::Direction::ToCpu) return dma.dir != swiotlb::DmaDirection::ToDevice;
  return rule == DirectionRule::AlwaysForDevice || dma.dir != swiotlb::DmaDirection::FromDevice;
}

}  // namespace

SlotPool::SlotPool(const swiotlb::Config& config, const Rules& rules)
    : config_(config),
      rules_(rules),
      nslabs_(config.pool.slots),
      areaSlabs_(config.pool.slots / (rules.perAreaIndex ? config.pool.areas : 1)),
      pageShift_(log2Of(config.pool.pageSize)),
      slots_(config.pool.slots + kSegmentSlots),
      areas_(rules.perAreaIndex ? config.pool.areas : 1) {
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    std::uint64_t list = 0;  // guard: not ours to hand out
    if (i < nslabs_) list = emptyRunLength<std::uint64_t>(rules_, i, nslabs_);
    slots_[i] = {kInvalidPhys, 0, static_cast<std::uint32_t>(list), 0};
  }
}

std::uint64_t SlotPool::slotAddr(std::uint32_t slot) const {
  return config_.pool.start + (std::uint64_t{slot} << kSlotShift);
}

std::uint64_t SlotPool::lowOffset(std::uint64_t addr) const {
  return addr & config_.device.minAlignMask & kSlotMask;  // swiotlb_align_offset(dev, 0, addr)
}

std::uint32_t SlotPool::wrap(std::uint64_t areaRelative) const {
  return static_cast<std::uint32_t>(wrapIndex<std::uint64_t>(areaRelative, areaSlabs_));
}

bool SlotPool::crossesBoundary(std::uint32_t slot, std::uint32_t nslots) const {
  return impl::crossesBoundary<std::uint64_t>(config_.device.segBoundaryMask, config_.pool.start, slot, nslots);
}

SlotPool::Found SlotPool::findSlots(std::uint32_t cpu, std::uint64_t orig, std::uint64_t allocSize,
                                    std::uint32_t allocAlign, std::uint64_t& probes,
                                    std::uint64_t budget) {
  const std::uint32_t count = areaCount();
  const std::uint32_t start = cpu & (count - 1);
  Found last;
  for (std::uint32_t k = 0; k < count; ++k) {
    last = searchArea((start + k) % count, orig, allocSize, allocAlign, probes, budget);
    if (last.ok || last.nonTerminating) return last;
  }
  return last;
}

SlotPool::Found SlotPool::searchArea(std::uint32_t area, std::uint64_t orig, std::uint64_t allocSize,
                                     std::uint32_t allocAlign, std::uint64_t& probes,
                                     std::uint64_t budget) {
  const SwState state = rules_.search;
  const std::uint32_t nslots = static_cast<std::uint32_t>(slotCount(allocSize));
  const auto params = searchParams<std::uint64_t>(rules_, config_.device.minAlignMask, allocAlign, allocSize,
                                                  pageShift_, orig == 0);
  const std::uint64_t base0 = alignBase(rules_, config_.pool.start, config_.device.segBoundaryMask);
  const auto stride = static_cast<std::uint32_t>(std::min<std::uint64_t>(params.stride, 1u << 30));
  Found result;
  result.note = {true, allocSize, static_cast<std::uint32_t>(params.compareMask), stride, area};
  Area& a = areas_[area];
  if (nslots > areaSlabs_ - a.used) return result;

  const std::uint32_t base = area * areaSlabs_;
  std::uint32_t index = static_cast<std::uint32_t>(startIndex<std::uint64_t>(rules_, a.index, stride, areaSlabs_));

  // One probe: true when the slot is taken; otherwise index/checked advance as the kernel does.
  auto probe = [&](std::uint64_t& checked) {
    const std::uint32_t slot = base + index;
    if (slot >= nslabs_) pastTheSlots(slot, nslabs_, "swiotlb_search_pool_area");  // a wrap off by one
    const bool rejected = rejectsProbe(rules_, params, base0 + (std::uint64_t{slot} << kSlotShift), orig);
    if (!rejected && !crossesBoundary(slot, nslots) && slots_[slot].list >= nslots) return true;
    const Step<std::uint64_t> next = nextProbe<std::uint64_t>(rules_, rejected, index, checked, stride, areaSlabs_);
    index = static_cast<std::uint32_t>(next.index);
    checked = next.checked;
    return false;
  };

  std::uint64_t checked = 0;
  const std::uint32_t startIndex = index;
  bool found = false;
  if (!atLeast(state, SwState::Sw4)) {
    do {  // until the index comes back to where it started: may never happen (SW-DEADLOCK)
      if (++probes > budget) return result.nonTerminating = true, result;
      found = probe(checked);
    } while (!found && index != startIndex);
  } else {
    while (!found && checked < areaSlabs_) {
      if (++probes > budget) return result.nonTerminating = true, result;
      found = probe(checked);
    }
  }
  if (!found) return result;
  result.ok = true;
  result.slot = base + index;
  claim(area, result.slot, index, nslots, allocSize, lowOffset(orig));
  return result;
}

void SlotPool::claim(std::uint32_t area, std::uint32_t slot, std::uint32_t areaRelative,
                     std::uint32_t nslots, std::uint64_t allocSize, std::uint64_t low) {
  if (std::uint64_t{slot} + nslots > nslabs_) pastTheSlots(nslabs_, nslabs_, "swiotlb_find_slots");
  for (std::uint32_t i = slot; i < slot + nslots; ++i) {
    slots_[i].list = 0;
    slots_[i].allocSize = allocSize - (low + (std::uint64_t{i - slot} << kSlotShift));
  }
  std::uint32_t count = 0;
  std::int64_t i = std::int64_t{slot} - 1;
  for (; i >= 0 && i % kSegmentSlots != kSegmentSlots - 1 && slots_[i].list != 0; --i) slots_[i].list = ++count;
  touched(static_cast<std::uint64_t>(i + 1), std::uint64_t{slot} + nslots);
  areas_[area].index = wrap(areaRelative + nslots);
  areas_[area].used += nslots;
}

swiotlb::MapResult SlotPool::map(const swiotlb::MapRequest& request, std::uint64_t budget) {
  const SwState state = rules_.search;
  const std::uint64_t minAlign = config_.device.minAlignMask;
  const std::uint64_t offset = mapOffset<std::uint64_t>(rules_, request.orig, minAlign, request.allocAlignMask);
  const std::uint64_t searchBytes = searchSize<std::uint64_t>(rules_, request.size, offset, request.allocAlignMask);
  if (atLeast(state, SwState::Sw11) && !rules_.alignSizeIn64Bits && request.allocAlignMask == UINT32_MAX)
    throw swiotlb::KernelBug(  // SW-ALIGN-WRAP: the kernel's unsigned int alloc_align_mask + 1 is 0
        "kernel BUG at kernel/dma/swiotlb.c: BUG_ON(!nslots) (in swiotlb_search_pool_area): "
        "ALIGN(size, alloc_align_mask + 1) with alloc_align_mask 0xffffffff is ALIGN(size, 0) = 0");

  std::uint64_t probes = 0;
  Found found = findSlots(request.cpu, request.orig, searchBytes, request.allocAlignMask, probes, budget);
  swiotlb::MapResult result;
  result.note = found.note;
  if (found.nonTerminating) return result.status = swiotlb::MapResult::Status::NonTerminating, result;
  if (!found.ok) return result;

  const auto pad = static_cast<std::uint32_t>(padSlots<std::uint64_t>(rules_, offset));
  const std::uint32_t first = found.slot + pad;
  if (atLeast(state, SwState::Sw10)) slots_[first].padSlots = pad;
  const auto total = static_cast<std::uint32_t>(slotCount(searchBytes));
  for (std::uint32_t i = 0; i + pad < total; ++i)
    slots_[first + i].origAddr = request.orig + (std::uint64_t{i} << kSlotShift);

  result.status = swiotlb::MapResult::Status::Mapped;
  result.placement = {found.slot, total, mappedTlb<std::uint64_t>(rules_, config_.pool.start, found.slot, offset)};
  if (!mapBounces(rules_.direction, request.dma)) return result;
  if (state == SwState::Sw0)  // the legacy map bounced straight from the caller's buffer
    result.bounce.copy = swiotlb::BounceCopy{request.orig, result.placement.tlbAddr, request.size};
  else
    result.bounce = bounce(result.placement.tlbAddr, request.size, swiotlb::Direction::ToDevice);
  return result;
}

swiotlb::MapResult SlotPool::alloc(const swiotlb::AllocRequest& request, std::uint64_t budget) {
  std::uint32_t align = 0;
  if (rules_.coherent == CoherentRule::OrderAligned)
    align = static_cast<std::uint32_t>(coherentAlignMask<std::uint64_t>(config_.pool.pageSize, request.size));
  std::uint64_t probes = 0;
  Found found = findSlots(request.cpu, 0, request.size, align, probes, budget);
  swiotlb::MapResult result;
  result.note = found.note;
  if (found.nonTerminating) return result.status = swiotlb::MapResult::Status::NonTerminating, result;
  if (!found.ok) return result;
  const std::uint64_t tlb = slotAddr(found.slot);
  if (rules_.pageGuardOnAlloc && (tlb & (config_.pool.pageSize - 1)) != 0) {
    release(tlb, rules_.releaseByCallerSize ? std::optional(request.size) : std::nullopt);
    result.bounce.warning = fmt::format("swiotlb_alloc: slot address {:#x} is not page aligned", tlb);
    return result;
  }
  result.status = swiotlb::MapResult::Status::Mapped;
  result.placement = {found.slot, nrSlots(request.size), tlb};
  return result;
}

swiotlb::BounceResult SlotPool::unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask,
                                     swiotlb::StreamingDma dma) {
  swiotlb::BounceResult back;
  if (!dma.skipCpuSync && dma.dir != swiotlb::DmaDirection::ToDevice)  // every version alike
    back = bounce(tlbAddr, size, swiotlb::Direction::ToCpu);
  const std::uint64_t callerAllocSize = alignUp(size, std::uint64_t{allocAlignMask} + 1);
  release(tlbAddr, rules_.releaseByCallerSize ? std::optional(callerAllocSize) : std::nullopt);
  return back;
}

void SlotPool::free(std::uint64_t pageAddr, std::uint64_t size) {
  release(pageAddr, rules_.releaseByCallerSize ? std::optional(size) : std::nullopt);
}

void SlotPool::release(std::uint64_t tlbAddr, std::optional<std::uint64_t> callerSize) {
  const std::uint64_t offset = rules_.search == SwState::Sw0 ? 0 : lowOffset(tlbAddr);
  if (tlbAddr < config_.pool.start + offset) return;  // not a swiotlb buffer: the kernel never gets here
  std::uint64_t index = (tlbAddr - offset - config_.pool.start) >> kSlotShift;
  if (index >= nslabs_) return;
  if (atLeast(rules_.search, SwState::Sw10)) {
    if (slots_[index].padSlots > index) return;
    index -= slots_[index].padSlots;
  }
  std::uint64_t nslots = callerSize ? nrSlots(*callerSize) : nrSlots(slots_[index].allocSize + offset);
  nslots = std::min<std::uint64_t>(nslots, slots_.size() - index);  // stay inside what we own
  const std::uint32_t area = static_cast<std::uint32_t>(index / areaSlabs_);

  const std::uint64_t segmentEnd = alignUp(index + 1, kSegmentSlots);
  const std::uint64_t top = index + nslots;
  const bool readsNext = top < segmentEnd && !(rules_.releaseStopsAtPoolEnd && top >= nslabs_);
  if (readsNext && top >= nslabs_) pastTheSlots(top, nslabs_, "swiotlb_release_slots");  // SW-RELEASE-OOB
  if (top > nslabs_) pastTheSlots(top - 1, nslabs_, "swiotlb_release_slots");
  std::uint32_t count = readsNext ? slots_[index + nslots].list : 0;
  for (std::uint64_t i = index + nslots; i-- > index;) {
    slots_[i] = {kInvalidPhys, 0, ++count, 0};
  }
  std::int64_t i = static_cast<std::int64_t>(index) - 1;
  for (; i >= 0 && i % kSegmentSlots != kSegmentSlots - 1 && slots_[i].list != 0; --i) slots_[i].list = ++count;
  touched(static_cast<std::uint64_t>(i + 1), index + nslots);
  areas_[std::min<std::uint32_t>(area, areaCount() - 1)].used -= static_cast<std::uint32_t>(nslots);
}

swiotlb::BounceResult SlotPool::sync(std::uint64_t tlbAddr, std::uint64_t size, swiotlb::Direction side,
                                    swiotlb::StreamingDma dma) {
  if (!syncBounces(rules_.direction, side, dma)) return {};
  // aa6f8dcbab47 bounced every sync for the device orig -> tlb, whatever the direction.
  return bounce(tlbAddr, size, side);
}

swiotlb::BounceResult SlotPool::bounce(std::uint64_t tlbAddr, std::uint64_t size, swiotlb::Direction way) {
  swiotlb::BounceResult result;
  if (tlbAddr < config_.pool.start) return result;
  const std::uint64_t index = (tlbAddr - config_.pool.start) >> kSlotShift;
  if (!inMetadata(index) || slots_[index].origAddr == kInvalidPhys) return result;
  std::uint64_t orig = slots_[index].origAddr;
  std::uint64_t allocSize = slots_[index].allocSize;
  const std::uint64_t inSlot = tlbAddr & kSlotMask;
  const std::uint64_t origOffset = lowOffset(orig);

  switch (rules_.bounce) {
    case BounceRule::SlotOffset:
      orig += inSlot;
      break;
    case BounceRule::StoredOrig:
      break;
    case BounceRule::Unsigned32Adjust: {
      const std::uint32_t adjust = static_cast<std::uint32_t>(inSlot - origOffset);
      orig += adjust;
      allocSize -= adjust;
      break;
    }
    case BounceRule::WarnBeforeStart: {
      if (inSlot < origOffset) {
        result.warning = fmt::format("Access before mapping start detected. orig offset {}, requested offset {}.",
                                     origOffset, inSlot);
        return result;
      }
      const std::uint64_t adjust = inSlot - origOffset;
      if (adjust > allocSize) {
        result.warning = fmt::format("Buffer overflow detected. Allocation size: {}. Mapping size: {}+{}.",
                                     allocSize, size, adjust);
        return result;
      }
      orig += adjust;
      allocSize -= adjust;
      break;
    }
    case BounceRule::SignedAdjust: {
      const std::int64_t adjust = static_cast<std::int64_t>(inSlot) - static_cast<std::int64_t>(origOffset);
      orig += static_cast<std::uint64_t>(adjust);
      allocSize -= static_cast<std::uint64_t>(adjust);
      break;
    }
  }
  if (rules_.bounce != BounceRule::SlotOffset && size > allocSize) {
    result.warning = fmt::format("Buffer overflow detected. Allocation size: {}. Mapping size: {}.", allocSize, size);
    size = allocSize;
  }
  result.copy = swiotlb::BounceCopy{orig, tlbAddr, size, way};
  return result;
}

std::uint64_t SlotPool::maxMappingSize() const {
  return impl::maxMappingSize<std::uint64_t>(rules_, config_.device.minAlignMask);
}

void SlotPool::touched(std::uint64_t first, std::uint64_t last) {
  changedFirst_ = std::min(changedFirst_, first);
  changedLast_ = std::max(changedLast_, last);
}

}  // namespace dmacheck::impl
