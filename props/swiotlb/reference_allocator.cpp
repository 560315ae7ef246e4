#include "props/swiotlb/reference_allocator.h"

#include <algorithm>

namespace dmacheck::swiotlb {

ReferenceAllocator::ReferenceAllocator(const Config& config) : config_(config), spec_(config) {}

MapResult ReferenceAllocator::place(std::optional<Placement> witness, std::uint64_t orig, std::uint64_t size) {
  MapResult result;
  if (!witness) return result;
  result.status = MapResult::Status::Mapped;
  result.placement = *witness;
  // Every map starts the device's view as the buffer, whatever its direction.
  if (orig != 0) result.bounce.copy = model::SlotSpec::expectedCopy(orig, witness->tlbAddr, 0, size, Direction::ToDevice);
  mappings_.push_back({spec_.record(*witness), orig, witness->tlbAddr, size});
  return result;
}

MapResult ReferenceAllocator::map(const MapRequest& request, std::uint64_t) {
  return place(spec_.mapWitness(request), request.orig, request.size);
}

MapResult ReferenceAllocator::alloc(const AllocRequest& request, std::uint64_t) {
  return place(spec_.allocWitness(request), 0, request.size);
}

void ReferenceAllocator::releaseHolding(std::uint64_t addr) {
  auto it = std::find_if(mappings_.begin(), mappings_.end(), [&](const Mapping& m) { return m.tlb == addr; });
  if (it == mappings_.end()) return;
  spec_.release(it->id);
  mappings_.erase(it);
}

BounceResult ReferenceAllocator::unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t, StreamingDma dma) {
  BounceResult result;
  if (model::DmaDataSpec::unmapMustBounce(dma))
    for (const Mapping& m : mappings_)
      if (m.orig != 0 && m.tlb == tlbAddr) result.copy = model::SlotSpec::expectedCopy(m.orig, m.tlb, 0, size, Direction::ToCpu);
  releaseHolding(tlbAddr);
  return result;
}
void ReferenceAllocator::free(std::uint64_t pageAddr, std::uint64_t) { releaseHolding(pageAddr); }

BounceResult ReferenceAllocator::sync(std::uint64_t tlbAddr, std::uint64_t size, Direction side, StreamingDma dma) {
  BounceResult result;
  if (!model::DmaDataSpec::syncMustBounce(side, dma)) return result;
  for (const Mapping& m : mappings_)
    if (m.orig != 0 && tlbAddr >= m.tlb && tlbAddr < m.tlb + m.size)
      result.copy = model::SlotSpec::expectedCopy(m.orig, m.tlb, tlbAddr - m.tlb, size, side);
  return result;
}

// The kernel's promise since v5.18: a segment minus room for the min_align offset.
std::uint64_t ReferenceAllocator::maxMappingSize() const {
  const std::uint64_t whole = kSlotBytes * kSegmentSlots, m = config_.device.minAlignMask;
  return m == 0 ? whole : whole - (m + kSlotBytes - 1) / kSlotBytes * kSlotBytes;
}

}  // namespace dmacheck::swiotlb
