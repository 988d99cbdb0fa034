//! Criterion benchmarks: the safe wrappers against the raw `mtml-sys`
//! calls they make, on the simulator's 8-GPU machine with a frozen clock.
//!
//! `cargo bench -p mtml --bench overhead`; results and their reading are in
//! BENCHMARKS.md. Each group holds a `raw` and a `safe` function of the same
//! case; the harness (`harness.rs`) runs the same cases under callgrind.

mod cases;

use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use cases::{raw, safe, Raw, Safe};

/// One group per case with its raw and safe function.
fn single_calls(c: &mut Criterion) {
    let lib = cases::open();
    eprintln!("mode: {}", cases::MODE);
    let (raw_handles, safe_handles) = (Raw::new(&lib), Safe::new(&lib));
    cases::verify(&raw_handles, &safe_handles).expect("cases read the same values");
    cases::check_snapshot_calls(&lib).expect("raw snapshot mirrors Device::snapshot");

    macro_rules! group {
        ($name:literal, $raw:expr, $safe:expr) => {{
            let mut group = c.benchmark_group($name);
            group.bench_function("raw", |b| b.iter(|| black_box($raw)));
            group.bench_function("safe", |b| b.iter(|| black_box($safe)));
            group.finish();
        }};
    }
    group!(
        "temperature",
        raw::temperature(&raw_handles),
        safe::temperature(&safe_handles)
    );
    group!("name", raw::name(&raw_handles), safe::name(&safe_handles));
    group!(
        "pci_info",
        raw::pci_info(&raw_handles),
        safe::pci_info(&safe_handles)
    );
    group!(
        "mtlink_layouts",
        raw::mtlink_layouts(&raw_handles),
        safe::mtlink_layouts(&safe_handles)
    );
    group!(
        "snapshot_8_gpus",
        raw::snapshot(&raw_handles),
        safe::snapshot(&safe_handles)
    );
}

/// Runs `calls` temperature reads on each of `threads` threads, each with
/// its own library (a `Library` is neither `Send` nor `Sync`), and returns
/// the wall time from the common start to the last thread's end.
fn parallel_temperature(threads: usize, calls: u64, use_raw: bool) -> Duration {
    let ready = Barrier::new(threads + 1);
    let done = Barrier::new(threads + 1);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let lib = cases::open();
                let (raw_handles, safe_handles) = (Raw::new(&lib), Safe::new(&lib));
                ready.wait();
                for _ in 0..calls {
                    if use_raw {
                        black_box(raw::temperature(&raw_handles));
                    } else {
                        black_box(safe::temperature(&safe_handles)).ok();
                    }
                }
                done.wait();
            });
        }
        ready.wait();
        let start = Instant::now();
        done.wait();
        start.elapsed()
    })
}

/// Throughput of temperature reads with 1, 2 and 4 threads.
fn threads(c: &mut Criterion) {
    let mut group = c.benchmark_group("threads_temperature");
    for threads in [1usize, 2, 4] {
        group.throughput(Throughput::Elements(threads as u64));
        for (variant, use_raw) in [("raw", true), ("safe", false)] {
            group.bench_with_input(BenchmarkId::new(variant, threads), &threads, |b, &t| {
                b.iter_custom(|iters| parallel_temperature(t, iters, use_raw))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = single_calls, threads
}
criterion_main!(benches);
