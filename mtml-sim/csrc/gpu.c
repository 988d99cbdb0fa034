/*
 * gpu.c: graphics unit metrics.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * The unit of an MPC instance or a virtual device follows its own load
 * curve; temperature and clocks are those of the physical chip.
 */

#include "sim_internal.h"

MtmlReturn MTML_API mtmlGpuGetUtilization(const MtmlGpu *gpu, unsigned int *utilization) {
    SIM_ENTER(mtmlGpuGetUtilization, gpu, MTML_SIM_HANDLE_GPU);
    SIM_CHECK(utilization, MTML_ERROR_INVALID_ARGUMENT);
    *utilization = sim_gpu_util(call_.inst, call_.h.phys, sim_unit_id(&call_.h));
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlGpuGetTemperature(const MtmlGpu *gpu, int *temp) {
    SIM_ENTER(mtmlGpuGetTemperature, gpu, MTML_SIM_HANDLE_GPU);
    SIM_CHECK(temp, MTML_ERROR_INVALID_ARGUMENT);
    *temp = sim_temperature(call_.inst, call_.h.phys);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlGpuGetClock(const MtmlGpu *gpu, unsigned int *clockMhz) {
    SIM_ENTER(mtmlGpuGetClock, gpu, MTML_SIM_HANDLE_GPU);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    *clockMhz = sim_gpu_clock(call_.inst, call_.h.phys);
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlGpuGetMaxClock(const MtmlGpu *gpu, unsigned int *clockMhz) {
    SIM_ENTER(mtmlGpuGetMaxClock, gpu, MTML_SIM_HANDLE_GPU);
    SIM_CHECK(clockMhz, MTML_ERROR_INVALID_ARGUMENT);
    *clockMhz = sim_cfg(&call_)->gpu_clock_max;
    SIM_RETURN(MTML_SUCCESS);
}

MtmlReturn MTML_API mtmlGpuGetEngineUtilization(const MtmlGpu *gpu, MtmlGpuEngine engine, unsigned int *utilization) {
    SIM_ENTER(mtmlGpuGetEngineUtilization, gpu, MTML_SIM_HANDLE_GPU);
    SIM_CHECK(utilization, MTML_ERROR_INVALID_ARGUMENT);
    SIM_CHECK((int)engine >= 0 && engine < MTML_GPU_ENGINE_MAX, MTML_ERROR_INVALID_ARGUMENT);
    *utilization = sim_engine_util(call_.inst, call_.h.phys, sim_unit_id(&call_.h), (int)engine);
    SIM_RETURN(MTML_SUCCESS);
}
