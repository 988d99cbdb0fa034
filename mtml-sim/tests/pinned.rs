//! Live metrics pinned by the config (`gpu_util`, `gpu_clock_mhz`,
//! `memory_used`, `fan_speed`, ...): the pinned value comes back at every
//! tick, every other metric keeps its curve, bad values are rejected.

mod common;

use std::time::Duration;

use common::{CodecUtil, Lib, LiveMetrics};
use mtml_sim::{code, SimConfig};

/// An S80 (two fans, codec sessions) and an S4000, both loaded, on a
/// frozen clock.
fn loaded_machine() -> SimConfig {
    SimConfig::empty()
        .system(|s| s.set("seed", 11).set("clock", "frozen"))
        .device(|d| {
            d.set("model", "s80")
                .set("load", 60)
                .add("session", "enc:0:4101:1920x1080:60:8000000:hevc")
                .add("session", "dec:2:4102:3840x2160:30:6000000:av1")
        })
        .device(|d| d.set("model", "s4000").set("load", 30))
}

/// Every live metric of every device of `config`, at virtual time `at`.
fn read_all(config: &SimConfig, at: Duration) -> Vec<LiveMetrics> {
    let lib = Lib::with_config(&config.to_string());
    lib.control().advance_clock(at).expect("advance");
    (0..lib.device_count().expect("count"))
        .map(|i| lib.device(i).and_then(|d| d.live_metrics()).expect("read"))
        .collect()
}

/// `config` with `key = value` set on device `index`.
fn with_pin(
    config: &SimConfig,
    index: usize,
    key: &str,
    value: impl std::fmt::Display,
) -> SimConfig {
    let mut config = config.clone();
    config.device_mut(index).expect("device").set(key, value);
    config
}

#[test]
fn pinned_metrics_hold_at_every_tick() {
    let config = SimConfig::empty()
        .system(|s| s.set("seed", 7).set("clock", "running"))
        .device(|d| {
            d.set("model", "s80")
                .set("load", 70)
                .set("gpu_util", 48)
                .set("engine_util_geometry", 12)
                .set("engine_util_2d", 3)
                .set("engine_util_3d", 30)
                .set("engine_util_compute", 47)
                .set("gpu_clock_mhz", 1588)
                .set("memory_used", 14_812_000_123u64)
                .set("memory_util", 22)
                .set("memory_clock_mhz", 1750)
                .set("vpu_util", 31)
                .set("vpu_encode_util", 30)
                .set("vpu_decode_util", 9)
                .set("vpu_util_period_us", 500_000)
                .set("vpu_clock_mhz", 700)
                .set("fan_speed", "55, 61")
                .set("fan_rpm", "1815,2013")
        })
        // The same card unpinned: proves the clock moves the curves.
        .device(|d| d.set("model", "s80").set("load", 70));
    let expected = LiveMetrics {
        gpu_util: 48,
        engine_util: [12, 3, 30, 47],
        gpu_clock_mhz: 1588,
        memory_used: 14_812_000_123,
        memory_util: 22,
        memory_clock_mhz: 1750,
        vpu: CodecUtil::new(31, 500_000, 30, 9),
        vpu_clock_mhz: 700,
        fans: vec![(55, 1815), (61, 2013)],
    };
    let lib = Lib::with_config(&config.to_string());
    let control = lib.control();
    let pinned = lib.device(0).expect("device 0");
    let free = lib.device(1).expect("device 1");
    let free_at_start = free.live_metrics().expect("read");
    assert_eq!(pinned.live_metrics(), Ok(expected.clone()), "running clock");
    for step in [1, 250, 7_000, 60_000, 3_600_000] {
        control
            .advance_clock(Duration::from_millis(step))
            .expect("advance");
        assert_eq!(
            pinned.live_metrics(),
            Ok(expected.clone()),
            "after advancing {step} ms"
        );
    }
    control.freeze_clock().expect("freeze");
    assert_eq!(pinned.live_metrics(), Ok(expected), "frozen clock");
    assert_ne!(
        free.live_metrics().expect("read"),
        free_at_start,
        "the unpinned card follows its curves"
    );
}

#[test]
fn one_fan_value_pins_every_fan() {
    let config = SimConfig::empty()
        .system(|s| s.set("clock", "frozen"))
        .device(|d| {
            d.set("model", "s80")
                .set("load", 40)
                .set("fan_speed", 50)
                .set("fan_max_rpm", 3000)
        });
    let metrics = &read_all(&config, Duration::from_secs(90))[0];
    // The rpm follows the pinned speed when only the speed is pinned.
    assert_eq!(metrics.fans, vec![(50, 1500), (50, 1500)]);
}

#[test]
fn pinning_a_metric_to_its_curve_value_changes_nothing() {
    let base = loaded_machine();
    let at = Duration::from_secs(42);
    let before = read_all(&base, at);
    let m = &before[0];
    assert!(m.gpu_util > 0 && m.vpu.enc > 0 && m.vpu.dec > 0, "{m:?}");
    let pins: Vec<(&str, String)> = vec![
        ("gpu_util", m.gpu_util.to_string()),
        ("engine_util_geometry", m.engine_util[0].to_string()),
        ("engine_util_2d", m.engine_util[1].to_string()),
        ("engine_util_3d", m.engine_util[2].to_string()),
        ("engine_util_compute", m.engine_util[3].to_string()),
        ("gpu_clock_mhz", m.gpu_clock_mhz.to_string()),
        ("memory_used", m.memory_used.to_string()),
        ("memory_util", m.memory_util.to_string()),
        ("memory_clock_mhz", m.memory_clock_mhz.to_string()),
        ("vpu_util", m.vpu.util.to_string()),
        ("vpu_encode_util", m.vpu.enc.to_string()),
        ("vpu_decode_util", m.vpu.dec.to_string()),
        ("vpu_util_period_us", m.vpu.period.to_string()),
        ("vpu_clock_mhz", m.vpu_clock_mhz.to_string()),
        ("fan_speed", format!("{},{}", m.fans[0].0, m.fans[1].0)),
        ("fan_rpm", format!("{},{}", m.fans[0].1, m.fans[1].1)),
    ];
    for (key, value) in pins {
        let after = read_all(&with_pin(&base, 0, key, &value), at);
        assert_eq!(after, before, "{key} = {value}");
    }
}

#[test]
fn a_pin_moves_only_its_own_metric() {
    let base = loaded_machine();
    let at = Duration::from_secs(42);
    let before = read_all(&base, at);
    type Edit = fn(&mut LiveMetrics);
    let cases: [(&str, &str, Edit); 13] = [
        ("engine_util_geometry", "91", |m| m.engine_util[0] = 91),
        ("engine_util_2d", "92", |m| m.engine_util[1] = 92),
        ("engine_util_3d", "93", |m| m.engine_util[2] = 93),
        ("engine_util_compute", "94", |m| m.engine_util[3] = 94),
        ("gpu_clock_mhz", "1234", |m| m.gpu_clock_mhz = 1234),
        ("memory_used", "1GiB", |m| m.memory_used = 1 << 30),
        ("memory_util", "77", |m| m.memory_util = 77),
        ("memory_clock_mhz", "1001", |m| m.memory_clock_mhz = 1001),
        ("vpu_util", "88", |m| m.vpu.util = 88),
        ("vpu_util_period_us", "250000", |m| m.vpu.period = 250_000),
        ("vpu_clock_mhz", "999", |m| m.vpu_clock_mhz = 999),
        ("fan_speed", "0,100", |m| {
            m.fans = vec![(0, 0), (100, 3300)];
        }),
        ("fan_rpm", "7,8", |m| {
            m.fans[0].1 = 7;
            m.fans[1].1 = 8;
        }),
    ];
    for (key, value, edit) in cases {
        let mut expected = before.clone();
        edit(&mut expected[0]);
        assert_eq!(
            read_all(&with_pin(&base, 0, key, value), at),
            expected,
            "{key} = {value}"
        );
    }
}

#[test]
fn pinned_loads_drive_the_derived_metrics() {
    // An idle GPU runs at its idle clocks and draws its idle power.
    let config = with_pin(&loaded_machine(), 0, "gpu_util", 0);
    let lib = Lib::with_config(&config.to_string());
    let device = lib.device(0).expect("device");
    let m = device.live_metrics().expect("read");
    assert_eq!(m.gpu_util, 0);
    assert_eq!(m.engine_util[3], 0, "compute follows the GPU load");
    assert_eq!(m.gpu_clock_mhz, 300, "S80 idle clock");
    assert_eq!(m.memory_clock_mhz, 800, "S80 idle memory clock");
    assert_eq!(device.power_mw(), Ok(25_000), "S80 idle power");

    // The codec clock follows pinned encoder and decoder loads.
    let idle_codec = with_pin(&loaded_machine(), 0, "vpu_encode_util", 0);
    let idle_codec = with_pin(&idle_codec, 0, "vpu_decode_util", 0);
    let m = &read_all(&idle_codec, Duration::ZERO)[0];
    assert_eq!(m.vpu, CodecUtil::new(0, 1_000_000, 0, 0));
    assert_eq!(m.vpu_clock_mhz, 200, "idle codec clock");
}

#[test]
fn bad_pins_are_rejected_with_their_line() {
    // (extra device lines after `model = s80`, line of the error, message part)
    let cases: &[(&str, u32, &str)] = &[
        (
            "gpu_util = 101",
            5,
            "'gpu_util' is out of range (at most 100)",
        ),
        (
            "engine_util_3d = 200",
            5,
            "'engine_util_3d' is out of range",
        ),
        ("memory_util = -1", 5, "bad number '-1' for 'memory_util'"),
        (
            "vpu_encode_util = 101",
            5,
            "'vpu_encode_util' is out of range",
        ),
        ("memory_used = lots", 5, "bad size 'lots' for 'memory_used'"),
        (
            "fan_speed = 50,101",
            5,
            "value 101 for 'fan_speed' is out of range",
        ),
        (
            "fan_speed = 1,2,3,4,5,6,7,8,9",
            5,
            "more than 8 values for 'fan_speed'",
        ),
        ("gpu_util = 5\ngpu_util = 6", 6, "'gpu_util' given twice"),
        (
            "gpu_clock_mhz = 1801",
            3,
            "device 0 (line 3): gpu_clock_mhz 1801 is above gpu_clock_max_mhz 1800",
        ),
        ("gpu_clock_mhz = 1900\ngpu_clock_max_mhz = 2000", 0, ""),
        (
            "memory_clock_mhz = 1751",
            3,
            "memory_clock_mhz 1751 is above memory_clock_max_mhz 1750",
        ),
        (
            "vpu_clock_mhz = 1001",
            3,
            "vpu_clock_mhz 1001 is above vpu_clock_max_mhz 1000",
        ),
        (
            "memory_used = 17GiB",
            3,
            "memory_used 18253611008 is larger than memory_total 17179869184",
        ),
        (
            "fan_speed = 10,20,30",
            3,
            "fan_speed lists 3 values but the device has 2 fans",
        ),
        (
            "fan_rpm = 3301",
            3,
            "fan_rpm 3301 is above fan_max_rpm 3300",
        ),
        (
            "fans = 0\nfan_rpm = 100",
            3,
            "fan_speed or fan_rpm given but the device has no fans",
        ),
    ];
    for (lines, line, message) in cases {
        let text = format!("[system]\nseed = 1\n[device]\nmodel = s80\n{lines}\n");
        let result = mtml_sim::validate_config(&text);
        if *line == 0 {
            result.unwrap_or_else(|e| panic!("{lines}: {e}"));
            continue;
        }
        let err = result.expect_err(lines);
        assert_eq!(err.code(), code::INVALID_ARGUMENT);
        assert_eq!(err.line(), Some(*line), "{lines}: {}", err.message());
        assert!(
            err.message().contains(message),
            "{lines}: {}",
            err.message()
        );
    }
}
