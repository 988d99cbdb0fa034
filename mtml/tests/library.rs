//! Library lifecycle, device lookup, handle-invalidating operations and
//! error paths, against the fixture machine.

mod common;

use common::fixture::{COUNT, SBDFS, SERVER, UUIDS};
use mtml::{Error, Library};
use mtml_sim::{code, FaultRule, HandleKind, HostileMode, MisuseKind, SimConfig};

#[test]
fn versions_match_config() {
    let lib = common::open();
    assert_eq!(lib.version().unwrap(), "2.2.0");
    assert_eq!(
        lib.system().unwrap().driver_version().unwrap(),
        "3.1.4-fixture"
    );
}

#[test]
fn count_and_iteration_follow_config() {
    let lib = common::open();
    assert_eq!(lib.device_count().unwrap(), COUNT);
    let uuids: Vec<String> = lib.devices().map(|d| d.unwrap().uuid().unwrap()).collect();
    assert_eq!(uuids, UUIDS);
    let indices: Vec<u32> = lib.devices().map(|d| d.unwrap().index().unwrap()).collect();
    assert_eq!(indices, vec![0, 1]);
}

#[test]
fn lookups_by_index_uuid_and_sbdf_agree() {
    let lib = common::open();
    for index in 0..COUNT {
        let by_uuid = lib.device_by_uuid(UUIDS[index as usize]).unwrap();
        let by_sbdf = lib.device_by_pci_sbdf(SBDFS[index as usize]).unwrap();
        assert_eq!(by_uuid.index().unwrap(), index);
        assert_eq!(by_sbdf.index().unwrap(), index);
        assert_eq!(by_sbdf.pci_info().unwrap().sbdf, SBDFS[index as usize]);
    }
}

#[test]
fn lookup_failures_are_clear() {
    let lib = common::open();
    assert_eq!(
        lib.device_by_index(COUNT).unwrap_err(),
        Error::InvalidArgument
    );
    assert_eq!(
        lib.device_by_uuid("no-such-uuid").unwrap_err(),
        Error::NotFound
    );
    assert_eq!(
        lib.device_by_pci_sbdf("0000:ff:1f.7").unwrap_err(),
        Error::NotFound
    );
    assert_eq!(
        lib.device_by_uuid("bad\0uuid").unwrap_err(),
        Error::InteriorNul
    );
    assert_eq!(
        lib.device_by_pci_sbdf("\0").unwrap_err(),
        Error::InteriorNul
    );
}

#[test]
fn explicit_shutdown_succeeds_and_libraries_are_independent() {
    let first = common::open();
    let second = common::open_config(SimConfig::parse(common::FIXTURE).truncate_devices(1));
    assert_eq!(first.device_count().unwrap(), 2);
    assert_eq!(second.device_count().unwrap(), 1);
    first.shutdown().unwrap();
    assert_eq!(second.device_by_index(0).unwrap().uuid().unwrap(), UUIDS[0]);
}

#[test]
fn init_failure_is_reported() {
    SimConfig::parse(common::FIXTURE)
        .fault(FaultRule::new("mtmlLibraryInit", code::DRIVER_NOT_LOADED))
        .set_for_next_init()
        .unwrap();
    assert_eq!(Library::init().unwrap_err(), Error::DriverNotLoaded);
}

#[test]
fn injected_codes_map_to_variants() {
    let lib = common::open();
    let control = common::control(&lib);
    let cases = [
        (code::TIMEOUT, Error::Timeout),
        (code::DRIVER_FAILURE, Error::DriverFailure),
        (code::RESOURCE_IS_BUSY, Error::ResourceBusy),
        (code::UNKNOWN, Error::Unspecified),
        (4242, Error::Unknown(4242)),
    ];
    for (raw, expected) in cases {
        control
            .inject_fault(&FaultRule::new("mtmlLibraryCountDevice", raw).times(1))
            .unwrap();
        assert_eq!(lib.device_count().unwrap_err(), expected);
        assert_eq!(expected.code(), Some(raw));
    }
    assert_eq!(lib.device_count().unwrap(), COUNT);
}

#[test]
fn library_messages_come_from_mtml_error_string() {
    let message = Error::NotFound.library_message().unwrap();
    assert!(!message.is_empty());
    assert_eq!(Error::InteriorNul.library_message(), None);
}

#[test]
fn iterator_reports_count_failure_once() {
    let lib = common::open();
    common::control(&lib)
        .inject_fault(&FaultRule::new("mtmlLibraryCountDevice", code::DRIVER_FAILURE).times(1))
        .unwrap();
    let items: Vec<_> = lib.devices().collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err(), &Error::DriverFailure);
}

#[test]
fn inflated_count_surfaces_as_an_error_not_a_bogus_device() {
    let lib = common::open();
    common::control(&lib)
        .set_hostile("mtmlLibraryCountDevice", HostileMode::CountInflated)
        .unwrap();
    let items: Vec<_> = lib.devices().collect();
    assert_eq!(items.len(), 4);
    let indexes: Vec<u32> = items[..2]
        .iter()
        .map(|d| d.as_ref().expect("real device").index().expect("index"))
        .collect();
    assert_eq!(indexes, [0, 1]);
    assert!(items[2..].iter().all(|d| d.is_err()));
}

#[test]
fn reset_needs_exclusive_access_and_devices_work_afterwards() {
    let mut lib = common::open();
    lib.reset_device(SERVER).unwrap();
    let device = lib.device_by_index(SERVER).unwrap();
    assert_eq!(device.uuid().unwrap(), UUIDS[0]);
    assert_eq!(lib.reset_device(COUNT).unwrap_err(), Error::InvalidArgument);
    assert_eq!(
        common::control(&lib)
            .misuse_count(MisuseKind::StaleHandle)
            .unwrap(),
        0
    );
}

#[test]
#[allow(deprecated)]
fn deprecated_free_functions_release_and_handles_come_back() {
    let mut lib = common::open();
    lib.free_gpu(SERVER).unwrap();
    lib.free_memory(SERVER).unwrap();
    lib.free_vpu(SERVER).unwrap();
    lib.free_system().unwrap();
    lib.free_device(SERVER).unwrap();
    let control = common::control(&lib);
    for kind in [
        HandleKind::Gpu,
        HandleKind::Memory,
        HandleKind::Vpu,
        HandleKind::System,
    ] {
        let (_, freed) = control.handle_counts(kind).unwrap();
        assert_eq!(freed, 1, "{kind:?}");
    }
    let device = lib.device_by_index(SERVER).unwrap();
    assert_eq!(device.gpu().unwrap().clock_mhz().unwrap(), 800);
    assert_eq!(
        lib.system().unwrap().driver_version().unwrap(),
        "3.1.4-fixture"
    );
    assert_eq!(control.misuse_count(MisuseKind::StaleHandle).unwrap(), 0);
    assert_eq!(control.misuse_count(MisuseKind::DoubleFree).unwrap(), 0);
}

#[test]
fn free_virt_device_on_a_device_without_virtualization_fails_cleanly() {
    let mut lib = common::open();
    #[allow(deprecated)]
    let err = lib.free_virt_device(SERVER, "4d544d4c-5600-4000-8000-000000000100");
    assert_eq!(err.unwrap_err(), Error::NotSupported);
}

#[cfg(feature = "sim")]
#[test]
fn sim_feature_helpers() {
    let lib = Library::init_with_sim_config(common::FIXTURE).unwrap();
    assert_eq!(lib.device_count().unwrap(), COUNT);
    lib.sim_control()
        .inject_fault(&FaultRule::new("mtmlLibraryGetVersion", code::TIMEOUT))
        .unwrap();
    assert_eq!(lib.version().unwrap_err(), Error::Timeout);
    match Library::init_with_sim_config("[nonsense]\n") {
        Err(Error::SimConfig(message)) => assert!(!message.is_empty()),
        other => panic!("expected SimConfig error, got {other:?}"),
    }
    // A rejected description leaves nothing behind for the next init.
    assert_eq!(common::open().device_count().unwrap(), COUNT);
}
