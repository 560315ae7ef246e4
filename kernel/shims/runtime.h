/* CUSTOMISED: what a harness library (kernel/T/harness.c) uses of the shim run time. */
#pragma once
#include <setjmp.h>

extern jmp_buf dmk_bug_env;  /* dmk_bug() jumps here: set it on every entry from the harness */
void dmk_reset(unsigned int cpus);
void dmk_fault(const char *what) __attribute__((noreturn));  /* a memory fault the harness caught, as a BUG */
const char *dmk_bug_message(void);
const char *dmk_log_text(void);
int dmk_warnings(void); /* WARNs since the last reset: a call's WARN is the difference */

/* The watchdog: a call that never ends must come back as a finding, not hang the checker.
 * CPU time, not wall time (libFuzzer's own -timeout uses SIGALRM). dmk_reset() installs it;
 * DMK_WATCHED_ENTRY() at the top of a harness entry arms it for `ms` and jumps back there
 * (setjmp value 2) when it fires; it is disarmed on every return. */
void dmk_watchdog_arm(unsigned int ms);
void dmk_watchdog_leave(int *unused);
#define DMK_WATCHED_ENTRY(ms, bug, hung)                                 \
  int dmk_watched __attribute__((cleanup(dmk_watchdog_leave))) = 0;     \
  (void)dmk_watched;                                                     \
  switch (setjmp(dmk_bug_env)) {                                         \
    case 1: return (bug);                                                \
    case 2: return (hung);                                               \
  }                                                                      \
  dmk_watchdog_arm(ms)
