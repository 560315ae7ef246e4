/* The C interface between dmacheck and a tree's kernel/dma/swiotlb.c built by `dmacheck
 * kernel` (kernel/swiotlb/harness.c). Physical addresses are the trace's own numbers: the
 * pool is never touched as memory, and the bounce copies swiotlb.c asks for are recorded,
 * not performed. Error codes are the iova harness's (DMK_BUG: the call hit a BUG and the
 * pool must not be used again), plus DMK_HUNG: the call ran past the watchdog. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { DMK_SWIOTLB_BUG = -1000, DMK_SWIOTLB_BUSY = -1001, DMK_SWIOTLB_HUNG = -1003,
       DMK_SWIOTLB_NOSPACE = -1004, DMK_SWIOTLB_UNSUPPORTED = -1005 /* the tree has no such call */ };

struct dmk_swiotlb_config {
  unsigned long start;            /* physical (== DMA) address of slot 0 */
  unsigned long nslabs;
  unsigned int nareas;
  unsigned int page_shift;        /* PAGE_SHIFT of the simulated kernel: 12, 14 or 16 */
  unsigned int min_align_mask;    /* dma_get_min_align_mask() */
  unsigned long seg_boundary_mask;
  unsigned int cpus;
  unsigned int watchdog_ms;       /* CPU time a call may take before it counts as hung */
};

/* What the last map or alloc wrote: the slots whose metadata it claimed, [first, first + count). */
struct dmk_swiotlb_claim {
  unsigned long first, count;
};

/* One copy swiotlb.c asked for (memcpy between the caller's buffer and the pool). */
struct dmk_swiotlb_copy {
  unsigned long dst, src, bytes;
};

/* Where the tree's slot and area arrays are, so the checker reads them in place. */
struct dmk_swiotlb_layout {
  const void *slots;
  size_t slot_size, list_offset, list_size;             /* list: unsigned int, unsigned short from v6.6 */
  const void *areas;
  size_t area_size, area_index_offset, area_used_offset, area_used_size;
  unsigned long nslabs, area_nslabs;
  unsigned int nareas;
};

int dmk_swiotlb_create(const struct dmk_swiotlb_config *config);
int dmk_swiotlb_destroy(void);
/* swiotlb_tbl_map_single(): 0 and *tlb, or DMK_SWIOTLB_NOSPACE / HUNG / BUG. `dir` is an enum
 * dma_data_direction value; skip_sync non-zero passes DMA_ATTR_SKIP_CPU_SYNC (map and unmap). */
int dmk_swiotlb_map(unsigned int cpu, unsigned long orig, size_t size, unsigned int align_mask, int dir,
                    int skip_sync, unsigned long *tlb, struct dmk_swiotlb_claim *claim);
/* swiotlb_alloc(): 0 and the page's physical address, or an error as for map;
 * DMK_SWIOTLB_UNSUPPORTED (and for free too) when the tree has none. */
int dmk_swiotlb_alloc(unsigned int cpu, size_t size, unsigned long *page, struct dmk_swiotlb_claim *claim);
/* swiotlb_tbl_unmap_single(); align_mask gives the alloc_size of trees that take one. */
int dmk_swiotlb_unmap(unsigned long tlb, size_t size, unsigned int align_mask, int dir, int skip_sync);
int dmk_swiotlb_free(unsigned long page, size_t size);
int dmk_swiotlb_sync(unsigned long tlb, size_t size, int to_device, int dir);
size_t dmk_swiotlb_max_mapping_size(void);
/* 1 when the tree has swiotlb_alloc()/swiotlb_free(), 0 when a trace's allocations cannot run. */
int dmk_swiotlb_has_alloc(void);
int dmk_swiotlb_get_layout(struct dmk_swiotlb_layout *layout);
/* The copies recorded since the last call to this function. */
size_t dmk_swiotlb_copies(struct dmk_swiotlb_copy *out, size_t max);
const char *dmk_swiotlb_bug(void);
const char *dmk_swiotlb_log(void);

#ifdef __cplusplus
}
#endif
