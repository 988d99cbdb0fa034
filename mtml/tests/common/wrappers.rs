//! The table of which safe wrapper reaches which MTML function, shared by
//! the fault sweep and the hostile-data tests.
#![allow(dead_code)]
#![allow(deprecated)] // the `free_*` and `vbios_version` wrappers are swept too

use mtml::ecc::{EccCounterType, EccMode, MemoryErrorType, MemoryLocation, PageRetirementCause};
use mtml::gpu::GpuEngine;
use mtml::log::LogConfiguration;
use mtml::mpc::MpcMode;
use mtml::mtlink::MtLinkCapability;
use mtml::topology::{P2pCapability, TopologyLevel};
use mtml::{Device, Library, Result};

use super::domains::default_machine::{DESKTOP, ECC_HISTORY, MPC_PARENT, VIRT_HOST};

/// A running virtual device of the default machine (on `VIRT_HOST`).
pub const VIRT_UUID: &str = "4d544d4c-5600-4000-8000-000000000100";

/// A wrapper call that reaches the function under test.
pub type Call = fn(&mut Library) -> Result<String>;

/// How a function's fault is injected and observed.
#[derive(Clone, Copy)]
pub enum Route {
    /// A rule on the library instance; `Call` runs the wrapper.
    Instance(Call),
    /// A `[fault]` section in the config of the instance being created
    /// (`mtmlLibraryInit`).
    Init,
    /// A rule on the instance, observed through `Library::shutdown`.
    Shutdown,
    /// A process-wide rule (functions without a handle: logging).
    Global(fn() -> Result<String>),
    /// Does not return an `MtmlReturn` (`mtmlErrorString`): checked apart.
    NoReturnCode,
}

/// One row of the table.
pub struct Case {
    pub function: &'static str,
    pub route: Route,
}

/// Debug text of a wrapper's answer, to compare outcomes.
pub fn show<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}")
}

fn device(lib: &Library, index: u32) -> Result<Device<'_>> {
    lib.device_by_index(index)
}

fn mpc_instance(lib: &Library) -> Result<Device<'_>> {
    device(lib, MPC_PARENT)?.mpc_instance(0)
}

fn virt_device(lib: &Library) -> Result<Device<'_>> {
    device(lib, VIRT_HOST)?.virt_device(VIRT_UUID)
}

macro_rules! cases {
    ($($function:ident => $route:expr,)*) => {
        vec![$(Case { function: stringify!($function), route: $route },)*]
    };
}

/// The sweep table: every simulated function and the wrapper reaching it.
pub fn table() -> Vec<Case> {
    use Route::{Global, Init, Instance, NoReturnCode, Shutdown};
    cases! {
        // Library.
        mtmlLibraryInit => Init,
        mtmlLibraryShutDown => Shutdown,
        mtmlLibraryGetVersion => Instance(|lib| lib.version().map(show)),
        mtmlLibraryInitSystem => Instance(|lib| lib.system().map(show)),
        mtmlLibraryFreeSystem => Instance(|lib| lib.free_system().map(show)),
        mtmlLibraryCountDevice => Instance(|lib| lib.device_count().map(show)),
        mtmlLibraryInitDeviceByIndex => Instance(|lib| device(lib, 0).map(show)),
        mtmlLibraryInitDeviceByUuid => Instance(|lib| {
            lib.device_by_uuid("4d544d4c-0000-4000-8000-000000000000").map(show)
        }),
        mtmlLibraryInitDeviceByPciSbdf => Instance(|lib| {
            lib.device_by_pci_sbdf("00000000:01:00.0").map(show)
        }),
        mtmlLibrarySetMpcConfigurationInBatch => Instance(|lib| {
            lib.set_mpc_configurations(&[(MPC_PARENT, 1)]).map(show)
        }),
        mtmlLibraryFreeDevice => Instance(|lib| lib.free_device(0).map(show)),
        mtmlSystemGetDriverVersion => Instance(|lib| lib.system()?.driver_version().map(show)),
        // Units.
        mtmlDeviceInitGpu => Instance(|lib| device(lib, 0)?.gpu().map(show)),
        mtmlDeviceFreeGpu => Instance(|lib| lib.free_gpu(0).map(show)),
        mtmlDeviceInitMemory => Instance(|lib| device(lib, 0)?.memory().map(show)),
        mtmlDeviceFreeMemory => Instance(|lib| lib.free_memory(0).map(show)),
        mtmlDeviceInitVpu => Instance(|lib| device(lib, ECC_HISTORY)?.vpu().map(show)),
        mtmlDeviceFreeVpu => Instance(|lib| lib.free_vpu(ECC_HISTORY).map(show)),
        // Identity.
        mtmlDeviceGetIndex => Instance(|lib| device(lib, 0)?.index().map(show)),
        mtmlDeviceGetUUID => Instance(|lib| device(lib, 0)?.uuid().map(show)),
        mtmlDeviceGetBrand => Instance(|lib| device(lib, 0)?.brand().map(show)),
        mtmlDeviceGetName => Instance(|lib| device(lib, 0)?.name().map(show)),
        mtmlDeviceGetPciInfo => Instance(|lib| device(lib, 0)?.pci_info().map(show)),
        mtmlDeviceGetPowerUsage => Instance(|lib| device(lib, 0)?.power_usage_mw().map(show)),
        mtmlDeviceGetGpuPath => Instance(|lib| device(lib, 0)?.gpu_path().map(show)),
        mtmlDeviceGetPrimaryPath => Instance(|lib| device(lib, 0)?.primary_path().map(show)),
        mtmlDeviceGetRenderPath => Instance(|lib| device(lib, 0)?.render_path().map(show)),
        mtmlDeviceGetVbiosVersion => Instance(|lib| device(lib, 0)?.vbios_version().map(show)),
        mtmlDeviceGetMtBiosVersion => Instance(|lib| device(lib, 0)?.mtbios_version().map(show)),
        mtmlDeviceGetProperty => Instance(|lib| device(lib, 0)?.property().map(show)),
        // Board.
        mtmlDeviceCountFan => Instance(|lib| device(lib, DESKTOP)?.fan_count().map(show)),
        mtmlDeviceGetFanSpeed => Instance(|lib| device(lib, DESKTOP)?.fan_speed_percent(0).map(show)),
        mtmlDeviceGetFanRpm => Instance(|lib| device(lib, DESKTOP)?.fan_rpm(0).map(show)),
        mtmlDeviceGetPcieSlotInfo => Instance(|lib| device(lib, 0)?.pcie_slot().map(show)),
        mtmlDeviceCountDisplayInterface => Instance(|lib| {
            device(lib, DESKTOP)?.display_interface_count().map(show)
        }),
        mtmlDeviceGetDisplayInterfaceSpec => Instance(|lib| {
            device(lib, DESKTOP)?.display_interface(0).map(show)
        }),
        mtmlDeviceGetSerialNumber => Instance(|lib| device(lib, 0)?.serial_number().map(show)),
        mtmlDeviceCountGpuCores => Instance(|lib| device(lib, 0)?.gpu_core_count().map(show)),
        // Virtualization.
        mtmlDeviceCountSupportedVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.supported_virt_types().map(show)
        }),
        mtmlDeviceGetSupportedVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.supported_virt_types().map(show)
        }),
        mtmlDeviceCountAvailVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.available_virt_types().map(show)
        }),
        mtmlDeviceGetAvailVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.available_virt_types().map(show)
        }),
        mtmlDeviceCountAvailVirtDevices => Instance(|lib| {
            let host = device(lib, VIRT_HOST)?;
            let virt_type = virt_device(lib)?.virt_type()?;
            host.available_virt_device_count(&virt_type).map(show)
        }),
        mtmlDeviceCountActiveVirtDevices => Instance(|lib| {
            device(lib, VIRT_HOST)?.active_virt_device_count().map(show)
        }),
        mtmlDeviceGetActiveVirtDeviceUuids => Instance(|lib| {
            device(lib, VIRT_HOST)?.active_virt_device_uuids().map(show)
        }),
        mtmlDeviceCountMaxVirtDevices => Instance(|lib| {
            let host = device(lib, VIRT_HOST)?;
            let virt_type = virt_device(lib)?.virt_type()?;
            host.max_virt_device_count(&virt_type).map(show)
        }),
        mtmlDeviceInitVirtDevice => Instance(|lib| virt_device(lib).map(show)),
        mtmlDeviceFreeVirtDevice => Instance(|lib| lib.free_virt_device(VIRT_HOST, VIRT_UUID).map(show)),
        mtmlDeviceGetVirtType => Instance(|lib| virt_device(lib)?.virt_type().map(show)),
        mtmlDeviceGetPhyDeviceUuid => Instance(|lib| {
            virt_device(lib)?.physical_device_uuid().map(show)
        }),
        // Topology.
        mtmlDeviceGetTopologyLevel => Instance(|lib| {
            device(lib, 0)?.topology_level(&device(lib, 1)?).map(show)
        }),
        mtmlDeviceCountDeviceByTopologyLevel => Instance(|lib| {
            device(lib, 0)?.devices_at_topology_level(TopologyLevel::System).map(show)
        }),
        mtmlDeviceGetDeviceByTopologyLevel => Instance(|lib| {
            device(lib, 0)?.devices_at_topology_level(TopologyLevel::System).map(show)
        }),
        mtmlDeviceGetP2PStatus => Instance(|lib| {
            device(lib, 0)?.p2p_status(&device(lib, 1)?, P2pCapability::Read).map(show)
        }),
        // Graphics unit.
        mtmlGpuGetUtilization => Instance(|lib| device(lib, 0)?.gpu()?.utilization_percent().map(show)),
        mtmlGpuGetTemperature => Instance(|lib| device(lib, 0)?.gpu()?.temperature_celsius().map(show)),
        mtmlGpuGetClock => Instance(|lib| device(lib, 0)?.gpu()?.clock_mhz().map(show)),
        mtmlGpuGetMaxClock => Instance(|lib| device(lib, 0)?.gpu()?.max_clock_mhz().map(show)),
        mtmlGpuGetEngineUtilization => Instance(|lib| {
            device(lib, 0)?.gpu()?.engine_utilization_percent(GpuEngine::Geometry).map(show)
        }),
        // Memory.
        mtmlMemoryGetTotal => Instance(|lib| device(lib, 0)?.memory()?.total_bytes().map(show)),
        mtmlMemoryGetUsed => Instance(|lib| device(lib, 0)?.memory()?.used_bytes().map(show)),
        mtmlMemoryGetUsedSystem => Instance(|lib| device(lib, 0)?.memory()?.used_system_bytes().map(show)),
        mtmlMemoryGetUtilization => Instance(|lib| device(lib, 0)?.memory()?.utilization_percent().map(show)),
        mtmlMemoryGetClock => Instance(|lib| device(lib, 0)?.memory()?.clock_mhz().map(show)),
        mtmlMemoryGetMaxClock => Instance(|lib| device(lib, 0)?.memory()?.max_clock_mhz().map(show)),
        mtmlMemoryGetBusWidth => Instance(|lib| device(lib, 0)?.memory()?.bus_width_bits().map(show)),
        mtmlMemoryGetBandwidth => Instance(|lib| device(lib, 0)?.memory()?.bandwidth_gb_per_s().map(show)),
        mtmlMemoryGetSpeed => Instance(|lib| device(lib, 0)?.memory()?.speed_mbps().map(show)),
        mtmlMemoryGetVendor => Instance(|lib| device(lib, 0)?.memory()?.vendor().map(show)),
        mtmlMemoryGetType => Instance(|lib| device(lib, 0)?.memory()?.memory_type().map(show)),
        // Video codec unit.
        mtmlVpuGetUtilization => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.utilization().map(show)),
        mtmlVpuGetClock => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.clock_mhz().map(show)),
        mtmlVpuGetMaxClock => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.max_clock_mhz().map(show)),
        mtmlVpuGetCodecCapacity => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.codec_capacity().map(show)),
        mtmlVpuGetEncoderSessionStates => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.encoder_session_states().map(show)
        }),
        mtmlVpuGetEncoderSessionMetrics => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.encoder_session_metrics(0).map(show)
        }),
        mtmlVpuGetDecoderSessionStates => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.decoder_session_states().map(show)
        }),
        mtmlVpuGetDecoderSessionMetrics => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.decoder_session_metrics(0).map(show)
        }),
        // Logging (no handle: process-wide rules).
        mtmlLogSetConfiguration => Global(|| mtml::log::set_configuration(&LogConfiguration::default()).map(show)),
        mtmlLogGetConfiguration => Global(|| mtml::log::configuration().map(show)),
        mtmlErrorString => NoReturnCode,
        // MPC.
        mtmlDeviceSetMpcMode => Instance(|lib| lib.set_mpc_mode(MPC_PARENT, MpcMode::Disabled).map(show)),
        mtmlDeviceGetMpcMode => Instance(|lib| device(lib, MPC_PARENT)?.mpc_mode().map(show)),
        mtmlDeviceCountSupportedMpcProfiles => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_profiles().map(show)
        }),
        mtmlDeviceGetSupportedMpcProfiles => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_profiles().map(show)
        }),
        mtmlDeviceCountSupportedMpcConfigurations => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configurations().map(show)
        }),
        mtmlDeviceGetSupportedMpcConfigurations => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configurations().map(show)
        }),
        mtmlDeviceGetMpcConfiguration => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configuration().map(show)
        }),
        mtmlDeviceGetMpcConfigurationByName => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configuration_by_name("1h-2q").map(show)
        }),
        mtmlDeviceSetMpcConfiguration => Instance(|lib| lib.set_mpc_configuration(MPC_PARENT, 1).map(show)),
        mtmlDeviceCountMpcInstancesByProfileId => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_instances_by_profile(1).map(show)
        }),
        mtmlDeviceGetMpcInstancesByProfileId => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_instances_by_profile(1).map(show)
        }),
        mtmlDeviceCountMpcInstances => Instance(|lib| device(lib, MPC_PARENT)?.mpc_instances().map(show)),
        mtmlDeviceGetMpcInstances => Instance(|lib| device(lib, MPC_PARENT)?.mpc_instances().map(show)),
        mtmlDeviceGetMpcInstanceByIndex => Instance(|lib| mpc_instance(lib).map(show)),
        mtmlDeviceGetMpcParentDevice => Instance(|lib| mpc_instance(lib)?.mpc_parent().map(show)),
        mtmlDeviceGetMpcProfileInfo => Instance(|lib| mpc_instance(lib)?.mpc_profile().map(show)),
        mtmlDeviceGetMpcInstanceIndex => Instance(|lib| mpc_instance(lib)?.mpc_instance_index().map(show)),
        // MtLink.
        mtmlDeviceGetMtLinkSpec => Instance(|lib| device(lib, 0)?.mtlink_spec().map(show)),
        mtmlDeviceGetMtLinkState => Instance(|lib| device(lib, 0)?.mtlink_state(0).map(show)),
        mtmlDeviceGetMtLinkCapStatus => Instance(|lib| {
            device(lib, 0)?.mtlink_capability(0, MtLinkCapability::P2pAccess).map(show)
        }),
        mtmlDeviceGetMtLinkRemoteDevice => Instance(|lib| device(lib, 0)?.mtlink_remote_device(0).map(show)),
        mtmlDeviceCountMtLinkShortestPaths => Instance(|lib| {
            device(lib, 0)?.mtlink_shortest_paths(&device(lib, 4)?).map(show)
        }),
        mtmlDeviceGetMtLinkShortestPaths => Instance(|lib| {
            device(lib, 0)?.mtlink_shortest_paths(&device(lib, 4)?).map(show)
        }),
        mtmlDeviceCountMtLinkLayouts => Instance(|lib| {
            device(lib, 0)?.mtlink_layouts(&device(lib, 1)?).map(show)
        }),
        mtmlDeviceGetMtLinkLayouts => Instance(|lib| {
            device(lib, 0)?.mtlink_layouts(&device(lib, 1)?).map(show)
        }),
        // Affinity.
        mtmlDeviceGetMemoryAffinityWithinNode => Instance(|lib| {
            device(lib, 0)?.memory_affinity_numa_nodes().map(show)
        }),
        mtmlDeviceGetCpuAffinityWithinNode => Instance(|lib| device(lib, 0)?.cpu_affinity().map(show)),
        // Reset and ECC.
        mtmlDeviceReset => Instance(|lib| lib.reset_device(0).map(show)),
        mtmlMemorySetEccMode => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.set_ecc_mode(EccMode::Disabled).map(show)
        }),
        mtmlMemoryGetEccMode => Instance(|lib| device(lib, ECC_HISTORY)?.memory()?.ecc_mode().map(show)),
        mtmlMemoryGetRetiredPagesCount => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.retired_page_counts().map(show)
        }),
        mtmlMemoryGetRetiredPages => Instance(|lib| {
            let memory = device(lib, ECC_HISTORY)?.memory()?;
            memory.retired_pages(PageRetirementCause::MultipleSingleBitEccErrors).map(show)
        }),
        mtmlMemoryGetRetiredPagesPendingStatus => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.retired_pages_pending().map(show)
        }),
        mtmlMemoryGetEccErrorCounter => Instance(|lib| {
            let memory = device(lib, ECC_HISTORY)?.memory()?;
            memory
                .ecc_error_count(MemoryErrorType::Corrected, EccCounterType::Volatile, MemoryLocation::Dram)
                .map(show)
        }),
        mtmlMemoryClearEccErrorCounts => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.clear_ecc_error_counts(EccCounterType::Volatile).map(show)
        }),
    }
}
