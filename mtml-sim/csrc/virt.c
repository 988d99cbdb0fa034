/*
 * virt.c: virtualization types and virtual devices.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Placement rule: a device runs virtual devices of one type at a time, so
 * while any are active only their type has room left (max_instances minus
 * the active ones); with none active every type is available.
 */

#include <string.h>

#include "sim_internal.h"

/* The physical, virtualizable device behind the call, or an error. */
static MtmlReturn need_virt(const sim_call *c) {
    if (c->h.dkind != SIM_DEV_PHYS || !sim_cfg(c)->virt_supported)
        return MTML_ERROR_NOT_SUPPORTED;
    return MTML_SUCCESS;
}

static int find_type(const sim_device_cfg *d, const MtmlVirtType *t) {
    if (!memchr(t->id, '\0', sizeof t->id))
        return -1;
    for (int i = 0; i < d->nvtypes; i++)
        if (strcmp(d->vtypes[i].id, t->id) == 0)
            return i;
    return -1;
}

static unsigned int avail(const sim_device_cfg *d, int type) {
    unsigned int same = 0;
    for (int i = 0; i < d->nvdevs; i++) {
        if (d->vdevs[i].type != type)
            return 0;
        same++;
    }
    unsigned int max = d->vtypes[type].maxInstances;
    return max > same ? max - same : 0;
}

static void put_type(const sim_call *c, MtmlVirtType *out, const MtmlVirtType *t) {
    *out = *t;
    sim_put_field(c, out->id, sizeof out->id, t->id);
    sim_put_field(c, out->name, sizeof out->name, t->name);
    sim_put_field(c, out->api, sizeof out->api, t->api);
}

MtmlReturn MTML_API mtmlDeviceCountSupportedVirtTypes(const MtmlDevice *dev, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountSupportedVirtTypes, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    *count = sim_count_out(&call_, (unsigned int)sim_cfg(&call_)->nvtypes);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetSupportedVirtTypes(const MtmlDevice *dev, MtmlVirtType *types, unsigned int count) {
    SIM_ENTER(mtmlDeviceGetSupportedVirtTypes, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(types, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(count >= (unsigned int)d->nvtypes, MTML_ERROR_INSUFFICIENT_SIZE);
    for (int i = 0; i < d->nvtypes; i++)
        put_type(&call_, &types[i], &d->vtypes[i]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountAvailVirtTypes(const MtmlDevice *dev, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountAvailVirtTypes, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    unsigned int n = 0;
    for (int i = 0; i < d->nvtypes; i++)
        n += avail(d, i) > 0;
    *count = sim_count_out(&call_, n);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetAvailVirtTypes(const MtmlDevice *dev, MtmlVirtType *types, unsigned int count) {
    SIM_ENTER(mtmlDeviceGetAvailVirtTypes, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(types, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    unsigned int n = 0;
    for (int i = 0; i < d->nvtypes; i++)
        n += avail(d, i) > 0;
    SIM_CHECK(count >= n, MTML_ERROR_INSUFFICIENT_SIZE);
    unsigned int k = 0;
    for (int i = 0; i < d->nvtypes; i++)
        if (avail(d, i) > 0)
            put_type(&call_, &types[k++], &d->vtypes[i]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountAvailVirtDevices(const MtmlDevice *dev, const MtmlVirtType *type, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountAvailVirtDevices, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(type && count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    int t = find_type(sim_cfg(&call_), type);
    SIM_CHECK(t >= 0, MTML_ERROR_INVALID_ARGUMENT);
    *count = avail(sim_cfg(&call_), t);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountActiveVirtDevices(const MtmlDevice *dev, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountActiveVirtDevices, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    *count = sim_count_out(&call_, (unsigned int)sim_cfg(&call_)->nvdevs);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetActiveVirtDeviceUuids(const MtmlDevice *dev, char *uuids, unsigned int entryLength,
                                                       unsigned int entryCount) {
    SIM_ENTER(mtmlDeviceGetActiveVirtDeviceUuids, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(uuids, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(entryCount >= (unsigned int)d->nvdevs && entryLength > 0, MTML_ERROR_INSUFFICIENT_SIZE);
    for (int i = 0; i < d->nvdevs; i++)
        SIM_CHECK(strlen(d->vdevs[i].uuid) < entryLength, MTML_ERROR_INSUFFICIENT_SIZE);
    for (unsigned int i = 0; i < entryCount; i++) {
        char *entry = uuids + (size_t)i * entryLength;
        if (i < (unsigned int)d->nvdevs)
            SIM_TRY(sim_put_string(&call_, entry, entryLength, d->vdevs[i].uuid));
        else
            entry[0] = '\0';
    }
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountMaxVirtDevices(const MtmlDevice *dev, const MtmlVirtType *type,
                                                  unsigned int *virtDevicesCount) {
    SIM_ENTER(mtmlDeviceCountMaxVirtDevices, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(type && virtDevicesCount, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    int t = find_type(sim_cfg(&call_), type);
    SIM_CHECK(t >= 0, MTML_ERROR_INVALID_ARGUMENT);
    *virtDevicesCount = sim_cfg(&call_)->vtypes[t].maxInstances;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceInitVirtDevice(const MtmlDevice *dev, const char *uuid, MtmlDevice **virtDev) {
    SIM_ENTER(mtmlDeviceInitVirtDevice, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(uuid && virtDev, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_virt(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    for (int i = 0; i < d->nvdevs; i++) {
        if (sim_str_eq(uuid, d->vdevs[i].uuid)) {
            void *h = NULL;
            SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_VIRT, call_.h.phys, i, &h));
            *virtDev = (MtmlDevice *)h;
            SIM_RETURN(MTML_SUCCESS);
        }
    }
    SIM_RETURN(MTML_ERROR_NOT_FOUND);
}

MtmlReturn MTML_API mtmlDeviceFreeVirtDevice(MtmlDevice *virtDev) {
    SIM_ENTER_FREE(mtmlDeviceFreeVirtDevice, virtDev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(call_.h.dkind == SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    SIM_RETURN(sim_free_handle(&call_));
}

MtmlReturn MTML_API mtmlDeviceGetVirtType(const MtmlDevice *virtDev, MtmlVirtType *type) {
    SIM_ENTER(mtmlDeviceGetVirtType, virtDev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(type, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind == SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.sub >= 0 && call_.h.sub < d->nvdevs, MTML_ERROR_NOT_FOUND);
    put_type(&call_, type, &d->vtypes[d->vdevs[call_.h.sub].type]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetPhyDeviceUuid(const MtmlDevice *virtDev, char *uuid, unsigned int length) {
    SIM_ENTER(mtmlDeviceGetPhyDeviceUuid, virtDev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(uuid, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind == SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    SIM_RETURN(sim_put_string(&call_, uuid, length, sim_cfg(&call_)->uuid));
}
