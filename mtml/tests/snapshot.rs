//! `Device::snapshot` against the fixture and default machines.

mod common;

use common::fixture::{DESKTOP, SERVER};
use mtml::{Error, GpuEngine, MemoryType};
use mtml_sim::{code, FaultRule, SimConfig};

#[test]
fn server_snapshot_matches_config() {
    let lib = common::open();
    let snap = lib.device_by_index(SERVER).unwrap().snapshot();
    assert_eq!(snap.errors, vec![]);
    assert_eq!(snap.index, Some(SERVER));
    assert_eq!(snap.name.as_deref(), Some("MTT S4000"));
    assert_eq!(snap.uuid.as_deref(), Some(common::fixture::UUIDS[0]));
    assert_eq!(snap.serial_number.as_deref(), Some("FIXTURE-S4000-0"));
    assert_eq!(snap.pci.as_ref().unwrap().sbdf, "00000002:1b:00.0");
    assert_eq!(snap.gpu_core_count, Some(8192));
    assert_eq!(snap.power_usage_mw, Some(65000));
    assert_eq!(snap.fans, None, "passive card has no fans");
    assert_eq!(snap.display_interfaces, None, "server card has no outputs");
    let gpu = snap.gpu.as_ref().unwrap();
    assert_eq!(gpu.clock_mhz, Some(800));
    assert_eq!(gpu.max_clock_mhz, Some(1750));
    assert_eq!(gpu.utilization_percent, Some(0));
    let engines: Vec<GpuEngine> = gpu.engine_utilization_percent.iter().map(|e| e.0).collect();
    assert_eq!(engines, GpuEngine::ALL.to_vec());
    let memory = snap.memory.as_ref().unwrap();
    assert_eq!(memory.total_bytes, Some(48 << 30));
    assert_eq!(memory.used_bytes, Some(512 << 20));
    assert_eq!(memory.vendor.as_deref(), Some("Samsung"));
    assert_eq!(memory.memory_type, Some(MemoryType::Gddr6));
    assert_eq!(memory.ecc_volatile_corrected, Some(0));
    assert_eq!(memory.ecc_aggregate_uncorrected, Some(0));
    let vpu = snap.vpu.as_ref().unwrap();
    assert_eq!(vpu.clock_mhz, Some(300));
    assert_eq!(vpu.max_clock_mhz, Some(900));
    assert_eq!(vpu.active_encoder_sessions, Some(0));
    assert!(snap.mtlink.is_some());
    assert!(snap.property.unwrap().mtlink_capable);
}

#[test]
fn desktop_snapshot_reports_unsupported_as_none() {
    let lib = common::open();
    let snap = lib.device_by_index(DESKTOP).unwrap().snapshot();
    assert_eq!(snap.errors, vec![]);
    assert_eq!(snap.fans.as_ref().map(Vec::len), Some(2));
    assert_eq!(snap.display_interfaces.as_ref().map(Vec::len), Some(2));
    let memory = snap.memory.as_ref().unwrap();
    assert_eq!(memory.ecc_modes, None);
    assert_eq!(memory.ecc_volatile_corrected, None);
    assert_eq!(snap.mtlink, None);
    assert_eq!(snap.active_virt_devices, None);
}

#[test]
fn failures_other_than_unsupported_are_listed() {
    let lib = common::open();
    common::control(&lib)
        .inject_fault(&FaultRule::new("mtmlGpuGetClock", code::TIMEOUT))
        .unwrap();
    let snap = lib.device_by_index(SERVER).unwrap().snapshot();
    assert_eq!(snap.gpu.as_ref().unwrap().clock_mhz, None);
    assert_eq!(snap.errors.len(), 1);
    assert_eq!(snap.errors[0].metric, "gpu.clock_mhz");
    assert_eq!(snap.errors[0].error, Error::Timeout);
}

#[test]
fn default_machine_snapshot_covers_other_domains() {
    let lib = common::open_config(SimConfig::from_default());
    // Device 2 of the default machine: ECC history and codec sessions.
    let snap = lib.device_by_index(2).unwrap().snapshot();
    assert_eq!(snap.errors, vec![]);
    let memory = snap.memory.as_ref().unwrap();
    assert_eq!(memory.ecc_volatile_corrected, Some(12));
    assert_eq!(memory.ecc_aggregate_uncorrected, Some(3));
    let retired = memory.retired_pages.unwrap();
    assert_eq!((retired.single_bit_ecc, retired.double_bit_ecc), (2, 2));
    assert_eq!(memory.retired_pages_pending, Some(true));
    let vpu = snap.vpu.as_ref().unwrap();
    assert_eq!(vpu.active_encoder_sessions, Some(2));
    assert_eq!(vpu.active_decoder_sessions, Some(2));
    // Device 7 is an MPC parent, device 1 a virtualization host.
    let parent = lib.device_by_index(7).unwrap().snapshot();
    assert_eq!(parent.mpc_mode, Some(mtml::MpcMode::Enabled));
    assert_eq!(parent.property.unwrap().mpc_type, mtml::MpcType::Parent);
    let host = lib.device_by_index(1).unwrap().snapshot();
    assert_eq!(host.active_virt_devices, Some(2));
}

#[cfg(feature = "serde")]
#[test]
fn snapshot_serializes() {
    let lib = common::open();
    let snap = lib.device_by_index(SERVER).unwrap().snapshot();
    let json = serde_json::to_string(&snap).unwrap();
    let back: mtml::DeviceSnapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, snap);
}
