//! Runtime loading (feature `runtime-loading`): which library is loaded,
//! and the errors for a missing or conflicting library. The rest of the
//! suite runs unchanged in this mode against the loaded simulator.
#![cfg(feature = "runtime-loading")]

mod common;

use common::fixture::{COUNT, UUIDS};
use mtml::{library, Error, Library};

/// True when the environment already chooses the library, which these
/// tests must not second-guess.
fn library_path_overridden() -> bool {
    std::env::var_os("MTML_LIBRARY_PATH").is_some_and(|v| !v.is_empty())
}

#[test]
fn the_simulator_shared_library_is_loaded_by_default() {
    let lib = common::open();
    assert_eq!(lib.device_count().unwrap(), COUNT);
    if library_path_overridden() {
        return;
    }
    let expected = mtml_sim::shared_library_path().display().to_string();
    assert_eq!(library::loaded_library(), Some(expected.as_str()));
}

#[test]
fn naming_the_library_in_use_again_is_fine() {
    let _first = common::open();
    let path = library::loaded_library().expect("a library is loaded");
    common::open_config(mtml_sim::SimConfig::parse(common::FIXTURE))
        .shutdown()
        .unwrap();
    mtml_sim::SimConfig::parse(common::FIXTURE)
        .set_for_next_init()
        .unwrap();
    let second = Library::builder().library_path(path).init().unwrap();
    assert_eq!(second.device_by_index(1).unwrap().uuid().unwrap(), UUIDS[1]);
}

#[test]
fn a_missing_library_names_every_file_tried() {
    if library_path_overridden() {
        return;
    }
    let missing = std::env::temp_dir()
        .join("mtml-rs-no-such-dir")
        .join("libmtml.so.2");
    let error = Library::builder()
        .library_path(&missing)
        .init()
        .unwrap_err();
    let Error::LibraryNotFound { tried } = &error else {
        panic!("expected LibraryNotFound, got {error:?}");
    };
    assert_eq!(tried.len(), 1, "{tried:?}");
    assert!(
        tried[0].starts_with(&missing.display().to_string()),
        "{tried:?}"
    );
    assert!(tried[0].contains("No such file"), "{tried:?}");
    let message = error.to_string();
    assert!(
        message.starts_with("cannot load the MTML library"),
        "{message}"
    );
    assert!(message.contains("libmtml.so.2"), "{message}");
    assert_eq!(error.code(), None);
}

#[test]
fn a_second_library_in_the_same_process_is_a_conflict() {
    if library_path_overridden() {
        return;
    }
    let _lib = common::open();
    let other = mtml_sim::reduced_shared_library_path();
    let error = Library::builder().library_path(other).init().unwrap_err();
    assert_eq!(
        error,
        Error::LibraryConflict {
            loaded: mtml_sim::shared_library_path().display().to_string(),
            requested: other.display().to_string(),
        }
    );
    // The library in use is untouched.
    assert_eq!(common::open().device_count().unwrap(), COUNT);
}

#[test]
fn library_messages_need_no_prior_init() {
    // Loads the default library on first use if nothing is loaded yet.
    assert!(!Error::Timeout.library_message().unwrap().is_empty());
}

#[cfg(feature = "sim")]
#[test]
fn sim_config_and_controls_reach_the_loaded_simulator() {
    use std::time::Duration;

    let config = mtml_sim::SimConfig::parse(common::FIXTURE)
        .system(|s| s.set("clock", "frozen"))
        .truncate_devices(1)
        .to_string();
    let lib = Library::init_with_sim_config(&config).unwrap();
    assert_eq!(lib.device_count().unwrap(), 1);
    let control = lib.sim_control();
    control.advance_clock(Duration::from_secs(5)).unwrap();
    assert_eq!(control.clock().unwrap(), Duration::from_secs(5));
    assert_eq!(control.call_count("mtmlLibraryCountDevice").unwrap(), 1);
}
