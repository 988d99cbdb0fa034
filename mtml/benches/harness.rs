//! Runs one benchmark case a given number of times, for instruction counts
//! under callgrind and for the per-call times compared with pymtml. The
//! scripts in `bench/` drive it; see BENCHMARKS.md.
//!
//! ```text
//! harness run CASE.VARIANT N   run N calls (VARIANT is raw or safe)
//! harness time CASE.VARIANT    print the median time per call, ns
//! harness check                prove the raw snapshot mirrors Device::snapshot
//! harness config               print the benchmark machine's description
//! harness libdir               print the directory of the simulator's libmtml.so
//! harness list                 print the cases
//! harness mode                 print how the cases reach libmtml (linked or
//!                              runtime-loading, from mtml's features)
//! ```
//!
//! Without a command (as under `cargo bench` or `cargo test --benches`) it
//! runs `check` and every case once.

mod cases;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cases::{raw, safe, Raw, Safe};

/// Runs `case` `n` times.
fn run(case: &str, n: u64, raw_handles: &Raw, safe_handles: &Safe<'_>) -> Result<(), String> {
    macro_rules! repeat {
        ($call:expr) => {{
            for _ in 0..n {
                let _ = black_box($call);
            }
        }};
    }
    match case {
        "temperature.raw" => repeat!(raw::temperature(raw_handles)),
        "temperature.safe" => repeat!(safe::temperature(safe_handles)),
        "name.raw" => repeat!(raw::name(raw_handles)),
        "name.safe" => repeat!(safe::name(safe_handles)),
        "pci_info.raw" => repeat!(raw::pci_info(raw_handles)),
        "pci_info.safe" => repeat!(safe::pci_info(safe_handles)),
        "mtlink_layouts.raw" => repeat!(raw::mtlink_layouts(raw_handles)),
        "mtlink_layouts.safe" => repeat!(safe::mtlink_layouts(safe_handles)),
        "snapshot.raw" => repeat!(raw::snapshot(raw_handles)),
        "snapshot.safe" => repeat!(safe::snapshot(safe_handles)),
        _ => return Err(format!("unknown case {case:?} (see `harness list`)")),
    }
    Ok(())
}

/// Median time per call of `case` over 7 batches of at least 50 ms each.
fn time(case: &str, raw_handles: &Raw, safe_handles: &Safe<'_>) -> Result<f64, String> {
    // Warm up and size a batch to about 50 ms.
    let mut n = 1u64;
    loop {
        let start = Instant::now();
        run(case, n, raw_handles, safe_handles)?;
        if start.elapsed() >= Duration::from_millis(50) {
            break;
        }
        n *= 2;
    }
    let mut per_call: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            run(case, n, raw_handles, safe_handles).expect("case checked above");
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    Ok(per_call[per_call.len() / 2])
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match args.as_slice() {
        ["config"] => {
            print!("{}", cases::config());
            return ExitCode::SUCCESS;
        }
        ["libdir"] => {
            println!("{}", mtml_sim::shared_library_dir().display());
            return ExitCode::SUCCESS;
        }
        ["mode"] => {
            println!("{}", cases::MODE);
            return ExitCode::SUCCESS;
        }
        ["list"] => {
            for case in cases::CASES {
                println!("{case}.raw\n{case}.safe");
            }
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let lib = cases::open();
    let (raw_handles, safe_handles) = (Raw::new(&lib), Safe::new(&lib));
    let result = match args.as_slice() {
        ["run", case, n] => match n.parse() {
            Ok(n) => run(case, n, &raw_handles, &safe_handles),
            Err(_) => Err(format!("not a count: {n:?}")),
        },
        ["time", case] => time(case, &raw_handles, &safe_handles).map(|ns| println!("{ns:.1}")),
        ["check"] => cases::check_snapshot_calls(&lib).and_then(|calls| {
            println!("raw snapshot makes the same {calls} calls as Device::snapshot");
            cases::verify(&raw_handles, &safe_handles)?;
            println!("raw and safe cases read the same values");
            Ok(())
        }),
        [] => cases::check_snapshot_calls(&lib).and_then(|calls| {
            println!("mode: {}", cases::MODE);
            println!("raw snapshot makes the same {calls} calls as Device::snapshot");
            cases::verify(&raw_handles, &safe_handles)?;
            println!("raw and safe cases read the same values");
            for case in cases::CASES {
                for variant in ["raw", "safe"] {
                    run(&format!("{case}.{variant}"), 1, &raw_handles, &safe_handles)?;
                }
            }
            println!("every case ran once");
            Ok(())
        }),
        _ => Err(
            "usage: harness run CASE.VARIANT N | time CASE.VARIANT | check | config | libdir | list | mode"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("harness: {message}");
            ExitCode::FAILURE
        }
    }
}
