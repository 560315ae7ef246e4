/* CUSTOMISED: the tree's drivers/iommu/dma-iommu.c above its iova.c, #included by harness.c
 * when the tree's dma-iommu.c holds the flush queue (v5.17 on; DMK_DMA_IOMMU_C names it).
 *
 * One trusted device behind one DMA domain. A trace's map and unmap go through the tree's
 * dma_map_resource()/dma_unmap_resource() (v7.x: map_phys/unmap_phys with DMA_ATTR_MMIO),
 * which are __iommu_dma_map()/__iommu_dma_unmap() and nothing else, the calls the trace's
 * operations name. dma_unmap_page() would first ask the page table and WARN on an IOVA it
 * does not map (docs/kernel-dma-iommu.md says what that hides).
 *
 * The IOMMU core below is ours: a page table of mapped runs that reports every map, unmap,
 * range sync and flush-all to the checker (struct dmk_iommu_hw).
 *
 * Flags, from kernel/iova/tree_recipe.cpp:
 *   DMK_INIT_DOMAIN_RANGE     iommu_dma_init_domain() takes the DMA range (v6.1)
 *   DMK_PERCPU_FQ_ONLY        one flush queue per CPU, no single queue (v6.1)
 *   DMK_MAP_PHYS              the resource calls are map_phys/unmap_phys (v7.x)
 *   DMK_PAGES_LIST_EXTERN     iommu-pages.c defines the page-list helpers (v7.x)
 *   DMK_SGT_HANDLE_IN_HEADER  struct dma_sgt_handle is dma-map-ops.h's (v6.1) */
#define CONFIG_IOMMU_DMA 1
#include DMK_DMA_IOMMU_C

#ifdef DMK_PAGES_LIST_EXTERN
/* v7.x's page-table page helpers live in iommu-pages.c: our page table frees no table pages. */
void iommu_put_pages_list(struct iommu_pages_list* list) { (void)list; }
void iommu_free_pages(void* virt) { (void)virt; }
void* iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size) {
  (void)nid, (void)gfp, (void)size;
  DMK_NOT_DRIVEN("iommu_alloc_pages_node_sz");
}
#endif

/* A buffer's physical address: any page-aligned non-zero number (nothing dereferences it). */
#define DMK_BUFFER_PHYS (1UL << 40)

struct mapped_run {
  unsigned long pfn, pages;
  phys_addr_t phys;
};
#define MAX_RUNS 4096
static struct mapped_run runs[MAX_RUNS];
static size_t run_count;
static struct dmk_iommu_hw hw;
static struct iommu_domain dma_domain;
static struct dev_iommu dma_dev_iommu;
static struct device dma_device;
static u64 dma_device_mask;
static unsigned int dma_shift;

static void flush_all(struct iommu_domain* d) { (void)d, hw.flush_all(hw.context); }
static const struct iommu_domain_ops dma_domain_ops = {.flush_iotlb_all = flush_all};

struct iommu_domain* iommu_get_dma_domain(struct device* dev) {
  return (void)dev, &dma_domain;
}
struct iommu_domain* iommu_get_domain_for_dev(struct device* dev) {
  return (void)dev, &dma_domain;
}
void iommu_get_resv_regions(struct device* dev, struct list_head* list) { (void)dev, (void)list; }
void iommu_put_resv_regions(struct device* dev, struct list_head* list) { (void)dev, (void)list; }
bool device_iommu_capable(struct device* dev, enum iommu_cap cap) { return (void)dev, cap == IOMMU_CAP_DEFERRED_FLUSH; }
int iommu_deferred_attach(struct device* dev, struct iommu_domain* domain) { return (void)dev, (void)domain, 0; }

static struct mapped_run* run_holding(unsigned long pfn) {
  for (size_t i = 0; i < run_count; ++i)
    if (pfn >= runs[i].pfn && pfn - runs[i].pfn < runs[i].pages) return &runs[i];
  return NULL;
}

/* The core's checks (granule-aligned, nothing already mapped), then the checker's page table. */
int dmk_iommu_map(struct iommu_domain* domain, unsigned long iova, phys_addr_t paddr, size_t size, int prot) {
  (void)domain, (void)prot;
  const unsigned long granule = 1UL << dma_shift;
  if ((iova | paddr | size) & (granule - 1) || size == 0) return -EINVAL;
  const unsigned long pfn = iova >> dma_shift, pages = size >> dma_shift;
  for (size_t i = 0; i < run_count; ++i)
    if (runs[i].pfn < pfn + pages && pfn < runs[i].pfn + runs[i].pages) return -EEXIST;
  if (run_count == MAX_RUNS) return -ENOMEM;
  if (!hw.map(hw.context, pfn, pages)) return -EEXIST;
  runs[run_count++] = (struct mapped_run){pfn, pages, paddr};
  return 0;
}

/* Each entry at the next IOVA, as the core does; all or nothing. */
ssize_t dmk_iommu_map_sg(struct iommu_domain* domain, unsigned long iova, struct scatterlist* sg, unsigned int nents,
                         int prot) {
  size_t mapped = 0;
  struct scatterlist* s;
  unsigned int i;
  for_each_sg(sg, s, nents, i) {
    if (s->length == 0) continue;
    const int ret = dmk_iommu_map(domain, iova + mapped, sg_phys(s), s->length, prot);
    if (ret) {
      struct iommu_iotlb_gather gather;
      iommu_iotlb_gather_init(&gather);
      iommu_unmap_fast(domain, iova, mapped, &gather);
      iommu_iotlb_sync(domain, &gather);
      return ret;
    }
    mapped += s->length;
  }
  return (ssize_t)mapped;
}

/* As a driver's unmap_pages: clears the granules mapped from `iova` on, stops at the first hole,
 * and gathers the range for the sync. */
size_t iommu_unmap_fast(struct iommu_domain* domain, unsigned long iova, size_t size,
                        struct iommu_iotlb_gather* gather) {
  (void)domain;
  const unsigned long pfn = iova >> dma_shift, pages = size >> dma_shift;
  unsigned long cleared = 0;
  while (cleared < pages) {
    struct mapped_run* run = run_holding(pfn + cleared);
    if (!run) break;
    const unsigned long from = pfn + cleared - run->pfn;
    const unsigned long take = min(run->pages - from, pages - cleared);
    struct mapped_run tail = {run->pfn + from + take, run->pages - from - take,
                              run->phys + ((from + take) << dma_shift)};
    if (tail.pages && from && run_count == MAX_RUNS)
      dmk_bug(__FILE__, __LINE__, "the harness's page table holds at most 4096 mapped runs");
    run->pages = from;
    if (run->pages == 0) *run = runs[--run_count];
    if (tail.pages) runs[run_count++] = tail;
    cleared += take;
  }
  const unsigned long reported = cleared ? hw.unmap(hw.context, pfn, cleared) : 0;
  if (reported) {
    gather->start = min(gather->start, iova);
    gather->end = max(gather->end, iova + (reported << dma_shift) - 1);
  }
  return reported << dma_shift;
}

void iommu_iotlb_sync(struct iommu_domain* domain, struct iommu_iotlb_gather* gather) {
  (void)domain;
  if (gather->end >= gather->start && gather->start != ULONG_MAX)
    hw.sync(hw.context, gather->start >> dma_shift, ((gather->end - gather->start) >> dma_shift) + 1);
  iommu_iotlb_gather_init(gather);
}

phys_addr_t iommu_iova_to_phys(struct iommu_domain* domain, dma_addr_t iova) {
  (void)domain;
  const struct mapped_run* run = run_holding(iova >> dma_shift);
  return run ? run->phys + (iova - ((dma_addr_t)run->pfn << dma_shift)) : 0;
}

static int layer_create(const struct dmk_iova_config* c, const struct dmk_iommu_hw* h) {
  hw = *h;
  run_count = 0;
  dma_shift = c->granule_shift;
  memset(&dma_domain, 0, sizeof(dma_domain));
  dma_domain.type = c->lazy ? IOMMU_DOMAIN_DMA_FQ : IOMMU_DOMAIN_DMA;
  dma_domain.ops = &dma_domain_ops;
  dma_domain.pgsize_bitmap = 1UL << c->granule_shift;
  dma_domain.geometry.aperture_start = (dma_addr_t)c->start_pfn << c->granule_shift;
  dma_domain.geometry.aperture_end = (((dma_addr_t)c->end_pfn + 1) << c->granule_shift) - 1;
  dma_domain.geometry.force_aperture = true;
  memset(&dma_device, 0, sizeof(dma_device));
  dma_dev_iommu = (struct dev_iommu){.shadow_on_flush = c->single_queue != 0};
  dma_device.iommu = &dma_dev_iommu;
  dma_device.dma_mask = &dma_device_mask;
  if (iommu_get_dma_cookie(&dma_domain)) return DMK_NOMEM;
#ifdef DMK_INIT_DOMAIN_RANGE
  const int ret = iommu_dma_init_domain(&dma_domain, dma_domain.geometry.aperture_start,
                                        dma_domain.geometry.aperture_end, &dma_device);
#else
  const int ret = iommu_dma_init_domain(&dma_domain, &dma_device);
#endif
  if (ret) return DMK_NOMEM;
  dom = &dma_domain.iova_cookie->iovad;
  return 0;
}

static void layer_destroy(void) { iommu_put_dma_cookie(&dma_domain); }

static struct iommu_dma_cookie* layer_cookie(void) { return dma_domain.iova_cookie; }

int dmk_iova_dma_layer(void) { return 1; }

int dmk_iova_dma_map(unsigned long pages, unsigned long limit_pfn, unsigned int cpu, unsigned long* pfn) {
  ENTER();
  dmk_current_cpu = cpu;
  dma_device_mask = ((u64)limit_pfn << dma_shift) | ((1ULL << dma_shift) - 1);
#ifdef DMK_MAP_PHYS
  const dma_addr_t iova =
      iommu_dma_map_phys(&dma_device, DMK_BUFFER_PHYS, pages << dma_shift, DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
#else
  const dma_addr_t iova =
      iommu_dma_map_resource(&dma_device, DMK_BUFFER_PHYS, pages << dma_shift, DMA_BIDIRECTIONAL, 0);
#endif
  *pfn = iova == DMA_MAPPING_ERROR ? 0 : iova >> dma_shift;
  return 0;
}

int dmk_iova_dma_unmap(unsigned long pfn, unsigned long pages, unsigned int cpu, int* warned) {
  ENTER();
  dmk_current_cpu = cpu;
  const int warnings = dmk_warnings();
#ifdef DMK_MAP_PHYS
  iommu_dma_unmap_phys(&dma_device, (dma_addr_t)pfn << dma_shift, pages << dma_shift, DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
#else
  iommu_dma_unmap_resource(&dma_device, (dma_addr_t)pfn << dma_shift, pages << dma_shift, DMA_BIDIRECTIONAL, 0);
#endif
  *warned = dmk_warnings() != warnings;
  return 0;
}

/* sysfs DMA -> DMA_FQ on a live domain, as the IOMMU core does it: the queue first, then the type. */
int dmk_iova_dma_switch_lazy(void) {
  ENTER();
  if (iommu_dma_init_fq(&dma_domain)) return DMK_NOMEM;
  dma_domain.type = IOMMU_DOMAIN_DMA_FQ;
  return 0;
}

static struct iova_fq* layer_queue(unsigned int cpu) {
#ifdef DMK_PERCPU_FQ_ONLY
  return per_cpu_ptr(layer_cookie()->fq, cpu);
#else
  if (layer_cookie()->options.qt == IOMMU_DMA_OPTS_SINGLE_QUEUE) return cpu == 0 ? layer_cookie()->single_fq : NULL;
  return per_cpu_ptr(layer_cookie()->percpu_fq, cpu);
#endif
}

/* Teardown: what the queue's timer does when it fires, flush and free every entry. */
static void layer_drain(void) {
  if (layer_cookie()->fq_domain) fq_flush_timeout(&layer_cookie()->fq_timer);
}

static size_t layer_queued(unsigned long* pfn_pages, size_t max) {
  size_t n = 0;
  if (!layer_cookie()->fq_domain) return 0;
  unsigned int cpu;
  for_each_possible_cpu(cpu) {
    struct iova_fq* fq = layer_queue(cpu);
    unsigned int idx;
    if (!fq) continue;
    fq_ring_for_each(idx, fq) {
      if (n < max) pfn_pages[2 * n] = fq->entries[idx].iova_pfn, pfn_pages[2 * n + 1] = fq->entries[idx].pages;
      ++n;
    }
  }
  return n;
}
