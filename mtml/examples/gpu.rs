//! Graphics unit metrics of every device: load, temperature, clocks and
//! per-engine load.

use mtml::GpuEngine;

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let gpu = device.gpu()?;
        println!("Device {} ({}):", device.index()?, device.name()?);
        println!("  Load:        {} %", gpu.utilization_percent()?);
        println!("  Temperature: {} °C", gpu.temperature_celsius()?);
        println!(
            "  Clock:       {} / {} MHz",
            gpu.clock_mhz()?,
            gpu.max_clock_mhz()?
        );
        for engine in GpuEngine::ALL {
            match gpu.engine_utilization_percent(engine) {
                Ok(percent) => println!("  {engine:<11} {percent} %"),
                Err(error) => println!("  {engine:<11} {error}"),
            }
        }
    }
    Ok(())
}
