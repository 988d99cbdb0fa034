//! Memory metrics against the fixture machine.

mod common;

use common::fixture::{DESKTOP, SERVER};
use mtml::{Error, MemoryInfo, MemoryType};
use mtml_sim::{code, FaultRule, HostileMode};

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

#[test]
fn sizes_and_chips_match_config() {
    let lib = common::open();
    let memory = lib.device_by_index(SERVER).unwrap().memory().unwrap();
    assert_eq!(memory.total_bytes().unwrap(), 48 * GIB);
    // An idle device uses exactly what the driver holds.
    assert_eq!(memory.used_bytes().unwrap(), 512 * MIB);
    assert_eq!(memory.used_system_bytes().unwrap(), 512 * MIB);
    assert_eq!(
        memory.info().unwrap(),
        MemoryInfo {
            total_bytes: 48 * GIB,
            used_bytes: 512 * MIB,
            free_bytes: 48 * GIB - 512 * MIB,
        }
    );
    assert_eq!(memory.utilization_percent().unwrap(), 0);
    assert_eq!(memory.clock_mhz().unwrap(), 1000);
    assert_eq!(memory.max_clock_mhz().unwrap(), 2000);
    assert_eq!(memory.bus_width_bits().unwrap(), 384);
    assert_eq!(memory.bandwidth_gb_per_s().unwrap(), 768);
    assert_eq!(memory.speed_mbps().unwrap(), 16000);
    assert_eq!(memory.vendor().unwrap(), "Samsung");
    assert_eq!(memory.memory_type().unwrap(), MemoryType::Gddr6);

    let desktop = lib.device_by_index(DESKTOP).unwrap().memory().unwrap();
    assert_eq!(desktop.total_bytes().unwrap(), 16 * GIB);
    assert_eq!(desktop.vendor().unwrap(), "Micron");
}

#[test]
fn errors_and_hostile_answers() {
    let lib = common::open();
    let control = common::control(&lib);
    let memory = lib.device_by_index(SERVER).unwrap().memory().unwrap();
    control
        .inject_fault(&FaultRule::new("mtmlMemoryGetUsed", code::NO_PERMISSION))
        .unwrap();
    assert_eq!(memory.used_bytes().unwrap_err(), Error::NoPermission);
    assert_eq!(memory.info().unwrap_err(), Error::NoPermission);
    control
        .set_hostile("mtmlMemoryGetType", HostileMode::EnumOutOfRange)
        .unwrap();
    assert_eq!(memory.memory_type().unwrap(), MemoryType::Unknown(0x7fff));
    control
        .set_hostile("mtmlMemoryGetVendor", HostileMode::UnterminatedString)
        .unwrap();
    assert!(matches!(
        memory.vendor(),
        Err(Error::UnterminatedString { .. })
    ));
}
