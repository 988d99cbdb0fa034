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
//! operating point, each pinned to the value read: GPU and per-engine
//! utilization, clocks, memory in use and its utilization, codec load and
//! clock, fan speeds and rpm with the simulator's pin keys; temperature and
//! power by an equal idle and highest value. The GPU load (`load`) is the
//! utilization read; it only shapes what MTML reports of MPC instances and
//! virtual devices, which the capture does not pin.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mtml::{
    CodecType, Device, DisplayInterfaceType, EccCounterType, EccMode, GpuEngine, Library,
    MemoryErrorType, MemoryLocation, MemoryType, MpcMode, MpcType, P2pCapability, P2pStatus,
    PageRetirementCause, TopologyLevel, VirtRole,
};

/// Highest percentage the simulator accepts for a pinned load.
const PERCENT_LIMIT: u32 = 100;
/// Name of [`PERCENT_LIMIT`] in the capture's comments.
const PERCENT: &str = "the highest percentage";
/// Highest fan rpm the simulator accepts.
const RPM_LIMIT: u64 = 100_000;

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

/// The simulator's key pinning the load of `engine`.
fn engine_key(engine: GpuEngine) -> Option<&'static str> {
    Some(match engine {
        GpuEngine::Geometry => "engine_util_geometry",
        GpuEngine::Blit2d => "engine_util_2d",
        GpuEngine::Render3d => "engine_util_3d",
        GpuEngine::Compute => "engine_util_compute",
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

    /// Pins the live metric `key` to the value read, when it is at most
    /// `limit` (the highest value the simulator accepts for it, and the
    /// name of that bound); a larger value is noted as a comment instead.
    fn pin<T: std::fmt::Display + PartialOrd>(
        &mut self,
        key: &str,
        value: mtml::Result<T>,
        limit: (T, &str),
    ) {
        match value {
            Ok(v) if v > limit.0 => self.too_large(key, &v, limit),
            other => self.try_set(key, other),
        }
    }

    /// Notes that `key` is not pinned because `value` exceeds `limit`.
    fn too_large<T: std::fmt::Display>(&mut self, key: &str, value: &T, limit: (T, &str)) {
        let _ = writeln!(
            self.text,
            "# {key}: not pinned ({value} is above {} {})",
            limit.1, limit.0
        );
    }

    /// Pins `key` to the value read when it is at most `max`, another
    /// value read (captured as `max_key`, like a clock and the highest
    /// clock); without `max` the simulator's check cannot be met for sure,
    /// so the metric is noted instead.
    fn pin_within<T: Copy + std::fmt::Display + PartialOrd>(
        &mut self,
        key: &str,
        value: mtml::Result<T>,
        max: &mtml::Result<T>,
        max_key: &str,
    ) {
        match (value, max) {
            (value, Ok(max)) => self.pin(key, value, (*max, max_key)),
            (Err(mtml::Error::NotSupported), _) => {}
            (Ok(_), Err(_)) => {
                let _ = writeln!(self.text, "# {key}: not pinned ({max_key} unknown)");
            }
            (Err(e), _) => self.note(key, &e),
        }
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
         # Format: mtml-sim CONFIG.md. Live metrics are pinned to the values read.\n\n",
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
            fan_pins(s, &fans);
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

/// `fan_speed`, `fan_rpm` and a `fan_max_rpm` consistent with them (MTML
/// does not report the highest rpm: the fastest fan's rpm per percent
/// stands for it).
fn fan_pins(s: &mut Section, fans: &[mtml::FanSpeed]) {
    if fans.is_empty() {
        return;
    }
    let join = |f: fn(&mtml::FanSpeed) -> u32| {
        let items: Vec<String> = fans.iter().map(|fan| f(fan).to_string()).collect();
        items.join(",")
    };
    let top_percent = fans.iter().map(|f| f.percent).max().unwrap_or(0);
    if top_percent > PERCENT_LIMIT {
        s.too_large("fan_speed", &top_percent, (PERCENT_LIMIT, PERCENT));
    } else {
        s.set("fan_speed", join(|f| f.percent));
    }
    let top_rpm = fans.iter().map(|f| u64::from(f.rpm)).max().unwrap_or(0);
    if top_rpm > RPM_LIMIT {
        return s.too_large("fan_rpm", &top_rpm, (RPM_LIMIT, "the highest rpm"));
    }
    let full_speed = fans
        .iter()
        .filter(|f| f.percent > 0)
        .map(|f| u64::from(f.rpm) * 100 / u64::from(f.percent))
        .max()
        .unwrap_or(0)
        .min(RPM_LIMIT)
        .max(top_rpm);
    if full_speed > 0 {
        s.set("fan_max_rpm", full_speed);
    }
    s.set("fan_rpm", join(|f| f.rpm));
}

fn gpu(s: &mut Section, d: &Device<'_>) {
    let gpu = match d.gpu() {
        Ok(g) => g,
        Err(e) => return s.note("gpu", &e),
    };
    let util = gpu.utilization_percent();
    let max_clock = gpu.max_clock_mhz();
    let clock = gpu.clock_mhz();
    s.try_set("gpu_clock_max_mhz", max_clock.clone());
    if let (Ok(0), Ok(clock)) = (&util, &clock) {
        // An idle GPU runs at its idle clock.
        s.set("gpu_clock_idle_mhz", clock);
    }
    s.pin_within("gpu_clock_mhz", clock, &max_clock, "gpu_clock_max_mhz");
    s.pin("gpu_util", util.clone(), (PERCENT_LIMIT, PERCENT));
    for engine in GpuEngine::ALL {
        if let Some(key) = engine_key(engine) {
            s.pin(
                key,
                gpu.engine_utilization_percent(engine),
                (PERCENT_LIMIT, PERCENT),
            );
        }
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
    let total = m.total_bytes();
    s.try_set("memory_total", total.clone());
    s.try_set("memory_system", m.used_system_bytes());
    s.pin_within("memory_used", m.used_bytes(), &total, "memory_total");
    s.pin(
        "memory_util",
        m.utilization_percent(),
        (PERCENT_LIMIT, PERCENT),
    );
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
    let max_clock = m.max_clock_mhz();
    let clock = m.clock_mhz();
    s.try_set("memory_clock_max_mhz", max_clock.clone());
    let idle = d.gpu().and_then(|g| g.utilization_percent()) == Ok(0);
    if let (true, Ok(clock)) = (idle, &clock) {
        s.set("memory_clock_idle_mhz", clock);
    }
    s.pin_within(
        "memory_clock_mhz",
        clock,
        &max_clock,
        "memory_clock_max_mhz",
    );
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
    let max_clock = v.max_clock_mhz();
    let clock = v.clock_mhz();
    let util = v.utilization();
    s.try_set("vpu_clock_max_mhz", max_clock.clone());
    let idle = util
        .as_ref()
        .is_ok_and(|u| u.encoder_percent == 0 && u.decoder_percent == 0);
    if let (true, Ok(clock)) = (idle, &clock) {
        s.set("vpu_clock_idle_mhz", clock);
    }
    s.pin_within("vpu_clock_mhz", clock, &max_clock, "vpu_clock_max_mhz");
    let field = |f: fn(&mtml::CodecUtilization) -> u32| util.clone().map(|u| f(&u));
    s.pin(
        "vpu_util",
        field(|u| u.overall_percent),
        (PERCENT_LIMIT, PERCENT),
    );
    s.pin(
        "vpu_encode_util",
        field(|u| u.encoder_percent),
        (PERCENT_LIMIT, PERCENT),
    );
    s.pin(
        "vpu_decode_util",
        field(|u| u.decoder_percent),
        (PERCENT_LIMIT, PERCENT),
    );
    if let Ok(u) = &util {
        s.set("vpu_util_period_us", u.period_us);
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
    // Instance UUIDs, so the replay's instances are the same devices.
    match d.mpc_instances() {
        Ok(instances) => {
            for instance in instances {
                match (instance.mpc_instance_index(), instance.uuid()) {
                    (Ok(slot), Ok(uuid)) => s.set("mpc_instance_uuid", format!("{slot}:{uuid}")),
                    (Err(e), _) | (_, Err(e)) => s.note("mpc_instance_uuid", &e),
                }
            }
        }
        Err(mtml::Error::NotSupported) => {}
        Err(e) => s.note("mpc_instance_uuid", &e),
    }
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
    fn fan_pins_keep_the_highest_rpm_consistent() {
        let fan = |percent, rpm| mtml::FanSpeed { percent, rpm };
        let mut s = Section::new("device");
        fan_pins(&mut s, &[fan(50, 1500), fan(100, 3100), fan(0, 0)]);
        assert_eq!(
            s.text,
            "[device]\nfan_speed = 50,100,0\nfan_max_rpm = 3100\nfan_rpm = 1500,3100,0\n"
        );
    }

    #[test]
    fn values_the_simulator_would_reject_are_noted_not_pinned() {
        let fan = |percent, rpm| mtml::FanSpeed { percent, rpm };
        let mut s = Section::new("device");
        fan_pins(&mut s, &[fan(120, 200_000)]);
        s.pin("gpu_util", Ok(101), (PERCENT_LIMIT, PERCENT));
        s.pin_within("gpu_clock_mhz", Ok(1900), &Ok(1750), "gpu_clock_max_mhz");
        s.pin_within(
            "memory_used",
            Ok(5u64),
            &Err(mtml::Error::DriverFailure),
            "memory_total",
        );
        s.pin_within(
            "vpu_clock_mhz",
            Err(mtml::Error::NotSupported),
            &Ok(1000),
            "vpu_clock_max_mhz",
        );
        assert_eq!(
            s.text,
            "[device]\n\
             # fan_speed: not pinned (120 is above the highest percentage 100)\n\
             # fan_rpm: not pinned (200000 is above the highest rpm 100000)\n\
             # gpu_util: not pinned (101 is above the highest percentage 100)\n\
             # gpu_clock_mhz: not pinned (1900 is above gpu_clock_max_mhz 1750)\n\
             # memory_used: not pinned (memory_total unknown)\n"
        );
    }

    #[test]
    fn presets_follow_the_product_name() {
        assert_eq!(preset_for("MTT S80"), "s80");
        assert_eq!(preset_for("MTT S3000"), "s3000");
        assert_eq!(preset_for("MTT S4000"), "s4000");
    }
}
