/* STUBBED: what dma-iommu.c names but the harness never reaches: page and vmalloc allocation
 * for coherent buffers, mmap, scatterlists, MSI doorbells, PCI host windows, firmware tables,
 * the swiotlb bounce of untrusted devices, static keys. The ones with an effect BUG if they
 * are ever reached; the rest answer as for one trusted, coherent, non-PCI device. */
#pragma once
#include "dmacheck/iommu.h"
#include "dmacheck/scatterlist.h"

#define DMK_NOT_DRIVEN(what) dmk_bug(__FILE__, __LINE__, what " is not driven by the dma-iommu harness")

#define EIO 5
#define EFAULT 14
#define EOVERFLOW 75
#define EREMOTEIO 121
#define __read_mostly
#define GENMASK(h, l) (((~0UL) >> (63 - (h))) & ~((1UL << (l)) - 1))
#define min_not_zero(a, b) ((a) == 0 ? (b) : ((b) == 0 ? (a) : min((a), (b))))
#define bits_per(n) (fls_long(n))
#define overflows_type(n, t) ((__typeof__(t))(n) != (n))
#define check_add_overflow(a, b, d) __builtin_add_overflow((a), (b), (d))
#define mutex_init(m) ((void)(m))
#define dev_notice(dev, ...) dmk_log(__VA_ARGS__)
#define dev_info(dev, ...) dmk_log(__VA_ARGS__)
static inline const char* dev_name(const struct device* dev) { return (void)dev, "dmacheck-device"; }
static inline int dev_to_node(struct device* dev) { return (void)dev, 0; }
static inline int kstrtobool(const char* s, bool* res) { return (void)s, (void)res, -EINVAL; }
#define DMA_ATTR_WEAK_ORDERING (1UL << 1)
#define DMA_ATTR_WRITE_COMBINE (1UL << 2)
#define DMA_ATTR_NO_KERNEL_MAPPING (1UL << 4)
#define DMA_ATTR_FORCE_CONTIGUOUS (1UL << 6)
#define DMA_ATTR_ALLOC_SINGLE_PAGES (1UL << 7)
#define DMA_ATTR_PRIVILEGED (1UL << 9)
#define DMA_ATTR_MMIO (1UL << 10)
#define DMA_ATTR_REQUIRE_COHERENT (1UL << 12)

/* Static keys: plain booleans (deferred attach is off). */
struct static_key_false {
  bool enabled;
};
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = {false}
#define static_branch_unlikely(key) ((key)->enabled)
#define static_branch_enable(key) ((key)->enabled = true)

/* One trusted, coherent, non-PCI device without firmware nodes. */
struct pci_dev {
  struct device dev;
  bool untrusted;
  void* bus;
};
struct pci_host_bridge {
  struct list_head windows, dma_ranges;
};
struct resource {
  u64 start, end;
  unsigned long flags;
};
struct resource_entry {
  struct list_head node;
  struct resource* res;
  u64 offset;
};
#define IORESOURCE_MEM 0x200
#define resource_type(res) ((res)->flags & IORESOURCE_MEM)
#define resource_list_for_each_entry(entry, list) list_for_each_entry((entry), (list), node)
#define dev_is_pci(dev) ((void)(dev), false)
#define to_pci_dev(d) container_of((d), struct pci_dev, dev)
static inline struct pci_host_bridge* pci_find_host_bridge(void* bus) {
  (void)bus;
  DMK_NOT_DRIVEN("pci_find_host_bridge");
}
struct fwnode_handle;
struct iommu_fwspec {
  struct fwnode_handle* iommu_fwnode;
};
static inline struct iommu_fwspec* dev_iommu_fwspec_get(struct device* dev) {
  (void)dev;
  DMK_NOT_DRIVEN("dev_iommu_fwspec_get");
}
#define is_of_node(fwnode) ((void)(fwnode), false)
#define iort_iommu_get_resv_regions(dev, list) ((void)(dev), (void)(list))
#define of_iommu_get_resv_regions(dev, list) ((void)(dev), (void)(list))
#define list_sort(priv, head, cmp) ((void)(priv), (void)(head), (void)(cmp))
#define is_kdump_kernel() false
struct bus_dma_region {
  phys_addr_t cpu_start;
  dma_addr_t dma_start;
  u64 size;
};
#define dma_range_map_min(map) ((void)(map), (dma_addr_t)0)
#define dma_range_map_max(map) ((void)(map), ~(dma_addr_t)0)
static inline u64 dma_get_mask(struct device* dev) { return dev->dma_mask ? *dev->dma_mask : DMA_BIT_MASK(32); }
static inline unsigned int dma_get_max_seg_size(struct device* dev) { return (void)dev, 0x10000; }
#define dma_kmalloc_needs_bounce(dev, size, dir) ((void)(dev), false)
#define dma_kmalloc_safe(dev, dir) ((void)(dev), true)
#define dma_kmalloc_size_aligned(size) true

/* The swiotlb bounce of untrusted devices (not driven: the device is trusted). */
#define is_swiotlb_active(dev) ((void)(dev), false)
#define is_swiotlb_buffer(dev, phys) ((void)(dev), false)
#define swiotlb_max_mapping_size(dev) ((void)(dev), SIZE_MAX)
static inline phys_addr_t dmk_swiotlb_map(void) { DMK_NOT_DRIVEN("swiotlb_tbl_map_single (an untrusted device)"); }
#define swiotlb_tbl_map_single(dev, phys, ...) ((void)(dev), (void)(phys), dmk_swiotlb_map())
#define swiotlb_tbl_unmap_single(dev, phys, size, dir, attrs) ((void)(phys))
#define swiotlb_sync_single_for_cpu(dev, phys, size, dir) ((void)(phys))
#define swiotlb_sync_single_for_device(dev, phys, size, dir) ((void)(phys))

/* Pages, vmalloc and mmap for coherent allocations (not driven). */
struct page {
  struct list_head lru;
};
typedef struct {
  unsigned long pgprot;
} pgprot_t;
#define PAGE_KERNEL ((pgprot_t){0})
#define MAX_PAGE_ORDER 10
#define __GFP_HIGHMEM 0x100u
#define __GFP_NORETRY 0x200u
#define __GFP_DMA32 0x400u
#define __GFP_DMA 0x800u
#define __GFP_COMP 0x1000u
#define VM_MAP 0x4
#define NR_IOMMU_PAGES 0
#define NR_SECONDARY_PAGETABLE 0
#define gfpflags_allow_blocking(gfp) ((void)(gfp), false)
#define page_address(page) phys_to_virt(page_to_phys(page))
#define page_pgdat(page) ((void)(page), NULL)
#define mod_node_page_state(pgdat, item, n) ((void)(n))
#define mod_lruvec_page_state(page, item, n) ((void)(n))
#define put_page(page) ((void)(page))
#define __free_page(page) ((void)(page))
#define split_page(page, order) ((void)(page))
#define is_vmalloc_addr(addr) ((void)(addr), false)
#define dma_pgprot(dev, prot, attrs) (prot)
#define arch_dma_prep_coherent(page, size) ((void)(page))
struct vm_area_struct {
  unsigned long vm_start, vm_end, vm_pgoff;
  pgprot_t vm_page_prot;
};
#define vma_pages(vma) (((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)
static inline struct page* alloc_pages_node(int nid, gfp_t gfp, unsigned int order) {
  (void)nid, (void)gfp, (void)order;
  DMK_NOT_DRIVEN("alloc_pages_node (a coherent allocation)");
}
static inline void* vmalloc(unsigned long size) { return dmk_malloc(size, 0); }
#define vfree(p) dmk_free(p)
#define kvcalloc(n, size, gfp) dmk_malloc((size_t)(n) * (size), 1)
#define kvfree(p) dmk_free(p)
static inline struct page* vmalloc_to_page(const void* addr) {
  (void)addr;
  DMK_NOT_DRIVEN("vmalloc_to_page");
}
static inline unsigned long vmalloc_to_pfn(const void* addr) {
  (void)addr;
  DMK_NOT_DRIVEN("vmalloc_to_pfn");
}
static inline void* vmap(struct page** pages, unsigned int count, unsigned long flags, pgprot_t prot) {
  (void)pages, (void)count, (void)flags, (void)prot;
  DMK_NOT_DRIVEN("vmap");
}
static inline struct page** dma_common_find_pages(void* cpu_addr) {
  (void)cpu_addr;
  DMK_NOT_DRIVEN("dma_common_find_pages");
}
static inline void* dma_common_pages_remap(struct page** pages, size_t size, pgprot_t prot, const void* caller) {
  (void)pages, (void)size, (void)prot, (void)caller;
  DMK_NOT_DRIVEN("dma_common_pages_remap");
}
static inline void* dma_common_contiguous_remap(struct page* page, size_t size, pgprot_t prot, const void* caller) {
  (void)page, (void)size, (void)prot, (void)caller;
  DMK_NOT_DRIVEN("dma_common_contiguous_remap");
}
#define dma_common_free_remap(cpu_addr, size) ((void)(cpu_addr))
static inline struct page* dma_alloc_contiguous(struct device* dev, size_t size, gfp_t gfp) {
  (void)dev, (void)size, (void)gfp;
  DMK_NOT_DRIVEN("dma_alloc_contiguous");
}
#define dma_free_contiguous(dev, page, size) ((void)(page))
static inline struct page* dma_alloc_from_pool(struct device* dev, size_t size, void** cpu_addr, gfp_t flags,
                                               bool (*phys_addr_ok)(struct device*, phys_addr_t, size_t)) {
  (void)dev, (void)size, (void)cpu_addr, (void)flags, (void)phys_addr_ok;
  DMK_NOT_DRIVEN("dma_alloc_from_pool");
}
#define dma_free_from_pool(dev, start, size) ((void)(start), false)
#define dma_mmap_from_dev_coherent(dev, vma, addr, size, ret) ((void)(vma), 0)
static inline int remap_pfn_range(struct vm_area_struct* vma, unsigned long addr, unsigned long pfn, unsigned long size,
                                  pgprot_t prot) {
  (void)vma, (void)addr, (void)pfn, (void)size, (void)prot;
  DMK_NOT_DRIVEN("remap_pfn_range");
}
static inline int vm_map_pages(struct vm_area_struct* vma, struct page** pages, unsigned long num) {
  (void)vma, (void)pages, (void)num;
  DMK_NOT_DRIVEN("vm_map_pages");
}

/* MSI doorbells (not driven). */
struct msi_desc;
struct msi_msg {
  u32 address_lo, address_hi, data;
};
static inline struct device* msi_desc_to_dev(struct msi_desc* desc) {
  (void)desc;
  DMK_NOT_DRIVEN("msi_desc_to_dev");
}
#define msi_desc_set_iommu_msi_iova(desc, iova, shift) ((void)(desc))

/* PCI peer-to-peer DMA (not driven). */
enum pci_p2pdma_map_type {
  PCI_P2PDMA_MAP_UNKNOWN,
  PCI_P2PDMA_MAP_NOT_SUPPORTED,
  PCI_P2PDMA_MAP_BUS_ADDR,
  PCI_P2PDMA_MAP_THRU_HOST_BRIDGE,
  PCI_P2PDMA_MAP_NONE
};
struct pci_p2pdma_map_state {
  void *pgmap, *mem;
  enum pci_p2pdma_map_type map;
  u64 bus_off;
};
#define is_pci_p2pdma_page(page) ((void)(page), false)
static inline enum pci_p2pdma_map_type pci_p2pdma_map_segment(struct pci_p2pdma_map_state* state, struct device* dev,
                                                              struct scatterlist* sg) {
  (void)state, (void)dev, (void)sg;
  DMK_NOT_DRIVEN("pci_p2pdma_map_segment");
}

/* v6.1: the ops table the device is given (never called through here), and older names. */
#define DMA_F_PCI_P2PDMA_SUPPORTED (1 << 0)
struct dma_map_ops {
  unsigned int flags;
  const void *alloc, *free, *alloc_pages, *free_pages, *alloc_noncontiguous, *free_noncontiguous, *mmap, *get_sgtable,
      *map_page, *unmap_page, *map_sg, *unmap_sg, *sync_single_for_cpu, *sync_single_for_device, *sync_sg_for_cpu,
      *sync_sg_for_device, *map_resource, *unmap_resource, *get_merge_boundary, *opt_mapping_size, *max_mapping_size;
};
static inline struct page* dma_common_alloc_pages(struct device* dev, size_t size, dma_addr_t* dma_handle,
                                                  enum dma_data_direction dir, gfp_t gfp) {
  (void)dev, (void)size, (void)dma_handle, (void)dir, (void)gfp;
  DMK_NOT_DRIVEN("dma_common_alloc_pages");
}
static inline void dma_common_free_pages(struct device* dev, size_t size, struct page* vaddr, dma_addr_t dma_handle,
                                         enum dma_data_direction dir) {
  (void)dev, (void)size, (void)vaddr, (void)dma_handle, (void)dir;
  DMK_NOT_DRIVEN("dma_common_free_pages");
}
#define MAX_ORDER 11
#define put_pages_list(list) ((void)(list)) /* the freelists stay empty: our page table frees no tables */
#define sg_is_dma_bus_address(sg) sg_dma_is_bus_address(sg)
#ifdef DMK_SGT_HANDLE_IN_HEADER
struct dma_sgt_handle {
  struct sg_table sgt;
  struct page** pages;
};
#define sgt_handle(sgt) container_of((sgt), struct dma_sgt_handle, sgt)
#endif

/* v7.x: the IOVA-link API's state, page-table page lists, newer names and helpers. */
#define EPERM 1
#define EOPNOTSUPP 95
#define NUMA_NO_NODE (-1)
typedef unsigned long pgoff_t;
struct folio;
struct dma_iova_state {
  dma_addr_t addr;
  u64 __size;
};
#define DMA_IOVA_USE_SWIOTLB (1ULL << 63)
static inline size_t dma_iova_size(struct dma_iova_state* state) {
  return (size_t)(state->__size & ~DMA_IOVA_USE_SWIOTLB);
}
void dma_iova_unlink(struct device* dev, struct dma_iova_state* state, size_t offset, size_t size,
                     enum dma_data_direction dir, unsigned long attrs);
struct iommu_pages_list {
  struct list_head pages;
};
#define IOMMU_PAGES_LIST_INIT(name) ((struct iommu_pages_list){.pages = LIST_HEAD_INIT(name.pages)})
static inline struct folio* virt_to_folio(const void* virt) {
  (void)virt;
  DMK_NOT_DRIVEN("virt_to_folio");
}
#define timer_container_of(var, timer, field) container_of(timer, __typeof__(*var), field)
#define kvzalloc_objs(t, n, ...) ((__typeof__(t)*)dmk_malloc((size_t)(n) * sizeof(t), 1))
#define use_dma_iommu(dev) ((dev)->dma_iommu)
#define dev_assign_dma_iommu(dev, value) ((dev)->dma_iommu = (value))
#define dev_clear_dma_iommu(dev) ((dev)->dma_iommu = false)
#define iommu_group_mutex_assert(dev) ((void)(dev))
#define iommupt_from_domain(domain) ((void)(domain), (void*)NULL)
#define dma_sync_single_for_device(dev, addr, size, dir) ((void)(addr))
#define guard(kind) dmk_guard_##kind
#define dmk_guard_mutex(lock) ((void)(lock))
struct p2pdma_provider;
#define pci_p2pdma_state(state, dev, page) ((void)(state), (void)(page), PCI_P2PDMA_MAP_NONE)
static inline dma_addr_t pci_p2pdma_bus_addr_map(void* provider, phys_addr_t paddr) {
  (void)provider, (void)paddr;
  DMK_NOT_DRIVEN("pci_p2pdma_bus_addr_map");
}
