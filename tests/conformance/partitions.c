/*
 * partitions.c: virtualization and MPC partitioning
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "conformance.h"

void check_virt(const char *tag, const MtmlDevice *dev, const char *own_uuid)
{
    unsigned count = 0, avail = 0, active = 0, value = 0;
    MtmlVirtType types[MAX_ITEMS];
    expect_rc(CALL(mtmlDeviceCountSupportedVirtTypes)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceCountSupportedVirtTypes(NULL)", tag));
    MtmlReturn rc = CALL(mtmlDeviceCountSupportedVirtTypes)(dev, &count);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceCountSupportedVirtTypes", tag));
    if (rc != MTML_SUCCESS) {
        expect_rc(CALL(mtmlDeviceGetSupportedVirtTypes)(dev, types, 1), MTML_ERROR_NOT_SUPPORTED,
                  fmt("%s mtmlDeviceGetSupportedVirtTypes on a non-virtualizable device", tag));
        expect_rc(CALL(mtmlDeviceCountActiveVirtDevices)(dev, &value), MTML_ERROR_NOT_SUPPORTED,
                  fmt("%s mtmlDeviceCountActiveVirtDevices on a non-virtualizable device", tag));
        MtmlVirtType type;
        expect_failure(CALL(mtmlDeviceGetVirtType)(dev, &type), fmt("%s mtmlDeviceGetVirtType on a physical device", tag));
        return;
    }
    if (count > MAX_ITEMS)
        count = MAX_ITEMS;
    expect_rc(CALL(mtmlDeviceGetSupportedVirtTypes)(dev, NULL, count), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetSupportedVirtTypes(NULL)", tag));
    if (count > 0) {
        expect_rc(CALL(mtmlDeviceGetSupportedVirtTypes)(dev, types, count - 1), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("%s mtmlDeviceGetSupportedVirtTypes(count - 1)", tag));
        if (expect_rc(CALL(mtmlDeviceGetSupportedVirtTypes)(dev, types, count), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetSupportedVirtTypes(%u)", tag, count)))
            for (unsigned t = 0; t < count; t++) {
                check(memchr(types[t].id, '\0', sizeof types[t].id) != NULL
                          && memchr(types[t].name, '\0', sizeof types[t].name) != NULL,
                      "%s: virt type %u strings terminated", tag, t);
                if (expect_rc(CALL(mtmlDeviceCountAvailVirtDevices)(dev, &types[t], &value), MTML_SUCCESS,
                              fmt("%s mtmlDeviceCountAvailVirtDevices(type %u)", tag, t))
                    && expect_rc(CALL(mtmlDeviceCountMaxVirtDevices)(dev, &types[t], &avail), MTML_SUCCESS,
                                 fmt("%s mtmlDeviceCountMaxVirtDevices(type %u)", tag, t)))
                    check(value <= avail, "%s: type %u available %u <= max %u", tag, t, value, avail);
            }
    }
    expect_rc(CALL(mtmlDeviceCountAvailVirtDevices)(dev, NULL, &value), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceCountAvailVirtDevices(NULL type)", tag));
    if (expect_rc(CALL(mtmlDeviceCountAvailVirtTypes)(dev, &avail), MTML_SUCCESS, fmt("%s mtmlDeviceCountAvailVirtTypes", tag))) {
        check(avail <= count, "%s: %u available types <= %u supported", tag, avail, count);
        if (avail > 0 && avail <= MAX_ITEMS) {
            expect_rc(CALL(mtmlDeviceGetAvailVirtTypes)(dev, types, avail), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetAvailVirtTypes(%u)", tag, avail));
            expect_rc(CALL(mtmlDeviceGetAvailVirtTypes)(dev, types, avail - 1), MTML_ERROR_INSUFFICIENT_SIZE,
                      fmt("%s mtmlDeviceGetAvailVirtTypes(count - 1)", tag));
        } else {
            expect_rc(CALL(mtmlDeviceGetAvailVirtTypes)(dev, NULL, 1), MTML_ERROR_INVALID_ARGUMENT,
                      fmt("%s mtmlDeviceGetAvailVirtTypes(NULL)", tag));
        }
    }

    static char uuids[MAX_ITEMS][MTML_DEVICE_UUID_BUFFER_SIZE];
    if (!expect_rc(CALL(mtmlDeviceCountActiveVirtDevices)(dev, &active), MTML_SUCCESS,
                   fmt("%s mtmlDeviceCountActiveVirtDevices", tag)))
        return;
    if (active > MAX_ITEMS - 1)
        active = MAX_ITEMS - 1;
    expect_rc(CALL(mtmlDeviceGetActiveVirtDeviceUuids)(dev, NULL, MTML_DEVICE_UUID_BUFFER_SIZE, active + 1),
              MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetActiveVirtDeviceUuids(NULL)", tag));
    memset(uuids, 0x7f, sizeof uuids);
    if (!expect_rc(CALL(mtmlDeviceGetActiveVirtDeviceUuids)(dev, &uuids[0][0], MTML_DEVICE_UUID_BUFFER_SIZE, active + 1),
                   MTML_SUCCESS, fmt("%s mtmlDeviceGetActiveVirtDeviceUuids(%u entries)", tag, active + 1)))
        return;
    check(uuids[active][0] == '\0', "%s: entry past the active virtual devices is empty", tag);
    if (active > 0) {
        expect_rc(CALL(mtmlDeviceGetActiveVirtDeviceUuids)(dev, &uuids[0][0], MTML_DEVICE_UUID_BUFFER_SIZE, active - 1),
                  MTML_ERROR_INSUFFICIENT_SIZE, fmt("%s mtmlDeviceGetActiveVirtDeviceUuids(count - 1)", tag));
        static char tiny[MAX_ITEMS][4];
        expect_rc(CALL(mtmlDeviceGetActiveVirtDeviceUuids)(dev, &tiny[0][0], 4, active), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("%s mtmlDeviceGetActiveVirtDeviceUuids(4-byte entries)", tag));
        /* The same call again: entries are restored for the lookups below. */
        CALL(mtmlDeviceGetActiveVirtDeviceUuids)(dev, &uuids[0][0], MTML_DEVICE_UUID_BUFFER_SIZE, active + 1);
    }
    MtmlDevice *virt = NULL;
    expect_rc(CALL(mtmlDeviceInitVirtDevice)(dev, "no-such-virtual-device", &virt), MTML_ERROR_NOT_FOUND,
              fmt("%s mtmlDeviceInitVirtDevice(unknown uuid)", tag));
    expect_rc(CALL(mtmlDeviceInitVirtDevice)(dev, NULL, &virt), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceInitVirtDevice(NULL uuid)", tag));
    for (unsigned v = 0; v < active; v++) {
        char phy[MTML_DEVICE_UUID_BUFFER_SIZE];
        MtmlVirtType type;
        uuids[v][MTML_DEVICE_UUID_BUFFER_SIZE - 1] = '\0';
        if (!expect_rc(CALL(mtmlDeviceInitVirtDevice)(dev, uuids[v], &virt), MTML_SUCCESS,
                       fmt("%s mtmlDeviceInitVirtDevice(%s)", tag, uuids[v])))
            continue;
        if (expect_rc(CALL(mtmlDeviceGetVirtType)(virt, &type), MTML_SUCCESS, fmt("%s virtual %u mtmlDeviceGetVirtType", tag, v)))
            check(memchr(type.id, '\0', sizeof type.id) != NULL, "%s: virtual %u type id terminated", tag, v);
        expect_rc(CALL(mtmlDeviceGetVirtType)(virt, NULL), MTML_ERROR_INVALID_ARGUMENT,
                  fmt("%s virtual %u mtmlDeviceGetVirtType(NULL)", tag, v));
        if (check_string(fmt("%s virtual %u mtmlDeviceGetPhyDeviceUuid", tag, v), get_phy_device_uuid, virt,
                         MTML_DEVICE_UUID_BUFFER_SIZE, phy))
            check(strcmp(phy, own_uuid) == 0, "%s: virtual %u belongs to this device (%s)", tag, v, phy);
        MtmlDeviceProperty prop;
        if (expect_rc(CALL(mtmlDeviceGetProperty)(virt, &prop), MTML_SUCCESS, fmt("%s virtual %u mtmlDeviceGetProperty", tag, v)))
            check(prop.virtRole != MTML_VIRT_ROLE_NONE, "%s: virtual %u has a virtualization role (%u)", tag, v, prop.virtRole);
        if (g_sim)
            expect_rc(CALL(mtmlDeviceFreeVirtDevice)(virt), MTML_SUCCESS, fmt("%s virtual %u mtmlDeviceFreeVirtDevice", tag, v));
    }
    char phy[MTML_DEVICE_UUID_BUFFER_SIZE];
    expect_rc(CALL(mtmlDeviceGetPhyDeviceUuid)(dev, phy, sizeof phy), MTML_ERROR_NOT_SUPPORTED,
              fmt("%s mtmlDeviceGetPhyDeviceUuid on a physical device", tag));
}

static int profile_known(const MtmlMpcProfile *profiles, unsigned count, unsigned id)
{
    for (unsigned p = 0; p < count; p++)
        if (profiles[p].id == id)
            return 1;
    return 0;
}

static void check_mpc_instances(const char *tag, const MtmlDevice *parent, int parent_index,
                                const MtmlMpcProfile *profiles, unsigned nprofiles)
{
    unsigned count = 0, value = 0, sum = 0;
    MtmlDevice *inst[MAX_ITEMS];
    if (!expect_rc(CALL(mtmlDeviceCountMpcInstances)(parent, &count), MTML_SUCCESS, fmt("%s mtmlDeviceCountMpcInstances", tag)))
        return;
    if (count > MAX_ITEMS)
        count = MAX_ITEMS;
    expect_rc(CALL(mtmlDeviceCountMpcInstances)(parent, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceCountMpcInstances(NULL)", tag));
    expect_rc(CALL(mtmlDeviceGetMpcInstances)(parent, count, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMpcInstances(NULL)", tag));
    if (count > 0) {
        expect_rc(CALL(mtmlDeviceGetMpcInstances)(parent, count - 1, inst), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("%s mtmlDeviceGetMpcInstances(count - 1)", tag));
        if (!expect_rc(CALL(mtmlDeviceGetMpcInstances)(parent, count, inst), MTML_SUCCESS,
                       fmt("%s mtmlDeviceGetMpcInstances(%u)", tag, count)))
            return;
    }
    for (unsigned k = 0; k < count; k++) {
        MtmlDevice *back = NULL, *by_index = NULL;
        MtmlMpcProfile profile;
        unsigned index = 0;
        if (expect_rc(CALL(mtmlDeviceGetMpcParentDevice)(inst[k], &back), MTML_SUCCESS,
                      fmt("%s instance %u mtmlDeviceGetMpcParentDevice", tag, k)))
            check(device_index(back) == parent_index, "%s: instance %u parent has index %d", tag, k, device_index(back));
        if (expect_rc(CALL(mtmlDeviceGetMpcInstanceIndex)(inst[k], &index), MTML_SUCCESS,
                      fmt("%s instance %u mtmlDeviceGetMpcInstanceIndex", tag, k))
            && expect_rc(CALL(mtmlDeviceGetMpcInstanceByIndex)(parent, index, &by_index), MTML_SUCCESS,
                         fmt("%s mtmlDeviceGetMpcInstanceByIndex(%u)", tag, index))) {
            unsigned again = 0xFFFFFFFFu;
            CALL(mtmlDeviceGetMpcInstanceIndex)(by_index, &again);
            check(again == index, "%s: instance found by index %u reports index %u", tag, index, again);
        }
        if (expect_rc(CALL(mtmlDeviceGetMpcProfileInfo)(inst[k], &profile), MTML_SUCCESS,
                      fmt("%s instance %u mtmlDeviceGetMpcProfileInfo", tag, k)))
            check(profile_known(profiles, nprofiles, profile.id), "%s: instance %u profile %u is supported", tag, k,
                  profile.id);
        MtmlDeviceProperty prop;
        if (expect_rc(CALL(mtmlDeviceGetProperty)(inst[k], &prop), MTML_SUCCESS, fmt("%s instance %u mtmlDeviceGetProperty", tag, k)))
            check(prop.mpcType == MTML_MPC_TYPE_INSTANCE, "%s: instance %u has MPC type INSTANCE (%u)", tag, k, prop.mpcType);
    }
    MtmlDevice *none = NULL;
    expect_rc2(CALL(mtmlDeviceGetMpcInstanceByIndex)(parent, 1000, &none), MTML_ERROR_INVALID_ARGUMENT,
               MTML_ERROR_NOT_FOUND, fmt("%s mtmlDeviceGetMpcInstanceByIndex(1000)", tag));
    for (unsigned p = 0; p < nprofiles; p++) {
        if (!expect_rc(CALL(mtmlDeviceCountMpcInstancesByProfileId)(parent, profiles[p].id, &value), MTML_SUCCESS,
                       fmt("%s mtmlDeviceCountMpcInstancesByProfileId(%u)", tag, profiles[p].id)))
            continue;
        sum += value;
        if (value > 0 && value <= MAX_ITEMS)
            expect_rc(CALL(mtmlDeviceGetMpcInstancesByProfileId)(parent, profiles[p].id, value, inst), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetMpcInstancesByProfileId(%u, %u)", tag, profiles[p].id, value));
        if (value > 0)
            expect_rc(CALL(mtmlDeviceGetMpcInstancesByProfileId)(parent, profiles[p].id, value - 1, inst),
                      MTML_ERROR_INSUFFICIENT_SIZE, fmt("%s mtmlDeviceGetMpcInstancesByProfileId(count - 1)", tag));
    }
    check(sum == count, "%s: instances per profile add up to %u (got %u)", tag, count, sum);
}

void check_mpc(const char *tag, const MtmlDevice *dev, int index)
{
    MtmlMpcMode mode;
    unsigned nprofiles = 0, nconfigs = 0;
    MtmlMpcProfile profiles[MAX_ITEMS];
    MtmlMpcConfiguration configs[MAX_ITEMS], current, named;
    MtmlDevice *parent = NULL;
    unsigned value;

    expect_rc(CALL(mtmlDeviceGetMpcMode)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetMpcMode(NULL)", tag));
    MtmlReturn rc = CALL(mtmlDeviceGetMpcMode)(dev, &mode);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceGetMpcMode", tag));
    expect_rc(CALL(mtmlDeviceGetMpcParentDevice)(dev, &parent), MTML_ERROR_NOT_SUPPORTED,
              fmt("%s mtmlDeviceGetMpcParentDevice on a physical device", tag));
    expect_rc(CALL(mtmlDeviceGetMpcInstanceIndex)(dev, &value), MTML_ERROR_NOT_SUPPORTED,
              fmt("%s mtmlDeviceGetMpcInstanceIndex on a physical device", tag));
    MtmlMpcProfile profile;
    expect_rc(CALL(mtmlDeviceGetMpcProfileInfo)(dev, &profile), MTML_ERROR_NOT_SUPPORTED,
              fmt("%s mtmlDeviceGetMpcProfileInfo on a physical device", tag));
    if (rc != MTML_SUCCESS || mode != MTML_DEVICE_MPC_ENABLE) {
        expect_rc(CALL(mtmlDeviceCountMpcInstances)(dev, &value), MTML_ERROR_NOT_SUPPORTED,
                  fmt("%s mtmlDeviceCountMpcInstances without MPC", tag));
        return;
    }

    if (!expect_rc(CALL(mtmlDeviceCountSupportedMpcProfiles)(dev, &nprofiles), MTML_SUCCESS,
                   fmt("%s mtmlDeviceCountSupportedMpcProfiles", tag)))
        return;
    if (nprofiles > MAX_ITEMS)
        nprofiles = MAX_ITEMS;
    expect_rc(CALL(mtmlDeviceGetSupportedMpcProfiles)(dev, nprofiles, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetSupportedMpcProfiles(NULL)", tag));
    if (nprofiles > 0) {
        expect_rc(CALL(mtmlDeviceGetSupportedMpcProfiles)(dev, nprofiles - 1, profiles), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("%s mtmlDeviceGetSupportedMpcProfiles(count - 1)", tag));
        if (!expect_rc(CALL(mtmlDeviceGetSupportedMpcProfiles)(dev, nprofiles, profiles), MTML_SUCCESS,
                       fmt("%s mtmlDeviceGetSupportedMpcProfiles(%u)", tag, nprofiles)))
            nprofiles = 0;
    }
    if (expect_rc(CALL(mtmlDeviceCountSupportedMpcConfigurations)(dev, &nconfigs), MTML_SUCCESS,
                  fmt("%s mtmlDeviceCountSupportedMpcConfigurations", tag))
        && nconfigs > 0 && nconfigs <= MAX_ITEMS) {
        expect_rc(CALL(mtmlDeviceGetSupportedMpcConfigurations)(dev, nconfigs - 1, configs), MTML_ERROR_INSUFFICIENT_SIZE,
                  fmt("%s mtmlDeviceGetSupportedMpcConfigurations(count - 1)", tag));
        if (expect_rc(CALL(mtmlDeviceGetSupportedMpcConfigurations)(dev, nconfigs, configs), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetSupportedMpcConfigurations(%u)", tag, nconfigs)))
            for (unsigned c = 0; c < nconfigs; c++) {
                int ok = memchr(configs[c].name, '\0', sizeof configs[c].name) != NULL;
                for (int s = 0; s < MTML_MPC_CONF_MAX_PROF_NUM; s++)
                    if (configs[c].profileId[s] != -1)
                        ok &= configs[c].profileId[s] >= 0
                              && profile_known(profiles, nprofiles, (unsigned)configs[c].profileId[s]);
                check(ok, "%s: configuration %u uses only supported profiles", tag, configs[c].id);
            }
    }
    expect_rc(CALL(mtmlDeviceGetSupportedMpcConfigurations)(dev, 1, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetSupportedMpcConfigurations(NULL)", tag));
    if (expect_rc(CALL(mtmlDeviceGetMpcConfiguration)(dev, &current), MTML_SUCCESS, fmt("%s mtmlDeviceGetMpcConfiguration", tag))) {
        current.name[sizeof current.name - 1] = '\0';
        if (expect_rc(CALL(mtmlDeviceGetMpcConfigurationByName)(dev, current.name, &named), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetMpcConfigurationByName(%s)", tag, current.name)))
            check(named.id == current.id, "%s: configuration found by name has id %u", tag, named.id);
    }
    expect_rc(CALL(mtmlDeviceGetMpcConfigurationByName)(dev, "no-such-configuration", &named), MTML_ERROR_NOT_FOUND,
              fmt("%s mtmlDeviceGetMpcConfigurationByName(unknown)", tag));
    expect_rc(CALL(mtmlDeviceGetMpcConfigurationByName)(dev, NULL, &named), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMpcConfigurationByName(NULL)", tag));
    check_mpc_instances(tag, dev, index, profiles, nprofiles);
}
