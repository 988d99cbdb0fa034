/*
 * check.h: the small test harness of the conformance program.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Every check prints one line, `PASS ...`, `FAIL ...` or `SKIP ...`, and the
 * program ends with `N passed, M failed, K skipped`.
 */

#ifndef CONFORMANCE_CHECK_H_
#define CONFORMANCE_CHECK_H_

#include <stdio.h>
#include <string.h>

#include "mtml.h"

/* Deprecated entry points are exercised on purpose. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

#if defined(__GNUC__)
#define CHECK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CHECK_PRINTF(f, a)
#endif

extern unsigned g_passed, g_failed, g_skipped;

/** Non-zero when running against the simulator (its control API is present). */
extern int g_sim;

/** Short name of a return code. */
const char *rc_name(MtmlReturn rc);

/** Records a check: passes when ok is non-zero. Returns ok. */
int check(int ok, const char *format, ...) CHECK_PRINTF(2, 3);

/** Records a check that could not run, with the reason in the message. */
void skip(const char *format, ...) CHECK_PRINTF(1, 2);

/** Checks that a call returned want. Returns non-zero when it did. */
int expect_rc(MtmlReturn got, MtmlReturn want, const char *what);

/** Checks that a call returned one of two acceptable codes. */
int expect_rc2(MtmlReturn got, MtmlReturn a, MtmlReturn b, const char *what);

/** Checks that a call failed (any code but SUCCESS). */
int expect_failure(MtmlReturn got, const char *what);

/** Formats a check label into one of a few rotating static buffers. */
const char *fmt(const char *format, ...) CHECK_PRINTF(1, 2);

/* ---- coverage: which functions of mtml.h were called ---------------------- */

/** Names of every function of mtml.h, and how many there are. */
extern const char *const g_function_names[];
extern const unsigned g_function_count;
/** Per function: non-zero once it was called. */
extern unsigned char g_called[];

/** Records that the function called name was exercised. */
void mark_called(const char *name);

/** CALL(fn)(args...) calls fn and records that it was exercised. */
#define CALL(fn) (mark_called(#fn), fn)

#endif /* CONFORMANCE_CHECK_H_ */
