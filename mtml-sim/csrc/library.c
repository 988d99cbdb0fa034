/*
 * library.c: library lifetime, device enumeration and lookup.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Handle caching: asking twice for the same device, system or unit returns
 * the same handle, until that handle is freed or invalidated; then a new
 * one is made.
 */

#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

/* Reads a whole config file (bounded). Returns malloc'd text or NULL with err. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open the file", path);
        return NULL;
    }
    char *buf = malloc(SIM_MAX_CONFIG_BYTES + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    size_t n = fread(buf, 1, SIM_MAX_CONFIG_BYTES + 1, f);
    fclose(f);
    if (n > SIM_MAX_CONFIG_BYTES) {
        free(buf);
        snprintf(err, errlen, "%s: file larger than %u bytes", path, SIM_MAX_CONFIG_BYTES);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Builds the machine for a new instance from the sources in priority order. */
static int load_machine(sim_machine *m, char *err, size_t errlen) {
    char *next = sim_take_next_config();
    int rc;
    if (next) {
        rc = sim_config_parse(next, strlen(next), "<next-config>", m, err, errlen);
        free(next);
    } else {
        const char *path = getenv("MTML_SIM_CONFIG");
        if (path && path[0]) {
            size_t len = 0;
            char *text = read_file(path, &len, err, errlen);
            if (!text)
                return -1;
            rc = sim_config_parse(text, len, path, m, err, errlen);
            free(text);
        } else {
            rc = sim_config_parse(sim_default_config_text, strlen(sim_default_config_text), "<default>", m, err,
                                  errlen);
        }
    }
    if (rc != 0)
        return -1;
    const char *faults = getenv("MTML_SIM_FAULTS");
    if (faults && faults[0] && sim_config_parse_fault_list(faults, m, err, errlen) != 0) {
        sim_machine_free(m);
        return -1;
    }
    return 0;
}

MtmlReturn MTML_API mtmlLibraryInit(MtmlLibrary **lib) {
    sim_global_count_call(FN_mtmlLibraryInit);
    if (!lib)
        return MTML_ERROR_INVALID_ARGUMENT;
    sim_machine m;
    char err[SIM_ERR_LEN];
    if (load_machine(&m, err, sizeof err) != 0) {
        sim_set_last_config_error(err);
        fprintf(stderr, "mtml-sim: %s\n", err);
        return MTML_ERROR_INVALID_ARGUMENT;
    }
    sim_set_last_config_error("");
    sim_instance *inst = NULL;
    MtmlLibrary *handle = NULL;
    MtmlReturn rc = sim_instance_create(&m, &handle, &inst);
    if (rc != MTML_SUCCESS) {
        sim_machine_free(&m);
        return rc;
    }
    /* Fault rules naming mtmlLibraryInit make the init itself fail. */
    sim_call c;
    if (sim_enter_control(&c, handle) == MTML_SUCCESS) {
        c.fn = FN_mtmlLibraryInit;
        rc = sim_apply_faults(&c, -1);
        if (rc != MTML_SUCCESS)
            sim_instance_retire(&c);
        sim_leave(&c, rc);
    }
    if (rc != MTML_SUCCESS)
        return rc;
    sim_log(MTML_LOG_LEVEL_INFO, "library initialised with %d device(s)", inst->m.ndev);
    *lib = handle;
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlLibraryShutDown(MtmlLibrary *lib) {
    SIM_ENTER(mtmlLibraryShutDown, lib, SIM_KIND_LIBRARY);
    sim_instance_retire(&call_);
    sim_log(MTML_LOG_LEVEL_INFO, "library shut down");
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlLibraryGetVersion(const MtmlLibrary *lib, char *version, unsigned int length) {
    SIM_ENTER(mtmlLibraryGetVersion, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(version, MTML_ERROR_INVALID_ARGUMENT);
    SIM_RETURN(sim_put_string(&call_, version, length, call_.inst->m.library_version));
}

MtmlReturn MTML_API mtmlLibraryInitSystem(const MtmlLibrary *lib, MtmlSystem **sys) {
    SIM_ENTER(mtmlLibraryInitSystem, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(sys, MTML_ERROR_INVALID_ARGUMENT);
    void *h = NULL;
    SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_SYSTEM, SIM_DEV_PHYS, -1, -1, &h));
    *sys = (MtmlSystem *)h;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlLibraryFreeSystem(MtmlSystem *sys) {
    SIM_ENTER_FREE(mtmlLibraryFreeSystem, sys, MTML_SIM_HANDLE_SYSTEM);
    SIM_RETURN(sim_free_handle(&call_));
}

MtmlReturn MTML_API mtmlLibraryCountDevice(const MtmlLibrary *lib, unsigned int *count) {
    SIM_ENTER(mtmlLibraryCountDevice, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    *count = sim_count_out(&call_, sim_visible_count(call_.inst));
    SIM_RETURN(MTML_SUCCESS);
}

/* Hands out the physical device phys, failing for a fallen one. */
static MtmlReturn device_out(sim_call *c, int phys, MtmlDevice **dev) {
    if (c->inst->fallen[phys])
        return MTML_ERROR_DRIVER_FAILURE;
    void *h = NULL;
    MtmlReturn rc = sim_get_handle(c, MTML_SIM_HANDLE_DEVICE, SIM_DEV_PHYS, phys, -1, &h);
    if (rc == MTML_SUCCESS)
        *dev = (MtmlDevice *)h;
    return rc;
}

MtmlReturn MTML_API mtmlLibraryInitDeviceByIndex(const MtmlLibrary *lib, unsigned int index, MtmlDevice **dev) {
    SIM_ENTER(mtmlLibraryInitDeviceByIndex, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(dev, MTML_ERROR_INVALID_ARGUMENT);
    int phys = sim_phys_of_visible(call_.inst, index);
    SIM_CHECK(phys >= 0, MTML_ERROR_INVALID_ARGUMENT);
    SIM_RETURN(device_out(&call_, phys, dev));
}

MtmlReturn MTML_API mtmlLibraryInitDeviceByUuid(const MtmlLibrary *library, const char *uuid, MtmlDevice **dev) {
    SIM_ENTER(mtmlLibraryInitDeviceByUuid, library, SIM_KIND_LIBRARY);
    SIM_CHECK(uuid && dev, MTML_ERROR_INVALID_ARGUMENT);
    sim_instance *inst = call_.inst;
    for (int i = 0; i < inst->m.ndev; i++) {
        if (inst->removed[i])
            continue;
        if (sim_str_eq(uuid, inst->m.dev[i].uuid))
            SIM_RETURN(device_out(&call_, i, dev));
        int n = sim_mpc_instance_count(inst, i);
        for (int k = 0; k < n; k++) {
            char u[MTML_DEVICE_UUID_BUFFER_SIZE];
            sim_mpc_instance_uuid(inst, i, k, u, sizeof u);
            if (sim_str_eq(uuid, u)) {
                SIM_CHECK(!inst->fallen[i], MTML_ERROR_DRIVER_FAILURE);
                void *h = NULL;
                SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_MPC, i, k, &h));
                *dev = (MtmlDevice *)h;
                SIM_RETURN(MTML_SUCCESS);
            }
        }
    }
    SIM_RETURN(MTML_ERROR_NOT_FOUND);
}

MtmlReturn MTML_API mtmlLibraryInitDeviceByPciSbdf(const MtmlLibrary *lib, const char *pciSbdf, MtmlDevice **dev) {
    SIM_ENTER(mtmlLibraryInitDeviceByPciSbdf, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(pciSbdf && dev, MTML_ERROR_INVALID_ARGUMENT);
    unsigned int seg, bus, d, fn;
    SIM_CHECK(sim_parse_sbdf(pciSbdf, 64, &seg, &bus, &d, &fn) == 0, MTML_ERROR_INVALID_ARGUMENT);
    sim_instance *inst = call_.inst;
    for (int i = 0; i < inst->m.ndev; i++) {
        const sim_device_cfg *c = &inst->m.dev[i];
        if (!inst->removed[i] && c->seg == seg && c->bus == bus && c->dev == d && c->fn == fn)
            SIM_RETURN(device_out(&call_, i, dev));
    }
    SIM_RETURN(MTML_ERROR_NOT_FOUND);
}

MtmlReturn MTML_API mtmlLibraryFreeDevice(MtmlDevice *dev) {
    SIM_ENTER_FREE(mtmlLibraryFreeDevice, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    SIM_RETURN(sim_free_handle(&call_));
}
