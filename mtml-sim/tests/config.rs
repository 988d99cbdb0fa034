//! Choosing the simulated machine: default text, validation, per-thread
//! next config, and the SimConfig builder.

mod common;

use common::{s4000_machine, Lib};
use mtml_sim::{code, FaultRule, HostileMode, SimConfig};

#[test]
fn default_config_is_the_shipped_default_conf() {
    let shipped = include_str!("../configs/default.conf");
    assert_eq!(mtml_sim::default_config(), shipped);
}

#[test]
fn default_config_validates_and_builds_the_default_machine() {
    mtml_sim::validate_config(mtml_sim::default_config()).expect("the default validates");
    let expected = SimConfig::from_default().device_count() as u32;
    assert!(expected >= 2);
    let lib = Lib::with_config(mtml_sim::default_config());
    assert_eq!(lib.device_count(), Ok(expected));
}

#[test]
fn shipped_example_configs_validate() {
    for (name, text) in [
        ("small.conf", include_str!("../configs/small.conf")),
        ("desktop.conf", include_str!("../configs/desktop.conf")),
        ("faults.conf", include_str!("../configs/faults.conf")),
    ] {
        if let Err(err) = mtml_sim::validate_config(text) {
            panic!("{name}: {err}");
        }
    }
}

#[test]
fn bad_config_error_names_the_line() {
    let text = "[system]\nseed = 1\n\n[device]\nmodel = s4000\ntmep_max_c = 90\n";
    let err = mtml_sim::validate_config(text).expect_err("unknown key is rejected");
    assert_eq!(err.code(), code::INVALID_ARGUMENT);
    assert_eq!(err.line(), Some(6), "message: {}", err.message());
    assert!(
        err.message().contains("tmep_max_c"),
        "message: {}",
        err.message()
    );

    let err =
        mtml_sim::set_next_config("[nonsense section]\n").expect_err("unknown section is rejected");
    assert_eq!(err.line(), Some(1), "message: {}", err.message());
    // Nothing was left pending: the next init builds the usual machine.
    let lib = Lib::init().expect("init");
    assert_eq!(
        lib.device_count(),
        Ok(SimConfig::from_default().device_count() as u32)
    );
}

#[test]
fn config_text_with_nul_is_rejected_before_reaching_c() {
    let err = mtml_sim::validate_config("[system]\0").expect_err("NUL rejected");
    assert_eq!(err.code(), code::INVALID_ARGUMENT);
    assert!(err.message().contains("offset 8"), "{err}");
}

#[test]
fn next_config_is_used_once_then_the_default_returns() {
    s4000_machine(3).set_for_next_init().expect("valid");
    let first = Lib::init().expect("init");
    assert_eq!(first.device_count(), Ok(3));
    let second = Lib::init().expect("init");
    assert_eq!(
        second.device_count(),
        Ok(SimConfig::from_default().device_count() as u32)
    );
}

#[test]
fn clearing_the_next_config_restores_the_default() {
    s4000_machine(1).set_for_next_init().expect("valid");
    mtml_sim::clear_next_config().expect("clear");
    let lib = Lib::init().expect("init");
    assert_eq!(
        lib.device_count(),
        Ok(SimConfig::from_default().device_count() as u32)
    );
}

#[test]
fn builder_output_is_accepted_by_the_simulator() {
    let config = SimConfig::empty()
        .system(|s| {
            s.set("driver_version", "9.9.9-test")
                .set("seed", 42)
                .set("clock", "frozen")
        })
        .device(|d| {
            d.set("model", "s4000")
                .set("name", "Builder card")
                .set("mtlink_ports", 2)
        })
        .device(|d| d.set("model", "s4000"))
        .device(|d| d.set("model", "s80"))
        .topology(0, 1, "internal")
        .p2p(0, 2, "chipset_not_supported")
        .mtlink(0, 0, 1, 0)
        .mtlink_state(0, 0, "downgrade")
        .fault(
            FaultRule::new("mtmlDeviceGetPowerUsage", code::TIMEOUT)
                .on_device(2)
                .after(1)
                .times(1),
        )
        .hostile("mtmlDeviceGetName", HostileMode::None);
    if let Err(err) = config.validate() {
        panic!("{err}\n--- config ---\n{config}");
    }
    let lib = Lib::with_config(&config.to_string());
    assert_eq!(lib.device_count(), Ok(3));
    let first = lib.device(0).expect("device 0");
    assert_eq!(first.name().as_deref(), Ok("Builder card"));
}

#[test]
fn default_config_round_trips_through_the_builder() {
    let rebuilt = SimConfig::from_default();
    assert_eq!(SimConfig::parse(&rebuilt.to_string()), rebuilt);
    rebuilt
        .validate()
        .expect("the re-rendered default validates");
    let smaller = rebuilt.truncate_devices(2).without_sections("mtlink");
    let lib = Lib::with_config(&smaller.to_string());
    assert_eq!(lib.device_count(), Ok(2));
}

#[test]
fn config_in_one_thread_does_not_leak_into_another() {
    s4000_machine(1).set_for_next_init().expect("valid");
    let other = std::thread::spawn(|| Lib::init().expect("init").device_count())
        .join()
        .expect("thread");
    assert_eq!(other, Ok(SimConfig::from_default().device_count() as u32));
    assert_eq!(Lib::init().expect("init").device_count(), Ok(1));
}
