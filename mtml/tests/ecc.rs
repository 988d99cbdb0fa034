//! ECC and page retirement against the simulator's default machine.

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::{DESKTOP, ECC_HISTORY, ECC_PENDING_ON};
use mtml::ecc::{
    EccCounterType, EccMode, EccModes, MemoryErrorType, MemoryLocation, PageRetirementCause,
    RetiredPage, RetiredPageCounts,
};
use mtml::Error;
use mtml_sim::{FaultRule, HostileMode};
use std::time::Duration;

fn count(memory: &mtml::Memory<'_>, error: MemoryErrorType, counter: EccCounterType) -> u64 {
    memory
        .ecc_error_count(error, counter, MemoryLocation::Dram)
        .unwrap()
}

#[test]
fn modes_match_config() {
    let lib = domains::open_default();
    let on = lib.device_by_index(ECC_HISTORY).unwrap();
    let modes = on.memory().unwrap().ecc_mode().unwrap();
    assert_eq!(
        modes,
        EccModes {
            current: EccMode::Enabled,
            pending: EccMode::Enabled
        }
    );

    let pending = lib.device_by_index(ECC_PENDING_ON).unwrap();
    let modes = pending.memory().unwrap().ecc_mode().unwrap();
    assert_eq!(
        modes,
        EccModes {
            current: EccMode::Disabled,
            pending: EccMode::Enabled
        }
    );
}

#[test]
fn set_mode_changes_only_pending() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    memory.set_ecc_mode(EccMode::Disabled).unwrap();
    let modes = memory.ecc_mode().unwrap();
    assert_eq!(modes.current, EccMode::Enabled);
    assert_eq!(modes.pending, EccMode::Disabled);
}

#[test]
fn counters_match_config_and_grow_with_time() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    use EccCounterType::{Aggregate, Volatile};
    use MemoryErrorType::{Corrected, Uncorrected};
    assert_eq!(count(&memory, Corrected, Volatile), 12);
    assert_eq!(count(&memory, Uncorrected, Volatile), 1);
    assert_eq!(count(&memory, Corrected, Aggregate), 157);
    assert_eq!(count(&memory, Uncorrected, Aggregate), 3);

    // 36 corrected errors per virtual hour, added to both counters.
    domains::control(&lib)
        .advance_clock(Duration::from_secs(3600))
        .unwrap();
    assert_eq!(count(&memory, Corrected, Volatile), 12 + 36);
    assert_eq!(count(&memory, Corrected, Aggregate), 157 + 36);
    assert_eq!(count(&memory, Uncorrected, Volatile), 1);
}

#[test]
fn clearing_volatile_keeps_aggregate() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    memory
        .clear_ecc_error_counts(EccCounterType::Volatile)
        .unwrap();
    use MemoryErrorType::{Corrected, Uncorrected};
    assert_eq!(count(&memory, Corrected, EccCounterType::Volatile), 0);
    assert_eq!(count(&memory, Uncorrected, EccCounterType::Volatile), 0);
    assert_eq!(count(&memory, Corrected, EccCounterType::Aggregate), 157);
}

#[test]
fn retired_pages_match_config() {
    let lib = domains::open_default();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    let counts = memory.retired_page_counts().unwrap();
    assert_eq!(
        counts,
        RetiredPageCounts {
            single_bit_ecc: 2,
            double_bit_ecc: 2
        }
    );
    assert_eq!(counts.total(), 4);

    let single = memory
        .retired_pages(PageRetirementCause::MultipleSingleBitEccErrors)
        .unwrap();
    assert_eq!(
        single,
        vec![
            RetiredPage {
                timestamp: 1_717_000_000,
                address: 0x2_a3f4_0000
            },
            RetiredPage {
                timestamp: 1_717_100_000,
                address: 0x4_c001_0000
            },
        ]
    );
    let double = memory
        .retired_pages(PageRetirementCause::DoubleBitEccError)
        .unwrap();
    let addresses: Vec<u64> = double.iter().map(|page| page.address).collect();
    assert_eq!(addresses, vec![0x7_1022_0000, 0xb_0040_0000]);
    // One of the double-bit retirements waits for a reset.
    assert!(memory.retired_pages_pending().unwrap());
}

#[test]
fn device_without_history_has_no_pages() {
    let lib = domains::open_default();
    let device = lib.device_by_index(0).unwrap();
    let memory = device.memory().unwrap();
    assert_eq!(memory.retired_page_counts().unwrap().total(), 0);
    assert_eq!(
        memory
            .retired_pages(PageRetirementCause::DoubleBitEccError)
            .unwrap(),
        vec![]
    );
    assert!(!memory.retired_pages_pending().unwrap());
}

#[test]
fn desktop_card_has_no_ecc() {
    let lib = domains::open_default();
    let device = lib.device_by_index(DESKTOP).unwrap();
    let memory = device.memory().unwrap();
    assert_eq!(memory.ecc_mode().unwrap_err(), Error::NotSupported);
    assert_eq!(
        memory.retired_page_counts().unwrap_err(),
        Error::NotSupported
    );
    assert_eq!(
        memory.set_ecc_mode(EccMode::Enabled).unwrap_err(),
        Error::NotSupported
    );
    let err = memory
        .ecc_error_count(
            MemoryErrorType::Corrected,
            EccCounterType::Volatile,
            MemoryLocation::Dram,
        )
        .unwrap_err();
    assert_eq!(err, Error::NotSupported);
}

#[test]
fn driver_failure_is_reported() {
    let lib = domains::open_default();
    let rule = FaultRule::new("mtmlMemoryGetRetiredPages", mtml_sim::code::DRIVER_FAILURE);
    domains::control(&lib).inject_fault(&rule).unwrap();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    let err = memory
        .retired_pages(PageRetirementCause::DoubleBitEccError)
        .unwrap_err();
    assert_eq!(err, Error::DriverFailure);
}

#[test]
fn unknown_mode_value_is_kept() {
    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile("mtmlMemoryGetEccMode", HostileMode::EnumOutOfRange)
        .unwrap();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let modes = device.memory().unwrap().ecc_mode().unwrap();
    assert_eq!(modes.current, EccMode::Unknown(0x7fff));
}

#[test]
fn inflated_page_count_does_not_fabricate_pages() {
    let lib = domains::open_default();
    domains::control(&lib)
        .set_hostile("mtmlMemoryGetRetiredPagesCount", HostileMode::CountInflated)
        .unwrap();
    let device = lib.device_by_index(ECC_HISTORY).unwrap();
    let memory = device.memory().unwrap();
    match memory.retired_pages(PageRetirementCause::MultipleSingleBitEccErrors) {
        Ok(pages) => assert!(pages.iter().take(2).all(|page| page.address != 0)),
        Err(err) => assert_eq!(err, Error::InsufficientSize),
    }
}
