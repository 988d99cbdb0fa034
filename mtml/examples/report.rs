//! Comprehensive report: one snapshot per device, printed as a text report
//! with `N/A` for what a device does not report (or as JSON with `--json`
//! when built with the `serde` feature).

use std::fmt::Display;

use mtml::DeviceSnapshot;

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
            print_text(&snapshot);
        }
    }
    Ok(())
}

/// `value` followed by `unit`, or `N/A`.
fn show<T: Display>(value: Option<T>, unit: &str) -> String {
    value.map_or_else(|| "N/A".to_owned(), |value| format!("{value}{unit}"))
}

fn print_text(s: &DeviceSnapshot) {
    println!();
    println!(
        "GPU {} — {}",
        show(s.index, ""),
        show(s.name.as_deref(), "")
    );
    println!("  UUID ............ {}", show(s.uuid.as_deref(), ""));
    println!(
        "  Serial .......... {}",
        show(s.serial_number.as_deref(), "")
    );
    println!(
        "  MTBIOS .......... {}",
        show(s.mtbios_version.as_deref(), "")
    );
    println!(
        "  PCI bus id ...... {}",
        show(s.pci.as_ref().map(|pci| pci.sbdf.as_str()), "")
    );
    println!("  GPU cores ....... {}", show(s.gpu_core_count, ""));
    println!(
        "  Power draw ...... {}",
        show(s.power_usage_mw.map(|mw| f64::from(mw) / 1000.0), " W")
    );
    match &s.fans {
        Some(fans) if !fans.is_empty() => {
            for (i, fan) in fans.iter().enumerate() {
                println!("  Fan {i} ........... {} % ({} RPM)", fan.percent, fan.rpm);
            }
        }
        _ => println!("  Fans ............ N/A"),
    }
    if let Some(gpu) = &s.gpu {
        println!(
            "  GPU load ........ {}",
            show(gpu.utilization_percent, " %")
        );
        println!(
            "  Temperature ..... {}",
            show(gpu.temperature_celsius, " °C")
        );
        println!(
            "  GPU clock ....... {} of {}",
            show(gpu.clock_mhz, " MHz"),
            show(gpu.max_clock_mhz, " MHz")
        );
    }
    if let Some(memory) = &s.memory {
        let mib = |bytes: Option<u64>| bytes.map(|bytes| bytes >> 20);
        println!(
            "  Memory .......... {} of {} used",
            show(mib(memory.used_bytes), " MiB"),
            show(mib(memory.total_bytes), " MiB")
        );
        println!(
            "  ECC errors ...... {} corrected, {} uncorrected (lifetime)",
            show(memory.ecc_aggregate_corrected, ""),
            show(memory.ecc_aggregate_uncorrected, "")
        );
    }
    if let Some(vpu) = &s.vpu {
        println!(
            "  Codec load ...... {}",
            show(vpu.utilization.map(|load| load.overall_percent), " %")
        );
    }
    println!("  MPC mode ........ {}", show(s.mpc_mode, ""));
    println!("  Virtual devices . {}", show(s.active_virt_devices, ""));
    println!(
        "  MtLink .......... {}",
        show(s.mtlink.map(|spec| spec.link_count), " ports")
    );
    for error in &s.errors {
        println!("  error reading {}: {}", error.metric, error.error);
    }
}

#[cfg(feature = "serde")]
fn print_json(snapshot: &DeviceSnapshot) {
    match serde_json::to_string_pretty(snapshot) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("cannot encode snapshot: {error}"),
    }
}

#[cfg(not(feature = "serde"))]
fn print_json(snapshot: &DeviceSnapshot) {
    eprintln!("built without the `serde` feature; printing the text report");
    print_text(snapshot);
}
