//! `-q/--query`: every readable value of each GPU, grouped like
//! `nvidia-smi -q`.

use serde_json::{json, Value};

use crate::json::errors_of;
use crate::model::{DeviceReport, Machine, Reading};
use crate::views::{mib, ranges, role};

/// Column where values start.
const KEY_WIDTH: usize = 40;

/// Collects indented `key : value` lines.
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, depth: usize, key: &str, value: &str) {
        let indent = "    ".repeat(depth);
        let width = KEY_WIDTH.saturating_sub(indent.len());
        self.out
            .push_str(&format!("{indent}{key:<width$}: {value}\n"));
    }

    fn group(&mut self, depth: usize, title: &str) {
        self.out
            .push_str(&format!("{}{title}\n", "    ".repeat(depth)));
    }

    fn reading<T>(&mut self, depth: usize, key: &str, r: Reading<T>, f: impl FnOnce(&T) -> String) {
        self.line(depth, key, &r.show(f));
    }
}

/// Renders the report.
pub fn render(machine: &Machine) -> String {
    let mut w = Writer { out: String::new() };
    w.out
        .push_str("\n==============MTML-SMI LOG==============\n\n");
    w.line(0, "Timestamp", &machine.timestamp.text);
    w.line(
        0,
        "Driver Version",
        &machine.driver_version.show(String::clone),
    );
    w.line(0, "MTML Version", &machine.mtml_version.show(String::clone));
    w.line(0, "Attached GPUs", &machine.device_count.to_string());
    for device in &machine.devices {
        w.out.push('\n');
        gpu(&mut w, device);
    }
    w.out
}

fn gpu(w: &mut Writer, d: &DeviceReport) {
    let s = &d.snapshot;
    let bus = d.get("pci", s.pci.as_ref());
    w.group(0, &format!("GPU {}", bus.show(|p| p.sbdf.clone())));
    w.line(1, "Index", &d.index.to_string());
    w.reading(
        1,
        "Product Name",
        d.get("name", s.name.as_ref()),
        String::clone,
    );
    w.reading(1, "Product Brand", d.get("brand", s.brand.as_ref()), |b| {
        b.to_string()
    });
    w.reading(1, "GPU UUID", d.get("uuid", s.uuid.as_ref()), String::clone);
    w.reading(
        1,
        "Serial Number",
        d.get("serial_number", s.serial_number.as_ref()),
        String::clone,
    );
    w.reading(
        1,
        "MTBIOS Version",
        d.get("mtbios_version", s.mtbios_version.as_ref()),
        String::clone,
    );
    w.reading(
        1,
        "GPU Cores",
        d.get("gpu_core_count", s.gpu_core_count.as_ref()),
        u32::to_string,
    );
    w.reading(1, "Role", role(d), String::clone);

    w.group(1, "Device Nodes");
    w.reading(
        2,
        "GPU",
        d.get("gpu_path", s.gpu_path.as_ref()),
        String::clone,
    );
    w.reading(
        2,
        "Primary",
        d.get("primary_path", s.primary_path.as_ref()),
        String::clone,
    );
    w.reading(
        2,
        "Render",
        d.get("render_path", s.render_path.as_ref()),
        String::clone,
    );

    w.group(1, "Capabilities");
    let prop = d.get("property", s.property.as_ref());
    let yes = |b: bool| if b { "Yes" } else { "No" }.to_owned();
    w.reading(2, "Virtualization", prop.clone(), |p| yes(p.virt_capable));
    w.reading(2, "Virtualization Role", prop.clone(), |p| {
        p.virt_role.to_string()
    });
    w.reading(2, "MPC", prop.clone(), |p| yes(p.mpc_capable));
    w.reading(2, "MPC Type", prop.clone(), |p| p.mpc_type.to_string());
    w.reading(2, "MtLink", prop, |p| yes(p.mtlink_capable));

    w.group(1, "PCI");
    w.reading(2, "Bus Id", bus.clone(), |p| p.sbdf.clone());
    w.reading(2, "Domain", bus.clone(), |p| format!("0x{:04X}", p.segment));
    w.reading(2, "Bus", bus.clone(), |p| format!("0x{:02X}", p.bus));
    w.reading(2, "Device", bus.clone(), |p| format!("0x{:02X}", p.device));
    w.reading(2, "Vendor Id", bus.clone(), |p| {
        format!("0x{:04X}", p.vendor_id)
    });
    w.reading(2, "Device Id", bus.clone(), |p| {
        format!("0x{:04X}", p.device_id)
    });
    w.reading(2, "Sub System Id", bus.clone(), |p| {
        format!("0x{:08X}", p.subsystem_id)
    });
    w.group(2, "Link");
    w.reading(3, "Max Generation", bus.clone(), |p| {
        p.max_generation.to_string()
    });
    w.reading(3, "Current Generation", bus.clone(), |p| {
        p.current_generation.to_string()
    });
    w.reading(3, "Max Width", bus.clone(), |p| {
        format!("{}x", p.max_width_lanes)
    });
    w.reading(3, "Current Width", bus.clone(), |p| {
        format!("{}x", p.current_width_lanes)
    });
    w.reading(3, "Max Speed", bus.clone(), |p| {
        format!("{} GT/s", p.max_speed_gt_per_s)
    });
    w.reading(3, "Current Speed", bus, |p| {
        format!("{} GT/s", p.current_speed_gt_per_s)
    });
    let slot = d.get("pcie_slot", s.pcie_slot.as_ref());
    w.reading(2, "Slot Id", slot.clone(), |p| p.id.to_string());
    w.reading(2, "Slot Name", slot, |p| p.name.clone());

    w.group(1, "Affinity");
    w.reading(
        2,
        "CPUs",
        d.get("cpu_affinity", s.cpu_affinity.as_ref()),
        |c| ranges(c),
    );
    w.reading(
        2,
        "NUMA Nodes",
        d.get(
            "memory_affinity_numa_nodes",
            s.memory_affinity_numa_nodes.as_ref(),
        ),
        |c| ranges(c),
    );

    let fans = d.get("fans", s.fans.as_ref());
    match &fans {
        Reading::Value(list) if !list.is_empty() => {
            w.group(1, "Fans");
            for (i, fan) in list.iter().enumerate() {
                w.line(
                    2,
                    &format!("Fan {i}"),
                    &format!("{} %, {} RPM", fan.percent, fan.rpm),
                );
            }
        }
        _ => w.reading(1, "Fan Speed", fans, |_| "N/A".to_owned()),
    }
    w.reading(
        1,
        "Power Draw",
        d.get("power_usage_mw", s.power_usage_mw.as_ref()),
        |mw| format!("{:.2} W", f64::from(*mw) / 1000.0),
    );

    let gpu = s.gpu.as_ref();
    w.group(1, "Utilization");
    w.reading(
        2,
        "Gpu",
        d.get(
            "gpu.utilization_percent",
            gpu.and_then(|g| g.utilization_percent.as_ref()),
        ),
        |p| format!("{p} %"),
    );
    let memory = s.memory.as_ref();
    w.reading(
        2,
        "Memory",
        d.get(
            "memory.utilization_percent",
            memory.and_then(|m| m.utilization_percent.as_ref()),
        ),
        |p| format!("{p} %"),
    );
    let vpu = s.vpu.as_ref();
    let codec = d.get("vpu.utilization", vpu.and_then(|v| v.utilization.as_ref()));
    w.reading(2, "Encoder", codec.clone(), |u| {
        format!("{} %", u.encoder_percent)
    });
    w.reading(2, "Decoder", codec, |u| format!("{} %", u.decoder_percent));
    match gpu {
        Some(g) if !g.engine_utilization_percent.is_empty() => {
            for (engine, percent) in &g.engine_utilization_percent {
                w.line(2, &format!("Engine {engine}"), &format!("{percent} %"));
            }
        }
        _ => {}
    }

    w.group(1, "Temperature");
    w.reading(
        2,
        "GPU Current Temp",
        d.get(
            "gpu.temperature_celsius",
            gpu.and_then(|g| g.temperature_celsius.as_ref()),
        ),
        |c| format!("{c} C"),
    );

    w.group(1, "Clocks");
    w.reading(
        2,
        "Graphics",
        d.get("gpu.clock_mhz", gpu.and_then(|g| g.clock_mhz.as_ref())),
        |c| format!("{c} MHz"),
    );
    w.reading(
        2,
        "Memory",
        d.get(
            "memory.clock_mhz",
            memory.and_then(|m| m.clock_mhz.as_ref()),
        ),
        |c| format!("{c} MHz"),
    );
    w.reading(
        2,
        "Video",
        d.get("vpu.clock_mhz", vpu.and_then(|v| v.clock_mhz.as_ref())),
        |c| format!("{c} MHz"),
    );
    w.group(1, "Max Clocks");
    w.reading(
        2,
        "Graphics",
        d.get(
            "gpu.max_clock_mhz",
            gpu.and_then(|g| g.max_clock_mhz.as_ref()),
        ),
        |c| format!("{c} MHz"),
    );
    w.reading(
        2,
        "Memory",
        d.get(
            "memory.max_clock_mhz",
            memory.and_then(|m| m.max_clock_mhz.as_ref()),
        ),
        |c| format!("{c} MHz"),
    );
    w.reading(
        2,
        "Video",
        d.get(
            "vpu.max_clock_mhz",
            vpu.and_then(|v| v.max_clock_mhz.as_ref()),
        ),
        |c| format!("{c} MHz"),
    );

    w.group(1, "Memory Usage");
    w.reading(
        2,
        "Total",
        d.get(
            "memory.total_bytes",
            memory.and_then(|m| m.total_bytes.as_ref()),
        ),
        |b| mib_spaced(*b),
    );
    w.reading(
        2,
        "Used",
        d.get(
            "memory.used_bytes",
            memory.and_then(|m| m.used_bytes.as_ref()),
        ),
        |b| mib_spaced(*b),
    );
    w.reading(
        2,
        "Reserved",
        d.get(
            "memory.used_system_bytes",
            memory.and_then(|m| m.used_system_bytes.as_ref()),
        ),
        |b| mib_spaced(*b),
    );
    w.group(1, "Memory");
    w.reading(
        2,
        "Type",
        d.get(
            "memory.memory_type",
            memory.and_then(|m| m.memory_type.as_ref()),
        ),
        |t| t.to_string(),
    );
    w.reading(
        2,
        "Vendor",
        d.get("memory.vendor", memory.and_then(|m| m.vendor.as_ref())),
        String::clone,
    );
    w.reading(
        2,
        "Bus Width",
        d.get(
            "memory.bus_width_bits",
            memory.and_then(|m| m.bus_width_bits.as_ref()),
        ),
        |b| format!("{b} bits"),
    );
    w.reading(
        2,
        "Bandwidth",
        d.get(
            "memory.bandwidth_gb_per_s",
            memory.and_then(|m| m.bandwidth_gb_per_s.as_ref()),
        ),
        |b| format!("{b} GB/s"),
    );
    w.reading(
        2,
        "Speed",
        d.get(
            "memory.speed_mbps",
            memory.and_then(|m| m.speed_mbps.as_ref()),
        ),
        |b| format!("{b} Mbps"),
    );

    w.group(1, "ECC Mode");
    let ecc = d.get(
        "memory.ecc_modes",
        memory.and_then(|m| m.ecc_modes.as_ref()),
    );
    w.reading(2, "Current", ecc.clone(), |e| e.current.to_string());
    w.reading(2, "Pending", ecc, |e| e.pending.to_string());
    w.group(1, "ECC Errors");
    w.group(2, "Volatile");
    w.reading(
        3,
        "Corrected",
        d.get(
            "memory.ecc_volatile_corrected",
            memory.and_then(|m| m.ecc_volatile_corrected.as_ref()),
        ),
        u64::to_string,
    );
    w.reading(
        3,
        "Uncorrected",
        d.get(
            "memory.ecc_volatile_uncorrected",
            memory.and_then(|m| m.ecc_volatile_uncorrected.as_ref()),
        ),
        u64::to_string,
    );
    w.group(2, "Aggregate");
    w.reading(
        3,
        "Corrected",
        d.get(
            "memory.ecc_aggregate_corrected",
            memory.and_then(|m| m.ecc_aggregate_corrected.as_ref()),
        ),
        u64::to_string,
    );
    w.reading(
        3,
        "Uncorrected",
        d.get(
            "memory.ecc_aggregate_uncorrected",
            memory.and_then(|m| m.ecc_aggregate_uncorrected.as_ref()),
        ),
        u64::to_string,
    );
    w.group(1, "Retired Pages");
    let retired = d.get(
        "memory.retired_pages",
        memory.and_then(|m| m.retired_pages.as_ref()),
    );
    w.reading(2, "Single Bit ECC", retired.clone(), |r| {
        r.single_bit_ecc.to_string()
    });
    w.reading(2, "Double Bit ECC", retired, |r| {
        r.double_bit_ecc.to_string()
    });
    w.reading(
        2,
        "Pending Page Blacklist",
        d.get(
            "memory.retired_pages_pending",
            memory.and_then(|m| m.retired_pages_pending.as_ref()),
        ),
        |p| yes(*p),
    );

    w.group(1, "Video Codec");
    let cap = d.get(
        "vpu.codec_capacity",
        vpu.and_then(|v| v.codec_capacity.as_ref()),
    );
    w.reading(
        2,
        "Encoder Sessions",
        d.get(
            "vpu.active_encoder_sessions",
            vpu.and_then(|v| v.active_encoder_sessions.as_ref()),
        ),
        u32::to_string,
    );
    w.reading(2, "Encoder Capacity", cap.clone(), |c| {
        c.encoder_sessions.to_string()
    });
    w.reading(
        2,
        "Decoder Sessions",
        d.get(
            "vpu.active_decoder_sessions",
            vpu.and_then(|v| v.active_decoder_sessions.as_ref()),
        ),
        u32::to_string,
    );
    w.reading(2, "Decoder Capacity", cap, |c| {
        c.decoder_sessions.to_string()
    });

    match d.get("display_interfaces", s.display_interfaces.as_ref()) {
        Reading::Value(list) if !list.is_empty() => {
            w.group(1, "Display Outputs");
            for (i, o) in list.iter().enumerate() {
                w.line(
                    2,
                    &format!("Output {i}"),
                    &format!(
                        "{} {}x{} @ {} Hz",
                        o.kind, o.max_width_px, o.max_height_px, o.max_refresh_rate_hz
                    ),
                );
            }
        }
        other => w.reading(1, "Display Outputs", other, |_| "None".to_owned()),
    }

    w.group(1, "MPC");
    w.reading(2, "Mode", d.get("mpc_mode", s.mpc_mode.as_ref()), |m| {
        m.to_string()
    });
    if let Some(p) = &d.partitions {
        w.reading(
            2,
            "Configuration",
            p.mpc_configuration.clone(),
            String::clone,
        );
        list(w, "Instances", &p.mpc_instances, |i| {
            (
                format!("Instance {}", i.index),
                format!(
                    "{} ({}: {} cores, {} MiB)",
                    i.uuid, i.profile, i.core_count, i.memory_mib
                ),
            )
        });
    }
    w.group(1, "Virtualization");
    w.reading(
        2,
        "Active Virtual Devices",
        d.get("active_virt_devices", s.active_virt_devices.as_ref()),
        u32::to_string,
    );
    if let Some(p) = &d.partitions {
        list(w, "Supported Types", &p.virt_types, |t| {
            (
                t.id.clone(),
                format!(
                    "{} ({} MiB, {} of {} available)",
                    t.name, t.frame_buffer_mib, t.available, t.max_instances
                ),
            )
        });
        let mut position = 0;
        list(w, "Devices", &p.virt_devices, |v| {
            position += 1;
            (
                format!("Device {}", position - 1),
                format!("{} ({})", v.uuid, v.type_name),
            )
        });
    }
    w.group(1, "MtLink");
    let link = d.get("mtlink", s.mtlink.as_ref());
    w.reading(2, "Version", link.clone(), |l| {
        let (a, b, c) = l.version_parts();
        format!("{a}.{b}.{c}")
    });
    w.reading(2, "Links", link.clone(), |l| l.link_count.to_string());
    w.reading(2, "Bandwidth per Link", link, |l| {
        format!("{} GB/s", l.bandwidth_gb_per_s)
    });

    if d.has_errors() {
        w.group(1, "Errors");
        for e in &s.errors {
            w.line(2, &e.metric, &e.error.to_string());
        }
        for (part, error) in d.partitions.iter().flat_map(|p| &p.errors) {
            w.line(2, part, error);
        }
    }
}

/// Writes `title` and one `key : value` line per item (from `line`), or
/// `title : N/A` / `ERR!` / `None`.
fn list<T>(
    w: &mut Writer,
    title: &str,
    items: &Reading<Vec<T>>,
    mut line: impl FnMut(&T) -> (String, String),
) {
    match items {
        Reading::Value(items) if !items.is_empty() => {
            w.group(2, title);
            for item in items {
                let (key, value) = line(item);
                w.line(3, &key, &value);
            }
        }
        other => w.line(2, title, &other.show(|_| "None".to_owned())),
    }
}

fn mib_spaced(bytes: u64) -> String {
    mib(bytes).replace("MiB", " MiB")
}

/// A reading as JSON: the value, or `null` when unsupported or failed.
fn reading_json<T: serde::Serialize>(r: &Reading<T>) -> Value {
    match r {
        Reading::Value(v) => serde_json::to_value(v).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// The report as JSON: the header values and, per GPU, every snapshot
/// field (the `mtml` crate's `DeviceSnapshot` with serde), with `errors`
/// as `{metric, error}` sentences.
pub fn to_json(machine: &Machine) -> Value {
    let gpus: Vec<Value> = machine
        .devices
        .iter()
        .map(|d| {
            let mut value = serde_json::to_value(&d.snapshot).unwrap_or(Value::Null);
            if let Value::Object(object) = &mut value {
                object.insert("index".to_owned(), json!(d.index));
                object.insert("errors".to_owned(), json!(errors_of(d)));
                if let Some(p) = &d.partitions {
                    object.insert(
                        "mpc".to_owned(),
                        json!({
                            "configuration": reading_json(&p.mpc_configuration),
                            "instances": reading_json(&p.mpc_instances),
                        }),
                    );
                    object.insert(
                        "virtualization".to_owned(),
                        json!({
                            "types": reading_json(&p.virt_types),
                            "devices": reading_json(&p.virt_devices),
                        }),
                    );
                }
            }
            value
        })
        .collect();
    let value = |r: &Reading<String>| match r {
        Reading::Value(v) => json!(v),
        _ => Value::Null,
    };
    json!({
        "schema": "mtml-smi.query/1",
        "timestamp": machine.timestamp.rfc3339,
        "driver_version": value(&machine.driver_version),
        "mtml_version": value(&machine.mtml_version),
        "attached_gpus": machine.device_count,
        "gpus": gpus,
    })
}
