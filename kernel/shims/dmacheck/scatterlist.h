/* DUPLICATED: scatterlists as the kernel means them, for dma-iommu.c's map_sg and get_sgtable:
 * one array per table (no chaining), the last entry marked, a page and an offset per entry, and
 * the DMA address and length the mapping gives it. */
#pragma once
#include "dmacheck/dma.h"

struct scatterlist {
  struct page* page;
  unsigned int offset, length;
  dma_addr_t dma_address;
  unsigned int dma_length, dma_flags;
  bool last;
};
struct sg_table {
  struct scatterlist* sgl;
  unsigned int nents, orig_nents;
};
#define SG_DMA_BUS_ADDRESS (1 << 0)
#define SG_DMA_SWIOTLB (1 << 1)
#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_len(sg) ((sg)->dma_length)
#define sg_page(sg) ((sg)->page)
#define sg_phys(sg) (page_to_phys((sg)->page) + (sg)->offset)
#define sg_is_last(sg) ((sg)->last)
static inline struct scatterlist* sg_next(struct scatterlist* sg) { return sg->last ? NULL : sg + 1; }
#define for_each_sg(sglist, sg, nr, i) for ((i) = 0, (sg) = (sglist); (i) < (nr); (i)++, (sg) = sg_next(sg))
static inline void sg_set_page(struct scatterlist* sg, struct page* page, unsigned int len, unsigned int offset) {
  sg->page = page, sg->length = len, sg->offset = offset;
}
static inline bool sg_dma_is_bus_address(struct scatterlist* sg) { return sg->dma_flags & SG_DMA_BUS_ADDRESS; }
static inline void sg_dma_mark_bus_address(struct scatterlist* sg) { sg->dma_flags |= SG_DMA_BUS_ADDRESS; }
static inline void sg_dma_unmark_bus_address(struct scatterlist* sg) { sg->dma_flags &= ~SG_DMA_BUS_ADDRESS; }
static inline bool sg_dma_is_swiotlb(struct scatterlist* sg) { return sg->dma_flags & SG_DMA_SWIOTLB; }
static inline void sg_dma_mark_swiotlb(struct scatterlist* sg) { sg->dma_flags |= SG_DMA_SWIOTLB; }
static inline int sg_alloc_table(struct sg_table* table, unsigned int nents, gfp_t gfp) {
  (void)gfp;
  table->sgl = dmk_malloc(sizeof(struct scatterlist) * (nents ? nents : 1), 1);
  table->nents = table->orig_nents = nents;
  if (nents) table->sgl[nents - 1].last = true;
  return 0;
}
static inline void sg_free_table(struct sg_table* table) { dmk_free(table->sgl), table->sgl = NULL; }
static inline int sg_alloc_table_from_pages(struct sg_table* sgt, struct page** pages, unsigned int n_pages,
                                            unsigned int offset, unsigned long size, gfp_t gfp) {
  (void)sgt, (void)pages, (void)n_pages, (void)offset, (void)size, (void)gfp;
  dmk_bug(__FILE__, __LINE__, "sg_alloc_table_from_pages is not driven by the dma-iommu harness");
}
