/*
 * mtml.h: the C interface of the Moore Threads Management Library (MTML),
 * version 2.2, as declared by the mtml-rs project.
 *
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 * This header is written from scratch by the mtml-rs authors. Its names,
 * types, values and structure layouts match the interface of the libmtml
 * that ships with the Moore Threads GPU driver, so that programs built
 * against it run unchanged on that library; every comment is our own.
 *
 * Object model: an MtmlLibrary is the root. From it come one MtmlSystem and
 * any number of MtmlDevice handles; each device hands out an MtmlGpu, an
 * MtmlMemory and an MtmlVpu. All handles stay valid until the library that
 * produced them is shut down.
 *
 * Unless a comment says otherwise, every function returns MTML_SUCCESS or
 * an MtmlReturn error code, and writes its outputs only on success.
 */

#ifndef MTML_H_
#define MTML_H_

#ifdef __cplusplus
extern "C" {
#endif

/* Symbol visibility of the library's entry points. */
#if defined(_MSC_VER)
#ifdef MTML_EXPORT
#define MTML_API __declspec(dllexport)
#else
#define MTML_API __declspec(dllimport)
#endif
#else
#define MTML_API __attribute__((visibility("default")))
#endif

/* Marks an entry point that still exists but should no longer be called. */
#if defined(__GNUC__)
#define MTML_DEPRECATED(msg) __attribute__((deprecated(msg)))
#elif defined(_MSC_VER)
#define MTML_DEPRECATED(msg) __declspec(deprecated(msg))
#else
#define MTML_DEPRECATED(msg)
#endif

/* ------------------------------------------------------------------------
 * Buffer sizes and formats
 * ---------------------------------------------------------------------- */

/** Bytes needed for the library version string, terminator included. */
#define MTML_LIBRARY_VERSION_BUFFER_SIZE 32
/** Bytes needed for the driver version string, terminator included. */
#define MTML_DRIVER_VERSION_BUFFER_SIZE 80
/** Bytes needed for a device's marketing name. */
#define MTML_DEVICE_NAME_BUFFER_SIZE 32
/** Bytes needed for a device UUID string. */
#define MTML_DEVICE_UUID_BUFFER_SIZE 48
/** Bytes needed for the MTBIOS firmware version string. */
#define MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE 64
/** Older name of MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE. */
#define MTML_DEVICE_VBIOS_VERSION_BUFFER_SIZE MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE
/** Bytes needed for a device node path such as a /dev entry. */
#define MTML_DEVICE_PATH_BUFFER_SIZE 64
/** Bytes needed for a PCI segment:bus:device.function string. */
#define MTML_DEVICE_PCI_SBDF_BUFFER_SIZE 32
/** Bytes needed for a virtualization type identifier. */
#define MTML_VIRT_TYPE_ID_BUFFER_SIZE 16
/** Bytes needed for a virtualization type class. */
#define MTML_VIRT_TYPE_CLASS_BUFFER_SIZE 32
/** Bytes needed for a virtualization type name. */
#define MTML_VIRT_TYPE_NAME_BUFFER_SIZE 32
/** Bytes needed for a virtualization type's API name. */
#define MTML_VIRT_TYPE_API_BUFFER_SIZE 16
/** printf format of a PCI bus id: segment, bus, device; function is 0. */
#define MTML_DEVICE_PCI_BUS_ID_FMT "%08X:%02X:%02X.0"
/** Bytes available for the log file path in MtmlLogConfiguration. */
#define MTML_LOG_FILE_PATH_BUFFER_SIZE 200
/** Bytes needed for an MPC profile name. */
#define MTML_MPC_PROFILE_NAME_BUFFER_SIZE 32
/** Bytes needed for an MPC configuration name. */
#define MTML_MPC_CONF_NAME_BUFFER_SIZE 32
/** Number of profile slots in one MPC configuration. */
#define MTML_MPC_CONF_MAX_PROF_NUM 16
/** Bytes needed for a PCIe slot name. */
#define MTML_DEVICE_SLOT_NAME_BUFFER_SIZE 32
/** Bytes needed for the memory vendor string. */
#define MTML_MEMORY_VENDOR_BUFFER_SIZE 64
/** Bytes needed for a board serial number. */
#define MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE 64

/* ------------------------------------------------------------------------
 * Enumerations
 * ---------------------------------------------------------------------- */

/** Status code returned by almost every MTML call. */
typedef enum {
    MTML_SUCCESS = 0,               /**< The call did what was asked. */
    MTML_ERROR_DRIVER_NOT_LOADED,   /**< No Moore Threads kernel driver is running. */
    MTML_ERROR_DRIVER_FAILURE,      /**< The kernel driver answered with a failure. */
    MTML_ERROR_INVALID_ARGUMENT,    /**< A pointer was NULL or a value was out of range. */
    MTML_ERROR_NOT_SUPPORTED,       /**< This device or build lacks the feature. */
    MTML_ERROR_NO_PERMISSION,       /**< The caller lacks the privileges needed. */
    MTML_ERROR_INSUFFICIENT_SIZE,   /**< A caller-supplied buffer or count is too small. */
    MTML_ERROR_NOT_FOUND,           /**< No object matched the lookup. */
    MTML_ERROR_INSUFFICIENT_MEMORY, /**< Host memory ran out. */
    MTML_ERROR_DRIVER_TOO_OLD,      /**< The kernel driver predates this library. */
    MTML_ERROR_DRIVER_TOO_NEW,      /**< The kernel driver is newer than this library understands. */
    MTML_ERROR_TIMEOUT,             /**< The operation did not finish in time. */
    MTML_ERROR_RESOURCE_IS_BUSY,    /**< The resource is in use; the request was dropped. */
    MTML_ERROR_UNKNOWN = 999        /**< Any failure without a more specific code. */
} MtmlReturn;

/** Product line of a device. */
typedef enum {
    MTML_BRAND_MTT = 0,  /**< MTT products. */
    MTML_BRAND_UNKNOWN,  /**< A brand this library does not know. */
    MTML_BRAND_COUNT     /**< Number of brand values. */
} MtmlBrandType;

/** Kind of on-board memory. */
typedef enum {
    MTML_MEM_TYPE_LPDDR4, /**< LPDDR4. */
    MTML_MEM_TYPE_GDDR6,  /**< GDDR6. */
} MtmlMemoryType;

/** Video codec standard handled by a codec session. */
typedef enum {
    MTML_CODEC_TYPE_AVC = 0,    /**< H.264 / AVC. */
    MTML_CODEC_TYPE_VC1 = 1,    /**< VC-1. */
    MTML_CODEC_TYPE_MPEG2 = 2,  /**< MPEG-2. */
    MTML_CODEC_TYPE_MPEG4 = 3,  /**< MPEG-4 part 2. */
    MTML_CODEC_TYPE_H263 = 4,   /**< H.263. */
    MTML_CODEC_TYPE_DIV3 = 5,   /**< DivX 3. */
    MTML_CODEC_TYPE_RV = 6,     /**< RealVideo. */
    MTML_CODEC_TYPE_AVS = 7,    /**< AVS. */
    MTML_CODEC_TYPE_RSVD1 = 8,  /**< Placeholder; never a real codec. */
    MTML_CODEC_TYPE_THO = 9,    /**< Theora. */
    MTML_CODEC_TYPE_VP3 = 10,   /**< VP3. */
    MTML_CODEC_TYPE_VP8 = 11,   /**< VP8. */
    MTML_CODEC_TYPE_HEVC = 12,  /**< H.265 / HEVC. */
    MTML_CODEC_TYPE_VP9 = 13,   /**< VP9. */
    MTML_CODEC_TYPE_AVS2 = 14,  /**< AVS2. */
    MTML_CODEC_TYPE_RSVD2 = 15, /**< Placeholder; never a real codec. */
    MTML_CODEC_TYPE_AV1 = 16,   /**< AV1. */
    MTML_CODEC_TYPE_COUNT       /**< Number of codec values. */
} MtmlCodecType;

/** Whether an encoder or decoder session slot is in use. */
typedef enum {
    MTML_CODEC_SESSION_STATE_UNKNOWN = -1, /**< The state could not be read. */
    MTML_CODEC_SESSION_STATE_IDLE = 0,     /**< The slot has no session. */
    MTML_CODEC_SESSION_STATE_ACTIVE,       /**< A process owns the slot. */
    MTML_CODEC_SESSION_STATE_COUNT         /**< Number of state values. */
} MtmlCodecSessionState;

/** Whether a device can be split into virtual devices. */
typedef enum {
    MTML_DEVICE_NOT_SUPPORT_VIRTUALIZATION = 0, /**< It cannot. */
    MTML_DEVICE_SUPPORT_VIRTUALIZATION          /**< It can. */
} MtmlVirtCapability;

/** Part a device plays in virtualization. */
typedef enum {
    MTML_VIRT_ROLE_NONE,             /**< A physical device, or the role is unknown. */
    MTML_VIRT_ROLE_HOST_VIRTDEVICE,  /**< A virtual device seen from the host. */
    MTML_VIRT_ROLE_GUEST_VIRTDEVICE, /**< A virtual device seen from inside a guest. */
    MTML_VIRT_ROLE_COUNT,            /**< Number of role values. */
} MtmlVirtRole;

/** How far apart two devices sit on the PCIe tree, nearest first. */
typedef enum {
    MTML_TOPOLOGY_INTERNAL = 0,   /**< On the same board, joined inside it. */
    MTML_TOPOLOGY_SINGLE = 1,     /**< Behind one shared PCIe switch. */
    MTML_TOPOLOGY_MULTIPLE = 2,   /**< Across several switches, below the host bridge. */
    MTML_TOPOLOGY_HOSTBRIDGE = 3, /**< Through one host bridge. */
    MTML_TOPOLOGY_NODE = 4,       /**< Through several host bridges of one NUMA node. */
    MTML_TOPOLOGY_SYSTEM = 5,     /**< Across NUMA nodes. */
} MtmlDeviceTopologyLevel;

/** Verbosity of one log sink; each level includes the ones above it. */
typedef enum {
    MTML_LOG_LEVEL_OFF = 0, /**< Nothing is logged. */
    MTML_LOG_LEVEL_FATAL,   /**< Only failures that end the program. */
    MTML_LOG_LEVEL_ERROR,   /**< Failures the program survives. */
    MTML_LOG_LEVEL_WARNING, /**< Suspicious conditions. */
    MTML_LOG_LEVEL_INFO,    /**< Progress messages. */
} MtmlLogLevel;

/** Whether Multi Primary Core partitioning is switched on. */
typedef enum {
    MTML_DEVICE_MPC_DISABLE = 0, /**< Off: the device works as one. */
    MTML_DEVICE_MPC_ENABLE       /**< On: the device is split into instances. */
} MtmlMpcMode;

/** Whether a device can be partitioned with MPC. */
typedef enum {
    MTML_DEVICE_NOT_SUPPORT_MPC = 0, /**< It cannot. */
    MTML_DEVICE_SUPPORT_MPC          /**< It can. */
} MtmlMpcCapability;

/** Place of a device in an MPC partitioning. */
typedef enum {
    MTML_MPC_TYPE_NONE,     /**< Not partitioned, or MPC is off. */
    MTML_MPC_TYPE_PARENT,   /**< A physical device holding MPC instances. */
    MTML_MPC_TYPE_INSTANCE, /**< One partition of a parent device. */
} MtmlMpcType;

/* ------------------------------------------------------------------------
 * Structures shared by several domains
 * ---------------------------------------------------------------------- */

/** PCI identity and link state of a device. */
typedef struct {
    char sbdf[MTML_DEVICE_PCI_SBDF_BUFFER_SIZE]; /**< Bus id text, NUL-terminated. */
    unsigned int segment;                        /**< PCI domain (segment group). */
    unsigned int bus;                            /**< Bus number, 0..255. */
    unsigned int device;                         /**< Device number on the bus, 0..31. */
    unsigned int pciDeviceId;                    /**< Device id (high 16 bits) and vendor id (low 16 bits). */
    unsigned int pciSubsystemId;                 /**< Subsystem id. */
    unsigned int busWidth;                       /**< Obsolete; always 0. */
    float pciMaxSpeed;                           /**< Highest per-lane rate, GT/s. */
    float pciCurSpeed;                           /**< Present per-lane rate, GT/s. */
    unsigned int pciMaxWidth;                    /**< Highest lane count. */
    unsigned int pciCurWidth;                    /**< Present lane count. */
    unsigned int pciMaxGen;                      /**< Highest PCIe generation. */
    unsigned int pciCurGen;                      /**< Present PCIe generation. */
    int rsvd[6];                                 /**< Reserved; zero. */
} MtmlPciInfo;

/** Physical slot a board sits in. */
typedef struct {
    unsigned int slotId;                              /**< Slot number. */
    char slotName[MTML_DEVICE_SLOT_NAME_BUFFER_SIZE]; /**< Slot label, NUL-terminated. */
    unsigned int rsvd[4];                             /**< Reserved; zero. */
} MtmlPciSlotInfo;

/** Video engine load over one sampling window. */
typedef struct {
    unsigned int util;    /**< Overall codec load, percent. */
    unsigned int period;  /**< Length of the window, microseconds. */
    unsigned int encUtil; /**< Encoder load, percent. */
    unsigned int decUtil; /**< Decoder load, percent. */
    int rsvd[2];          /**< Reserved; zero. */
} MtmlCodecUtil;

/** Figures for one encoder or decoder session. */
typedef struct {
    unsigned int id;          /**< Session slot number. */
    unsigned int pid;         /**< Owning process; 0 when the slot is idle. */
    unsigned int hResolution; /**< Frame width, pixels. */
    unsigned int vResolution; /**< Frame height, pixels. */
    unsigned int frameRate;   /**< Frames per second. */
    unsigned int bitRate;     /**< Bits per second. */
    unsigned int latency;     /**< Per-frame latency, microseconds. */
    MtmlCodecType codecType;  /**< Codec standard in use. */
    int rsvd[4];              /**< Reserved; zero. */
} MtmlCodecSessionMetrics;

/** A kind of virtual device a physical device can be carved into. */
typedef struct {
    char id[MTML_VIRT_TYPE_ID_BUFFER_SIZE];     /**< Type identifier, e.g. "mtgpu-2008". */
    char name[MTML_VIRT_TYPE_NAME_BUFFER_SIZE]; /**< Human name, e.g. "mtgpu-8g". */
    char api[MTML_VIRT_TYPE_API_BUFFER_SIZE];   /**< Pass-through API, e.g. "vfio-pci". */
    unsigned int horizontalResolution;          /**< Largest display width, pixels. */
    unsigned int verticalResolution;            /**< Largest display height, pixels. */
    unsigned int frameBuffer;                   /**< Video memory per instance, MiB. */
    unsigned int maxEncodeNum;                  /**< Encoder sessions per instance. */
    unsigned int maxDecodeNum;                  /**< Decoder sessions per instance. */
    unsigned int maxInstances;                  /**< Instances of this type per physical device. */
    unsigned int maxVirtualDisplay;             /**< Display heads per instance. */
    int rsvd[11];                               /**< Reserved; zero. */
} MtmlVirtType;

/** Capability and role bits of a device, packed into 64 bits. */
typedef struct {
    unsigned int virtCap : 1;   /**< An MtmlVirtCapability value. */
    unsigned int virtRole : 3;  /**< An MtmlVirtRole value. */
    unsigned int mpcCap : 1;    /**< An MtmlMpcCapability value. */
    unsigned int mpcType : 3;   /**< An MtmlMpcType value. */
    unsigned int mtLinkCap : 1; /**< An MtmlMtLinkCapability value. */
    unsigned int rsvd : 23;     /**< Reserved; zero. */
    unsigned int rsvd2 : 32;    /**< Reserved; zero. */
} MtmlDeviceProperty;

/** Where library log lines go and how many of them. */
typedef struct {
    /** Sink writing to standard output. */
    struct {
        MtmlLogLevel level; /**< Threshold for this sink. */
        int rsvd[2];        /**< Reserved; zero. */
    } consoleConfig;
    /** Sink writing to the system log (Linux only). */
    struct {
        MtmlLogLevel level; /**< Threshold for this sink. */
        int rsvd[2];        /**< Reserved; zero. */
    } systemConfig;
    /** Sink writing to a file of the caller's choice. */
    struct {
        MtmlLogLevel level;                       /**< Threshold for this sink. */
        char file[MTML_LOG_FILE_PATH_BUFFER_SIZE]; /**< Path of the log file; empty for none. */
        unsigned int size;                        /**< Size at which the file is emptied, bytes. */
        int rsvd[2];                              /**< Reserved; zero. */
    } fileConfig;
    /** Sink handing each line to a function. */
    struct {
        MtmlLogLevel level;                          /**< Threshold for this sink. */
        void (*callback)(const char *, unsigned int); /**< Receives the text and its length. */
        int rsvd[2];                                 /**< Reserved; zero. */
    } callbackConfig;
    int rsvd[8]; /**< Reserved; zero. */
} MtmlLogConfiguration;

/** Whether peer-to-peer traffic between two devices can work. */
typedef enum {
    MTML_P2P_STATUS_OK = 0,                /**< It works. */
    MTML_P2P_STATUS_CHIPSET_NOT_SUPPORTED, /**< The host chipset prevents it. */
    MTML_P2P_STATUS_GPU_NOT_SUPPORTED,     /**< One of the devices prevents it. */
    MTML_P2P_STATUS_UNKNOWN                /**< It could not be determined. */
} MtmlDeviceP2PStatus;

/** Kind of peer-to-peer access being asked about. */
typedef enum {
    MTML_P2P_CAPS_READ = 0, /**< Reads from the peer's memory. */
    MTML_P2P_CAPS_WRITE     /**< Writes to the peer's memory. */
} MtmlDeviceP2PCaps;

/** One way an MPC parent can be partitioned: a unit of cores and memory. */
typedef struct {
    unsigned int id;                              /**< Profile id, unique on its device. */
    unsigned int coreCount;                       /**< Cores per instance. */
    unsigned long long memorySizeMB;              /**< Memory per instance, MiB. */
    char name[MTML_MPC_PROFILE_NAME_BUFFER_SIZE]; /**< Profile name, NUL-terminated. */
    unsigned int rsvd[10];                        /**< Reserved; zero. */
} MtmlMpcProfile;

/** A whole partitioning of an MPC parent: which profiles it is built from. */
typedef struct {
    unsigned int id;                            /**< Configuration id, unique on its device. */
    char name[MTML_MPC_CONF_NAME_BUFFER_SIZE];  /**< Configuration name, NUL-terminated. */
    int profileId[MTML_MPC_CONF_MAX_PROF_NUM];  /**< Profile ids used; unused slots hold -1. */
    unsigned int rsvd[24];                      /**< Reserved; zero. */
} MtmlMpcConfiguration;

/** MtLink (device-to-device fabric) description of a device. */
typedef struct {
    unsigned int version;   /**< Fabric version, major/minor/patch packed together. */
    unsigned int bandWidth; /**< Bandwidth of one link, GB/s. */
    unsigned int linkNum;   /**< Number of link ports on the device. */
    unsigned int rsvd[4];   /**< Reserved; zero. */
} MtmlMtLinkSpec;

/** State of one MtLink port. */
typedef enum {
    MTML_MTLINK_STATE_DOWN = 0, /**< Not carrying traffic. */
    MTML_MTLINK_STATE_UP,       /**< Up at full rate. */
    MTML_MTLINK_STATE_DOWNGRADE /**< Up, below full rate. */
} MtmlMtLinkState;

/** Feature of an MtLink port that can be queried. */
typedef enum {
    MTML_MTLINK_CAP_P2P_ACCESS = 0, /**< Peer memory access over the link. */
    MTML_MTLINK_CAP_P2P_ATOMICS,    /**< Peer atomic operations over the link. */
    MTML_MTLINK_CAP_COUNT           /**< Number of capability values. */
} MtmlMtLinkCap;

/** Answer to an MtLink capability query. */
typedef enum {
    MTML_MTLINK_CAP_STATUS_NOT_SUPPORTED = 0, /**< The port lacks it. */
    MTML_MTLINK_CAP_STATUS_OK                 /**< The port has it. */
} MtmlMtLinkCapStatus;

/** One cable between two devices: the port number at each end. */
typedef struct {
    unsigned int localLinkId;  /**< Port on the device asked about. */
    unsigned int remoteLinkId; /**< Port on the peer device. */
    unsigned int rsvd[4];      /**< Reserved; zero. */
} MtmlMtLinkLayout;

/** Whether a device has MtLink ports at all. */
typedef enum {
    MTML_DEVICE_NOT_SUPPORT_MTLINK = 0, /**< It has none. */
    MTML_DEVICE_SUPPORT_MTLINK          /**< It has some. */
} MtmlMtLinkCapability;

/** Connector type of a display output. */
typedef enum {
    MTML_DISP_INTF_TYPE_DP,   /**< DisplayPort. */
    MTML_DISP_INTF_TYPE_EDP,  /**< Embedded DisplayPort. */
    MTML_DISP_INTF_TYPE_VGA,  /**< VGA. */
    MTML_DISP_INTF_TYPE_HDMI, /**< HDMI. */
    MTML_DISP_INTF_TYPE_LVDS, /**< LVDS. */
    MTML_DISP_INTF_TYPE_MAX   /**< Number of connector values. */
} MtmlDispIntfType;

/** Limits of one display output. */
typedef struct {
    MtmlDispIntfType type;   /**< Connector type. */
    unsigned int maxHoriRes; /**< Largest width, pixels. */
    unsigned int maxVertRes; /**< Largest height, pixels. */
    float maxRefreshRate;    /**< Highest refresh rate, Hz. */
    unsigned int rsvd[8];    /**< Reserved; zero. */
} MtmlDispIntfSpec;

/** Engine of the graphics unit whose load can be read on its own. */
typedef enum {
    MTML_GPU_ENGINE_GEOMETRY, /**< Geometry processing. */
    MTML_GPU_ENGINE_2D,       /**< 2D blitter. */
    MTML_GPU_ENGINE_3D,       /**< 3D rendering. */
    MTML_GPU_ENGINE_COMPUTE,  /**< Compute. */
    MTML_GPU_ENGINE_MAX       /**< Number of engine values. */
} MtmlGpuEngine;

/** Whether memory error correction is switched on. */
typedef enum {
    MTML_MEMORY_ECC_DISABLE = 0, /**< Off. */
    MTML_MEMORY_ECC_ENABLE       /**< On. */
} MtmlEccMode;

/** Why a memory page was taken out of service. */
typedef enum {
    MTML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS = 0, /**< Repeated corrected errors. */
    MTML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR = 1,           /**< An uncorrectable error. */
    MTML_PAGE_RETIREMENT_CAUSE_MAX                                 /**< Number of cause values. */
} MtmlPageRetirementCause;

/** Number of retired pages for each cause. */
typedef struct {
    unsigned int sbeCount; /**< Pages retired for repeated single-bit errors. */
    unsigned int dbeCount; /**< Pages retired for double-bit errors. */
} MtmlPageRetirementCount;

/** Whether retirements are waiting for the next driver reload. */
typedef enum {
    MTML_RETIRED_PAGES_PENDING_STATE_FALSE = 0, /**< Nothing is waiting. */
    MTML_RETIRED_PAGES_PENDING_STATE_TRUE = 1   /**< Some pages are waiting. */
} MtmlRetiredPagesPendingState;

/** One retired page. */
typedef struct {
    unsigned long long timestamps; /**< When the page was retired. */
    unsigned long long address;    /**< Physical address of the page. */
    unsigned int rsvd[10];         /**< Reserved; zero. */
} MtmlPageRetirement;

/** One page whose retirement is waiting, with its cause. */
typedef struct {
    MtmlPageRetirementCause cause; /**< Why it is being retired. */
    unsigned long long timestamps; /**< When the retirement was requested. */
    unsigned long long address;    /**< Physical address of the page. */
    unsigned int rsvd[10];         /**< Reserved; zero. */
} MtmlPageRetirementPending;

/** Lifetime over which ECC errors are counted. */
typedef enum {
    MTML_VOLATILE_ECC = 0,      /**< Since the driver was last loaded. */
    MTML_AGGREGATE_ECC = 1,     /**< Over the life of the device. */
    MTML_ECC_COUNTER_TYPE_COUNT /**< Number of counter values. */
} MtmlEccCounterType;

/** Whether a memory error was repaired. */
typedef enum {
    MTML_MEMORY_ERROR_TYPE_CORRECTED = 0,   /**< Corrected by ECC. */
    MTML_MEMORY_ERROR_TYPE_UNCORRECTED = 1, /**< Beyond ECC's reach. */
    MTML_MEMORY_ERROR_TYPE_COUNT            /**< Number of error-type values. */
} MtmlMemoryErrorType;

/** Part of the memory system an error count refers to. */
typedef enum {
    MTML_MEMORY_LOCATION_DRAM = 0x1, /**< Device DRAM. */
} MtmlMemoryLocation;

/* ------------------------------------------------------------------------
 * Opaque handles
 * ---------------------------------------------------------------------- */

/** The graphics unit of a device. */
typedef struct MtmlGpu MtmlGpu;
/** The memory of a device. */
typedef struct MtmlMemory MtmlMemory;
/** The video codec unit of a device. */
typedef struct MtmlVpu MtmlVpu;
/** A physical device, an MPC instance or a virtual device. */
typedef struct MtmlDevice MtmlDevice;
/** The host system. */
typedef struct MtmlSystem MtmlSystem;
/** An initialised library; the root of every other handle. */
typedef struct MtmlLibrary MtmlLibrary;

/* ------------------------------------------------------------------------
 * Library
 * ---------------------------------------------------------------------- */

/** Starts the library and returns its root handle in *lib. */
MtmlReturn MTML_API mtmlLibraryInit(MtmlLibrary **lib);
/** Stops the library; every handle obtained through lib becomes invalid. */
MtmlReturn MTML_API mtmlLibraryShutDown(MtmlLibrary *lib);
/** Writes the library version into version (length bytes available). */
MtmlReturn MTML_API mtmlLibraryGetVersion(const MtmlLibrary *lib, char *version, unsigned int length);
/** Returns the host system handle in *sys. */
MtmlReturn MTML_API mtmlLibraryInitSystem(const MtmlLibrary *lib, MtmlSystem **sys);
/** Releases a system handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlLibraryFreeSystem(MtmlSystem *sys);
/** Writes the number of devices in the system into *count. */
MtmlReturn MTML_API mtmlLibraryCountDevice(const MtmlLibrary *lib, unsigned int *count);
/** Returns the device at position index (0 to count-1) in *dev. */
MtmlReturn MTML_API mtmlLibraryInitDeviceByIndex(const MtmlLibrary *lib, unsigned int index, MtmlDevice **dev);
/** Returns the device whose UUID string equals uuid in *dev. */
MtmlReturn MTML_API mtmlLibraryInitDeviceByUuid(const MtmlLibrary *library, const char *uuid, MtmlDevice **dev);
/** Returns the device at PCI address pciSbdf in *dev. */
MtmlReturn MTML_API mtmlLibraryInitDeviceByPciSbdf(const MtmlLibrary *lib, const char *pciSbdf, MtmlDevice **dev);
/** Applies mpcConfigIds[i] to devices[i] for count devices at once. */
MtmlReturn MTML_API mtmlLibrarySetMpcConfigurationInBatch(const MtmlLibrary *lib, unsigned int count, MtmlDevice **devices, unsigned int *mpcConfigIds);
/** Releases a device handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlLibraryFreeDevice(MtmlDevice *dev);

/* ------------------------------------------------------------------------
 * System
 * ---------------------------------------------------------------------- */

/** Writes the kernel driver version into version (length bytes available). */
MtmlReturn MTML_API mtmlSystemGetDriverVersion(const MtmlSystem *sys, char *version, unsigned int length);

/* ------------------------------------------------------------------------
 * Device: sub-units
 * ---------------------------------------------------------------------- */

/** Returns the graphics unit of dev in *gpu. */
MtmlReturn MTML_API mtmlDeviceInitGpu(const MtmlDevice *dev, MtmlGpu **gpu);
/** Releases a graphics unit handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlDeviceFreeGpu(MtmlGpu *gpu);
/** Returns the memory unit of dev in *mem. */
MtmlReturn MTML_API mtmlDeviceInitMemory(const MtmlDevice *dev, MtmlMemory **mem);
/** Releases a memory handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlDeviceFreeMemory(MtmlMemory *mem);
/** Returns the video codec unit of dev in *vpu. */
MtmlReturn MTML_API mtmlDeviceInitVpu(const MtmlDevice *dev, MtmlVpu **vpu);
/** Releases a codec unit handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlDeviceFreeVpu(MtmlVpu *vpu);

/* ------------------------------------------------------------------------
 * Device: identity, PCI, board
 * ---------------------------------------------------------------------- */

/** Writes the device's position in the library's device list into *index. */
MtmlReturn MTML_API mtmlDeviceGetIndex(const MtmlDevice *dev, unsigned int *index);
/** Writes the device UUID string into uuid (length bytes available). */
MtmlReturn MTML_API mtmlDeviceGetUUID(const MtmlDevice *dev, char *uuid, unsigned int length);
/** Writes the device's product line into *type. */
MtmlReturn MTML_API mtmlDeviceGetBrand(const MtmlDevice *dev, MtmlBrandType *type);
/** Writes the device's product name into name (length bytes available). */
MtmlReturn MTML_API mtmlDeviceGetName(const MtmlDevice *dev, char *name, unsigned int length);
/** Fills *pci with the device's PCI identity and link state. */
MtmlReturn MTML_API mtmlDeviceGetPciInfo(const MtmlDevice *dev, MtmlPciInfo *pci);
/** Writes the board's power draw, milliwatts, into *power. */
MtmlReturn MTML_API mtmlDeviceGetPowerUsage(const MtmlDevice *dev, unsigned int *power);
/** Writes the path of the device's GPU node into path. */
MtmlReturn MTML_API mtmlDeviceGetGpuPath(const MtmlDevice *dev, char *path, unsigned int length);
/** Writes the path of the device's primary (display) DRM node into path. */
MtmlReturn MTML_API mtmlDeviceGetPrimaryPath(const MtmlDevice *dev, char *path, unsigned int length);
/** Writes the path of the device's render DRM node into path. */
MtmlReturn MTML_API mtmlDeviceGetRenderPath(const MtmlDevice *dev, char *path, unsigned int length);
/** Older name of mtmlDeviceGetMtBiosVersion. */
MTML_DEPRECATED("use mtmlDeviceGetMtBiosVersion instead")
MtmlReturn MTML_API mtmlDeviceGetVbiosVersion(const MtmlDevice *dev, char *version, unsigned int length);
/** Writes the board firmware (MTBIOS) version into version. */
MtmlReturn MTML_API mtmlDeviceGetMtBiosVersion(const MtmlDevice *dev, char *version, unsigned int length);
/** Fills *prop with the device's capability and role bits. */
MtmlReturn MTML_API mtmlDeviceGetProperty(const MtmlDevice *dev, MtmlDeviceProperty *prop);
/** Writes the number of fans on the board into *count. */
MtmlReturn MTML_API mtmlDeviceCountFan(const MtmlDevice *dev, unsigned int *count);
/** Writes the speed of fan index, percent of its maximum, into *speed. */
MtmlReturn MTML_API mtmlDeviceGetFanSpeed(const MtmlDevice *dev, unsigned int index, unsigned int *speed);
/** Writes the speed of fan fanIndex, revolutions per minute, into *fanRpm. */
MtmlReturn MTML_API mtmlDeviceGetFanRpm(const MtmlDevice *dev, unsigned int fanIndex, unsigned int *fanRpm);
/** Fills *slotInfo with the PCIe slot the board sits in. */
MtmlReturn MTML_API mtmlDeviceGetPcieSlotInfo(const MtmlDevice *dev, MtmlPciSlotInfo *slotInfo);
/** Writes the number of display outputs into *count. */
MtmlReturn MTML_API mtmlDeviceCountDisplayInterface(const MtmlDevice *device, unsigned int *count);
/** Fills *dispIntfSpec with the limits of display output intfIndex. */
MtmlReturn MTML_API mtmlDeviceGetDisplayInterfaceSpec(const MtmlDevice *device, unsigned int intfIndex, MtmlDispIntfSpec *dispIntfSpec);
/** Writes the board serial number into serialNumber (length bytes available). */
MtmlReturn MTML_API mtmlDeviceGetSerialNumber(const MtmlDevice *device, unsigned int length, char *serialNumber);
/** Writes the number of GPU cores into *numCores. */
MtmlReturn MTML_API mtmlDeviceCountGpuCores(const MtmlDevice *device, unsigned int *numCores);

/* ------------------------------------------------------------------------
 * Device: virtualization
 * ---------------------------------------------------------------------- */

/** Writes how many virtual device types the device supports into *count. */
MtmlReturn MTML_API mtmlDeviceCountSupportedVirtTypes(const MtmlDevice *dev, unsigned int *count);
/** Fills types[0..count) with the supported virtual device types. */
MtmlReturn MTML_API mtmlDeviceGetSupportedVirtTypes(const MtmlDevice *dev, MtmlVirtType *types, unsigned int count);
/** Writes how many virtual device types can still be created into *count. */
MtmlReturn MTML_API mtmlDeviceCountAvailVirtTypes(const MtmlDevice *dev, unsigned int *count);
/** Fills types[0..count) with the types that can still be created. */
MtmlReturn MTML_API mtmlDeviceGetAvailVirtTypes(const MtmlDevice *dev, MtmlVirtType *types, unsigned int count);
/** Writes how many more virtual devices of *type can be created into *count. */
MtmlReturn MTML_API mtmlDeviceCountAvailVirtDevices(const MtmlDevice *dev, const MtmlVirtType *type, unsigned int *count);
/** Writes the number of virtual devices now running on dev into *count. */
MtmlReturn MTML_API mtmlDeviceCountActiveVirtDevices(const MtmlDevice *dev, unsigned int *count);
/** Writes the UUIDs of the running virtual devices into uuids, entryCount entries of entryLength bytes. */
MtmlReturn MTML_API mtmlDeviceGetActiveVirtDeviceUuids(const MtmlDevice *dev, char *uuids, unsigned int entryLength, unsigned int entryCount);
/** Writes the most virtual devices of *type dev can hold into *virtDevicesCount. */
MtmlReturn MTML_API mtmlDeviceCountMaxVirtDevices(const MtmlDevice *dev, const MtmlVirtType *type, unsigned int *virtDevicesCount);
/** Returns the virtual device of dev whose UUID is uuid in *virtDev. */
MtmlReturn MTML_API mtmlDeviceInitVirtDevice(const MtmlDevice *dev, const char *uuid, MtmlDevice **virtDev);
/** Releases a virtual device handle early; shutdown does this anyway. */
MTML_DEPRECATED("Not required anymore.")
MtmlReturn MTML_API mtmlDeviceFreeVirtDevice(MtmlDevice *virtDev);
/** Fills *type with the type of virtual device virtDev. */
MtmlReturn MTML_API mtmlDeviceGetVirtType(const MtmlDevice *virtDev, MtmlVirtType *type);
/** Writes the UUID of the physical device behind virtDev into uuid. */
MtmlReturn MTML_API mtmlDeviceGetPhyDeviceUuid(const MtmlDevice *virtDev, char *uuid, unsigned int length);

/* ------------------------------------------------------------------------
 * Device: topology and peer-to-peer
 * ---------------------------------------------------------------------- */

/** Writes how far apart dev1 and dev2 are on the PCIe tree into *level. */
MtmlReturn MTML_API mtmlDeviceGetTopologyLevel(const MtmlDevice *dev1, const MtmlDevice *dev2, MtmlDeviceTopologyLevel *level);
/** Writes how many other devices sit at exactly level from dev into *count. */
MtmlReturn MTML_API mtmlDeviceCountDeviceByTopologyLevel(const MtmlDevice *dev, MtmlDeviceTopologyLevel level, unsigned int *count);
/** Fills deviceArray[0..count) with the devices at exactly level from dev. */
MtmlReturn MTML_API mtmlDeviceGetDeviceByTopologyLevel(const MtmlDevice *dev, MtmlDeviceTopologyLevel level, unsigned int count, MtmlDevice **deviceArray);
/** Writes whether p2pCap access from dev1 to dev2 works into *p2pStatus. */
MtmlReturn MTML_API mtmlDeviceGetP2PStatus(const MtmlDevice *dev1, const MtmlDevice *dev2, MtmlDeviceP2PCaps p2pCap, MtmlDeviceP2PStatus *p2pStatus);

/* ------------------------------------------------------------------------
 * GPU
 * ---------------------------------------------------------------------- */

/** Writes the graphics unit load, percent, into *utilization. */
MtmlReturn MTML_API mtmlGpuGetUtilization(const MtmlGpu *gpu, unsigned int *utilization);
/** Writes the GPU temperature, degrees Celsius, into *temp. */
MtmlReturn MTML_API mtmlGpuGetTemperature(const MtmlGpu *gpu, int *temp);
/** Writes the present GPU clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlGpuGetClock(const MtmlGpu *gpu, unsigned int *clockMhz);
/** Writes the highest GPU clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlGpuGetMaxClock(const MtmlGpu *gpu, unsigned int *clockMhz);
/** Writes the load of one engine, percent, into *utilization. */
MtmlReturn MTML_API mtmlGpuGetEngineUtilization(const MtmlGpu *gpu, MtmlGpuEngine engine, unsigned int *utilization);

/* ------------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------- */

/** Writes the total device memory, bytes, into *total. */
MtmlReturn MTML_API mtmlMemoryGetTotal(const MtmlMemory *mem, unsigned long long *total);
/** Writes the device memory in use, bytes, into *used. */
MtmlReturn MTML_API mtmlMemoryGetUsed(const MtmlMemory *mem, unsigned long long *used);
/** Writes the device memory held by the driver and system, bytes, into *used. */
MtmlReturn MTML_API mtmlMemoryGetUsedSystem(const MtmlMemory *mem, unsigned long long *used);
/** Writes the memory controller load, percent, into *utilization. */
MtmlReturn MTML_API mtmlMemoryGetUtilization(const MtmlMemory *mem, unsigned int *utilization);
/** Writes the present memory clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlMemoryGetClock(const MtmlMemory *mem, unsigned int *clockMhz);
/** Writes the highest memory clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlMemoryGetMaxClock(const MtmlMemory *mem, unsigned int *clockMhz);
/** Writes the memory bus width, bits, into *busWidth. */
MtmlReturn MTML_API mtmlMemoryGetBusWidth(const MtmlMemory *mem, unsigned int *busWidth);
/** Writes the peak memory bandwidth, GB/s, into *bandwidth. */
MtmlReturn MTML_API mtmlMemoryGetBandwidth(const MtmlMemory *mem, unsigned int *bandwidth);
/** Writes the memory data rate, Mbps per pin, into *speed. */
MtmlReturn MTML_API mtmlMemoryGetSpeed(const MtmlMemory *mem, unsigned int *speed);
/** Writes the memory maker's name into vendor (length bytes available). */
MtmlReturn MTML_API mtmlMemoryGetVendor(const MtmlMemory *mem, unsigned int length, char *vendor);
/** Writes the kind of memory into *type. */
MtmlReturn MTML_API mtmlMemoryGetType(const MtmlMemory *mem, MtmlMemoryType *type);

/* ------------------------------------------------------------------------
 * VPU
 * ---------------------------------------------------------------------- */

/** Fills *utilization with the codec unit load. */
MtmlReturn MTML_API mtmlVpuGetUtilization(const MtmlVpu *vpu, MtmlCodecUtil *utilization);
/** Writes the present codec clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlVpuGetClock(const MtmlVpu *vpu, unsigned int *clockMhz);
/** Writes the highest codec clock, MHz, into *clockMhz. */
MtmlReturn MTML_API mtmlVpuGetMaxClock(const MtmlVpu *vpu, unsigned int *clockMhz);
/** Writes how many encoder and decoder sessions the unit can run. */
MtmlReturn MTML_API mtmlVpuGetCodecCapacity(const MtmlVpu *vpu, unsigned int *encodeCapacity, unsigned int *decodeCapacity);
/** Fills states[0..length) with the state of each encoder session slot. */
MtmlReturn MTML_API mtmlVpuGetEncoderSessionStates(const MtmlVpu *vpu, MtmlCodecSessionState *states, unsigned int length);
/** Fills *metrics with the figures of encoder session sessionId. */
MtmlReturn MTML_API mtmlVpuGetEncoderSessionMetrics(const MtmlVpu *vpu, unsigned int sessionId, MtmlCodecSessionMetrics *metrics);
/** Fills states[0..length) with the state of each decoder session slot. */
MtmlReturn MTML_API mtmlVpuGetDecoderSessionStates(const MtmlVpu *vpu, MtmlCodecSessionState *states, unsigned int length);
/** Fills *metrics with the figures of decoder session sessionId. */
MtmlReturn MTML_API mtmlVpuGetDecoderSessionMetrics(const MtmlVpu *vpu, unsigned int sessionId, MtmlCodecSessionMetrics *metrics);

/* ------------------------------------------------------------------------
 * Logging and errors
 * ---------------------------------------------------------------------- */

/** Replaces the process-wide logging setup with *configuration. */
MtmlReturn MTML_API mtmlLogSetConfiguration(const MtmlLogConfiguration *configuration);
/** Copies the process-wide logging setup into *configuration. */
MtmlReturn MTML_API mtmlLogGetConfiguration(MtmlLogConfiguration *configuration);
/** Returns a static, NUL-terminated description of result. */
const MTML_API char *mtmlErrorString(MtmlReturn result);

/* ------------------------------------------------------------------------
 * Device: Multi Primary Core (MPC) partitioning
 * ---------------------------------------------------------------------- */

/** Switches MPC on or off; existing instance handles become invalid. */
MtmlReturn MTML_API mtmlDeviceSetMpcMode(const MtmlDevice *device, MtmlMpcMode mode);
/** Writes whether MPC is on into *currentMode. */
MtmlReturn MTML_API mtmlDeviceGetMpcMode(const MtmlDevice *device, MtmlMpcMode *currentMode);
/** Writes the number of MPC profiles of parentDevice into *count. */
MtmlReturn MTML_API mtmlDeviceCountSupportedMpcProfiles(const MtmlDevice *parentDevice, unsigned int *count);
/** Fills info[0..count) with the MPC profiles of parentDevice. */
MtmlReturn MTML_API mtmlDeviceGetSupportedMpcProfiles(const MtmlDevice *parentDevice, unsigned int count, MtmlMpcProfile *info);
/** Writes the number of MPC configurations of parentDevice into *count. */
MtmlReturn MTML_API mtmlDeviceCountSupportedMpcConfigurations(const MtmlDevice *parentDevice, unsigned int *count);
/** Fills info[0..count) with the MPC configurations of parentDevice. */
MtmlReturn MTML_API mtmlDeviceGetSupportedMpcConfigurations(const MtmlDevice *parentDevice, unsigned int count, MtmlMpcConfiguration *info);
/** Fills *config with the configuration parentDevice now uses. */
MtmlReturn MTML_API mtmlDeviceGetMpcConfiguration(const MtmlDevice *parentDevice, MtmlMpcConfiguration *config);
/** Fills *config with the configuration named configName. */
MtmlReturn MTML_API mtmlDeviceGetMpcConfigurationByName(const MtmlDevice *parentDevice, const char *configName, MtmlMpcConfiguration *config);
/** Applies configuration id; existing instance handles become invalid. */
MtmlReturn MTML_API mtmlDeviceSetMpcConfiguration(const MtmlDevice *parentDevice, unsigned int id);
/** Writes how many instances of profile profileId exist into *count. */
MtmlReturn MTML_API mtmlDeviceCountMpcInstancesByProfileId(const MtmlDevice *parentDevice, unsigned int profileId, unsigned int *count);
/** Fills mpcInstance[0..count) with the instances of profile profileId. */
MtmlReturn MTML_API mtmlDeviceGetMpcInstancesByProfileId(const MtmlDevice *parentDevice, unsigned int profileId, unsigned int count, MtmlDevice **mpcInstance);
/** Writes the number of MPC instances of parentDevice into *count. */
MtmlReturn MTML_API mtmlDeviceCountMpcInstances(const MtmlDevice *parentDevice, unsigned int *count);
/** Fills mpcInstance[0..count) with all MPC instances of parentDevice. */
MtmlReturn MTML_API mtmlDeviceGetMpcInstances(const MtmlDevice *parentDevice, unsigned int count, MtmlDevice **mpcInstance);
/** Returns the MPC instance at position index of parentDevice in *mpcInstance. */
MtmlReturn MTML_API mtmlDeviceGetMpcInstanceByIndex(const MtmlDevice *parentDevice, unsigned int index, MtmlDevice **mpcInstance);
/** Returns the physical device an MPC instance belongs to in *parentDevice. */
MtmlReturn MTML_API mtmlDeviceGetMpcParentDevice(const MtmlDevice *mpcInstance, MtmlDevice **parentDevice);
/** Fills *profileInfo with the profile an MPC instance was made from. */
MtmlReturn MTML_API mtmlDeviceGetMpcProfileInfo(const MtmlDevice *mpcInstance, MtmlMpcProfile *profileInfo);
/** Writes an MPC instance's position on its parent into *index. */
MtmlReturn MTML_API mtmlDeviceGetMpcInstanceIndex(const MtmlDevice *mpcInstance, unsigned int *index);

/* ------------------------------------------------------------------------
 * Device: MtLink fabric
 * ---------------------------------------------------------------------- */

/** Fills *spec with the device's MtLink version, link bandwidth and port count. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkSpec(const MtmlDevice *device, MtmlMtLinkSpec *spec);
/** Writes the state of port linkId into *state. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkState(const MtmlDevice *device, unsigned int linkId, MtmlMtLinkState *state);
/** Writes whether port linkId has capability into *status. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkCapStatus(const MtmlDevice *device, unsigned int linkId, MtmlMtLinkCap capability, MtmlMtLinkCapStatus *status);
/** Returns the device at the far end of port linkId in *remoteDevice. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkRemoteDevice(const MtmlDevice *device, unsigned int linkId, MtmlDevice **remoteDevice);
/** Writes how many shortest MtLink routes join the two devices, and their length in devices, into *pathCount and *pathLength. */
MtmlReturn MTML_API mtmlDeviceCountMtLinkShortestPaths(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice, unsigned int *pathCount, unsigned int *pathLength);
/** Fills paths, pathCount rows of pathLength devices, with the shortest MtLink routes. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkShortestPaths(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice, unsigned int pathCount, unsigned int pathLength, MtmlDevice **paths);
/** Writes how many direct MtLink cables join the two devices into *linkCount. */
MtmlReturn MTML_API mtmlDeviceCountMtLinkLayouts(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice, unsigned int *linkCount);
/** Fills layouts[0..linkCount) with the port pairs of those cables. */
MtmlReturn MTML_API mtmlDeviceGetMtLinkLayouts(const MtmlDevice *localDevice, const MtmlDevice *remoteDevice, unsigned int linkCount, MtmlMtLinkLayout *layouts);

/* ------------------------------------------------------------------------
 * Device: affinity and reset
 * ---------------------------------------------------------------------- */

/** Sets bits in nodeSet (nodeSetSize words) for the NUMA nodes near the device. */
MtmlReturn MTML_API mtmlDeviceGetMemoryAffinityWithinNode(const MtmlDevice *device, unsigned int nodeSetSize, unsigned long *nodeSet);
/** Sets bits in cpuSet (cpuSetSize words) for the CPUs near the device. */
MtmlReturn MTML_API mtmlDeviceGetCpuAffinityWithinNode(const MtmlDevice *device, unsigned int cpuSetSize, unsigned long *cpuSet);
/** Resets the device; its handles and those of its sub-units become invalid. */
MtmlReturn MTML_API mtmlDeviceReset(const MtmlDevice *device);

/* ------------------------------------------------------------------------
 * Memory: ECC and page retirement
 * ---------------------------------------------------------------------- */

/** Requests an ECC mode; it takes effect after the next reset. */
MtmlReturn MTML_API mtmlMemorySetEccMode(const MtmlMemory *mem, MtmlEccMode mode);
/** Writes the ECC mode in force and the one waiting for reset. */
MtmlReturn MTML_API mtmlMemoryGetEccMode(const MtmlMemory *mem, MtmlEccMode *currentMode, MtmlEccMode *pendingMode);
/** Fills *count with the number of retired pages per cause. */
MtmlReturn MTML_API mtmlMemoryGetRetiredPagesCount(const MtmlMemory *mem, MtmlPageRetirementCount *count);
/** Fills pageRetirements[0..count) with the pages retired for cause. */
MtmlReturn MTML_API mtmlMemoryGetRetiredPages(const MtmlMemory *mem, MtmlPageRetirementCause cause, unsigned int count, MtmlPageRetirement *pageRetirements);
/** Writes whether retirements are waiting for reset into *isPending. */
MtmlReturn MTML_API mtmlMemoryGetRetiredPagesPendingStatus(const MtmlMemory *mem, MtmlRetiredPagesPendingState *isPending);
/** Writes one ECC error counter into *eccCounts. */
MtmlReturn MTML_API mtmlMemoryGetEccErrorCounter(const MtmlMemory *mem, MtmlMemoryErrorType errorType, MtmlEccCounterType counterType, MtmlMemoryLocation locationType, unsigned long long *eccCounts);
/** Sets the ECC error counters of counterType back to zero. */
MtmlReturn MTML_API mtmlMemoryClearEccErrorCounts(const MtmlMemory *mem, MtmlEccCounterType counterType);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MTML_H_ */
