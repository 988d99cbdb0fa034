//! Logging configuration and the Rust callback. Logging is process-wide,
//! so this file holds one test that runs its steps in order.

mod common;

use std::sync::{Arc, Mutex};

use mtml::log::{self, LogConfiguration, LogLevel};
use mtml::Error;
use mtml_sim::{code, FaultRule};

#[test]
fn configuration_round_trip_and_callback() {
    // Defaults: everything off.
    assert_eq!(log::configuration().unwrap(), LogConfiguration::default());

    // A file sink and levels round-trip.
    let path = std::env::temp_dir().join(format!("mtml-log-test-{}.log", std::process::id()));
    let config = LogConfiguration {
        console_level: LogLevel::Off,
        system_level: LogLevel::Fatal,
        file_level: LogLevel::Error,
        file_path: path.to_str().unwrap().to_owned(),
        file_size_limit_bytes: 1 << 20,
        callback_level: LogLevel::Off,
    };
    log::set_configuration(&config).unwrap();
    assert_eq!(log::configuration().unwrap(), config);
    let _ = std::fs::remove_file(&path);

    // Bad paths never reach the library.
    let bad = LogConfiguration {
        file_path: "a\0b".into(),
        ..LogConfiguration::default()
    };
    assert_eq!(
        log::set_configuration(&bad).unwrap_err(),
        Error::InteriorNul
    );
    let long = LogConfiguration {
        file_path: "x".repeat(200),
        ..LogConfiguration::default()
    };
    assert_eq!(
        log::set_configuration(&long).unwrap_err(),
        Error::InvalidArgument
    );

    // The closure receives the library's lines.
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    log::set_callback(move |line| sink.lock().unwrap().push(line.to_owned()));
    log::set_configuration(&LogConfiguration {
        callback_level: LogLevel::Info,
        ..LogConfiguration::default()
    })
    .unwrap();
    assert_eq!(log::configuration().unwrap().callback_level, LogLevel::Info);
    let lib = common::open();
    common::control(&lib)
        .inject_fault(&FaultRule::new("mtmlLibraryCountDevice", code::TIMEOUT).times(1))
        .unwrap();
    assert_eq!(lib.device_count().unwrap_err(), Error::Timeout);
    drop(lib);
    let seen = lines.lock().unwrap().clone();
    assert!(seen.iter().any(|l| l.contains("initialised")), "{seen:?}");
    assert!(
        seen.iter().any(|l| l.contains("mtmlLibraryCountDevice")),
        "{seen:?}"
    );
    assert!(seen.iter().any(|l| l.contains("shut down")), "{seen:?}");

    // A panicking closure does not unwind into C.
    log::set_callback(|_| panic!("callback panics"));
    let lib = common::open();
    assert_eq!(lib.device_count().unwrap(), 2);
    drop(lib);

    log::clear_callback();
    log::set_configuration(&LogConfiguration::default()).unwrap();
    assert_eq!(log::configuration().unwrap(), LogConfiguration::default());
}
