//! Device identity, PCI, paths, capability bits and board values against
//! the fixture machine.

mod common;

use common::fixture::{DESKTOP, SERVER};
use mtml::{Brand, DisplayInterfaceType, Error, MpcType, VirtRole};
use mtml_sim::{code, FaultRule, HostileMode};

#[test]
fn identity_matches_config() {
    let lib = common::open();
    let server = lib.device_by_index(SERVER).unwrap();
    assert_eq!(server.name().unwrap(), "MTT S4000");
    assert_eq!(
        server.uuid().unwrap(),
        "4d544d4c-f1f1-4000-8000-000000000000"
    );
    assert_eq!(server.serial_number().unwrap(), "FIXTURE-S4000-0");
    assert_eq!(server.brand().unwrap(), Brand::Mtt);
    assert_eq!(server.mtbios_version().unwrap(), "4.2.0-fixture");
    #[allow(deprecated)]
    let vbios = server.vbios_version().unwrap();
    assert_eq!(vbios, "4.2.0-fixture");
    assert_eq!(server.gpu_core_count().unwrap(), 8192);
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(desktop.name().unwrap(), "MTT S80");
    assert_eq!(desktop.serial_number().unwrap(), "FIXTURE-S80-1");
    assert_eq!(desktop.gpu_core_count().unwrap(), 4096);
}

#[test]
fn pci_info_and_slot_match_config() {
    let lib = common::open();
    let server = lib.device_by_index(SERVER).unwrap();
    let pci = server.pci_info().unwrap();
    assert_eq!(pci.sbdf, "00000002:1b:00.0");
    assert_eq!((pci.segment, pci.bus, pci.device), (2, 0x1b, 0));
    assert_eq!(pci.vendor_id, 0x1ed5);
    assert_eq!(pci.device_id, 0x0364);
    assert_eq!(pci.subsystem_id, 0x0001_1ed5);
    assert_eq!((pci.max_generation, pci.current_generation), (5, 4));
    assert_eq!((pci.max_width_lanes, pci.current_width_lanes), (16, 8));
    assert_eq!(
        (pci.max_speed_gt_per_s, pci.current_speed_gt_per_s),
        (32.0, 16.0)
    );
    let slot = server.pcie_slot().unwrap();
    assert_eq!((slot.id, slot.name.as_str()), (7, "Riser A"));
}

#[test]
fn device_paths_match_config() {
    let lib = common::open();
    let server = lib.device_by_index(SERVER).unwrap();
    assert_eq!(server.gpu_path().unwrap(), "/dev/mtgpu.0");
    assert_eq!(server.primary_path().unwrap(), "/dev/dri/card0");
    assert_eq!(server.render_path().unwrap(), "/dev/dri/renderD128");
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(desktop.render_path().unwrap(), "/dev/dri/renderD129");
}

#[test]
fn property_bits_are_decoded() {
    let lib = common::open();
    let server = lib.device_by_index(SERVER).unwrap().property().unwrap();
    assert!(server.mtlink_capable);
    assert!(!server.virt_capable);
    assert!(!server.mpc_capable);
    assert_eq!(server.virt_role, VirtRole::Physical);
    assert_eq!(server.mpc_type, MpcType::NotPartitioned);
    let desktop = lib.device_by_index(DESKTOP).unwrap().property().unwrap();
    assert!(!desktop.mtlink_capable);
}

#[test]
fn power_fans_and_displays() {
    let lib = common::open();
    let server = lib.device_by_index(SERVER).unwrap();
    assert_eq!(server.power_usage_mw().unwrap(), 65000);
    assert_eq!(server.fan_count().unwrap_err(), Error::NotSupported);
    assert_eq!(server.fan_speeds().unwrap_err(), Error::NotSupported);
    assert_eq!(
        server.display_interface_count().unwrap_err(),
        Error::NotSupported
    );
    assert_eq!(
        server.display_interfaces().unwrap_err(),
        Error::NotSupported
    );

    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(desktop.power_usage_mw().unwrap(), 30000);
    assert_eq!(desktop.fan_count().unwrap(), 2);
    let fans = desktop.fan_speeds().unwrap();
    assert_eq!(fans.len(), 2);
    for fan in &fans {
        assert!(
            (25..=40).contains(&fan.percent),
            "idle fan at {}%",
            fan.percent
        );
        assert_eq!(fan.rpm, 3200 * fan.percent / 100);
    }
    assert_eq!(
        desktop.fan_speed_percent(2).unwrap_err(),
        Error::InvalidArgument
    );
    assert_eq!(desktop.fan_rpm(2).unwrap_err(), Error::InvalidArgument);

    let displays = desktop.display_interfaces().unwrap();
    assert_eq!(displays.len(), 2);
    assert_eq!(displays[0].kind, DisplayInterfaceType::Hdmi);
    assert_eq!(
        (displays[0].max_width_px, displays[0].max_height_px),
        (3840, 2160)
    );
    assert_eq!(displays[0].max_refresh_rate_hz, 60.0);
    assert_eq!(displays[1].kind, DisplayInterfaceType::DisplayPort);
    assert_eq!(
        (displays[1].max_width_px, displays[1].max_height_px),
        (7680, 4320)
    );
    assert_eq!(displays[1].max_refresh_rate_hz, 60.5);
    assert_eq!(
        desktop.display_interface(2).unwrap_err(),
        Error::InvalidArgument
    );
}

#[test]
fn hostile_strings_and_enums_are_rejected_or_kept_unknown() {
    let lib = common::open();
    let control = common::control(&lib);
    let server = lib.device_by_index(SERVER).unwrap();
    control
        .set_hostile("mtmlDeviceGetName", HostileMode::UnterminatedString)
        .unwrap();
    assert!(matches!(
        server.name(),
        Err(Error::UnterminatedString { .. })
    ));
    control
        .set_hostile("mtmlDeviceGetUUID", HostileMode::InvalidUtf8)
        .unwrap();
    match server.uuid() {
        Err(Error::InvalidUtf8 { lossy }) => assert!(lossy.contains('\u{fffd}')),
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
    control
        .set_hostile("mtmlDeviceGetBrand", HostileMode::EnumOutOfRange)
        .unwrap();
    assert_eq!(server.brand().unwrap(), Brand::Unknown(0x7fff));
    control
        .set_hostile("mtmlDeviceGetPciInfo", HostileMode::UnterminatedString)
        .unwrap();
    assert!(matches!(
        server.pci_info(),
        Err(Error::UnterminatedString { .. })
    ));
    control
        .set_hostile("mtmlDeviceGetName", HostileMode::None)
        .unwrap();
    assert_eq!(server.name().unwrap(), "MTT S4000");
}

#[test]
fn faults_on_one_device_leave_the_other_alone() {
    let lib = common::open();
    common::control(&lib)
        .inject_fault(&FaultRule::new("mtmlDeviceGetPowerUsage", code::TIMEOUT).on_device(1))
        .unwrap();
    assert_eq!(
        lib.device_by_index(SERVER)
            .unwrap()
            .power_usage_mw()
            .unwrap(),
        65000
    );
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(desktop.power_usage_mw().unwrap_err(), Error::Timeout);
}
