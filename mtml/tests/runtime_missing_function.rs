//! A loaded library that lacks a function (an older driver) fails only the
//! calls that need it. Runs in its own process: the reduced simulator
//! becomes this process's library.
#![cfg(feature = "runtime-loading")]

mod common;

use common::fixture::{COUNT, DESKTOP, SERVER, UUIDS};
use mtml::{library, Error, Library};
use mtml_sim::runtime::Simulator;
use mtml_sim::SimConfig;

/// The fixture machine on the reduced simulator.
fn open_reduced() -> Library {
    let path = mtml_sim::reduced_shared_library_path();
    // Makes the fixture config below reach the reduced copy too.
    Simulator::load(path).expect("the reduced simulator loads");
    SimConfig::parse(common::FIXTURE)
        .system(|s| s.set("clock", "frozen"))
        .set_for_next_init()
        .unwrap();
    Library::builder().library_path(path).init().unwrap()
}

#[test]
fn the_missing_function_fails_and_the_others_work() {
    if std::env::var_os("MTML_LIBRARY_PATH").is_some_and(|v| !v.is_empty()) {
        return;
    }
    let lib = open_reduced();
    let omitted = mtml_sim::REDUCED_LIBRARY_OMITS;
    assert_eq!(omitted, "mtmlDeviceGetName");
    assert_eq!(
        library::loaded_library(),
        Some(
            mtml_sim::reduced_shared_library_path()
                .display()
                .to_string()
                .as_str()
        )
    );
    assert_eq!(lib.device_count().unwrap(), COUNT);
    for index in [SERVER, DESKTOP] {
        let device = lib.device_by_index(index).unwrap();
        let error = device.name().unwrap_err();
        assert_eq!(error, Error::FunctionNotFound(omitted.into()));
        assert_eq!(
            error.to_string(),
            "the loaded MTML library has no function mtmlDeviceGetName"
        );
        assert_eq!(error.code(), None);
        // Everything else still answers, with the configured values.
        assert_eq!(device.uuid().unwrap(), UUIDS[index as usize]);
        assert_eq!(device.index().unwrap(), index);
    }
    // The same call fails the same way every time; nothing is cached wrong.
    let device = lib.device_by_index(SERVER).unwrap();
    assert!(matches!(device.name(), Err(Error::FunctionNotFound(_))));
    assert_eq!(lib.version().unwrap(), "2.2.0");
}
