/*
 * device.c: device sub-units, identity, properties, affinity and reset.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * A device handle is a physical device, an MPC instance (identity of its
 * own, hardware of its parent) or a virtual device (only identity, type
 * and parent are available; the rest is NOT_SUPPORTED as documented).
 */

#include <string.h>

#include "sim_internal.h"

static MtmlReturn unit_init(sim_call *c, int kind, void **out) {
    if (!out)
        return MTML_ERROR_INVALID_ARGUMENT;
    return sim_get_handle(c, kind, c->h.dkind, c->h.phys, c->h.sub, out);
}

MtmlReturn MTML_API mtmlDeviceInitGpu(const MtmlDevice *dev, MtmlGpu **gpu) {
    SIM_ENTER(mtmlDeviceInitGpu, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(unit_init(&call_, MTML_SIM_HANDLE_GPU, (void **)gpu));
}

MtmlReturn MTML_API mtmlDeviceFreeGpu(MtmlGpu *gpu) {
    SIM_ENTER_FREE(mtmlDeviceFreeGpu, gpu, MTML_SIM_HANDLE_GPU);
    SIM_RETURN(sim_free_handle(&call_));
}

MtmlReturn MTML_API mtmlDeviceInitMemory(const MtmlDevice *dev, MtmlMemory **mem) {
    SIM_ENTER(mtmlDeviceInitMemory, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(unit_init(&call_, MTML_SIM_HANDLE_MEMORY, (void **)mem));
}

MtmlReturn MTML_API mtmlDeviceFreeMemory(MtmlMemory *mem) {
    SIM_ENTER_FREE(mtmlDeviceFreeMemory, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_RETURN(sim_free_handle(&call_));
}

MtmlReturn MTML_API mtmlDeviceInitVpu(const MtmlDevice *dev, MtmlVpu **vpu) {
    SIM_ENTER(mtmlDeviceInitVpu, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(vpu, MTML_ERROR_INVALID_ARGUMENT);
    /* an MPC parent has no codec unit of its own: its instances do */
    SIM_CHECK(!(call_.h.dkind == SIM_DEV_PHYS && sim_mpc_instance_count(call_.inst, call_.h.phys) > 0),
              MTML_ERROR_NOT_SUPPORTED);
    SIM_RETURN(unit_init(&call_, MTML_SIM_HANDLE_VPU, (void **)vpu));
}

MtmlReturn MTML_API mtmlDeviceFreeVpu(MtmlVpu *vpu) {
    SIM_ENTER_FREE(mtmlDeviceFreeVpu, vpu, MTML_SIM_HANDLE_VPU);
    SIM_RETURN(sim_free_handle(&call_));
}

MtmlReturn MTML_API mtmlDeviceGetIndex(const MtmlDevice *dev, unsigned int *index) {
    SIM_ENTER(mtmlDeviceGetIndex, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(index, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS, MTML_ERROR_NOT_SUPPORTED);
    int v = sim_visible_index(call_.inst, call_.h.phys);
    SIM_CHECK(v >= 0, MTML_ERROR_NOT_FOUND);
    *index = (unsigned int)v;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetUUID(const MtmlDevice *dev, char *uuid, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetUUID, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(uuid, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    char u[MTML_DEVICE_UUID_BUFFER_SIZE];
    if (call_.h.dkind == SIM_DEV_MPC)
        sim_mpc_instance_uuid(call_.inst, call_.h.phys, call_.h.sub, u, sizeof u);
    else if (call_.h.dkind == SIM_DEV_VIRT && call_.h.sub >= 0 && call_.h.sub < d->nvdevs)
        sim_copy(u, sizeof u, d->vdevs[call_.h.sub].uuid);
    else
        sim_copy(u, sizeof u, d->uuid);
    SIM_RETURN(sim_put_string(&call_, uuid, length, u));
}

MtmlReturn MTML_API mtmlDeviceGetBrand(const MtmlDevice *dev, MtmlBrandType *type) {
    SIM_ENTER(mtmlDeviceGetBrand, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(type, MTML_ERROR_INVALID_ARGUMENT);
    *type = (MtmlBrandType)sim_enum_out(&call_, sim_cfg(&call_)->brand);
    SIM_RETURN(MTML_SUCCESS);
}

/* Common shape of the string getters that virtual devices lack. */
static MtmlReturn phys_string(sim_call *c, char *buf, unsigned int length, const char *value) {
    if (!buf)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (c->h.dkind == SIM_DEV_VIRT)
        return MTML_ERROR_NOT_SUPPORTED;
    return sim_put_string(c, buf, length, value);
}

MtmlReturn MTML_API mtmlDeviceGetName(const MtmlDevice *dev, char *name, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetName, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, name, length, sim_cfg(&call_)->name));
}

MtmlReturn MTML_API mtmlDeviceGetGpuPath(const MtmlDevice *dev, char *path, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetGpuPath, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, path, length, sim_cfg(&call_)->gpu_path));
}

MtmlReturn MTML_API mtmlDeviceGetPrimaryPath(const MtmlDevice *dev, char *path, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetPrimaryPath, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, path, length, sim_cfg(&call_)->primary_path));
}

MtmlReturn MTML_API mtmlDeviceGetRenderPath(const MtmlDevice *dev, char *path, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetRenderPath, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, path, length, sim_cfg(&call_)->render_path));
}

MtmlReturn MTML_API mtmlDeviceGetVbiosVersion(const MtmlDevice *dev, char *version, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetVbiosVersion, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, version, length, sim_cfg(&call_)->mtbios));
}

MtmlReturn MTML_API mtmlDeviceGetMtBiosVersion(const MtmlDevice *dev, char *version, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetMtBiosVersion, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_RETURN(phys_string(&call_, version, length, sim_cfg(&call_)->mtbios));
}

MtmlReturn MTML_API mtmlDeviceGetPowerUsage(const MtmlDevice *dev, unsigned int *power) {
    SIM_ENTER(mtmlDeviceGetPowerUsage, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(power, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS, MTML_ERROR_NOT_SUPPORTED);
    *power = sim_power_mw(call_.inst, call_.h.phys);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetProperty(const MtmlDevice *dev, MtmlDeviceProperty *prop) {
    SIM_ENTER(mtmlDeviceGetProperty, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(prop, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    MtmlDeviceProperty p;
    memset(&p, 0, sizeof p);
    switch (call_.h.dkind) {
    case SIM_DEV_PHYS:
        p.virtCap = d->virt_supported ? 1u : 0u;
        p.virtRole = (unsigned int)d->virt_role;
        p.mpcCap = d->mpc_supported ? 1u : 0u;
        p.mpcType = sim_mpc_instance_count(call_.inst, call_.h.phys) > 0 ? MTML_MPC_TYPE_PARENT : MTML_MPC_TYPE_NONE;
        p.mtLinkCap = d->mtlink_ports > 0 ? 1u : 0u;
        break;
    case SIM_DEV_MPC:
        p.mpcType = MTML_MPC_TYPE_INSTANCE;
        p.mtLinkCap = d->mtlink_ports > 0 ? 1u : 0u;
        break;
    default:
        p.virtRole = MTML_VIRT_ROLE_HOST_VIRTDEVICE;
        break;
    }
    if (sim_hostile_mode(&call_) == MTML_SIM_HOSTILE_ENUM_OUT_OF_RANGE) {
        p.virtRole = 7;
        p.mpcType = 7;
    }
    *prop = p;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountGpuCores(const MtmlDevice *device, unsigned int *numCores) {
    SIM_ENTER(mtmlDeviceCountGpuCores, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(numCores, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    if (call_.h.dkind == SIM_DEV_MPC) {
        const sim_mpc_profile *pr = sim_mpc_instance_profile(call_.inst, call_.h.phys, call_.h.sub);
        SIM_CHECK(pr, MTML_ERROR_NOT_FOUND);
        *numCores = pr->cores;
    } else {
        *numCores = sim_cfg(&call_)->gpu_cores;
    }
    SIM_RETURN(MTML_SUCCESS);
}

/* ---- affinity ---- */

static void set_bit(unsigned long *set, unsigned int words, unsigned int bit) {
    unsigned int per = (unsigned int)(sizeof(unsigned long) * 8);
    if (bit / per < words)
        set[bit / per] |= 1ul << (bit % per);
}

MtmlReturn MTML_API mtmlDeviceGetMemoryAffinityWithinNode(const MtmlDevice *device, unsigned int nodeSetSize,
                                                          unsigned long *nodeSet) {
    SIM_ENTER(mtmlDeviceGetMemoryAffinityWithinNode, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(nodeSet && nodeSetSize > 0, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    memset(nodeSet, 0, (size_t)nodeSetSize * sizeof(unsigned long));
    set_bit(nodeSet, nodeSetSize, (unsigned int)sim_cfg(&call_)->numa_node);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetCpuAffinityWithinNode(const MtmlDevice *device, unsigned int cpuSetSize,
                                                       unsigned long *cpuSet) {
    SIM_ENTER(mtmlDeviceGetCpuAffinityWithinNode, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(cpuSet && cpuSetSize > 0, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    const sim_machine *m = &call_.inst->m;
    unsigned int node = (unsigned int)sim_cfg(&call_)->numa_node;
    unsigned int first = node * m->cpus / m->numa_nodes, last = (node + 1) * m->cpus / m->numa_nodes;
    memset(cpuSet, 0, (size_t)cpuSetSize * sizeof(unsigned long));
    for (unsigned int cpu = first; cpu < last; cpu++)
        set_bit(cpuSet, cpuSetSize, cpu);
    SIM_RETURN(MTML_SUCCESS);
}

/* ---- reset ---- */

MtmlReturn MTML_API mtmlDeviceReset(const MtmlDevice *device) {
    SIM_ENTER(mtmlDeviceReset, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS, MTML_ERROR_NOT_SUPPORTED);
    sim_instance *inst = call_.inst;
    int i = call_.h.phys;
    /* sub-units, MPC instances and virtual device handles become stale;
       the device handle itself stays valid */
    sim_invalidate(inst, i, 0, 1);
    inst->ecc_cur[i] = inst->ecc_pending[i];
    inst->pages_committed[i] = 1;
    inst->ecc_vol_base[i][0] = inst->ecc_vol_base[i][1] = 0;
    inst->ecc_vol_mark[i] = sim_ecc_growth(inst, i);
    sim_log(MTML_LOG_LEVEL_INFO, "device %d reset", i);
    SIM_RETURN(MTML_SUCCESS);
}
