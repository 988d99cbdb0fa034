/*
 * library.c: library, system, logging and error strings; shutdown and re-init
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include <stdlib.h>

#include "conformance.h"

void check_library(void)
{
    char text[MTML_DRIVER_VERSION_BUFFER_SIZE];
    MtmlSystem *sys = NULL;

    expect_rc(CALL(mtmlLibraryInit)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryInit(NULL)");
    if (!expect_rc(CALL(mtmlLibraryInit)(&g_lib), MTML_SUCCESS, "mtmlLibraryInit")) {
        printf("cannot continue without a library\n");
        exit(2);
    }
    check_string("mtmlLibraryGetVersion", get_library_version, g_lib, MTML_LIBRARY_VERSION_BUFFER_SIZE, text);
    expect_rc(CALL(mtmlLibraryGetVersion)(NULL, text, sizeof text), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlLibraryGetVersion(NULL library)");

    expect_rc(CALL(mtmlLibraryInitSystem)(g_lib, NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryInitSystem(NULL out)");
    expect_rc(CALL(mtmlLibraryInitSystem)(NULL, &sys), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryInitSystem(NULL library)");
    if (expect_rc(CALL(mtmlLibraryInitSystem)(g_lib, &sys), MTML_SUCCESS, "mtmlLibraryInitSystem")) {
        check_string("mtmlSystemGetDriverVersion", get_driver_version, sys, MTML_DRIVER_VERSION_BUFFER_SIZE, text);
        expect_rc(CALL(mtmlSystemGetDriverVersion)(NULL, text, sizeof text), MTML_ERROR_INVALID_ARGUMENT,
                  "mtmlSystemGetDriverVersion(NULL system)");
    }
    expect_rc(CALL(mtmlLibraryFreeSystem)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryFreeSystem(NULL)");

    expect_rc(CALL(mtmlLibraryCountDevice)(g_lib, NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryCountDevice(NULL out)");
    expect_rc(CALL(mtmlLibraryCountDevice)(NULL, &g_count), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryCountDevice(NULL library)");
    if (!expect_rc(CALL(mtmlLibraryCountDevice)(g_lib, &g_count), MTML_SUCCESS, "mtmlLibraryCountDevice"))
        g_count = 0;
    printf("INFO %u devices\n", g_count);
    if (g_count > MAX_DEVICES) {
        check(0, "device count %u is within the %u this program handles", g_count, MAX_DEVICES);
        g_count = MAX_DEVICES;
    }
    if (g_sim && getenv("MTML_SIM_CONFIG") == NULL) {
        unsigned sections = 0;
        for (const char *p = sim_default_config(); (p = strstr(p, "\n[device]")) != NULL; p++)
            sections++;
        check(g_count == sections, "device count %u equals the [device] sections (%u) of the default config",
              g_count, sections);
    }

    for (unsigned i = 0; i < g_count; i++) {
        g_dev[i] = NULL;
        if (expect_rc(CALL(mtmlLibraryInitDeviceByIndex)(g_lib, i, &g_dev[i]), MTML_SUCCESS,
                      fmt("mtmlLibraryInitDeviceByIndex(%u)", i)))
            check(device_index(g_dev[i]) == (int)i, "device %u: mtmlDeviceGetIndex reports %d", i, device_index(g_dev[i]));
    }
    MtmlDevice *dev = NULL;
    expect_rc2(CALL(mtmlLibraryInitDeviceByIndex)(g_lib, g_count, &dev), MTML_ERROR_INVALID_ARGUMENT,
               MTML_ERROR_NOT_FOUND, "mtmlLibraryInitDeviceByIndex(count)");
    expect_rc2(CALL(mtmlLibraryInitDeviceByIndex)(g_lib, 0xFFFFFFFFu, &dev), MTML_ERROR_INVALID_ARGUMENT,
               MTML_ERROR_NOT_FOUND, "mtmlLibraryInitDeviceByIndex(UINT_MAX)");
    expect_rc(CALL(mtmlLibraryInitDeviceByIndex)(g_lib, 0, NULL), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlLibraryInitDeviceByIndex(NULL out)");
    expect_rc(CALL(mtmlLibraryInitDeviceByUuid)(g_lib, NULL, &dev), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlLibraryInitDeviceByUuid(NULL uuid)");
    expect_rc(CALL(mtmlLibraryInitDeviceByUuid)(g_lib, "no-such-uuid", &dev), MTML_ERROR_NOT_FOUND,
              "mtmlLibraryInitDeviceByUuid(unknown)");
    expect_rc(CALL(mtmlLibraryInitDeviceByPciSbdf)(g_lib, NULL, &dev), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlLibraryInitDeviceByPciSbdf(NULL)");
    expect_rc2(CALL(mtmlLibraryInitDeviceByPciSbdf)(g_lib, "0000ffff:ff:1f.0", &dev), MTML_ERROR_NOT_FOUND,
               MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryInitDeviceByPciSbdf(unused address)");
    expect_rc(CALL(mtmlLibrarySetMpcConfigurationInBatch)(g_lib, 1, NULL, NULL), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlLibrarySetMpcConfigurationInBatch(NULL arrays)");
    expect_rc(CALL(mtmlLibraryFreeDevice)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryFreeDevice(NULL)");
}


/* ---- logging and error strings --------------------------------------------- */

void check_log_and_errors(void)
{
    MtmlLogConfiguration saved, bad, again;
    expect_rc(CALL(mtmlLogGetConfiguration)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLogGetConfiguration(NULL)");
    expect_rc(CALL(mtmlLogSetConfiguration)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLogSetConfiguration(NULL)");
    if (expect_rc(CALL(mtmlLogGetConfiguration)(&saved), MTML_SUCCESS, "mtmlLogGetConfiguration") && g_sim) {
        bad = saved;
        bad.consoleConfig.level = (MtmlLogLevel)99;
        expect_rc(CALL(mtmlLogSetConfiguration)(&bad), MTML_ERROR_INVALID_ARGUMENT, "mtmlLogSetConfiguration(level 99)");
        bad = saved;
        bad.consoleConfig.level = MTML_LOG_LEVEL_OFF;
        bad.systemConfig.level = MTML_LOG_LEVEL_ERROR;
        if (expect_rc(CALL(mtmlLogSetConfiguration)(&bad), MTML_SUCCESS, "mtmlLogSetConfiguration")
            && expect_rc(CALL(mtmlLogGetConfiguration)(&again), MTML_SUCCESS, "mtmlLogGetConfiguration after set"))
            check(again.systemConfig.level == MTML_LOG_LEVEL_ERROR, "log configuration reads back what was set");
        expect_rc(CALL(mtmlLogSetConfiguration)(&saved), MTML_SUCCESS, "mtmlLogSetConfiguration(restore)");
    }

    static const MtmlReturn codes[] = {
        MTML_SUCCESS, MTML_ERROR_DRIVER_NOT_LOADED, MTML_ERROR_DRIVER_FAILURE, MTML_ERROR_INVALID_ARGUMENT,
        MTML_ERROR_NOT_SUPPORTED, MTML_ERROR_NO_PERMISSION, MTML_ERROR_INSUFFICIENT_SIZE, MTML_ERROR_NOT_FOUND,
        MTML_ERROR_INSUFFICIENT_MEMORY, MTML_ERROR_DRIVER_TOO_OLD, MTML_ERROR_DRIVER_TOO_NEW, MTML_ERROR_TIMEOUT,
        MTML_ERROR_RESOURCE_IS_BUSY, MTML_ERROR_UNKNOWN, (MtmlReturn)12345,
    };
    for (unsigned k = 0; k < sizeof codes / sizeof codes[0]; k++) {
        const char *text = CALL(mtmlErrorString)(codes[k]);
        check(text != NULL && text[0] != '\0', "mtmlErrorString(%d) = \"%s\"", (int)codes[k], text ? text : "(null)");
    }
}


/* ---- shutdown ---------------------------------------------------------------- */

void check_shutdown(void)
{
    unsigned count = 0, value = 0;
    unsigned long long misuse_before = 0, misuse_after = 0;
    expect_rc(CALL(mtmlLibraryShutDown)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlLibraryShutDown(NULL)");
    if (g_sim) {
        unsigned long long calls = 0;
        sim_call_count(g_lib, "*", &calls);
        check(calls > 100, "the simulator counted %llu calls on this instance", calls);
    }
    expect_rc(CALL(mtmlLibraryShutDown)(g_lib), MTML_SUCCESS, "mtmlLibraryShutDown");
    if (g_sim) {
        sim_misuse_count(NULL, 0, &misuse_before);
        expect_rc(CALL(mtmlLibraryCountDevice)(g_lib, &count), MTML_ERROR_INVALID_ARGUMENT,
                  "library handle after shutdown is rejected");
        if (g_count > 0)
            expect_rc(CALL(mtmlDeviceGetIndex)(g_dev[0], &value), MTML_ERROR_INVALID_ARGUMENT,
                      "device handle after shutdown is rejected");
        sim_misuse_count(NULL, 0, &misuse_after);
        check(misuse_after > misuse_before, "use after shutdown is counted (%llu -> %llu)", misuse_before, misuse_after);
    } else {
        skip("handles after shutdown: only checked on the simulator (undefined on a real driver)");
    }

    /* A second init/shutdown cycle sees the same machine. */
    MtmlLibrary *lib = NULL;
    if (expect_rc(CALL(mtmlLibraryInit)(&lib), MTML_SUCCESS, "mtmlLibraryInit again")) {
        if (expect_rc(CALL(mtmlLibraryCountDevice)(lib, &count), MTML_SUCCESS, "mtmlLibraryCountDevice again"))
            check(count == g_count, "second init sees %u devices (first saw %u)", count, g_count);
        expect_rc(CALL(mtmlLibraryShutDown)(lib), MTML_SUCCESS, "mtmlLibraryShutDown again");
    }
}
