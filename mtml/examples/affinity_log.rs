//! CPU and NUMA affinity of every device, and the library's log settings
//! with a Rust closure receiving its log lines.

use std::sync::{Arc, Mutex};

use mtml::{log, LogConfiguration, LogLevel};

fn main() -> mtml::Result<()> {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    log::set_callback(move |line| {
        if let Ok(mut lines) = sink.lock() {
            lines.push(line.to_owned());
        }
    });
    log::set_configuration(&LogConfiguration {
        callback_level: LogLevel::Info,
        ..LogConfiguration::default()
    })?;
    println!("Log configuration: {:?}", log::configuration()?);

    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        println!(
            "Device {}: CPUs {}, NUMA nodes {:?}",
            device.index()?,
            ranges(&device.cpu_affinity()?),
            device.memory_affinity_numa_nodes()?
        );
    }
    drop(lib);

    log::set_configuration(&LogConfiguration::default())?;
    log::clear_callback();
    let lines = lines.lock().map(|lines| lines.len()).unwrap_or(0);
    println!("The library logged {lines} line(s) to the callback.");
    Ok(())
}

/// Writes sorted ids compactly: `0-15,32-47`.
fn ranges(ids: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut iter = ids.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
    }
    parts.join(",")
}
