#pragma once
// A kernel tree's own kernel/dma/swiotlb.c (built by `dmacheck kernel`, loaded from a shared
// library) as the checker's SlotAllocator. Every call is the tree's entry point as a
// driver reaches it: swiotlb_tbl_map_single (as dma-iommu calls it, with alloc_align_mask),
// swiotlb_alloc/swiotlb_free (a restricted-DMA pool), swiotlb_tbl_unmap_single and the two
// syncs. Placements are the slots the call wrote, bounces the copies it asked for, and the
// used slots and free-run metadata are read in place from the tree's own arrays.
#include <memory>

#include "kernel/swiotlb/kernel_swiotlb_library.h"
#include "model/swiotlb/allocator.h"

namespace dmacheck::kernel {

class KernelSlotPool final : public swiotlb::SlotAllocator {
 public:
  KernelSlotPool(std::shared_ptr<const KernelSwiotlbLibrary> library, const swiotlb::Config& config);
  ~KernelSlotPool() override;

  // The probe budget does not reach the tree's code: a call that runs past the harness's
  // CPU-time watchdog is reported as NonTerminating instead.
  swiotlb::MapResult map(const swiotlb::MapRequest& request, std::uint64_t probeBudget) override;
  swiotlb::MapResult alloc(const swiotlb::AllocRequest& request, std::uint64_t probeBudget) override;
  swiotlb::BounceResult unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask,
                              swiotlb::StreamingDma dma) override;
  void free(std::uint64_t pageAddr, std::uint64_t size) override;
  swiotlb::BounceResult sync(std::uint64_t tlbAddr, std::uint64_t size, swiotlb::Direction side,
                             swiotlb::StreamingDma dma) override;
  std::uint64_t maxMappingSize() const override;

  std::vector<bool> usedSlots() const override;
  std::optional<std::string> metadataProblem() const override;
  bool slotInUse(std::uint32_t slot) const override { return list(slot) == 0; }
  // The slots whose free-run length differs from the last call's (a shadow copy is kept).
  std::pair<std::uint32_t, std::uint32_t> takeChangedSlots() override;
  std::optional<std::uint32_t> firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                 const std::uint8_t* expected) const override;
  std::optional<std::string> metadataProblemAround(std::uint32_t first, std::uint32_t last) const override;
  std::uint32_t areaIndex(std::uint32_t area) const override;

 private:
  std::uint64_t list(std::uint32_t slot) const;
  std::uint64_t areaUsed(std::uint32_t area) const;
  // Throws KernelBug when the tree's code hit a BUG.
  int call(int result, const char* what);
  swiotlb::MapResult searched(int result, const dmk_swiotlb_claim& claim, std::uint64_t address, std::uint32_t cpu,
                              const char* what);
  // The copy swiotlb.c asked for since the last call in direction `dir`, and any WARN it printed.
  swiotlb::BounceResult takeBounce(swiotlb::Direction dir);

  std::shared_ptr<const KernelSwiotlbLibrary> lib_;
  swiotlb::Config config_;
  dmk_swiotlb_layout layout_{};
  std::size_t logSeen_ = 0;
  std::vector<std::uint32_t> shadowLists_;
};

}  // namespace dmacheck::kernel
