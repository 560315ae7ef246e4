/* CUSTOMISED (part of kernel/swiotlb/harness.c, which includes it after the tree's swiotlb.c
 * and its own state): where the tree keeps the slot metadata and the area indexes, handed to
 * the checker as offsets (harness_abi.h), whichever of the three pool shapes the tree has. */
#ifndef DMK_SWIOTLB_POOL_LAYOUT_H
#define DMK_SWIOTLB_POOL_LAYOUT_H

#if defined(DMK_GLOBAL_POOL) || defined(DMK_SINGLE_INDEX)
/* A one-index pool reads as one area covering every slot. */
static void single_area_layout(struct dmk_swiotlb_layout *layout, unsigned long nslabs) {
  copy_single_area();
  layout->areas = &single_area;
  layout->area_size = sizeof(single_area);
  layout->area_index_offset = offsetof(struct dmk_single_area, index);
  layout->area_used_offset = offsetof(struct dmk_single_area, used);
  layout->area_used_size = sizeof(single_area.used);
  layout->nslabs = layout->area_nslabs = nslabs;
  layout->nareas = 1;
}
#endif

int dmk_swiotlb_get_layout(struct dmk_swiotlb_layout *layout) {
  if (!live) return DMK_SWIOTLB_BUSY;
#ifdef DMK_GLOBAL_POOL
  layout->slots = io_tlb_list;
  layout->slot_size = layout->list_size = sizeof(*io_tlb_list);
  layout->list_offset = 0;
  single_area_layout(layout, io_tlb_nslabs);
  return 0;
#else
  const dmk_pool_t *pool = DMK_POOL(mem);
  layout->slots = pool->slots;
  layout->slot_size = sizeof(pool->slots[0]);
  layout->list_offset = offsetof(struct io_tlb_slot, list);
  layout->list_size = sizeof(pool->slots[0].list);
#ifdef DMK_SINGLE_INDEX
  single_area_layout(layout, pool->nslabs);
#else
  layout->areas = pool->areas;
  layout->area_size = sizeof(pool->areas[0]);
  layout->area_index_offset = offsetof(struct io_tlb_area, index);
  layout->area_used_offset = offsetof(struct io_tlb_area, used);
  layout->area_used_size = sizeof(pool->areas[0].used);
  layout->nslabs = pool->nslabs;
  layout->area_nslabs = pool->area_nslabs;
  layout->nareas = pool->nareas;
#endif
  return 0;
#endif
}

#endif
