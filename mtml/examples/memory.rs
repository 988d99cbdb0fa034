//! Memory of every device: sizes, load, clocks and chips.

fn main() -> mtml::Result<()> {
    const MIB: u64 = 1 << 20;
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let memory = device.memory()?;
        let info = memory.info()?;
        println!("Device {} ({}):", device.index()?, device.name()?);
        println!(
            "  Used:      {} of {} MiB ({} MiB free, {} MiB held by the driver)",
            info.used_bytes / MIB,
            info.total_bytes / MIB,
            info.free_bytes / MIB,
            memory.used_system_bytes()? / MIB
        );
        println!("  Load:      {} %", memory.utilization_percent()?);
        println!(
            "  Clock:     {} / {} MHz",
            memory.clock_mhz()?,
            memory.max_clock_mhz()?
        );
        println!(
            "  Chips:     {} {}, {}-bit bus, {} Mbps/pin, {} GB/s",
            memory.vendor()?,
            memory.memory_type()?,
            memory.bus_width_bits()?,
            memory.speed_mbps()?,
            memory.bandwidth_gb_per_s()?
        );
    }
    Ok(())
}
