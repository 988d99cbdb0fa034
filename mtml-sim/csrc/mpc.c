/*
 * mpc.c: Multi Primary Core partitioning.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * With MPC on, the instances of a device are the profiles of its active
 * configuration, in order. Changing the mode or the configuration makes the
 * device's MPC instance handles (and their units) stale.
 */

#include <string.h>

#include "sim_internal.h"

static MtmlReturn need_capable(const sim_call *c) {
    if (c->h.dkind != SIM_DEV_PHYS || !sim_cfg(c)->mpc_supported)
        return MTML_ERROR_NOT_SUPPORTED;
    return MTML_SUCCESS;
}

/* MPC-capable physical device with MPC on. */
static MtmlReturn need_parent(const sim_call *c) {
    MtmlReturn rc = need_capable(c);
    if (rc == MTML_SUCCESS && !c->inst->mpc_mode[c->h.phys])
        rc = MTML_ERROR_NOT_SUPPORTED;
    return rc;
}

static MtmlReturn need_instance(const sim_call *c) {
    if (c->h.dkind != SIM_DEV_MPC)
        return MTML_ERROR_NOT_SUPPORTED;
    if (!sim_mpc_instance_profile(c->inst, c->h.phys, c->h.sub))
        return MTML_ERROR_NOT_FOUND;
    return MTML_SUCCESS;
}

static void put_profile(const sim_call *c, MtmlMpcProfile *out, const sim_mpc_profile *p) {
    memset(out, 0, sizeof(*out));
    out->id = p->id;
    out->coreCount = p->cores;
    out->memorySizeMB = p->memory_mib;
    sim_put_field(c, out->name, sizeof out->name, p->name);
}

static void put_config(const sim_call *c, MtmlMpcConfiguration *out, const sim_mpc_config *cf) {
    memset(out, 0, sizeof(*out));
    out->id = cf->id;
    sim_put_field(c, out->name, sizeof out->name, cf->name);
    for (int i = 0; i < MTML_MPC_CONF_MAX_PROF_NUM; i++)
        out->profileId[i] = i < cf->nprofiles ? (int)cf->profile[i] : -1;
}

static int config_index(const sim_device_cfg *d, unsigned int id) {
    for (int i = 0; i < d->nconfigs; i++)
        if (d->configs[i].id == id)
            return i;
    return -1;
}

static MtmlReturn instance_out(sim_call *c, int phys, int sub, MtmlDevice **out) {
    void *h = NULL;
    MtmlReturn rc = sim_get_handle(c, MTML_SIM_HANDLE_DEVICE, SIM_DEV_MPC, phys, sub, &h);
    if (rc == MTML_SUCCESS)
        *out = (MtmlDevice *)h;
    return rc;
}

MtmlReturn MTML_API mtmlDeviceSetMpcMode(const MtmlDevice *device, MtmlMpcMode mode) {
    SIM_ENTER(mtmlDeviceSetMpcMode, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(mode == MTML_DEVICE_MPC_DISABLE || mode == MTML_DEVICE_MPC_ENABLE, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_capable(&call_));
    sim_instance *inst = call_.inst;
    int i = call_.h.phys;
    SIM_CHECK(mode == MTML_DEVICE_MPC_DISABLE || sim_cfg(&call_)->nconfigs > 0, MTML_ERROR_NOT_SUPPORTED);
    sim_invalidate(inst, i, 1, 0);
    inst->mpc_mode[i] = (int)mode;
    if (mode == MTML_DEVICE_MPC_ENABLE && inst->active_config[i] < 0)
        inst->active_config[i] = 0;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcMode(const MtmlDevice *device, MtmlMpcMode *currentMode) {
    SIM_ENTER(mtmlDeviceGetMpcMode, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(currentMode, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_capable(&call_));
    *currentMode = (MtmlMpcMode)sim_enum_out(&call_, call_.inst->mpc_mode[call_.h.phys]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountSupportedMpcProfiles(const MtmlDevice *parentDevice, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountSupportedMpcProfiles, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    *count = sim_count_out(&call_, (unsigned int)sim_cfg(&call_)->nprofiles);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetSupportedMpcProfiles(const MtmlDevice *parentDevice, unsigned int count, MtmlMpcProfile *info) {
    SIM_ENTER(mtmlDeviceGetSupportedMpcProfiles, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(info, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(count >= (unsigned int)d->nprofiles, MTML_ERROR_INSUFFICIENT_SIZE);
    for (int i = 0; i < d->nprofiles; i++)
        put_profile(&call_, &info[i], &d->profiles[i]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountSupportedMpcConfigurations(const MtmlDevice *parentDevice, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountSupportedMpcConfigurations, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    *count = sim_count_out(&call_, (unsigned int)sim_cfg(&call_)->nconfigs);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetSupportedMpcConfigurations(const MtmlDevice *parentDevice, unsigned int count,
                                                            MtmlMpcConfiguration *info) {
    SIM_ENTER(mtmlDeviceGetSupportedMpcConfigurations, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(info, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(count >= (unsigned int)d->nconfigs, MTML_ERROR_INSUFFICIENT_SIZE);
    for (int i = 0; i < d->nconfigs; i++)
        put_config(&call_, &info[i], &d->configs[i]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcConfiguration(const MtmlDevice *parentDevice, MtmlMpcConfiguration *config) {
    SIM_ENTER(mtmlDeviceGetMpcConfiguration, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(config, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    int ac = call_.inst->active_config[call_.h.phys];
    SIM_CHECK(ac >= 0 && ac < sim_cfg(&call_)->nconfigs, MTML_ERROR_NOT_FOUND);
    put_config(&call_, config, &sim_cfg(&call_)->configs[ac]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcConfigurationByName(const MtmlDevice *parentDevice, const char *configName,
                                                        MtmlMpcConfiguration *config) {
    SIM_ENTER(mtmlDeviceGetMpcConfigurationByName, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(configName && config, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    for (int i = 0; i < d->nconfigs; i++)
        if (sim_str_eq(configName, d->configs[i].name)) {
            put_config(&call_, config, &d->configs[i]);
            SIM_RETURN(MTML_SUCCESS);
        }
    SIM_RETURN(MTML_ERROR_NOT_FOUND);
}

MtmlReturn MTML_API mtmlDeviceSetMpcConfiguration(const MtmlDevice *parentDevice, unsigned int id) {
    SIM_ENTER(mtmlDeviceSetMpcConfiguration, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_TRY(need_parent(&call_));
    int ci = config_index(sim_cfg(&call_), id);
    SIM_CHECK(ci >= 0, MTML_ERROR_INVALID_ARGUMENT);
    sim_invalidate(call_.inst, call_.h.phys, 1, 0);
    call_.inst->active_config[call_.h.phys] = ci;
    SIM_RETURN(MTML_SUCCESS);
}

static unsigned int count_by_profile(const sim_call *c, unsigned int profile) {
    unsigned int n = 0;
    int total = sim_mpc_instance_count(c->inst, c->h.phys);
    for (int k = 0; k < total; k++)
        n += sim_mpc_instance_profile(c->inst, c->h.phys, k)->id == profile;
    return n;
}

MtmlReturn MTML_API mtmlDeviceCountMpcInstancesByProfileId(const MtmlDevice *parentDevice, unsigned int profileId,
                                                           unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountMpcInstancesByProfileId, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    SIM_CHECK(sim_mpc_find_profile(sim_cfg(&call_), profileId), MTML_ERROR_INVALID_ARGUMENT);
    *count = sim_count_out(&call_, count_by_profile(&call_, profileId));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcInstancesByProfileId(const MtmlDevice *parentDevice, unsigned int profileId,
                                                         unsigned int count, MtmlDevice **mpcInstance) {
    SIM_ENTER(mtmlDeviceGetMpcInstancesByProfileId, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(mpcInstance, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    SIM_CHECK(sim_mpc_find_profile(sim_cfg(&call_), profileId), MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(count >= count_by_profile(&call_, profileId), MTML_ERROR_INSUFFICIENT_SIZE);
    int total = sim_mpc_instance_count(call_.inst, call_.h.phys);
    unsigned int k = 0;
    for (int s = 0; s < total; s++)
        if (sim_mpc_instance_profile(call_.inst, call_.h.phys, s)->id == profileId)
            SIM_TRY(instance_out(&call_, call_.h.phys, s, &mpcInstance[k++]));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountMpcInstances(const MtmlDevice *parentDevice, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountMpcInstances, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    *count = sim_count_out(&call_, (unsigned int)sim_mpc_instance_count(call_.inst, call_.h.phys));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcInstances(const MtmlDevice *parentDevice, unsigned int count, MtmlDevice **mpcInstance) {
    SIM_ENTER(mtmlDeviceGetMpcInstances, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(mpcInstance, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    int total = sim_mpc_instance_count(call_.inst, call_.h.phys);
    SIM_CHECK(count >= (unsigned int)total, MTML_ERROR_INSUFFICIENT_SIZE);
    for (int s = 0; s < total; s++)
        SIM_TRY(instance_out(&call_, call_.h.phys, s, &mpcInstance[s]));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcInstanceByIndex(const MtmlDevice *parentDevice, unsigned int index,
                                                    MtmlDevice **mpcInstance) {
    SIM_ENTER(mtmlDeviceGetMpcInstanceByIndex, parentDevice, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(mpcInstance, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_parent(&call_));
    SIM_CHECK(index < (unsigned int)sim_mpc_instance_count(call_.inst, call_.h.phys), MTML_ERROR_INVALID_ARGUMENT);
    SIM_RETURN(instance_out(&call_, call_.h.phys, (int)index, mpcInstance));
}

MtmlReturn MTML_API mtmlDeviceGetMpcParentDevice(const MtmlDevice *mpcInstance, MtmlDevice **parentDevice) {
    SIM_ENTER(mtmlDeviceGetMpcParentDevice, mpcInstance, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(parentDevice, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_instance(&call_));
    void *h = NULL;
    SIM_TRY(sim_get_handle(&call_, MTML_SIM_HANDLE_DEVICE, SIM_DEV_PHYS, call_.h.phys, -1, &h));
    *parentDevice = (MtmlDevice *)h;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcProfileInfo(const MtmlDevice *mpcInstance, MtmlMpcProfile *profileInfo) {
    SIM_ENTER(mtmlDeviceGetMpcProfileInfo, mpcInstance, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(profileInfo, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_instance(&call_));
    put_profile(&call_, profileInfo, sim_mpc_instance_profile(call_.inst, call_.h.phys, call_.h.sub));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetMpcInstanceIndex(const MtmlDevice *mpcInstance, unsigned int *index) {
    SIM_ENTER(mtmlDeviceGetMpcInstanceIndex, mpcInstance, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(index, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_instance(&call_));
    *index = (unsigned int)call_.h.sub;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlLibrarySetMpcConfigurationInBatch(const MtmlLibrary *lib, unsigned int count, MtmlDevice **devices,
                                                          unsigned int *mpcConfigIds) {
    SIM_ENTER(mtmlLibrarySetMpcConfigurationInBatch, lib, SIM_KIND_LIBRARY);
    SIM_CHECK(devices && mpcConfigIds, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(count <= 4096, MTML_ERROR_INVALID_ARGUMENT);
    sim_instance *inst = call_.inst;
    /* check everything first so a bad entry changes nothing */
    for (unsigned int i = 0; i < count; i++) {
        sim_slot h;
        SIM_TRY(sim_resolve_device(&call_, devices[i], &h));
        const sim_device_cfg *d = sim_cfg_of(inst, h.phys);
        SIM_CHECK(h.dkind == SIM_DEV_PHYS && d->mpc_supported, MTML_ERROR_NOT_SUPPORTED);
        SIM_CHECK(config_index(d, mpcConfigIds[i]) >= 0, MTML_ERROR_NOT_SUPPORTED);
    }
    for (unsigned int i = 0; i < count; i++) {
        sim_slot h;
        SIM_TRY(sim_resolve_device(&call_, devices[i], &h));
        sim_invalidate(inst, h.phys, 1, 0);
        inst->mpc_mode[h.phys] = MTML_DEVICE_MPC_ENABLE;
        inst->active_config[h.phys] = config_index(sim_cfg_of(inst, h.phys), mpcConfigIds[i]);
    }
    SIM_RETURN(MTML_SUCCESS);
}
