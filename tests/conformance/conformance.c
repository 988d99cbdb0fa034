/*
 * conformance.c: calls every function of mtml.h and checks the documented
 * behaviour of a libmtml.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Usage: conformance [--hardware]
 *
 * Checks that depend only on the documented interface (error codes for
 * NULL pointers, bad indices and bad enum values, buffer-size handling,
 * count/get agreement, symmetric topology and P2P answers, consistent
 * MtLink wiring) run against any libmtml. Checks that change the machine
 * (MPC reconfiguration, ECC mode, reset, logging setup), free handles or
 * use handles after shutdown run only against the simulator, detected at
 * run time by looking up its control function mtmlSimDefaultConfig with
 * dlsym; --hardware forces the real-driver behaviour. The program never
 * links simulator symbols directly.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_DEFAULT */
#endif

#include <dlfcn.h>
#include <string.h>

#include "conformance.h"

MtmlLibrary *g_lib;
MtmlDevice *g_dev[MAX_DEVICES];
unsigned g_count;

sim_default_config_fn sim_default_config;
sim_misuse_count_fn sim_misuse_count;
sim_handle_counts_fn sim_handle_counts;
sim_call_count_fn sim_call_count;

static void detect_simulator(int force_hardware)
{
    if (force_hardware)
        return;
    sim_default_config = (sim_default_config_fn)dlsym(RTLD_DEFAULT, "mtmlSimDefaultConfig");
    sim_misuse_count = (sim_misuse_count_fn)dlsym(RTLD_DEFAULT, "mtmlSimMisuseCount");
    sim_handle_counts = (sim_handle_counts_fn)dlsym(RTLD_DEFAULT, "mtmlSimHandleCounts");
    sim_call_count = (sim_call_count_fn)dlsym(RTLD_DEFAULT, "mtmlSimCallCount");
    g_sim = sim_default_config != NULL && sim_misuse_count != NULL && sim_handle_counts != NULL
            && sim_call_count != NULL;
}

/** Index of a physical device, or -1 when it has none. */
int device_index(const MtmlDevice *dev)
{
    unsigned index = 0;
    if (dev == NULL || CALL(mtmlDeviceGetIndex)(dev, &index) != MTML_SUCCESS)
        return -1;
    return (int)index;
}

/*
 * Every function of mtml.h should have been called. A machine without some
 * feature (no MPC, no MtLink, ...) cannot reach every function, so missing
 * ones are reported as skipped rather than failed; the default simulated
 * system reaches all of them, which the Rust test asserts.
 */
static void check_coverage(void)
{
    unsigned called = 0;
    for (unsigned i = 0; i < g_function_count; i++) {
        if (g_called[i])
            called++;
        else
            skip("%s was not exercised on this machine", g_function_names[i]);
    }
    if (called == g_function_count)
        check(1, "exercised %u/%u functions of mtml.h", called, g_function_count);
    else
        skip("exercised %u/%u functions of mtml.h", called, g_function_count);
}

int main(int argc, char **argv)
{
    int force_hardware = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--hardware") == 0) {
            force_hardware = 1;
        } else {
            fprintf(stderr, "usage: %s [--hardware]\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    detect_simulator(force_hardware);
    printf("INFO running against %s\n", g_sim ? "the mtml-rs simulator" : "a real libmtml (simulator-only checks skipped)");

    check_library();
    for (unsigned i = 0; i < g_count; i++) {
        char tag[32], uuid[MTML_DEVICE_UUID_BUFFER_SIZE] = "";
        snprintf(tag, sizeof tag, "device %u", i);
        if (g_dev[i] == NULL)
            continue;
        check_identity(i, g_dev[i]);
        CALL(mtmlDeviceGetUUID)(g_dev[i], uuid, sizeof uuid);
        check_fans_and_displays(tag, g_dev[i]);
        check_affinity(tag, g_dev[i]);
        check_gpu(tag, g_dev[i]);
        check_memory(tag, g_dev[i]);
        check_vpu(tag, g_dev[i]);
        check_virt(tag, g_dev[i], uuid);
        check_mpc(tag, g_dev[i], (int)i);
        check_mtlink_device(i);
    }
    check_topology();
    check_log_and_errors();
    if (g_sim) {
        check_mutations();
        check_frees();
    } else {
        skip("state-changing calls, frees and misuse: only on the simulator");
        /* Still exercise the argument checks of the state-changing calls. */
        expect_rc(CALL(mtmlDeviceReset)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceReset(NULL)");
        expect_rc(CALL(mtmlDeviceSetMpcMode)(NULL, MTML_DEVICE_MPC_ENABLE), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlDeviceSetMpcMode(NULL)");
        expect_rc(CALL(mtmlDeviceSetMpcConfiguration)(NULL, 1), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlDeviceSetMpcConfiguration(NULL)");
        expect_rc(CALL(mtmlDeviceFreeGpu)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeGpu(NULL)");
        expect_rc(CALL(mtmlDeviceFreeMemory)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeMemory(NULL)");
        expect_rc(CALL(mtmlDeviceFreeVpu)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeVpu(NULL)");
        expect_rc(CALL(mtmlDeviceFreeVirtDevice)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeVirtDevice(NULL)");
    }
    check_shutdown();
    check_coverage();

    printf("%u passed, %u failed, %u skipped\n", g_passed, g_failed, g_skipped);
    return g_failed == 0 ? 0 : 1;
}
