//! `topo -m`: how each pair of GPUs is connected (MtLink cables or PCIe
//! distance) and which CPUs and NUMA nodes sit closest to each GPU.

use mtml::{Device, Library, P2pCapability, TopologyLevel};
use serde::Serialize;

use crate::model::Reading;
use crate::views::ranges;

/// How two GPUs are connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The GPU itself.
    Itself,
    /// `n` MtLink cables join them directly.
    MtLink(usize),
    /// PCIe only, at this distance.
    Pcie(TopologyLevel),
}

impl Link {
    /// Matrix label: `X`, `MT2`, `PIX`, `PXB`, `PHB`, `NODE`, `SYS`, `BRD`.
    pub fn label(self) -> String {
        match self {
            Link::Itself => "X".to_owned(),
            Link::MtLink(n) => format!("MT{n}"),
            Link::Pcie(level) => level_label(level).to_owned(),
        }
    }
}

/// The matrix label of a PCIe distance.
pub fn level_label(level: TopologyLevel) -> &'static str {
    match level {
        TopologyLevel::Internal => "BRD",
        TopologyLevel::Single => "PIX",
        TopologyLevel::Multiple => "PXB",
        TopologyLevel::HostBridge => "PHB",
        TopologyLevel::Node => "NODE",
        TopologyLevel::System => "SYS",
        _ => "?",
    }
}

/// One GPU's row of the matrix.
#[derive(Debug, Clone)]
pub struct TopoRow {
    /// Index of the GPU.
    pub index: u32,
    /// Connection to each GPU of the matrix, in column order.
    pub links: Vec<Reading<Link>>,
    /// PCIe distance to each GPU (regardless of MtLink), for JSON.
    pub levels: Vec<Reading<TopologyLevel>>,
    /// P2P read status towards each GPU, for JSON.
    pub p2p: Vec<Reading<String>>,
    /// CPUs closest to the GPU.
    pub cpus: Reading<Vec<u32>>,
    /// NUMA nodes closest to the GPU.
    pub numa_nodes: Reading<Vec<u32>>,
    /// Whether some value failed.
    pub failed: bool,
}

/// The topology of the selected GPUs.
#[derive(Debug, Clone)]
pub struct Topology {
    /// One row per GPU, in selection order.
    pub rows: Vec<TopoRow>,
}

fn reading<T>(result: mtml::Result<T>, failed: &mut bool) -> Reading<T> {
    match result {
        Ok(v) => Reading::Value(v),
        Err(mtml::Error::NotSupported) => Reading::NotAvailable,
        Err(_) => {
            *failed = true;
            Reading::Failed
        }
    }
}

fn link(a: &Device<'_>, b: &Device<'_>, failed: &mut bool) -> Reading<Link> {
    match a.mtlink_layouts(b) {
        Ok(cables) if !cables.is_empty() => return Reading::Value(Link::MtLink(cables.len())),
        Ok(_) | Err(mtml::Error::NotSupported) => {}
        Err(_) => {
            *failed = true;
            return Reading::Failed;
        }
    }
    reading(a.topology_level(b), failed).map(Link::Pcie)
}

impl Topology {
    /// Reads the topology of the GPUs at `indices`.
    pub fn read(lib: &Library, indices: &[u32]) -> Topology {
        let devices: Vec<mtml::Result<Device<'_>>> =
            indices.iter().map(|&i| lib.device_by_index(i)).collect();
        let rows = indices
            .iter()
            .zip(&devices)
            .map(|(&index, device)| {
                let mut failed = false;
                let Ok(a) = device else {
                    let n = indices.len();
                    return TopoRow {
                        index,
                        links: vec![Reading::Failed; n],
                        levels: vec![Reading::Failed; n],
                        p2p: vec![Reading::Failed; n],
                        cpus: Reading::Failed,
                        numa_nodes: Reading::Failed,
                        failed: true,
                    };
                };
                let mut links = Vec::new();
                let mut levels = Vec::new();
                let mut p2p = Vec::new();
                for (&other, b) in indices.iter().zip(&devices) {
                    match b {
                        _ if other == index => {
                            links.push(Reading::Value(Link::Itself));
                            levels.push(Reading::NotAvailable);
                            p2p.push(Reading::NotAvailable);
                        }
                        Ok(b) => {
                            links.push(link(a, b, &mut failed));
                            levels.push(reading(a.topology_level(b), &mut failed));
                            let status = a.p2p_status(b, P2pCapability::Read);
                            p2p.push(reading(status, &mut failed).map(|s| s.to_string()));
                        }
                        Err(_) => {
                            failed = true;
                            links.push(Reading::Failed);
                            levels.push(Reading::Failed);
                            p2p.push(Reading::Failed);
                        }
                    }
                }
                TopoRow {
                    index,
                    links,
                    levels,
                    p2p,
                    cpus: reading(a.cpu_affinity(), &mut failed),
                    numa_nodes: reading(a.memory_affinity_numa_nodes(), &mut failed),
                    failed,
                }
            })
            .collect();
        Topology { rows }
    }

    /// Whether some value failed.
    pub fn has_errors(&self) -> bool {
        self.rows.iter().any(|r| r.failed)
    }
}

const LEGEND: &str = "
Legend:

  X    = Self
  MT#  = Connected by # MtLink cables
  BRD  = On the same board
  PIX  = Through at most a single PCIe switch
  PXB  = Through several PCIe switches (without a host bridge)
  PHB  = Through a PCIe host bridge
  NODE = Through several host bridges within one NUMA node
  SYS  = Across NUMA nodes
";

/// Renders the matrix and its legend.
pub fn render(topology: &Topology) -> String {
    let mut out = format!("{:<7}", "");
    for row in &topology.rows {
        out.push_str(&format!("{:<6}", format!("GPU{}", row.index)));
    }
    out.push_str("CPU Affinity    NUMA Affinity\n");
    for row in &topology.rows {
        out.push_str(&format!("{:<7}", format!("GPU{}", row.index)));
        for link in &row.links {
            out.push_str(&format!("{:<6}", link.show(|l| l.label())));
        }
        let cpus = row.cpus.show(|c| ranges(c));
        let numa = row.numa_nodes.show(|n| ranges(n));
        out.push_str(&format!("{cpus:<16}{numa}\n"));
    }
    out.push_str(LEGEND);
    out
}

/// One GPU in the topology JSON.
#[derive(Debug, Serialize)]
pub struct TopoGpuJson {
    /// Index of the GPU.
    pub index: u32,
    /// CPUs closest to the GPU; null when unavailable.
    pub cpu_affinity: Option<Vec<u32>>,
    /// NUMA nodes closest to the GPU; null when unavailable.
    pub numa_affinity: Option<Vec<u32>>,
    /// One entry per other GPU.
    pub peers: Vec<TopoPeerJson>,
}

/// The relation of a GPU to one peer.
#[derive(Debug, Serialize)]
pub struct TopoPeerJson {
    /// Index of the peer.
    pub index: u32,
    /// Matrix label (`MT2`, `PIX`, ..., `ERR!`, `N/A`).
    pub link: String,
    /// Number of MtLink cables joining the two directly.
    pub mtlink_cables: usize,
    /// PCIe distance (`Internal`, `Single`, `Multiple`, `HostBridge`,
    /// `Node`, `System`); null when unavailable.
    pub pcie_level: Option<String>,
    /// P2P read status (`Ok`, `ChipsetNotSupported`, `GpuNotSupported`,
    /// `Undetermined`); null when unavailable.
    pub p2p_read: Option<String>,
}

fn opt<T: Clone>(r: &Reading<T>) -> Option<T> {
    match r {
        Reading::Value(v) => Some(v.clone()),
        _ => None,
    }
}

/// The topology as JSON.
pub fn to_json(topology: &Topology) -> serde_json::Value {
    let gpus: Vec<TopoGpuJson> = topology
        .rows
        .iter()
        .map(|row| TopoGpuJson {
            index: row.index,
            cpu_affinity: opt(&row.cpus),
            numa_affinity: opt(&row.numa_nodes),
            peers: topology
                .rows
                .iter()
                .enumerate()
                .filter(|(_, peer)| peer.index != row.index)
                .map(|(col, peer)| TopoPeerJson {
                    index: peer.index,
                    link: row.links[col].show(|l| l.label()),
                    mtlink_cables: match row.links[col] {
                        Reading::Value(Link::MtLink(n)) => n,
                        _ => 0,
                    },
                    pcie_level: opt(&row.levels[col]).map(|l| l.to_string()),
                    p2p_read: opt(&row.p2p[col]),
                })
                .collect(),
        })
        .collect();
    serde_json::json!({ "schema": "mtml-smi.topo/1", "gpus": gpus })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Link::Itself.label(), "X");
        assert_eq!(Link::MtLink(3).label(), "MT3");
        assert_eq!(Link::Pcie(TopologyLevel::System).label(), "SYS");
        assert_eq!(level_label(TopologyLevel::Single), "PIX");
    }
}
