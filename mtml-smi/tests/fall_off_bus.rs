//! A device that falls off the bus between two refreshes: in-process, with
//! the simulator's controls.

use mtml::Library;
use mtml_smi::model::{Machine, Timestamp};
use mtml_smi::views::{csv, summary};

#[test]
fn device_lost_mid_run_shows_err_and_the_rest_still_prints() {
    let config = mtml_sim::SimConfig::from_default().system(|s| s.set("clock", "frozen"));
    let lib = Library::init_with_sim_config(&config.to_string()).expect("simulator starts");
    let indices: Vec<u32> = (0..lib.device_count().unwrap()).collect();
    let stamp = || Timestamp::from_datetime(chrono::DateTime::from_timestamp(0, 0).unwrap());

    let before = Machine::read(&lib, &indices, stamp());
    assert!(!before.has_errors());

    lib.sim_control()
        .fall_off_bus(4)
        .expect("device 4 falls off");
    let after = Machine::read(&lib, &indices, stamp());
    assert!(after.has_errors());
    let text = summary::render(&after, false);
    let row = text
        .lines()
        .find(|l| l.starts_with("| 4 "))
        .expect("row of device 4");
    assert!(row.contains("ERR!"), "{text}");
    // The other rows are unchanged.
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("| 5 ") || l.starts_with("| 8 "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(lines(&text), lines(&summary::render(&before, false)));

    let fields = csv::parse_fields("index,name,memory.used").unwrap();
    let csv_text = csv::render(
        &after,
        &fields,
        csv::CsvFormat {
            no_header: true,
            no_units: true,
        },
    );
    assert!(csv_text.contains("\n4, ERR!, ERR!\n"), "{csv_text}");
    assert!(csv_text.contains("\n5, MTT S4000, "), "{csv_text}");
}
