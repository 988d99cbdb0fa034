//! Every readable metric of a device in one value ([`Device::snapshot`]).
//!
//! A metric the device does not support ([`Error::NotSupported`]) is
//! `None`. A metric that fails for another reason is also `None`, and the
//! failure is listed in [`DeviceSnapshot::errors`], so one broken query
//! never hides the others.

use crate::board::{DisplayInterface, FanSpeed};
use crate::device::{Device, Gpu, Memory, Vpu};
use crate::ecc::{EccCounterType, EccModes, MemoryErrorType, MemoryLocation, RetiredPageCounts};
use crate::error::{Error, Result};
use crate::gpu::GpuEngine;
use crate::identity::{Brand, DeviceProperty, PciInfo, PcieSlot};
use crate::memory::MemoryType;
use crate::mpc::MpcMode;
use crate::mtlink::MtLinkSpec;
use crate::vpu::{CodecCapacity, CodecUtilization};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A metric that could not be read for a reason other than lack of support.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SnapshotError {
    /// Name of the snapshot field, for example `gpu.clock_mhz`.
    pub metric: String,
    /// What went wrong.
    pub error: Error,
}

/// Collects metric results, turning failures into `None`.
struct Collector {
    errors: Vec<SnapshotError>,
}

impl Collector {
    fn get<T>(&mut self, metric: &str, result: Result<T>) -> Option<T> {
        self.get_named(|| metric.to_owned(), result)
    }

    /// As [`Collector::get`], building the metric name only on failure.
    fn get_named<T>(&mut self, metric: impl FnOnce() -> String, result: Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(Error::NotSupported) => None,
            Err(error) => {
                self.errors.push(SnapshotError {
                    metric: metric(),
                    error,
                });
                None
            }
        }
    }
}

/// Graphics unit metrics.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct GpuSnapshot {
    /// Load, percent.
    pub utilization_percent: Option<u32>,
    /// Temperature, °C.
    pub temperature_celsius: Option<i32>,
    /// Present clock, MHz.
    pub clock_mhz: Option<u32>,
    /// Highest clock, MHz.
    pub max_clock_mhz: Option<u32>,
    /// Load of each engine that answered, percent.
    pub engine_utilization_percent: Vec<(GpuEngine, u32)>,
}

/// Memory metrics, including ECC.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MemorySnapshot {
    /// Total memory, bytes.
    pub total_bytes: Option<u64>,
    /// Memory in use, bytes.
    pub used_bytes: Option<u64>,
    /// Memory held by driver and system, bytes.
    pub used_system_bytes: Option<u64>,
    /// Memory controller load, percent.
    pub utilization_percent: Option<u32>,
    /// Present memory clock, MHz.
    pub clock_mhz: Option<u32>,
    /// Highest memory clock, MHz.
    pub max_clock_mhz: Option<u32>,
    /// Bus width, bits.
    pub bus_width_bits: Option<u32>,
    /// Peak bandwidth, GB/s.
    pub bandwidth_gb_per_s: Option<u32>,
    /// Data rate, Mbps per pin.
    pub speed_mbps: Option<u32>,
    /// Maker of the memory chips.
    pub vendor: Option<String>,
    /// Kind of memory.
    pub memory_type: Option<MemoryType>,
    /// ECC mode now and after the next reset.
    pub ecc_modes: Option<EccModes>,
    /// Corrected errors since the driver loaded.
    pub ecc_volatile_corrected: Option<u64>,
    /// Uncorrected errors since the driver loaded.
    pub ecc_volatile_uncorrected: Option<u64>,
    /// Corrected errors over the device's life.
    pub ecc_aggregate_corrected: Option<u64>,
    /// Uncorrected errors over the device's life.
    pub ecc_aggregate_uncorrected: Option<u64>,
    /// Retired pages per cause.
    pub retired_pages: Option<RetiredPageCounts>,
    /// Whether retirements wait for the next reset.
    pub retired_pages_pending: Option<bool>,
}

/// Video codec unit metrics.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct VpuSnapshot {
    /// Codec load.
    pub utilization: Option<CodecUtilization>,
    /// Present codec clock, MHz.
    pub clock_mhz: Option<u32>,
    /// Highest codec clock, MHz.
    pub max_clock_mhz: Option<u32>,
    /// Session slots.
    pub codec_capacity: Option<CodecCapacity>,
    /// Encoder sessions in use.
    pub active_encoder_sessions: Option<u32>,
    /// Decoder sessions in use.
    pub active_decoder_sessions: Option<u32>,
}

/// Every readable metric of one device; see [`Device::snapshot`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DeviceSnapshot {
    /// Position in the device list.
    pub index: Option<u32>,
    /// UUID.
    pub uuid: Option<String>,
    /// Product name.
    pub name: Option<String>,
    /// Product line.
    pub brand: Option<Brand>,
    /// Board serial number.
    pub serial_number: Option<String>,
    /// MTBIOS firmware version.
    pub mtbios_version: Option<String>,
    /// PCI identity and link state.
    pub pci: Option<PciInfo>,
    /// PCIe slot.
    pub pcie_slot: Option<PcieSlot>,
    /// GPU device node.
    pub gpu_path: Option<String>,
    /// Primary DRM node.
    pub primary_path: Option<String>,
    /// Render DRM node.
    pub render_path: Option<String>,
    /// Capability and role bits (virtualization role, MPC type, MtLink).
    pub property: Option<DeviceProperty>,
    /// Number of GPU cores.
    pub gpu_core_count: Option<u32>,
    /// Board power draw, milliwatts.
    pub power_usage_mw: Option<u32>,
    /// Fan speeds.
    pub fans: Option<Vec<FanSpeed>>,
    /// Display outputs.
    pub display_interfaces: Option<Vec<DisplayInterface>>,
    /// Graphics unit metrics (`None` if the unit cannot be opened).
    pub gpu: Option<GpuSnapshot>,
    /// Memory metrics (`None` if the unit cannot be opened).
    pub memory: Option<MemorySnapshot>,
    /// Video codec metrics (`None` if the unit cannot be opened).
    pub vpu: Option<VpuSnapshot>,
    /// MPC mode.
    pub mpc_mode: Option<MpcMode>,
    /// Number of running virtual devices (virtualization hosts).
    pub active_virt_devices: Option<u32>,
    /// MtLink description.
    pub mtlink: Option<MtLinkSpec>,
    /// CPUs closest to the device.
    pub cpu_affinity: Option<Vec<u32>>,
    /// NUMA nodes closest to the device.
    pub memory_affinity_numa_nodes: Option<Vec<u32>>,
    /// Metrics that failed for a reason other than lack of support.
    pub errors: Vec<SnapshotError>,
}

impl<'lib> Device<'lib> {
    /// Reads every metric of the device; see the [module docs](crate::snapshot).
    ///
    /// This makes several dozen library calls.
    pub fn snapshot(&self) -> DeviceSnapshot {
        let mut c = Collector { errors: Vec::new() };
        let gpu = c
            .get("gpu", self.gpu())
            .map(|gpu| gpu_snapshot(&mut c, &gpu));
        let memory = c
            .get("memory", self.memory())
            .map(|memory| memory_snapshot(&mut c, &memory));
        let vpu = c
            .get("vpu", self.vpu())
            .map(|vpu| vpu_snapshot(&mut c, &vpu));
        DeviceSnapshot {
            index: c.get("index", self.index()),
            uuid: c.get("uuid", self.uuid()),
            name: c.get("name", self.name()),
            brand: c.get("brand", self.brand()),
            serial_number: c.get("serial_number", self.serial_number()),
            mtbios_version: c.get("mtbios_version", self.mtbios_version()),
            pci: c.get("pci", self.pci_info()),
            pcie_slot: c.get("pcie_slot", self.pcie_slot()),
            gpu_path: c.get("gpu_path", self.gpu_path()),
            primary_path: c.get("primary_path", self.primary_path()),
            render_path: c.get("render_path", self.render_path()),
            property: c.get("property", self.property()),
            gpu_core_count: c.get("gpu_core_count", self.gpu_core_count()),
            power_usage_mw: c.get("power_usage_mw", self.power_usage_mw()),
            fans: c.get("fans", self.fan_speeds()),
            display_interfaces: c.get("display_interfaces", self.display_interfaces()),
            gpu,
            memory,
            vpu,
            mpc_mode: c.get("mpc_mode", self.mpc_mode()),
            active_virt_devices: c.get("active_virt_devices", self.active_virt_device_count()),
            mtlink: c.get("mtlink", self.mtlink_spec()),
            cpu_affinity: c.get("cpu_affinity", self.cpu_affinity()),
            memory_affinity_numa_nodes: c.get(
                "memory_affinity_numa_nodes",
                self.memory_affinity_numa_nodes(),
            ),
            errors: c.errors,
        }
    }
}

fn gpu_snapshot(c: &mut Collector, gpu: &Gpu<'_>) -> GpuSnapshot {
    let mut engine_utilization_percent = Vec::new();
    for engine in GpuEngine::ALL {
        let metric = || format!("gpu.engine_utilization_percent.{engine}");
        if let Some(percent) = c.get_named(metric, gpu.engine_utilization_percent(engine)) {
            engine_utilization_percent.push((engine, percent));
        }
    }
    GpuSnapshot {
        utilization_percent: c.get("gpu.utilization_percent", gpu.utilization_percent()),
        temperature_celsius: c.get("gpu.temperature_celsius", gpu.temperature_celsius()),
        clock_mhz: c.get("gpu.clock_mhz", gpu.clock_mhz()),
        max_clock_mhz: c.get("gpu.max_clock_mhz", gpu.max_clock_mhz()),
        engine_utilization_percent,
    }
}

fn memory_snapshot(c: &mut Collector, memory: &Memory<'_>) -> MemorySnapshot {
    let ecc_modes = c.get("memory.ecc_modes", memory.ecc_mode());
    // Error counters only mean something with ECC present.
    let counter = |c: &mut Collector, name: &str, kind, lifetime| {
        ecc_modes?;
        let result = memory.ecc_error_count(kind, lifetime, MemoryLocation::Dram);
        c.get(name, result)
    };
    let ecc_volatile_corrected = counter(
        c,
        "memory.ecc_volatile_corrected",
        MemoryErrorType::Corrected,
        EccCounterType::Volatile,
    );
    let ecc_volatile_uncorrected = counter(
        c,
        "memory.ecc_volatile_uncorrected",
        MemoryErrorType::Uncorrected,
        EccCounterType::Volatile,
    );
    let ecc_aggregate_corrected = counter(
        c,
        "memory.ecc_aggregate_corrected",
        MemoryErrorType::Corrected,
        EccCounterType::Aggregate,
    );
    let ecc_aggregate_uncorrected = counter(
        c,
        "memory.ecc_aggregate_uncorrected",
        MemoryErrorType::Uncorrected,
        EccCounterType::Aggregate,
    );
    MemorySnapshot {
        total_bytes: c.get("memory.total_bytes", memory.total_bytes()),
        used_bytes: c.get("memory.used_bytes", memory.used_bytes()),
        used_system_bytes: c.get("memory.used_system_bytes", memory.used_system_bytes()),
        utilization_percent: c.get("memory.utilization_percent", memory.utilization_percent()),
        clock_mhz: c.get("memory.clock_mhz", memory.clock_mhz()),
        max_clock_mhz: c.get("memory.max_clock_mhz", memory.max_clock_mhz()),
        bus_width_bits: c.get("memory.bus_width_bits", memory.bus_width_bits()),
        bandwidth_gb_per_s: c.get("memory.bandwidth_gb_per_s", memory.bandwidth_gb_per_s()),
        speed_mbps: c.get("memory.speed_mbps", memory.speed_mbps()),
        vendor: c.get("memory.vendor", memory.vendor()),
        memory_type: c.get("memory.memory_type", memory.memory_type()),
        ecc_modes,
        ecc_volatile_corrected,
        ecc_volatile_uncorrected,
        ecc_aggregate_corrected,
        ecc_aggregate_uncorrected,
        retired_pages: c.get("memory.retired_pages", memory.retired_page_counts()),
        retired_pages_pending: c.get(
            "memory.retired_pages_pending",
            memory.retired_pages_pending(),
        ),
    }
}

fn vpu_snapshot(c: &mut Collector, vpu: &Vpu<'_>) -> VpuSnapshot {
    let count = |sessions: Result<Vec<_>>| sessions.map(|s| s.len() as u32);
    VpuSnapshot {
        utilization: c.get("vpu.utilization", vpu.utilization()),
        clock_mhz: c.get("vpu.clock_mhz", vpu.clock_mhz()),
        max_clock_mhz: c.get("vpu.max_clock_mhz", vpu.max_clock_mhz()),
        codec_capacity: c.get("vpu.codec_capacity", vpu.codec_capacity()),
        active_encoder_sessions: c.get(
            "vpu.active_encoder_sessions",
            count(vpu.active_encoder_sessions()),
        ),
        active_decoder_sessions: c.get(
            "vpu.active_decoder_sessions",
            count(vpu.active_decoder_sessions()),
        ),
    }
}
