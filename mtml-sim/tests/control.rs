//! Per-instance controls: isolation, faults, clock, devices, bookkeeping.

mod common;

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use common::{s4000_machine, Lib};
use mtml_sim::{code, FaultRule, HandleKind, HostileMode, MisuseKind};

#[test]
fn instances_in_two_threads_see_their_own_machines() {
    let barrier = Arc::new(Barrier::new(2));
    let spawn = |devices: usize| {
        let barrier = Arc::clone(&barrier);
        thread::spawn(move || {
            let lib = Lib::with_config(&s4000_machine(devices).to_string());
            // Both libraries are alive at the same time.
            barrier.wait();
            let count = lib.device_count();
            barrier.wait();
            count
        })
    };
    let (a, b) = (spawn(2), spawn(5));
    assert_eq!(a.join().expect("thread a"), Ok(2));
    assert_eq!(b.join().expect("thread b"), Ok(5));
}

#[test]
fn fault_on_one_instance_leaves_the_other_alone() {
    let first = Lib::with_config(&s4000_machine(2).to_string());
    let second = Lib::with_config(&s4000_machine(2).to_string());
    let rule = FaultRule::new("mtmlDeviceGetPowerUsage", code::DRIVER_FAILURE).on_device(1);
    first.control().inject_fault(&rule).expect("inject");

    assert_eq!(
        first.device(1).expect("device").power_mw(),
        Err(code::DRIVER_FAILURE)
    );
    assert!(first
        .device(0)
        .expect("device")
        .power_mw()
        .is_ok_and(|mw| mw > 0));
    assert!(second
        .device(1)
        .expect("device")
        .power_mw()
        .is_ok_and(|mw| mw > 0));
}

#[test]
fn fault_after_and_times_are_honoured_and_removable() {
    let lib = Lib::with_config(&s4000_machine(1).to_string());
    let control = lib.control();
    let rule = FaultRule::new("mtmlDeviceGetPowerUsage", code::TIMEOUT)
        .after(2)
        .times(2);
    let id = control.inject_fault(&rule).expect("inject");
    let device = lib.device(0).expect("device");
    // The clock is frozen: every successful reading is this one.
    let power = control_free_reading(&lib);
    let results: Vec<Result<u32, u32>> = (0..6).map(|_| device.power_mw()).collect();
    let codes: Vec<u32> = results
        .iter()
        .map(|r| r.err().unwrap_or(code::SUCCESS))
        .collect();
    assert_eq!(codes, [0, 0, code::TIMEOUT, code::TIMEOUT, 0, 0]);

    let always = control
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetPowerUsage",
            code::NOT_SUPPORTED,
        ))
        .expect("inject");
    assert_eq!(device.power_mw(), Err(code::NOT_SUPPORTED));
    control.remove_fault(always).expect("remove");
    assert_eq!(device.power_mw(), Ok(power));
    control.remove_fault(id).expect("remove the spent rule");
    assert!(
        control.remove_fault(id).is_err(),
        "a rule cannot be removed twice"
    );

    control
        .inject_fault(&FaultRule::new("*", code::UNKNOWN))
        .expect("inject");
    assert_eq!(device.power_mw(), Err(code::UNKNOWN));
    control.clear_faults().expect("clear");
    assert_eq!(device.power_mw(), Ok(power));
}

#[test]
fn stall_only_rules_delay_but_succeed() {
    let lib = Lib::with_config(&s4000_machine(1).to_string());
    let rule = FaultRule::new("mtmlDeviceGetPowerUsage", code::SUCCESS)
        .times(1)
        .stall(Duration::from_millis(60));
    lib.control().inject_fault(&rule).expect("inject");
    let device = lib.device(0).expect("device");
    let start = std::time::Instant::now();
    assert!(device.power_mw().is_ok_and(|mw| mw > 0));
    assert!(
        start.elapsed() >= Duration::from_millis(55),
        "stalled {:?}",
        start.elapsed()
    );
}

#[test]
fn bad_fault_rules_are_rejected() {
    let lib = Lib::with_config(&s4000_machine(1).to_string());
    let control = lib.control();
    let err = control
        .inject_fault(&FaultRule::new("mtmlNoSuchFunction", code::UNKNOWN))
        .expect_err("unknown name");
    assert_eq!(err.code(), code::INVALID_ARGUMENT);
    let err = control
        .inject_fault(&FaultRule::new("mtml\0x", code::UNKNOWN))
        .expect_err("NUL in name");
    assert_eq!(err.code(), code::INVALID_ARGUMENT);
    let err = control
        .inject_fault(&FaultRule::new("*", code::UNKNOWN).on_device(u32::MAX))
        .expect_err("huge index");
    assert_eq!(err.code(), code::INVALID_ARGUMENT);
}

#[test]
fn calls_are_counted_per_instance_and_function() {
    let first = Lib::with_config(&s4000_machine(2).to_string());
    let second = Lib::with_config(&s4000_machine(2).to_string());
    let control = first.control();
    let before_all = control.call_count("*").expect("count");
    for _ in 0..3 {
        first.device_count().expect("count");
    }
    assert_eq!(control.call_count("mtmlLibraryCountDevice"), Ok(3));
    assert_eq!(control.call_count("*"), Ok(before_all + 3));
    assert_eq!(control.call_count("mtmlDeviceGetName"), Ok(0));
    assert_eq!(second.control().call_count("mtmlLibraryCountDevice"), Ok(0));
    assert!(control.call_count("mtmlNoSuchFunction").is_err());
}

#[test]
fn frozen_clock_moves_only_when_advanced() {
    let lib = Lib::with_config(&s4000_machine(1).to_string());
    let control = lib.control();
    control.freeze_clock().expect("freeze");
    let start = control.clock().expect("clock");
    let device = lib.device(0).expect("device");
    let before = (device.gpu_load_and_temperature(), device.power_mw());
    thread::sleep(Duration::from_millis(30));
    assert_eq!(control.clock(), Ok(start));
    assert_eq!(
        (device.gpu_load_and_temperature(), device.power_mw()),
        before
    );

    control
        .advance_clock(Duration::from_millis(1500))
        .expect("advance");
    assert_eq!(control.clock(), Ok(start + Duration::from_millis(1500)));

    control.release_clock().expect("release");
    thread::sleep(Duration::from_millis(20));
    assert!(control.clock().expect("clock") >= start + Duration::from_millis(1515));
}

#[test]
fn metrics_are_deterministic_functions_of_virtual_time() {
    let sample = |advance_s: u64| {
        let lib = Lib::with_config(&s4000_machine(2).to_string());
        let control = lib.control();
        control.freeze_clock().expect("freeze");
        control
            .advance_clock(Duration::from_secs(advance_s))
            .expect("advance");
        let mut values = Vec::new();
        for index in 0..2 {
            let device = lib.device(index).expect("device");
            values.push((
                device.gpu_load_and_temperature().expect("gpu"),
                device.power_mw().expect("power"),
            ));
        }
        values
    };
    // Same seed, same virtual time: identical readings, even across threads.
    let here = sample(600);
    let there = thread::spawn(move || sample(600)).join().expect("thread");
    assert_eq!(here, there);
    // Metrics move over virtual time.
    let samples: Vec<_> = [0, 60, 600, 3600].iter().map(|&s| sample(s)).collect();
    assert!(
        samples.windows(2).any(|w| w[0] != w[1]),
        "metrics never changed: {samples:?}"
    );
    for values in &samples {
        for ((util, temp), power) in values {
            assert!(
                *util <= 100 && (0..=120).contains(temp) && *power > 0,
                "{values:?}"
            );
        }
    }
}

#[test]
fn devices_fall_off_the_bus_disappear_and_come_back() {
    let lib = Lib::with_config(&s4000_machine(3).to_string());
    let control = lib.control();
    let device2 = lib.device(2).expect("device");
    let name2 = device2.name().expect("name");
    let name1 = lib.device(1).and_then(|d| d.name()).expect("name");

    control.fall_off_bus(1).expect("fall off");
    assert_eq!(lib.device_count(), Ok(3));
    assert_eq!(
        lib.device(1).and_then(|d| d.name()),
        Err(code::DRIVER_FAILURE)
    );

    control.remove_device(0).expect("remove");
    assert_eq!(lib.device_count(), Ok(2));
    assert!(control.remove_device(7).is_err());

    control.restore_devices().expect("restore");
    assert_eq!(lib.device_count(), Ok(3));
    assert_eq!(lib.device(2).and_then(|d| d.name()), Ok(name2));
    assert_eq!(lib.device(1).and_then(|d| d.name()), Ok(name1));
}

#[test]
fn hostile_modes_can_be_switched_on_and_off() {
    let lib = Lib::with_config(&s4000_machine(1).to_string());
    let control = lib.control();
    let device = lib.device(0).expect("device");
    let normal = device.name().expect("name");

    control
        .set_hostile("mtmlDeviceGetName", HostileMode::InvalidUtf8)
        .expect("hostile");
    let hostile = device.name().expect("name still succeeds");
    assert!(
        hostile.contains('\u{FFFD}'),
        "invalid UTF-8 shows up as replacement characters: {hostile:?}"
    );

    control
        .set_hostile("mtmlDeviceGetName", HostileMode::None)
        .expect("off");
    assert_eq!(device.name(), Ok(normal));

    control
        .set_hostile("mtmlDeviceCountFan", HostileMode::CountInflated)
        .expect("hostile");
    assert!(control
        .set_hostile("mtmlNoSuchFunction", HostileMode::EnumOutOfRange)
        .is_err());
}

#[test]
fn handles_and_misuse_are_counted() {
    let lib = Lib::with_config(&s4000_machine(2).to_string());
    let control = lib.control();
    let (created_before, _) = control.handle_counts(HandleKind::Gpu).expect("counts");
    lib.device(1)
        .expect("device")
        .gpu_load_and_temperature()
        .expect("gpu");
    let (created_after, freed) = control.handle_counts(HandleKind::Gpu).expect("counts");
    assert!(
        created_after > created_before,
        "{created_before} -> {created_after}"
    );
    assert_eq!(freed, 0);
    for kind in MisuseKind::ALL {
        assert_eq!(
            control.misuse_count(*kind),
            Ok(0),
            "{kind:?} on a fresh instance"
        );
        // Other tests in this process may add misuse of their own, so the
        // process-wide count has no fixed value; it must still answer.
        mtml_sim::misuse_count_global(*kind).expect("process-wide misuse count");
    }
    for kind in HandleKind::ALL {
        let (created, freed) = control.handle_counts(*kind).expect("handle counts");
        assert!(freed <= created, "{kind:?}: {freed} freed of {created}");
    }
}

#[test]
fn function_names_cover_the_whole_interface() {
    let names = mtml_sim::function_names();
    assert_eq!(
        names.len(),
        116,
        "115 MtmlReturn functions plus mtmlErrorString"
    );
    assert!(names.contains(&"mtmlLibraryInit"));
    assert!(names.contains(&"mtmlErrorString"));
    assert!(names.contains(&"mtmlMemoryClearEccErrorCounts"));
    assert!(names.iter().all(|n| n.starts_with("mtml")));
}

/// The power reading of device 0 taken before any fault applies, through a
/// second, fault-free instance with the same frozen configuration.
fn control_free_reading(_lib: &Lib) -> u32 {
    let twin = Lib::with_config(&s4000_machine(1).to_string());
    twin.device(0).and_then(|d| d.power_mw()).expect("power")
}
