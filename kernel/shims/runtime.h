/* CUSTOMISED: what a harness library (kernel/iova/harness.c) uses of the shim run time. */
#pragma once
#include <setjmp.h>

extern jmp_buf dmk_bug_env;  /* dmk_bug() jumps here: set it on every entry from the harness */
void dmk_reset(unsigned int cpus);
void dmk_fault(const char *what) __attribute__((noreturn));  /* a memory fault the harness caught, as a BUG */
const char *dmk_bug_message(void);
const char *dmk_log_text(void);
