//! Fault sweep: every MTML function of the simulator × every `MtmlReturn`
//! error code (plus one code the crate does not know).
//!
//! For each pair the simulator injects the code into that one function and
//! the safe wrapper that reaches it is called. The wrapper must return
//! exactly `Error::from_raw(code)`, must really have called the function,
//! must not panic, and the simulator must record no handle misuse.
//!
//! The table below is the single list of which wrapper reaches which C
//! function; `table_covers_every_function` fails when a function of
//! `mtml_sim::function_names()` is missing from it. Each case runs on a
//! fresh library instance (instances are isolated, so the tests of this file
//! run in parallel).

#[path = "common/domains.rs"]
mod domains;
#[path = "common/wrappers.rs"]
mod wrappers;

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use mtml::{Error, Library};
use mtml_sim::{FaultRule, MisuseKind, SimConfig};
use wrappers::{table, Case, Route};

/// Every error code of `MtmlReturn` (1..=12 and `MTML_ERROR_UNKNOWN`), plus
/// 77, which no MTML version defines (it must come back as `Error::Unknown`).
const CODES: [u32; 14] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999, 77];

/// Runs one (function, code) pair; `Err` describes what went wrong.
fn run_case(case: &Case, code: u32) -> std::result::Result<(), String> {
    let expected = Error::from_raw(code).expect("an error code");
    match case.route {
        Route::Instance(call) => {
            let mut lib = domains::open_default();
            {
                let control = domains::control(&lib);
                control
                    .inject_fault(&FaultRule::new(case.function, code))
                    .map_err(|e| format!("cannot inject: {e}"))?;
            }
            let got = call(&mut lib);
            if got.as_ref().err() != Some(&expected) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            let calls = domains::control(&lib)
                .call_count(case.function)
                .map_err(|e| e.to_string())?;
            if calls == 0 {
                return Err("the wrapper never called the function".into());
            }
            let misuse = domains::misuse_total(&lib);
            if misuse != 0 {
                return Err(format!("{misuse} handle misuse(s) recorded"));
            }
            Ok(())
        }
        Route::Init => {
            SimConfig::from_default()
                .fault(FaultRule::new(case.function, code))
                .set_for_next_init()
                .map_err(|e| format!("config rejected: {e}"))?;
            match Library::init() {
                Err(error) if error == expected => Ok(()),
                Err(error) => Err(format!("expected Err({expected:?}), got Err({error:?})")),
                Ok(_) => Err("init succeeded despite the fault".into()),
            }
        }
        Route::Shutdown => {
            let lib = domains::open_default();
            let raw = lib.as_raw();
            domains::control(&lib)
                .inject_fault(&FaultRule::new(case.function, code))
                .map_err(|e| format!("cannot inject: {e}"))?;
            let got = lib.shutdown();
            if got.as_ref().err() != Some(&expected) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            // A failed shutdown leaves the library alive: clear the rule and
            // shut it down for real, so the instance does not leak.
            // SAFETY: the failed shutdown left `raw` a live simulator library.
            let control = unsafe { mtml_sim::Control::from_raw(raw.cast()) }.expect("non-NULL");
            let misuse: u64 = MisuseKind::ALL
                .iter()
                .map(|&kind| control.misuse_count(kind).expect("misuse count"))
                .sum();
            control.clear_faults().map_err(|e| e.to_string())?;
            // SAFETY: the `Library` is gone and nothing uses `raw` again;
            // the simulator copy that owns it shuts it down exactly once.
            unsafe { control.shut_down() }.map_err(|e| format!("second shutdown failed: {e}"))?;
            if misuse != 0 {
                return Err(format!("{misuse} handle misuse(s) recorded"));
            }
            Ok(())
        }
        Route::Global(call) => {
            mtml_sim::inject_global_fault(&FaultRule::new(case.function, code))
                .map_err(|e| format!("cannot inject: {e}"))?;
            let got = call();
            mtml_sim::clear_global_faults().map_err(|e| e.to_string())?;
            if got.as_ref().err() != Some(&expected) {
                return Err(format!("expected Err({expected:?}), got {got:?}"));
            }
            Ok(())
        }
        Route::NoReturnCode => Ok(()),
    }
}

/// Sweeps every code over the table rows whose function starts with one of
/// `prefixes` (and does not start with one of `except`); returns the number
/// of cases run.
fn sweep(prefixes: &[&str], except: &[&str]) -> usize {
    let mut failures = Vec::new();
    let mut cases = 0;
    for case in table() {
        let selected = prefixes.iter().any(|p| case.function.starts_with(p))
            && !except.iter().any(|p| case.function.starts_with(p));
        if !selected || matches!(case.route, Route::NoReturnCode) {
            continue;
        }
        for code in CODES {
            cases += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| run_case(&case, code)))
                .unwrap_or_else(|_| Err("panicked".into()));
            if let Err(why) = outcome {
                failures.push(format!("{} / code {code}: {why}", case.function));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases > 0, "no case selected");
    println!("{cases} fault cases passed");
    cases
}

#[test]
fn table_covers_every_function() {
    let names: Vec<&str> = table().iter().map(|case| case.function).collect();
    let listed: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(listed.len(), names.len(), "a function is listed twice");
    let simulated: BTreeSet<&str> = mtml_sim::function_names().into_iter().collect();
    let missing: Vec<_> = simulated.difference(&listed).collect();
    assert!(missing.is_empty(), "not in the sweep table: {missing:?}");
    let unknown: Vec<_> = listed.difference(&simulated).collect();
    assert!(unknown.is_empty(), "not simulated: {unknown:?}");
    let with_code = table()
        .iter()
        .filter(|case| !matches!(case.route, Route::NoReturnCode))
        .count();
    assert_eq!(with_code, 115, "functions returning MtmlReturn");
}

#[test]
fn sweep_library_and_system() {
    sweep(&["mtmlLibrary", "mtmlSystem"], &[]);
}

#[test]
fn sweep_device_identity_board_and_virtualization() {
    sweep(
        &["mtmlDevice"],
        &[
            "mtmlDeviceGetMpc",
            "mtmlDeviceSetMpc",
            "mtmlDeviceCount",
            "mtmlDeviceGetMtLink",
        ],
    );
}

#[test]
fn sweep_device_counts_mpc_and_mtlink() {
    sweep(
        &[
            "mtmlDeviceGetMpc",
            "mtmlDeviceSetMpc",
            "mtmlDeviceCount",
            "mtmlDeviceGetMtLink",
        ],
        &[],
    );
}

#[test]
fn sweep_gpu_memory_and_vpu() {
    sweep(&["mtmlGpu", "mtmlMemory", "mtmlVpu"], &[]);
}

/// The only test of this binary that calls the logging functions, so the
/// process-wide rules cannot disturb another test.
#[test]
fn sweep_logging() {
    sweep(&["mtmlLog"], &[]);
    // After the rules are gone the functions work again.
    mtml::log::configuration().expect("logging recovers");
}

#[test]
fn error_string_describes_every_code() {
    for code in CODES {
        let error = Error::from_raw(code).expect("an error code");
        let text = error.library_message().expect("a description");
        assert!(!text.is_empty(), "empty description of {code}");
        assert!(!error.to_string().is_empty());
    }
}

/// Issue 7, "missing pieces": a failing start-up gives a clear error.
#[test]
fn init_failures_are_clear() {
    for (code, expected, words) in [
        (1, Error::DriverNotLoaded, "driver is not loaded"),
        (9, Error::DriverTooOld, "too old"),
        (10, Error::DriverTooNew, "too new"),
        (5, Error::NoPermission, "permission"),
    ] {
        SimConfig::from_default()
            .fault(FaultRule::new("mtmlLibraryInit", code))
            .set_for_next_init()
            .unwrap();
        let error = Library::init().unwrap_err();
        assert_eq!(error, expected);
        assert!(error.to_string().contains(words), "{error}");
    }
    // The next init on the same thread is not affected.
    let lib = domains::open_default();
    assert_eq!(lib.device_count().unwrap(), domains::default_machine::COUNT);
}

/// Dropping a library whose shutdown fails neither panics nor misuses.
#[test]
fn drop_with_failing_shutdown_is_quiet() {
    let lib = domains::open_default();
    domains::control(&lib)
        .inject_fault(&FaultRule::new("mtmlLibraryShutDown", 2).times(1))
        .unwrap();
    let raw = lib.as_raw();
    drop(lib);
    // The drop's shutdown failed once; the instance is still alive.
    // SAFETY: the failed shutdown left `raw` a live simulator library.
    let control = unsafe { mtml_sim::Control::from_raw(raw.cast()) }.unwrap();
    assert_eq!(control.call_count("mtmlLibraryShutDown").unwrap(), 1);
    // SAFETY: the `Library` is gone and nothing uses `raw` again; the
    // simulator copy that owns it shuts it down exactly once.
    assert_eq!(unsafe { control.shut_down() }, Ok(()));
}
