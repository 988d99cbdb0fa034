/*
 * sim_internal.h: shared internals of the simulated libmtml.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * Layout of the simulator:
 *   - the machine description (sim_machine) is what a config file parses
 *     into; every answer of the API derives from it plus the runtime state
 *     of the instance (clock, MPC mode, ECC mode, removed devices, ...);
 *   - handles are slots of one process-global arena that is never unmapped
 *     (arena.c), so any pointer a client passes back can be checked without
 *     touching freed memory;
 *   - every mtml* entry point starts with SIM_ENTER and ends with SIM_RETURN
 *     (arena.c): handle check, call counting, fault rules, removed/fallen
 *     devices and locking all happen there.
 */

#ifndef SIM_INTERNAL_H_
#define SIM_INTERNAL_H_

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "mtml.h"
#include "mtml_sim.h"

/* Internal symbols are hidden from the shared library's export table. */
#define SIM_HIDDEN __attribute__((visibility("hidden")))

/* ---- limits -------------------------------------------------------------- */

#define SIM_MAX_DEVICES 64
#define SIM_MAX_PORTS 16
#define SIM_MAX_FANS 8
#define SIM_MAX_DISPLAYS 8
#define SIM_MAX_SESSIONS 64
#define SIM_MAX_PAGES 64
#define SIM_MAX_MPC 16
#define SIM_MAX_VTYPES 16
#define SIM_MAX_VDEVS 32
#define SIM_MAX_FAULTS 256
#define SIM_MAX_HOSTILE 128
#define SIM_MAX_PATHS 256
#define SIM_MAX_LINE 1024
#define SIM_MAX_CONFIG_BYTES (1024u * 1024u)
#define SIM_ERR_LEN 320
#define SIM_MAX_STALL_MS 60000u

/* ---- function table ------------------------------------------------------ */

/* Every function of mtml.h, in header order. */
#define SIM_FUNCTIONS(X)                                                                           \
    X(mtmlLibraryInit) X(mtmlLibraryShutDown) X(mtmlLibraryGetVersion) X(mtmlLibraryInitSystem)    \
    X(mtmlLibraryFreeSystem) X(mtmlLibraryCountDevice) X(mtmlLibraryInitDeviceByIndex)             \
    X(mtmlLibraryInitDeviceByUuid) X(mtmlLibraryInitDeviceByPciSbdf)                               \
    X(mtmlLibrarySetMpcConfigurationInBatch) X(mtmlLibraryFreeDevice) X(mtmlSystemGetDriverVersion) \
    X(mtmlDeviceInitGpu) X(mtmlDeviceFreeGpu) X(mtmlDeviceInitMemory) X(mtmlDeviceFreeMemory)      \
    X(mtmlDeviceInitVpu) X(mtmlDeviceFreeVpu) X(mtmlDeviceGetIndex) X(mtmlDeviceGetUUID)           \
    X(mtmlDeviceGetBrand) X(mtmlDeviceGetName) X(mtmlDeviceGetPciInfo) X(mtmlDeviceGetPowerUsage)  \
    X(mtmlDeviceGetGpuPath) X(mtmlDeviceGetPrimaryPath) X(mtmlDeviceGetRenderPath)                 \
    X(mtmlDeviceGetVbiosVersion) X(mtmlDeviceGetMtBiosVersion) X(mtmlDeviceGetProperty)            \
    X(mtmlDeviceCountFan) X(mtmlDeviceGetFanSpeed) X(mtmlDeviceGetFanRpm)                          \
    X(mtmlDeviceGetPcieSlotInfo) X(mtmlDeviceCountDisplayInterface)                                \
    X(mtmlDeviceGetDisplayInterfaceSpec) X(mtmlDeviceGetSerialNumber) X(mtmlDeviceCountGpuCores)   \
    X(mtmlDeviceCountSupportedVirtTypes) X(mtmlDeviceGetSupportedVirtTypes)                        \
    X(mtmlDeviceCountAvailVirtTypes) X(mtmlDeviceGetAvailVirtTypes)                                \
    X(mtmlDeviceCountAvailVirtDevices) X(mtmlDeviceCountActiveVirtDevices)                         \
    X(mtmlDeviceGetActiveVirtDeviceUuids) X(mtmlDeviceCountMaxVirtDevices)                         \
    X(mtmlDeviceInitVirtDevice) X(mtmlDeviceFreeVirtDevice) X(mtmlDeviceGetVirtType)               \
    X(mtmlDeviceGetPhyDeviceUuid) X(mtmlDeviceGetTopologyLevel)                                    \
    X(mtmlDeviceCountDeviceByTopologyLevel) X(mtmlDeviceGetDeviceByTopologyLevel)                  \
    X(mtmlDeviceGetP2PStatus) X(mtmlGpuGetUtilization) X(mtmlGpuGetTemperature) X(mtmlGpuGetClock) \
    X(mtmlGpuGetMaxClock) X(mtmlGpuGetEngineUtilization) X(mtmlMemoryGetTotal)                     \
    X(mtmlMemoryGetUsed) X(mtmlMemoryGetUsedSystem) X(mtmlMemoryGetUtilization)                    \
    X(mtmlMemoryGetClock) X(mtmlMemoryGetMaxClock) X(mtmlMemoryGetBusWidth)                        \
    X(mtmlMemoryGetBandwidth) X(mtmlMemoryGetSpeed) X(mtmlMemoryGetVendor) X(mtmlMemoryGetType)    \
    X(mtmlVpuGetUtilization) X(mtmlVpuGetClock) X(mtmlVpuGetMaxClock) X(mtmlVpuGetCodecCapacity)   \
    X(mtmlVpuGetEncoderSessionStates) X(mtmlVpuGetEncoderSessionMetrics)                           \
    X(mtmlVpuGetDecoderSessionStates) X(mtmlVpuGetDecoderSessionMetrics)                           \
    X(mtmlLogSetConfiguration) X(mtmlLogGetConfiguration) X(mtmlErrorString)                       \
    X(mtmlDeviceSetMpcMode) X(mtmlDeviceGetMpcMode) X(mtmlDeviceCountSupportedMpcProfiles)         \
    X(mtmlDeviceGetSupportedMpcProfiles) X(mtmlDeviceCountSupportedMpcConfigurations)              \
    X(mtmlDeviceGetSupportedMpcConfigurations) X(mtmlDeviceGetMpcConfiguration)                    \
    X(mtmlDeviceGetMpcConfigurationByName) X(mtmlDeviceSetMpcConfiguration)                        \
    X(mtmlDeviceCountMpcInstancesByProfileId) X(mtmlDeviceGetMpcInstancesByProfileId)              \
    X(mtmlDeviceCountMpcInstances) X(mtmlDeviceGetMpcInstances) X(mtmlDeviceGetMpcInstanceByIndex) \
    X(mtmlDeviceGetMpcParentDevice) X(mtmlDeviceGetMpcProfileInfo) X(mtmlDeviceGetMpcInstanceIndex) \
    X(mtmlDeviceGetMtLinkSpec) X(mtmlDeviceGetMtLinkState) X(mtmlDeviceGetMtLinkCapStatus)         \
    X(mtmlDeviceGetMtLinkRemoteDevice) X(mtmlDeviceCountMtLinkShortestPaths)                       \
    X(mtmlDeviceGetMtLinkShortestPaths) X(mtmlDeviceCountMtLinkLayouts)                            \
    X(mtmlDeviceGetMtLinkLayouts) X(mtmlDeviceGetMemoryAffinityWithinNode)                         \
    X(mtmlDeviceGetCpuAffinityWithinNode) X(mtmlDeviceReset) X(mtmlMemorySetEccMode)               \
    X(mtmlMemoryGetEccMode) X(mtmlMemoryGetRetiredPagesCount) X(mtmlMemoryGetRetiredPages)         \
    X(mtmlMemoryGetRetiredPagesPendingStatus) X(mtmlMemoryGetEccErrorCounter)                      \
    X(mtmlMemoryClearEccErrorCounts)

#define SIM_FN_ENUM(name) FN_##name,
typedef enum { SIM_FUNCTIONS(SIM_FN_ENUM) FN_COUNT } sim_fn;
#undef SIM_FN_ENUM

/** Name of function fn, or NULL. */
SIM_HIDDEN const char *sim_fn_name(int fn);
/** Index of the function called name (bounded read), -1 if unknown. */
SIM_HIDDEN int sim_fn_lookup(const char *name);

/* ---- machine description -------------------------------------------------- */

typedef struct {
    int type; /* MtmlDispIntfType */
    unsigned int width, height;
    float refresh_hz;
} sim_display;

typedef struct {
    int active;
    unsigned int pid, width, height, fps, bitrate;
    int codec; /* MtmlCodecType */
} sim_session;

typedef struct {
    int cause; /* MtmlPageRetirementCause */
    unsigned long long address, timestamp;
    int pending;
} sim_page;

typedef struct {
    unsigned int id;
    char name[MTML_MPC_PROFILE_NAME_BUFFER_SIZE];
    unsigned int cores;
    unsigned long long memory_mib;
} sim_mpc_profile;

typedef struct {
    unsigned int id;
    char name[MTML_MPC_CONF_NAME_BUFFER_SIZE];
    int nprofiles;
    unsigned int profile[MTML_MPC_CONF_MAX_PROF_NUM];
} sim_mpc_config;

typedef struct {
    char uuid[MTML_DEVICE_UUID_BUFFER_SIZE];
    int type; /* index into vtypes */
} sim_vdev;

enum { SIM_ECC_UNSUPPORTED = -1, SIM_ECC_OFF = 0, SIM_ECC_ON = 1 };

/* Keys a preset cannot fill because they depend on the device index. */
enum {
    SIM_SET_UUID = 1u << 0,
    SIM_SET_SERIAL = 1u << 1,
    SIM_SET_SBDF = 1u << 2,
    SIM_SET_SLOT_ID = 1u << 3,
    SIM_SET_SLOT_NAME = 1u << 4,
    SIM_SET_GPU_PATH = 1u << 5,
    SIM_SET_PRIMARY_PATH = 1u << 6,
    SIM_SET_RENDER_PATH = 1u << 7,
    SIM_SET_ECC_PENDING = 1u << 8,
    SIM_SET_ACTIVE_CONFIG = 1u << 9,
    /* live metrics pinned to a fixed value (the pin_* fields) */
    SIM_PIN_GPU_UTIL = 1u << 10,
    SIM_PIN_ENGINE_UTIL = 1u << 11, /* one bit per engine, MTML_GPU_ENGINE_MAX of them */
    SIM_PIN_GPU_CLOCK = 1u << 15,
    SIM_PIN_MEM_USED = 1u << 16,
    SIM_PIN_MEM_UTIL = 1u << 17,
    SIM_PIN_MEM_CLOCK = 1u << 18,
    SIM_PIN_VPU_UTIL = 1u << 19,
    SIM_PIN_ENC_UTIL = 1u << 20,
    SIM_PIN_DEC_UTIL = 1u << 21,
    SIM_PIN_VPU_CLOCK = 1u << 22
};

/** One physical device as described by the config. */
typedef struct {
    int line; /* config line of its [device] header */
    unsigned int set_mask;
    char name[MTML_DEVICE_NAME_BUFFER_SIZE];
    char uuid[MTML_DEVICE_UUID_BUFFER_SIZE];
    char serial[MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE];
    char mtbios[MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE];
    char sbdf[MTML_DEVICE_PCI_SBDF_BUFFER_SIZE];
    char slot_name[MTML_DEVICE_SLOT_NAME_BUFFER_SIZE];
    char gpu_path[MTML_DEVICE_PATH_BUFFER_SIZE];
    char primary_path[MTML_DEVICE_PATH_BUFFER_SIZE];
    char render_path[MTML_DEVICE_PATH_BUFFER_SIZE];
    char mem_vendor[MTML_MEMORY_VENDOR_BUFFER_SIZE];
    int brand;
    unsigned int seg, bus, dev, fn;
    unsigned int pci_device_id, pci_subsystem_id;
    unsigned int pcie_max_gen, pcie_cur_gen, pcie_max_width, pcie_cur_width;
    float pcie_max_speed, pcie_cur_speed;
    unsigned int slot_id;
    int numa_node, host_bridge, pswitch, board, p2p;
    unsigned int gpu_cores, gpu_clock_idle, gpu_clock_max;
    unsigned int power_idle_mw, power_max_mw;
    int temp_idle, temp_max;
    unsigned int load;
    unsigned int fans, fan_max_rpm;
    int ndisplays;
    sim_display displays[SIM_MAX_DISPLAYS];
    unsigned long long mem_total, mem_system;
    int mem_type;
    unsigned int mem_bus_width, mem_bandwidth, mem_speed, mem_clock_idle, mem_clock_max;
    int ecc, ecc_pending;
    unsigned long long ecc_vol[2], ecc_agg[2]; /* [corrected, uncorrected] */
    unsigned int ecc_per_hour;
    int npages;
    sim_page pages[SIM_MAX_PAGES];
    unsigned int vpu_clock_idle, vpu_clock_max, enc_cap, dec_cap;
    sim_session enc[SIM_MAX_SESSIONS], dec[SIM_MAX_SESSIONS];
    unsigned int mtlink_ports, mtlink_version, mtlink_bw;
    int mpc_supported, mpc_mode;
    int nprofiles, nconfigs, active_config; /* active_config: index, -1 none */
    sim_mpc_profile profiles[SIM_MAX_MPC];
    sim_mpc_config configs[SIM_MAX_MPC];
    /* mpc_instance_uuid: fixed UUID of each instance slot; "" derives one */
    char mpc_uuid[MTML_MPC_CONF_MAX_PROF_NUM][MTML_DEVICE_UUID_BUFFER_SIZE];
    int virt_supported, virt_role;
    int nvtypes, nvdevs;
    MtmlVirtType vtypes[SIM_MAX_VTYPES];
    sim_vdev vdevs[SIM_MAX_VDEVS];
    unsigned int vpu_period_us; /* sampling window reported with the codec load */
    /*
     * Pinned live metrics (valid when their SIM_PIN_* bit is set; fans when
     * npin_fan_* > 0, one value for every fan or one per fan).
     */
    unsigned int pin_gpu_util, pin_engine_util[MTML_GPU_ENGINE_MAX], pin_gpu_clock;
    unsigned long long pin_mem_used;
    unsigned int pin_mem_util, pin_mem_clock;
    unsigned int pin_vpu_util, pin_enc_util, pin_dec_util, pin_vpu_clock;
    int npin_fan_speed, npin_fan_rpm;
    unsigned int pin_fan_speed[SIM_MAX_FANS], pin_fan_rpm[SIM_MAX_FANS];
} sim_device_cfg;

typedef struct {
    unsigned int id;
    int fn;     /* -1: every function */
    int device; /* config index, -1: any */
    MtmlReturn code;
    unsigned int after, times, stall_ms;
    unsigned long long seen, fired;
} sim_fault;

typedef struct {
    int fn; /* -1: every function */
    int mode;
} sim_hostile_rule;

/** A whole simulated machine: the parsed config. */
typedef struct {
    char driver_version[MTML_DRIVER_VERSION_BUFFER_SIZE];
    char library_version[MTML_LIBRARY_VERSION_BUFFER_SIZE];
    unsigned long long seed;
    int clock_frozen;
    unsigned int cpus, numa_nodes;
    int ndev;
    sim_device_cfg *dev; /* ndev entries, malloc'd */
    signed char port_state[SIM_MAX_DEVICES][SIM_MAX_PORTS]; /* -1: default */
    signed char port_caps[SIM_MAX_DEVICES][SIM_MAX_PORTS];  /* -1: default; bit0 p2p, bit1 atomics */
    short peer_dev[SIM_MAX_DEVICES][SIM_MAX_PORTS];         /* -1: no cable */
    short peer_port[SIM_MAX_DEVICES][SIM_MAX_PORTS];
    signed char topo[SIM_MAX_DEVICES][SIM_MAX_DEVICES]; /* -1: derived */
    signed char p2p[SIM_MAX_DEVICES][SIM_MAX_DEVICES];  /* -1: derived */
    int nfaults;
    sim_fault faults[SIM_MAX_FAULTS];
    int nhostile;
    sim_hostile_rule hostile[SIM_MAX_HOSTILE];
} sim_machine;

/** Parses text into *m (which it initialises). 0 on success; else -1 and err. */
SIM_HIDDEN int sim_config_parse(const char *text, size_t len, const char *source, sim_machine *m,
                                char *err, size_t errlen);
/** Parses MTML_SIM_FAULTS syntax and appends the rules to m. */
SIM_HIDDEN int sim_config_parse_fault_list(const char *text, sim_machine *m, char *err, size_t errlen);
/** Releases what sim_config_parse allocated. */
SIM_HIDDEN void sim_machine_free(sim_machine *m);
/** Built-in default system text. */
SIM_HIDDEN extern const char sim_default_config_text[];
/** Parses an MtmlReturn name or number; 0 on success. */
SIM_HIDDEN int sim_parse_return_code(const char *s, MtmlReturn *out);

/* ---- handles and instances ------------------------------------------------ */

enum { SIM_KIND_LIBRARY = 100 }; /* the other kinds are MtmlSimHandleKind values */
enum { SIM_DEV_PHYS = 0, SIM_DEV_MPC = 1, SIM_DEV_VIRT = 2 };
enum { SIM_SLOT_FREE = 0, SIM_SLOT_LIVE, SIM_SLOT_FREED, SIM_SLOT_INVALID, SIM_SLOT_RETIRED };
enum { SIM_UNIT_GPU = 0, SIM_UNIT_MEMORY = 1, SIM_UNIT_VPU = 2 };

/** One handle. Clients see its address; it is never unmapped. */
typedef struct {
    uint32_t magic;
    int32_t kind;  /* MtmlSimHandleKind or SIM_KIND_LIBRARY */
    int32_t state; /* SIM_SLOT_* */
    uint32_t gen;
    uint64_t inst_id;
    int32_t dkind; /* SIM_DEV_* of the device (for sub-handles: of their device) */
    int32_t phys;  /* physical device index in the config */
    int32_t sub;   /* MPC instance or virtual device index */
    int32_t pad;
} sim_slot;

/** A library instance: one simulated machine and its runtime state. */
typedef struct sim_instance {
    uint64_t id;
    pthread_mutex_t mu; /* recursive */
    int refs, dead;     /* guarded by the arena lock */
    uint32_t lib_slot;
    sim_machine m;
    /* clock */
    unsigned long long clock_base_ms;
    unsigned long long run_start_ns;
    int frozen;
    /* runtime device state */
    int fallen[SIM_MAX_DEVICES], removed[SIM_MAX_DEVICES];
    int mpc_mode[SIM_MAX_DEVICES], active_config[SIM_MAX_DEVICES];
    int ecc_cur[SIM_MAX_DEVICES], ecc_pending[SIM_MAX_DEVICES];
    unsigned long long ecc_vol_base[SIM_MAX_DEVICES][2], ecc_agg_base[SIM_MAX_DEVICES][2];
    unsigned long long ecc_vol_mark[SIM_MAX_DEVICES], ecc_agg_mark[SIM_MAX_DEVICES];
    int pages_committed[SIM_MAX_DEVICES];
    /* handle caches: arena slot indices, 0 = none */
    uint32_t sys_slot;
    uint32_t dev_slot[SIM_MAX_DEVICES];
    uint32_t unit_slot[SIM_MAX_DEVICES][3];
    uint32_t mpc_slot[SIM_MAX_DEVICES][MTML_MPC_CONF_MAX_PROF_NUM];
    uint32_t mpc_unit_slot[SIM_MAX_DEVICES][MTML_MPC_CONF_MAX_PROF_NUM][3];
    uint32_t vdev_slot[SIM_MAX_DEVICES][SIM_MAX_VDEVS];
    uint32_t vdev_unit_slot[SIM_MAX_DEVICES][SIM_MAX_VDEVS][3];
    /* slots owned by this instance (released at shutdown) */
    uint32_t *owned;
    size_t nowned, capowned;
    /* bookkeeping */
    unsigned long long calls[FN_COUNT], calls_total;
    unsigned long long created[MTML_SIM_HANDLE_KIND_COUNT], freed[MTML_SIM_HANDLE_KIND_COUNT];
    unsigned long long misuse[MTML_SIM_MISUSE_KIND_COUNT];
    unsigned int next_fault_id;
} sim_instance;

/** State of one API call between SIM_ENTER and SIM_RETURN. */
typedef struct {
    int fn;
    sim_instance *inst;
    sim_slot h; /* copy of the validated handle */
    uint32_t idx;
} sim_call;

/** Starts a call: validates handle of kind (free: a Free* function). */
SIM_HIDDEN MtmlReturn sim_enter(sim_call *c, int fn, const void *handle, int kind, int is_free);
/** Ends a call: unlocks, drops the instance reference, returns rc. */
SIM_HIDDEN MtmlReturn sim_leave(sim_call *c, MtmlReturn rc);
/** Enters a library-handle call on a known instance (control API). */
SIM_HIDDEN MtmlReturn sim_enter_control(sim_call *c, const void *lib);

#define SIM_ENTER(fn, handle, kind)                                                                \
    sim_call call_;                                                                                \
    do {                                                                                           \
        MtmlReturn enter_rc_ = sim_enter(&call_, FN_##fn, (handle), (kind), 0);                    \
        if (enter_rc_ != MTML_SUCCESS)                                                             \
            return sim_leave(&call_, enter_rc_);                                                   \
    } while (0)
#define SIM_ENTER_FREE(fn, handle, kind)                                                           \
    sim_call call_;                                                                                \
    do {                                                                                           \
        MtmlReturn enter_rc_ = sim_enter(&call_, FN_##fn, (handle), (kind), 1);                    \
        if (enter_rc_ != MTML_SUCCESS)                                                             \
            return sim_leave(&call_, enter_rc_);                                                   \
    } while (0)
#define SIM_RETURN(rc) return sim_leave(&call_, (rc))
#define SIM_CHECK(cond, rc)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            SIM_RETURN(rc);                                                                        \
    } while (0)
#define SIM_TRY(expr)                                                                              \
    do {                                                                                           \
        MtmlReturn try_rc_ = (expr);                                                               \
        if (try_rc_ != MTML_SUCCESS)                                                               \
            SIM_RETURN(try_rc_);                                                                   \
    } while (0)

/** Resolves a second device handle of the same instance into *out. */
SIM_HIDDEN MtmlReturn sim_resolve_device(sim_call *c, const MtmlDevice *dev, sim_slot *out);
/** Returns (creating and caching if needed) the handle of a device or unit. */
SIM_HIDDEN MtmlReturn sim_get_handle(sim_call *c, int kind, int dkind, int phys, int sub, void **out);
/** Marks a handle freed by the client (Free* functions). */
SIM_HIDDEN MtmlReturn sim_free_handle(sim_call *c);
/** Invalidates every handle of the instance matching the filter. */
SIM_HIDDEN void sim_invalidate(sim_instance *inst, int phys, int mpc_only, int units_only);
/** Creates the instance and its library handle (mtmlLibraryInit). */
SIM_HIDDEN MtmlReturn sim_instance_create(sim_machine *m, MtmlLibrary **lib, sim_instance **out);
/** Retires the instance (mtmlLibraryShutDown), called inside a call on it. */
SIM_HIDDEN void sim_instance_retire(sim_call *c);
/** Counts a misuse on inst (may be NULL) and process-wide. */
SIM_HIDDEN void sim_count_misuse(sim_instance *inst, int kind);
/** Process-wide counters. */
SIM_HIDDEN unsigned long long sim_global_misuse(int kind);
/* 1 if p lies in this simulator's handle arena (any state); compares addresses only. */
SIM_HIDDEN int sim_owns_pointer(const void *p);
SIM_HIDDEN unsigned long long sim_global_calls(int fn);
SIM_HIDDEN void sim_global_count_call(int fn);

/* ---- helpers on the current device ---------------------------------------- */

/** Config of the physical device behind the call's handle. */
SIM_HIDDEN sim_device_cfg *sim_cfg(const sim_call *c);
SIM_HIDDEN sim_device_cfg *sim_cfg_of(const sim_instance *inst, int phys);
/** Position of phys among present devices, -1 if removed. */
SIM_HIDDEN int sim_visible_index(const sim_instance *inst, int phys);
/** Physical index of present device number vis, -1 if none. */
SIM_HIDDEN int sim_phys_of_visible(const sim_instance *inst, unsigned int vis);
/** Number of present devices. */
SIM_HIDDEN unsigned int sim_visible_count(const sim_instance *inst);
/** Number of MPC instances of phys now (0 when MPC is off). */
SIM_HIDDEN int sim_mpc_instance_count(const sim_instance *inst, int phys);
/** Profile of MPC instance sub of phys, NULL if none. */
SIM_HIDDEN const sim_mpc_profile *sim_mpc_instance_profile(const sim_instance *inst, int phys, int sub);
SIM_HIDDEN const sim_mpc_profile *sim_mpc_find_profile(const sim_device_cfg *d, unsigned int id);
/** UUID of an MPC instance. */
SIM_HIDDEN void sim_mpc_instance_uuid(const sim_instance *inst, int phys, int sub, char *out, size_t n);

/* ---- model: clock and metrics --------------------------------------------- */

SIM_HIDDEN unsigned long long sim_mono_ns(void);
SIM_HIDDEN unsigned long long sim_now_ms(const sim_instance *inst);
SIM_HIDDEN uint64_t sim_hash(uint64_t a, uint64_t b, uint64_t c, uint64_t d);
SIM_HIDDEN void sim_format_uuid(uint64_t h, char *out, size_t n);

enum {
    SIM_M_GPU = 1, SIM_M_TEMP, SIM_M_POWER, SIM_M_MEM, SIM_M_MEMUTIL, SIM_M_ENGINE,
    SIM_M_FAN = SIM_M_ENGINE + 8, SIM_M_VPU = SIM_M_FAN + 16
};

/** Unit id for metric curves: distinct for physical devices, MPC instances and virtual devices. */
SIM_HIDDEN unsigned int sim_unit_id(const sim_slot *h);
SIM_HIDDEN unsigned int sim_gpu_util(const sim_instance *inst, int phys, unsigned int unit);
SIM_HIDDEN int sim_temperature(const sim_instance *inst, int phys);
SIM_HIDDEN unsigned int sim_power_mw(const sim_instance *inst, int phys);
SIM_HIDDEN unsigned int sim_gpu_clock(const sim_instance *inst, int phys);
SIM_HIDDEN unsigned int sim_engine_util(const sim_instance *inst, int phys, unsigned int unit, int engine);
SIM_HIDDEN unsigned long long sim_mem_used(const sim_instance *inst, int phys, unsigned int unit,
                                           unsigned long long total, unsigned long long system);
SIM_HIDDEN unsigned int sim_mem_util(const sim_instance *inst, int phys, unsigned int unit);
SIM_HIDDEN unsigned int sim_mem_clock(const sim_instance *inst, int phys);
SIM_HIDDEN unsigned int sim_fan_percent(const sim_instance *inst, int phys, unsigned int fan);
SIM_HIDDEN unsigned int sim_fan_rpm(const sim_instance *inst, int phys, unsigned int fan);
/** Codec load of the chip: every field of *out. */
SIM_HIDDEN void sim_vpu_util(const sim_instance *inst, int phys, MtmlCodecUtil *out);
SIM_HIDDEN unsigned int sim_vpu_clock(const sim_instance *inst, int phys);
SIM_HIDDEN unsigned long long sim_ecc_growth(const sim_instance *inst, int phys);

/* ---- topology and MtLink ---------------------------------------------------- */

SIM_HIDDEN int sim_topology_level(const sim_instance *inst, int a, int b);
SIM_HIDDEN int sim_p2p_status(const sim_instance *inst, int a, int b);
SIM_HIDDEN int sim_port_state(const sim_instance *inst, int phys, unsigned int port);
SIM_HIDDEN int sim_port_caps(const sim_instance *inst, int phys, unsigned int port);
/**
 * Shortest MtLink paths from a to b: writes up to SIM_MAX_PATHS paths of
 * *len devices each into paths (row stride SIM_MAX_DEVICES); *count paths.
 */
SIM_HIDDEN void sim_mtlink_paths(const sim_instance *inst, int a, int b, short (*paths)[SIM_MAX_DEVICES],
                                 unsigned int *count, unsigned int *len);

/* ---- faults and hostile data ------------------------------------------------ */

/** Applies fault rules to the call (may stall). Returns the injected code or MTML_SUCCESS. */
SIM_HIDDEN MtmlReturn sim_apply_faults(sim_call *c, int device);
/** Applies the process-wide fault rules to a call of fn (a function without a handle). */
SIM_HIDDEN MtmlReturn sim_apply_global_faults(int fn);
/** Hostile mode in force for the call's function. */
SIM_HIDDEN int sim_hostile_mode(const sim_call *c);
/** Writes src into buf (length bytes) as the API's string getters do. */
SIM_HIDDEN MtmlReturn sim_put_string(const sim_call *c, char *buf, unsigned int length, const char *src);
/** Copies src into a fixed struct field of size n (always terminated unless hostile). */
SIM_HIDDEN void sim_put_field(const sim_call *c, char *field, size_t n, const char *src);
/** Value to store in an enum output. */
SIM_HIDDEN int sim_enum_out(const sim_call *c, int value);
/** Value to report from a Count* function. */
SIM_HIDDEN unsigned int sim_count_out(const sim_call *c, unsigned int value);

/* ---- config sources (control.c) ---------------------------------------------- */

/** Takes this thread's pending config text (malloc'd, caller frees), NULL if none. */
SIM_HIDDEN char *sim_take_next_config(void);
/** Records the message of this thread's last failed config load ("" clears). */
SIM_HIDDEN void sim_set_last_config_error(const char *msg);

/* ---- logging -------------------------------------------------------------------- */

SIM_HIDDEN void sim_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
SIM_HIDDEN const char *sim_return_name(MtmlReturn rc);

/* ---- small string helpers -------------------------------------------------------- */

/** Copies src into dst (n bytes), always terminated, truncating. */
SIM_HIDDEN void sim_copy(char *dst, size_t n, const char *src);
/** Compares a client string with ours, reading at most strlen(ours)+1 client bytes. */
SIM_HIDDEN int sim_str_eq(const char *client, const char *ours);
/** Parses "seg:bus:dev.fn" or "bus:dev.fn" (hex). 0 on success. */
SIM_HIDDEN int sim_parse_sbdf(const char *s, size_t maxlen, unsigned int *seg, unsigned int *bus,
                              unsigned int *dev, unsigned int *fn);

#endif /* SIM_INTERNAL_H_ */
