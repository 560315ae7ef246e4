/* CUSTOMISED (part of kernel/swiotlb/harness.c, which includes it after the tree's swiotlb.c):
 * the bounces swiotlb.c asks for, recorded in call order for the checker (dmk_memcpy and
 * dmk_memset stand in for the kernel's memcpy and memset, kernel/shims/dmacheck/dma.h). */
#ifndef DMK_SWIOTLB_BOUNCE_RECORD_H
#define DMK_SWIOTLB_BOUNCE_RECORD_H

/* The recorded bounces: copies that touch the pool, in call order. A copy outside the pool,
 * or a memset other than the initialiser's clearing of the pool, is not swiotlb's business
 * and is a BUG here. */
#define MAX_COPIES 16
static struct dmk_swiotlb_copy copies[MAX_COPIES];
static size_t copy_count;
static unsigned long pool_start, pool_end;

DMK_BOOKKEEPING static int in_pool(const void *p) { return (unsigned long)p >= pool_start && (unsigned long)p < pool_end; }

static void dmk_bounce_reset(unsigned long start, unsigned long end) {
  pool_start = start, pool_end = end;
  copy_count = 0;
}

DMK_BOOKKEEPING void *dmk_memcpy(void *dst, const void *src, size_t bytes) {
  if (!in_pool(dst) && !in_pool(src)) dmk_bug(__FILE__, __LINE__, "memcpy outside the bounce pool");
  if (copy_count < MAX_COPIES)
    copies[copy_count++] = (struct dmk_swiotlb_copy){(unsigned long)dst, (unsigned long)src, bytes};
  return dst;
}

DMK_BOOKKEEPING void *dmk_memset(void *dst, int value, size_t bytes) {
  (void)value;
  if (!in_pool(dst) && bytes) dmk_bug(__FILE__, __LINE__, "memset outside the bounce pool");
  return dst;
}

DMK_BOOKKEEPING size_t dmk_swiotlb_copies(struct dmk_swiotlb_copy *out, size_t max) {
  const size_t n = copy_count < max ? copy_count : max;
  for (size_t i = 0; i < n; ++i) out[i] = copies[i];
  copy_count = 0;
  return n;
}

#endif
