//! Capture round trip: capture the simulator's default machine, replay the
//! capture through `MTML_SIM_CONFIG`, and compare the views.
//!
//! Everything MTML reports as a fact of the machine must come back
//! identical. Live metrics are replayed as an operating point (see the
//! `capture` module): temperature and power exactly, utilization and what
//! follows from it (clocks, memory in use, fan speed) only approximately,
//! because the simulator's curves depend on a seed MTML cannot report.

mod common;

use common::{frozen_default_file, output, smi_on, write_config};
use serde_json::Value;

fn run(config: &std::path::PathBuf, args: &[&str]) -> String {
    let (code, stdout, stderr) = output(smi_on(config).args(args));
    assert_eq!(code, 0, "mtml-smi {args:?}: {stderr}");
    stdout
}

/// The original machine and its replay.
fn machines() -> (std::path::PathBuf, std::path::PathBuf) {
    let original = frozen_default_file("capture-original.conf");
    let captured = run(&original, &["capture"]);
    mtml_sim::validate_config(&captured).expect("the capture is a valid configuration");
    (original, write_config("capture-replay.conf", &captured))
}

/// Fields of the machine's facts (no live metrics apart from the pinned
/// temperature and power).
const FACTS: &str = "index,name,uuid,serial,brand,vbios_version,pci.bus_id,pci.device_id,\
pci.sub_device_id,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current,\
pcie.link.width.max,role,gpu_cores,temperature.gpu,power.draw,memory.total,memory.reserved,\
memory.type,memory.bus_width,clocks.max.gr,clocks.max.mem,clocks.max.video,\
encoder.stats.sessionCount,decoder.stats.sessionCount,ecc.mode.current,ecc.mode.pending,\
ecc.errors.corrected.volatile.total,ecc.errors.uncorrected.volatile.total,\
ecc.errors.corrected.aggregate.total,ecc.errors.uncorrected.aggregate.total,\
retired_pages.sbe,retired_pages.dbe,retired_pages.pending,mpc.mode,mtlink.count,\
mtlink.bandwidth,driver_version,mtml_version,count";

#[test]
fn replay_shows_the_same_machine() {
    let (original, replay) = machines();
    let views: &[&[&str]] = &[
        &["-L"],
        &["-L", "--json"],
        &["topo", "-m"],
        &["topo", "-m", "--json"],
        &["mtlink"],
        &["mtlink", "--json"],
        &["--query-gpu", FACTS, "--format=csv"],
    ];
    for args in views {
        assert_eq!(
            run(&original, args),
            run(&replay, args),
            "view {args:?} differs"
        );
    }
}

/// Removes the live metrics that the replay only approximates.
fn without_live_metrics(mut report: Value) -> Value {
    for gpu in report["gpus"].as_array_mut().unwrap() {
        let gpu = gpu.as_object_mut().unwrap();
        for (unit, keys) in [
            (
                "gpu",
                &[
                    "utilization_percent",
                    "clock_mhz",
                    "engine_utilization_percent",
                ][..],
            ),
            (
                "memory",
                &["used_bytes", "utilization_percent", "clock_mhz"][..],
            ),
            ("vpu", &["utilization", "clock_mhz"][..]),
        ] {
            if let Some(unit) = gpu.get_mut(unit).and_then(Value::as_object_mut) {
                for key in keys {
                    unit.remove(*key);
                }
            }
        }
        if let Some(fans) = gpu.get_mut("fans").and_then(Value::as_array_mut) {
            let count = fans.len();
            *fans = vec![Value::Null; count];
        }
    }
    report
}

#[test]
fn replay_reports_every_fact_of_every_device() {
    let (original, replay) = machines();
    let read = |config| -> Value { serde_json::from_str(&run(config, &["-q", "--json"])).unwrap() };
    let (a, b) = (read(&original), read(&replay));
    assert_eq!(a["gpus"].as_array().unwrap().len(), 9);
    assert_eq!(without_live_metrics(a), without_live_metrics(b));
}

#[test]
fn replay_of_an_idle_device_is_exact() {
    // Device 3 of the default machine has load 0: every live metric sits at
    // its idle value, which the capture records exactly.
    let (original, replay) = machines();
    for args in [
        &["-q", "-i", "3"][..],
        &["-i", "3"],
        &["-q", "--json", "-i", "3"],
    ] {
        assert_eq!(
            run(&original, args),
            run(&replay, args),
            "view {args:?} differs"
        );
    }
}

#[test]
fn capture_can_leave_the_clock_running() {
    let original = frozen_default_file("capture-original.conf");
    let text = run(&original, &["capture", "--running-clock", "-i", "8"]);
    assert!(text.contains("\nclock = running\n"), "{text}");
    assert_eq!(text.matches("[device]").count(), 1);
    assert!(text.contains("\nfans = 2\n"), "{text}");
    assert!(text.contains("\ndisplay = "), "{text}");
    mtml_sim::validate_config(&text).expect("valid configuration");
}
