//! `mtlink`: every MtLink port of every GPU: state, far end and
//! capabilities.

use mtml::{Device, Library, MtLinkCapability, MtLinkCapabilityStatus, MtLinkSpec, MtLinkState};
use serde::Serialize;

use crate::model::Reading;

/// The far end of a cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Remote {
    /// Index of the GPU at the far end.
    pub gpu: u32,
    /// Port on that GPU; null if the library does not say.
    pub link: Option<u32>,
}

/// One port.
#[derive(Debug, Clone)]
pub struct Port {
    /// Port number.
    pub link: u32,
    /// State.
    pub state: Reading<MtLinkState>,
    /// Far end; `Value(None)` when no cable is plugged in.
    pub remote: Reading<Option<Remote>>,
    /// P2P access over the link.
    pub p2p_access: Reading<bool>,
    /// Atomics over the link.
    pub atomics: Reading<bool>,
}

/// One GPU's MtLink ports.
#[derive(Debug, Clone)]
pub struct GpuLinks {
    /// Index of the GPU.
    pub index: u32,
    /// Product name.
    pub name: Reading<String>,
    /// MtLink description.
    pub spec: Reading<MtLinkSpec>,
    /// Ports, by number.
    pub ports: Vec<Port>,
}

/// MtLink state of the selected GPUs.
#[derive(Debug, Clone)]
pub struct MtLinks {
    /// One entry per GPU, in selection order.
    pub gpus: Vec<GpuLinks>,
}

fn reading<T>(result: mtml::Result<T>) -> Reading<T> {
    match result {
        Ok(v) => Reading::Value(v),
        Err(mtml::Error::NotSupported) => Reading::NotAvailable,
        Err(_) => Reading::Failed,
    }
}

fn port(device: &Device<'_>, link: u32) -> Port {
    let remote = match device.mtlink_remote_device(link) {
        Ok(remote) => match remote.index() {
            Ok(gpu) => {
                let far = device.mtlink_layouts(&remote).ok().and_then(|cables| {
                    cables
                        .iter()
                        .find(|c| c.local_link == link)
                        .map(|c| c.remote_link)
                });
                Reading::Value(Some(Remote { gpu, link: far }))
            }
            Err(_) => Reading::Failed,
        },
        Err(mtml::Error::NotFound) => Reading::Value(None),
        Err(e) => reading(Err(e)),
    };
    let cap = |c| {
        reading(device.mtlink_capability(link, c)).map(|s| s == MtLinkCapabilityStatus::Supported)
    };
    Port {
        link,
        state: reading(device.mtlink_state(link)),
        remote,
        p2p_access: cap(MtLinkCapability::P2pAccess),
        atomics: cap(MtLinkCapability::P2pAtomics),
    }
}

impl MtLinks {
    /// Reads the MtLink ports of the GPUs at `indices`.
    pub fn read(lib: &Library, indices: &[u32]) -> MtLinks {
        let gpus = indices
            .iter()
            .map(|&index| match lib.device_by_index(index) {
                Ok(device) => {
                    let spec = reading(device.mtlink_spec());
                    let ports = match &spec {
                        Reading::Value(s) => (0..s.link_count).map(|l| port(&device, l)).collect(),
                        _ => Vec::new(),
                    };
                    GpuLinks {
                        index,
                        name: reading(device.name()),
                        spec,
                        ports,
                    }
                }
                Err(_) => GpuLinks {
                    index,
                    name: Reading::Failed,
                    spec: Reading::Failed,
                    ports: Vec::new(),
                },
            })
            .collect();
        MtLinks { gpus }
    }

    /// Whether some value failed.
    pub fn has_errors(&self) -> bool {
        self.gpus.iter().any(|g| {
            g.name.is_failed()
                || g.spec.is_failed()
                || g.ports.iter().any(|p| {
                    p.state.is_failed()
                        || p.remote.is_failed()
                        || p.p2p_access.is_failed()
                        || p.atomics.is_failed()
                })
        })
    }
}

fn yes_no(b: &bool) -> String {
    if *b { "Yes" } else { "No" }.to_owned()
}

/// Renders the ports of each GPU.
pub fn render(links: &MtLinks) -> String {
    let mut out = String::new();
    for gpu in &links.gpus {
        out.push_str(&format!(
            "GPU {}: {}\n",
            gpu.index,
            gpu.name.show(String::clone)
        ));
        match &gpu.spec {
            Reading::Value(spec) => {
                let (a, b, c) = spec.version_parts();
                out.push_str(&format!(
                    "    MtLink {a}.{b}.{c}, {} links, {} GB/s per link\n",
                    spec.link_count, spec.bandwidth_gb_per_s
                ));
            }
            other => out.push_str(&format!("    MtLink: {}\n", other.show(|_| String::new()))),
        }
        for p in &gpu.ports {
            let remote = p.remote.show(|r| match r {
                Some(Remote { gpu, link: Some(l) }) => format!("GPU {gpu} link {l}"),
                Some(Remote { gpu, link: None }) => format!("GPU {gpu}"),
                None => "not connected".to_owned(),
            });
            out.push_str(&format!(
                "    Link {}: {:<10} -> {:<16} P2P access: {:<4} Atomics: {}\n",
                p.link,
                p.state.show(|s| s.to_string()),
                remote,
                p.p2p_access.show(yes_no),
                p.atomics.show(yes_no),
            ));
        }
    }
    out
}

fn opt<T: Clone>(r: &Reading<T>) -> Option<T> {
    match r {
        Reading::Value(v) => Some(v.clone()),
        _ => None,
    }
}

/// The MtLink view as JSON.
pub fn to_json(links: &MtLinks) -> serde_json::Value {
    let gpus: Vec<serde_json::Value> = links
        .gpus
        .iter()
        .map(|g| {
            let ports: Vec<serde_json::Value> = g
                .ports
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "link": p.link,
                        "state": opt(&p.state).map(|s| s.to_string()),
                        "remote": opt(&p.remote).flatten(),
                        "p2p_access": opt(&p.p2p_access),
                        "atomics": opt(&p.atomics),
                        "failed": p.state.is_failed() || p.remote.is_failed()
                            || p.p2p_access.is_failed() || p.atomics.is_failed(),
                    })
                })
                .collect();
            let spec = opt(&g.spec);
            serde_json::json!({
                "index": g.index,
                "name": opt(&g.name),
                "version": spec.map(|s| { let (a, b, c) = s.version_parts(); format!("{a}.{b}.{c}") }),
                "bandwidth_gb_per_s": spec.map(|s| s.bandwidth_gb_per_s),
                "link_count": spec.map(|s| s.link_count),
                "failed": g.name.is_failed() || g.spec.is_failed(),
                "ports": ports,
            })
        })
        .collect();
    serde_json::json!({ "schema": "mtml-smi.mtlink/1", "gpus": gpus })
}
