//! Power draw, fans and display outputs of every device. Boards without
//! fans or outputs answer "not supported".

use mtml::Error;

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        println!("Device {} ({}):", device.index()?, device.name()?);
        println!(
            "  Power: {:.1} W",
            f64::from(device.power_usage_mw()?) / 1000.0
        );
        match device.fan_speeds() {
            Ok(fans) => {
                for (index, fan) in fans.iter().enumerate() {
                    println!("  Fan {index}: {} % ({} rpm)", fan.percent, fan.rpm);
                }
            }
            Err(Error::NotSupported) => println!("  Fans: none (passive cooling)"),
            Err(error) => return Err(error),
        }
        match device.display_interfaces() {
            Ok(outputs) => {
                for output in outputs {
                    println!(
                        "  Output {}: up to {}x{} @ {} Hz",
                        output.kind,
                        output.max_width_px,
                        output.max_height_px,
                        output.max_refresh_rate_hz
                    );
                }
            }
            Err(Error::NotSupported) => println!("  Display outputs: none"),
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
