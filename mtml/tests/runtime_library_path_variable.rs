//! `MTML_LIBRARY_PATH` wins over the path a program names. Its own process,
//! because it sets the variable.
#![cfg(feature = "runtime-loading")]

mod common;

use common::fixture::COUNT;
use mtml::{library, Library};

#[test]
fn the_environment_variable_overrides_the_builder_path() {
    let simulator = mtml_sim::shared_library_path();
    std::env::set_var("MTML_LIBRARY_PATH", simulator);
    mtml_sim::SimConfig::parse(common::FIXTURE)
        .set_for_next_init()
        .unwrap();
    let lib = Library::builder()
        .library_path("/nonexistent/libmtml.so.2")
        .init()
        .unwrap();
    assert_eq!(lib.device_count().unwrap(), COUNT);
    assert_eq!(
        library::loaded_library(),
        Some(simulator.display().to_string().as_str())
    );

    std::env::set_var("MTML_LIBRARY_PATH", "/nonexistent/libmtml.so.2");
    let error = Library::init().unwrap_err();
    let mtml::Error::LibraryNotFound { tried } = error else {
        panic!("expected LibraryNotFound, got {error:?}");
    };
    assert_eq!(tried.len(), 1);
    assert!(
        tried[0].starts_with("/nonexistent/libmtml.so.2 (from MTML_LIBRARY_PATH): "),
        "{tried:?}"
    );
}
