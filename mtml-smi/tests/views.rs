//! Snapshot tests of every view on the simulator's default machine with
//! the clock frozen (expected output in `tests/snapshots/`).

mod common;

use common::{frozen_default_file, output, smi_on};

/// Runs `mtml-smi args` on the frozen default machine; expects success.
fn view(args: &[&str]) -> String {
    let config = frozen_default_file("views.conf");
    let (code, stdout, stderr) = output(smi_on(&config).args(args));
    assert_eq!(code, 0, "mtml-smi {args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "unexpected stderr: {stderr}");
    stdout
}

#[test]
fn summary() {
    let text = view(&[]);
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "line wider than 80 columns: {line:?}"
        );
    }
    assert!(text.starts_with("Sat Jun  1 00:00:00 2024\n"));
    insta::assert_snapshot!(text);
}

#[test]
fn summary_json() {
    let text = view(&["--json"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], "mtml-smi.summary/1");
    assert_eq!(value["gpus"].as_array().unwrap().len(), 9);
    // Device 3 of the default machine is idle: load 0, so GPU load 0 %.
    assert_eq!(value["gpus"][3]["utilization_percent"], 0);
    assert_eq!(value["gpus"][8]["name"], "MTT S80");
    insta::assert_snapshot!(text);
}

#[test]
fn list() {
    let text = view(&["-L"]);
    assert_eq!(text.lines().count(), 9);
    assert!(text.contains("GPU 8: MTT S80 (UUID: 4d544d4c-0000-4000-8000-000000000008)"));
    insta::assert_snapshot!(text);
}

#[test]
fn list_json() {
    insta::assert_snapshot!(view(&["--list-gpus", "--json"]));
}

#[test]
fn query_report() {
    let text = view(&["-q"]);
    // Values from the default machine's configuration.
    let has = |key: &str, value: &str| {
        text.lines()
            .any(|l| l.trim_start().starts_with(key) && l.ends_with(&format!(": {value}")))
    };
    assert!(has("Serial Number", "MT4K2405A0002"));
    assert!(has("Slot Name", "PCIe Slot 9"));
    assert!(has("Corrected", "157"));
    insta::assert_snapshot!(text);
}

#[test]
fn query_report_json() {
    let text = view(&["-q", "--json", "-i", "2,8"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema"], "mtml-smi.query/1");
    assert_eq!(value["attached_gpus"], 9);
    let gpu2 = &value["gpus"][0];
    assert_eq!(gpu2["index"], 2);
    assert_eq!(gpu2["memory"]["ecc_volatile_corrected"], 12);
    assert_eq!(gpu2["memory"]["ecc_aggregate_uncorrected"], 3);
    assert_eq!(gpu2["vpu"]["active_encoder_sessions"], 2);
    assert_eq!(value["gpus"][1]["fans"].as_array().unwrap().len(), 2);
    insta::assert_snapshot!(text);
}

const FIELDS: &str = "index,name,uuid,pci.bus_id,temperature.gpu,power.draw,memory.used,\
memory.total,utilization.gpu,clocks.gr,clocks.max.gr,fan.speed,ecc.mode.current,mtlink.count";

#[test]
fn query_gpu_csv() {
    let text = view(&["--query-gpu", FIELDS, "--format=csv"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "index, name, uuid, pci.bus_id, temperature.gpu, power.draw [W], memory.used [MiB], \
         memory.total [MiB], utilization.gpu [%], clocks.gr [MHz], clocks.max.gr [MHz], \
         fan.speed [%], ecc.mode.current, mtlink.count"
    );
    assert_eq!(lines.count(), 9);
    insta::assert_snapshot!(text);
}

#[test]
fn query_gpu_csv_noheader_nounits() {
    let text = view(&[
        "--query-gpu=index,memory.total,ecc.mode.current,ecc.mode.pending,fan.speed",
        "--format=csv,noheader,nounits",
        "-i",
        "3,8",
    ]);
    // Device 3 has ECC off now and on after the next reset; the S80 has no
    // ECC and two fans.
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "3, 49152, Disabled, Enabled, N/A");
    assert!(lines.next().unwrap().starts_with("8, 16384, N/A, N/A, "));
    assert_eq!(lines.next(), None);
}

#[test]
fn query_gpu_json() {
    insta::assert_snapshot!(view(&["--query-gpu", FIELDS, "--format=csv", "--json"]));
}

#[test]
fn help_query_gpu() {
    insta::assert_snapshot!(view(&["--help-query-gpu"]));
}

#[test]
fn topo_matrix() {
    let text = view(&["topo", "-m"]);
    // 0 and 1 are joined by three cables (ports 0-1, 2-2, 3-3).
    assert!(text.contains("GPU0   X     MT3 "), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn topo_json() {
    insta::assert_snapshot!(view(&["topo", "-m", "--json", "-i", "0,4,8"]));
}

#[test]
fn mtlink() {
    let text = view(&["mtlink"]);
    // Default machine: port 4 of device 2 is downgraded and 6.3 is down.
    assert!(
        text.contains("Link 4: Downgraded -> GPU 6 link 4"),
        "{text}"
    );
    assert!(
        text.contains("Link 3: Down       -> GPU 7 link 3"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn mtlink_json() {
    insta::assert_snapshot!(view(&["mtlink", "--json", "-i", "6,8"]));
}

#[test]
fn capture() {
    insta::assert_snapshot!(view(&["capture"]));
}

#[test]
fn selection_by_uuid_and_bus_id() {
    let text = view(&["-L", "-i", "4d544d4c-0000-4000-8000-000000000005,5a:00.0,1"]);
    assert_eq!(
        text,
        "GPU 5: MTT S4000 (UUID: 4d544d4c-0000-4000-8000-000000000005)\n\
         GPU 8: MTT S80 (UUID: 4d544d4c-0000-4000-8000-000000000008)\n\
         GPU 1: MTT S4000 (UUID: 4d544d4c-0000-4000-8000-000000000001)\n"
    );
}

#[test]
fn loop_refreshes_the_given_number_of_times() {
    let text = view(&["-L", "-i", "0", "--loop", "0.01", "--count", "3"]);
    assert_eq!(
        text.matches("GPU 0: MTT S4000").count(),
        3,
        "three refreshes expected: {text}"
    );
}
