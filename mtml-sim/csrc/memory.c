/*
 * memory.c: device memory figures.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * An MPC instance owns its profile's memory, a virtual device its type's
 * frame buffer; both report no driver-held memory of their own.
 */

#include "sim_internal.h"

/* Total and driver-held bytes of the memory unit behind the call. */
static MtmlReturn sizes(const sim_call *c, unsigned long long *total, unsigned long long *system) {
    const sim_device_cfg *d = sim_cfg(c);
    if (c->h.dkind == SIM_DEV_MPC) {
        const sim_mpc_profile *p = sim_mpc_instance_profile(c->inst, c->h.phys, c->h.sub);
        if (!p)
            return MTML_ERROR_NOT_FOUND;
        *total = p->memory_mib << 20;
        *system = 0;
    } else if (c->h.dkind == SIM_DEV_VIRT) {
        if (c->h.sub < 0 || c->h.sub >= d->nvdevs)
            return MTML_ERROR_NOT_FOUND;
        *total = (unsigned long long)d->vtypes[d->vdevs[c->h.sub].type].frameBuffer << 20;
        *system = 0;
    } else {
        *total = d->mem_total;
        *system = d->mem_system;
    }
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlMemoryGetTotal(const MtmlMemory *mem, unsigned long long *total) {
    SIM_ENTER(mtmlMemoryGetTotal, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(total, MTML_ERROR_INVALID_ARGUMENT);
    unsigned long long t, s;
    SIM_TRY(sizes(&call_, &t, &s));
    *total = t;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetUsed(const MtmlMemory *mem, unsigned long long *used) {
    SIM_ENTER(mtmlMemoryGetUsed, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(used, MTML_ERROR_INVALID_ARGUMENT);
    unsigned long long t, s;
    SIM_TRY(sizes(&call_, &t, &s));
    *used = sim_mem_used(call_.inst, call_.h.phys, sim_unit_id(&call_.h), t, s);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetUsedSystem(const MtmlMemory *mem, unsigned long long *used) {
    SIM_ENTER(mtmlMemoryGetUsedSystem, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(used, MTML_ERROR_INVALID_ARGUMENT);
    unsigned long long t, s;
    SIM_TRY(sizes(&call_, &t, &s));
    *used = s;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetUtilization(const MtmlMemory *mem, unsigned int *utilization) {
    SIM_ENTER(mtmlMemoryGetUtilization, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(utilization, MTML_ERROR_INVALID_ARGUMENT);
    *utilization = sim_mem_util(call_.inst, call_.h.phys, sim_unit_id(&call_.h));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetClock(const MtmlMemory *mem, unsigned int *clockMhz) {
    SIM_ENTER(mtmlMemoryGetClock, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    *clockMhz = sim_mem_clock(call_.inst, call_.h.phys);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetMaxClock(const MtmlMemory *mem, unsigned int *clockMhz) {
    SIM_ENTER(mtmlMemoryGetMaxClock, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    *clockMhz = sim_cfg(&call_)->mem_clock_max;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetBusWidth(const MtmlMemory *mem, unsigned int *busWidth) {
    SIM_ENTER(mtmlMemoryGetBusWidth, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(busWidth, MTML_ERROR_INVALID_ARGUMENT);
    *busWidth = sim_cfg(&call_)->mem_bus_width;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetBandwidth(const MtmlMemory *mem, unsigned int *bandwidth) {
    SIM_ENTER(mtmlMemoryGetBandwidth, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(bandwidth, MTML_ERROR_INVALID_ARGUMENT);
    *bandwidth = sim_cfg(&call_)->mem_bandwidth;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetSpeed(const MtmlMemory *mem, unsigned int *speed) {
    SIM_ENTER(mtmlMemoryGetSpeed, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(speed, MTML_ERROR_INVALID_ARGUMENT);
    *speed = sim_cfg(&call_)->mem_speed;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetVendor(const MtmlMemory *mem, unsigned int length, char *vendor) {
    SIM_ENTER(mtmlMemoryGetVendor, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(vendor, MTML_ERROR_INVALID_ARGUMENT);
    SIM_RETURN(sim_put_string(&call_, vendor, length, sim_cfg(&call_)->mem_vendor));
}

MtmlReturn MTML_API mtmlMemoryGetType(const MtmlMemory *mem, MtmlMemoryType *type) {
    SIM_ENTER(mtmlMemoryGetType, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(type, MTML_ERROR_INVALID_ARGUMENT);
    *type = (MtmlMemoryType)sim_enum_out(&call_, sim_cfg(&call_)->mem_type);
    SIM_RETURN(MTML_SUCCESS);
}
