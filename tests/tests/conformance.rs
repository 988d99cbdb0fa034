//! The C conformance program passes against the linked libmtml.

use std::path::PathBuf;

use mtml_ctests::{conformance_program, linked_external_library, parse_summary, run, Run};

fn summary(result: &Run) -> (u32, u32, u32) {
    match parse_summary(result.last_line()) {
        Some(summary) => summary,
        None => panic!(
            "no summary line in the output:\n{}{}",
            result.stdout, result.stderr
        ),
    }
}

fn failures(result: &Run) -> String {
    result.lines_starting("FAIL").join("\n")
}

#[test]
fn default_system_conforms() {
    let result = run(conformance_program(), &[], &[]).expect("the conformance program runs");
    let (passed, failed, _) = summary(&result);
    assert_eq!(
        failed,
        0,
        "failed checks:\n{}\n{}",
        failures(&result),
        result.stderr
    );
    assert_eq!(result.code, Some(0));
    // One line per check, and every function of mtml.h was exercised.
    assert_eq!(result.lines_starting("PASS").len() as u32, passed);
    assert!(passed > 1000, "only {passed} checks ran");
    assert!(
        result
            .stdout
            .contains("PASS exercised 116/116 functions of mtml.h"),
        "{}",
        result.stdout
    );
    if !linked_external_library() {
        assert!(result
            .stdout
            .contains("INFO running against the mtml-rs simulator"));
        assert!(result.lines_starting("SKIP state-changing").is_empty());
    }
}

#[test]
fn hardware_mode_skips_simulator_only_checks_and_still_passes() {
    let result =
        run(conformance_program(), &["--hardware"], &[]).expect("the conformance program runs");
    let (passed, failed, skipped) = summary(&result);
    assert_eq!(failed, 0, "failed checks:\n{}", failures(&result));
    assert!(passed > 500, "only {passed} checks ran");
    assert!(skipped >= 2, "simulator-only parts are reported as skipped");
    assert!(result
        .stdout
        .contains("INFO running against a real libmtml"));
    assert!(result
        .stdout
        .contains("PASS exercised 116/116 functions of mtml.h"));
}

#[test]
fn rejects_unknown_arguments() {
    let result =
        run(conformance_program(), &["--bogus"], &[]).expect("the conformance program runs");
    assert_eq!(result.code, Some(2));
    assert!(result.stderr.contains("usage:"));
}

/// Every shipped example machine (except the one full of injected faults)
/// conforms too.
#[test]
fn example_configurations_conform() {
    if linked_external_library() {
        return;
    }
    let configs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../mtml-sim/configs");
    let mut checked = 0;
    for entry in std::fs::read_dir(&configs).expect("mtml-sim/configs exists") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.ends_with(".conf") || name == "faults.conf" {
            continue;
        }
        let config = path.to_str().expect("UTF-8 path");
        let result = run(conformance_program(), &[], &[("MTML_SIM_CONFIG", config)]).expect("runs");
        let (_, failed, _) = summary(&result);
        assert_eq!(failed, 0, "{name}: failed checks:\n{}", failures(&result));
        checked += 1;
    }
    assert!(checked >= 3, "checked {checked} example configurations");
}

/// The whole conformance run is clean under valgrind's memcheck (no invalid
/// reads or writes, no definite leaks), in the simulator and the program.
#[test]
fn conformance_is_clean_under_valgrind() {
    let probe = std::process::Command::new("valgrind")
        .arg("--version")
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("valgrind is not installed; skipped");
        return;
    }
    let program = conformance_program().to_str().expect("UTF-8 path");
    let args = [
        "--error-exitcode=9",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite",
        "-q",
        program,
    ];
    let result = run(std::path::Path::new("valgrind"), &args, &[]).expect("valgrind runs");
    assert_eq!(
        result.code,
        Some(0),
        "valgrind reported:\n{}",
        result.stderr
    );
    let (_, failed, _) = summary(&result);
    assert_eq!(failed, 0);
}
