/*
 * control.c: the simulator control interface (mtml_sim.h).
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static _Thread_local char *t_next_config;
static _Thread_local char t_last_error[SIM_ERR_LEN];

char *sim_take_next_config(void) {
    char *c = t_next_config;
    t_next_config = NULL;
    return c;
}

void sim_set_last_config_error(const char *msg) {
    sim_copy(t_last_error, sizeof t_last_error, msg);
}

const char *mtmlSimDefaultConfig(void) {
    return sim_default_config_text;
}

/* Parses text only to check it; fills err. */
static MtmlReturn validate_text(const char *config, const char *source, char *err, unsigned int errLength) {
    char msg[SIM_ERR_LEN];
    size_t len = strnlen(config, SIM_MAX_CONFIG_BYTES + 1);
    sim_machine m;
    int rc = sim_config_parse(config, len, source, &m, msg, sizeof msg);
    if (rc == 0) {
        sim_machine_free(&m);
        if (err && errLength)
            err[0] = '\0';
        return MTML_SUCCESS;
    }
    if (err && errLength)
        sim_copy(err, errLength, msg);
    return MTML_ERROR_INVALID_ARGUMENT;
}

MtmlReturn mtmlSimValidateConfig(const char *config, char *err, unsigned int errLength) {
    if (!config)
        return MTML_ERROR_INVALID_ARGUMENT;
    return validate_text(config, "<config>", err, errLength);
}

MtmlReturn mtmlSimSetNextConfig(const char *config, char *err, unsigned int errLength) {
    free(t_next_config);
    t_next_config = NULL;
    if (!config) {
        if (err && errLength)
            err[0] = '\0';
        return MTML_SUCCESS;
    }
    MtmlReturn rc = validate_text(config, "<next-config>", err, errLength);
    if (rc != MTML_SUCCESS)
        return rc;
    size_t len = strnlen(config, SIM_MAX_CONFIG_BYTES + 1);
    t_next_config = malloc(len + 1);
    if (!t_next_config)
        return MTML_ERROR_INSUFFICIENT_MEMORY;
    memcpy(t_next_config, config, len);
    t_next_config[len] = '\0';
    return MTML_SUCCESS;
}

const char *mtmlSimLastConfigError(void) {
    return t_last_error;
}

/* ---- clock ---- */

#define CONTROL_ENTER(lib)                                                                         \
    sim_call call_;                                                                                \
    do {                                                                                           \
        MtmlReturn enter_rc_ = sim_enter_control(&call_, (lib));                                   \
        if (enter_rc_ != MTML_SUCCESS)                                                             \
            return sim_leave(&call_, enter_rc_);                                                   \
    } while (0)

MtmlReturn mtmlSimSetClockFrozen(MtmlLibrary *lib, int frozen) {
    CONTROL_ENTER(lib);
    sim_instance *inst = call_.inst;
    if (frozen && !inst->frozen) {
        inst->clock_base_ms = sim_now_ms(inst);
        inst->frozen = 1;
    } else if (!frozen && inst->frozen) {
        inst->run_start_ns = sim_mono_ns();
        inst->frozen = 0;
    }
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimAdvanceClock(MtmlLibrary *lib, unsigned long long milliseconds) {
    CONTROL_ENTER(lib);
    sim_instance *inst = call_.inst;
    SIM_CHECK(inst->clock_base_ms + milliseconds >= inst->clock_base_ms, MTML_ERROR_INVALID_ARGUMENT);
    inst->clock_base_ms += milliseconds;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimGetClock(MtmlLibrary *lib, unsigned long long *milliseconds) {
    CONTROL_ENTER(lib);
    SIM_CHECK(milliseconds, MTML_ERROR_INVALID_ARGUMENT);
    *milliseconds = sim_now_ms(call_.inst);
    SIM_RETURN(MTML_SUCCESS);
}

/* ---- faults ---- */

MtmlReturn mtmlSimInjectFault(MtmlLibrary *lib, const char *function, int deviceIndex, MtmlReturn code,
                              unsigned int afterCalls, unsigned int times, unsigned int stallMs, unsigned int *ruleId) {
    CONTROL_ENTER(lib);
    SIM_CHECK(function, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(deviceIndex >= -1 && deviceIndex < SIM_MAX_DEVICES, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(stallMs <= SIM_MAX_STALL_MS, MTML_ERROR_INVALID_ARGUMENT);
    int fn = -1;
    if (!sim_str_eq(function, "*")) {
        fn = sim_fn_lookup(function);
        SIM_CHECK(fn >= 0, MTML_ERROR_INVALID_ARGUMENT);
    }
    sim_machine *m = &call_.inst->m;
    SIM_CHECK(m->nfaults < SIM_MAX_FAULTS, MTML_ERROR_INSUFFICIENT_MEMORY);
    sim_fault *f = &m->faults[m->nfaults++];
    memset(f, 0, sizeof(*f));
    f->id = call_.inst->next_fault_id++;
    f->fn = fn;
    f->device = deviceIndex;
    f->code = code;
    f->after = afterCalls;
    f->times = times;
    f->stall_ms = stallMs;
    if (ruleId)
        *ruleId = f->id;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimRemoveFault(MtmlLibrary *lib, unsigned int ruleId) {
    CONTROL_ENTER(lib);
    sim_machine *m = &call_.inst->m;
    for (int i = 0; i < m->nfaults; i++) {
        if (m->faults[i].id == ruleId) {
            memmove(&m->faults[i], &m->faults[i + 1], (size_t)(m->nfaults - i - 1) * sizeof(sim_fault));
            m->nfaults--;
            SIM_RETURN(MTML_SUCCESS);
        }
    }
    SIM_RETURN(MTML_ERROR_NOT_FOUND);
}

MtmlReturn mtmlSimClearFaults(MtmlLibrary *lib) {
    CONTROL_ENTER(lib);
    call_.inst->m.nfaults = 0;
    SIM_RETURN(MTML_SUCCESS);
}

/* ---- device presence ---- */

MtmlReturn mtmlSimDeviceFallOffBus(MtmlLibrary *lib, unsigned int deviceIndex) {
    CONTROL_ENTER(lib);
    int phys = sim_phys_of_visible(call_.inst, deviceIndex);
    SIM_CHECK(phys >= 0, MTML_ERROR_INVALID_ARGUMENT);
    call_.inst->fallen[phys] = 1;
    sim_log(MTML_LOG_LEVEL_ERROR, "device %u fell off the bus", deviceIndex);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimDeviceRemove(MtmlLibrary *lib, unsigned int deviceIndex) {
    CONTROL_ENTER(lib);
    int phys = sim_phys_of_visible(call_.inst, deviceIndex);
    SIM_CHECK(phys >= 0, MTML_ERROR_INVALID_ARGUMENT);
    call_.inst->removed[phys] = 1;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimDeviceRestoreAll(MtmlLibrary *lib) {
    CONTROL_ENTER(lib);
    memset(call_.inst->removed, 0, sizeof call_.inst->removed);
    memset(call_.inst->fallen, 0, sizeof call_.inst->fallen);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimSetHostile(MtmlLibrary *lib, const char *function, MtmlSimHostileMode mode) {
    CONTROL_ENTER(lib);
    SIM_CHECK(function, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)mode >= MTML_SIM_HOSTILE_NONE && mode <= MTML_SIM_HOSTILE_COUNT_INFLATED, MTML_ERROR_INVALID_ARGUMENT);
    int fn = -1;
    if (!sim_str_eq(function, "*")) {
        fn = sim_fn_lookup(function);
        SIM_CHECK(fn >= 0, MTML_ERROR_INVALID_ARGUMENT);
    }
    sim_machine *m = &call_.inst->m;
    for (int i = 0; i < m->nhostile; i++)
        if (m->hostile[i].fn == fn) {
            m->hostile[i].mode = (int)mode;
            SIM_RETURN(MTML_SUCCESS);
        }
    SIM_CHECK(m->nhostile < SIM_MAX_HOSTILE, MTML_ERROR_INSUFFICIENT_MEMORY);
    m->hostile[m->nhostile].fn = fn;
    m->hostile[m->nhostile].mode = (int)mode;
    m->nhostile++;
    SIM_RETURN(MTML_SUCCESS);
}

/* ---- bookkeeping ---- */

MtmlReturn mtmlSimCallCount(MtmlLibrary *lib, const char *function, unsigned long long *count) {
    CONTROL_ENTER(lib);
    SIM_CHECK(function && count, MTML_ERROR_INVALID_ARGUMENT);
    if (sim_str_eq(function, "*")) {
        *count = call_.inst->calls_total;
        SIM_RETURN(MTML_SUCCESS);
    }
    int fn = sim_fn_lookup(function);
    SIM_CHECK(fn >= 0, MTML_ERROR_INVALID_ARGUMENT);
    *count = call_.inst->calls[fn];
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimHandleCounts(MtmlLibrary *lib, MtmlSimHandleKind kind, unsigned long long *created,
                               unsigned long long *freed) {
    CONTROL_ENTER(lib);
    SIM_CHECK(created && freed, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)kind >= 0 && kind < MTML_SIM_HANDLE_KIND_COUNT, MTML_ERROR_INVALID_ARGUMENT);
    *created = call_.inst->created[kind];
    *freed = call_.inst->freed[kind];
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn mtmlSimMisuseCount(MtmlLibrary *lib, MtmlSimMisuseKind kind, unsigned long long *count) {
    if (!count || (int)kind < 0 || kind >= MTML_SIM_MISUSE_KIND_COUNT)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (!lib) {
        *count = sim_global_misuse((int)kind);
        return MTML_SUCCESS;
    }
    CONTROL_ENTER(lib);
    *count = call_.inst->misuse[kind];
    SIM_RETURN(MTML_SUCCESS);
}

int mtmlSimOwnsHandle(const void *handle) {
    return handle != NULL && sim_owns_pointer(handle);
}

unsigned int mtmlSimFunctionCount(void) {
    return FN_COUNT;
}

const char *mtmlSimFunctionName(unsigned int index) {
    return sim_fn_name((int)index);
}
