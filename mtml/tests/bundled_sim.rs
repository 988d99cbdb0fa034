//! The simulator embedded in the binary (feature `bundled-sim`). Its own
//! process: the bundled copy becomes this process's library.
#![cfg(feature = "bundled-sim")]

mod common;

use common::fixture::{COUNT, UUIDS};
use mtml::{library, Library};
use mtml_sim::SimConfig;

#[test]
fn the_bundled_simulator_runs_without_any_file() {
    if std::env::var_os("MTML_SIM_CONFIG").is_some() {
        return;
    }
    let lib = Library::builder().bundled_simulator().init().unwrap();
    let loaded = library::loaded_library().expect("loaded");
    assert!(loaded.starts_with("/proc/self/fd/"), "{loaded}");
    // The simulator's default machine.
    let default = SimConfig::parse(mtml_sim::default_config());
    assert_eq!(lib.device_count().unwrap() as usize, default.device_count());

    // Configs and controls reach the bundled copy like any loaded one.
    SimConfig::parse(common::FIXTURE)
        .system(|s| s.set("clock", "frozen"))
        .set_for_next_init()
        .unwrap();
    let fixture = Library::builder().bundled_simulator().init().unwrap();
    assert_eq!(fixture.device_count().unwrap(), COUNT);
    assert_eq!(
        fixture.device_by_index(0).unwrap().uuid().unwrap(),
        UUIDS[0]
    );
    let control = common::control(&fixture);
    assert_eq!(control.call_count("mtmlLibraryCountDevice").unwrap(), 1);
    assert_eq!(library::loaded_library(), Some(loaded));
}
