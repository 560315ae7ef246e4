/* CUSTOMISED: kernel facilities whose behaviour the harness drives, backed by
 * kernel/shims/runtime.c: which CPU runs (per-CPU data), the simulated clock (jiffies,
 * delayed work), memory (kmalloc, kmem caches), the CPU-hotplug callback, and BUG/WARN,
 * which the harness reports instead of crashing. */
#pragma once
#include <stdio.h>
#include <string.h>

#include "dmacheck/stubbed.h"

#define NR_CPUS 64
extern unsigned int dmk_current_cpu;   /* the CPU the harness runs the next call on */
extern unsigned int dmk_possible_cpus; /* CPUs of the simulated machine */
extern unsigned int dmk_online_cpus;

/* Per-CPU data: NR_CPUS copies side by side after a hidden header holding their size. */
void *dmk_alloc_percpu(size_t size);
void *dmk_percpu_ptr(void *p, unsigned int cpu);
void dmk_free_percpu(void *p);
#define __alloc_percpu(size, align) dmk_alloc_percpu(size)
#define alloc_percpu(type) ((type *)dmk_alloc_percpu(sizeof(type)))
#define free_percpu(p) dmk_free_percpu(p)
#define per_cpu_ptr(p, cpu) ((__typeof__(p))dmk_percpu_ptr((p), (cpu)))
#define raw_cpu_ptr(p) per_cpu_ptr(p, dmk_current_cpu)
#define this_cpu_ptr(p) per_cpu_ptr(p, dmk_current_cpu)
#define get_cpu_ptr(p) per_cpu_ptr(p, dmk_current_cpu)
#define put_cpu_ptr(p) ((void)(p))
#define smp_processor_id() dmk_current_cpu
#define raw_smp_processor_id() dmk_current_cpu
#define get_cpu() dmk_current_cpu
#define put_cpu() ((void)0)
#define num_online_cpus() dmk_online_cpus
#define num_possible_cpus() dmk_possible_cpus
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < dmk_possible_cpus; (cpu)++)
#define for_each_online_cpu(cpu) for ((cpu) = 0; (cpu) < dmk_online_cpus; (cpu)++)
#define cache_line_size() 64
#define SMP_CACHE_BYTES 64

/* Memory. Allocation never fails unless the harness says so. */
#define GFP_KERNEL 0u
#define GFP_ATOMIC 1u
#define GFP_NOWAIT 2u
#define __GFP_NOWARN 4u
#define __GFP_ZERO 8u
#define GFP_DMA 16u
#define SLAB_HWCACHE_ALIGN 0u
struct kmem_cache { size_t size; };
void *dmk_malloc(size_t size, int zero);
void dmk_free(const void *p);
struct kmem_cache *dmk_cache_create(size_t size);
#define kmalloc(size, gfp) dmk_malloc((size), 0)
#define kzalloc(size, gfp) dmk_malloc((size), 1)
#define kcalloc(n, size, gfp) dmk_malloc((size_t)(n) * (size), 1)
/* v7.0's typed allocators: the first argument is a type or an expression of the element type;
 * the GFP flags, optional there, make no difference here. */
#define kzalloc_obj(t, ...) ((__typeof__(t) *)dmk_malloc(sizeof(t), 1))
#define kzalloc_objs(t, n, ...) ((__typeof__(t) *)dmk_malloc((size_t)(n) * sizeof(t), 1))
#define kmalloc_obj(t, ...) ((__typeof__(t) *)dmk_malloc(sizeof(t), 0))
#define kmalloc_objs(t, n, ...) ((__typeof__(t) *)dmk_malloc((size_t)(n) * sizeof(t), 0))
#define kfree(p) dmk_free(p)
#define kmem_cache_create(name, size, align, flags, ctor) dmk_cache_create(size)
#define kmem_cache_destroy(c) dmk_free(c)
#define kmem_cache_alloc(c, gfp) dmk_malloc((c)->size, 0)
#define kmem_cache_zalloc(c, gfp) dmk_malloc((c)->size, 1)
#define kmem_cache_free(c, p) dmk_free(p)
#define ERR_PTR(e) ((void *)(long)(e))

/* The simulated clock, in milliseconds; 1 jiffy = 1 ms. */
extern unsigned long jiffies;
#define msecs_to_jiffies(ms) ((unsigned long)(ms))
#define HZ 1000

/* Delayed work: run by the harness when the simulated clock reaches it. */
struct work_struct { void (*func)(struct work_struct *); };
struct delayed_work { struct work_struct work; unsigned long due; int pending; };
#define INIT_DELAYED_WORK(w, f) ((w)->work.func = (f), (w)->pending = 0)
bool schedule_delayed_work(struct delayed_work *work, unsigned long delay);
bool cancel_delayed_work_sync(struct delayed_work *work);
void dmk_run_due_work(void);  /* harness: run every pending work whose time has come */

/* Timers (v5.10 and v5.15 iova.c empty their flush queues from one): delayed work by
 * another name, fired by the harness when the simulated clock reaches it. */
struct timer_list { struct delayed_work work; void (*function)(struct timer_list *); unsigned long expires; };
void dmk_timer_setup(struct timer_list *timer, void (*function)(struct timer_list *));
int dmk_mod_timer(struct timer_list *timer, unsigned long expires);
#define timer_setup(timer, fn, flags) dmk_timer_setup((timer), (fn))
#define mod_timer(timer, expires) dmk_mod_timer((timer), (expires))
#define del_timer(timer) cancel_delayed_work_sync(&(timer)->work)
#define del_timer_sync(timer) cancel_delayed_work_sync(&(timer)->work)
#define timer_delete_sync(timer) cancel_delayed_work_sync(&(timer)->work)
#define timer_pending(timer) ((timer)->work.pending)
#define from_timer(var, timer, field) container_of(timer, __typeof__(*var), field)

/* CPU hotplug: the harness calls the registered teardown when a CPU goes away. */
struct hlist_node { struct hlist_node *next, **pprev; };
enum cpuhp_state { CPUHP_IOMMU_IOVA_DEAD = 1 };
int cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
                            int (*startup)(unsigned int, struct hlist_node *),
                            int (*teardown)(unsigned int, struct hlist_node *));
int cpuhp_state_add_instance_nocalls(enum cpuhp_state state, struct hlist_node *node);
int cpuhp_state_remove_instance_nocalls(enum cpuhp_state state, struct hlist_node *node);
void cpuhp_remove_multi_state(enum cpuhp_state state);
int dmk_cpu_dead(unsigned int cpu);  /* harness: run the teardown for every instance */
#define hlist_entry_safe(ptr, type, member) ((ptr) ? container_of(ptr, type, member) : NULL)

/* BUG and WARN: a BUG ends the call (the harness reports it as the kernel would crash);
 * a WARN is counted and logged, and the code goes on as the kernel's does. */
void dmk_bug(const char *file, int line, const char *what) __attribute__((noreturn));
int dmk_warn(const char *file, int line, const char *what);
/* The message is the kernel's own format string; the kernel's %pa/%pad print as %p here. */
int dmk_warn_message(const char *file, int line, const char *fmt, ...);
#define BUG() dmk_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(c) (unlikely(c) ? dmk_bug(__FILE__, __LINE__, "BUG_ON(" #c ")") : (void)0)
#define WARN_ON(c) (unlikely(c) ? dmk_warn(__FILE__, __LINE__, "WARN_ON(" #c ")") : 0)
#define WARN_ON_ONCE(c) WARN_ON(c)
#define WARN(c, ...) (unlikely(c) ? dmk_warn_message(__FILE__, __LINE__, __VA_ARGS__) : 0)
#define WARN_ONCE(c, ...) WARN(c, __VA_ARGS__)
#define dev_WARN_ONCE(dev, c, ...) WARN(c, __VA_ARGS__)

/* printk goes to the harness's log (shown with a trace), not to stderr. */
void dmk_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define pr_err(...) dmk_log(__VA_ARGS__)
#define pr_warn(...) dmk_log(__VA_ARGS__)
#define pr_info(...) dmk_log(__VA_ARGS__)
#define pr_warn_once(...) dmk_log(__VA_ARGS__)
#define pr_warn_ratelimited(...) dmk_log(__VA_ARGS__)
#define pr_debug(...) ((void)0)
#define dev_warn(dev, ...) dmk_log(__VA_ARGS__)
#define dev_err(dev, ...) dmk_log(__VA_ARGS__)
#define dev_warn_once(dev, ...) dmk_log(__VA_ARGS__)
#define dev_dbg(dev, ...) ((void)0)
#define dev_warn_ratelimited(dev, ...) dmk_log(__VA_ARGS__)
#define dev_err_ratelimited(dev, ...) dmk_log(__VA_ARGS__)

#define PAGE_SHIFT 16  /* the largest granule the IOVA harness drives: 64K */
#define PAGE_SIZE (1UL << PAGE_SHIFT)
