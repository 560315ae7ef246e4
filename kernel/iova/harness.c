/* CUSTOMISED: the C face of a kernel tree's drivers/iommu/iova.c for dmacheck. The tree's
 * file is compiled unmodified as part of this one (as tools/testing/vma includes mm/vma.c),
 * so its static functions and private structures are reachable: the harness reads the
 * rbtree and the range caches as they are, and calls the per-CPU flush the CPU-hotplug and
 * teardown paths use. Built per tree by `dmacheck kernel`; DMK_TREE_C names the tree's file,
 * and kernel/iova/tree_recipe.cpp sets, from the tree's text:
 *   DMK_DEPOT_LIST        the depot is a list of full magazines (v6.7 on), not an array
 *   DMK_RCACHES_IN_INIT   init_iova_domain() sets the range caches up itself (older trees)
 *   DMK_RCACHE_ARRAY      the range caches are an array inside the domain, never NULL
 *   DMK_NO_TO_IOVA        the tree has no to_iova() helper
 *   DMK_NO_GLOBAL_FLUSH   no free_global_cached_iovas(): a failed allocation empties the CPUs'
 *                         caches only; teardown gives the depot back as put_iova_domain() would
 *   DMK_CPUHP_IN_DRIVER   iova.c registers no CPU-hotplug teardown: the IOMMU driver freed a
 *                         dead CPU's cached IOVAs (intel-iommu did), so the harness does that
 *   DMK_ROUND_IN_CALLER   alloc_iova_fast() takes the size as given: its caller, dma-iommu.c,
 *                         rounded small sizes up to a power of two (older trees), so the
 *                         harness does, as that caller did
 *   DMK_FQ_IN_IOVA        the flush queue is iova.c's own (before v5.17 moved it to dma-iommu.c):
 *                         the lazy unmap goes through the tree's queue_iova(), its timer and its
 *                         flush callback, which asks the checker's IOMMU for the flush
 *   DMK_DMA_IOMMU_C       names the tree's dma-iommu.c where it holds the flush queue (v5.17 on):
 *                         dma_iommu_layer.c builds it above iova.c, the domain is its cookie's, and
 *                         the fq_* calls below reach its queue */
#include DMK_TREE_C

#include "runtime.h"
#include "kernel/iova/harness_abi.h"

#ifdef DMK_NO_TO_IOVA
#define to_iova(node) rb_entry((node), struct iova, node)
#endif

static struct iova_domain own_domain; /* where dma-iommu.c is not built */
static struct iova_domain* dom = &own_domain;
static int live;

/* CPU time after which a call counts as hung (I-TERM): every iova.c call walks at most the
 * tree's few hundred nodes and a few magazines, far below this even under ASan. */
#define DMK_IOVA_WATCHDOG_MS 200
#define ENTER() DMK_WATCHED_ENTRY(DMK_IOVA_WATCHDOG_MS, DMK_BUG, DMK_HUNG)

#ifdef DMK_DMA_IOMMU_C
#include "kernel/iova/dma_iommu_layer.c"
#else
int dmk_iova_dma_layer(void) { return 0; }
int dmk_iova_dma_map(unsigned long pages, unsigned long limit_pfn, unsigned int cpu, unsigned long* pfn) {
  (void)pages, (void)limit_pfn, (void)cpu, (void)pfn;
  return DMK_UNSUPPORTED;
}
int dmk_iova_dma_unmap(unsigned long pfn, unsigned long pages, unsigned int cpu, int* warned) {
  (void)pfn, (void)pages, (void)cpu, (void)warned;
  return DMK_UNSUPPORTED;
}
int dmk_iova_dma_switch_lazy(void) { return DMK_UNSUPPORTED; }
#endif

static __maybe_unused int create_own_domain(const struct dmk_iova_config* c) {
  init_iova_domain(dom, 1UL << c->granule_shift, c->start_pfn);
#ifndef DMK_RCACHES_IN_INIT
  if (iova_domain_init_rcaches(dom)) return DMK_NOMEM;
#endif
  return 0;
}

int dmk_iova_create(const struct dmk_iova_config* config, const struct dmk_iommu_hw* hw) {
  if (live) return DMK_BUSY;
  dmk_reset(config->cpus);
  ENTER();
  if (iova_cache_get()) return DMK_NOMEM;
#ifdef DMK_DMA_IOMMU_C
  const int created = layer_create(config, hw);
#else
  (void)hw;
  const int created = create_own_domain(config);
#endif
  if (created) return created;
  /* dma_32bit_pfn follows from the granule in the kernel; the checker's configuration may
   * place it elsewhere, and the model reads it from there. */
  dom->dma_32bit_pfn = config->dma32_pfn;
  dom->max32_alloc_size = config->dma32_pfn;
  live = 1;
  return 0;
}

int dmk_iova_destroy(void) {
  if (!live) return 0;
  live = 0;
  ENTER();
#ifdef DMK_DMA_IOMMU_C
  layer_destroy();
#else
  put_iova_domain(dom);
#endif
  iova_cache_put();
  return 0;
}

int dmk_iova_alloc(unsigned long size, unsigned long limit_pfn, int fast, int size_aligned, unsigned int cpu,
                   unsigned long *pfn) {
  ENTER();
  dmk_current_cpu = cpu;
  if (fast) {
#ifdef DMK_ROUND_IN_CALLER
    if (size < (1UL << (IOVA_RANGE_CACHE_MAX_SIZE - 1))) size = roundup_pow_of_two(size);
#endif
    *pfn = alloc_iova_fast(dom, size, limit_pfn, true);
    return 0;
  }
  struct iova* iova = alloc_iova(dom, size, limit_pfn, size_aligned);
  *pfn = iova ? iova->pfn_lo : 0;
  return 0;
}

int dmk_iova_free(unsigned long pfn, unsigned long size, int fast, unsigned int cpu) {
  ENTER();
  dmk_current_cpu = cpu;
  if (fast)
    free_iova_fast(dom, pfn, size);
  else
    free_iova(dom, pfn);
  return 0;
}

int dmk_iova_reserve(unsigned long lo, unsigned long hi) {
  ENTER();
  return reserve_iova(dom, lo, hi) ? 0 : DMK_NOMEM;
}

int dmk_iova_cpu_dead(unsigned int cpu) {
  ENTER();
#ifdef DMK_CPUHP_IN_DRIVER
  free_cpu_cached_iovas(cpu, dom);
  return 0;
#else
  return dmk_cpu_dead(cpu);
#endif
}

int dmk_iova_flush_caches(void) {
  ENTER();
  unsigned int cpu;
  for_each_possible_cpu(cpu) free_cpu_cached_iovas(cpu, dom);
#ifndef DMK_NO_GLOBAL_FLUSH
  free_global_cached_iovas(dom);
#else
  /* Teardown in a tree without free_global_cached_iovas(): put_iova_domain() frees the depot's
   * magazines together with the rbtree, so their pfns go back first, as teardown leaves them. */
  for (unsigned int order = 0; order < IOVA_RANGE_CACHE_MAX_SIZE; ++order) {
    struct iova_rcache* rcache = &dom->rcaches[order];
    while (rcache->depot_size) {
      struct iova_magazine *mag = rcache->depot[--rcache->depot_size];
      iova_magazine_free_pfns(mag, dom);
      iova_magazine_free(mag);
    }
  }
#endif
  return 0;
}

int dmk_iova_clock(unsigned long now_ms) {
  ENTER();
  jiffies = now_ms;
  dmk_run_due_work();
  return 0;
}

size_t dmk_iova_busy(unsigned long *lo_hi, size_t max) {
  size_t n = 0;
  for (struct rb_node* node = rb_first(&dom->rbroot); node; node = rb_next(node)) {
    const struct iova *iova = to_iova(node);
    if (iova->pfn_lo == IOVA_ANCHOR) continue;
    if (n < max) lo_hi[2 * n] = iova->pfn_lo, lo_hi[2 * n + 1] = iova->pfn_hi;
    ++n;
  }
  return n;
}

static size_t list_magazine(const struct iova_magazine *mag, unsigned long size, unsigned int order, unsigned int cpu,
                            unsigned long *out, size_t n, size_t max) {
  for (unsigned long i = 0; i < size; ++i, ++n)
    if (n < max) out[3 * n] = order, out[3 * n + 1] = mag->pfns[i], out[3 * n + 2] = cpu;
  return n;
}

size_t dmk_iova_cached(unsigned long *order_pfn_cpu, size_t max) {
  size_t n = 0;
#ifndef DMK_RCACHE_ARRAY
  if (!dom->rcaches) return 0;
#endif
  for (unsigned int order = 0; order < IOVA_RANGE_CACHE_MAX_SIZE; ++order) {
    struct iova_rcache* rcache = &dom->rcaches[order];
    unsigned int cpu;
    for_each_possible_cpu(cpu) {
      struct iova_cpu_rcache *c = per_cpu_ptr(rcache->cpu_rcaches, cpu);
      n = list_magazine(c->loaded, c->loaded->size, order, cpu, order_pfn_cpu, n, max);
      n = list_magazine(c->prev, c->prev->size, order, cpu, order_pfn_cpu, n, max);
    }
#ifdef DMK_DEPOT_LIST
    for (struct iova_magazine *mag = rcache->depot; mag; mag = mag->next)  /* depot magazines are full */
      n = list_magazine(mag, IOVA_MAG_SIZE, order, ~0u, order_pfn_cpu, n, max);
#else
    for (unsigned long j = 0; j < rcache->depot_size; ++j)
      n = list_magazine(rcache->depot[j], rcache->depot[j]->size, order, ~0u, order_pfn_cpu, n, max);
#endif
  }
  return n;
}

/* The tree's own flush queue, where iova.c has one. */
#ifdef DMK_FQ_IN_IOVA
static void (*flush_all)(void *context);
static void *flush_context;
static void flush_through_checker(struct iova_domain *iovad) {
  (void)iovad;
  flush_all(flush_context);
}
#endif

int dmk_iova_has_flush_queue(void) {
#if defined(DMK_FQ_IN_IOVA) || defined(DMK_DMA_IOMMU_C)
  return 1;
#else
  return 0;
#endif
}

int dmk_iova_fq_start(void (*flush)(void *context), void *context) {
#ifdef DMK_FQ_IN_IOVA
  ENTER();
  flush_all = flush, flush_context = context;
  return init_iova_flush_queue(dom, flush_through_checker, NULL) ? DMK_NOMEM : 0;
#else
  (void)flush, (void)context;
  return DMK_UNSUPPORTED;
#endif
}

int dmk_iova_fq_queue(unsigned long pfn, unsigned long pages, unsigned int cpu) {
#ifdef DMK_FQ_IN_IOVA
  ENTER();
  dmk_current_cpu = cpu;
  queue_iova(dom, pfn, pages, 0);
  return 0;
#else
  (void)pfn, (void)pages, (void)cpu;
  return DMK_UNSUPPORTED;
#endif
}

/* Teardown: what the queue's timer does when it fires, flush and free every entry. */
int dmk_iova_fq_drain(void) {
#ifdef DMK_FQ_IN_IOVA
  ENTER();
  if (has_iova_flush_queue(dom)) fq_flush_timeout(&dom->fq_timer);
  return 0;
#elif defined(DMK_DMA_IOMMU_C)
  ENTER();
  layer_drain();
  return 0;
#else
  return DMK_UNSUPPORTED;
#endif
}

size_t dmk_iova_fq_queued(unsigned long *pfn_pages, size_t max) {
  size_t n = 0;
#ifdef DMK_FQ_IN_IOVA
  if (!has_iova_flush_queue(dom)) return 0;
  unsigned int cpu;
  for_each_possible_cpu(cpu) {
    struct iova_fq* fq = per_cpu_ptr(dom->fq, cpu);
    unsigned int idx;
    fq_ring_for_each(idx, fq) {
      if (n < max) pfn_pages[2 * n] = fq->entries[idx].iova_pfn, pfn_pages[2 * n + 1] = fq->entries[idx].pages;
      ++n;
    }
  }
#elif defined(DMK_DMA_IOMMU_C)
  n = layer_queued(pfn_pages, max);
#else
  (void)pfn_pages, (void)max;
#endif
  return n;
}

const char *dmk_iova_bug(void) { return dmk_bug_message(); }
const char *dmk_iova_log(void) { return dmk_log_text(); }
