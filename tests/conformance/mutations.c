/*
 * mutations.c: simulator-only checks that change the machine or free handles
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "conformance.h"

void check_mutations(void)
{
    for (unsigned i = 0; i < g_count; i++) {
        MtmlMpcMode mode;
        MtmlMpcConfiguration current, configs[MAX_ITEMS];
        unsigned nconfigs = 0, before = 0, after = 0;
        MtmlDevice *inst = NULL;
        if (CALL(mtmlDeviceGetMpcMode)(g_dev[i], &mode) != MTML_SUCCESS || mode != MTML_DEVICE_MPC_ENABLE)
            continue;
        if (CALL(mtmlDeviceGetMpcConfiguration)(g_dev[i], &current) != MTML_SUCCESS
            || CALL(mtmlDeviceCountSupportedMpcConfigurations)(g_dev[i], &nconfigs) != MTML_SUCCESS || nconfigs < 2
            || nconfigs > MAX_ITEMS
            || CALL(mtmlDeviceGetSupportedMpcConfigurations)(g_dev[i], nconfigs, configs) != MTML_SUCCESS)
            continue;
        unsigned other = configs[0].id == current.id ? configs[1].id : configs[0].id;
        CALL(mtmlDeviceCountMpcInstances)(g_dev[i], &before);
        if (before > 0)
            CALL(mtmlDeviceGetMpcInstanceByIndex)(g_dev[i], 0, &inst);
        expect_rc(CALL(mtmlDeviceSetMpcConfiguration)(g_dev[i], 0xFFFFu), MTML_ERROR_INVALID_ARGUMENT,
                  fmt("device %u mtmlDeviceSetMpcConfiguration(unknown id)", i));
        if (expect_rc(CALL(mtmlDeviceSetMpcConfiguration)(g_dev[i], other), MTML_SUCCESS,
                      fmt("device %u mtmlDeviceSetMpcConfiguration(%u)", i, other))) {
            MtmlMpcConfiguration now;
            if (expect_rc(CALL(mtmlDeviceGetMpcConfiguration)(g_dev[i], &now), MTML_SUCCESS, "configuration after set"))
                check(now.id == other, "device %u now uses configuration %u", i, now.id);
            CALL(mtmlDeviceCountMpcInstances)(g_dev[i], &after);
            unsigned used = 0;
            for (unsigned c = 0; c < nconfigs; c++)
                if (configs[c].id == other)
                    for (int s = 0; s < MTML_MPC_CONF_MAX_PROF_NUM; s++)
                        used += configs[c].profileId[s] != -1;
            check(after == used, "device %u: %u instances for a configuration of %u profiles", i, after, used);
            if (inst != NULL) {
                unsigned index;
                expect_rc(CALL(mtmlDeviceGetMpcInstanceIndex)(inst, &index), MTML_ERROR_INVALID_ARGUMENT,
                          fmt("device %u: instance handle from before the change is rejected", i));
            }
        }
        unsigned back = current.id;
        expect_rc(CALL(mtmlLibrarySetMpcConfigurationInBatch)(g_lib, 1, &g_dev[i], &back), MTML_SUCCESS,
                  fmt("device %u mtmlLibrarySetMpcConfigurationInBatch(%u)", i, back));
        expect_rc(CALL(mtmlDeviceSetMpcMode)(g_dev[i], (MtmlMpcMode)7), MTML_ERROR_INVALID_ARGUMENT,
                  fmt("device %u mtmlDeviceSetMpcMode(7)", i));
        if (expect_rc(CALL(mtmlDeviceSetMpcMode)(g_dev[i], MTML_DEVICE_MPC_DISABLE), MTML_SUCCESS,
                      fmt("device %u mtmlDeviceSetMpcMode(DISABLE)", i)))
            expect_rc(CALL(mtmlDeviceCountMpcInstances)(g_dev[i], &after), MTML_ERROR_NOT_SUPPORTED,
                      fmt("device %u: no instances with MPC off", i));
        expect_rc(CALL(mtmlDeviceSetMpcMode)(g_dev[i], MTML_DEVICE_MPC_ENABLE), MTML_SUCCESS,
                  fmt("device %u mtmlDeviceSetMpcMode(ENABLE)", i));
    }

    for (unsigned i = 0; i < g_count; i++) {
        MtmlMemory *mem = NULL;
        MtmlEccMode current, pending;
        if (CALL(mtmlDeviceInitMemory)(g_dev[i], &mem) != MTML_SUCCESS
            || CALL(mtmlMemoryGetEccMode)(mem, &current, &pending) != MTML_SUCCESS)
            continue;
        MtmlEccMode wanted = current == MTML_MEMORY_ECC_ENABLE ? MTML_MEMORY_ECC_DISABLE : MTML_MEMORY_ECC_ENABLE;
        if (expect_rc(CALL(mtmlMemorySetEccMode)(mem, wanted), MTML_SUCCESS, fmt("device %u mtmlMemorySetEccMode", i))
            && expect_rc(CALL(mtmlMemoryGetEccMode)(mem, &current, &pending), MTML_SUCCESS, "ECC mode after set"))
            check(pending == wanted, "device %u: requested ECC mode is pending (%d)", i, (int)pending);
        unsigned long long count = 1;
        if (expect_rc(CALL(mtmlMemoryClearEccErrorCounts)(mem, MTML_VOLATILE_ECC), MTML_SUCCESS,
                      fmt("device %u mtmlMemoryClearEccErrorCounts", i))
            && expect_rc(CALL(mtmlMemoryGetEccErrorCounter)(mem, MTML_MEMORY_ERROR_TYPE_CORRECTED, MTML_VOLATILE_ECC,
                                                            MTML_MEMORY_LOCATION_DRAM, &count),
                         MTML_SUCCESS, "ECC counter after clear"))
            check(count == 0, "device %u: volatile corrected count is 0 after clearing (%llu)", i, count);

        MtmlGpu *gpu = NULL;
        unsigned util;
        CALL(mtmlDeviceInitGpu)(g_dev[i], &gpu);
        if (expect_rc(CALL(mtmlDeviceReset)(g_dev[i]), MTML_SUCCESS, fmt("device %u mtmlDeviceReset", i))) {
            /* A reset may invalidate the device handle itself: look it up again. */
            expect_rc(CALL(mtmlLibraryInitDeviceByIndex)(g_lib, i, &g_dev[i]), MTML_SUCCESS,
                      fmt("device %u found again after the reset", i));
            expect_rc(CALL(mtmlGpuGetUtilization)(gpu, &util), MTML_ERROR_INVALID_ARGUMENT,
                      fmt("device %u: GPU handle from before the reset is rejected", i));
            MtmlMemory *fresh = NULL;
            if (CALL(mtmlDeviceInitMemory)(g_dev[i], &fresh) == MTML_SUCCESS
                && expect_rc(CALL(mtmlMemoryGetEccMode)(fresh, &current, &pending), MTML_SUCCESS, "ECC mode after reset"))
                check(current == wanted, "device %u: the pending ECC mode is in force after the reset", i);
        }
        break; /* one device is enough */
    }
    expect_rc(CALL(mtmlDeviceReset)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceReset(NULL)");
    expect_rc(CALL(mtmlDeviceSetMpcMode)(NULL, MTML_DEVICE_MPC_ENABLE), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlDeviceSetMpcMode(NULL)");
    expect_rc(CALL(mtmlDeviceSetMpcConfiguration)(NULL, 1), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlDeviceSetMpcConfiguration(NULL)");
}

void check_frees(void)
{
    MtmlSystem *sys = NULL;
    MtmlGpu *gpu = NULL;
    MtmlMemory *mem = NULL;
    MtmlVpu *vpu = NULL;
    MtmlDevice *dev = NULL;
    unsigned long long created = 0, freed_before = 0, freed_after = 0;
    unsigned value;

    expect_rc(CALL(mtmlDeviceFreeGpu)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeGpu(NULL)");
    expect_rc(CALL(mtmlDeviceFreeMemory)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeMemory(NULL)");
    expect_rc(CALL(mtmlDeviceFreeVpu)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeVpu(NULL)");
    expect_rc(CALL(mtmlDeviceFreeVirtDevice)(NULL), MTML_ERROR_INVALID_ARGUMENT, "mtmlDeviceFreeVirtDevice(NULL)");
    if (g_count == 0)
        return;
    expect_failure(CALL(mtmlDeviceFreeVirtDevice)(g_dev[g_count - 1]), "mtmlDeviceFreeVirtDevice(physical device)");

    sim_handle_counts(g_lib, 2 /* GPU */, &created, &freed_before);
    if (CALL(mtmlDeviceInitGpu)(g_dev[g_count - 1], &gpu) == MTML_SUCCESS) {
        expect_rc(CALL(mtmlDeviceFreeGpu)(gpu), MTML_SUCCESS, "mtmlDeviceFreeGpu");
        sim_handle_counts(g_lib, 2, &created, &freed_after);
        check(freed_after == freed_before + 1, "freeing a GPU handle is counted (%llu -> %llu)", freed_before, freed_after);
        expect_rc(CALL(mtmlGpuGetClock)(gpu, &value), MTML_ERROR_INVALID_ARGUMENT, "freed GPU handle is rejected");
        expect_rc(CALL(mtmlDeviceFreeGpu)(gpu), MTML_ERROR_INVALID_ARGUMENT, "double free of a GPU handle is rejected");
    }
    if (CALL(mtmlDeviceInitMemory)(g_dev[g_count - 1], &mem) == MTML_SUCCESS)
        expect_rc(CALL(mtmlDeviceFreeMemory)(mem), MTML_SUCCESS, "mtmlDeviceFreeMemory");
    if (CALL(mtmlDeviceInitVpu)(g_dev[g_count - 1], &vpu) == MTML_SUCCESS)
        expect_rc(CALL(mtmlDeviceFreeVpu)(vpu), MTML_SUCCESS, "mtmlDeviceFreeVpu");
    if (CALL(mtmlLibraryInitSystem)(g_lib, &sys) == MTML_SUCCESS)
        expect_rc(CALL(mtmlLibraryFreeSystem)(sys), MTML_SUCCESS, "mtmlLibraryFreeSystem");
    if (CALL(mtmlLibraryInitDeviceByIndex)(g_lib, g_count - 1, &dev) == MTML_SUCCESS)
        expect_rc(CALL(mtmlLibraryFreeDevice)(dev), MTML_SUCCESS, "mtmlLibraryFreeDevice");
    unsigned long long foreign_before = 0, foreign_after = 0;
    /* A foreign pointer belongs to no instance: only the process-wide total counts it. */
    sim_misuse_count(NULL, 3 /* foreign handle */, &foreign_before);
    static unsigned long long not_a_handle[16];
    expect_rc(CALL(mtmlDeviceGetIndex)((const MtmlDevice *)not_a_handle, &value), MTML_ERROR_INVALID_ARGUMENT,
              "a pointer that never was a handle is rejected");
    sim_misuse_count(NULL, 3, &foreign_after);
    check(foreign_after == foreign_before + 1, "the foreign handle is counted as misuse");
}
