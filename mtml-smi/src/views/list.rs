//! `-L/--list-gpus`: one line per GPU.

use serde::Serialize;

use crate::json::{errors_of, Errors};
use crate::model::Machine;

/// Renders `GPU 0: MTT S4000 (UUID: ...)` lines.
pub fn render(machine: &Machine) -> String {
    let mut out = String::new();
    for device in &machine.devices {
        let s = &device.snapshot;
        let name = device.get("name", s.name.as_ref()).show(String::clone);
        let uuid = device.get("uuid", s.uuid.as_ref()).show(String::clone);
        out.push_str(&format!("GPU {}: {name} (UUID: {uuid})\n", device.index));
    }
    out
}

/// The list view's JSON form.
#[derive(Debug, Serialize)]
pub struct ListJson {
    /// Schema name and version.
    pub schema: &'static str,
    /// One entry per selected GPU.
    pub gpus: Vec<ListGpu>,
}

/// One GPU in [`ListJson`].
#[derive(Debug, Serialize)]
pub struct ListGpu {
    /// Index in the library's device list.
    pub index: u32,
    /// Product name.
    pub name: Option<String>,
    /// UUID.
    pub uuid: Option<String>,
    /// PCI bus id.
    pub bus_id: Option<String>,
    /// Values that could not be read.
    pub errors: Errors,
}

/// The list view as JSON.
pub fn to_json(machine: &Machine) -> ListJson {
    ListJson {
        schema: "mtml-smi.list/1",
        gpus: machine
            .devices
            .iter()
            .map(|d| ListGpu {
                index: d.index,
                name: d.snapshot.name.clone(),
                uuid: d.snapshot.uuid.clone(),
                bus_id: d.snapshot.pci.as_ref().map(|p| p.sbdf.clone()),
                errors: errors_of(d),
            })
            .collect(),
    }
}
