/*
 * check.c: the test harness of the conformance program (see check.h).
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include <stdarg.h>

#include "check.h"

unsigned g_passed, g_failed, g_skipped;
int g_sim;

const char *rc_name(MtmlReturn rc)
{
    switch (rc) {
    case MTML_SUCCESS: return "SUCCESS";
    case MTML_ERROR_DRIVER_NOT_LOADED: return "DRIVER_NOT_LOADED";
    case MTML_ERROR_DRIVER_FAILURE: return "DRIVER_FAILURE";
    case MTML_ERROR_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case MTML_ERROR_NOT_SUPPORTED: return "NOT_SUPPORTED";
    case MTML_ERROR_NO_PERMISSION: return "NO_PERMISSION";
    case MTML_ERROR_INSUFFICIENT_SIZE: return "INSUFFICIENT_SIZE";
    case MTML_ERROR_NOT_FOUND: return "NOT_FOUND";
    case MTML_ERROR_INSUFFICIENT_MEMORY: return "INSUFFICIENT_MEMORY";
    case MTML_ERROR_DRIVER_TOO_OLD: return "DRIVER_TOO_OLD";
    case MTML_ERROR_DRIVER_TOO_NEW: return "DRIVER_TOO_NEW";
    case MTML_ERROR_TIMEOUT: return "TIMEOUT";
    case MTML_ERROR_RESOURCE_IS_BUSY: return "RESOURCE_IS_BUSY";
    case MTML_ERROR_UNKNOWN: return "UNKNOWN";
    }
    return "<unrecognised code>";
}

static void vreport(const char *status, const char *format, va_list ap)
{
    printf("%s ", status);
    vprintf(format, ap);
    putchar('\n');
}

int check(int ok, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vreport(ok ? "PASS" : "FAIL", format, ap);
    va_end(ap);
    if (ok)
        g_passed++;
    else
        g_failed++;
    return ok;
}

void skip(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vreport("SKIP", format, ap);
    va_end(ap);
    g_skipped++;
}

int expect_rc(MtmlReturn got, MtmlReturn want, const char *what)
{
    if (got == want)
        return check(1, "%s -> %s", what, rc_name(got));
    return check(0, "%s -> %s (expected %s)", what, rc_name(got), rc_name(want));
}

int expect_rc2(MtmlReturn got, MtmlReturn a, MtmlReturn b, const char *what)
{
    if (got == a || got == b)
        return check(1, "%s -> %s", what, rc_name(got));
    return check(0, "%s -> %s (expected %s or %s)", what, rc_name(got), rc_name(a), rc_name(b));
}

int expect_failure(MtmlReturn got, const char *what)
{
    return check(got != MTML_SUCCESS, "%s -> %s (expected an error)", what, rc_name(got));
}

const char *fmt(const char *format, ...)
{
    static char buffers[8][256];
    static unsigned next;
    char *buffer = buffers[next++ % 8];
    va_list ap;
    va_start(ap, format);
    vsnprintf(buffer, sizeof buffers[0], format, ap);
    va_end(ap);
    return buffer;
}

const char *const g_function_names[] = {
#define MTML_FUNCTION(name) #name,
#include "mtml_functions.h"
};
const unsigned g_function_count = sizeof g_function_names / sizeof g_function_names[0];
unsigned char g_called[sizeof g_function_names / sizeof g_function_names[0]];

void mark_called(const char *name)
{
    for (unsigned i = 0; i < g_function_count; i++) {
        if (strcmp(g_function_names[i], name) == 0) {
            g_called[i] = 1;
            return;
        }
    }
    check(0, "coverage table lacks %s", name);
}
