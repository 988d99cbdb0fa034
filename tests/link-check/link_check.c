/*
 * link_check.c: proves that a libmtml exports every function of mtml.h.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * The program takes the address of each function declared in our mtml.h,
 * so linking it against a libmtml fails if any symbol is missing, and at
 * run time the dynamic loader must resolve all of them. It prints one line
 * per function and a summary `resolved N/M functions`, and exits 0 only
 * when all of them resolved. Nothing is called.
 */

#include <stdio.h>

#include "mtml.h"

/* Deprecated entry points are referenced on purpose. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

typedef void (*any_function)(void);

struct entry {
    const char *name;
    any_function address;
};

static const struct entry functions[] = {
#define MTML_FUNCTION(name) {#name, (any_function)name},
#include "mtml_functions.h"
};

int main(void)
{
    const unsigned total = (unsigned)(sizeof functions / sizeof functions[0]);
    unsigned resolved = 0;
    for (unsigned i = 0; i < total; i++) {
        /* volatile: keep the compiler from assuming the address is non-NULL. */
        any_function volatile address = functions[i].address;
        if (address != NULL) {
            resolved++;
            printf("ok      %s\n", functions[i].name);
        } else {
            printf("MISSING %s\n", functions[i].name);
        }
    }
    printf("resolved %u/%u functions\n", resolved, total);
    return resolved == total ? 0 : 1;
}
