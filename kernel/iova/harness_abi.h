/* The C interface between dmacheck and a tree's iova.c built by `dmacheck kernel`
 * (kernel/iova/harness.c). Error codes are negative; DMK_BUG means the call hit a BUG
 * (dmk_iova_bug() says where) and the domain must not be used again; DMK_HUNG means the call
 * ran past the watchdog's CPU time (it would never end). */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { DMK_BUG = -1000, DMK_BUSY = -1001, DMK_NOMEM = -1002, DMK_HUNG = -1003, DMK_UNSUPPORTED = -1004 };

/* The domain: the trace's configuration, and the IOMMU below dma-iommu.c where the tree's is built. */
struct dmk_iova_config {
  unsigned int granule_shift, cpus;
  unsigned long start_pfn, dma32_pfn, end_pfn; /* end_pfn: the aperture's last pfn */
  int lazy, single_queue;                      /* DMA_FQ domain; one queue (shadow_on_flush) */
};
/* The checker's IOMMU, called by our core below the tree's dma-iommu.c; pfns in granules. */
struct dmk_iommu_hw {
  void* context;
  int (*map)(void* context, unsigned long pfn, unsigned long pages);             /* 0: already mapped */
  unsigned long (*unmap)(void* context, unsigned long pfn, unsigned long pages); /* granules cleared */
  void (*sync)(void* context, unsigned long pfn, unsigned long pages);           /* iotlb_sync of a range */
  void (*flush_all)(void* context);                                              /* flush_iotlb_all */
};
int dmk_iova_create(const struct dmk_iova_config* config, const struct dmk_iommu_hw* hw);
int dmk_iova_destroy(void);
int dmk_iova_alloc(unsigned long size, unsigned long limit_pfn, int fast, int size_aligned, unsigned int cpu,
                   unsigned long *pfn);  /* alloc_iova_fast (fast) or alloc_iova; *pfn = 0 when it fails */
int dmk_iova_free(unsigned long pfn, unsigned long size, int fast, unsigned int cpu);  /* free_iova_fast or free_iova */
int dmk_iova_reserve(unsigned long lo, unsigned long hi);
int dmk_iova_cpu_dead(unsigned int cpu);
int dmk_iova_flush_caches(void);  /* every CPU's magazines and the depot back to the tree */
int dmk_iova_clock(unsigned long now_ms);
size_t dmk_iova_busy(unsigned long *lo_hi, size_t max);             /* ranges in the rbtree, sorted */
size_t dmk_iova_cached(unsigned long *order_pfn_cpu, size_t max);   /* pfns in the range caches */
/* The flush queue of trees that keep it in iova.c (before v5.17); DMK_UNSUPPORTED elsewhere.
 * fq_start sets it up with a flush callback that calls `flush(context)`. */
int dmk_iova_has_flush_queue(void);
int dmk_iova_fq_start(void (*flush)(void *context), void *context);
int dmk_iova_fq_queue(unsigned long pfn, unsigned long pages, unsigned int cpu);  /* queue_iova() */
int dmk_iova_fq_drain(void);                                                    /* flush, free all */
size_t dmk_iova_fq_queued(unsigned long *pfn_pages, size_t max);
/* The tree's dma-iommu.c above iova.c (v5.17 on), else DMK_UNSUPPORTED: the DMA API's map and
 * unmap of one trusted device, and the sysfs switch of a live domain to lazy. With it, the flush
 * queue calls above (fq_*) are dma-iommu.c's queue; fq_start and fq_queue are not used. */
int dmk_iova_dma_layer(void);
int dmk_iova_dma_map(unsigned long pages, unsigned long limit_pfn, unsigned int cpu, unsigned long* pfn);
int dmk_iova_dma_unmap(unsigned long pfn, unsigned long pages, unsigned int cpu, int* warned);
int dmk_iova_dma_switch_lazy(void);
const char *dmk_iova_bug(void);
const char *dmk_iova_log(void);

#ifdef __cplusplus
}
#endif
