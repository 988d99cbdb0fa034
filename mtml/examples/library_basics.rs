//! Library basics: start MTML, print versions and the device count.
//!
//! Run against the simulator: `cargo run -p mtml --example library_basics`.

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    println!("MTML library version: {}", lib.version()?);
    println!("Driver version:       {}", lib.system()?.driver_version()?);
    println!("Devices:              {}", lib.device_count()?);
    lib.shutdown()
}
