/*
 * log.c: process-wide logging setup, log lines and error strings.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim_internal.h"

static pthread_mutex_t g_log_mu = PTHREAD_MUTEX_INITIALIZER;
static MtmlLogConfiguration g_log; /* all sinks off by default */

static const char *level_name(int level) {
    switch (level) {
    case MTML_LOG_LEVEL_FATAL: return "FATAL";
    case MTML_LOG_LEVEL_ERROR: return "ERROR";
    case MTML_LOG_LEVEL_WARNING: return "WARNING";
    default: return "INFO";
    }
}

void sim_log(int level, const char *fmt, ...) {
    pthread_mutex_lock(&g_log_mu);
    MtmlLogConfiguration cfg = g_log;
    pthread_mutex_unlock(&g_log_mu);
    int console = (int)cfg.consoleConfig.level >= level;
    int file = (int)cfg.fileConfig.level >= level && cfg.fileConfig.file[0] != '\0';
    int cb = (int)cfg.callbackConfig.level >= level && cfg.callbackConfig.callback != NULL;
    if (!console && !file && !cb)
        return;
    char line[512];
    int n = snprintf(line, sizeof line, "[mtml-sim] [%s] ", level_name(level));
    if (n < 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (console) {
        fputs(line, stdout);
        fputc('\n', stdout);
        fflush(stdout);
    }
    if (file) {
        cfg.fileConfig.file[sizeof cfg.fileConfig.file - 1] = '\0';
        FILE *f = fopen(cfg.fileConfig.file, "a");
        if (f) {
            fprintf(f, "%s\n", line);
            fclose(f);
        }
    }
    if (cb)
        cfg.callbackConfig.callback(line, (unsigned int)strlen(line));
}

static int level_ok(MtmlLogLevel l) {
    return (int)l >= MTML_LOG_LEVEL_OFF && (int)l <= MTML_LOG_LEVEL_INFO;
}

MtmlReturn MTML_API mtmlLogSetConfiguration(const MtmlLogConfiguration *configuration) {
    sim_global_count_call(FN_mtmlLogSetConfiguration);
    MtmlReturn injected = sim_apply_global_faults(FN_mtmlLogSetConfiguration);
    if (injected != MTML_SUCCESS)
        return injected;
    if (!configuration)
        return MTML_ERROR_INVALID_ARGUMENT;
    MtmlLogConfiguration c = *configuration;
    if (!level_ok(c.consoleConfig.level) || !level_ok(c.systemConfig.level) || !level_ok(c.fileConfig.level) ||
        !level_ok(c.callbackConfig.level))
        return MTML_ERROR_INVALID_ARGUMENT;
    if (memchr(c.fileConfig.file, '\0', sizeof c.fileConfig.file) == NULL)
        return MTML_ERROR_INVALID_ARGUMENT;
    if (c.fileConfig.level != MTML_LOG_LEVEL_OFF && c.fileConfig.file[0] != '\0') {
        FILE *f = fopen(c.fileConfig.file, "a");
        if (!f)
            return MTML_ERROR_NOT_SUPPORTED;
        fclose(f);
    }
    pthread_mutex_lock(&g_log_mu);
    g_log = c;
    pthread_mutex_unlock(&g_log_mu);
    return MTML_SUCCESS;
}

MtmlReturn MTML_API mtmlLogGetConfiguration(MtmlLogConfiguration *configuration) {
    sim_global_count_call(FN_mtmlLogGetConfiguration);
    MtmlReturn injected = sim_apply_global_faults(FN_mtmlLogGetConfiguration);
    if (injected != MTML_SUCCESS)
        return injected;
    if (!configuration)
        return MTML_ERROR_INVALID_ARGUMENT;
    pthread_mutex_lock(&g_log_mu);
    *configuration = g_log;
    pthread_mutex_unlock(&g_log_mu);
    return MTML_SUCCESS;
}

const char *sim_return_name(MtmlReturn rc) {
    switch (rc) {
    case MTML_SUCCESS: return "MTML_SUCCESS";
    case MTML_ERROR_DRIVER_NOT_LOADED: return "MTML_ERROR_DRIVER_NOT_LOADED";
    case MTML_ERROR_DRIVER_FAILURE: return "MTML_ERROR_DRIVER_FAILURE";
    case MTML_ERROR_INVALID_ARGUMENT: return "MTML_ERROR_INVALID_ARGUMENT";
    case MTML_ERROR_NOT_SUPPORTED: return "MTML_ERROR_NOT_SUPPORTED";
    case MTML_ERROR_NO_PERMISSION: return "MTML_ERROR_NO_PERMISSION";
    case MTML_ERROR_INSUFFICIENT_SIZE: return "MTML_ERROR_INSUFFICIENT_SIZE";
    case MTML_ERROR_NOT_FOUND: return "MTML_ERROR_NOT_FOUND";
    case MTML_ERROR_INSUFFICIENT_MEMORY: return "MTML_ERROR_INSUFFICIENT_MEMORY";
    case MTML_ERROR_DRIVER_TOO_OLD: return "MTML_ERROR_DRIVER_TOO_OLD";
    case MTML_ERROR_DRIVER_TOO_NEW: return "MTML_ERROR_DRIVER_TOO_NEW";
    case MTML_ERROR_TIMEOUT: return "MTML_ERROR_TIMEOUT";
    case MTML_ERROR_RESOURCE_IS_BUSY: return "MTML_ERROR_RESOURCE_IS_BUSY";
    case MTML_ERROR_UNKNOWN: return "MTML_ERROR_UNKNOWN";
    default: return "MTML_ERROR_?";
    }
}

const MTML_API char *mtmlErrorString(MtmlReturn result) {
    sim_global_count_call(FN_mtmlErrorString);
    switch (result) {
    case MTML_SUCCESS: return "success";
    case MTML_ERROR_DRIVER_NOT_LOADED: return "the Moore Threads kernel driver is not loaded";
    case MTML_ERROR_DRIVER_FAILURE: return "the kernel driver reported a failure";
    case MTML_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case MTML_ERROR_NOT_SUPPORTED: return "not supported by this device or build";
    case MTML_ERROR_NO_PERMISSION: return "permission denied";
    case MTML_ERROR_INSUFFICIENT_SIZE: return "buffer or count too small";
    case MTML_ERROR_NOT_FOUND: return "no matching object found";
    case MTML_ERROR_INSUFFICIENT_MEMORY: return "out of host memory";
    case MTML_ERROR_DRIVER_TOO_OLD: return "the kernel driver is too old for this library";
    case MTML_ERROR_DRIVER_TOO_NEW: return "the kernel driver is too new for this library";
    case MTML_ERROR_TIMEOUT: return "the operation timed out";
    case MTML_ERROR_RESOURCE_IS_BUSY: return "the resource is busy";
    case MTML_ERROR_UNKNOWN: return "unknown error";
    default: return "unrecognised error code";
    }
}
