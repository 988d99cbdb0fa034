//! Error paths of the binary: exit codes and messages, with failures
//! injected through the simulator (`MTML_SIM_FAULTS`).

mod common;

use common::{frozen_default_file, output, smi_on};

fn smi(args: &[&str], faults: Option<&str>) -> (i32, String, String) {
    let config = frozen_default_file("errors.conf");
    let mut cmd = smi_on(&config);
    if let Some(faults) = faults {
        cmd.env("MTML_SIM_FAULTS", faults);
    }
    output(cmd.args(args))
}

#[test]
fn library_that_cannot_start_gives_one_line_and_exit_1() {
    let faults = "function=mtmlLibraryInit,code=MTML_ERROR_DRIVER_NOT_LOADED";
    for args in [&[][..], &["-q"], &["topo", "-m"], &["capture"]] {
        let (code, stdout, stderr) = smi(args, Some(faults));
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("mtml-smi: error: cannot start MTML (the Moore Threads kernel driver is not loaded)"), "{stderr}");
        assert!(stderr.contains("mtml-smi --sim"), "{stderr}");
        assert!(stderr.contains("MTML_SIM_CONFIG"), "{stderr}");
    }
}

#[test]
fn bad_id_lists_the_valid_choices() {
    let (code, stdout, stderr) = smi(&["-i", "0,9"], None);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("mtml-smi: error: no GPU matches -i '9'"),
        "{stderr}"
    );
    assert!(stderr.contains("index (0-8)"), "{stderr}");
    assert!(
        stderr.contains("  8  4d544d4c-0000-4000-8000-000000000008  00000000:5a:00.0"),
        "{stderr}"
    );

    let (code, _, stderr) = smi(&["-L", "-i", "no-such-uuid"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("-i 'no-such-uuid'"), "{stderr}");
}

#[test]
fn unknown_query_field_lists_the_valid_ones() {
    let (code, stdout, stderr) = smi(&["--query-gpu=index,gpu.temp", "--format=csv"], None);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unknown field 'gpu.temp'"), "{stderr}");
    assert!(stderr.contains("temperature.gpu"), "{stderr}");
    assert!(stderr.contains("clocks.gr"), "{stderr}");
}

#[test]
fn bad_formats_and_combinations_are_usage_errors() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--query-gpu=index", "--format=xml"],
            "unsupported --format 'xml'",
        ),
        (
            &["--query-gpu=index", "--format=csv,pretty"],
            "unknown --format option 'pretty'",
        ),
        (&["--format=csv"], "--format only applies to --query-gpu"),
        (&["--loop", "0"], "--loop needs a positive number"),
        (
            &["--loop", "1", "capture"],
            "capture cannot be combined with --loop",
        ),
        (&["-L", "topo"], "cannot be combined with a subcommand"),
    ];
    for (args, message) in cases {
        let (code, stdout, stderr) = smi(args, None);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn clap_rejects_unknown_options_with_exit_2() {
    let (code, _, stderr) = smi(&["--bogus"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("--bogus"), "{stderr}");
    let (code, _, stderr) = smi(&["--query-gpu=index"], None);
    assert_eq!(code, 2, "--query-gpu needs --format: {stderr}");
    let (code, _, _) = smi(&["--count", "2"], None);
    assert_eq!(code, 2, "--count needs --loop");
}

#[test]
fn a_failing_device_shows_err_and_the_rest_still_prints() {
    // Every call about device 2 fails; the others answer.
    let faults = "function=*,device=2,code=MTML_ERROR_DRIVER_FAILURE";
    let (code, stdout, stderr) = smi(&[], Some(faults));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let rows: Vec<&str> = stdout.lines().filter(|l| l.starts_with("| 2 ")).collect();
    assert_eq!(rows.len(), 1, "{stdout}");
    assert!(rows[0].contains("ERR!"), "{stdout}");
    assert!(stdout.contains("| 3    MTT S4000"), "{stdout}");
    assert!(stdout.contains("| 8    MTT S80"), "{stdout}");
    insta::assert_snapshot!(stdout);

    let (code, stdout, _) = smi(
        &[
            "--query-gpu=index,name,temperature.gpu",
            "--format=csv,noheader",
        ],
        Some(faults),
    );
    assert_eq!(code, 3);
    assert!(stdout.contains("\n2, ERR!, ERR!\n"), "{stdout}");
    assert!(stdout.contains("\n3, MTT S4000, 32\n"), "{stdout}");

    let (code, stdout, _) = smi(&["-L"], Some(faults));
    assert_eq!(code, 3);
    assert!(stdout.contains("GPU 2: ERR! (UUID: ERR!)"), "{stdout}");
}

#[test]
fn one_failing_value_shows_err_in_its_cell_only() {
    let faults = "function=mtmlGpuGetTemperature,device=1,code=MTML_ERROR_TIMEOUT";
    let (code, stdout, _) = smi(
        &[
            "--query-gpu=index,temperature.gpu,power.draw",
            "--format=csv,noheader,nounits",
            "-i",
            "0,1",
        ],
        Some(faults),
    );
    assert_eq!(code, 3);
    assert_eq!(stdout, "0, 55, 231.13\n1, ERR!, 169.25\n");

    let (code, stdout, _) = smi(&["--json", "-i", "1"], Some(faults));
    assert_eq!(code, 3);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let gpu = &value["gpus"][0];
    assert_eq!(gpu["temperature_c"], serde_json::Value::Null);
    assert_eq!(gpu["errors"][0]["metric"], "gpu.temperature_celsius");
    assert_eq!(gpu["errors"][0]["error"], "timed out");

    let (code, stdout, _) = smi(&["-q", "-i", "1"], Some(faults));
    assert_eq!(code, 3);
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("GPU Current Temp") && l.ends_with(": ERR!")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("gpu.temperature_celsius") && l.ends_with(": timed out")),
        "{stdout}"
    );
}

#[test]
fn failing_topology_and_mtlink_calls_show_err() {
    let faults = "function=mtmlDeviceGetTopologyLevel,device=8,code=MTML_ERROR_UNKNOWN;\
                  function=mtmlDeviceGetMtLinkState,device=0,code=MTML_ERROR_TIMEOUT";
    let (code, stdout, _) = smi(&["topo", "-m"], Some(faults));
    assert_eq!(code, 3);
    assert!(
        stdout.lines().any(|l| l.starts_with("GPU8   ERR!")),
        "{stdout}"
    );
    let (code, stdout, _) = smi(&["mtlink", "-i", "0"], Some(faults));
    assert_eq!(code, 3);
    assert!(stdout.contains("Link 0: ERR!"), "{stdout}");
}

#[test]
fn missing_driver_library_gives_one_line_and_exit_1() {
    let missing = "/nonexistent/mtml-rs-test/libmtml.so.2";
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_mtml-smi"));
    cmd.env_remove("MTML_SMI_SIM")
        .env("MTML_LIBRARY_PATH", missing)
        .env("NO_COLOR", "1");
    let (code, stdout, stderr) = output(&mut cmd);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("mtml-smi: error: no Moore Threads driver library found (tried "),
        "{stderr}"
    );
    assert!(stderr.contains(missing), "{stderr}");
    assert!(stderr.contains("mtml-smi --sim"), "{stderr}");
}

#[test]
fn sim_flag_and_variable_select_the_embedded_simulator() {
    let config = frozen_default_file("errors.conf");
    for (flag, variable) in [(true, None), (false, Some("1"))] {
        let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_mtml-smi"));
        cmd.env("MTML_SIM_CONFIG", &config)
            .env("NO_COLOR", "1")
            // Even a bad explicit path does not matter once the simulator is chosen.
            .env("MTML_LIBRARY_PATH", "/nonexistent/libmtml.so.2")
            .env_remove("MTML_SMI_SIM");
        if let Some(value) = variable {
            cmd.env("MTML_SMI_SIM", value);
        }
        if flag {
            cmd.arg("--sim");
        }
        cmd.arg("-L");
        let (code, stdout, stderr) = output(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout.lines().count(), 9, "{stdout}");
        assert!(
            stdout.starts_with("GPU 0: MTT S4000 (UUID: 4d544d4c-0000-4000-8000-000000000000)"),
            "{stdout}"
        );
    }
}

#[test]
fn a_failing_partition_query_shows_err_in_the_report() {
    let faults = "function=mtmlDeviceGetMpcConfiguration,code=MTML_ERROR_DRIVER_FAILURE";
    let (code, stdout, stderr) = smi(&["-q", "-i", "7"], Some(faults));
    assert_eq!(code, 3, "{stderr}");
    let line = |key: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .unwrap_or_else(|| panic!("no {key} line:\n{stdout}"))
            .to_owned()
    };
    assert!(line("Configuration").ends_with(": ERR!"), "{stdout}");
    // The instances are still read and shown.
    assert!(
        line("Instance 0").contains("(mpc-1h: 4096 cores, 24576 MiB)"),
        "{stdout}"
    );
    assert!(line("mpc.configuration").contains("driver"), "{stdout}");
}
