/*
 * ecc.c: ECC mode, error counters and page retirement.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Counters: corrected errors grow with virtual time (ecc_corrected_per_hour)
 * and never decrease except when cleared. The volatile counters restart at
 * mtmlDeviceReset. Clearing the aggregate counters clears the volatile ones
 * too, so aggregate >= volatile always holds. Counters and the ECC mode
 * setter need ECC to be supported; counters also need it on. A reset
 * commits the pending mode and the pending page retirements.
 */

#include <string.h>

#include "sim_internal.h"

/* Only the memory of a physical device with ECC hardware has these features. */
static MtmlReturn need_ecc(const sim_call *c) {
    if (c->h.dkind != SIM_DEV_PHYS || c->inst->m.dev[c->h.phys].ecc == SIM_ECC_UNSUPPORTED)
        return MTML_ERROR_NOT_SUPPORTED;
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlMemorySetEccMode(const MtmlMemory *mem, MtmlEccMode mode) {
    SIM_ENTER(mtmlMemorySetEccMode, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_TRY(need_ecc(&call_));
    SIM_CHECK(mode == MTML_MEMORY_ECC_DISABLE || mode == MTML_MEMORY_ECC_ENABLE, MTML_ERROR_INVALID_ARGUMENT);
    call_.inst->ecc_pending[call_.h.phys] = (int)mode;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetEccMode(const MtmlMemory *mem, MtmlEccMode *currentMode, MtmlEccMode *pendingMode) {
    SIM_ENTER(mtmlMemoryGetEccMode, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(currentMode && pendingMode, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    *currentMode = (MtmlEccMode)sim_enum_out(&call_, call_.inst->ecc_cur[call_.h.phys]);
    *pendingMode = (MtmlEccMode)sim_enum_out(&call_, call_.inst->ecc_pending[call_.h.phys]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetRetiredPagesCount(const MtmlMemory *mem, MtmlPageRetirementCount *count) {
    SIM_ENTER(mtmlMemoryGetRetiredPagesCount, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(count, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    unsigned int n[2] = {0, 0};
    for (int i = 0; i < d->npages; i++)
        n[d->pages[i].cause == MTML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR]++;
    count->sbeCount = sim_count_out(&call_, n[0]);
    count->dbeCount = sim_count_out(&call_, n[1]);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetRetiredPages(const MtmlMemory *mem, MtmlPageRetirementCause cause, unsigned int count,
                                              MtmlPageRetirement *pageRetirements) {
    SIM_ENTER(mtmlMemoryGetRetiredPages, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(pageRetirements, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)cause >= 0 && cause < MTML_PAGE_RETIREMENT_CAUSE_MAX, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    unsigned int have = 0;
    for (int i = 0; i < d->npages; i++)
        have += d->pages[i].cause == (int)cause;
    /* the documentation lists a too-small count under INVALID_ARGUMENT */
    SIM_CHECK(count >= have, MTML_ERROR_INVALID_ARGUMENT);
    unsigned int k = 0;
    for (int i = 0; i < d->npages; i++) {
        if (d->pages[i].cause != (int)cause)
            continue;
        memset(&pageRetirements[k], 0, sizeof pageRetirements[k]);
        pageRetirements[k].timestamps = d->pages[i].timestamp;
        pageRetirements[k].address = d->pages[i].address;
        k++;
    }
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetRetiredPagesPendingStatus(const MtmlMemory *mem, MtmlRetiredPagesPendingState *isPending) {
    SIM_ENTER(mtmlMemoryGetRetiredPagesPendingStatus, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(isPending, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    const sim_device_cfg *d = sim_cfg(&call_);
    int pending = 0;
    if (!call_.inst->pages_committed[call_.h.phys])
        for (int i = 0; i < d->npages; i++)
            pending |= d->pages[i].pending;
    *isPending = (MtmlRetiredPagesPendingState)sim_enum_out(
        &call_, pending ? MTML_RETIRED_PAGES_PENDING_STATE_TRUE : MTML_RETIRED_PAGES_PENDING_STATE_FALSE);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryGetEccErrorCounter(const MtmlMemory *mem, MtmlMemoryErrorType errorType,
                                                 MtmlEccCounterType counterType, MtmlMemoryLocation locationType,
                                                 unsigned long long *eccCounts) {
    SIM_ENTER(mtmlMemoryGetEccErrorCounter, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK(eccCounts, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)errorType >= 0 && errorType < MTML_MEMORY_ERROR_TYPE_COUNT, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)counterType >= 0 && counterType < MTML_ECC_COUNTER_TYPE_COUNT, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK(locationType == MTML_MEMORY_LOCATION_DRAM, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    sim_instance *inst = call_.inst;
    int i = call_.h.phys;
    SIM_CHECK(inst->ecc_cur[i] == SIM_ECC_ON, MTML_ERROR_NOT_SUPPORTED);
    unsigned long long growth = sim_ecc_growth(inst, i);
    int k = (int)errorType;
    unsigned long long v;
    if (counterType == MTML_VOLATILE_ECC)
        v = inst->ecc_vol_base[i][k] + (k == 0 ? growth - inst->ecc_vol_mark[i] : 0);
    else
        v = inst->ecc_agg_base[i][k] + (k == 0 ? growth - inst->ecc_agg_mark[i] : 0);
    *eccCounts = v;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlMemoryClearEccErrorCounts(const MtmlMemory *mem, MtmlEccCounterType counterType) {
    SIM_ENTER(mtmlMemoryClearEccErrorCounts, mem, MTML_SIM_HANDLE_MEMORY);
    SIM_CHECK((int)counterType >= 0 && counterType < MTML_ECC_COUNTER_TYPE_COUNT, MTML_ERROR_INVALID_ARGUMENT);
    SIM_TRY(need_ecc(&call_));
    sim_instance *inst = call_.inst;
    int i = call_.h.phys;
    SIM_CHECK(inst->ecc_cur[i] == SIM_ECC_ON, MTML_ERROR_NOT_SUPPORTED);
    unsigned long long growth = sim_ecc_growth(inst, i);
    inst->ecc_vol_base[i][0] = inst->ecc_vol_base[i][1] = 0;
    inst->ecc_vol_mark[i] = growth;
    if (counterType == MTML_AGGREGATE_ECC) {
        inst->ecc_agg_base[i][0] = inst->ecc_agg_base[i][1] = 0;
        inst->ecc_agg_mark[i] = growth;
    }
    SIM_RETURN(MTML_SUCCESS);
}
