/* CUSTOMISED: the IOMMU API as dma-iommu.c sees it, over the harness's one simulated domain
 * (kernel/iova/dma_iommu_layer.c). The types carry only the fields dma-iommu.c reads; the core
 * calls (iommu_map, iommu_unmap_fast, iommu_iotlb_sync, iommu_iova_to_phys, the domain's
 * flush_iotlb_all) are the harness's page table, which reports every map, unmap and IOTLB
 * invalidation to the checker. */
#pragma once
#include "dmacheck/kernel.h"
#include "dmacheck/list.h"

#define IOMMU_READ (1 << 0)
#define IOMMU_WRITE (1 << 1)
#define IOMMU_CACHE (1 << 2)
#define IOMMU_NOEXEC (1 << 3)
#define IOMMU_MMIO (1 << 4)
#define IOMMU_PRIV (1 << 5)

#define __IOMMU_DOMAIN_PAGING (1U << 0)
#define __IOMMU_DOMAIN_DMA_API (1U << 1)
#define __IOMMU_DOMAIN_PT (1U << 2)
#define __IOMMU_DOMAIN_DMA_FQ (1U << 3)
#define IOMMU_DOMAIN_BLOCKED (0U)
#define IOMMU_DOMAIN_IDENTITY (__IOMMU_DOMAIN_PT)
#define IOMMU_DOMAIN_UNMANAGED (__IOMMU_DOMAIN_PAGING)
#define IOMMU_DOMAIN_DMA (__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API)
#define IOMMU_DOMAIN_DMA_FQ (__IOMMU_DOMAIN_PAGING | __IOMMU_DOMAIN_DMA_API | __IOMMU_DOMAIN_DMA_FQ)

enum iommu_cap { IOMMU_CAP_CACHE_COHERENCY, IOMMU_CAP_NOEXEC, IOMMU_CAP_PRE_BOOT_PROTECTION, IOMMU_CAP_DEFERRED_FLUSH };
enum iommu_resv_type {
  IOMMU_RESV_DIRECT,
  IOMMU_RESV_DIRECT_RELAXABLE,
  IOMMU_RESV_RESERVED,
  IOMMU_RESV_MSI,
  IOMMU_RESV_SW_MSI
};
/* v7.x names what a domain's cookie is */
enum iommu_domain_cookie_type {
  IOMMU_COOKIE_NONE,
  IOMMU_COOKIE_DMA_IOVA,
  IOMMU_COOKIE_DMA_MSI,
  IOMMU_COOKIE_IOMMUFD,
  IOMMU_COOKIE_SVA
};

struct iommu_domain;
struct iommu_dma_cookie;
struct iommu_dma_msi_cookie;
struct iommu_iotlb_gather {
  unsigned long start, end, pgsize;
  struct list_head freelist;
  bool queued;
};
struct iommu_domain_ops {
  void (*flush_iotlb_all)(struct iommu_domain* domain);
  void (*iotlb_sync)(struct iommu_domain* domain, struct iommu_iotlb_gather* gather);
};
struct iommu_domain_geometry {
  dma_addr_t aperture_start, aperture_end;
  bool force_aperture;
};
struct iommu_domain {
  unsigned int type;
  enum iommu_domain_cookie_type cookie_type;
  const struct iommu_domain_ops* ops;
  unsigned long pgsize_bitmap;
  struct iommu_domain_geometry geometry;
  union {
    struct iommu_dma_cookie* iova_cookie;
    struct iommu_dma_msi_cookie* msi_cookie;
  };
};
struct iommu_resv_region {
  struct list_head list;
  phys_addr_t start;
  size_t length;
  int prot;
  enum iommu_resv_type type;
};
/* What dma-iommu.c reads of a device's IOMMU state (struct dev_iommu). */
struct dev_iommu {
  bool pci_32bit_workaround;
  bool shadow_on_flush;
  bool require_direct;
};

static inline void iommu_iotlb_gather_init(struct iommu_iotlb_gather* gather) {
  memset(gather, 0, sizeof(*gather));
  gather->start = ULONG_MAX;
  INIT_LIST_HEAD(&gather->freelist);
}
static inline bool iommu_is_dma_domain(struct iommu_domain* domain) { return domain->type & __IOMMU_DOMAIN_DMA_API; }

/* The harness's core, in kernel/iova/dma_iommu_layer.c. */
struct iommu_domain* iommu_get_dma_domain(struct device* dev);
struct iommu_domain* iommu_get_domain_for_dev(struct device* dev);
/* Trees before v6.3 have no gfp argument, and _atomic forms of the map calls. */
int dmk_iommu_map(struct iommu_domain* domain, unsigned long iova, phys_addr_t paddr, size_t size, int prot);
#define iommu_map(domain, iova, paddr, size, prot, ...) dmk_iommu_map((domain), (iova), (paddr), (size), (prot))
#define iommu_map_atomic(domain, iova, paddr, size, prot) dmk_iommu_map((domain), (iova), (paddr), (size), (prot))
struct scatterlist;
ssize_t dmk_iommu_map_sg(struct iommu_domain* domain, unsigned long iova, struct scatterlist* sg, unsigned int nents,
                         int prot);
#define iommu_map_sg(domain, iova, sg, nents, prot, ...) dmk_iommu_map_sg((domain), (iova), (sg), (nents), (prot))
#define iommu_map_sg_atomic(domain, iova, sg, nents, prot) dmk_iommu_map_sg((domain), (iova), (sg), (nents), (prot))
/* v7.x: the IOVA-link API maps without the sync, and syncs after */
#define iommu_map_nosync(domain, iova, paddr, size, prot, ...) dmk_iommu_map((domain), (iova), (paddr), (size), (prot))
#define iommu_sync_map(domain, iova, size) ((void)(domain), (void)(iova), 0)
size_t iommu_unmap_fast(struct iommu_domain* domain, unsigned long iova, size_t size,
                        struct iommu_iotlb_gather* gather);
void iommu_iotlb_sync(struct iommu_domain* domain, struct iommu_iotlb_gather* gather);
phys_addr_t iommu_iova_to_phys(struct iommu_domain* domain, dma_addr_t iova);
void iommu_get_resv_regions(struct device* dev, struct list_head* list);
void iommu_put_resv_regions(struct device* dev, struct list_head* list);
bool device_iommu_capable(struct device* dev, enum iommu_cap cap);
int iommu_deferred_attach(struct device* dev, struct iommu_domain* domain);
