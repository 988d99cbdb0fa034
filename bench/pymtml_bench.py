#!/usr/bin/env python3
"""Time per call of the benchmark cases through pymtml, the official Python
binding (pip package mthreads-ml-py).

pymtml loads "libmtml.so" through the dynamic loader, so point
LD_LIBRARY_PATH at the simulator's library directory and MTML_SIM_CONFIG at
the benchmark machine (bench/pymtml-compare.sh does both). Prints one line
per case: "<case> <nanoseconds per call>", the median of 7 batches of at
least 50 ms each, as the Rust harness measures.

Usage: pymtml_bench.py [CASE...]   (default: every case)
       pymtml_bench.py --run CASE N  (N calls, untimed: for callgrind)
"""

import sys
import time

import pymtml


def median_ns_per_call(call):
    """Median time of one call over 7 batches of at least 50 ms each."""
    n = 1
    while True:
        start = time.perf_counter_ns()
        for _ in range(n):
            call()
        if time.perf_counter_ns() - start >= 50_000_000:
            break
        n *= 2
    samples = []
    for _ in range(7):
        start = time.perf_counter_ns()
        for _ in range(n):
            call()
        samples.append((time.perf_counter_ns() - start) / n)
    samples.sort()
    return samples[len(samples) // 2]


def main(argv):
    pymtml.mtmlLibraryInit()
    try:
        dev0 = pymtml.mtmlLibraryInitDeviceByIndex(0)
        dev1 = pymtml.mtmlLibraryInitDeviceByIndex(1)
        gpu0 = pymtml.mtmlDeviceInitGpu(dev0)

        def mtlink_layouts():
            count = pymtml.mtmlDeviceCountMtLinkLayouts(dev0, dev1)
            return pymtml.mtmlDeviceGetMtLinkLayouts(dev0, dev1, count)

        cases = {
            "temperature": lambda: pymtml.mtmlGpuGetTemperature(gpu0),
            "name": lambda: pymtml.mtmlDeviceGetName(dev0),
            "pci_info": lambda: pymtml.mtmlDeviceGetPciInfo(dev0),
            "mtlink_layouts": mtlink_layouts,
        }
        # Every case must work before it is timed.
        assert pymtml.mtmlDeviceGetName(dev0).startswith("MTT ")
        assert len(mtlink_layouts()) > 0
        if argv[:1] == ["--run"]:
            if len(argv) != 3 or argv[1] not in cases:
                print("usage: pymtml_bench.py --run CASE N", file=sys.stderr)
                return 2
            call = cases[argv[1]]
            for _ in range(int(argv[2])):
                call()
            return 0
        for name in argv or cases:
            if name not in cases:
                print(f"pymtml_bench.py: no pymtml case {name!r}", file=sys.stderr)
                return 2
            print(f"{name} {median_ns_per_call(cases[name]):.1f}", flush=True)
    finally:
        pymtml.mtmlLibraryShutDown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
