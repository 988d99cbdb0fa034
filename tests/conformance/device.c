/*
 * device.c: one device: identity, PCI, board, fans, displays, affinity
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "conformance.h"

void check_identity(unsigned i, const MtmlDevice *dev)
{
    char text[256];
    char uuid[MTML_DEVICE_UUID_BUFFER_SIZE];
    const char *d = fmt("device %u", i);
    char tag[32];
    snprintf(tag, sizeof tag, "%s", d);

    if (check_string(fmt("%s mtmlDeviceGetUUID", tag), get_uuid, dev, MTML_DEVICE_UUID_BUFFER_SIZE, uuid)) {
        MtmlDevice *same = NULL;
        if (expect_rc(CALL(mtmlLibraryInitDeviceByUuid)(g_lib, uuid, &same), MTML_SUCCESS,
                      fmt("%s mtmlLibraryInitDeviceByUuid(own uuid)", tag)))
            check(device_index(same) == (int)i, "%s: lookup by UUID finds index %d", tag, device_index(same));
    }
    check_string(fmt("%s mtmlDeviceGetName", tag), get_name, dev, MTML_DEVICE_NAME_BUFFER_SIZE, text);
    check_string(fmt("%s mtmlDeviceGetGpuPath", tag), get_gpu_path, dev, MTML_DEVICE_PATH_BUFFER_SIZE, text);
    check_string(fmt("%s mtmlDeviceGetPrimaryPath", tag), get_primary_path, dev, MTML_DEVICE_PATH_BUFFER_SIZE, text);
    check_string(fmt("%s mtmlDeviceGetRenderPath", tag), get_render_path, dev, MTML_DEVICE_PATH_BUFFER_SIZE, text);
    char mtbios[MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE];
    char vbios[MTML_DEVICE_VBIOS_VERSION_BUFFER_SIZE];
    int have_mtbios = check_string(fmt("%s mtmlDeviceGetMtBiosVersion", tag), get_mtbios_version, dev,
                                   sizeof mtbios, mtbios);
    int have_vbios = check_string(fmt("%s mtmlDeviceGetVbiosVersion", tag), get_vbios_version, dev,
                                  sizeof vbios, vbios);
    if (have_mtbios && have_vbios)
        check(strcmp(mtbios, vbios) == 0, "%s: VBIOS and MTBIOS versions agree", tag);
    check_string(fmt("%s mtmlDeviceGetSerialNumber", tag), get_serial_number, dev,
                 MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE, text);

    MtmlBrandType brand;
    expect_rc(CALL(mtmlDeviceGetBrand)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetBrand(NULL)", tag));
    if (expect_rc(CALL(mtmlDeviceGetBrand)(dev, &brand), MTML_SUCCESS, fmt("%s mtmlDeviceGetBrand", tag)))
        check(brand >= 0 && brand < MTML_BRAND_COUNT, "%s: brand %d is a known value", tag, (int)brand);

    MtmlPciInfo pci;
    expect_rc(CALL(mtmlDeviceGetPciInfo)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetPciInfo(NULL)", tag));
    if (expect_rc(CALL(mtmlDeviceGetPciInfo)(dev, &pci), MTML_SUCCESS, fmt("%s mtmlDeviceGetPciInfo", tag))) {
        check(memchr(pci.sbdf, '\0', sizeof pci.sbdf) != NULL, "%s: PCI sbdf is terminated", tag);
        check(pci.bus <= 255 && pci.device <= 31, "%s: bus %u and device %u in range", tag, pci.bus, pci.device);
        check(pci.pciCurWidth <= pci.pciMaxWidth && pci.pciCurGen <= pci.pciMaxGen,
              "%s: current PCIe link x%u gen%u within max x%u gen%u", tag, pci.pciCurWidth, pci.pciCurGen,
              pci.pciMaxWidth, pci.pciMaxGen);
        MtmlDevice *same = NULL;
        pci.sbdf[sizeof pci.sbdf - 1] = '\0';
        if (expect_rc(CALL(mtmlLibraryInitDeviceByPciSbdf)(g_lib, pci.sbdf, &same), MTML_SUCCESS,
                      fmt("%s mtmlLibraryInitDeviceByPciSbdf(%s)", tag, pci.sbdf)))
            check(device_index(same) == (int)i, "%s: lookup by PCI address finds index %d", tag, device_index(same));
    }

    unsigned value = 0;
    expect_rc(CALL(mtmlDeviceGetPowerUsage)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetPowerUsage(NULL)", tag));
    value = 0;
    if (CALL(mtmlDeviceGetPowerUsage)(dev, &value) == MTML_SUCCESS)
        check(value > 0 || !g_sim, "%s mtmlDeviceGetPowerUsage -> SUCCESS, %u mW", tag, value);
    else
        expect_rc(CALL(mtmlDeviceGetPowerUsage)(dev, &value), MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceGetPowerUsage", tag));

    MtmlDeviceProperty prop;
    expect_rc(CALL(mtmlDeviceGetProperty)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetProperty(NULL)", tag));
    if (expect_rc(CALL(mtmlDeviceGetProperty)(dev, &prop), MTML_SUCCESS, fmt("%s mtmlDeviceGetProperty", tag)))
        check(prop.virtRole < MTML_VIRT_ROLE_COUNT && prop.mpcType <= MTML_MPC_TYPE_INSTANCE,
              "%s: property bits in range (virtRole %u, mpcType %u)", tag, prop.virtRole, prop.mpcType);

    MtmlPciSlotInfo slot;
    expect_rc(CALL(mtmlDeviceGetPcieSlotInfo)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetPcieSlotInfo(NULL)", tag));
    MtmlReturn rc = CALL(mtmlDeviceGetPcieSlotInfo)(dev, &slot);
    if (expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceGetPcieSlotInfo", tag))
        && rc == MTML_SUCCESS)
        check(memchr(slot.slotName, '\0', sizeof slot.slotName) != NULL, "%s: slot name is terminated", tag);

    expect_rc(CALL(mtmlDeviceCountGpuCores)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceCountGpuCores(NULL)", tag));
    rc = CALL(mtmlDeviceCountGpuCores)(dev, &value);
    if (expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceCountGpuCores", tag))
        && rc == MTML_SUCCESS && g_sim)
        check(value > 0, "%s: %u GPU cores", tag, value);
}

void check_fans_and_displays(const char *tag, const MtmlDevice *dev)
{
    unsigned fans = 0, value = 0;
    expect_rc(CALL(mtmlDeviceCountFan)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceCountFan(NULL)", tag));
    MtmlReturn rc = CALL(mtmlDeviceCountFan)(dev, &fans);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceCountFan", tag));
    if (rc != MTML_SUCCESS)
        fans = 0;
    for (unsigned f = 0; f < fans && f < MAX_ITEMS; f++) {
        if (expect_rc(CALL(mtmlDeviceGetFanSpeed)(dev, f, &value), MTML_SUCCESS, fmt("%s mtmlDeviceGetFanSpeed(%u)", tag, f)))
            check(value <= 100, "%s: fan %u at %u %%", tag, f, value);
        expect_rc(CALL(mtmlDeviceGetFanRpm)(dev, f, &value), MTML_SUCCESS, fmt("%s mtmlDeviceGetFanRpm(%u)", tag, f));
    }
    if (rc == MTML_SUCCESS) {
        expect_rc(CALL(mtmlDeviceGetFanSpeed)(dev, fans, &value), MTML_ERROR_INVALID_ARGUMENT,
                  fmt("%s mtmlDeviceGetFanSpeed(count)", tag));
        expect_rc(CALL(mtmlDeviceGetFanRpm)(dev, fans, &value), MTML_ERROR_INVALID_ARGUMENT,
                  fmt("%s mtmlDeviceGetFanRpm(count)", tag));
    } else {
        expect_failure(CALL(mtmlDeviceGetFanSpeed)(dev, 0, &value), fmt("%s mtmlDeviceGetFanSpeed without fans", tag));
        expect_failure(CALL(mtmlDeviceGetFanRpm)(dev, 0, &value), fmt("%s mtmlDeviceGetFanRpm without fans", tag));
    }
    expect_rc(CALL(mtmlDeviceGetFanSpeed)(dev, 0, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceGetFanSpeed(NULL)", tag));

    unsigned displays = 0;
    MtmlDispIntfSpec spec;
    expect_rc(CALL(mtmlDeviceCountDisplayInterface)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceCountDisplayInterface(NULL)", tag));
    rc = CALL(mtmlDeviceCountDisplayInterface)(dev, &displays);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceCountDisplayInterface", tag));
    if (rc != MTML_SUCCESS)
        displays = 0;
    for (unsigned k = 0; k < displays && k < MAX_ITEMS; k++) {
        if (expect_rc(CALL(mtmlDeviceGetDisplayInterfaceSpec)(dev, k, &spec), MTML_SUCCESS,
                      fmt("%s mtmlDeviceGetDisplayInterfaceSpec(%u)", tag, k)))
            check(spec.type >= 0 && spec.type < MTML_DISP_INTF_TYPE_MAX && spec.maxHoriRes > 0,
                  "%s: display %u type %d, %ux%u", tag, k, (int)spec.type, spec.maxHoriRes, spec.maxVertRes);
    }
    expect_failure(CALL(mtmlDeviceGetDisplayInterfaceSpec)(dev, displays, &spec),
                   fmt("%s mtmlDeviceGetDisplayInterfaceSpec(count)", tag));
    expect_rc(CALL(mtmlDeviceGetDisplayInterfaceSpec)(dev, 0, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetDisplayInterfaceSpec(NULL)", tag));
}

void check_affinity(const char *tag, const MtmlDevice *dev)
{
    unsigned long set[16];
    expect_rc(CALL(mtmlDeviceGetCpuAffinityWithinNode)(dev, 0, set), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetCpuAffinityWithinNode(size 0)", tag));
    expect_rc(CALL(mtmlDeviceGetCpuAffinityWithinNode)(dev, 16, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetCpuAffinityWithinNode(NULL)", tag));
    expect_rc(CALL(mtmlDeviceGetMemoryAffinityWithinNode)(dev, 0, set), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMemoryAffinityWithinNode(size 0)", tag));
    expect_rc(CALL(mtmlDeviceGetMemoryAffinityWithinNode)(dev, 16, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlDeviceGetMemoryAffinityWithinNode(NULL)", tag));
    for (int which = 0; which < 2; which++) {
        memset(set, 0, sizeof set);
        MtmlReturn rc = which == 0 ? CALL(mtmlDeviceGetCpuAffinityWithinNode)(dev, 16, set)
                                   : CALL(mtmlDeviceGetMemoryAffinityWithinNode)(dev, 16, set);
        const char *what = which == 0 ? "CPU" : "memory";
        if (expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s %s affinity", tag, what)) && rc == MTML_SUCCESS) {
            int any = 0;
            for (int k = 0; k < 16; k++)
                any |= set[k] != 0;
            check(any, "%s: %s affinity mask has a bit set", tag, what);
        }
    }
}
