//! The default view: a header and one two-line row per GPU, 80 columns
//! wide, like `nvidia-smi` without options.

use comfy_table::presets::ASCII_FULL;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::json::{errors_of, Errors};
use crate::model::{DeviceReport, Machine, Reading, FAILED};
use crate::views::{mib, role, watts};

/// Width of the whole view, columns.
pub const WIDTH: usize = 80;

/// Column widths (with padding); with the four borders they make [`WIDTH`].
const COLUMNS: [u16; 3] = [30, 22, 24];

/// Renders the summary view.
pub fn render(machine: &Machine, color: bool) -> String {
    let mut out = String::new();
    out.push_str(&machine.timestamp.text);
    out.push('\n');
    out.push_str(&header(machine));
    if machine.devices.is_empty() {
        out.push_str(&format!(
            "| {:<width$} |\n",
            "No GPUs selected.",
            width = WIDTH - 4
        ));
        out.push_str(&rule());
        return out;
    }
    let mut table = Table::new();
    table.load_preset(ASCII_FULL);
    table.set_content_arrangement(ContentArrangement::Disabled);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let head = [
        "GPU  Name\nFan  Temp  Power",
        "Bus-Id\nRole",
        "Memory-Usage\nGPU-Util  Clock",
    ];
    table.set_header(head.iter().map(|h| styled(Cell::new(h), color, true)));
    for device in &machine.devices {
        table.add_row(row(device).into_iter().map(|text| {
            let failed = text.contains(FAILED);
            let cell = Cell::new(text);
            if failed && color {
                cell.fg(Color::Red)
            } else {
                cell
            }
        }));
    }
    for (column, width) in table.column_iter_mut().zip(COLUMNS) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
    }
    out.push_str(&table.to_string());
    out.push('\n');
    out
}

fn styled(cell: Cell, color: bool, bold: bool) -> Cell {
    if color && bold {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn rule() -> String {
    format!("+{}+\n", "-".repeat(WIDTH - 2))
}

/// The box with tool, driver and library versions.
fn header(machine: &Machine) -> String {
    let tool = format!("MTML-SMI {}", env!("CARGO_PKG_VERSION"));
    let driver = format!(
        "Driver Version: {}",
        machine.driver_version.show(String::clone)
    );
    let mtml = format!("MTML Version: {}", machine.mtml_version.show(String::clone));
    let inner = WIDTH - 4;
    let used = tool.len() + driver.len() + mtml.len();
    let gap = inner.saturating_sub(used) / 2;
    let mut line = format!("{tool}{:gap$}{driver}{:gap$}{mtml}", "", "");
    if line.len() < inner {
        line = format!("{line:<inner$}");
    }
    format!("{}| {line} |\n", rule())
}

/// The three two-line cells of one GPU.
fn row(device: &DeviceReport) -> [String; 3] {
    let s = &device.snapshot;
    let name = device.get("name", s.name.as_ref()).show(String::clone);
    let fan = device
        .get("fans", s.fans.as_ref())
        .show(|fans| match fans.first() {
            Some(fan) => format!("{}%", fan.percent),
            None => "N/A".to_owned(),
        });
    let gpu = s.gpu.as_ref();
    let temp = device
        .get(
            "gpu.temperature_celsius",
            gpu.and_then(|g| g.temperature_celsius.as_ref()),
        )
        .show(|c| format!("{c}C"));
    let power = device
        .get("power_usage_mw", s.power_usage_mw.as_ref())
        .show(|mw| watts(*mw));
    let bus = device.get("pci", s.pci.as_ref()).show(|p| p.sbdf.clone());
    let memory = s.memory.as_ref();
    let used = device.get(
        "memory.used_bytes",
        memory.and_then(|m| m.used_bytes.as_ref()),
    );
    let total = device.get(
        "memory.total_bytes",
        memory.and_then(|m| m.total_bytes.as_ref()),
    );
    let util = device
        .get(
            "gpu.utilization_percent",
            gpu.and_then(|g| g.utilization_percent.as_ref()),
        )
        .show(|p| format!("{p}%"));
    let clock = device
        .get("gpu.clock_mhz", gpu.and_then(|g| g.clock_mhz.as_ref()))
        .show(|mhz| format!("{mhz}MHz"));
    [
        format!("{:<4} {name}\n{fan:<4} {temp:<5} {power}", device.index),
        format!("{bus}\n{}", role(device).show(String::clone)),
        format!(
            "{:>9} / {}\n{util:>9}  {clock}",
            used.show(|b| mib(*b)),
            total.show(|b| mib(*b))
        ),
    ]
}

/// The summary view's JSON form (see the README).
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    /// Schema name and version.
    pub schema: &'static str,
    /// RFC 3339 time of the reading.
    pub timestamp: String,
    /// Driver version, null when unavailable.
    pub driver_version: Option<String>,
    /// MTML version, null when unavailable.
    pub mtml_version: Option<String>,
    /// One entry per selected GPU.
    pub gpus: Vec<SummaryGpu>,
}

/// One GPU in [`SummaryJson`].
#[derive(Debug, Serialize)]
pub struct SummaryGpu {
    /// Index in the library's device list.
    pub index: u32,
    /// Product name.
    pub name: Option<String>,
    /// UUID.
    pub uuid: Option<String>,
    /// PCI bus id.
    pub bus_id: Option<String>,
    /// Role (`Physical`, `MPC parent`, `vGPU host (N)`, ...).
    pub role: Option<String>,
    /// Speed of the first fan, percent.
    pub fan_percent: Option<u32>,
    /// GPU temperature, °C.
    pub temperature_c: Option<i32>,
    /// Board power draw, milliwatts.
    pub power_mw: Option<u32>,
    /// Memory in use, bytes.
    pub memory_used_bytes: Option<u64>,
    /// Total memory, bytes.
    pub memory_total_bytes: Option<u64>,
    /// GPU load, percent.
    pub utilization_percent: Option<u32>,
    /// GPU clock, MHz.
    pub clock_mhz: Option<u32>,
    /// Values that could not be read.
    pub errors: Errors,
}

/// The summary view as JSON.
pub fn to_json(machine: &Machine) -> SummaryJson {
    SummaryJson {
        schema: "mtml-smi.summary/1",
        timestamp: machine.timestamp.rfc3339.clone(),
        driver_version: value(&machine.driver_version),
        mtml_version: value(&machine.mtml_version),
        gpus: machine
            .devices
            .iter()
            .map(|d| {
                let s = &d.snapshot;
                let gpu = s.gpu.as_ref();
                let memory = s.memory.as_ref();
                SummaryGpu {
                    index: d.index,
                    name: s.name.clone(),
                    uuid: s.uuid.clone(),
                    bus_id: s.pci.as_ref().map(|p| p.sbdf.clone()),
                    role: value(&role(d)),
                    fan_percent: s.fans.as_ref().and_then(|f| f.first()).map(|f| f.percent),
                    temperature_c: gpu.and_then(|g| g.temperature_celsius),
                    power_mw: s.power_usage_mw,
                    memory_used_bytes: memory.and_then(|m| m.used_bytes),
                    memory_total_bytes: memory.and_then(|m| m.total_bytes),
                    utilization_percent: gpu.and_then(|g| g.utilization_percent),
                    clock_mhz: gpu.and_then(|g| g.clock_mhz),
                    errors: errors_of(d),
                }
            })
            .collect(),
    }
}

fn value<T: Clone>(reading: &Reading<T>) -> Option<T> {
    match reading {
        Reading::Value(v) => Some(v.clone()),
        _ => None,
    }
}
