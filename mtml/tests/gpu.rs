//! Graphics unit metrics against the fixture machine (idle devices, frozen
//! clock: every load is 0 and clocks sit at their idle values).

mod common;

use std::time::Duration;

use common::fixture::{DESKTOP, SERVER};
use mtml::{Error, GpuEngine};
use mtml_sim::{code, FaultRule, SimConfig};

#[test]
fn idle_values_match_config() {
    let lib = common::open();
    let gpu = lib.device_by_index(SERVER).unwrap().gpu().unwrap();
    assert_eq!(gpu.utilization_percent().unwrap(), 0);
    assert_eq!(gpu.clock_mhz().unwrap(), 800);
    assert_eq!(gpu.max_clock_mhz().unwrap(), 1750);
    let celsius = gpu.temperature_celsius().unwrap();
    assert!((38..=42).contains(&celsius), "idle temperature {celsius}");
    for engine in GpuEngine::ALL {
        assert_eq!(
            gpu.engine_utilization_percent(engine).unwrap(),
            0,
            "{engine}"
        );
    }
    let desktop = lib.device_by_index(DESKTOP).unwrap().gpu().unwrap();
    assert_eq!(desktop.clock_mhz().unwrap(), 600);
    assert_eq!(desktop.max_clock_mhz().unwrap(), 1800);
    assert_eq!(desktop.device().index().unwrap(), DESKTOP);
}

#[test]
fn loaded_device_stays_within_configured_ranges() {
    let mut config = SimConfig::parse(common::FIXTURE);
    config.device_mut(0).unwrap().set("load", 80);
    let lib = common::open_config(config);
    let control = common::control(&lib);
    let gpu = lib.device_by_index(SERVER).unwrap().gpu().unwrap();
    for _ in 0..5 {
        let percent = gpu.utilization_percent().unwrap();
        assert!((1..=100).contains(&percent));
        let mhz = gpu.clock_mhz().unwrap();
        assert!((800..=1750).contains(&mhz), "clock {mhz}");
        assert!((38..=90).contains(&gpu.temperature_celsius().unwrap()));
        assert_eq!(
            gpu.engine_utilization_percent(GpuEngine::Compute).unwrap(),
            percent
        );
        control.advance_clock(Duration::from_secs(7)).unwrap();
    }
}

#[test]
fn unknown_engine_and_faults_give_errors() {
    let lib = common::open();
    let gpu = lib.device_by_index(SERVER).unwrap().gpu().unwrap();
    assert_eq!(
        gpu.engine_utilization_percent(GpuEngine::Unknown(77))
            .unwrap_err(),
        Error::InvalidArgument
    );
    let control = common::control(&lib);
    control
        .inject_fault(&FaultRule::new("mtmlGpuGetClock", code::TIMEOUT).times(1))
        .unwrap();
    assert_eq!(gpu.clock_mhz().unwrap_err(), Error::Timeout);
    assert_eq!(gpu.clock_mhz().unwrap(), 800);
    control
        .inject_fault(&FaultRule::new("mtmlDeviceInitGpu", code::DRIVER_FAILURE))
        .unwrap();
    assert_eq!(
        lib.device_by_index(SERVER).unwrap().gpu().unwrap_err(),
        Error::DriverFailure
    );
}
