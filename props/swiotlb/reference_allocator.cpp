#include "props/swiotlb/reference_allocator.h"

#include <algorithm>

namespace dmacheck::swiotlb {

ReferenceAllocator::ReferenceAllocator(const Config& config) : config_(config), spec_(config) {}

MapResult ReferenceAllocator::map(const MapRequest& request, std::uint64_t) {
  MapResult result;
  auto witness = spec_.mapWitness(request);
  if (!witness) return result;
  result.status = MapResult::Status::Mapped;
  result.placement = *witness;
  result.bounce.copy = model::SlotSpec::expectedCopy(request.orig, witness->tlbAddr, 0, request.size);
  mappings_.push_back({spec_.record(*witness), request.orig, witness->tlbAddr, request.size});
  return result;
}

MapResult ReferenceAllocator::alloc(const AllocRequest& request, std::uint64_t) {
  MapResult result;
  auto witness = spec_.allocWitness(request);
  if (!witness) return result;
  result.status = MapResult::Status::Mapped;
  result.placement = *witness;
  mappings_.push_back({spec_.record(*witness), 0, witness->tlbAddr, request.size});
  return result;
}

void ReferenceAllocator::releaseHolding(std::uint64_t addr) {
  auto it = std::find_if(mappings_.begin(), mappings_.end(), [&](const Mapping& m) { return m.tlb == addr; });
  if (it == mappings_.end()) return;
  spec_.release(it->id);
  mappings_.erase(it);
}

void ReferenceAllocator::unmap(std::uint64_t tlbAddr, std::uint64_t, std::uint32_t) { releaseHolding(tlbAddr); }
void ReferenceAllocator::free(std::uint64_t pageAddr, std::uint64_t) { releaseHolding(pageAddr); }

BounceResult ReferenceAllocator::sync(std::uint64_t tlbAddr, std::uint64_t size, Direction) {
  BounceResult result;
  for (const Mapping& m : mappings_)
    if (m.orig != 0 && tlbAddr >= m.tlb && tlbAddr < m.tlb + m.size)
      result.copy = model::SlotSpec::expectedCopy(m.orig, m.tlb, tlbAddr - m.tlb, size);
  return result;
}

// The kernel's promise since v5.18: a segment minus room for the min_align offset.
std::uint64_t ReferenceAllocator::maxMappingSize() const {
  const std::uint64_t whole = kSlotBytes * kSegmentSlots, m = config_.device.minAlignMask;
  return m == 0 ? whole : whole - (m + kSlotBytes - 1) / kSlotBytes * kSlotBytes;
}

}  // namespace dmacheck::swiotlb
