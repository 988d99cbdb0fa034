//! Fault sweep: every MTML function of the simulator × every `MtmlReturn`
//! error code (plus one code the crate does not know).
//!
//! For each pair the simulator injects the code into that one function and
//! the safe wrapper that reaches it is called. The wrapper must return
//! exactly `Error::from_raw(code)`, must really have called the function,
//! must not panic, and the simulator must record no handle misuse.
//!
//! The table below is the single list of which wrapper reaches which C
//! function; `table_covers_every_function` fails when a function of
//! `mtml_sim::function_names()` is missing from it. Each case runs on a
//! fresh library instance (instances are isolated, so the tests of this file
//! run in parallel).

#![allow(deprecated)] // the `free_*` wrappers are deprecated but swept too

#[path = "common/domains.rs"]
mod domains;

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use domains::default_machine::{DESKTOP, ECC_HISTORY, MPC_PARENT, VIRT_HOST};
use mtml::ecc::{EccCounterType, EccMode, MemoryErrorType, MemoryLocation, PageRetirementCause};
use mtml::gpu::GpuEngine;
use mtml::log::LogConfiguration;
use mtml::mpc::MpcMode;
use mtml::mtlink::MtLinkCapability;
use mtml::topology::{P2pCapability, TopologyLevel};
use mtml::{Device, Error, Library, Result};
use mtml_sim::{FaultRule, MisuseKind, SimConfig};

/// Every error code of `MtmlReturn` (1..=12 and `MTML_ERROR_UNKNOWN`), plus
/// 77, which no MTML version defines (it must come back as `Error::Unknown`).
const CODES: [u32; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999, 77];

/// A running virtual device of the default machine (on `VIRT_HOST`).
const VIRT_UUID: &str = "4d544d4c-5600-4000-8000-000000000100";

/// A wrapper call that reaches the function under test.
type Call = fn(&mut Library) -> Result<()>;

/// How a function's fault is injected and observed.
#[derive(Clone, Copy)]
enum Route {
    /// A rule on the library instance; `Call` runs the wrapper.
    Instance(Call),
    /// A `[fault]` section in the config of the instance being created
    /// (`mtmlLibraryInit`).
    Init,
    /// A rule on the instance, observed through `Library::shutdown`.
    Shutdown,
    /// A process-wide rule (functions without a handle: logging).
    Global(fn() -> Result<()>),
    /// Does not return an `MtmlReturn` (`mtmlErrorString`): checked apart.
    NoReturnCode,
}

/// One row of the table.
struct Case {
    function: &'static str,
    route: Route,
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
fn table() -> Vec<Case> {
    use Route::{Global, Init, Instance, NoReturnCode, Shutdown};
    cases! {
        // Library.
        mtmlLibraryInit => Init,
        mtmlLibraryShutDown => Shutdown,
        mtmlLibraryGetVersion => Instance(|lib| lib.version().map(drop)),
        mtmlLibraryInitSystem => Instance(|lib| lib.system().map(drop)),
        mtmlLibraryFreeSystem => Instance(|lib| lib.free_system()),
        mtmlLibraryCountDevice => Instance(|lib| lib.device_count().map(drop)),
        mtmlLibraryInitDeviceByIndex => Instance(|lib| device(lib, 0).map(drop)),
        mtmlLibraryInitDeviceByUuid => Instance(|lib| {
            lib.device_by_uuid("4d544d4c-0000-4000-8000-000000000000").map(drop)
        }),
        mtmlLibraryInitDeviceByPciSbdf => Instance(|lib| {
            lib.device_by_pci_sbdf("00000000:01:00.0").map(drop)
        }),
        mtmlLibrarySetMpcConfigurationInBatch => Instance(|lib| {
            lib.set_mpc_configurations(&[(MPC_PARENT, 1)])
        }),
        mtmlLibraryFreeDevice => Instance(|lib| lib.free_device(0)),
        mtmlSystemGetDriverVersion => Instance(|lib| lib.system()?.driver_version().map(drop)),
        // Units.
        mtmlDeviceInitGpu => Instance(|lib| device(lib, 0)?.gpu().map(drop)),
        mtmlDeviceFreeGpu => Instance(|lib| lib.free_gpu(0)),
        mtmlDeviceInitMemory => Instance(|lib| device(lib, 0)?.memory().map(drop)),
        mtmlDeviceFreeMemory => Instance(|lib| lib.free_memory(0)),
        mtmlDeviceInitVpu => Instance(|lib| device(lib, ECC_HISTORY)?.vpu().map(drop)),
        mtmlDeviceFreeVpu => Instance(|lib| lib.free_vpu(ECC_HISTORY)),
        // Identity.
        mtmlDeviceGetIndex => Instance(|lib| device(lib, 0)?.index().map(drop)),
        mtmlDeviceGetUUID => Instance(|lib| device(lib, 0)?.uuid().map(drop)),
        mtmlDeviceGetBrand => Instance(|lib| device(lib, 0)?.brand().map(drop)),
        mtmlDeviceGetName => Instance(|lib| device(lib, 0)?.name().map(drop)),
        mtmlDeviceGetPciInfo => Instance(|lib| device(lib, 0)?.pci_info().map(drop)),
        mtmlDeviceGetPowerUsage => Instance(|lib| device(lib, 0)?.power_usage_mw().map(drop)),
        mtmlDeviceGetGpuPath => Instance(|lib| device(lib, 0)?.gpu_path().map(drop)),
        mtmlDeviceGetPrimaryPath => Instance(|lib| device(lib, 0)?.primary_path().map(drop)),
        mtmlDeviceGetRenderPath => Instance(|lib| device(lib, 0)?.render_path().map(drop)),
        mtmlDeviceGetVbiosVersion => Instance(|lib| device(lib, 0)?.vbios_version().map(drop)),
        mtmlDeviceGetMtBiosVersion => Instance(|lib| device(lib, 0)?.mtbios_version().map(drop)),
        mtmlDeviceGetProperty => Instance(|lib| device(lib, 0)?.property().map(drop)),
        // Board.
        mtmlDeviceCountFan => Instance(|lib| device(lib, DESKTOP)?.fan_count().map(drop)),
        mtmlDeviceGetFanSpeed => Instance(|lib| device(lib, DESKTOP)?.fan_speed_percent(0).map(drop)),
        mtmlDeviceGetFanRpm => Instance(|lib| device(lib, DESKTOP)?.fan_rpm(0).map(drop)),
        mtmlDeviceGetPcieSlotInfo => Instance(|lib| device(lib, 0)?.pcie_slot().map(drop)),
        mtmlDeviceCountDisplayInterface => Instance(|lib| {
            device(lib, DESKTOP)?.display_interface_count().map(drop)
        }),
        mtmlDeviceGetDisplayInterfaceSpec => Instance(|lib| {
            device(lib, DESKTOP)?.display_interface(0).map(drop)
        }),
        mtmlDeviceGetSerialNumber => Instance(|lib| device(lib, 0)?.serial_number().map(drop)),
        mtmlDeviceCountGpuCores => Instance(|lib| device(lib, 0)?.gpu_core_count().map(drop)),
        // Virtualization.
        mtmlDeviceCountSupportedVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.supported_virt_types().map(drop)
        }),
        mtmlDeviceGetSupportedVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.supported_virt_types().map(drop)
        }),
        mtmlDeviceCountAvailVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.available_virt_types().map(drop)
        }),
        mtmlDeviceGetAvailVirtTypes => Instance(|lib| {
            device(lib, VIRT_HOST)?.available_virt_types().map(drop)
        }),
        mtmlDeviceCountAvailVirtDevices => Instance(|lib| {
            let host = device(lib, VIRT_HOST)?;
            let virt_type = virt_device(lib)?.virt_type()?;
            host.available_virt_device_count(&virt_type).map(drop)
        }),
        mtmlDeviceCountActiveVirtDevices => Instance(|lib| {
            device(lib, VIRT_HOST)?.active_virt_device_count().map(drop)
        }),
        mtmlDeviceGetActiveVirtDeviceUuids => Instance(|lib| {
            device(lib, VIRT_HOST)?.active_virt_device_uuids().map(drop)
        }),
        mtmlDeviceCountMaxVirtDevices => Instance(|lib| {
            let host = device(lib, VIRT_HOST)?;
            let virt_type = virt_device(lib)?.virt_type()?;
            host.max_virt_device_count(&virt_type).map(drop)
        }),
        mtmlDeviceInitVirtDevice => Instance(|lib| virt_device(lib).map(drop)),
        mtmlDeviceFreeVirtDevice => Instance(|lib| lib.free_virt_device(VIRT_HOST, VIRT_UUID)),
        mtmlDeviceGetVirtType => Instance(|lib| virt_device(lib)?.virt_type().map(drop)),
        mtmlDeviceGetPhyDeviceUuid => Instance(|lib| {
            virt_device(lib)?.physical_device_uuid().map(drop)
        }),
        // Topology.
        mtmlDeviceGetTopologyLevel => Instance(|lib| {
            device(lib, 0)?.topology_level(&device(lib, 1)?).map(drop)
        }),
        mtmlDeviceCountDeviceByTopologyLevel => Instance(|lib| {
            device(lib, 0)?.devices_at_topology_level(TopologyLevel::System).map(drop)
        }),
        mtmlDeviceGetDeviceByTopologyLevel => Instance(|lib| {
            device(lib, 0)?.devices_at_topology_level(TopologyLevel::System).map(drop)
        }),
        mtmlDeviceGetP2PStatus => Instance(|lib| {
            device(lib, 0)?.p2p_status(&device(lib, 1)?, P2pCapability::Read).map(drop)
        }),
        // Graphics unit.
        mtmlGpuGetUtilization => Instance(|lib| device(lib, 0)?.gpu()?.utilization_percent().map(drop)),
        mtmlGpuGetTemperature => Instance(|lib| device(lib, 0)?.gpu()?.temperature_celsius().map(drop)),
        mtmlGpuGetClock => Instance(|lib| device(lib, 0)?.gpu()?.clock_mhz().map(drop)),
        mtmlGpuGetMaxClock => Instance(|lib| device(lib, 0)?.gpu()?.max_clock_mhz().map(drop)),
        mtmlGpuGetEngineUtilization => Instance(|lib| {
            device(lib, 0)?.gpu()?.engine_utilization_percent(GpuEngine::Geometry).map(drop)
        }),
        // Memory.
        mtmlMemoryGetTotal => Instance(|lib| device(lib, 0)?.memory()?.total_bytes().map(drop)),
        mtmlMemoryGetUsed => Instance(|lib| device(lib, 0)?.memory()?.used_bytes().map(drop)),
        mtmlMemoryGetUsedSystem => Instance(|lib| device(lib, 0)?.memory()?.used_system_bytes().map(drop)),
        mtmlMemoryGetUtilization => Instance(|lib| device(lib, 0)?.memory()?.utilization_percent().map(drop)),
        mtmlMemoryGetClock => Instance(|lib| device(lib, 0)?.memory()?.clock_mhz().map(drop)),
        mtmlMemoryGetMaxClock => Instance(|lib| device(lib, 0)?.memory()?.max_clock_mhz().map(drop)),
        mtmlMemoryGetBusWidth => Instance(|lib| device(lib, 0)?.memory()?.bus_width_bits().map(drop)),
        mtmlMemoryGetBandwidth => Instance(|lib| device(lib, 0)?.memory()?.bandwidth_gb_per_s().map(drop)),
        mtmlMemoryGetSpeed => Instance(|lib| device(lib, 0)?.memory()?.speed_mbps().map(drop)),
        mtmlMemoryGetVendor => Instance(|lib| device(lib, 0)?.memory()?.vendor().map(drop)),
        mtmlMemoryGetType => Instance(|lib| device(lib, 0)?.memory()?.memory_type().map(drop)),
        // Video codec unit.
        mtmlVpuGetUtilization => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.utilization().map(drop)),
        mtmlVpuGetClock => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.clock_mhz().map(drop)),
        mtmlVpuGetMaxClock => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.max_clock_mhz().map(drop)),
        mtmlVpuGetCodecCapacity => Instance(|lib| device(lib, ECC_HISTORY)?.vpu()?.codec_capacity().map(drop)),
        mtmlVpuGetEncoderSessionStates => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.encoder_session_states().map(drop)
        }),
        mtmlVpuGetEncoderSessionMetrics => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.encoder_session_metrics(0).map(drop)
        }),
        mtmlVpuGetDecoderSessionStates => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.decoder_session_states().map(drop)
        }),
        mtmlVpuGetDecoderSessionMetrics => Instance(|lib| {
            device(lib, ECC_HISTORY)?.vpu()?.decoder_session_metrics(0).map(drop)
        }),
        // Logging (no handle: process-wide rules).
        mtmlLogSetConfiguration => Global(|| mtml::log::set_configuration(&LogConfiguration::default())),
        mtmlLogGetConfiguration => Global(|| mtml::log::configuration().map(drop)),
        mtmlErrorString => NoReturnCode,
        // MPC.
        mtmlDeviceSetMpcMode => Instance(|lib| lib.set_mpc_mode(MPC_PARENT, MpcMode::Disabled)),
        mtmlDeviceGetMpcMode => Instance(|lib| device(lib, MPC_PARENT)?.mpc_mode().map(drop)),
        mtmlDeviceCountSupportedMpcProfiles => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_profiles().map(drop)
        }),
        mtmlDeviceGetSupportedMpcProfiles => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_profiles().map(drop)
        }),
        mtmlDeviceCountSupportedMpcConfigurations => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configurations().map(drop)
        }),
        mtmlDeviceGetSupportedMpcConfigurations => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configurations().map(drop)
        }),
        mtmlDeviceGetMpcConfiguration => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configuration().map(drop)
        }),
        mtmlDeviceGetMpcConfigurationByName => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_configuration_by_name("1h-2q").map(drop)
        }),
        mtmlDeviceSetMpcConfiguration => Instance(|lib| lib.set_mpc_configuration(MPC_PARENT, 1)),
        mtmlDeviceCountMpcInstancesByProfileId => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_instances_by_profile(1).map(drop)
        }),
        mtmlDeviceGetMpcInstancesByProfileId => Instance(|lib| {
            device(lib, MPC_PARENT)?.mpc_instances_by_profile(1).map(drop)
        }),
        mtmlDeviceCountMpcInstances => Instance(|lib| device(lib, MPC_PARENT)?.mpc_instances().map(drop)),
        mtmlDeviceGetMpcInstances => Instance(|lib| device(lib, MPC_PARENT)?.mpc_instances().map(drop)),
        mtmlDeviceGetMpcInstanceByIndex => Instance(|lib| mpc_instance(lib).map(drop)),
        mtmlDeviceGetMpcParentDevice => Instance(|lib| mpc_instance(lib)?.mpc_parent().map(drop)),
        mtmlDeviceGetMpcProfileInfo => Instance(|lib| mpc_instance(lib)?.mpc_profile().map(drop)),
        mtmlDeviceGetMpcInstanceIndex => Instance(|lib| mpc_instance(lib)?.mpc_instance_index().map(drop)),
        // MtLink.
        mtmlDeviceGetMtLinkSpec => Instance(|lib| device(lib, 0)?.mtlink_spec().map(drop)),
        mtmlDeviceGetMtLinkState => Instance(|lib| device(lib, 0)?.mtlink_state(0).map(drop)),
        mtmlDeviceGetMtLinkCapStatus => Instance(|lib| {
            device(lib, 0)?.mtlink_capability(0, MtLinkCapability::P2pAccess).map(drop)
        }),
        mtmlDeviceGetMtLinkRemoteDevice => Instance(|lib| device(lib, 0)?.mtlink_remote_device(0).map(drop)),
        mtmlDeviceCountMtLinkShortestPaths => Instance(|lib| {
            device(lib, 0)?.mtlink_shortest_paths(&device(lib, 4)?).map(drop)
        }),
        mtmlDeviceGetMtLinkShortestPaths => Instance(|lib| {
            device(lib, 0)?.mtlink_shortest_paths(&device(lib, 4)?).map(drop)
        }),
        mtmlDeviceCountMtLinkLayouts => Instance(|lib| {
            device(lib, 0)?.mtlink_layouts(&device(lib, 1)?).map(drop)
        }),
        mtmlDeviceGetMtLinkLayouts => Instance(|lib| {
            device(lib, 0)?.mtlink_layouts(&device(lib, 1)?).map(drop)
        }),
        // Affinity.
        mtmlDeviceGetMemoryAffinityWithinNode => Instance(|lib| {
            device(lib, 0)?.memory_affinity_numa_nodes().map(drop)
        }),
        mtmlDeviceGetCpuAffinityWithinNode => Instance(|lib| device(lib, 0)?.cpu_affinity().map(drop)),
        // Reset and ECC.
        mtmlDeviceReset => Instance(|lib| lib.reset_device(0)),
        mtmlMemorySetEccMode => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.set_ecc_mode(EccMode::Disabled)
        }),
        mtmlMemoryGetEccMode => Instance(|lib| device(lib, ECC_HISTORY)?.memory()?.ecc_mode().map(drop)),
        mtmlMemoryGetRetiredPagesCount => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.retired_page_counts().map(drop)
        }),
        mtmlMemoryGetRetiredPages => Instance(|lib| {
            let memory = device(lib, ECC_HISTORY)?.memory()?;
            memory.retired_pages(PageRetirementCause::MultipleSingleBitEccErrors).map(drop)
        }),
        mtmlMemoryGetRetiredPagesPendingStatus => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.retired_pages_pending().map(drop)
        }),
        mtmlMemoryGetEccErrorCounter => Instance(|lib| {
            let memory = device(lib, ECC_HISTORY)?.memory()?;
            memory
                .ecc_error_count(MemoryErrorType::Corrected, EccCounterType::Volatile, MemoryLocation::Dram)
                .map(drop)
        }),
        mtmlMemoryClearEccErrorCounts => Instance(|lib| {
            device(lib, ECC_HISTORY)?.memory()?.clear_ecc_error_counts(EccCounterType::Volatile)
        }),
    }
}

/// Sums every misuse kind recorded on the instance.
fn misuse_on(lib: &Library) -> u64 {
    let control = domains::control(lib);
    MisuseKind::ALL
        .iter()
        .map(|&kind| control.misuse_count(kind).expect("misuse count"))
        .sum()
}

/// Runs one (function, code) pair; `Err` describes what went wrong.
fn run_case(case: &Case, code: u32) -> std::result::Result<(), String> {
    let expected = Error::from_raw(code).expect("an error code");
    match case.route {
        Route::Instance(call) => {
            let mut lib = domains::open_default();
            {
                let control = domains::control(&lib);
                control
                    .inject_fault(&FaultRule::new(case.function, code))
                    .map_err(|e| format!("cannot inject: {e}"))?;
            }
            let got = call(&mut lib);
            if got != Err(expected.clone()) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            let calls = domains::control(&lib)
                .call_count(case.function)
                .map_err(|e| e.to_string())?;
            if calls == 0 {
                return Err("the wrapper never called the function".into());
            }
            let misuse = misuse_on(&lib);
            if misuse != 0 {
                return Err(format!("{misuse} handle misuse(s) recorded"));
            }
            Ok(())
        }
        Route::Init => {
            SimConfig::from_default()
                .fault(FaultRule::new(case.function, code))
                .set_for_next_init()
                .map_err(|e| format!("config rejected: {e}"))?;
            match Library::init() {
                Err(error) if error == expected => Ok(()),
                Err(error) => Err(format!("expected Err({expected:?}), got Err({error:?})")),
                Ok(_) => Err("init succeeded despite the fault".into()),
            }
        }
        Route::Shutdown => {
            let lib = domains::open_default();
            let raw = lib.as_raw();
            domains::control(&lib)
                .inject_fault(&FaultRule::new(case.function, code))
                .map_err(|e| format!("cannot inject: {e}"))?;
            let got = lib.shutdown();
            if got != Err(expected.clone()) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            // A failed shutdown leaves the library alive: clear the rule and
            // shut it down for real, so the instance does not leak.
            // SAFETY: the failed shutdown left `raw` a live simulator library.
            let control = unsafe { mtml_sim::Control::from_raw(raw.cast()) }.expect("non-NULL");
            let misuse: u64 = MisuseKind::ALL
                .iter()
                .map(|&kind| control.misuse_count(kind).expect("misuse count"))
                .sum();
            control.clear_faults().map_err(|e| e.to_string())?;
            // SAFETY: `raw` is live and shut down exactly once; `control` is
            // not used afterwards.
            let rc = unsafe { mtml_sys::mtmlLibraryShutDown(raw) };
            if rc != mtml_sys::MtmlReturn::MTML_SUCCESS {
                return Err(format!("second shutdown failed with {}", rc.0));
            }
            if misuse != 0 {
                return Err(format!("{misuse} handle misuse(s) recorded"));
            }
            Ok(())
        }
        Route::Global(call) => {
            mtml_sim::inject_global_fault(&FaultRule::new(case.function, code))
                .map_err(|e| format!("cannot inject: {e}"))?;
            let got = call();
            mtml_sim::clear_global_faults().map_err(|e| e.to_string())?;
            if got != Err(expected.clone()) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            Ok(())
        }
        Route::NoReturnCode => Ok(()),
    }
}

/// Sweeps every code over the table rows whose function starts with one of
/// `prefixes` (and does not start with one of `except`); returns the number
/// of cases run.
fn sweep(prefixes: &[&str], except: &[&str]) -> usize {
    let mut failures = Vec::new();
    let mut cases = 0;
    for case in table() {
        let selected = prefixes.iter().any(|p| case.function.starts_with(p))
            && !except.iter().any(|p| case.function.starts_with(p));
        if !selected || matches!(case.route, Route::NoReturnCode) {
            continue;
        }
        for code in CODES {
            cases += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| run_case(&case, code)))
                .unwrap_or_else(|_| Err("panicked".into()));
            if let Err(why) = outcome {
                failures.push(format!("{} / code {code}: {why}", case.function));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases > 0, "no case selected");
    println!("{cases} fault cases passed");
    cases
}

#[test]
fn table_covers_every_function() {
    let names: Vec<&str> = table().iter().map(|case| case.function).collect();
    let listed: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(listed.len(), names.len(), "a function is listed twice");
    let simulated: BTreeSet<&str> = mtml_sim::function_names().into_iter().collect();
    let missing: Vec<_> = simulated.difference(&listed).collect();
    assert!(missing.is_empty(), "not in the sweep table: {missing:?}");
    let unknown: Vec<_> = listed.difference(&simulated).collect();
    assert!(unknown.is_empty(), "not simulated: {unknown:?}");
    let with_code = table()
        .iter()
        .filter(|case| !matches!(case.route, Route::NoReturnCode))
        .count();
    assert_eq!(with_code, 115, "functions returning MtmlReturn");
}

#[test]
fn sweep_library_and_system() {
    sweep(&["mtmlLibrary", "mtmlSystem"], &[]);
}

#[test]
fn sweep_device_identity_board_and_virtualization() {
    sweep(
        &["mtmlDevice"],
        &[
            "mtmlDeviceGetMpc",
            "mtmlDeviceSetMpc",
            "mtmlDeviceCount",
            "mtmlDeviceGetMtLink",
        ],
    );
}

#[test]
fn sweep_device_counts_mpc_and_mtlink() {
    sweep(
        &[
            "mtmlDeviceGetMpc",
            "mtmlDeviceSetMpc",
            "mtmlDeviceCount",
            "mtmlDeviceGetMtLink",
        ],
        &[],
    );
}

#[test]
fn sweep_gpu_memory_and_vpu() {
    sweep(&["mtmlGpu", "mtmlMemory", "mtmlVpu"], &[]);
}

/// The only test of this binary that calls the logging functions, so the
/// process-wide rules cannot disturb another test.
#[test]
fn sweep_logging() {
    sweep(&["mtmlLog"], &[]);
    // After the rules are gone the functions work again.
    mtml::log::configuration().expect("logging recovers");
}

#[test]
fn error_string_describes_every_code() {
    for code in CODES {
        let error = Error::from_raw(code).expect("an error code");
        let text = error.library_message().expect("a description");
        assert!(!text.is_empty(), "empty description of {code}");
        assert!(!error.to_string().is_empty());
    }
}

/// Issue 7, "missing pieces": a failing start-up gives a clear error.
#[test]
fn init_failures_are_clear() {
    for (code, expected, words) in [
        (1, Error::DriverNotLoaded, "driver is not loaded"),
        (9, Error::DriverTooOld, "too old"),
        (10, Error::DriverTooNew, "too new"),
        (5, Error::NoPermission, "permission"),
    ] {
        SimConfig::from_default()
            .fault(FaultRule::new("mtmlLibraryInit", code))
            .set_for_next_init()
            .unwrap();
        let error = Library::init().unwrap_err();
        assert_eq!(error, expected);
        assert!(error.to_string().contains(words), "{error}");
    }
    // The next init on the same thread is not affected.
    let lib = domains::open_default();
    assert_eq!(lib.device_count().unwrap(), domains::default_machine::COUNT);
}

/// Dropping a library whose shutdown fails neither panics nor misuses.
#[test]
fn drop_with_failing_shutdown_is_quiet() {
    let lib = domains::open_default();
    domains::control(&lib)
        .inject_fault(&FaultRule::new("mtmlLibraryShutDown", 2).times(1))
        .unwrap();
    let raw = lib.as_raw();
    drop(lib);
    // The drop's shutdown failed once; the instance is still alive.
    // SAFETY: the failed shutdown left `raw` a live simulator library.
    let control = unsafe { mtml_sim::Control::from_raw(raw.cast()) }.unwrap();
    assert_eq!(control.call_count("mtmlLibraryShutDown").unwrap(), 1);
    // SAFETY: `raw` is live and shut down exactly once from here.
    let rc = unsafe { mtml_sys::mtmlLibraryShutDown(raw) };
    assert_eq!(rc, mtml_sys::MtmlReturn::MTML_SUCCESS);
}
