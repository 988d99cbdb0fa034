//! `capture`: everything the library reports about the machine, written
//! as a configuration of the simulator (the format of `mtml-sim`'s
//! `CONFIG.md`), so the machine can be replayed without its GPUs.
//!
//! What is captured exactly: identity, PCI, paths, firmware, memory sizes
//! and kinds, highest clocks, ECC mode, counters and retired pages, codec
//! capacity and active sessions, fans and display outputs, MtLink ports,
//! cables, states and capabilities, MPC profiles and configurations,
//! virtualization types and devices, the PCIe level and P2P status of
//! every pair, CPU and NUMA affinity. Live metrics become a fixed
//! operating point: temperature and power are pinned to the values read
//! (idle = max), and the GPU load is the utilization read; the replay's
//! utilization, clocks, memory in use and fan speeds follow the
//! simulator's curves around that load, so they are close but not equal.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mtml::{
    CodecType, Device, DisplayInterfaceType, EccCounterType, EccMode, Library, MemoryErrorType,
    MemoryLocation, MemoryType, MpcMode, MpcType, P2pCapability, P2pStatus, PageRetirementCause,
    TopologyLevel, VirtRole,
};

/// Capture settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaptureOptions {
    /// Write `clock = running` instead of `clock = frozen`.
    pub running_clock: bool,
}

/// The simulator's name for a codec.
fn codec_name(codec: CodecType) -> Option<&'static str> {
    Some(match codec {
        CodecType::Avc => "avc",
        CodecType::Vc1 => "vc1",
        CodecType::Mpeg2 => "mpeg2",
        CodecType::Mpeg4 => "mpeg4",
        CodecType::H263 => "h263",
        CodecType::Div3 => "div3",
        CodecType::RealVideo => "rv",
        CodecType::Avs => "avs",
        CodecType::Theora => "tho",
        CodecType::Vp3 => "vp3",
        CodecType::Vp8 => "vp8",
        CodecType::Hevc => "hevc",
        CodecType::Vp9 => "vp9",
        CodecType::Avs2 => "avs2",
        CodecType::Av1 => "av1",
        _ => return None,
    })
}

fn display_name(kind: DisplayInterfaceType) -> Option<&'static str> {
    Some(match kind {
        DisplayInterfaceType::DisplayPort => "dp",
        DisplayInterfaceType::EmbeddedDisplayPort => "edp",
        DisplayInterfaceType::Vga => "vga",
        DisplayInterfaceType::Hdmi => "hdmi",
        DisplayInterfaceType::Lvds => "lvds",
        _ => return None,
    })
}

fn level_name(level: TopologyLevel) -> Option<&'static str> {
    Some(match level {
        TopologyLevel::Internal => "internal",
        TopologyLevel::Single => "single",
        TopologyLevel::Multiple => "multiple",
        TopologyLevel::HostBridge => "hostbridge",
        TopologyLevel::Node => "node",
        TopologyLevel::System => "system",
        _ => return None,
    })
}

fn p2p_name(status: P2pStatus) -> &'static str {
    match status {
        P2pStatus::Ok => "ok",
        P2pStatus::ChipsetNotSupported => "chipset_not_supported",
        P2pStatus::GpuNotSupported => "gpu_not_supported",
        _ => "unknown",
    }
}

fn on_off(mode: EccMode) -> &'static str {
    if mode == EccMode::Enabled {
        "on"
    } else {
        "off"
    }
}

/// A string value, quoted when the simulator's parser would otherwise
/// change it (comments, blanks at the ends, quotes).
fn quote(text: &str) -> String {
    let risky = text.contains(" #")
        || text.contains('\t')
        || text.starts_with(['"', '#', ';', ' '])
        || text.ends_with(' ')
        || text.is_empty();
    if risky {
        format!("\"{text}\"")
    } else {
        text.to_owned()
    }
}

/// The simulator preset whose unobservable values (idle clocks, fan
/// curve) fit the product best.
fn preset_for(name: &str) -> &'static str {
    let name = name.to_ascii_uppercase();
    if name.contains("S80") {
        "s80"
    } else if name.contains("S3000") {
        "s3000"
    } else {
        "s4000"
    }
}

/// Collects `key = value` lines of one section.
struct Section {
    text: String,
}

impl Section {
    fn new(name: &str) -> Section {
        Section {
            text: format!("[{name}]\n"),
        }
    }

    fn set(&mut self, key: &str, value: impl std::fmt::Display) {
        let _ = writeln!(self.text, "{key} = {value}");
    }

    /// Sets `key` when `value` could be read; a failure other than "not
    /// supported" is noted as a comment.
    fn try_set<T: std::fmt::Display>(&mut self, key: &str, value: mtml::Result<T>) {
        match value {
            Ok(v) => self.set(key, v),
            Err(mtml::Error::NotSupported) => {}
            Err(e) => self.note(key, &e),
        }
    }

    fn note(&mut self, what: &str, error: &mtml::Error) {
        let _ = writeln!(self.text, "# {what}: not captured ({error})");
    }
}

/// Writes the capture of the GPUs at `indices` (renumbered from 0 in that
/// order).
///
/// # Errors
/// The library's error when the header values cannot be read.
pub fn capture(lib: &Library, indices: &[u32], options: CaptureOptions) -> mtml::Result<String> {
    let mut out = String::from(
        "# Machine captured by mtml-smi; replay it with\n\
         #   MTML_SIM_CONFIG=this-file mtml-smi --sim\n\
         # Format: mtml-sim CONFIG.md. Live metrics are pinned to the values read\n\
         # (temperature, power) or approximated by a load (utilization).\n\n",
    );
    let devices: Vec<Device<'_>> = indices
        .iter()
        .map(|&i| lib.device_by_index(i))
        .collect::<mtml::Result<_>>()?;
    let cpus: Vec<Vec<u32>> = devices
        .iter()
        .map(|d| d.cpu_affinity().unwrap_or_default())
        .collect();
    let nodes: Vec<Vec<u32>> = devices
        .iter()
        .map(|d| d.memory_affinity_numa_nodes().unwrap_or_default())
        .collect();

    let mut system = Section::new("system");
    system.set("driver_version", quote(&lib.system()?.driver_version()?));
    system.set("library_version", quote(&lib.version()?));
    system.set(
        "clock",
        if options.running_clock {
            "running"
        } else {
            "frozen"
        },
    );
    let cpu_count = cpus.iter().flatten().max().map_or(1, |&c| c + 1);
    let node_count = nodes.iter().flatten().max().map_or(1, |&n| n + 1);
    system.set("cpus", cpu_count.max(node_count));
    system.set("numa_nodes", node_count);
    out.push_str(&system.text);

    // Physical index of each captured device, for the pair sections.
    let position: BTreeMap<u32, usize> = devices
        .iter()
        .enumerate()
        .filter_map(|(pos, d)| d.index().ok().map(|i| (i, pos)))
        .collect();

    for (pos, device) in devices.iter().enumerate() {
        out.push('\n');
        out.push_str(&device_section(device, nodes[pos].first().copied()).text);
    }

    out.push_str(&pairs(&devices));
    out.push_str(&mtlink(&devices, &position));
    Ok(out)
}

fn device_section(d: &Device<'_>, numa_node: Option<u32>) -> Section {
    let mut s = Section::new("device");
    let name = d.name();
    s.set("model", preset_for(name.as_deref().unwrap_or("")));
    s.try_set("name", name.map(|n| quote(&n)));
    s.try_set("uuid", d.uuid());
    s.try_set("serial", d.serial_number().map(|v| quote(&v)));
    s.try_set(
        "brand",
        d.brand().map(|b| {
            if b == mtml::Brand::Mtt {
                "mtt"
            } else {
                "unknown"
            }
        }),
    );
    s.try_set("mtbios_version", d.mtbios_version().map(|v| quote(&v)));
    match d.pci_info() {
        Ok(p) => {
            s.set("sbdf", &p.sbdf);
            s.set(
                "pci_device_id",
                format!(
                    "0x{:08x}",
                    (u32::from(p.device_id) << 16) | u32::from(p.vendor_id)
                ),
            );
            s.set("pci_subsystem_id", format!("0x{:08x}", p.subsystem_id));
            s.set("pcie_max_gen", p.max_generation);
            s.set("pcie_cur_gen", p.current_generation);
            s.set("pcie_max_width", p.max_width_lanes);
            s.set("pcie_cur_width", p.current_width_lanes);
            s.set("pcie_max_speed", p.max_speed_gt_per_s);
            s.set("pcie_cur_speed", p.current_speed_gt_per_s);
        }
        Err(e) => s.note("pci", &e),
    }
    match d.pcie_slot() {
        Ok(slot) => {
            s.set("slot_id", slot.id);
            s.set("slot_name", quote(&slot.name));
        }
        Err(mtml::Error::NotSupported) => {}
        Err(e) => s.note("pcie_slot", &e),
    }
    s.try_set("gpu_path", d.gpu_path().map(|v| quote(&v)));
    s.try_set("primary_path", d.primary_path().map(|v| quote(&v)));
    s.try_set("render_path", d.render_path().map(|v| quote(&v)));
    if let Some(node) = numa_node {
        s.set("numa_node", node);
    }
    s.try_set("gpu_cores", d.gpu_core_count());
    board(&mut s, d);
    gpu(&mut s, d);
    memory(&mut s, d);
    vpu(&mut s, d);
    match d.mtlink_spec() {
        Ok(spec) => {
            s.set("mtlink_ports", spec.link_count);
            s.set("mtlink_version", spec.version);
            s.set("mtlink_bandwidth_gbps", spec.bandwidth_gb_per_s);
        }
        Err(mtml::Error::NotSupported) => s.set("mtlink_ports", 0),
        Err(e) => s.note("mtlink", &e),
    }
    let property = d.property();
    mpc(&mut s, d, property.as_ref().ok());
    virt(&mut s, d, property.as_ref().ok());
    if let Err(e) = &property {
        s.note("property", e);
    }
    s
}

fn board(s: &mut Section, d: &Device<'_>) {
    match d.power_usage_mw() {
        Ok(mw) => {
            s.set("power_idle_mw", mw);
            s.set("power_max_mw", mw);
        }
        Err(e) => s.note("power", &e),
    }
    match d.fan_speeds() {
        Ok(fans) => {
            s.set("fans", fans.len());
            if let Some(f) = fans.iter().find(|f| f.percent > 0) {
                s.set("fan_max_rpm", u64::from(f.rpm) * 100 / u64::from(f.percent));
            }
        }
        Err(mtml::Error::NotSupported) => s.set("fans", 0),
        Err(e) => s.note("fans", &e),
    }
    match d.display_interfaces() {
        Ok(list) if list.is_empty() => s.set("display", "none"),
        Ok(list) => {
            let items: Vec<String> = list
                .iter()
                .filter_map(|o| {
                    let kind = display_name(o.kind)?;
                    Some(format!(
                        "{kind}:{}x{}@{}",
                        o.max_width_px, o.max_height_px, o.max_refresh_rate_hz
                    ))
                })
                .collect();
            s.set("display", items.join(","));
        }
        Err(mtml::Error::NotSupported) => s.set("display", "none"),
        Err(e) => s.note("display", &e),
    }
}

fn gpu(s: &mut Section, d: &Device<'_>) {
    let gpu = match d.gpu() {
        Ok(g) => g,
        Err(e) => return s.note("gpu", &e),
    };
    let util = gpu.utilization_percent();
    s.try_set("gpu_clock_max_mhz", gpu.max_clock_mhz());
    if let (Ok(0), Ok(clock)) = (&util, gpu.clock_mhz()) {
        // An idle GPU runs at its idle clock.
        s.set("gpu_clock_idle_mhz", clock);
    }
    match gpu.temperature_celsius() {
        Ok(c) => {
            s.set("temp_idle_c", c);
            s.set("temp_max_c", c);
        }
        Err(e) => s.note("temperature", &e),
    }
    match util {
        Ok(u) => s.set("load", u.min(100)),
        Err(e) => s.note("load", &e),
    }
}

fn memory(s: &mut Section, d: &Device<'_>) {
    let m = match d.memory() {
        Ok(m) => m,
        Err(e) => return s.note("memory", &e),
    };
    s.try_set("memory_total", m.total_bytes());
    s.try_set("memory_system", m.used_system_bytes());
    s.try_set(
        "memory_type",
        m.memory_type().map(|t| match t {
            MemoryType::Lpddr4 => "lpddr4",
            _ => "gddr6",
        }),
    );
    s.try_set("memory_vendor", m.vendor().map(|v| quote(&v)));
    s.try_set("memory_bus_width", m.bus_width_bits());
    s.try_set("memory_bandwidth_gbps", m.bandwidth_gb_per_s());
    s.try_set("memory_speed_mbps", m.speed_mbps());
    s.try_set("memory_clock_max_mhz", m.max_clock_mhz());
    let idle = d.gpu().and_then(|g| g.utilization_percent()) == Ok(0);
    if let (true, Ok(clock)) = (idle, m.clock_mhz()) {
        s.set("memory_clock_idle_mhz", clock);
    }
    let modes = match m.ecc_mode() {
        Ok(modes) => modes,
        Err(mtml::Error::NotSupported) => return s.set("ecc", "unsupported"),
        Err(e) => return s.note("ecc", &e),
    };
    s.set("ecc", on_off(modes.current));
    s.set("ecc_pending", on_off(modes.pending));
    s.set("ecc_corrected_per_hour", 0);
    let counters = [
        (
            "ecc_volatile_corrected",
            MemoryErrorType::Corrected,
            EccCounterType::Volatile,
        ),
        (
            "ecc_volatile_uncorrected",
            MemoryErrorType::Uncorrected,
            EccCounterType::Volatile,
        ),
        (
            "ecc_aggregate_corrected",
            MemoryErrorType::Corrected,
            EccCounterType::Aggregate,
        ),
        (
            "ecc_aggregate_uncorrected",
            MemoryErrorType::Uncorrected,
            EccCounterType::Aggregate,
        ),
    ];
    for (key, kind, lifetime) in counters {
        s.try_set(key, m.ecc_error_count(kind, lifetime, MemoryLocation::Dram));
    }
    let pending = m.retired_pages_pending().unwrap_or(false);
    let mut pages = Vec::new();
    for (cause, name) in [
        (PageRetirementCause::MultipleSingleBitEccErrors, "sbe"),
        (PageRetirementCause::DoubleBitEccError, "dbe"),
    ] {
        match m.retired_pages(cause) {
            Ok(list) => pages.extend(list.into_iter().map(|p| (name, p))),
            Err(mtml::Error::NotSupported) => {}
            Err(e) => s.note("retired_page", &e),
        }
    }
    let last = pages.len().saturating_sub(1);
    for (i, (name, page)) in pages.iter().enumerate() {
        // MTML reports only whether some retirement is pending; the last
        // page stands for it.
        let flag = if pending && i == last { ":pending" } else { "" };
        s.set(
            "retired_page",
            format!("{name}:0x{:016x}:{}{flag}", page.address, page.timestamp),
        );
    }
}

fn vpu(s: &mut Section, d: &Device<'_>) {
    let v = match d.vpu() {
        Ok(v) => v,
        Err(mtml::Error::NotSupported) => return,
        Err(e) => return s.note("vpu", &e),
    };
    s.try_set("vpu_clock_max_mhz", v.max_clock_mhz());
    let idle = v
        .utilization()
        .is_ok_and(|u| u.encoder_percent == 0 && u.decoder_percent == 0);
    if let (true, Ok(clock)) = (idle, v.clock_mhz()) {
        s.set("vpu_clock_idle_mhz", clock);
    }
    match v.codec_capacity() {
        Ok(c) => {
            s.set("encode_capacity", c.encoder_sessions);
            s.set("decode_capacity", c.decoder_sessions);
        }
        Err(e) => return s.note("codec_capacity", &e),
    }
    for (dir, sessions) in [
        ("enc", v.active_encoder_sessions()),
        ("dec", v.active_decoder_sessions()),
    ] {
        match sessions {
            Ok(list) => {
                for m in list {
                    let Some(codec) = codec_name(m.codec) else {
                        continue;
                    };
                    s.set(
                        "session",
                        format!(
                            "{dir}:{}:{}:{}x{}:{}:{}:{codec}",
                            m.session_id,
                            m.pid,
                            m.width_px,
                            m.height_px,
                            m.frame_rate_fps,
                            m.bit_rate_bps
                        ),
                    );
                }
            }
            Err(e) => s.note("session", &e),
        }
    }
}

fn mpc(s: &mut Section, d: &Device<'_>, property: Option<&mtml::DeviceProperty>) {
    let capable = property.is_some_and(|p| p.mpc_capable || p.mpc_type == MpcType::Parent);
    if !capable {
        return s.set("mpc", "unsupported");
    }
    s.set("mpc", "supported");
    match d.mpc_profiles() {
        Ok(list) => {
            for p in list {
                s.set(
                    "mpc_profile",
                    format!("{}:{}:{}:{}", p.id, p.name, p.core_count, p.memory_mib),
                );
            }
        }
        Err(e) => return s.note("mpc_profile", &e),
    }
    match d.mpc_configurations() {
        Ok(list) => {
            for c in list {
                let ids: Vec<String> = c.profile_ids.iter().map(u32::to_string).collect();
                s.set(
                    "mpc_config",
                    format!("{}:{}:{}", c.id, c.name, ids.join(",")),
                );
            }
        }
        Err(e) => return s.note("mpc_config", &e),
    }
    s.try_set("mpc_active_config", d.mpc_configuration().map(|c| c.id));
    s.try_set(
        "mpc_mode",
        d.mpc_mode()
            .map(|m| if m == MpcMode::Enabled { "on" } else { "off" }),
    );
}

fn virt(s: &mut Section, d: &Device<'_>, property: Option<&mtml::DeviceProperty>) {
    if let Some(p) = property {
        s.set(
            "virt_role",
            match p.virt_role {
                VirtRole::HostVirtualDevice => "host",
                VirtRole::GuestVirtualDevice => "guest",
                _ => "none",
            },
        );
    }
    if !property.is_some_and(|p| p.virt_capable) {
        return s.set("virt", "unsupported");
    }
    s.set("virt", "supported");
    match d.supported_virt_types() {
        Ok(types) => {
            for t in types {
                s.set(
                    "virt_type",
                    format!(
                        "{}:{}:{}:{}x{}:{}:{}:{}:{}:{}",
                        t.id,
                        t.name,
                        t.api,
                        t.max_width_px,
                        t.max_height_px,
                        t.frame_buffer_mib,
                        t.max_encoder_sessions,
                        t.max_decoder_sessions,
                        t.max_instances,
                        t.max_displays
                    ),
                );
            }
        }
        Err(e) => return s.note("virt_type", &e),
    }
    match d.active_virt_device_uuids() {
        Ok(uuids) => {
            for uuid in uuids {
                match d.virt_device(&uuid).and_then(|v| v.virt_type()) {
                    Ok(t) => s.set("virt_device", format!("{uuid}:{}", t.id)),
                    Err(e) => s.note("virt_device", &e),
                }
            }
        }
        Err(e) => s.note("virt_device", &e),
    }
}

/// `[topology]` and `[p2p]`: every pair, explicitly.
fn pairs(devices: &[Device<'_>]) -> String {
    let mut topology = Section::new("topology");
    let mut p2p = Section::new("p2p");
    for (a, da) in devices.iter().enumerate() {
        for (b, db) in devices.iter().enumerate().skip(a + 1) {
            match da.topology_level(db) {
                Ok(level) => {
                    if let Some(name) = level_name(level) {
                        topology.set(&format!("{a}-{b}"), name);
                    }
                }
                Err(mtml::Error::NotSupported) => {}
                Err(e) => topology.note(&format!("{a}-{b}"), &e),
            }
            match da.p2p_status(db, P2pCapability::Read) {
                Ok(status) => p2p.set(&format!("{a}-{b}"), p2p_name(status)),
                Err(mtml::Error::NotSupported) => {}
                Err(e) => p2p.note(&format!("{a}-{b}"), &e),
            }
        }
    }
    format!("\n{}\n{}", topology.text, p2p.text)
}

/// `[mtlink]`: cables, then the state and capabilities of every port.
fn mtlink(devices: &[Device<'_>], position: &BTreeMap<u32, usize>) -> String {
    let mut cables = Section::new("mtlink");
    let mut ports = String::new();
    for (a, device) in devices.iter().enumerate() {
        let Ok(spec) = device.mtlink_spec() else {
            continue;
        };
        for link in 0..spec.link_count {
            if let Ok(remote) = device.mtlink_remote_device(link) {
                let b = remote.index().ok().and_then(|i| position.get(&i).copied());
                let far = device.mtlink_layouts(&remote).ok().and_then(|list| {
                    list.iter()
                        .find(|c| c.local_link == link)
                        .map(|c| c.remote_link)
                });
                // Each cable once, from its lower end.
                if let (Some(b), Some(q)) = (b, far) {
                    if (a, link) < (b, q) {
                        cables.set(&format!("{a}.{link}"), format!("{b}.{q}"));
                    }
                }
            }
            match device.mtlink_state(link) {
                Ok(state) => {
                    let name = match state {
                        mtml::MtLinkState::Up => "up",
                        mtml::MtLinkState::Downgraded => "downgrade",
                        _ => "down",
                    };
                    let _ = writeln!(ports, "state {a}.{link} = {name}");
                }
                Err(e) => {
                    let _ = writeln!(ports, "# state {a}.{link}: not captured ({e})");
                }
            }
            let cap = |c| {
                device
                    .mtlink_capability(link, c)
                    .map(|s| s == mtml::MtLinkCapabilityStatus::Supported)
            };
            match (
                cap(mtml::MtLinkCapability::P2pAccess),
                cap(mtml::MtLinkCapability::P2pAtomics),
            ) {
                (Ok(access), Ok(atomics)) => {
                    let caps = match (access, atomics) {
                        (true, true) => "p2p_access,atomics",
                        (true, false) => "p2p_access",
                        (false, true) => "atomics",
                        (false, false) => "none",
                    };
                    let _ = writeln!(ports, "caps {a}.{link} = {caps}");
                }
                (Err(e), _) | (_, Err(e)) => {
                    let _ = writeln!(ports, "# caps {a}.{link}: not captured ({e})");
                }
            }
        }
    }
    format!("\n{}{}", cables.text, ports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_when_needed() {
        assert_eq!(quote("PCIe Slot 1"), "PCIe Slot 1");
        assert_eq!(quote("a #b"), "\"a #b\"");
        assert_eq!(quote(" lead"), "\" lead\"");
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn presets_follow_the_product_name() {
        assert_eq!(preset_for("MTT S80"), "s80");
        assert_eq!(preset_for("MTT S3000"), "s3000");
        assert_eq!(preset_for("MTT S4000"), "s4000");
    }
}
