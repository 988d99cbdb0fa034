//! Hostile library data: every hostile-data mode of the simulator against
//! every wrapper of the sweep table.
//!
//! For each (mode, function) pair the simulator turns the mode on for that
//! one function and the wrapper reaching it runs on a fresh instance. It
//! must not panic, the simulator must record no handle misuse, and the
//! outcome must be the documented one (see RELIABILITY.md):
//!
//! * `unterminated_string`: `Err(UnterminatedString { lossy })`, `lossy`
//!   starting with the real text;
//! * `invalid_utf8`: `Err(InvalidUtf8 { lossy })` with U+FFFD in `lossy`;
//! * `enum_out_of_range`: `Ok` with the value as `Unknown(raw)`;
//! * `count_inflated`: lists come back exactly as without the mode (the
//!   entries the get call did not fill are dropped); plain counts are
//!   passed on as the library reports them, and later per-index calls
//!   past the real end fail with a library error.
//!
//! Pairs not listed below must behave exactly as without the mode.

#[path = "common/domains.rs"]
mod domains;
#[path = "common/wrappers.rs"]
mod wrappers;

use std::panic::{catch_unwind, AssertUnwindSafe};

use mtml::Error;
use mtml_sim::HostileMode;
use wrappers::{table, Route};

/// Functions handing back text (directly or in a struct field).
const TEXT: &[&str] = &[
    "mtmlLibraryGetVersion",
    "mtmlSystemGetDriverVersion",
    "mtmlDeviceGetUUID",
    "mtmlDeviceGetName",
    "mtmlDeviceGetPciInfo",
    "mtmlDeviceGetGpuPath",
    "mtmlDeviceGetPrimaryPath",
    "mtmlDeviceGetRenderPath",
    "mtmlDeviceGetVbiosVersion",
    "mtmlDeviceGetMtBiosVersion",
    "mtmlDeviceGetPcieSlotInfo",
    "mtmlDeviceGetSerialNumber",
    "mtmlDeviceGetSupportedVirtTypes",
    "mtmlDeviceGetAvailVirtTypes",
    "mtmlDeviceGetActiveVirtDeviceUuids",
    "mtmlDeviceGetVirtType",
    "mtmlDeviceGetPhyDeviceUuid",
    "mtmlMemoryGetVendor",
    "mtmlDeviceGetSupportedMpcProfiles",
    "mtmlDeviceGetSupportedMpcConfigurations",
    "mtmlDeviceGetMpcConfiguration",
    "mtmlDeviceGetMpcConfigurationByName",
    "mtmlDeviceGetMpcProfileInfo",
];

/// Functions writing a C enum.
const ENUMS: &[&str] = &[
    "mtmlDeviceGetBrand",
    "mtmlDeviceGetProperty",
    "mtmlDeviceGetDisplayInterfaceSpec",
    "mtmlDeviceGetTopologyLevel",
    "mtmlDeviceGetP2PStatus",
    "mtmlMemoryGetType",
    "mtmlVpuGetEncoderSessionStates",
    "mtmlVpuGetEncoderSessionMetrics",
    "mtmlVpuGetDecoderSessionStates",
    "mtmlVpuGetDecoderSessionMetrics",
    "mtmlDeviceGetMpcMode",
    "mtmlDeviceGetMtLinkState",
    "mtmlDeviceGetMtLinkCapStatus",
    "mtmlMemoryGetEccMode",
];

/// Plain counts the crate passes on: inflated by 2 in the answer.
const PLAIN_COUNTS: &[&str] = &[
    "mtmlLibraryCountDevice",
    "mtmlDeviceCountFan",
    "mtmlDeviceCountDisplayInterface",
    "mtmlDeviceCountActiveVirtDevices",
    "mtmlVpuGetCodecCapacity",
    "mtmlDeviceGetMtLinkSpec",
    "mtmlMemoryGetRetiredPagesCount",
];

/// Debug text of an outcome with handle addresses blanked out, so two
/// instances' answers compare equal.
fn normalise(outcome: &mtml::Result<String>) -> String {
    let text = format!("{outcome:?}");
    let mut parts = text.split("0x");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        out.push_str("0x_");
        out.push_str(part.trim_start_matches(|c: char| c.is_ascii_hexdigit()));
    }
    out
}

/// The numbers in a text, in order.
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// Checks `got` against the documented outcome of `mode` on `function`.
fn check(
    function: &str,
    mode: HostileMode,
    base: &mtml::Result<String>,
    got: &mtml::Result<String>,
) -> Result<(), String> {
    let listed = |set: &[&str]| set.contains(&function);
    let same = || {
        if normalise(got) == normalise(base) {
            Ok(())
        } else {
            Err(format!(
                "changed: {} -> {}",
                normalise(base),
                normalise(got)
            ))
        }
    };
    match mode {
        HostileMode::UnterminatedString if listed(TEXT) => match got {
            Err(Error::UnterminatedString { lossy }) if !lossy.is_empty() => {
                let text = normalise(base);
                let prefix: String = lossy.chars().take(4).collect();
                if text.contains(&prefix) {
                    Ok(())
                } else {
                    Err(format!("lossy text {lossy:?} is not from {text}"))
                }
            }
            other => Err(format!("expected UnterminatedString, got {other:?}")),
        },
        HostileMode::InvalidUtf8 if listed(TEXT) => match got {
            Err(Error::InvalidUtf8 { lossy }) if lossy.contains('\u{fffd}') => Ok(()),
            other => Err(format!("expected InvalidUtf8, got {other:?}")),
        },
        HostileMode::EnumOutOfRange if listed(ENUMS) => match got {
            Ok(text) if text.contains("Unknown(") => Ok(()),
            other => Err(format!("expected an Unknown(raw) value, got {other:?}")),
        },
        HostileMode::CountInflated if listed(PLAIN_COUNTS) => {
            let (Ok(base), Ok(got)) = (base, got) else {
                return Err(format!("expected Ok, got {got:?}"));
            };
            let (base, got) = (numbers(base), numbers(got));
            let bumped = base.iter().zip(&got).any(|(b, g)| g == &(b + 2));
            if bumped && base.len() == got.len() {
                Ok(())
            } else {
                Err(format!("expected a count 2 higher: {base:?} -> {got:?}"))
            }
        }
        _ => same(),
    }
}

/// Every mode except `None`, against every wrapper of the sweep table.
#[test]
fn every_mode_against_every_wrapper() {
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut changed = 0;
    for case in table() {
        let Route::Instance(call) = case.route else {
            continue;
        };
        let base = call(&mut domains::open_default());
        for &mode in HostileMode::ALL.iter().filter(|&&m| m != HostileMode::None) {
            cases += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let mut lib = domains::open_default();
                domains::control(&lib)
                    .set_hostile(case.function, mode)
                    .expect("hostile mode accepted");
                let got = call(&mut lib);
                (got, domains::misuse_total(&lib))
            }));
            let verdict = match outcome {
                Err(_) => Err("panicked".to_owned()),
                Ok((_, misuse)) if misuse != 0 => Err(format!("{misuse} handle misuse(s)")),
                Ok((got, _)) => {
                    if normalise(&got) != normalise(&base) {
                        changed += 1;
                    }
                    check(case.function, mode, &base, &got)
                }
            };
            if let Err(why) = verdict {
                failures.push(format!("{} / {}: {why}", case.function, mode.config_name()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{cases} hostile cases passed, {changed} with a changed (documented) outcome");
}

/// Every function hostile at once: a whole-device snapshot and the device
/// list still answer without panicking or misusing a handle.
#[test]
fn all_functions_hostile_at_once() {
    for &mode in HostileMode::ALL {
        let lib = domains::open_default();
        domains::control(&lib).set_hostile("*", mode).unwrap();
        for device in lib.devices() {
            let Ok(device) = device else { continue };
            let snapshot = device.snapshot();
            // The snapshot is plain data: formatting it touches every field.
            assert!(!format!("{snapshot:?}").is_empty());
        }
        assert_eq!(domains::misuse_total(&lib), 0, "{mode:?}");
    }
}

/// An inflated device count: iteration yields the real devices, then one
/// clear error per missing index, and ends.
#[test]
fn inflated_device_count_ends_in_clear_errors() {
    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile("mtmlLibraryCountDevice", HostileMode::CountInflated)
        .unwrap();
    let results: Vec<_> = lib.devices().collect();
    let count = domains::default_machine::COUNT as usize;
    assert_eq!(results.len(), count + 2);
    assert!(results[..count].iter().all(Result::is_ok));
    for result in &results[count..] {
        assert_eq!(result.as_ref().unwrap_err(), &Error::InvalidArgument);
    }
}

/// An inflated fan count: the fan list fails with the library's error for
/// the fans that do not exist instead of inventing readings.
#[test]
fn inflated_fan_count_gives_an_error_not_made_up_fans() {
    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile("mtmlDeviceCountFan", HostileMode::CountInflated)
        .unwrap();
    let desktop = lib
        .device_by_index(domains::default_machine::DESKTOP)
        .unwrap();
    assert_eq!(desktop.fan_speeds().unwrap_err(), Error::InvalidArgument);
}

/// Regression for the hostile `count_inflated` finding: a list whose count
/// is larger than what the get call fills used to end in zeroed made-up
/// entries (MtLink layouts, MPC profiles, virtualization types) or fail as
/// a whole on NULL handles (MPC instances, topology, shortest MtLink
/// routes). It now equals the real list.
#[test]
fn inflated_list_counts_give_the_real_lists() {
    let mpc_parent = domains::default_machine::MPC_PARENT;
    let plain = domains::open_default();
    let device = plain.device_by_index(0).unwrap();
    let peer = plain.device_by_index(1).unwrap();
    let parent = plain.device_by_index(mpc_parent).unwrap();
    let layouts = device.mtlink_layouts(&peer).unwrap();
    let profiles = parent.mpc_profiles().unwrap();
    let instances = parent.mpc_instances().unwrap().len();
    assert_eq!((profiles.len(), instances), (3, 3));
    let routes = device
        .mtlink_shortest_paths(&plain.device_by_index(4).unwrap())
        .unwrap()
        .len();

    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile("*", HostileMode::CountInflated)
        .unwrap();
    let device = lib.device_by_index(0).unwrap();
    let peer = lib.device_by_index(1).unwrap();
    let parent = lib.device_by_index(mpc_parent).unwrap();
    assert_eq!(device.mtlink_layouts(&peer).unwrap(), layouts);
    assert_eq!(parent.mpc_profiles().unwrap(), profiles);
    assert_eq!(parent.mpc_instances().unwrap().len(), instances);
    let far = lib.device_by_index(4).unwrap();
    assert_eq!(device.mtlink_shortest_paths(&far).unwrap().len(), routes);
}
