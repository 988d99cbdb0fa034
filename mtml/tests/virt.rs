//! Virtualization against the simulator's default machine.

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::{DESKTOP, VIRT_HOST};
use mtml::virt::VirtType;
use mtml::Error;
use mtml_sim::HostileMode;

const VIRT_UUIDS: [&str; 2] = [
    "4d544d4c-5600-4000-8000-000000000100",
    "4d544d4c-5600-4000-8000-000000000101",
];

fn twelve_gib() -> VirtType {
    VirtType {
        id: "mtgpu-4k-12g".into(),
        name: "s4000-12g".into(),
        api: "vfio-pci".into(),
        max_width_px: 3840,
        max_height_px: 2160,
        frame_buffer_mib: 12288,
        max_encoder_sessions: 4,
        max_decoder_sessions: 8,
        max_instances: 4,
        max_displays: 1,
    }
}

#[test]
fn supported_types_match_config() {
    let lib = domains::open_default();
    let host = lib.device_by_index(VIRT_HOST).unwrap();
    let types = host.supported_virt_types().unwrap();
    let ids: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "mtgpu-4k-6g",
            "mtgpu-4k-12g",
            "mtgpu-4k-24g",
            "mtgpu-4k-48g"
        ]
    );
    assert_eq!(types[1], twelve_gib());
    assert_eq!(types[3].frame_buffer_bytes(), 48 << 30);
    let available = host.available_virt_types().unwrap();
    assert!(available.contains(&twelve_gib()));
}

#[test]
fn counts_match_config() {
    let lib = domains::open_default();
    let host = lib.device_by_index(VIRT_HOST).unwrap();
    assert_eq!(host.active_virt_device_count().unwrap(), 2);
    assert_eq!(host.max_virt_device_count(&twelve_gib()).unwrap(), 4);
    assert_eq!(host.available_virt_device_count(&twelve_gib()).unwrap(), 2);
    let mut bogus = twelve_gib();
    bogus.id = "no-such-type".into();
    assert_eq!(
        host.max_virt_device_count(&bogus).unwrap_err(),
        Error::InvalidArgument
    );
    bogus.id = "x".repeat(40);
    assert!(host.available_virt_device_count(&bogus).is_err());
}

#[test]
fn virtual_devices_open_by_uuid() {
    let lib = domains::open_default();
    let host = lib.device_by_index(VIRT_HOST).unwrap();
    assert_eq!(host.active_virt_device_uuids().unwrap(), VIRT_UUIDS);
    let virt = host.virt_device(VIRT_UUIDS[0]).unwrap();
    assert_eq!(virt.uuid().unwrap(), VIRT_UUIDS[0]);
    assert_eq!(virt.virt_type().unwrap(), twelve_gib());
    assert_eq!(virt.physical_device_uuid().unwrap(), host.uuid().unwrap());
    // Questions only a virtual device can answer.
    assert_eq!(host.virt_type().unwrap_err(), Error::NotSupported);
    assert_eq!(
        host.physical_device_uuid().unwrap_err(),
        Error::NotSupported
    );
}

#[test]
fn bad_uuids_are_rejected() {
    let lib = domains::open_default();
    let host = lib.device_by_index(VIRT_HOST).unwrap();
    assert_eq!(
        host.virt_device("4d544d4c-dead").err(),
        Some(Error::NotFound)
    );
    assert_eq!(host.virt_device("4d54\0").err(), Some(Error::InteriorNul));
}

#[test]
fn devices_without_virtualization_say_so() {
    let lib = domains::open_default();
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(
        desktop.supported_virt_types().unwrap_err(),
        Error::NotSupported
    );
    assert_eq!(
        desktop.active_virt_device_uuids().unwrap_err(),
        Error::NotSupported
    );
    assert_eq!(
        desktop.virt_device(VIRT_UUIDS[0]).err(),
        Some(Error::NotSupported)
    );
}

#[test]
fn malformed_uuid_text_is_an_error() {
    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile(
            "mtmlDeviceGetActiveVirtDeviceUuids",
            HostileMode::InvalidUtf8,
        )
        .unwrap();
    let host = lib.device_by_index(VIRT_HOST).unwrap();
    assert!(host.active_virt_device_uuids().is_err());
}
