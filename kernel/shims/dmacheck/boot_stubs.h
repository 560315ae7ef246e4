/* STUBBED: what swiotlb.c calls only at boot, from the command line, from firmware tables
 * or for debugfs. The harness sets its pool up itself (kernel/swiotlb/harness.c), so none
 * of these is reached; the page-allocator ones BUG if they ever are, the rest do nothing. */
#pragma once
#include <stdlib.h>

#include "dmacheck/customised.h"

#define DMK_NOT_IN_HARNESS(what) dmk_bug(__FILE__, __LINE__, what " is boot-time only: not reached by the harness")
/* Trees with one global pool (v5.10) have no initialiser of their own that takes memory it is
 * given: the harness runs their boot-time swiotlb_init_with_tbl() with this set, and only then
 * does memblock_alloc() hand out (zeroed) memory. */
extern int dmk_boot_alloc_allowed;
static inline void *memblock_alloc(size_t size, size_t align) {
  (void)align;
  if (!dmk_boot_alloc_allowed) DMK_NOT_IN_HARNESS("memblock_alloc");
  return dmk_malloc(size, 1);
}
static inline void *memblock_alloc_low(size_t size, size_t align) { (void)size, (void)align; DMK_NOT_IN_HARNESS("memblock_alloc_low"); }
static inline void memblock_free(void *p, size_t size) { (void)p, (void)size; DMK_NOT_IN_HARNESS("memblock_free"); }
static inline void memblock_phys_free(phys_addr_t p, size_t size) { (void)p, (void)size; DMK_NOT_IN_HARNESS("memblock_phys_free"); }
static inline void memblock_free_early(phys_addr_t p, size_t size) { (void)p, (void)size; DMK_NOT_IN_HARNESS("memblock_free_early"); }
static inline void memblock_free_late(phys_addr_t p, size_t size) { (void)p, (void)size; DMK_NOT_IN_HARNESS("memblock_free_late"); }
static inline unsigned long __get_free_pages(gfp_t gfp, unsigned int order) { (void)gfp, (void)order; DMK_NOT_IN_HARNESS("__get_free_pages"); }
static inline void free_pages(unsigned long addr, unsigned int order) { (void)addr, (void)order; DMK_NOT_IN_HARNESS("free_pages"); }
static inline struct page *alloc_pages(gfp_t gfp, unsigned int order) { (void)gfp, (void)order; DMK_NOT_IN_HARNESS("alloc_pages"); }
static inline void __free_pages(struct page *page, unsigned int order) { (void)page, (void)order; DMK_NOT_IN_HARNESS("__free_pages"); }
static inline void *memremap(phys_addr_t p, size_t size, unsigned long flags) { (void)p, (void)size, (void)flags; DMK_NOT_IN_HARNESS("memremap"); }
#define MEMREMAP_WB 1
static inline int set_memory_decrypted(unsigned long addr, int pages) { (void)addr, (void)pages; return 0; }
static inline int set_memory_encrypted(unsigned long addr, int pages) { (void)addr, (void)pages; return 0; }
#define cc_platform_has(attr) false
#define mem_encrypt_active() false
#define panic(...) dmk_bug(__FILE__, __LINE__, "panic()")
#define CC_ATTR_MEM_ENCRYPT 1
#define totalram_pages() 0UL
#define array_size(a, b) ((size_t)(a) * (size_t)(b))
#define struct_size(p, member, n) (sizeof(*(p)) + sizeof(*(p)->member) * (n))

/* Kernel command line, firmware (device tree) and initcalls. */
#define early_param(name, fn)
#define late_initcall(fn)
#define subsys_initcall(fn)
#define arch_initcall(fn)
#define RESERVEDMEM_OF_DECLARE(name, compat, init)
struct reserved_mem_ops;
struct reserved_mem {
  const char *name;
  unsigned long fdt_node;
  const struct reserved_mem_ops *ops;
  phys_addr_t base;
  phys_addr_t size;
  void *priv;
};
struct reserved_mem_ops {
  int (*node_init)(unsigned long node, struct reserved_mem *rmem); /* v7.x: the setup moved here */
  int (*device_init)(struct reserved_mem *rmem, struct device *dev);
  void (*device_release)(struct reserved_mem *rmem, struct device *dev);
};
static inline const void *of_get_flat_dt_prop(unsigned long node, const char *name, int *size) {
  (void)node, (void)name, (void)size;
  return NULL;
}
#define isdigit(c) ((c) >= '0' && (c) <= '9')
#define simple_strtoul(s, end, base) strtoul((s), (end), (base))

/* debugfs: off (CONFIG_DEBUG_FS is not set), but some trees name these unconditionally. */
struct dentry;
#define debugfs_create_dir(name, parent) ((struct dentry *)NULL)
#define debugfs_create_ulong(name, mode, parent, value) ((void)(value))
#define debugfs_create_file(name, mode, parent, data, fops) ((struct dentry *)NULL)
#define DEFINE_DEBUGFS_ATTRIBUTE(name, get, set, fmt)

/* Tracing and KMSAN: nothing to record. */
#define trace_swiotlb_bounced(...) ((void)0) /* v5.10 passes swiotlb_force too */
#define kmsan_unpoison_memory(addr, size) ((void)0)
#define kmsan_check_memory(addr, size) ((void)0)
#define kmsan_check_highmem_page(page, offset, size) ((void)0)
#define local_irq_save(flags) ((flags) = 0)
#define local_irq_restore(flags) ((void)(flags))
/* The highmem bounce (no highmem here: PageHighMem() is false). */
static inline void *kmap_atomic(struct page *page) { (void)page; DMK_NOT_IN_HARNESS("kmap_atomic (highmem)"); }
#define kunmap_atomic(addr) ((void)(addr))
static inline void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len) {
  (void)to, (void)page, (void)offset, (void)len;
  DMK_NOT_IN_HARNESS("memcpy_from_page (highmem)");
}
static inline void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len) {
  (void)from, (void)page, (void)offset, (void)len;
  DMK_NOT_IN_HARNESS("memcpy_to_page (highmem)");
}
