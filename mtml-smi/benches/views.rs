//! Rendering the summary and JSON views of the simulator's default machine
//! (8 MTT S4000 and one S80) in-process: reading the values through MTML
//! and formatting them.

use criterion::{criterion_group, criterion_main, Criterion};
use mtml::Library;
use mtml_smi::model::{Machine, Timestamp};
use mtml_smi::views::{report, summary};

fn views(c: &mut Criterion) {
    let config = mtml_sim::SimConfig::from_default().system(|s| s.set("clock", "frozen"));
    let lib = Library::init_with_sim_config(&config.to_string()).expect("simulator starts");
    let indices: Vec<u32> = (0..lib.device_count().expect("device count")).collect();
    let stamp = || Timestamp::from_datetime(chrono::DateTime::from_timestamp(0, 0).unwrap());

    c.bench_function("summary view, read + render (9 GPUs)", |b| {
        b.iter(|| summary::render(&Machine::read(&lib, &indices, stamp()), false))
    });
    c.bench_function("summary --json, read + render (9 GPUs)", |b| {
        b.iter(|| {
            mtml_smi::json::to_string(&summary::to_json(&Machine::read(&lib, &indices, stamp())))
        })
    });
    c.bench_function("-q --json, read + render (9 GPUs)", |b| {
        b.iter(|| {
            mtml_smi::json::to_string(&report::to_json(&Machine::read(&lib, &indices, stamp())))
        })
    });
    let machine = Machine::read(&lib, &indices, stamp());
    c.bench_function("summary view, render only (9 GPUs)", |b| {
        b.iter(|| summary::render(&machine, false))
    });
    c.bench_function("-q --json, render only (9 GPUs)", |b| {
        b.iter(|| mtml_smi::json::to_string(&report::to_json(&machine)))
    });
}

criterion_group!(benches, views);
criterion_main!(benches);
