/* STUBBED: kernel facilities the allocators call but whose effect does not matter in one
 * thread of userspace: locks, module metadata, exports, leak-checker hints, RCU ordering. */
#pragma once
#include "dmacheck/duplicated.h"

typedef struct { int unused; } spinlock_t;
typedef struct { int unused; } raw_spinlock_t;
struct mutex { int unused; };
#define DEFINE_MUTEX(name) struct mutex name
#define DEFINE_SPINLOCK(name) spinlock_t name
#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, flags) ((void)(l), (flags) = 0)
#define spin_unlock_irqrestore(l, flags) ((void)(l), (void)(flags))
#define assert_spin_locked(l) ((void)(l))
#define lockdep_assert_held(l) ((void)(l))
#define mutex_lock(m) ((void)(m))
#define mutex_unlock(m) ((void)(m))
#define might_sleep() ((void)0)
#define cond_resched() ((void)0)

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define MODULE_AUTHOR(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_LICENSE(s)
#define kmemleak_transient_leak(p) ((void)(p))
#define kmemleak_ignore(p) ((void)(p))

#define smp_wmb() ((void)0)
#define smp_rmb() ((void)0)
#define smp_mb() ((void)0)
#define rcu_assign_pointer(p, v) ((p) = (v))
#define rcu_dereference_raw(p) (p)
#define rcu_dereference(p) (p)
#define RCU_INIT_POINTER(p, v) ((p) = (v))
