//! ECC state of every device: mode, error counters and retired pages.
//! Devices without ECC say so instead of failing.

use mtml::{EccCounterType, MemoryErrorType, MemoryLocation, NotSupportedExt, PageRetirementCause};

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let memory = device.memory()?;
        println!("Device {} ({}):", device.index()?, device.name()?);
        let Some(modes) = memory.ecc_mode().optional()? else {
            println!("  ECC: not supported");
            continue;
        };
        println!(
            "  ECC mode:    {} (after reset: {})",
            modes.current, modes.pending
        );
        for error_type in [MemoryErrorType::Corrected, MemoryErrorType::Uncorrected] {
            // Counters are unavailable while ECC is off.
            let count = memory
                .ecc_error_count(error_type, EccCounterType::Aggregate, MemoryLocation::Dram)
                .optional()?;
            match count {
                Some(count) => println!("  {error_type:<11}  {count} (DRAM, lifetime)"),
                None => println!("  {error_type:<11}  not counted (ECC off)"),
            }
        }
        let retired = memory.retired_page_counts()?;
        println!("  Retired pages: {} in all", retired.total());
        for cause in [
            PageRetirementCause::MultipleSingleBitEccErrors,
            PageRetirementCause::DoubleBitEccError,
        ] {
            for page in memory.retired_pages(cause)? {
                println!(
                    "    {cause}: address {:#x}, at {}",
                    page.address, page.timestamp
                );
            }
        }
        println!("  Retirement pending: {}", memory.retired_pages_pending()?);
    }
    Ok(())
}
