/*
 * conformance.h: state and checks shared by the parts of the conformance
 * program.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 */

#ifndef CONFORMANCE_H_
#define CONFORMANCE_H_

#include "check.h"

#define MAX_DEVICES 64
#define MAX_ITEMS 64

/* The library under test and its physical devices, by index. */
extern MtmlLibrary *g_lib;
extern MtmlDevice *g_dev[MAX_DEVICES];
extern unsigned g_count;

/* Simulator control functions, looked up at run time (NULL on hardware). */
typedef const char *(*sim_default_config_fn)(void);
typedef MtmlReturn (*sim_misuse_count_fn)(MtmlLibrary *, int, unsigned long long *);
typedef MtmlReturn (*sim_handle_counts_fn)(MtmlLibrary *, int, unsigned long long *, unsigned long long *);
typedef MtmlReturn (*sim_call_count_fn)(MtmlLibrary *, const char *, unsigned long long *);
extern sim_default_config_fn sim_default_config;
extern sim_misuse_count_fn sim_misuse_count;
extern sim_handle_counts_fn sim_handle_counts;
extern sim_call_count_fn sim_call_count;

/** Index of a physical device, or -1 when it has none. */
int device_index(const MtmlDevice *dev);

/* ---- strings.c ---- */

/** Every string getter of mtml.h, adapted to one shape. */
typedef MtmlReturn (*string_getter)(const void *object, char *buffer, unsigned length);
MtmlReturn get_library_version(const void *object, char *buffer, unsigned length);
MtmlReturn get_driver_version(const void *object, char *buffer, unsigned length);
MtmlReturn get_uuid(const void *object, char *buffer, unsigned length);
MtmlReturn get_name(const void *object, char *buffer, unsigned length);
MtmlReturn get_gpu_path(const void *object, char *buffer, unsigned length);
MtmlReturn get_primary_path(const void *object, char *buffer, unsigned length);
MtmlReturn get_render_path(const void *object, char *buffer, unsigned length);
MtmlReturn get_vbios_version(const void *object, char *buffer, unsigned length);
MtmlReturn get_mtbios_version(const void *object, char *buffer, unsigned length);
MtmlReturn get_phy_device_uuid(const void *object, char *buffer, unsigned length);
MtmlReturn get_serial_number(const void *object, char *buffer, unsigned length);
MtmlReturn get_memory_vendor(const void *object, char *buffer, unsigned length);

/**
 * Checks one string getter: NULL buffer, a buffer of `size` bytes, an exact
 * fit, one byte short and a zero length. Copies the value into out (size
 * bytes). Returns 1 when a value was read.
 */
int check_string(const char *what, string_getter get, const void *object, unsigned size, char *out);

/* ---- the parts, in the order main runs them ---- */

void check_library(void);                                      /* library.c */
void check_identity(unsigned i, const MtmlDevice *dev);        /* device.c */
void check_fans_and_displays(const char *tag, const MtmlDevice *dev);
void check_affinity(const char *tag, const MtmlDevice *dev);
void check_gpu(const char *tag, const MtmlDevice *dev);        /* units.c */
void check_memory(const char *tag, const MtmlDevice *dev);
void check_vpu(const char *tag, const MtmlDevice *dev);
void check_virt(const char *tag, const MtmlDevice *dev, const char *own_uuid); /* partitions.c */
void check_mpc(const char *tag, const MtmlDevice *dev, int index);
void check_mtlink_device(unsigned i);                          /* fabric.c */
void check_topology(void);
void check_log_and_errors(void);                               /* library.c */
void check_mutations(void);                                    /* mutations.c */
void check_frees(void);
void check_shutdown(void);                                     /* library.c */

#endif /* CONFORMANCE_H_ */
