/*
 * system.c: the host system handle.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#include "sim_internal.h"

MtmlReturn MTML_API mtmlSystemGetDriverVersion(const MtmlSystem *sys, char *version, unsigned int length) {
    SIM_ENTER(mtmlSystemGetDriverVersion, sys, MTML_SIM_HANDLE_SYSTEM);
    SIM_CHECK(version, MTML_ERROR_INVALID_ARGUMENT);
    SIM_RETURN(sim_put_string(&call_, version, length, call_.inst->m.driver_version));
}
