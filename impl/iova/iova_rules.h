#pragma once
// The rules that tell one kernel version's IOVA logic from another's (docs/iova.md).
// A variant (variants.cpp) is the same code with these switched; each flag names the
// commit that changed it.
namespace dmacheck::impl::iova {

enum class AllocatorKind {
  RbTree,          // drivers/iommu/iova.c behind dma-iommu
  S390NextBit,     // arch/s390/pci/pci_dma.c, first generation: next_bit bumped past lazy frees
  S390LazyBitmap,  // arch/s390/pci/pci_dma.c, second generation: lazy_bitmap folded on wrap
};

struct Rules {
  AllocatorKind allocator = AllocatorKind::RbTree;
  bool inclusiveWalk = false;        // before 973f5fbedb07 (~v4.15): the walk with an inclusive limit and pad
  bool underflowGuard = true;        // 5016bdb796b3 (v4.13): a node at pfn 0 no longer wraps the limit
  bool max32Shortcut = true;         // bee60e94a1e2 (v5.1): max32_alloc_size
  bool max32ResetOnAnyFree = true;   // 5b61343b5059 (v5.18): any free below 4 GiB resets it
  bool max32RemembersLimit = false;  // dmacheck proposal: the shortcut applies only under the failed limit
  bool retryAboveCached = true;      // 4e89dce72521 (v5.11): one retry above the cached node
  bool rcacheChecksRangeEnd = true;  // ~v4.15 "Make rcache limit_pfn handling more robust"
  bool flushDepotOnFailure = true;   // 6fa3525b455a (v5.11): the depot is flushed too
  bool warnOnUnknownPfn = true;      // d3e3d2be688b (v5.9): WARN and skip instead of BUG_ON
  bool depotList = true;             // v6.7: depot as a list trimmed by delayed work
  bool singleQueue = true;           // 32d5bc8b09c7 (v6.7): one global flush queue when asked
  bool runtimeLazySwitch = true;     // bf3aed4660c6 (v5.15): sysfs DMA -> DMA_FQ
  bool fqPublishedAfterInit = true;  // "Fix race condition during iova_domain initialization" (~v5.19)
  bool freeOnlyIfUnmapped = false;   // dmacheck proposal: an unmap that cleared nothing frees nothing
};

}  // namespace dmacheck::impl::iova
