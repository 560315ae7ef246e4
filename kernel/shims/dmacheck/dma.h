/* CUSTOMISED: the DMA world swiotlb.c lives in, as the harness drives it. One device whose
 * min_align_mask and segment boundary come from the trace; physical, DMA and virtual
 * addresses are one number (phys_to_virt() is the identity, never dereferenced); struct
 * page is a pfn in disguise; and, under DMK_BOUNCE_MEMORY, memcpy/memset become records of
 * the copy swiotlb.c asked for (kernel/swiotlb/harness.c keeps them), so the checker sees
 * exactly what bounced where without any memory behind the pool. */
#pragma once
#include "dmacheck/customised.h"

/* PAGE_SIZE of the simulated kernel: a variable here, as traces choose 4K, 16K or 64K. */
extern unsigned int dmk_page_shift;
#ifdef DMK_RUNTIME_PAGE_SHIFT
#undef PAGE_SHIFT
#undef PAGE_SIZE
#define PAGE_SHIFT dmk_page_shift
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#endif
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN((addr), PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
static inline int get_order(unsigned long size) {
  return size <= PAGE_SIZE ? 0 : fls_long((size - 1) >> PAGE_SHIFT);
}

/* struct page: pfn + 1, so that pfn 0 is not NULL. No memory behind it, and no highmem. */
struct page;
#define pfn_to_page(pfn) ((struct page *)((unsigned long)(pfn) + 1))
#define page_to_pfn(page) ((unsigned long)(page) - 1)
#define page_to_phys(page) PFN_PHYS(page_to_pfn(page))
#define virt_to_page(addr) pfn_to_page(PHYS_PFN((unsigned long)(addr)))
#define PageHighMem(page) ((void)(page), 0)
#define PhysHighMem(phys) ((void)(phys), 0)
#define phys_to_virt(p) ((void *)(unsigned long)(p))
#define virt_to_phys(v) ((phys_addr_t)(unsigned long)(v))
#define __pa(v) virt_to_phys(v)

/* One device: what dma_get_min_align_mask() and dma_get_seg_boundary() read. */
enum dma_data_direction { DMA_BIDIRECTIONAL = 0, DMA_TO_DEVICE = 1, DMA_FROM_DEVICE = 2, DMA_NONE = 3 };
#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_ATTR_SKIP_CPU_SYNC (1UL << 5)
#define DMA_ATTR_NO_WARN (1UL << 8)
struct device_dma_parameters {
  unsigned int min_align_mask;
  unsigned long segment_boundary_mask;
};
struct io_tlb_mem;
struct dev_iommu;
struct bus_dma_region;
struct dma_map_ops;
struct device {
  struct device_dma_parameters dma_parms;
  struct io_tlb_mem *dma_io_tlb_mem;
  u64 *dma_mask;
  u64 coherent_dma_mask;
  u64 bus_dma_limit;
  struct dev_iommu* iommu;                    /* dma-iommu.c: the device's IOMMU state */
  const struct bus_dma_region* dma_range_map; /* NULL: no bus offset */
  void *of_node, *bus;
  const struct dma_map_ops* dma_ops; /* v6.1: the ops dma-iommu.c installs */
  bool dma_iommu;
};
static inline unsigned int dma_get_min_align_mask(struct device *dev) { return dev->dma_parms.min_align_mask; }
static inline unsigned long dma_get_seg_boundary(struct device *dev) { return dev->dma_parms.segment_boundary_mask; }
#define phys_to_dma(dev, p) ((dma_addr_t)(p))
#define phys_to_dma_unencrypted(dev, p) ((dma_addr_t)(p))
#define dma_to_phys(dev, a) ((phys_addr_t)(a))
#define dma_capable(dev, addr, size, is_ram) true
#define dev_is_dma_coherent(dev) true
#define dma_reset_need_sync(dev) ((void)(dev))
#define arch_sync_dma_for_device(paddr, size, dir) ((void)0)
#define arch_sync_dma_for_cpu(paddr, size, dir) ((void)0)
#define arch_sync_dma_flush() ((void)0) /* v7.x: batched cache maintenance; coherent here */
/* swiotlb.c defined this itself before linux/mm.h took it (v6.19); the same tokens, so a
 * tree that still defines it redefines it identically. */
#define INVALID_PHYS_ADDR (~(phys_addr_t)0)

/* The bounce: copies and clears on pool addresses are recorded, not performed. */
void *dmk_memcpy(void *dst, const void *src, size_t bytes);
void *dmk_memset(void *dst, int value, size_t bytes);
#ifdef DMK_BOUNCE_MEMORY
#undef memcpy
#undef memset
#define memcpy(dst, src, bytes) dmk_memcpy((dst), (src), (bytes))
#define memset(dst, value, bytes) dmk_memset((dst), (value), (bytes))
#endif

#include "dmacheck/boot_stubs.h"
