#!/usr/bin/env python3
"""The information of mtml-smi's default view (and of `mtml-smi --json`),
through pymtml: the time, driver and MTML versions, and for every GPU its
index, name, UUID, bus id, role (physical, vGPU host, MPC parent, ...),
first fan's speed, temperature, power draw, memory used and total,
utilization and GPU clock. The baseline that bench/smi-vs-pymtml.sh times
mtml-smi against.

pymtml loads "libmtml.so" through the dynamic loader (LD_LIBRARY_PATH).

Usage: pymtml_smi.py [--json | --import-only]
  --import-only  stop after the imports (start-up cost, for reference)
"""

import datetime
import json
import sys

import pymtml

# MtmlVirtRole and MtmlMpcType values of the MTML header.
VIRT_ROLE_HOST, VIRT_ROLE_GUEST = 1, 2
MPC_TYPE_PARENT, MPC_TYPE_INSTANCE = 1, 2


def read(query, *args):
    """The query's answer, or None when the library reports an error."""
    try:
        return query(*args)
    except pymtml.MTMLError:
        return None


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def role(prop, active_virt_devices):
    """The role column of mtml-smi: what the device is."""
    if prop is None:
        return None
    if active_virt_devices:
        return f"vGPU host ({active_virt_devices})"
    if prop.virtRole == VIRT_ROLE_HOST:
        return "vGPU"
    if prop.virtRole == VIRT_ROLE_GUEST:
        return "vGPU (guest)"
    if prop.mpcType == MPC_TYPE_PARENT:
        return "MPC parent"
    if prop.mpcType == MPC_TYPE_INSTANCE:
        return "MPC instance"
    return "Physical"


def gpu_info(index):
    device = pymtml.mtmlLibraryInitDeviceByIndex(index)
    gpu = read(pymtml.mtmlDeviceInitGpu, device)
    memory = read(pymtml.mtmlDeviceInitMemory, device)
    pci = read(pymtml.mtmlDeviceGetPciInfo, device)
    fans = read(pymtml.mtmlDeviceCountFan, device)
    return {
        "index": index,
        "name": text(read(pymtml.mtmlDeviceGetName, device)),
        "uuid": text(read(pymtml.mtmlDeviceGetUUID, device)),
        "bus_id": text(pci.sbdf) if pci is not None else None,
        "role": role(
            read(pymtml.mtmlDeviceGetProperty, device),
            read(pymtml.mtmlDeviceCountActiveVirtDevices, device),
        ),
        "fan_percent": read(pymtml.mtmlDeviceGetFanSpeed, device, 0) if fans else None,
        "temperature_c": gpu and read(pymtml.mtmlGpuGetTemperature, gpu),
        "power_mw": read(pymtml.mtmlDeviceGetPowerUsage, device),
        "memory_used_bytes": memory and read(pymtml.mtmlMemoryGetUsed, memory),
        "memory_total_bytes": memory and read(pymtml.mtmlMemoryGetTotal, memory),
        "utilization_percent": gpu and read(pymtml.mtmlGpuGetUtilization, gpu),
        "clock_mhz": gpu and read(pymtml.mtmlGpuGetClock, gpu),
    }


def show(value, unit="", scale=1):
    if value is None:
        return "N/A"
    return f"{value // scale}{unit}"


def main(argv):
    if argv == ["--import-only"]:
        return 0
    now = datetime.datetime.now(datetime.timezone.utc)
    pymtml.mtmlLibraryInit()
    try:
        system = pymtml.mtmlLibraryInitSystem()
        driver = text(read(pymtml.mtmlSystemGetDriverVersion, system))
        version = text(read(pymtml.mtmlLibraryGetVersion))
        gpus = [gpu_info(i) for i in range(pymtml.mtmlLibraryCountDevice())]
    finally:
        pymtml.mtmlLibraryShutDown()

    if argv == ["--json"]:
        document = {
            "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "driver_version": driver,
            "mtml_version": version,
            "gpus": gpus,
        }
        print(json.dumps(document, indent=2))
        return 0
    if argv:
        print("usage: pymtml_smi.py [--json | --import-only]", file=sys.stderr)
        return 2
    print(now.strftime("%a %b %e %H:%M:%S %Y"))
    print(f"Driver Version: {driver}  MTML Version: {version}")
    print(
        f"{'GPU':>3}  {'Name':<16} {'Bus-Id':<17} {'Role':<16} {'Fan':>4} {'Temp':>5} "
        f"{'Power':>6} {'Memory-Usage':>19} {'Util':>5} {'Clock':>8}"
    )
    for g in gpus:
        memory = (
            f"{show(g['memory_used_bytes'], 'MiB', 1 << 20)} / "
            f"{show(g['memory_total_bytes'], 'MiB', 1 << 20)}"
        )
        print(
            f"{g['index']:>3}  {g['name'] or 'N/A':<16} {g['bus_id'] or 'N/A':<17} "
            f"{g['role'] or 'N/A':<16} {show(g['fan_percent'], '%'):>4} "
            f"{show(g['temperature_c'], 'C'):>5} {show(g['power_mw'], 'W', 1000):>6} "
            f"{memory:>19} {show(g['utilization_percent'], '%'):>5} "
            f"{show(g['clock_mhz'], 'MHz'):>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
