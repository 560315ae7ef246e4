/* CUSTOMISED: the run-time half of dmacheck/customised.h, one per harness library. Every
 * piece of state here is reset by dmk_reset(), which the harness calls when it creates a
 * domain, so nothing survives from one fuzz input to the next. */
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>
#include <stdarg.h>
#include <stdlib.h>

#include "dmacheck/kernel.h"
#include "runtime.h"

unsigned int dmk_current_cpu, dmk_possible_cpus = 1, dmk_online_cpus = 1;
unsigned long jiffies;
int dmk_boot_alloc_allowed;  /* dmacheck/boot_stubs.h */
unsigned int dmk_page_shift = 16;  /* PAGE_SHIFT where a harness makes it a variable (dmacheck/dma.h) */

jmp_buf dmk_bug_env;
static char bug_message[512];
static char log_text[4096];
static int warnings;

#define MAX_WORK 64
static struct delayed_work *pending[MAX_WORK];
#define MAX_CPUHP 8
static struct hlist_node *cpuhp_instances[MAX_CPUHP];
static int (*cpuhp_teardown)(unsigned int, struct hlist_node *);

static volatile sig_atomic_t watched;

static void watchdog_fired(int signal) {
  (void)signal;
  if (!watched) return;
  watched = 0;
  longjmp(dmk_bug_env, 2);
}

static void set_watchdog(unsigned int ms) {
  struct itimerval timer = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
  setitimer(ITIMER_VIRTUAL, &timer, NULL);
}

void dmk_watchdog_arm(unsigned int ms) {
  set_watchdog(ms);
  watched = 1;
}

void dmk_watchdog_leave(int *unused) {
  (void)unused;
  watched = 0;
  set_watchdog(0);
}

void dmk_reset(unsigned int cpus) {
  struct sigaction action = {0};
  action.sa_handler = watchdog_fired;
  action.sa_flags = SA_NODEFER;  /* the jump leaves the handler: keep the signal deliverable */
  sigaction(SIGVTALRM, &action, NULL);
  dmk_current_cpu = 0;
  dmk_possible_cpus = dmk_online_cpus = cpus;
  jiffies = 0;
  dmk_boot_alloc_allowed = 0;
  dmk_page_shift = 16;
  bug_message[0] = log_text[0] = 0;
  warnings = 0;
  memset(pending, 0, sizeof(pending));
  memset(cpuhp_instances, 0, sizeof(cpuhp_instances));
}

const char *dmk_bug_message(void) { return bug_message; }
const char *dmk_log_text(void) { return log_text; }
int dmk_warnings(void) { return warnings; }

/* A tree's file as the kernel names it in a report: from the top of the tree. */
static const char *tree_relative(const char *file) {
  static const char *const tops[] = {"/kernel/dma/", "/drivers/", "/lib/"};
  for (size_t i = 0; i < sizeof(tops) / sizeof(tops[0]); ++i)
    if (strstr(file, tops[i])) return strstr(file, tops[i]) + 1;
  return file;
}

void dmk_bug(const char *file, int line, const char *what) {
  snprintf(bug_message, sizeof(bug_message), "kernel BUG at %s:%d: %s", tree_relative(file), line, what);
  longjmp(dmk_bug_env, 1);
}

void dmk_fault(const char *what) {
  snprintf(bug_message, sizeof(bug_message), "BUG: %s", what);
  longjmp(dmk_bug_env, 1);
}

int dmk_warn(const char *file, int line, const char *what) {
  dmk_log("WARNING: at %s:%d: %s\n", tree_relative(file), line, what);
  ++warnings;
  return 1;
}

int dmk_warn_message(const char *file, int line, const char *fmt, ...) {
  char message[256];
  va_list args;
  va_start(args, fmt);
  vsnprintf(message, sizeof(message), fmt, args);
  va_end(args);
  const size_t end = strcspn(message, "\n");
  message[end] = 0;  /* one line: the kernel's messages end in a newline */
  return dmk_warn(file, line, message);
}

void dmk_log(const char *fmt, ...) {
  const size_t used = strlen(log_text);
  va_list args;
  va_start(args, fmt);
  vsnprintf(log_text + used, sizeof(log_text) - used, fmt, args);
  va_end(args);
}

void *dmk_malloc(size_t size, int zero) {
  void *p = zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
  if (!p) abort();  /* the host is out of memory: not a finding */
  return p;
}

void dmk_free(const void *p) { free((void *)p); }

struct kmem_cache *dmk_cache_create(size_t size) {
  struct kmem_cache *c = dmk_malloc(sizeof(*c), 1);
  c->size = size;
  return c;
}

void *dmk_alloc_percpu(size_t size) {
  size_t *base = dmk_malloc(sizeof(size_t) * 2 + size * NR_CPUS, 1);
  base[0] = size;
  return base + 2;
}

void *dmk_percpu_ptr(void *p, unsigned int cpu) {
  const size_t size = ((size_t *)p)[-2];
  return (char *)p + size * cpu;
}

void dmk_free_percpu(void *p) {
  if (p) free((size_t *)p - 2);
}

bool schedule_delayed_work(struct delayed_work *work, unsigned long delay) {
  if (work->pending) return false;
  for (int i = 0; i < MAX_WORK; ++i)
    if (!pending[i]) {
      pending[i] = work;
      work->pending = 1;
      work->due = jiffies + delay;
      return true;
    }
  dmk_bug(__FILE__, __LINE__, "the harness holds at most 64 pending delayed works");
}

bool cancel_delayed_work_sync(struct delayed_work *work) {
  for (int i = 0; i < MAX_WORK; ++i)
    if (pending[i] == work) pending[i] = NULL;
  const bool was = work->pending;
  work->pending = 0;
  return was;
}

void dmk_run_due_work(void) {
  for (int i = 0; i < MAX_WORK; ++i) {
    struct delayed_work *work = pending[i];
    if (!work || work->due > jiffies) continue;
    pending[i] = NULL;
    work->pending = 0;
    work->work.func(&work->work);  /* may schedule itself again */
  }
}

static void dmk_timer_fired(struct work_struct *work) {
  struct timer_list *timer = container_of(work, struct timer_list, work.work);
  timer->function(timer);
}

void dmk_timer_setup(struct timer_list *timer, void (*function)(struct timer_list *)) {
  INIT_DELAYED_WORK(&timer->work, dmk_timer_fired);
  timer->function = function;
}

int dmk_mod_timer(struct timer_list *timer, unsigned long expires) {
  const int was = cancel_delayed_work_sync(&timer->work);
  timer->expires = expires;
  schedule_delayed_work(&timer->work, expires > jiffies ? expires - jiffies : 0);
  return was;
}

int cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
                            int (*startup)(unsigned int, struct hlist_node *),
                            int (*teardown)(unsigned int, struct hlist_node *)) {
  (void)state, (void)name, (void)startup;
  cpuhp_teardown = teardown;
  return 0;
}

int cpuhp_state_add_instance_nocalls(enum cpuhp_state state, struct hlist_node *node) {
  (void)state;
  for (int i = 0; i < MAX_CPUHP; ++i)
    if (!cpuhp_instances[i]) {
      cpuhp_instances[i] = node;
      return 0;
    }
  return -ENOMEM;
}

int cpuhp_state_remove_instance_nocalls(enum cpuhp_state state, struct hlist_node *node) {
  (void)state;
  for (int i = 0; i < MAX_CPUHP; ++i)
    if (cpuhp_instances[i] == node) cpuhp_instances[i] = NULL;
  return 0;
}

void cpuhp_remove_multi_state(enum cpuhp_state state) {
  (void)state;
  cpuhp_teardown = NULL;
}

int dmk_cpu_dead(unsigned int cpu) {
  if (dmk_online_cpus > 1) --dmk_online_cpus;
  for (int i = 0; i < MAX_CPUHP; ++i)
    if (cpuhp_instances[i] && cpuhp_teardown) cpuhp_teardown(cpu, cpuhp_instances[i]);
  return 0;
}
