#pragma once
// SlotPool: our re-implementation of the kernel's SWIOTLB slot allocator (kernel/dma/
// swiotlb.c: the slot metadata, per-area search, release with merging, and bounce), with
// one variant's rules switched in. Written in our own words from docs/swiotlb.md; no
// kernel code. It mirrors the kernel's data layout (free-run `list`, per-slot orig_addr,
// alloc_size, pad_slots, per-area index/used) because that layout is where the bugs live.
//
// It must survive the bugs it reproduces: slot metadata carries a guard segment past the
// pool end, so an allocation that runs off the pool (SW-TRANSIENT-OOB) lands in memory we
// own and the checker reports it, and every search runs under a probe budget so an
// endless loop (SW-DEADLOCK) comes back as NonTerminating instead of hanging.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "impl/swiotlb/variant.h"
#include "model/swiotlb/allocator.h"

namespace dmacheck::impl {

class SlotPool final : public swiotlb::SlotAllocator {
 public:
  SlotPool(const swiotlb::Config& config, const Rules& rules);

  // swiotlb_tbl_map_single(): search, record the original, bounce to the device.
  swiotlb::MapResult map(const swiotlb::MapRequest& request, std::uint64_t probeBudget) override;
  // swiotlb_alloc(): a coherent allocation; the caller will use PFN_DOWN(tlbAddr).
  swiotlb::MapResult alloc(const swiotlb::AllocRequest& request, std::uint64_t probeBudget) override;
  // swiotlb_tbl_unmap_single(): the bounce back its direction asks for, then the release.
  swiotlb::BounceResult unmap(std::uint64_t tlbAddr, std::uint64_t size, std::uint32_t allocAlignMask,
                              swiotlb::StreamingDma dma) override;
  // swiotlb_free(): the caller hands back the page it was given.
  void free(std::uint64_t pageAddr, std::uint64_t size) override;
  // swiotlb_sync_single_for_{cpu,device}(): one bounce of `size` bytes at tlbAddr, if due.
  swiotlb::BounceResult sync(std::uint64_t tlbAddr, std::uint64_t size, swiotlb::Direction side,
                             swiotlb::StreamingDma dma) override;

  std::uint64_t maxMappingSize() const override;  // swiotlb_max_mapping_size()

  // The abstraction function: slot i is in use iff its free-run length is 0.
  std::vector<bool> usedSlots() const override;
  // S-MD: the first inconsistency in the metadata, if any.
  std::optional<std::string> metadataProblem() const override;
  std::pair<std::uint32_t, std::uint32_t> takeChangedSlots() override;
  bool slotInUse(std::uint32_t slot) const override;
  std::optional<std::uint32_t> firstUsageMismatch(std::uint32_t first, std::uint32_t last,
                                                 const std::uint8_t* expected) const override;
  std::optional<std::string> metadataProblemAround(std::uint32_t first, std::uint32_t last) const override;
  std::uint32_t areaIndex(std::uint32_t area) const override { return areas_.at(area).index; }
  std::uint32_t areaCount() const { return static_cast<std::uint32_t>(areas_.size()); }

 private:
  struct Slot {
    std::uint64_t origAddr;
    std::uint64_t allocSize;
    std::uint32_t list;
    std::uint32_t padSlots;
  };
  struct Area {
    std::uint32_t index = 0;
    std::uint32_t used = 0;
  };
  struct Found {
    bool ok = false;
    bool nonTerminating = false;
    std::uint32_t slot = 0;
    swiotlb::SearchNote note;
  };

  Found findSlots(std::uint32_t cpu, std::uint64_t orig, std::uint64_t allocSize,
                  std::uint32_t allocAlign, std::uint64_t& probes, std::uint64_t budget);
  Found searchArea(std::uint32_t area, std::uint64_t orig, std::uint64_t allocSize,
                   std::uint32_t allocAlign, std::uint64_t& probes, std::uint64_t budget);
  void claim(std::uint32_t area, std::uint32_t slot, std::uint32_t areaRelative,
             std::uint32_t nslots, std::uint64_t allocSize, std::uint64_t lowOffset);
  void release(std::uint64_t tlbAddr, std::optional<std::uint64_t> callerSize);
  // swiotlb_bounce(): `size` bytes at tlbAddr copied `way`, translated by the bounce rule.
  swiotlb::BounceResult bounce(std::uint64_t tlbAddr, std::uint64_t size, swiotlb::Direction way);
  bool crossesBoundary(std::uint32_t slot, std::uint32_t nslots) const;
  std::uint32_t wrap(std::uint64_t areaRelative) const;
  std::uint64_t slotAddr(std::uint32_t slot) const;
  std::uint64_t lowOffset(std::uint64_t addr) const;
  bool inMetadata(std::uint64_t slot) const { return slot < slots_.size(); }
  void touched(std::uint64_t first, std::uint64_t last);  // records a write of list[first, last)
  std::optional<std::string> freeRunProblem(std::uint32_t first, std::uint32_t last) const;

  swiotlb::Config config_;
  Rules rules_;
  std::uint32_t nslabs_;
  std::uint32_t areaSlabs_;
  unsigned pageShift_;
  std::vector<Slot> slots_;   // nslabs_ slots, then a guard segment (see class comment)
  std::vector<Area> areas_;
  std::uint64_t changedFirst_ = UINT64_MAX, changedLast_ = 0;
};

}  // namespace dmacheck::impl
