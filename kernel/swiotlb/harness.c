/* CUSTOMISED: the C face of a kernel tree's kernel/dma/swiotlb.c for dmacheck. The tree's
 * file is compiled unmodified as part of this one (as tools/testing/vma includes mm/vma.c),
 * so the pool is set up by the tree's own static initialiser, as a restricted-DMA pool is
 * (rmem_swiotlb_device_init), but with the trace's number of areas. Built per tree by
 * `dmacheck kernel`, which reads the tree's text and sets:
 *   DMK_TREE_C          the tree's swiotlb.c;
 *   DMK_INIT_POOL       swiotlb_init_io_tlb_pool() and io_tlb_mem.defpool (v6.6 on), with
 *   DMK_INIT_POOL_VADDR its vaddr argument, where the tree has one; without DMK_INIT_POOL,
 *                       swiotlb_init_io_tlb_mem() with areas (v6.0 on);
 *   DMK_MAP_ALLOC_SIZE  swiotlb_tbl_map_single() still takes alloc_size (before v6.10);
 *   DMK_MAP_NO_ALIGN_MASK  ... and no alloc_align_mask yet (before v5.16);
 *   DMK_UNMAP_ALLOC_SIZE   swiotlb_tbl_unmap_single() takes alloc_size too (before v5.16);
 *   DMK_SYNC_SINGLE     one swiotlb_tbl_sync_single(target) instead of the two syncs;
 *   DMK_NO_ALLOC        no swiotlb_alloc()/swiotlb_free() (restricted-DMA pools, v5.15);
 *   DMK_SINGLE_INDEX    one io_tlb_mem with one index and use count and no areas (v5.15 to
 *                       v5.19), set up by swiotlb_init_io_tlb_mem(mem, start, nslabs, late_alloc)
 *                       or, with DMK_INIT_MEM_FLAGS, (mem, start, nslabs, flags, late_alloc);
 *   DMK_GLOBAL_POOL     one pool in file-scope variables, io_tlb_list[] and io_tlb_orig_addr[]
 *                       beside io_tlb_index and io_tlb_used (v5.10), set up by the tree's boot
 *                       initialiser swiotlb_init_with_tbl() on the trace's addresses.
 * Addresses are never dereferenced: phys_to_virt() is the identity and memcpy/memset are
 * recorded (kernel/shims/dmacheck/dma.h). */
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

/* The kernel configuration the harness builds: a restricted-DMA-capable SWIOTLB without
 * dynamic pools or debugfs, with a run-time PAGE_SIZE and recorded bounces. */
#define CONFIG_SWIOTLB 1
#define CONFIG_DMA_RESTRICTED_POOL 1
#define DMK_RUNTIME_PAGE_SHIFT 1
#define DMK_BOUNCE_MEMORY 1
#include DMK_TREE_C

#include "runtime.h"
#include "kernel/swiotlb/harness_abi.h"

/* The harness's bookkeeping is not instrumented for coverage: libFuzzer is steered by the
 * tree's branches, not by the scans that record what a call did. */
#define DMK_BOOKKEEPING __attribute__((no_sanitize("coverage")))

#include "kernel/swiotlb/bounce_record.h"

#ifdef DMK_INIT_POOL
typedef struct io_tlb_pool dmk_pool_t;
#define DMK_POOL(mem) (&(mem)->defpool)
#else
typedef struct io_tlb_mem dmk_pool_t;
#define DMK_POOL(mem) (mem)
#endif

/* The slot metadata, wherever the tree keeps it: the free-run length of slot i, and the field
 * a claim writes for each slot it takes (alloc_size; orig_addr before there was one). */
#ifdef DMK_GLOBAL_POOL
#define DMK_NSLABS() io_tlb_nslabs
#define DMK_LIST(i) io_tlb_list[i]
#define DMK_MARK(i) io_tlb_orig_addr[i]
typedef phys_addr_t dmk_mark_t;
#else
#define DMK_NSLABS() DMK_POOL(mem)->nslabs
#define DMK_LIST(i) DMK_POOL(mem)->slots[i].list
#define DMK_MARK(i) DMK_POOL(mem)->slots[i].alloc_size
typedef size_t dmk_mark_t;
#endif

/* A one-index pool's index and use count, copied out after every call, so the checker reads
 * them as it reads an area's (the tree keeps them as two file-scope variables). */
struct dmk_single_area { unsigned int index; unsigned long used; };
static struct dmk_single_area single_area;
static struct io_tlb_mem *mem;
static void copy_single_area(void) {
#if defined(DMK_GLOBAL_POOL)
  single_area.index = io_tlb_index, single_area.used = io_tlb_used;
#elif defined(DMK_SINGLE_INDEX)
  if (mem) single_area.index = mem->index, single_area.used = mem->used;
#endif
}

static struct device device;
static unsigned char *was_used;  /* claimed_call's scratch arrays, as long as the pool lives */
static dmk_mark_t *saved_marks;
static int live;
static unsigned int watchdog_ms;

/* The watchdog: a search that never ends (SW-DEADLOCK) must come back as a finding. CPU
 * time, not wall time (libFuzzer's own -timeout uses SIGALRM), re-armed on every call. */
static volatile sig_atomic_t in_call;
static void watchdog_fired(int signal) {
  (void)signal;
  if (in_call) longjmp(dmk_bug_env, 2);
}

static void arm(unsigned int ms) {
  struct itimerval timer = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
  setitimer(ITIMER_VIRTUAL, &timer, NULL);
}

/* The slot array ends at an inaccessible page, as KASAN would guard a kcalloc'd array: a
 * read or write past its last slot faults, and the call reports it as a BUG naming the
 * slot, instead of reading whatever follows (the pool is the tree's, its bounds are not). */
static char *guard_page;
static void *slot_mapping;
static size_t slot_mapping_bytes, slot_size;
static unsigned long slot_count;
static struct sigaction previous_segv;

static void *guarded_array(unsigned long count, size_t size) {
  const size_t page = (size_t)sysconf(_SC_PAGESIZE), bytes = count * size;
  slot_mapping_bytes = (bytes + page - 1) / page * page + page;
  slot_mapping = mmap(NULL, slot_mapping_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (slot_mapping == MAP_FAILED) abort();  /* the host is out of memory: not a finding */
  guard_page = (char *)slot_mapping + slot_mapping_bytes - page;
  mprotect(guard_page, page, PROT_NONE);
  slot_count = count, slot_size = size;
  return guard_page - bytes;  /* zeroed, as kcalloc's */
}

static void segv_fired(int signal, siginfo_t *info, void *context) {
  const char *at = info->si_addr;
  if (in_call && guard_page && at >= guard_page && at < guard_page + sysconf(_SC_PAGESIZE)) {
    static char what[160];
    snprintf(what, sizeof(what), "KASAN: slab-out-of-bounds: access to slots[%lu] of a %lu-slot array",
             slot_count + (unsigned long)(at - guard_page) / slot_size, slot_count);
    in_call = 0;
    dmk_fault(what);
  }
  /* Not ours: the previous handler (the sanitizer's, libFuzzer's, or the default) takes it. */
  sigaction(SIGSEGV, &previous_segv, NULL);
  (void)signal, (void)context;
}

/* Every entry: a BUG or the watchdog jumps back here and the call reports it. */
#define ENTER()                                          \
  do {                                                   \
    in_call = 0;                                         \
    switch (setjmp(dmk_bug_env)) {                       \
      case 1: return DMK_SWIOTLB_BUG;                    \
      case 2: in_call = 0; return DMK_SWIOTLB_HUNG;      \
    }                                                    \
    arm(watchdog_ms);                                    \
    in_call = 1;                                         \
  } while (0)
#define LEAVE(value)  \
  do {                \
    in_call = 0;      \
    copy_single_area(); \
    return (value);   \
  } while (0)

int dmk_swiotlb_create(const struct dmk_swiotlb_config *config) {
  if (live) return DMK_SWIOTLB_BUSY;
  dmk_reset(config->cpus);
  dmk_page_shift = config->page_shift;
  dmk_bounce_reset(config->start, config->start + (config->nslabs << IO_TLB_SHIFT));
  watchdog_ms = config->watchdog_ms ? config->watchdog_ms : 500;
  struct sigaction action = {0};
  action.sa_handler = watchdog_fired;
  action.sa_flags = SA_NODEFER;  /* the jump leaves the handler: keep the signal deliverable */
  sigaction(SIGVTALRM, &action, NULL);
  struct sigaction segv = {0};
  segv.sa_sigaction = segv_fired;
  segv.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &segv, &previous_segv);
  __builtin_memset(&device, 0, sizeof(device));
  device.dma_parms.min_align_mask = config->min_align_mask;
  device.dma_parms.segment_boundary_mask = config->seg_boundary_mask;
  ENTER();
  live = 1;
  was_used = dmk_malloc(config->nslabs, 0);
  saved_marks = dmk_malloc(config->nslabs * sizeof(dmk_mark_t), 0);
#ifdef DMK_GLOBAL_POOL
  io_tlb_used = 0;  /* a fresh boot: the tree's file-scope variables start at zero */
  dmk_boot_alloc_allowed = 1;
  swiotlb_init_with_tbl((char *)phys_to_virt(config->start), config->nslabs, 0);
  dmk_boot_alloc_allowed = 0;
  unsigned int *list = guarded_array(config->nslabs, sizeof(*io_tlb_list));
  __builtin_memcpy(list, io_tlb_list, config->nslabs * sizeof(*io_tlb_list));
  dmk_free(io_tlb_list);
  io_tlb_list = list;
#else
  mem = kzalloc(sizeof(*mem), GFP_KERNEL);
  dmk_pool_t *pool = DMK_POOL(mem);
  pool->slots = guarded_array(config->nslabs, sizeof(*pool->slots));
#ifndef DMK_SINGLE_INDEX
  pool->areas = kcalloc(config->nareas, sizeof(*pool->areas), GFP_KERNEL);
#endif
  void *vaddr = phys_to_virt(config->start);
#if defined(DMK_SINGLE_INDEX) && defined(DMK_INIT_MEM_FLAGS)
  (void)vaddr;
  swiotlb_init_io_tlb_mem(mem, config->start, config->nslabs, 0, false);
#elif defined(DMK_SINGLE_INDEX)
  (void)vaddr;
  swiotlb_init_io_tlb_mem(mem, config->start, config->nslabs, false);
#elif defined(DMK_INIT_POOL_VADDR)
  swiotlb_init_io_tlb_pool(pool, config->start, vaddr, config->nslabs, false, config->nareas);
#elif defined(DMK_INIT_POOL)
  (void)vaddr;
  swiotlb_init_io_tlb_pool(pool, config->start, config->nslabs, false, config->nareas);
#else
  (void)vaddr;
  swiotlb_init_io_tlb_mem(mem, config->start, config->nslabs, 0, false, config->nareas);
#endif
  mem->force_bounce = true;
  mem->for_alloc = true;
#ifdef DMK_INIT_POOL
  add_mem_pool(mem, pool);
#endif
  device.dma_io_tlb_mem = mem;
#endif
  LEAVE(0);
}

int dmk_swiotlb_destroy(void) {
  in_call = 0;
  arm(0);
  if (!live) return 0;
  live = 0;
  munmap(slot_mapping, slot_mapping_bytes);
  dmk_free(was_used);
  dmk_free(saved_marks);
  guard_page = NULL;
  sigaction(SIGSEGV, &previous_segv, NULL);
#ifdef DMK_GLOBAL_POOL
  dmk_free(io_tlb_orig_addr);
  io_tlb_list = NULL, io_tlb_orig_addr = NULL;
#else
#ifndef DMK_SINGLE_INDEX
  kfree(DMK_POOL(mem)->areas);
#endif
  kfree(mem);
  mem = NULL;
#endif
  return 0;
}

/* A claim is found by marking every used slot's claim field (DMK_MARK) before the call: the
 * slots the call claimed are those it wrote, even ones that were in use already (a double
 * allocation). Sound because the map and alloc paths read that field only of slots they
 * have just claimed; the marks are undone before the call returns to the checker. */
static const dmk_mark_t kUnwritten = (dmk_mark_t)0x5eed5eed5eed5eedULL;

DMK_BOOKKEEPING static void mark_used(unsigned char *was_used, dmk_mark_t *saved) {
  for (unsigned long i = 0; i < DMK_NSLABS(); ++i) {
    was_used[i] = DMK_LIST(i) == 0;
    if (was_used[i]) saved[i] = DMK_MARK(i), DMK_MARK(i) = kUnwritten;
  }
}

DMK_BOOKKEEPING static void take_claim(const unsigned char *was_used, const dmk_mark_t *saved,
                                       struct dmk_swiotlb_claim *claim) {
  unsigned long first = DMK_NSLABS(), last = 0;
  for (unsigned long i = 0; i < DMK_NSLABS(); ++i) {
    const int written = was_used[i] ? DMK_MARK(i) != kUnwritten : DMK_LIST(i) == 0;
    if (was_used[i] && !written) DMK_MARK(i) = saved[i];
    if (written && DMK_LIST(i) == 0) {
      if (i < first) first = i;
      last = i + 1;
    }
  }
  claim->first = first < last ? first : 0;
  claim->count = first < last ? last - first : 0;
}

typedef int (*dmk_search_call)(void *arg, unsigned long *result);

/* Runs a map or alloc with its claim recorded; the marks are undone on every path out. */
DMK_BOOKKEEPING static int claimed_call(dmk_search_call call, void *arg, unsigned long *result, struct dmk_swiotlb_claim *claim) {
  mark_used(was_used, saved_marks);
  const int status = call(arg, result);
  take_claim(was_used, saved_marks, claim);
  return status;
}

struct map_args { unsigned int cpu; unsigned long orig; size_t size; unsigned int align_mask; int dir; int skip_sync; };

DMK_BOOKKEEPING static unsigned long attrs_of(int skip_sync) { return skip_sync ? DMA_ATTR_SKIP_CPU_SYNC : 0; }

/* The alloc_size trees before v6.10 take from their caller: dma-iommu rounds the size up to
 * its granule, which is the alloc_align_mask it passes (or would pass). */
DMK_BOOKKEEPING static size_t caller_alloc_size(size_t size, unsigned int align_mask) {
  return ALIGN(size, (size_t)align_mask + 1);
}

static int map_call(void *arg, unsigned long *tlb) {
  const struct map_args *a = arg;
  ENTER();
  dmk_current_cpu = a->cpu;
#if defined(DMK_MAP_NO_ALIGN_MASK)
  phys_addr_t addr = swiotlb_tbl_map_single(&device, a->orig, a->size, caller_alloc_size(a->size, a->align_mask),
                                            (enum dma_data_direction)a->dir, attrs_of(a->skip_sync));
#elif defined(DMK_MAP_ALLOC_SIZE)
  const size_t alloc_size = caller_alloc_size(a->size, a->align_mask);
  phys_addr_t addr = swiotlb_tbl_map_single(&device, a->orig, a->size, alloc_size, a->align_mask,
                                            (enum dma_data_direction)a->dir, attrs_of(a->skip_sync));
#else
  phys_addr_t addr = swiotlb_tbl_map_single(&device, a->orig, a->size, a->align_mask, (enum dma_data_direction)a->dir,
                                            attrs_of(a->skip_sync));
#endif
  if (addr == (phys_addr_t)DMA_MAPPING_ERROR) LEAVE(DMK_SWIOTLB_NOSPACE);
  *tlb = addr;
  LEAVE(0);
}

int dmk_swiotlb_map(unsigned int cpu, unsigned long orig, size_t size, unsigned int align_mask, int dir,
                    int skip_sync, unsigned long *tlb, struct dmk_swiotlb_claim *claim) {
  struct map_args args = {cpu, orig, size, align_mask, dir, skip_sync};
  return claimed_call(map_call, &args, tlb, claim);
}

#ifndef DMK_NO_ALLOC
struct alloc_args { unsigned int cpu; size_t size; };

static int alloc_call(void *arg, unsigned long *page_addr) {
  const struct alloc_args *a = arg;
  ENTER();
  dmk_current_cpu = a->cpu;
  struct page *page = swiotlb_alloc(&device, a->size);
  if (!page) LEAVE(DMK_SWIOTLB_NOSPACE);
  *page_addr = page_to_phys(page);
  LEAVE(0);
}
#endif

int dmk_swiotlb_alloc(unsigned int cpu, size_t size, unsigned long *page, struct dmk_swiotlb_claim *claim) {
#ifdef DMK_NO_ALLOC
  (void)cpu, (void)size, (void)page, (void)claim;
  return DMK_SWIOTLB_UNSUPPORTED;
#else
  struct alloc_args args = {cpu, size};
  return claimed_call(alloc_call, &args, page, claim);
#endif
}

int dmk_swiotlb_unmap(unsigned long tlb, size_t size, unsigned int align_mask, int dir, int skip_sync) {
  ENTER();
#ifdef DMK_UNMAP_ALLOC_SIZE
  swiotlb_tbl_unmap_single(&device, tlb, size, caller_alloc_size(size, align_mask), (enum dma_data_direction)dir,
                           attrs_of(skip_sync));
#else
  (void)align_mask;
  swiotlb_tbl_unmap_single(&device, tlb, size, (enum dma_data_direction)dir, attrs_of(skip_sync));
#endif
  LEAVE(0);
}

int dmk_swiotlb_free(unsigned long page, size_t size) {
#ifdef DMK_NO_ALLOC
  (void)page, (void)size;
  return DMK_SWIOTLB_UNSUPPORTED;
#else
  ENTER();
  const int freed = swiotlb_free(&device, pfn_to_page(PHYS_PFN(page)), size);
  LEAVE(freed ? 0 : DMK_SWIOTLB_NOSPACE);
#endif
}

int dmk_swiotlb_sync(unsigned long tlb, size_t size, int to_device, int dir) {
  ENTER();
#ifdef DMK_SYNC_SINGLE
  swiotlb_tbl_sync_single(&device, tlb, size, (enum dma_data_direction)dir, to_device ? SYNC_FOR_DEVICE : SYNC_FOR_CPU);
#else
  if (to_device) swiotlb_sync_single_for_device(&device, tlb, size, (enum dma_data_direction)dir);
  else swiotlb_sync_single_for_cpu(&device, tlb, size, (enum dma_data_direction)dir);
#endif
  LEAVE(0);
}

size_t dmk_swiotlb_max_mapping_size(void) { return swiotlb_max_mapping_size(&device); }

int dmk_swiotlb_has_alloc(void) {
#ifdef DMK_NO_ALLOC
  return 0;
#else
  return 1;
#endif
}

#include "kernel/swiotlb/pool_layout.h"

const char *dmk_swiotlb_bug(void) { return dmk_bug_message(); }
const char *dmk_swiotlb_log(void) { return dmk_log_text(); }
