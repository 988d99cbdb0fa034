//! Runs every example in `mtml/examples` against the simulator's built-in
//! default machine and checks that each prints what that machine holds.
//!
//! Cargo builds the examples before it runs integration tests; they sit in
//! `target/<profile>/examples`, next to this test's `deps` directory.

use std::path::PathBuf;
use std::process::Command;

/// Each example with lines its output must contain on the default machine
/// (static values of `mtml-sim/configs/default.conf`, not moving metrics).
const EXPECTED: &[(&str, &[&str])] = &[
    (
        "library_basics",
        &[
            "MTML library version: 2.2.0",
            "Driver version:       3.0.0-sim",
            "Devices:              9",
        ],
    ),
    (
        "device_info",
        &[
            "Device 0: MTT S4000",
            "UUID:      4d544d4c-0000-4000-8000-000000000000",
            "Device 8: MTT S80",
        ],
    ),
    ("gpu", &["Device 0 (MTT S4000):", "Compute"]),
    ("memory", &["of 49152 MiB", "384-bit bus"]),
    (
        "vpu",
        &[
            "no video unit of its own",
            "encode #0: pid 4101, Hevc 1920x1080 @ 60 fps",
            "Slots:       8 encoder, 16 decoder",
        ],
    ),
    (
        "fans_and_power",
        &["Fans: none (passive cooling)", "Device 8 (MTT S80):"],
    ),
    (
        "ecc",
        &[
            "Corrected    157 (DRAM, lifetime)",
            "DoubleBitEccError: address 0x710220000",
            "ECC: not supported",
        ],
    ),
    (
        "topology_mtlink",
        &[
            "0 <-> 1: Single, P2P read Ok",
            "shortest path to device 0: 2 -> 1 -> 0",
            "Device 8: no MtLink",
        ],
    ),
    (
        "device_paths",
        &[
            "GPU node:     /dev/mtgpu.0",
            "Render node:  /dev/dri/renderD128",
        ],
    ),
    (
        "mpc_virt",
        &[
            "current configuration: 1h-2q",
            "virtual device 4d544d4c-5600-4000-8000-000000000100: s4000-12g",
        ],
    ),
    (
        "affinity_log",
        &[
            "Device 4: CPUs 32-63, NUMA nodes [1]",
            "callback_level: Info",
        ],
    ),
    (
        "report",
        &[
            "MTML 2.2.0 / driver 3.0.0-sim",
            "GPU 8 — MTT S80",
            "PCI bus id ...... 00000000:1b:00.0",
            "Fans ............ N/A",
        ],
    ),
];

/// Examples that need features this suite is not built with; the CI step
/// `.ci/steps/10-runtime-loading.sh` runs them.
const FEATURE_GATED: &[&str] = &["runtime_loading"];

fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("target directory")
        .join("examples")
}

#[test]
fn every_example_is_listed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut sources: Vec<String> = std::fs::read_dir(dir)
        .expect("examples directory")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .filter(|name| !FEATURE_GATED.contains(&name.as_str()))
        .collect();
    sources.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(sources, listed, "every example needs an entry in EXPECTED");
}

#[test]
fn every_example_runs_against_the_simulator() {
    for (name, lines) in EXPECTED {
        let path = examples_dir().join(name);
        let output = Command::new(&path)
            .env_remove("MTML_SIM_CONFIG")
            .env_remove("MTML_SIM_FAULTS")
            .output()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot run {} ({error}); run the whole suite (`cargo test -p mtml`) so Cargo builds the examples",
                    path.display()
                )
            });
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "example {name} failed: {}\n{stdout}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        for line in *lines {
            assert!(
                stdout.contains(line),
                "example {name} does not print {line:?}:\n{stdout}"
            );
        }
    }
}
