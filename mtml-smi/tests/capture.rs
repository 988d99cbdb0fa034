//! Capture round trip: capture the simulator's default machine (clock
//! frozen), replay the capture through `MTML_SIM_CONFIG`, and compare the
//! full output of every view, byte for byte, live metrics included.
//!
//! Nothing is left out: the capture pins every live metric to the value
//! read (see the `capture` module), so the replay reports exactly what the
//! original did. What a capture cannot carry is what MTML does not report
//! (the simulator's seed and curves, idle clocks of a busy GPU, the highest
//! fan rpm, how fast ECC counters grow, the load curves of MPC instances
//! and virtual devices); none of it is shown by any view, and the pinned
//! values stand in for it.

mod common;

use std::path::PathBuf;

use common::{frozen_default_file, output, smi_on, write_config};
use mtml_smi::views::csv::FIELDS;
use serde_json::Value;

fn run(config: &PathBuf, args: &[&str]) -> String {
    let (code, stdout, stderr) = output(smi_on(config).args(args));
    assert_eq!(code, 0, "mtml-smi {args:?}: {stderr}");
    stdout
}

/// The original machine and its replay.
fn machines() -> (PathBuf, PathBuf) {
    let original = frozen_default_file("capture-original.conf");
    let captured = run(&original, &["capture"]);
    mtml_sim::validate_config(&captured).expect("the capture is a valid configuration");
    (original, write_config("capture-replay.conf", &captured))
}

/// `--query-gpu` with every field it knows.
fn every_field() -> String {
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    format!("--query-gpu={}", names.join(","))
}

/// Every view, in text and JSON.
fn every_view() -> Vec<Vec<String>> {
    let views: Vec<Vec<String>> = vec![
        vec![],
        vec!["-L".into()],
        vec!["-q".into()],
        vec![every_field(), "--format=csv".into()],
        vec!["topo".into(), "-m".into()],
        vec!["mtlink".into()],
    ];
    views
        .into_iter()
        .flat_map(|view| {
            let mut json = view.clone();
            json.push("--json".into());
            [view, json]
        })
        .collect()
}

fn assert_same_output(original: &PathBuf, replay: &PathBuf) {
    for view in every_view() {
        let args: Vec<&str> = view.iter().map(String::as_str).collect();
        let (a, b) = (run(original, &args), run(replay, &args));
        assert!(
            a == b,
            "view {args:?} differs:\n{}",
            first_difference(&a, &b)
        );
    }
}

/// The first differing line of two outputs, for the failure message.
fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or_else(
            || format!("lengths {} and {}", a.len(), b.len()),
            |(n, (x, y))| format!("line {}:\n  original: {x}\n  replay:   {y}", n + 1),
        )
}

#[test]
fn replay_shows_every_view_byte_for_byte() {
    let (original, replay) = machines();
    assert_same_output(&original, &replay);
}

#[test]
fn replay_stays_exact_while_its_clock_runs() {
    // Every live metric is pinned, so the replay's own clock moving changes
    // nothing.
    let original = frozen_default_file("capture-original.conf");
    let captured = run(&original, &["capture", "--running-clock"]);
    assert!(captured.contains("\nclock = running\n"));
    let replay = write_config("capture-replay-running.conf", &captured);
    assert_same_output(&original, &replay);
}

/// The machine is busy: the round trip covers non-idle live metrics.
#[test]
fn the_default_machine_has_busy_gpus_fans_and_codecs() {
    let original = frozen_default_file("capture-original.conf");
    let report: Value = serde_json::from_str(&run(&original, &["-q", "--json"])).unwrap();
    let gpus = report["gpus"].as_array().unwrap();
    assert_eq!(gpus.len(), 9);
    let positive = |path: &[&str]| {
        gpus.iter()
            .filter(|g| {
                path.iter()
                    .try_fold(*g, |v, key| v.get(key))
                    .and_then(Value::as_u64)
                    .is_some_and(|n| n > 0)
            })
            .count()
    };
    assert!(positive(&["gpu", "utilization_percent"]) >= 7);
    assert!(positive(&["memory", "utilization_percent"]) >= 7);
    assert!(positive(&["vpu", "utilization", "encoder_percent"]) >= 1);
    assert!(positive(&["vpu", "utilization", "decoder_percent"]) >= 1);
    let fans = gpus
        .iter()
        .filter_map(|g| g["fans"].as_array())
        .flatten()
        .filter(|f| f["percent"].as_u64().is_some_and(|p| p > 0))
        .count();
    assert_eq!(fans, 2, "the S80's two fans spin");
}

/// Keys of the capture that pin live metrics.
const PIN_KEYS: &[&str] = &[
    "gpu_util",
    "engine_util_geometry",
    "engine_util_2d",
    "engine_util_3d",
    "engine_util_compute",
    "gpu_clock_mhz",
    "memory_used",
    "memory_util",
    "memory_clock_mhz",
    "vpu_util",
    "vpu_encode_util",
    "vpu_decode_util",
    "vpu_clock_mhz",
    "fan_speed",
    "fan_rpm",
];

#[test]
fn every_device_gets_every_pin_and_the_pins_matter() {
    let (original, replay) = machines();
    let captured = std::fs::read_to_string(&replay).unwrap();
    for key in PIN_KEYS {
        // Only the S80 has fans; the MPC parent (index 7, MPC mode on)
        // has no codec unit of its own, its instances have.
        let expected = if key.starts_with("fan_") {
            1
        } else if key.starts_with("vpu_") {
            8
        } else {
            9
        };
        assert_eq!(
            captured.matches(&format!("\n{key} = ")).count(),
            expected,
            "{key}"
        );
    }
    // Without its pins, the replay follows the simulator's curves and the
    // busy GPUs come back different.
    let unpinned: String = captured
        .lines()
        .filter(|line| {
            !PIN_KEYS
                .iter()
                .any(|k| line.starts_with(&format!("{k} = ")))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let unpinned = write_config("capture-replay-unpinned.conf", &unpinned);
    let args = ["-q", "--json"];
    assert_ne!(run(&original, &args), run(&unpinned, &args));
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
