#pragma once
// SlotAllocator: the interface every SWIOTLB implementation offers the checker — our
// re-implementation with any variant's rules today, the kernel's own swiotlb.c built in
// userspace tomorrow. Each call is one kernel entry point; usedSlots() is the abstraction
// function that lets the checker compare the implementation's state with the model's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/swiotlb/api.h"

namespace dmacheck::swiotlb {

class SlotAllocator {
 public:
  virtual ~SlotAllocator() = default;
  // A search that probes more than `probeBudget` candidate slots reports NonTerminating.
  virtual MapResult map(const MapRequest& request, std::uint64_t probeBudget) = 0;
  virtual MapResult alloc(const AllocRequest& request, std::uint64_t probeBudget) = 0;
  // The caller passes the mapping size and, like dma-iommu, the alloc_align_mask it mapped
  // with (kernels up to v5.11 freed the caller's alloc_size rather than a stored one); the
  // answer is the bounce back to the CPU, if the unmap made one.
  virtual BounceResult unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask,
                             StreamingDma dma) = 0;
  virtual void free(std::uint64_t pageAddr, std::uint64_t size) = 0;
  // A sync handing [tlbAddr, tlbAddr + size) of a streaming map to `side`.
  virtual BounceResult sync(std::uint64_t tlbAddr, std::uint64_t size, Direction side, StreamingDma dma) = 0;
  virtual std::uint64_t maxMappingSize() const = 0;
  virtual std::vector<bool> usedSlots() const = 0;
  virtual std::optional<std::string> metadataProblem() const = 0;

  // Cheap per-step checking. The slots whose free-run metadata was written since the last
  // call, as [first, last); an allocator that does not track its writes reports all of them.
  virtual std::pair<std::uint32_t, std::uint32_t> takeChangedSlots() { return {0, UINT32_MAX}; }
  virtual bool slotInUse(std::uint32_t slot) const { return usedSlots()[slot]; }
  // The first slot of [first, last) whose use differs from expected[slot - first] (one call
  // per step instead of one per slot).
  virtual std::optional<std::uint32_t> firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                         const std::uint8_t* expected) const {
    for (std::uint32_t s = first; s < last; ++s)
      if (slotInUse(s) != (expected[s - first] != 0)) return s;
    return std::nullopt;
  }
  // Metadata problems among slots [first, last) and the slot before them (its free run
  // depends on its successor); the full metadataProblem() also checks per-area accounting.
  virtual std::optional<std::string> metadataProblemAround(std::uint32_t, std::uint32_t) const {
    return metadataProblem();
  }
  virtual std::uint32_t areaIndex(std::uint32_t area) const = 0;
};

}  // namespace dmacheck::swiotlb
