/*
 * mtml_sim.h: control interface of the mtml-rs simulated libmtml.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * The simulator implements every function of mtml.h over virtual devices.
 * This header adds the knobs tests need: choose the machine, inject faults,
 * drive the virtual clock and read the bookkeeping. None of it exists in the
 * real driver's libmtml.
 *
 * Scoping. Every MtmlLibrary returned by mtmlLibraryInit is an independent
 * simulated machine with its own configuration, clock, faults and counters,
 * so tests running in parallel threads of one process never see each
 * other's changes. The machine an init builds comes from, in order:
 *   1. the text given to mtmlSimSetNextConfig on the calling thread (used
 *      once, by the next mtmlLibraryInit on that thread);
 *   2. the file named by the environment variable MTML_SIM_CONFIG;
 *   3. the built-in default system (mtmlSimDefaultConfig()).
 * Faults listed in the environment variable MTML_SIM_FAULTS (same syntax as
 * a config file's [fault] lines, ';'-separated) apply to every instance.
 *
 * All functions return 0 (MTML_SUCCESS) or an MtmlReturn error code and are
 * thread-safe.
 */

#ifndef MTML_SIM_H_
#define MTML_SIM_H_

#include "mtml.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- configuration ---------------------------------------------------- */

/** Text of the built-in default system, in config-file syntax. Static. */
MTML_API const char *mtmlSimDefaultConfig(void);

/**
 * Uses config (config-file syntax, copied) for the next mtmlLibraryInit on
 * this thread only. NULL clears a pending config. The text is validated
 * now: on a syntax error the return is MTML_ERROR_INVALID_ARGUMENT and, if
 * err is not NULL, a message naming the line is written to err (errLength
 * bytes, always terminated).
 */
MTML_API MtmlReturn mtmlSimSetNextConfig(const char *config, char *err, unsigned int errLength);

/**
 * Checks config text without using it. Same error reporting as
 * mtmlSimSetNextConfig.
 */
MTML_API MtmlReturn mtmlSimValidateConfig(const char *config, char *err, unsigned int errLength);

/** Message of the last failed config load on this thread (empty if none). Static per thread. */
MTML_API const char *mtmlSimLastConfigError(void);

/* ---- virtual clock ------------------------------------------------------ */

/**
 * Freezes (frozen != 0) or releases the instance's virtual clock. While
 * frozen, metrics only change through mtmlSimAdvanceClock. A running clock
 * follows the host's monotonic clock.
 */
MTML_API MtmlReturn mtmlSimSetClockFrozen(MtmlLibrary *lib, int frozen);
/** Moves the instance's virtual clock forward by milliseconds. */
MTML_API MtmlReturn mtmlSimAdvanceClock(MtmlLibrary *lib, unsigned long long milliseconds);
/** Writes the instance's virtual time, milliseconds since init. */
MTML_API MtmlReturn mtmlSimGetClock(MtmlLibrary *lib, unsigned long long *milliseconds);

/* ---- fault injection --------------------------------------------------- */

/** Matches any device in a fault rule. */
#define MTML_SIM_ANY_DEVICE (-1)

/**
 * Adds a fault rule to the instance: calls of function (an mtml* name, or
 * "*" for every function) on device deviceIndex (or MTML_SIM_ANY_DEVICE)
 * skip their first afterCalls matching calls, then the next `times`
 * matching calls (0 = every later call) first sleep stallMs milliseconds
 * and then return code (MTML_SUCCESS = stall only, then behave normally).
 * Writes the rule's id to *ruleId when ruleId is not NULL.
 */
MTML_API MtmlReturn mtmlSimInjectFault(MtmlLibrary *lib, const char *function, int deviceIndex,
                                       MtmlReturn code, unsigned int afterCalls, unsigned int times,
                                       unsigned int stallMs, unsigned int *ruleId);
/**
 * Adds a process-wide fault rule for a function that takes no handle, so
 * that no instance can scope it: mtmlLogSetConfiguration or
 * mtmlLogGetConfiguration (any other name, and "*", give
 * MTML_ERROR_INVALID_ARGUMENT). Same meaning of afterCalls, times and code
 * as mtmlSimInjectFault, without a stall. The rule affects every thread of
 * the process until mtmlSimClearGlobalFaults.
 */
MTML_API MtmlReturn mtmlSimInjectGlobalFault(const char *function, MtmlReturn code, unsigned int afterCalls,
                                             unsigned int times, unsigned int *ruleId);
/** Removes every process-wide fault rule. */
MTML_API MtmlReturn mtmlSimClearGlobalFaults(void);
/** Removes one fault rule. */
MTML_API MtmlReturn mtmlSimRemoveFault(MtmlLibrary *lib, unsigned int ruleId);
/** Removes every fault rule of the instance (including those from MTML_SIM_FAULTS). */
MTML_API MtmlReturn mtmlSimClearFaults(MtmlLibrary *lib);

/**
 * The device falls off the bus: from now on every call on it or on its
 * sub-handles returns MTML_ERROR_DRIVER_FAILURE; it stays in the count.
 */
MTML_API MtmlReturn mtmlSimDeviceFallOffBus(MtmlLibrary *lib, unsigned int deviceIndex);
/**
 * The device disappears: it leaves the device count and lookups, and its
 * handles return MTML_ERROR_NOT_FOUND. Indices of the remaining devices
 * close up in order.
 */
MTML_API MtmlReturn mtmlSimDeviceRemove(MtmlLibrary *lib, unsigned int deviceIndex);
/** Brings back every removed or fallen device in its original place. */
MTML_API MtmlReturn mtmlSimDeviceRestoreAll(MtmlLibrary *lib);

/** Ways the simulator can hand back hostile data to test a client's defences. */
typedef enum {
    MTML_SIM_HOSTILE_NONE = 0,
    MTML_SIM_HOSTILE_UNTERMINATED_STRING = 1, /* fills the whole buffer, no NUL */
    MTML_SIM_HOSTILE_INVALID_UTF8 = 2,        /* string contains bytes 0xFF 0xFE */
    MTML_SIM_HOSTILE_ENUM_OUT_OF_RANGE = 3,   /* enum outputs get 0x7FFF */
    MTML_SIM_HOSTILE_COUNT_INFLATED = 4       /* Count* reports 2 more than the Get fills; Get then returns INSUFFICIENT_SIZE or fills fewer */
} MtmlSimHostileMode;

/**
 * Turns a hostile-data mode on for function (an mtml* name, or "*" for
 * every function it applies to). MTML_SIM_HOSTILE_NONE turns it off.
 */
MTML_API MtmlReturn mtmlSimSetHostile(MtmlLibrary *lib, const char *function, MtmlSimHostileMode mode);

/* ---- bookkeeping -------------------------------------------------------- */

/** Writes how many times function was called on this instance ("*" = all calls). */
MTML_API MtmlReturn mtmlSimCallCount(MtmlLibrary *lib, const char *function, unsigned long long *count);

/** Kinds of handle the simulator hands out. */
typedef enum {
    MTML_SIM_HANDLE_SYSTEM = 0,
    MTML_SIM_HANDLE_DEVICE = 1,   /* physical devices, MPC instances and virtual devices */
    MTML_SIM_HANDLE_GPU = 2,
    MTML_SIM_HANDLE_MEMORY = 3,
    MTML_SIM_HANDLE_VPU = 4,
    MTML_SIM_HANDLE_KIND_COUNT = 5
} MtmlSimHandleKind;

/** Writes how many handles of kind were created and explicitly freed on this instance. */
MTML_API MtmlReturn mtmlSimHandleCounts(MtmlLibrary *lib, MtmlSimHandleKind kind,
                                        unsigned long long *created, unsigned long long *freed);

/** Kinds of misuse the simulator detects instead of crashing. */
typedef enum {
    MTML_SIM_MISUSE_USE_AFTER_SHUTDOWN = 0, /* handle of a library already shut down */
    MTML_SIM_MISUSE_STALE_HANDLE = 1,       /* freed handle, or one invalidated by reset/MPC change */
    MTML_SIM_MISUSE_DOUBLE_FREE = 2,
    MTML_SIM_MISUSE_FOREIGN_HANDLE = 3,     /* pointer that never was a handle */
    MTML_SIM_MISUSE_KIND_COUNT = 4
} MtmlSimMisuseKind;

/**
 * Writes how many misuses of kind were detected. With lib NULL, the
 * process-wide total (use-after-shutdown can only be counted there).
 */
MTML_API MtmlReturn mtmlSimMisuseCount(MtmlLibrary *lib, MtmlSimMisuseKind kind, unsigned long long *count);

/**
 * 1 if handle is a handle this copy of the simulator handed out (live or
 * not), else 0. Only compares addresses and counts no misuse, so a process
 * holding several copies (a linked one and loaded ones) can tell which copy
 * a handle belongs to.
 */
MTML_API int mtmlSimOwnsHandle(const void *handle);

/** Number of functions of mtml.h the simulator implements: all 116 (115 returning MtmlReturn, plus mtmlErrorString). */
MTML_API unsigned int mtmlSimFunctionCount(void);
/** Name of the index-th implemented function, or NULL past the end. */
MTML_API const char *mtmlSimFunctionName(unsigned int index);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MTML_SIM_H_ */
