/*
 * pci_board.c: PCI identity, slot, fans, display outputs and serial number.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include <string.h>

#include "sim_internal.h"

MtmlReturn MTML_API mtmlDeviceGetPciInfo(const MtmlDevice *dev, MtmlPciInfo *pci) {
    SIM_ENTER(mtmlDeviceGetPciInfo, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(pci, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    const sim_device_cfg *d = sim_cfg(&call_);
    MtmlPciInfo p;
    memset(&p, 0, sizeof p);
    sim_put_field(&call_, p.sbdf, sizeof p.sbdf, d->sbdf);
    p.segment = d->seg;
    p.bus = d->bus;
    p.device = d->dev;
    p.pciDeviceId = d->pci_device_id;
    p.pciSubsystemId = d->pci_subsystem_id;
    p.pciMaxSpeed = d->pcie_max_speed;
    p.pciCurSpeed = d->pcie_cur_speed;
    p.pciMaxWidth = d->pcie_max_width;
    p.pciCurWidth = d->pcie_cur_width;
    p.pciMaxGen = d->pcie_max_gen;
    p.pciCurGen = d->pcie_cur_gen;
    *pci = p;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetPcieSlotInfo(const MtmlDevice *dev, MtmlPciSlotInfo *slotInfo) {
    SIM_ENTER(mtmlDeviceGetPcieSlotInfo, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(slotInfo, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    const sim_device_cfg *d = sim_cfg(&call_);
    MtmlPciSlotInfo s;
    memset(&s, 0, sizeof s);
    s.slotId = d->slot_id;
    sim_put_field(&call_, s.slotName, sizeof s.slotName, d->slot_name);
    *slotInfo = s;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountFan(const MtmlDevice *dev, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountFan, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS && d->fans > 0, MTML_ERROR_NOT_SUPPORTED);
    *count = sim_count_out(&call_, d->fans);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetFanSpeed(const MtmlDevice *dev, unsigned int index, unsigned int *speed) {
    SIM_ENTER(mtmlDeviceGetFanSpeed, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(speed, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS && d->fans > 0, MTML_ERROR_NOT_SUPPORTED);
    SIM_CHECK(index < d->fans, MTML_ERROR_INVALID_ARGUMENT);
    *speed = sim_fan_percent(call_.inst, call_.h.phys, index);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetFanRpm(const MtmlDevice *dev, unsigned int fanIndex, unsigned int *fanRpm) {
    SIM_ENTER(mtmlDeviceGetFanRpm, dev, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(fanRpm, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS && d->fans > 0, MTML_ERROR_NOT_SUPPORTED);
    SIM_CHECK(fanIndex < d->fans, MTML_ERROR_INVALID_ARGUMENT);
    *fanRpm = sim_fan_rpm(call_.inst, call_.h.phys, fanIndex);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceCountDisplayInterface(const MtmlDevice *device, unsigned int *count) {
    SIM_ENTER(mtmlDeviceCountDisplayInterface, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS && d->ndisplays > 0, MTML_ERROR_NOT_SUPPORTED);
    *count = sim_count_out(&call_, (unsigned int)d->ndisplays);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetDisplayInterfaceSpec(const MtmlDevice *device, unsigned int intfIndex,
                                                      MtmlDispIntfSpec *dispIntfSpec) {
    SIM_ENTER(mtmlDeviceGetDisplayInterfaceSpec, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(dispIntfSpec, MTML_ERROR_INVALID_ARGUMENT);
    const sim_device_cfg *d = sim_cfg(&call_);
    SIM_CHECK(call_.h.dkind == SIM_DEV_PHYS && d->ndisplays > 0, MTML_ERROR_NOT_SUPPORTED);
    SIM_CHECK(intfIndex < (unsigned int)d->ndisplays, MTML_ERROR_INVALID_ARGUMENT);
    const sim_display *s = &d->displays[intfIndex];
    MtmlDispIntfSpec out;
    memset(&out, 0, sizeof out);
    out.type = (MtmlDispIntfType)sim_enum_out(&call_, s->type);
    out.maxHoriRes = s->width;
    out.maxVertRes = s->height;
    out.maxRefreshRate = s->refresh_hz;
    *dispIntfSpec = out;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlDeviceGetSerialNumber(const MtmlDevice *device, unsigned int length, char *serialNumber) {
    SIM_ENTER(mtmlDeviceGetSerialNumber, device, MTML_SIM_HANDLE_DEVICE);
    SIM_CHECK(serialNumber, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(call_.h.dkind != SIM_DEV_VIRT, MTML_ERROR_NOT_SUPPORTED);
    SIM_RETURN(sim_put_string(&call_, serialNumber, length, sim_cfg(&call_)->serial));
}
