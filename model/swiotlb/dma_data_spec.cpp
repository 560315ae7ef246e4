// THE MODEL IS THE SPEC: see dma_data_spec.h. Shares no helper with impl/.
#include "model/swiotlb/dma_data_spec.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmacheck::model {

using swiotlb::Direction;
using swiotlb::DmaDirection;
using Kind = ByteSource::Kind;

DmaDataSpec::DmaDataSpec() : pool_(ByteSource{Kind::PoolInit, 0}) {}

bool DmaDataSpec::mapMustBounce(swiotlb::StreamingDma dma) {
  return dma.dir != DmaDirection::FromDevice && !dma.skipCpuSync;
}

bool DmaDataSpec::syncMustBounce(Direction side, swiotlb::StreamingDma dma) {
  return side == Direction::ToDevice ? dma.dir != DmaDirection::FromDevice : dma.dir != DmaDirection::ToDevice;
}

bool DmaDataSpec::unmapMustBounce(swiotlb::StreamingDma dma) {
  return dma.dir != DmaDirection::ToDevice && !dma.skipCpuSync;
}

void DmaDataSpec::mapped(int id, std::size_t step, std::uint64_t orig, std::uint64_t tlb, std::uint64_t size,
                         swiotlb::StreamingDma dma) {
  const ByteSource own{Kind::Buffer, step};
  Mapping m{step, orig, tlb, size, dma, ByteContent(own), ByteContent(own), ByteContent(own)};
  mappings_.insert_or_assign(id, std::move(m));
}

void DmaDataSpec::allocated(std::size_t step, std::uint64_t page, std::uint64_t bytes) {
  pool_.fill(page, page + bytes, ByteSource{Kind::Coherent, step}, 0);
}

void DmaDataSpec::deviceWrote(int id, std::size_t step, std::uint64_t offset, std::uint64_t bytes) {
  Mapping& m = mappings_.at(id);
  const ByteSource written{Kind::DeviceWrite, step};
  m.deviceView.fill(offset, offset + bytes, written, 0);
  pool_.fill(m.tlb + offset, m.tlb + offset + bytes, written, 0);  // the device writes through its DMA address
}

void DmaDataSpec::synced(int id, Direction side, std::uint64_t offset, std::uint64_t bytes) {
  Mapping& m = mappings_.at(id);
  if (!syncMustBounce(side, m.dma)) return;  // this direction hands nothing over
  if (side == Direction::ToDevice) m.deviceView.copyFrom(m.cpuView, offset, offset, bytes);
  else m.cpuView.copyFrom(m.deviceView, offset, offset, bytes);
}

void DmaDataSpec::unmapped(int id) {
  Mapping& m = mappings_.at(id);
  m.unmapped = true;
  if (unmapMustBounce(m.dma)) m.cpuView.copyFrom(m.deviceView, 0, 0, m.size);
}

void DmaDataSpec::released(int id) { mappings_.erase(id); }

void DmaDataSpec::copied(int id, const swiotlb::BounceCopy& copy) {
  Mapping& m = mappings_.at(id);
  const std::uint64_t lo = copy.origAddr, hi = copy.origAddr + copy.bytes;  // orig addresses copied
  const std::uint64_t inLo = std::clamp(lo, m.orig, m.orig + m.size), inHi = std::clamp(hi, m.orig, m.orig + m.size);
  const auto tlbOf = [&](std::uint64_t origAddr) { return copy.tlbAddr + (origAddr - lo); };
  if (copy.way == Direction::ToCpu) {  // only the part inside the buffer lands in it
    if (inLo < inHi) m.buffer.copyFrom(pool_, tlbOf(inLo), inLo - m.orig, inHi - inLo);
    return;
  }
  const ByteSource outside{Kind::Outside, 0};
  if (lo < inLo) pool_.fill(tlbOf(lo), tlbOf(std::min(hi, inLo)), outside, lo);
  if (inLo < inHi) pool_.copyFrom(m.buffer, inLo - m.orig, tlbOf(inLo), inHi - inLo);
  if (std::max(lo, inHi) < hi) pool_.fill(tlbOf(std::max(lo, inHi)), tlbOf(hi), outside, std::max(lo, inHi));
}

std::vector<Finding> DmaDataSpec::judge(int id) const {
  const Mapping& m = mappings_.at(id);
  std::vector<Finding> out;
  if (!m.unmapped)
    if (auto d = pool_.firstDifference(m.tlb, m.size, m.deviceView, 0))
      out.push_back({"S-DEVDATA", fmt::format("the device reads {:#x} bytes at tlb {:#x} (offset {:#x} of the map of "
                                              "step {}) holding {}, where it must see {}", d->bytes, m.tlb + d->offset,
                                              d->offset, m.step, describe(d->got, d->gotOffset),
                                              describe(d->want, d->wantOffset))});
  if (auto d = m.buffer.firstDifference(0, m.size, m.cpuView, 0))
    out.push_back({"S-CPUDATA", fmt::format("the CPU's buffer (orig {:#x}, map of step {}) holds {:#x} bytes at offset "
                                            "{:#x} from {}, where it must hold {}", m.orig, m.step, d->bytes, d->offset,
                                            describe(d->got, d->gotOffset), describe(d->want, d->wantOffset))});
  return out;
}

std::vector<int> DmaDataSpec::mappings() const {
  std::vector<int> ids;
  for (const auto& [id, m] : mappings_) ids.push_back(id);
  return ids;
}

}  // namespace dmacheck::model
