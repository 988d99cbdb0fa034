/*
 * faults.c: fault rules and hostile output modes.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>

#include "sim_internal.h"

static void sleep_ms(unsigned int ms) {
    struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

MtmlReturn sim_apply_faults(sim_call *c, int device) {
    sim_instance *inst = c->inst;
    MtmlReturn code = MTML_SUCCESS;
    unsigned int stall = 0;
    int fired_device = device;
    for (int i = 0; i < inst->m.nfaults; i++) {
        sim_fault *f = &inst->m.faults[i];
        if (f->fn >= 0 && f->fn != c->fn)
            continue;
        if (f->device >= 0 && f->device != device)
            continue;
        f->seen++;
        if (f->seen <= f->after)
            continue;
        if (f->times != 0 && f->fired >= f->times)
            continue;
        f->fired++;
        if (f->stall_ms > stall)
            stall = f->stall_ms;
        if (code == MTML_SUCCESS)
            code = f->code;
    }
    if (stall > 0) {
        /* Sleep without the instance lock so other threads keep going. */
        pthread_mutex_unlock(&inst->mu);
        sleep_ms(stall > SIM_MAX_STALL_MS ? SIM_MAX_STALL_MS : stall);
        pthread_mutex_lock(&inst->mu);
    }
    if (code != MTML_SUCCESS)
        sim_log(MTML_LOG_LEVEL_WARNING, "injected fault %s into %s (device %d)", sim_return_name(code),
                sim_fn_name(c->fn) ? sim_fn_name(c->fn) : "?", fired_device);
    return code;
}

/* ---- process-wide rules, for the functions without a handle ---- */

static pthread_mutex_t g_fault_mu = PTHREAD_MUTEX_INITIALIZER;
static sim_fault g_faults[SIM_MAX_FAULTS];
static int g_nfaults;
static unsigned int g_next_fault_id;

static int takes_no_handle(int fn) {
    return fn == FN_mtmlLogSetConfiguration || fn == FN_mtmlLogGetConfiguration;
}

MtmlReturn sim_apply_global_faults(int fn) {
    MtmlReturn code = MTML_SUCCESS;
    pthread_mutex_lock(&g_fault_mu);
    for (int i = 0; i < g_nfaults; i++) {
        sim_fault *f = &g_faults[i];
        if (f->fn != fn)
            continue;
        f->seen++;
        if (f->seen <= f->after)
            continue;
        if (f->times != 0 && f->fired >= f->times)
            continue;
        f->fired++;
        if (code == MTML_SUCCESS)
            code = f->code;
    }
    pthread_mutex_unlock(&g_fault_mu);
    return code;
}

MtmlReturn mtmlSimInjectGlobalFault(const char *function, MtmlReturn code, unsigned int afterCalls,
                                    unsigned int times, unsigned int *ruleId) {
    int fn = sim_fn_lookup(function);
    if (fn < 0 || !takes_no_handle(fn))
        return MTML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&g_fault_mu);
    if (g_nfaults >= SIM_MAX_FAULTS) {
        pthread_mutex_unlock(&g_fault_mu);
        return MTML_ERROR_INSUFFICIENT_MEMORY;
    }
    sim_fault *f = &g_faults[g_nfaults++];
    memset(f, 0, sizeof(*f));
    f->id = g_next_fault_id++;
    f->fn = fn;
    f->device = -1;
    f->code = code;
    f->after = afterCalls;
    f->times = times;
    if (ruleId)
        *ruleId = f->id;
    pthread_mutex_unlock(&g_fault_mu);
    return MTML_SUCCESS;
}

MtmlReturn mtmlSimClearGlobalFaults(void) {
    pthread_mutex_lock(&g_fault_mu);
    g_nfaults = 0;
    pthread_mutex_unlock(&g_fault_mu);
    return MTML_SUCCESS;
}

int sim_hostile_mode(const sim_call *c) {
    if (!c->inst)
        return MTML_SIM_HOSTILE_NONE;
    int any = MTML_SIM_HOSTILE_NONE;
    for (int i = 0; i < c->inst->m.nhostile; i++) {
        const sim_hostile_rule *r = &c->inst->m.hostile[i];
        if (r->fn == c->fn)
            return r->mode;
        if (r->fn < 0)
            any = r->mode;
    }
    return any;
}

MtmlReturn sim_put_string(const sim_call *c, char *buf, unsigned int length, const char *src) {
    int mode = sim_hostile_mode(c);
    size_t n = strlen(src);
    if (mode == MTML_SIM_HOSTILE_UNTERMINATED_STRING) {
        if (length == 0)
            return MTML_ERROR_INSUFFICIENT_SIZE;
        for (unsigned int i = 0; i < length; i++)
            buf[i] = (i < n) ? src[i] : 'X';
        return MTML_SUCCESS;
    }
    if (mode == MTML_SIM_HOSTILE_INVALID_UTF8) {
        char tmp[512];
        size_t k = 0;
        if (n > 0)
            tmp[k++] = src[0];
        tmp[k++] = (char)0xFF;
        tmp[k++] = (char)0xFE;
        for (size_t i = 1; i < n && k + 1 < sizeof(tmp); i++)
            tmp[k++] = src[i];
        tmp[k] = '\0';
        if ((size_t)length < k + 1)
            return MTML_ERROR_INSUFFICIENT_SIZE;
        memcpy(buf, tmp, k + 1);
        return MTML_SUCCESS;
    }
    if ((size_t)length < n + 1)
        return MTML_ERROR_INSUFFICIENT_SIZE;
    memcpy(buf, src, n + 1);
    return MTML_SUCCESS;
}

void sim_put_field(const sim_call *c, char *field, size_t n, const char *src) {
    int mode = sim_hostile_mode(c);
    if (mode == MTML_SIM_HOSTILE_UNTERMINATED_STRING) {
        size_t len = strlen(src);
        for (size_t i = 0; i < n; i++)
            field[i] = (i < len) ? src[i] : 'X';
        return;
    }
    if (mode == MTML_SIM_HOSTILE_INVALID_UTF8 && n >= 4) {
        field[0] = src[0] ? src[0] : 'X';
        field[1] = (char)0xFF;
        field[2] = (char)0xFE;
        sim_copy(field + 3, n - 3, src[0] ? src + 1 : src);
        return;
    }
    sim_copy(field, n, src);
}

int sim_enum_out(const sim_call *c, int value) {
    return sim_hostile_mode(c) == MTML_SIM_HOSTILE_ENUM_OUT_OF_RANGE ? 0x7FFF : value;
}

unsigned int sim_count_out(const sim_call *c, unsigned int value) {
    return sim_hostile_mode(c) == MTML_SIM_HOSTILE_COUNT_INFLATED ? value + 2 : value;
}
