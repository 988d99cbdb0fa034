/*
 * sim_config.h: pieces shared by the config parser's source files.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#ifndef SIM_CONFIG_H_
#define SIM_CONFIG_H_

#include "sim_internal.h"

/** Opaque parser state (config.c). */
typedef void *parser_ref;

/** Formats the error "<source>:<line>: <message>"; always returns -1. */
SIM_HIDDEN int sim_cfg_fail(parser_ref p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
SIM_HIDDEN sim_machine *sim_cfg_machine(parser_ref p);

/* Value parsers: 0 on success, else the error is recorded and -1 returned. */
SIM_HIDDEN int sim_cfg_uint(parser_ref p, const char *key, const char *val, unsigned long long *out,
                            unsigned long long max);
SIM_HIDDEN int sim_cfg_int(parser_ref p, const char *key, const char *val, long long *out, long long min,
                           long long max);
SIM_HIDDEN int sim_cfg_float(parser_ref p, const char *key, const char *val, float *out);
SIM_HIDDEN int sim_cfg_bool(parser_ref p, const char *key, const char *val, int *out);
SIM_HIDDEN int sim_cfg_size(parser_ref p, const char *key, const char *val, unsigned long long *out);
SIM_HIDDEN int sim_cfg_string(parser_ref p, const char *key, const char *val, char *dst, size_t n);
SIM_HIDDEN int sim_cfg_keyword(parser_ref p, const char *key, const char *val, const char *const *names,
                               int *out);
/** Splits s at sep (at most max fields) in place; returns the field count or -1 if more. */
SIM_HIDDEN int sim_cfg_split(char *s, char sep, char **fields, int max);
/** Trims blanks at both ends, in place. */
SIM_HIDDEN char *sim_trim(char *s);

/** Loads preset name into d; -1 if unknown. */
SIM_HIDDEN int sim_preset_apply(sim_device_cfg *d, const char *name);
/** Whether a [device] key may be given several times. */
SIM_HIDDEN int sim_device_key_repeatable(const char *key);
/** Applies one [device] key. */
SIM_HIDDEN int sim_device_key(parser_ref p, sim_device_cfg *d, int index, const char *key, const char *val);
/** Applies one [fault] key to f. */
SIM_HIDDEN int sim_cfg_fault_key(parser_ref p, sim_fault *f, const char *key, const char *val, int *has_fn);
/** Derives defaults and checks cross-key rules after parsing. */
SIM_HIDDEN int sim_config_finalize(parser_ref p, sim_machine *m);

#endif /* SIM_CONFIG_H_ */
