//! `--query-gpu=FIELDS --format=csv[,noheader][,nounits]`: chosen values
//! of every GPU as CSV, with field names in the style of nvidia-smi.

use serde_json::{json, Map, Value};

use crate::json::errors_of;
use crate::model::{DeviceReport, Machine, Reading};

/// How to print the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvFormat {
    /// Leave out the header line.
    pub no_header: bool,
    /// Leave out units in the header and the values.
    pub no_units: bool,
}

impl CsvFormat {
    /// Parses `csv[,noheader][,nounits]`.
    ///
    /// # Errors
    /// A message naming the bad part and the valid ones.
    pub fn parse(text: &str) -> Result<CsvFormat, String> {
        let mut parts = text.split(',').map(str::trim);
        if parts.next() != Some("csv") {
            return Err(format!(
                "unsupported --format '{text}': use csv, optionally followed by ,noheader and/or ,nounits"
            ));
        }
        let mut format = CsvFormat::default();
        for part in parts {
            match part {
                "noheader" => format.no_header = true,
                "nounits" => format.no_units = true,
                other => {
                    return Err(format!(
                        "unknown --format option '{other}': valid options are noheader and nounits"
                    ))
                }
            }
        }
        Ok(format)
    }
}

/// Reads one field of one GPU.
type Reader = fn(&Machine, &DeviceReport) -> Reading<Value>;

/// One field of `--query-gpu`.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Name, as given on the command line and shown in the header.
    pub name: &'static str,
    /// Other accepted names.
    pub aliases: &'static [&'static str],
    /// Unit of numeric values, shown in the header as `[unit]`.
    pub unit: Option<&'static str>,
    /// What the field holds.
    pub help: &'static str,
    read: Reader,
}

macro_rules! field {
    ($name:literal $(| $alias:literal)*, $unit:expr, $help:literal, |$m:ident, $d:ident| $body:expr) => {
        Field {
            name: $name,
            aliases: &[$($alias),*],
            unit: $unit,
            help: $help,
            read: |$m: &Machine, $d: &DeviceReport| {
                let _ = $m;
                $body
            },
        }
    };
}

/// Reads `metric` of `device`, converting the value to JSON.
fn get<T: Clone>(
    device: &DeviceReport,
    metric: &str,
    value: Option<&T>,
    to: impl FnOnce(T) -> Value,
) -> Reading<Value> {
    device.get(metric, value).map(to)
}

fn num<T: Into<Value>>(v: T) -> Value {
    v.into()
}

fn text<T: ToString>(v: T) -> Value {
    Value::String(v.to_string())
}

fn mib(bytes: u64) -> Value {
    json!(bytes >> 20)
}

fn enabled(on: bool) -> Value {
    text(if on { "Enabled" } else { "Disabled" })
}

/// Every field `--query-gpu` accepts, in the order `--help-query-gpu`
/// lists them.
pub const FIELDS: &[Field] = &[
    field!(
        "timestamp",
        None,
        "Time of the reading (local time, or UTC from SOURCE_DATE_EPOCH).",
        |m, _d| Reading::Value(text(&m.timestamp.text))
    ),
    field!(
        "driver_version",
        None,
        "Version of the Moore Threads kernel driver.",
        |m, _d| m.driver_version.clone().map(Value::String)
    ),
    field!(
        "mtml_version",
        None,
        "Version of the MTML library.",
        |m, _d| m.mtml_version.clone().map(Value::String)
    ),
    field!(
        "count",
        None,
        "Number of GPUs the library sees.",
        |m, _d| Reading::Value(num(m.device_count))
    ),
    field!(
        "index",
        None,
        "Index of the GPU in the library's list.",
        |_m, d| Reading::Value(num(d.index))
    ),
    field!("name" | "gpu_name", None, "Product name.", |_m, d| get(
        d,
        "name",
        d.snapshot.name.as_ref(),
        text
    )),
    field!("uuid" | "gpu_uuid", None, "UUID of the GPU.", |_m, d| get(
        d,
        "uuid",
        d.snapshot.uuid.as_ref(),
        text
    )),
    field!("serial", None, "Board serial number.", |_m, d| get(
        d,
        "serial_number",
        d.snapshot.serial_number.as_ref(),
        text
    )),
    field!("brand", None, "Product line.", |_m, d| get(
        d,
        "brand",
        d.snapshot.brand.as_ref(),
        text
    )),
    field!(
        "vbios_version" | "mtbios_version",
        None,
        "Version of the board firmware (MTBIOS).",
        |_m, d| get(
            d,
            "mtbios_version",
            d.snapshot.mtbios_version.as_ref(),
            text
        )
    ),
    field!(
        "pci.bus_id" | "gpu_bus_id",
        None,
        "PCI address, segment:bus:device.function in hex.",
        |_m, d| get(d, "pci", d.snapshot.pci.as_ref(), |p| text(p.sbdf))
    ),
    field!("pci.domain", None, "PCI segment (domain), hex.", |_m, d| {
        get(d, "pci", d.snapshot.pci.as_ref(), |p| {
            text(format!("0x{:04X}", p.segment))
        })
    }),
    field!("pci.bus", None, "PCI bus number, hex.", |_m, d| get(
        d,
        "pci",
        d.snapshot.pci.as_ref(),
        |p| text(format!("0x{:02X}", p.bus))
    )),
    field!("pci.device", None, "PCI device number, hex.", |_m, d| get(
        d,
        "pci",
        d.snapshot.pci.as_ref(),
        |p| text(format!("0x{:02X}", p.device))
    )),
    field!(
        "pci.device_id",
        None,
        "PCI vendor and device id, as 0xDEVICEVENDOR.",
        |_m, d| get(d, "pci", d.snapshot.pci.as_ref(), |p| text(format!(
            "0x{:04X}{:04X}",
            p.device_id, p.vendor_id
        )))
    ),
    field!("pci.sub_device_id", None, "PCI subsystem id.", |_m, d| get(
        d,
        "pci",
        d.snapshot.pci.as_ref(),
        |p| text(format!("0x{:08X}", p.subsystem_id))
    )),
    field!(
        "pcie.link.gen.current",
        None,
        "Present PCIe generation.",
        |_m, d| get(d, "pci", d.snapshot.pci.as_ref(), |p| num(
            p.current_generation
        ))
    ),
    field!(
        "pcie.link.gen.max",
        None,
        "Highest PCIe generation.",
        |_m, d| get(d, "pci", d.snapshot.pci.as_ref(), |p| num(p.max_generation))
    ),
    field!(
        "pcie.link.width.current",
        None,
        "Present PCIe lane count.",
        |_m, d| get(d, "pci", d.snapshot.pci.as_ref(), |p| num(
            p.current_width_lanes
        ))
    ),
    field!(
        "pcie.link.width.max",
        None,
        "Highest PCIe lane count.",
        |_m, d| get(
            d,
            "pci",
            d.snapshot.pci.as_ref(),
            |p| num(p.max_width_lanes)
        )
    ),
    field!(
        "role",
        None,
        "Role in MPC and virtualization (Physical, MPC parent, vGPU host (N), ...).",
        |_m, d| crate::views::role(d).map(Value::String)
    ),
    field!("gpu_cores", None, "Number of GPU cores.", |_m, d| get(
        d,
        "gpu_core_count",
        d.snapshot.gpu_core_count.as_ref(),
        num
    )),
    field!(
        "temperature.gpu",
        None,
        "GPU temperature, degrees Celsius.",
        |_m, d| get(
            d,
            "gpu.temperature_celsius",
            d.snapshot
                .gpu
                .as_ref()
                .and_then(|g| g.temperature_celsius.as_ref()),
            num
        )
    ),
    field!(
        "power.draw",
        Some("W"),
        "Board power draw, watts.",
        |_m, d| get(
            d,
            "power_usage_mw",
            d.snapshot.power_usage_mw.as_ref(),
            |mw| json!((f64::from(mw) / 10.0).round() / 100.0)
        )
    ),
    field!(
        "fan.speed",
        Some("%"),
        "Speed of the first fan, percent of its maximum (N/A when passively cooled).",
        |_m, d| get(d, "fans", d.snapshot.fans.as_ref(), |f| f
            .first()
            .map_or(Value::Null, |f| num(f.percent)))
    ),
    field!(
        "memory.total",
        Some("MiB"),
        "Total device memory.",
        |_m, d| get(
            d,
            "memory.total_bytes",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.total_bytes.as_ref()),
            mib
        )
    ),
    field!(
        "memory.used",
        Some("MiB"),
        "Device memory in use (including memory.reserved).",
        |_m, d| get(
            d,
            "memory.used_bytes",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.used_bytes.as_ref()),
            mib
        )
    ),
    field!(
        "memory.free",
        Some("MiB"),
        "Device memory not in use.",
        |_m, d| {
            let m = d.snapshot.memory.as_ref();
            let total = d.get("memory.total_bytes", m.and_then(|m| m.total_bytes.as_ref()));
            let used = d.get("memory.used_bytes", m.and_then(|m| m.used_bytes.as_ref()));
            match (total, used) {
                (Reading::Value(t), Reading::Value(u)) => Reading::Value(mib(t.saturating_sub(u))),
                (Reading::Failed, _) | (_, Reading::Failed) => Reading::Failed,
                _ => Reading::NotAvailable,
            }
        }
    ),
    field!(
        "memory.reserved",
        Some("MiB"),
        "Device memory held by the driver and system.",
        |_m, d| get(
            d,
            "memory.used_system_bytes",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.used_system_bytes.as_ref()),
            mib
        )
    ),
    field!(
        "memory.type",
        None,
        "Kind of memory (Gddr6, Lpddr4).",
        |_m, d| get(
            d,
            "memory.memory_type",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.memory_type.as_ref()),
            text
        )
    ),
    field!(
        "memory.bus_width",
        Some("bit"),
        "Memory bus width.",
        |_m, d| get(
            d,
            "memory.bus_width_bits",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.bus_width_bits.as_ref()),
            num
        )
    ),
    field!("utilization.gpu", Some("%"), "GPU load.", |_m, d| get(
        d,
        "gpu.utilization_percent",
        d.snapshot
            .gpu
            .as_ref()
            .and_then(|g| g.utilization_percent.as_ref()),
        num
    )),
    field!(
        "utilization.memory",
        Some("%"),
        "Memory controller load.",
        |_m, d| get(
            d,
            "memory.utilization_percent",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.utilization_percent.as_ref()),
            num
        )
    ),
    field!(
        "utilization.encoder",
        Some("%"),
        "Video encoder load.",
        |_m, d| get(
            d,
            "vpu.utilization",
            d.snapshot.vpu.as_ref().and_then(|v| v.utilization.as_ref()),
            |u| num(u.encoder_percent)
        )
    ),
    field!(
        "utilization.decoder",
        Some("%"),
        "Video decoder load.",
        |_m, d| get(
            d,
            "vpu.utilization",
            d.snapshot.vpu.as_ref().and_then(|v| v.utilization.as_ref()),
            |u| num(u.decoder_percent)
        )
    ),
    field!(
        "clocks.gr" | "clocks.current.graphics",
        Some("MHz"),
        "Present GPU clock.",
        |_m, d| get(
            d,
            "gpu.clock_mhz",
            d.snapshot.gpu.as_ref().and_then(|g| g.clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "clocks.max.gr" | "clocks.max.graphics",
        Some("MHz"),
        "Highest GPU clock.",
        |_m, d| get(
            d,
            "gpu.max_clock_mhz",
            d.snapshot
                .gpu
                .as_ref()
                .and_then(|g| g.max_clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "clocks.mem" | "clocks.current.memory",
        Some("MHz"),
        "Present memory clock.",
        |_m, d| get(
            d,
            "memory.clock_mhz",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "clocks.max.mem" | "clocks.max.memory",
        Some("MHz"),
        "Highest memory clock.",
        |_m, d| get(
            d,
            "memory.max_clock_mhz",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.max_clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "clocks.video" | "clocks.current.video",
        Some("MHz"),
        "Present video codec clock.",
        |_m, d| get(
            d,
            "vpu.clock_mhz",
            d.snapshot.vpu.as_ref().and_then(|v| v.clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "clocks.max.video",
        Some("MHz"),
        "Highest video codec clock.",
        |_m, d| get(
            d,
            "vpu.max_clock_mhz",
            d.snapshot
                .vpu
                .as_ref()
                .and_then(|v| v.max_clock_mhz.as_ref()),
            num
        )
    ),
    field!(
        "encoder.stats.sessionCount",
        None,
        "Active encoder sessions.",
        |_m, d| get(
            d,
            "vpu.active_encoder_sessions",
            d.snapshot
                .vpu
                .as_ref()
                .and_then(|v| v.active_encoder_sessions.as_ref()),
            num
        )
    ),
    field!(
        "decoder.stats.sessionCount",
        None,
        "Active decoder sessions.",
        |_m, d| get(
            d,
            "vpu.active_decoder_sessions",
            d.snapshot
                .vpu
                .as_ref()
                .and_then(|v| v.active_decoder_sessions.as_ref()),
            num
        )
    ),
    field!(
        "ecc.mode.current",
        None,
        "ECC mode in force (Enabled, Disabled).",
        |_m, d| get(
            d,
            "memory.ecc_modes",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_modes.as_ref()),
            |e| enabled(e.current == mtml::EccMode::Enabled)
        )
    ),
    field!(
        "ecc.mode.pending",
        None,
        "ECC mode after the next reset.",
        |_m, d| get(
            d,
            "memory.ecc_modes",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_modes.as_ref()),
            |e| enabled(e.pending == mtml::EccMode::Enabled)
        )
    ),
    field!(
        "ecc.errors.corrected.volatile.total",
        None,
        "Corrected ECC errors since the driver loaded.",
        |_m, d| get(
            d,
            "memory.ecc_volatile_corrected",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_volatile_corrected.as_ref()),
            num
        )
    ),
    field!(
        "ecc.errors.uncorrected.volatile.total",
        None,
        "Uncorrected ECC errors since the driver loaded.",
        |_m, d| get(
            d,
            "memory.ecc_volatile_uncorrected",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_volatile_uncorrected.as_ref()),
            num
        )
    ),
    field!(
        "ecc.errors.corrected.aggregate.total",
        None,
        "Corrected ECC errors over the device's life.",
        |_m, d| get(
            d,
            "memory.ecc_aggregate_corrected",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_aggregate_corrected.as_ref()),
            num
        )
    ),
    field!(
        "ecc.errors.uncorrected.aggregate.total",
        None,
        "Uncorrected ECC errors over the device's life.",
        |_m, d| get(
            d,
            "memory.ecc_aggregate_uncorrected",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.ecc_aggregate_uncorrected.as_ref()),
            num
        )
    ),
    field!(
        "retired_pages.sbe" | "retired_pages.single_bit_ecc.count",
        None,
        "Pages retired for repeated single-bit errors.",
        |_m, d| get(
            d,
            "memory.retired_pages",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.retired_pages.as_ref()),
            |r| num(r.single_bit_ecc)
        )
    ),
    field!(
        "retired_pages.dbe" | "retired_pages.double_bit.count",
        None,
        "Pages retired for double-bit errors.",
        |_m, d| get(
            d,
            "memory.retired_pages",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.retired_pages.as_ref()),
            |r| num(r.double_bit_ecc)
        )
    ),
    field!(
        "retired_pages.pending",
        None,
        "Whether retirements wait for the next reset (Yes, No).",
        |_m, d| get(
            d,
            "memory.retired_pages_pending",
            d.snapshot
                .memory
                .as_ref()
                .and_then(|m| m.retired_pages_pending.as_ref()),
            |p| text(if p { "Yes" } else { "No" })
        )
    ),
    field!(
        "mpc.mode",
        None,
        "MPC mode (Enabled, Disabled).",
        |_m, d| get(d, "mpc_mode", d.snapshot.mpc_mode.as_ref(), |m| enabled(
            m == mtml::MpcMode::Enabled
        ))
    ),
    field!(
        "mtlink.count",
        None,
        "Number of MtLink ports.",
        |_m, d| get(d, "mtlink", d.snapshot.mtlink.as_ref(), |l| num(
            l.link_count
        ))
    ),
    field!(
        "mtlink.bandwidth",
        Some("GB/s"),
        "Bandwidth of one MtLink link.",
        |_m, d| get(d, "mtlink", d.snapshot.mtlink.as_ref(), |l| num(
            l.bandwidth_gb_per_s
        ))
    ),
];

/// The field called `name` (or one of its aliases).
pub fn find(name: &str) -> Option<&'static Field> {
    FIELDS
        .iter()
        .find(|f| f.name == name || f.aliases.contains(&name))
}

/// Resolves a comma-separated field list.
///
/// # Errors
/// A message naming the unknown field and listing the valid ones.
pub fn parse_fields(list: &str) -> Result<Vec<&'static Field>, String> {
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Err(format!(
            "--query-gpu needs at least one field. Valid fields: {}",
            valid_names()
        ));
    }
    names
        .into_iter()
        .map(|name| {
            find(name).ok_or_else(|| {
                format!(
                    "unknown field '{name}' in --query-gpu (see --help-query-gpu). Valid fields: {}",
                    valid_names()
                )
            })
        })
        .collect()
}

fn valid_names() -> String {
    FIELDS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

/// The text of `--help-query-gpu`.
pub fn help() -> String {
    let mut out = String::from(
        "Fields for --query-gpu=FIELD[,FIELD...] --format=csv[,noheader][,nounits]\n\n\
         Values that a GPU does not support print as N/A; values whose query failed\n\
         print as ERR!. Numbers carry the unit shown in [brackets] unless nounits.\n\n",
    );
    for f in FIELDS {
        let mut name = f.name.to_owned();
        for alias in f.aliases {
            name.push_str(&format!(" | {alias}"));
        }
        if let Some(unit) = f.unit {
            name.push_str(&format!(" [{unit}]"));
        }
        out.push_str(&format!("{name}\n    {}\n", f.help));
    }
    out
}

fn csv_text(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn cell_text(field: &Field, reading: &Reading<Value>, format: CsvFormat) -> String {
    reading.show(|value| match value {
        Value::Null => crate::model::NOT_AVAILABLE.to_owned(),
        Value::String(s) => csv_text(s),
        Value::Number(n) => {
            // Fractional values (power) get two decimals, like nvidia-smi.
            let n = match n.as_f64() {
                Some(f) if n.is_f64() => format!("{f:.2}"),
                _ => n.to_string(),
            };
            match (field.unit, format.no_units) {
                (Some(unit), false) => format!("{n} {unit}"),
                _ => n,
            }
        }
        other => csv_text(&other.to_string()),
    })
}

/// Renders the CSV.
pub fn render(machine: &Machine, fields: &[&Field], format: CsvFormat) -> String {
    let mut out = String::new();
    if !format.no_header {
        let header: Vec<String> = fields
            .iter()
            .map(|f| match (f.unit, format.no_units) {
                (Some(unit), false) => format!("{} [{unit}]", f.name),
                _ => f.name.to_owned(),
            })
            .collect();
        out.push_str(&header.join(", "));
        out.push('\n');
    }
    for device in &machine.devices {
        let cells: Vec<String> = fields
            .iter()
            .map(|f| cell_text(f, &(f.read)(machine, device), format))
            .collect();
        out.push_str(&cells.join(", "));
        out.push('\n');
    }
    out
}

/// The CSV view as JSON: `{"schema", "gpus": [{field: value, ..., "errors"}]}`.
pub fn to_json(machine: &Machine, fields: &[&Field]) -> Value {
    let gpus: Vec<Value> = machine
        .devices
        .iter()
        .map(|device| {
            let mut object = Map::new();
            for f in fields {
                let value = match (f.read)(machine, device) {
                    Reading::Value(v) => v,
                    _ => Value::Null,
                };
                object.insert(f.name.to_owned(), value);
            }
            object.insert("errors".to_owned(), json!(errors_of(device)));
            Value::Object(object)
        })
        .collect();
    json!({ "schema": "mtml-smi.query-gpu/1", "gpus": gpus })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        assert_eq!(CsvFormat::parse("csv").unwrap(), CsvFormat::default());
        let both = CsvFormat::parse("csv,noheader,nounits").unwrap();
        assert!(both.no_header && both.no_units);
        assert!(CsvFormat::parse("json").unwrap_err().contains("use csv"));
        assert!(CsvFormat::parse("csv,bogus")
            .unwrap_err()
            .contains("'bogus'"));
    }

    #[test]
    fn fields_resolve_with_aliases() {
        let fields = parse_fields("index, clocks.current.graphics").unwrap();
        assert_eq!(fields[1].name, "clocks.gr");
        let error = parse_fields("index,temp").unwrap_err();
        assert!(
            error.contains("'temp'") && error.contains("temperature.gpu"),
            "{error}"
        );
        assert!(parse_fields(" , ").is_err());
    }

    #[test]
    fn field_names_are_unique() {
        let mut names: Vec<&str> = FIELDS
            .iter()
            .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()))
            .collect();
        let before = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), before);
    }

    #[test]
    fn csv_quotes_when_needed() {
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("plain text"), "plain text");
        assert_eq!(csv_text("x\"y,"), "\"x\"\"y,\"");
    }
}
