//! Concurrency stress: 8 threads, each with its own `Library` (the type is
//! neither `Send` nor `Sync`; several instances may live at once), poll
//! every metric of every device of the default machine for a bounded number
//! of rounds while seeded random faults fire. No panic, no deadlock (a
//! watchdog bounds the run), no handle misuse.
//!
//! `STRESS_ROUNDS` overrides the rounds per thread (default 40), for
//! longer runs under valgrind's helgrind or DRD (see RELIABILITY.md).

#[path = "common/domains.rs"]
mod domains;

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use mtml::Library;
use mtml_sim::{FaultRule, MisuseKind};

const THREADS: u64 = 8;
const DEFAULT_ROUNDS: u64 = 40;
/// Far above a normal run (a few seconds), even under valgrind.
const WATCHDOG: Duration = Duration::from_secs(1800);

/// Error codes the random faults use (every `MtmlReturn` error).
const CODES: [u32; 13] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999];

/// A small deterministic generator (xorshift64*), seeded per thread.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What one thread saw.
#[derive(Debug, Default)]
struct Tally {
    polls: u64,
    errors: u64,
    faults_injected: u64,
    misuse: u64,
}

/// Functions a fault may target: every simulated function except the ones
/// without a handle (process-wide state) and the init/shutdown pair.
fn fault_targets() -> Vec<&'static str> {
    mtml_sim::function_names()
        .into_iter()
        .filter(|name| {
            !matches!(
                *name,
                "mtmlLibraryInit"
                    | "mtmlLibraryShutDown"
                    | "mtmlLogSetConfiguration"
                    | "mtmlLogGetConfiguration"
                    | "mtmlErrorString"
            )
        })
        .collect()
}

/// Reads every metric of every device once; counts polls and errors.
fn poll_everything(lib: &Library, tally: &mut Tally) {
    tally.polls += 1;
    if lib.version().is_err() {
        tally.errors += 1;
    }
    match lib.system().and_then(|s| s.driver_version()) {
        Ok(_) => {}
        Err(_) => tally.errors += 1,
    }
    for device in lib.devices() {
        let Ok(device) = device else {
            tally.errors += 1;
            continue;
        };
        let snapshot = device.snapshot();
        // Touch every field, as an exporter formatting it would.
        assert!(!format!("{snapshot:?}").is_empty());
        tally.errors += snapshot.errors.len() as u64;
    }
}

fn run_thread(seed: u64, rounds: u64) -> Tally {
    let lib = domains::open_default();
    let control = domains::control(&lib);
    let targets = fault_targets();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut tally = Tally::default();
    for _ in 0..rounds {
        // Up to three faults of random kind on random functions and devices.
        for _ in 0..rng.below(4) {
            let function = targets[rng.below(targets.len() as u64) as usize];
            let mut rule = FaultRule::new(function, CODES[rng.below(13) as usize])
                .after(rng.below(5) as u32)
                .times(1 + rng.below(3) as u32);
            if rng.below(3) == 0 {
                rule = rule.on_device(rng.below(domains::default_machine::COUNT.into()) as u32);
            }
            if rng.below(20) == 0 {
                rule = rule.stall(Duration::from_millis(1));
            }
            control.inject_fault(&rule).expect("fault accepted");
            tally.faults_injected += 1;
        }
        poll_everything(&lib, &mut tally);
        if rng.below(4) == 0 {
            control.clear_faults().expect("faults cleared");
        }
        control
            .advance_clock(Duration::from_millis(rng.below(5000)))
            .expect("clock advanced");
    }
    tally.misuse = domains::misuse_total(&lib);
    tally
}

#[test]
fn eight_threads_poll_with_random_faults() {
    let rounds = std::env::var("STRESS_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    let (done, finished) = mpsc::channel();
    let handles: Vec<_> = (0..THREADS)
        .map(|seed| {
            let done = done.clone();
            thread::spawn(move || {
                let tally = run_thread(seed, rounds);
                done.send((seed, tally)).expect("main thread waits");
            })
        })
        .collect();
    drop(done);
    let mut tallies = Vec::new();
    for _ in 0..THREADS {
        match finished.recv_timeout(WATCHDOG) {
            Ok(result) => tallies.push(result),
            Err(error) => panic!("a polling thread hung or died: {error}"),
        }
    }
    for handle in handles {
        handle.join().expect("no thread panicked");
    }
    let mut total = Tally::default();
    for (seed, tally) in &tallies {
        assert_eq!(tally.misuse, 0, "thread {seed} misused a handle");
        assert_eq!(tally.polls, rounds, "thread {seed}");
        total.polls += tally.polls;
        total.errors += tally.errors;
        total.faults_injected += tally.faults_injected;
    }
    assert!(total.faults_injected > 0 && total.errors > 0);
    let use_after_shutdown = mtml_sim::misuse_count_global(MisuseKind::UseAfterShutdown).unwrap();
    assert_eq!(use_after_shutdown, 0);
    println!(
        "{THREADS} threads x {rounds} rounds: {} polls, {} faults injected, {} errors reported",
        total.polls, total.faults_injected, total.errors
    );
}
