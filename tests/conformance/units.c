/*
 * units.c: the sub-units of a device: GPU, memory (with ECC) and VPU
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "conformance.h"

void check_gpu(const char *tag, const MtmlDevice *dev)
{
    MtmlGpu *gpu = NULL;
    unsigned value = 0, max = 0;
    int temp = 0;
    expect_rc(CALL(mtmlDeviceInitGpu)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceInitGpu(NULL)", tag));
    if (!expect_rc(CALL(mtmlDeviceInitGpu)(dev, &gpu), MTML_SUCCESS, fmt("%s mtmlDeviceInitGpu", tag)))
        return;
    if (expect_rc(CALL(mtmlGpuGetUtilization)(gpu, &value), MTML_SUCCESS, fmt("%s mtmlGpuGetUtilization", tag)))
        check(value <= 100, "%s: GPU utilization %u %%", tag, value);
    expect_rc(CALL(mtmlGpuGetUtilization)(gpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlGpuGetUtilization(NULL)", tag));
    if (expect_rc(CALL(mtmlGpuGetTemperature)(gpu, &temp), MTML_SUCCESS, fmt("%s mtmlGpuGetTemperature", tag)))
        check(temp > -50 && temp < 150, "%s: GPU temperature %d C is plausible", tag, temp);
    expect_rc(CALL(mtmlGpuGetTemperature)(gpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlGpuGetTemperature(NULL)", tag));
    if (expect_rc(CALL(mtmlGpuGetClock)(gpu, &value), MTML_SUCCESS, fmt("%s mtmlGpuGetClock", tag))
        && expect_rc(CALL(mtmlGpuGetMaxClock)(gpu, &max), MTML_SUCCESS, fmt("%s mtmlGpuGetMaxClock", tag)))
        check(value <= max, "%s: GPU clock %u <= max %u MHz", tag, value, max);
    expect_rc(CALL(mtmlGpuGetClock)(gpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlGpuGetClock(NULL)", tag));
    expect_rc(CALL(mtmlGpuGetMaxClock)(gpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlGpuGetMaxClock(NULL)", tag));
    for (int e = 0; e < MTML_GPU_ENGINE_MAX; e++) {
        MtmlReturn rc = CALL(mtmlGpuGetEngineUtilization)(gpu, (MtmlGpuEngine)e, &value);
        if (expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlGpuGetEngineUtilization(%d)", tag, e))
            && rc == MTML_SUCCESS)
            check(value <= 100, "%s: engine %d utilization %u %%", tag, e, value);
    }
    expect_failure(CALL(mtmlGpuGetEngineUtilization)(gpu, MTML_GPU_ENGINE_MAX, &value),
                   fmt("%s mtmlGpuGetEngineUtilization(ENGINE_MAX)", tag));
    expect_rc(CALL(mtmlGpuGetEngineUtilization)(gpu, MTML_GPU_ENGINE_3D, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlGpuGetEngineUtilization(NULL)", tag));
}

static void check_ecc(const char *tag, const MtmlMemory *mem)
{
    MtmlEccMode current, pending;
    expect_rc(CALL(mtmlMemoryGetEccMode)(mem, NULL, &pending), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlMemoryGetEccMode(NULL)", tag));
    MtmlReturn rc = CALL(mtmlMemoryGetEccMode)(mem, &current, &pending);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetEccMode", tag));
    if (rc == MTML_SUCCESS)
        check(current <= MTML_MEMORY_ECC_ENABLE && pending <= MTML_MEMORY_ECC_ENABLE, "%s: ECC modes %d/%d in range",
              tag, (int)current, (int)pending);

    MtmlPageRetirementCount pages;
    expect_rc(CALL(mtmlMemoryGetRetiredPagesCount)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlMemoryGetRetiredPagesCount(NULL)", tag));
    rc = CALL(mtmlMemoryGetRetiredPagesCount)(mem, &pages);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetRetiredPagesCount", tag));
    if (rc == MTML_SUCCESS) {
        for (int cause = 0; cause < MTML_PAGE_RETIREMENT_CAUSE_MAX; cause++) {
            unsigned n = cause == 0 ? pages.sbeCount : pages.dbeCount;
            MtmlPageRetirement list[MAX_ITEMS];
            if (n == 0 || n > MAX_ITEMS)
                continue;
            expect_rc(CALL(mtmlMemoryGetRetiredPages)(mem, (MtmlPageRetirementCause)cause, n, list), MTML_SUCCESS,
                      fmt("%s mtmlMemoryGetRetiredPages(cause %d, %u)", tag, cause, n));
            expect_rc(CALL(mtmlMemoryGetRetiredPages)(mem, (MtmlPageRetirementCause)cause, n, NULL),
                      MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetRetiredPages(NULL)", tag));
            expect_rc2(CALL(mtmlMemoryGetRetiredPages)(mem, (MtmlPageRetirementCause)cause, n - 1, list),
                       MTML_ERROR_INSUFFICIENT_SIZE, MTML_ERROR_INVALID_ARGUMENT,
                       fmt("%s mtmlMemoryGetRetiredPages(count - 1)", tag));
        }
        MtmlPageRetirement one[1];
        expect_failure(CALL(mtmlMemoryGetRetiredPages)(mem, MTML_PAGE_RETIREMENT_CAUSE_MAX, 1, one),
                       fmt("%s mtmlMemoryGetRetiredPages(CAUSE_MAX)", tag));
    } else {
        MtmlPageRetirement one[1];
        expect_failure(CALL(mtmlMemoryGetRetiredPages)(mem, MTML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR, 1, one),
                       fmt("%s mtmlMemoryGetRetiredPages without support", tag));
    }

    MtmlRetiredPagesPendingState state;
    expect_rc(CALL(mtmlMemoryGetRetiredPagesPendingStatus)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlMemoryGetRetiredPagesPendingStatus(NULL)", tag));
    rc = CALL(mtmlMemoryGetRetiredPagesPendingStatus)(mem, &state);
    if (expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetRetiredPagesPendingStatus", tag))
        && rc == MTML_SUCCESS)
        check(state <= MTML_RETIRED_PAGES_PENDING_STATE_TRUE, "%s: pending state %d in range", tag, (int)state);

    for (int type = 0; type < MTML_MEMORY_ERROR_TYPE_COUNT; type++) {
        unsigned long long vol = 0, agg = 0;
        MtmlReturn rv = CALL(mtmlMemoryGetEccErrorCounter)(mem, (MtmlMemoryErrorType)type, MTML_VOLATILE_ECC,
                                                           MTML_MEMORY_LOCATION_DRAM, &vol);
        MtmlReturn ra = CALL(mtmlMemoryGetEccErrorCounter)(mem, (MtmlMemoryErrorType)type, MTML_AGGREGATE_ECC,
                                                           MTML_MEMORY_LOCATION_DRAM, &agg);
        expect_rc2(rv, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetEccErrorCounter(type %d)", tag, type));
        if (rv == MTML_SUCCESS && ra == MTML_SUCCESS)
            check(agg >= vol, "%s: ECC type %d aggregate %llu >= volatile %llu", tag, type, agg, vol);
    }
    expect_rc(CALL(mtmlMemoryGetEccErrorCounter)(mem, MTML_MEMORY_ERROR_TYPE_CORRECTED, MTML_VOLATILE_ECC,
                                                 MTML_MEMORY_LOCATION_DRAM, NULL),
              MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetEccErrorCounter(NULL)", tag));
    expect_rc(CALL(mtmlMemoryClearEccErrorCounts)(NULL, MTML_VOLATILE_ECC), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlMemoryClearEccErrorCounts(NULL)");
    expect_rc(CALL(mtmlMemorySetEccMode)(NULL, MTML_MEMORY_ECC_ENABLE), MTML_ERROR_INVALID_ARGUMENT,
              "mtmlMemorySetEccMode(NULL)");
}

void check_memory(const char *tag, const MtmlDevice *dev)
{
    MtmlMemory *mem = NULL;
    unsigned long long total = 0, used = 0, sys = 0;
    unsigned value = 0, max = 0;
    char vendor[MTML_MEMORY_VENDOR_BUFFER_SIZE];
    expect_rc(CALL(mtmlDeviceInitMemory)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceInitMemory(NULL)", tag));
    if (!expect_rc(CALL(mtmlDeviceInitMemory)(dev, &mem), MTML_SUCCESS, fmt("%s mtmlDeviceInitMemory", tag)))
        return;
    if (expect_rc(CALL(mtmlMemoryGetTotal)(mem, &total), MTML_SUCCESS, fmt("%s mtmlMemoryGetTotal", tag)))
        check(total > 0, "%s: memory total %llu bytes", tag, total);
    if (expect_rc(CALL(mtmlMemoryGetUsed)(mem, &used), MTML_SUCCESS, fmt("%s mtmlMemoryGetUsed", tag)))
        check(used <= total, "%s: memory used %llu <= total", tag, used);
    if (expect_rc(CALL(mtmlMemoryGetUsedSystem)(mem, &sys), MTML_SUCCESS, fmt("%s mtmlMemoryGetUsedSystem", tag)))
        check(sys <= total, "%s: system-reserved memory %llu <= total", tag, sys);
    expect_rc(CALL(mtmlMemoryGetTotal)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetTotal(NULL)", tag));
    expect_rc(CALL(mtmlMemoryGetUsed)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetUsed(NULL)", tag));
    expect_rc(CALL(mtmlMemoryGetUsedSystem)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetUsedSystem(NULL)", tag));
    if (expect_rc(CALL(mtmlMemoryGetUtilization)(mem, &value), MTML_SUCCESS, fmt("%s mtmlMemoryGetUtilization", tag)))
        check(value <= 100, "%s: memory utilization %u %%", tag, value);
    MtmlReturn rc = CALL(mtmlMemoryGetClock)(mem, &value);
    MtmlReturn rc_max = CALL(mtmlMemoryGetMaxClock)(mem, &max);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetClock", tag));
    expect_rc2(rc_max, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlMemoryGetMaxClock", tag));
    if (rc == MTML_SUCCESS && rc_max == MTML_SUCCESS)
        check(value <= max, "%s: memory clock %u <= max %u MHz", tag, value, max);
    expect_rc(CALL(mtmlMemoryGetBusWidth)(mem, &value), MTML_SUCCESS, fmt("%s mtmlMemoryGetBusWidth", tag));
    expect_rc(CALL(mtmlMemoryGetBandwidth)(mem, &value), MTML_SUCCESS, fmt("%s mtmlMemoryGetBandwidth", tag));
    expect_rc(CALL(mtmlMemoryGetSpeed)(mem, &value), MTML_SUCCESS, fmt("%s mtmlMemoryGetSpeed", tag));
    expect_rc(CALL(mtmlMemoryGetBusWidth)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetBusWidth(NULL)", tag));
    expect_rc(CALL(mtmlMemoryGetBandwidth)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetBandwidth(NULL)", tag));
    expect_rc(CALL(mtmlMemoryGetSpeed)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetSpeed(NULL)", tag));
    check_string(fmt("%s mtmlMemoryGetVendor", tag), get_memory_vendor, mem, sizeof vendor, vendor);
    MtmlMemoryType type;
    if (expect_rc(CALL(mtmlMemoryGetType)(mem, &type), MTML_SUCCESS, fmt("%s mtmlMemoryGetType", tag)))
        check(type == MTML_MEM_TYPE_LPDDR4 || type == MTML_MEM_TYPE_GDDR6, "%s: memory type %d known", tag, (int)type);
    expect_rc(CALL(mtmlMemoryGetType)(mem, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlMemoryGetType(NULL)", tag));
    check_ecc(tag, mem);
}

static void check_sessions(const char *tag, const MtmlVpu *vpu, int encoder, unsigned capacity)
{
    const char *kind = encoder ? "encoder" : "decoder";
    MtmlCodecSessionState states[MAX_ITEMS];
    MtmlCodecSessionMetrics metrics;
    unsigned n = capacity < MAX_ITEMS ? capacity : MAX_ITEMS;
    MtmlReturn (*get_states)(const MtmlVpu *, MtmlCodecSessionState *, unsigned) =
        encoder ? CALL(mtmlVpuGetEncoderSessionStates) : CALL(mtmlVpuGetDecoderSessionStates);
    MtmlReturn (*get_metrics)(const MtmlVpu *, unsigned, MtmlCodecSessionMetrics *) =
        encoder ? CALL(mtmlVpuGetEncoderSessionMetrics) : CALL(mtmlVpuGetDecoderSessionMetrics);

    expect_rc(get_states(vpu, NULL, 4), MTML_ERROR_INVALID_ARGUMENT, fmt("%s %s states(NULL)", tag, kind));
    expect_rc(get_states(vpu, states, 0), MTML_ERROR_INSUFFICIENT_SIZE, fmt("%s %s states(length 0)", tag, kind));
    if (n == 0)
        return;
    if (!expect_rc(get_states(vpu, states, n), MTML_SUCCESS, fmt("%s %s states(%u)", tag, kind, n)))
        return;
    for (unsigned s = 0; s < n; s++) {
        check(states[s] >= MTML_CODEC_SESSION_STATE_UNKNOWN && states[s] < MTML_CODEC_SESSION_STATE_COUNT,
              "%s: %s session %u state %d in range", tag, kind, s, (int)states[s]);
        if (states[s] != MTML_CODEC_SESSION_STATE_ACTIVE)
            continue;
        if (expect_rc(get_metrics(vpu, s, &metrics), MTML_SUCCESS, fmt("%s %s session %u metrics", tag, kind, s)))
            check(metrics.pid != 0 && metrics.codecType < MTML_CODEC_TYPE_COUNT,
                  "%s: active %s session %u has pid %u, codec %d", tag, kind, s, metrics.pid, (int)metrics.codecType);
    }
    expect_rc(get_metrics(vpu, 0, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s %s metrics(NULL)", tag, kind));
    expect_rc(get_metrics(vpu, capacity, &metrics), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s %s metrics(session id = capacity)", tag, kind));
}

void check_vpu(const char *tag, const MtmlDevice *dev)
{
    MtmlVpu *vpu = NULL;
    MtmlCodecUtil util;
    unsigned value = 0, max = 0, enc = 0, dec = 0;
    expect_rc(CALL(mtmlDeviceInitVpu)(dev, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlDeviceInitVpu(NULL)", tag));
    MtmlReturn rc = CALL(mtmlDeviceInitVpu)(dev, &vpu);
    expect_rc2(rc, MTML_SUCCESS, MTML_ERROR_NOT_SUPPORTED, fmt("%s mtmlDeviceInitVpu", tag));
    if (rc != MTML_SUCCESS)
        return;
    if (expect_rc(CALL(mtmlVpuGetUtilization)(vpu, &util), MTML_SUCCESS, fmt("%s mtmlVpuGetUtilization", tag)))
        check(util.util <= 100 && util.encUtil <= 100 && util.decUtil <= 100, "%s: codec load %u/%u/%u %%", tag,
              util.util, util.encUtil, util.decUtil);
    expect_rc(CALL(mtmlVpuGetUtilization)(vpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlVpuGetUtilization(NULL)", tag));
    if (expect_rc(CALL(mtmlVpuGetClock)(vpu, &value), MTML_SUCCESS, fmt("%s mtmlVpuGetClock", tag))
        && expect_rc(CALL(mtmlVpuGetMaxClock)(vpu, &max), MTML_SUCCESS, fmt("%s mtmlVpuGetMaxClock", tag)))
        check(value <= max, "%s: codec clock %u <= max %u MHz", tag, value, max);
    expect_rc(CALL(mtmlVpuGetClock)(vpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlVpuGetClock(NULL)", tag));
    expect_rc(CALL(mtmlVpuGetMaxClock)(vpu, NULL), MTML_ERROR_INVALID_ARGUMENT, fmt("%s mtmlVpuGetMaxClock(NULL)", tag));
    expect_rc(CALL(mtmlVpuGetCodecCapacity)(vpu, NULL, &dec), MTML_ERROR_INVALID_ARGUMENT,
              fmt("%s mtmlVpuGetCodecCapacity(NULL)", tag));
    if (!expect_rc(CALL(mtmlVpuGetCodecCapacity)(vpu, &enc, &dec), MTML_SUCCESS, fmt("%s mtmlVpuGetCodecCapacity", tag)))
        return;
    check_sessions(tag, vpu, 1, enc);
    check_sessions(tag, vpu, 0, dec);
}
