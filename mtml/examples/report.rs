//! Comprehensive report: a snapshot of every device, printed as text
//! (or as JSON with `--json` when built with the `serde` feature).

fn main() -> mtml::Result<()> {
    let json = std::env::args().any(|arg| arg == "--json");
    let lib = mtml::Library::init()?;
    println!(
        "MTML {} / driver {}",
        lib.version()?,
        lib.system()?.driver_version()?
    );
    for device in lib.devices() {
        let snapshot = device?.snapshot();
        if json {
            print_json(&snapshot);
        } else {
            println!("{snapshot:#?}");
        }
    }
    Ok(())
}

#[cfg(feature = "serde")]
fn print_json(snapshot: &mtml::DeviceSnapshot) {
    match serde_json::to_string_pretty(snapshot) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("cannot encode snapshot: {error}"),
    }
}

#[cfg(not(feature = "serde"))]
fn print_json(snapshot: &mtml::DeviceSnapshot) {
    eprintln!("built without the `serde` feature; printing debug output");
    println!("{snapshot:#?}");
}
