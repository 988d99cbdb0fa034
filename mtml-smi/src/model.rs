//! What the views show: the machine's header values and one snapshot per
//! selected GPU, read once per refresh.

use mtml::{DeviceSnapshot, Library, SnapshotError};

use crate::partitions::Partitions;

/// Text shown for a value the device does not support.
pub const NOT_AVAILABLE: &str = "N/A";
/// Text shown for a value whose query failed.
pub const FAILED: &str = "ERR!";

/// Outcome of reading one value.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading<T> {
    /// The value.
    Value(T),
    /// The device does not support it.
    NotAvailable,
    /// Reading it failed (the error is in the device's error list).
    Failed,
}

impl<T> Reading<T> {
    /// Maps the value, keeping `NotAvailable` and `Failed`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reading<U> {
        match self {
            Reading::Value(v) => Reading::Value(f(v)),
            Reading::NotAvailable => Reading::NotAvailable,
            Reading::Failed => Reading::Failed,
        }
    }

    /// The value formatted by `f`, or `N/A` / `ERR!`.
    pub fn show(&self, f: impl FnOnce(&T) -> String) -> String {
        match self {
            Reading::Value(v) => f(v),
            Reading::NotAvailable => NOT_AVAILABLE.to_owned(),
            Reading::Failed => FAILED.to_owned(),
        }
    }

    /// Whether reading the value failed.
    pub fn is_failed(&self) -> bool {
        matches!(self, Reading::Failed)
    }
}

/// One GPU's values.
#[derive(Debug, Clone)]
pub struct DeviceReport {
    /// Index in the library's device list.
    pub index: u32,
    /// Every metric (see [`mtml::Device::snapshot`]).
    pub snapshot: DeviceSnapshot,
    /// MPC and virtualization layout; read only for the detailed report
    /// (see [`Machine::read_partitions`]).
    pub partitions: Option<Partitions>,
}

/// Metric name recorded when the device handle itself cannot be opened.
pub const DEVICE_METRIC: &str = "device";

impl DeviceReport {
    /// Reads every metric of the device at `index`. A device that cannot be
    /// opened gives a report whose every value failed.
    pub fn read(lib: &Library, index: u32) -> DeviceReport {
        let snapshot = match lib.device_by_index(index) {
            Ok(device) => device.snapshot(),
            Err(error) => failed_snapshot(error),
        };
        DeviceReport {
            index,
            snapshot,
            partitions: None,
        }
    }

    /// Classifies `value`, the snapshot field called `metric` (for example
    /// `gpu.clock_mhz`, `pci`, `fans`).
    pub fn get<T: Clone>(&self, metric: &str, value: Option<&T>) -> Reading<T> {
        match value {
            Some(v) => Reading::Value(v.clone()),
            None if self.failed(metric) => Reading::Failed,
            None => Reading::NotAvailable,
        }
    }

    /// Whether the metric (or the unit or device holding it) failed.
    pub fn failed(&self, metric: &str) -> bool {
        self.snapshot
            .errors
            .iter()
            .any(|e| covers(&e.metric, metric))
    }

    /// Whether any metric failed.
    pub fn has_errors(&self) -> bool {
        !self.snapshot.errors.is_empty()
            || self
                .partitions
                .as_ref()
                .is_some_and(|p| !p.errors.is_empty())
    }
}

/// Whether a failure recorded as `failed` explains a missing `metric`.
fn covers(failed: &str, metric: &str) -> bool {
    failed == DEVICE_METRIC
        || failed == metric
        || metric
            .strip_prefix(failed)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// A snapshot for a device whose handle could not be opened.
fn failed_snapshot(error: mtml::Error) -> DeviceSnapshot {
    DeviceSnapshot {
        index: None,
        uuid: None,
        name: None,
        brand: None,
        serial_number: None,
        mtbios_version: None,
        pci: None,
        pcie_slot: None,
        gpu_path: None,
        primary_path: None,
        render_path: None,
        property: None,
        gpu_core_count: None,
        power_usage_mw: None,
        fans: None,
        display_interfaces: None,
        gpu: None,
        memory: None,
        vpu: None,
        mpc_mode: None,
        active_virt_devices: None,
        mtlink: None,
        cpu_affinity: None,
        memory_affinity_numa_nodes: None,
        errors: vec![SnapshotError {
            metric: DEVICE_METRIC.to_owned(),
            error,
        }],
    }
}

/// When the values were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// For text views, like `Tue Jun  4 12:00:00 2024`.
    pub text: String,
    /// For JSON, RFC 3339.
    pub rfc3339: String,
}

impl Timestamp {
    /// The present time in the local time zone, or the time given by
    /// `SOURCE_DATE_EPOCH` (seconds since the Unix epoch, shown in UTC) when
    /// that variable is set, for reproducible output.
    pub fn now() -> Timestamp {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
        match fixed {
            Some(utc) => Timestamp::from_datetime(utc),
            None => Timestamp::from_datetime(chrono::Local::now()),
        }
    }

    /// Formats `time`.
    pub fn from_datetime<Tz: chrono::TimeZone>(time: chrono::DateTime<Tz>) -> Timestamp
    where
        Tz::Offset: std::fmt::Display,
    {
        Timestamp {
            text: time.format("%a %b %e %H:%M:%S %Y").to_string(),
            rfc3339: time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// Everything the summary, report and CSV views show.
#[derive(Debug, Clone)]
pub struct Machine {
    /// When the values were read.
    pub timestamp: Timestamp,
    /// Version of the kernel driver.
    pub driver_version: Reading<String>,
    /// Version of the MTML library.
    pub mtml_version: Reading<String>,
    /// Number of GPUs the library sees (all of them, not only the
    /// selected ones).
    pub device_count: u32,
    /// The selected GPUs, in the order asked for.
    pub devices: Vec<DeviceReport>,
    /// Header values that failed, as `(name, error)`.
    pub errors: Vec<(String, String)>,
}

impl Machine {
    /// Reads the header values and a report for each of `indices`.
    pub fn read(lib: &Library, indices: &[u32], timestamp: Timestamp) -> Machine {
        let mut errors = Vec::new();
        let mut keep = |name: &str, result: mtml::Result<String>| match result {
            Ok(v) => Reading::Value(v),
            Err(mtml::Error::NotSupported) => Reading::NotAvailable,
            Err(e) => {
                errors.push((name.to_owned(), e.to_string()));
                Reading::Failed
            }
        };
        let driver_version = keep(
            "driver_version",
            lib.system().and_then(|s| s.driver_version()),
        );
        let mtml_version = keep("mtml_version", lib.version());
        let device_count = lib.device_count().unwrap_or(indices.len() as u32);
        let devices = indices
            .iter()
            .map(|&index| DeviceReport::read(lib, index))
            .collect();
        Machine {
            timestamp,
            driver_version,
            mtml_version,
            device_count,
            devices,
            errors,
        }
    }

    /// Adds each GPU's MPC and virtualization layout (for `-q`).
    pub fn read_partitions(&mut self, lib: &Library) {
        for device in &mut self.devices {
            device.partitions = Some(Partitions::read(lib, device.index));
        }
    }

    /// Whether any value failed.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.devices.iter().any(DeviceReport::has_errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_cover_their_fields() {
        assert!(covers("gpu", "gpu.clock_mhz"));
        assert!(covers("gpu.clock_mhz", "gpu.clock_mhz"));
        assert!(covers("device", "pci"));
        assert!(!covers("gpu", "gpu_path"));
        assert!(!covers("gpu.clock_mhz", "gpu.max_clock_mhz"));
    }

    #[test]
    fn fixed_timestamp_is_reproducible() {
        let t = chrono::DateTime::from_timestamp(1_717_200_000, 0).unwrap();
        let stamp = Timestamp::from_datetime(t);
        assert_eq!(stamp.text, "Sat Jun  1 00:00:00 2024");
        assert_eq!(stamp.rfc3339, "2024-06-01T00:00:00Z");
    }
}
