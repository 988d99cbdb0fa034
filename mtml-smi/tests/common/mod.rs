//! Shared fixtures: the simulator's default machine with its clock frozen,
//! and a way to run the built binary on it with reproducible output.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use assert_cmd::Command;
use mtml_sim::SimConfig;

/// Fixed time for the header (`SOURCE_DATE_EPOCH`): 2024-06-01 00:00 UTC.
pub const EPOCH: &str = "1717200000";

/// The default machine (8 S4000 and one S80) with the clock frozen.
pub fn frozen_default() -> SimConfig {
    SimConfig::from_default().system(|s| s.set("clock", "frozen"))
}

/// Writes `config` to a file of the test target directory named `name`.
pub fn write_config(name: &str, config: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, config).expect("write the test machine");
    path
}

/// The frozen default machine as a file, written once per test binary
/// (`name` must differ between test binaries).
pub fn frozen_default_file(name: &str) -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| write_config(name, &frozen_default().to_string()))
        .clone()
}

/// `mtml-smi` on its embedded simulator (`MTML_SMI_SIM=1`, as `--sim`)
/// running the machine in `config`, with a fixed time, no colour and no
/// injected faults.
pub fn smi_on(config: &PathBuf) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtml-smi"));
    cmd.env("MTML_SMI_SIM", "1")
        .env_remove("MTML_LIBRARY_PATH")
        .env("MTML_SIM_CONFIG", config)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("MTML_SIM_FAULTS");
    cmd
}

/// Runs `cmd`, returning (exit code, stdout, stderr).
pub fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("mtml-smi runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}
