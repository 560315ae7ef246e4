#pragma once
// An allocator that is nothing but the model: it places every request at the model's own
// witness and bounces exactly what the model expects. The generic property must hold on
// it; if it does not, the property (or the generator) is wrong, not an allocator. This is
// how the conformance suite itself is checked (exemplars practice 3).
#include "model/swiotlb/allocator.h"
#include "model/swiotlb/dma_data_spec.h"
#include "model/swiotlb/slot_spec.h"

namespace dmacheck::swiotlb {

class ReferenceAllocator final : public SlotAllocator {
 public:
  explicit ReferenceAllocator(const Config& config);
  MapResult map(const MapRequest& request, std::uint64_t probeBudget) override;
  MapResult alloc(const AllocRequest& request, std::uint64_t probeBudget) override;
  BounceResult unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask, StreamingDma dma) override;
  void free(std::uint64_t pageAddr, std::uint64_t size) override;
  BounceResult sync(std::uint64_t tlbAddr, std::uint64_t size, Direction side, StreamingDma dma) override;
  std::uint64_t maxMappingSize() const override;
  std::vector<bool> usedSlots() const override { return spec_.usedSlots(); }
  bool slotInUse(std::uint32_t slot) const override { return spec_.slotHeld(slot); }
  std::optional<std::string> metadataProblem() const override { return std::nullopt; }
  std::uint32_t areaIndex(std::uint32_t) const override { return 0; }

 private:
  struct Mapping {
    int id;
    std::uint64_t orig;
    std::uint64_t tlb;
    std::uint64_t size;
  };
  // Records the model's witness (if any) as the answer; orig 0 marks a coherent allocation.
  MapResult place(std::optional<Placement> witness, std::uint64_t orig, std::uint64_t size);
  void releaseHolding(std::uint64_t addr);
  Config config_;
  model::SlotSpec spec_;
  std::vector<Mapping> mappings_;
};

}  // namespace dmacheck::swiotlb
