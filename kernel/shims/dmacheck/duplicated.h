/* DUPLICATED: kernel helpers re-written in our own words with the kernel's meaning, so that
 * the unmodified kernel file compiles in userspace (as tools/include does for tools/testing).
 * Nothing here decides an allocation; the tree's own code does that. */
#pragma once
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Error numbers (not <errno.h>: glibc's pulls in <linux/errno.h>, which these shims replace). */
#define ENXIO 6
#define ENOMEM 12
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef uint64_t dma_addr_t;
typedef uint64_t phys_addr_t;
typedef unsigned int gfp_t;

#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#define __must_check
#define __init
#define __initdata
#define __percpu
#define __rcu
#define __maybe_unused __attribute__((unused))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define READ_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier() __asm__ __volatile__("" ::: "memory")
#define typeof __typeof__

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define SZ_1M 0x00100000
#define ULLONG_MAX_ (~0ULL)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define roundup(x, y) ((((x) + ((y)-1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))
#define BITS_PER_LONG 64
#define round_up(x, y) ((((x)-1) | ((__typeof__(x))((y)-1))) + 1)
#define static_assert _Static_assert
#define swap(a, b)             \
  do {                         \
    __typeof__(a) tmp_ = (a);  \
    (a) = (b);                 \
    (b) = tmp_;                \
  } while (0)
#define IS_ENABLED(option) 0
#define IS_REACHABLE(option) 1
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-4095)

/* Bit positions: __ffs/__fls are 0-based and undefined for 0; fls_long is 1-based, 0 for 0. */
static inline unsigned long __ffs(unsigned long x) { return (unsigned long)__builtin_ctzl(x); }
static inline unsigned long __fls(unsigned long x) { return 63UL - (unsigned long)__builtin_clzl(x); }
static inline int fls_long(unsigned long x) { return x ? 64 - __builtin_clzl(x) : 0; }
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline bool is_power_of_2(unsigned long n) { return n != 0 && (n & (n - 1)) == 0; }
static inline unsigned long roundup_pow_of_two(unsigned long n) { return 1UL << fls_long(n - 1); }
static inline unsigned long rounddown_pow_of_two(unsigned long n) { return 1UL << (fls_long(n) - 1); }
static inline int ilog2(unsigned long n) { return fls_long(n) - 1; }
static inline int order_base_2(unsigned long n) { return n > 1 ? ilog2(n - 1) + 1 : 0; }

/* Atomics, with their meaning in one thread: plain reads, writes and arithmetic. v5.10 and
 * v5.15 count flush-queue flushes with them inside iova.c. */
typedef struct { int counter; } atomic_t;
typedef struct { s64 counter; } atomic64_t;
#define ATOMIC_INIT(i) { (i) }
#define atomic_read(v) ((v)->counter)
#define atomic_set(v, i) ((v)->counter = (i))
#define atomic_inc(v) ((void)++(v)->counter)
#define atomic_dec(v) ((void)--(v)->counter)
#define atomic_cmpxchg(v, old, new) dmk_atomic_cmpxchg((v), (old), (new))
static inline int dmk_atomic_cmpxchg(atomic_t *v, int old, int new_value) {
  const int was = v->counter;
  if (was == old) v->counter = new_value;
  return was;
}
#define atomic_xchg(v, i) dmk_atomic_xchg((v), (i))
static inline int dmk_atomic_xchg(atomic_t *v, int new_value) {
  const int was = v->counter;
  v->counter = new_value;
  return was;
}
#define atomic64_read(v) ((v)->counter)
#define atomic64_set(v, i) ((v)->counter = (i))
#define atomic64_inc(v) ((void)++(v)->counter)
#define atomic64_inc_return(v) (++(v)->counter)
#define atomic64_add(i, v) ((void)((v)->counter += (i)))
