#!/usr/bin/env python3
"""The information of an nvidia-smi default view, through pymtml: for every
GPU its index, name, bus id, temperature, power draw, memory used and total,
utilization and clocks, plus the driver version. The baseline that
bench/smi-vs-pymtml.sh times mtml-smi against.

pymtml loads "libmtml.so" through the dynamic loader (LD_LIBRARY_PATH).

Usage: pymtml_smi.py [--json]
"""

import json
import sys

import pymtml


def read(query, *args):
    """The query's answer, or None when the library reports an error."""
    try:
        return query(*args)
    except pymtml.MTMLError:
        return None


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def gpu_info(index):
    device = pymtml.mtmlLibraryInitDeviceByIndex(index)
    gpu = read(pymtml.mtmlDeviceInitGpu, device)
    memory = read(pymtml.mtmlDeviceInitMemory, device)
    pci = read(pymtml.mtmlDeviceGetPciInfo, device)
    return {
        "index": index,
        "name": text(read(pymtml.mtmlDeviceGetName, device)),
        "bus_id": text(pci.sbdf) if pci is not None else None,
        "temperature_celsius": gpu and read(pymtml.mtmlGpuGetTemperature, gpu),
        "power_usage_mw": read(pymtml.mtmlDeviceGetPowerUsage, device),
        "memory_used_bytes": memory and read(pymtml.mtmlMemoryGetUsed, memory),
        "memory_total_bytes": memory and read(pymtml.mtmlMemoryGetTotal, memory),
        "utilization_percent": gpu and read(pymtml.mtmlGpuGetUtilization, gpu),
        "gpu_clock_mhz": gpu and read(pymtml.mtmlGpuGetClock, gpu),
        "memory_clock_mhz": memory and read(pymtml.mtmlMemoryGetClock, memory),
    }


def show(value, unit="", scale=1):
    if value is None:
        return "N/A"
    return f"{value // scale}{unit}"


def main(argv):
    pymtml.mtmlLibraryInit()
    try:
        system = pymtml.mtmlLibraryInitSystem()
        driver = text(read(pymtml.mtmlSystemGetDriverVersion, system))
        gpus = [gpu_info(i) for i in range(pymtml.mtmlLibraryCountDevice())]
    finally:
        pymtml.mtmlLibraryShutDown()

    if argv == ["--json"]:
        print(json.dumps({"driver_version": driver, "gpus": gpus}, indent=2))
        return 0
    if argv:
        print("usage: pymtml_smi.py [--json]", file=sys.stderr)
        return 2
    print(f"Driver Version: {driver}")
    print(
        f"{'GPU':>3}  {'Name':<16} {'Bus-Id':<17} {'Temp':>5} {'Power':>7} "
        f"{'Memory-Usage':>19} {'Util':>5} {'GPU Clk':>9} {'Mem Clk':>9}"
    )
    for g in gpus:
        memory = (
            f"{show(g['memory_used_bytes'], 'MiB', 1 << 20)} / "
            f"{show(g['memory_total_bytes'], 'MiB', 1 << 20)}"
        )
        print(
            f"{g['index']:>3}  {g['name'] or 'N/A':<16} {g['bus_id'] or 'N/A':<17} "
            f"{show(g['temperature_celsius'], 'C'):>5} "
            f"{show(g['power_usage_mw'], 'W', 1000):>7} {memory:>19} "
            f"{show(g['utilization_percent'], '%'):>5} "
            f"{show(g['gpu_clock_mhz'], 'MHz'):>9} {show(g['memory_clock_mhz'], 'MHz'):>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
