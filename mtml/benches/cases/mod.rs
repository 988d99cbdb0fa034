//! The benchmark cases, shared by the criterion benches (`overhead.rs`) and
//! the instruction-count harness (`harness.rs`).
//!
//! Every case exists twice: `raw` makes the C calls through `mtml-sys` the
//! way a careful C caller would (stack buffers, return code checked, no
//! conversion), `safe` calls the `mtml` wrapper. Both run against the
//! simulator's 8-GPU machine with the virtual clock frozen, so every call
//! takes the same path through the library each time.
//!
//! The cases build in both of mtml's modes (see [`MODE`]). Linked (the
//! default, `cargo bench -p mtml`), a raw call is a direct call of the
//! `mtml-sys` function, resolved by the linker. With the `runtime-loading`
//! feature (`cargo bench -p mtml --features runtime-loading,sim`, and every
//! `cargo bench --workspace`, where mtml-smi turns the feature on), mtml
//! calls through the function table of the library it loaded, and so do the
//! raw cases: [`c!`] reads the pointer from a table of the same library
//! file, as a C program using `dlsym` would, so both sides reach the same
//! simulator instance through the same function pointers.
#![allow(dead_code)]

use std::hint::black_box;
use std::os::raw::{c_char, c_ulong};

use mtml::{Device, Gpu, Library};
use mtml_sim::SimConfig;
use mtml_sys::MtmlReturn;

/// How the cases reach libmtml, as the scripts in `bench/` print it.
#[cfg(not(feature = "runtime-loading"))]
pub const MODE: &str = "linked (libmtml resolved at link time)";
/// How the cases reach libmtml, as the scripts in `bench/` print it.
#[cfg(feature = "runtime-loading")]
pub const MODE: &str =
    "runtime-loading (libmtml loaded at run time, calls through its function table)";

/// Calls a C function of libmtml the raw way, giving its `MtmlReturn`:
/// the linked `mtml-sys` function, or with `runtime-loading` the pointer in
/// the function table [`open`] loaded (a function the library lacks gives
/// `MTML_ERROR_NOT_SUPPORTED`, as a C caller would map a failed `dlsym`).
/// Must be used inside `unsafe`, like the function itself.
#[cfg(not(feature = "runtime-loading"))]
macro_rules! c {
    ($func:ident ( $($arg:expr),* $(,)? )) => {
        ::mtml_sys::$func($($arg),*)
    };
}
/// Calls a C function of libmtml the raw way (see the linked variant).
#[cfg(feature = "runtime-loading")]
macro_rules! c {
    ($func:ident ( $($arg:expr),* $(,)? )) => {
        match &$crate::cases::table().$func {
            Ok(function) => function($($arg),*),
            Err(_) => ::mtml_sys::MtmlReturn::MTML_ERROR_NOT_SUPPORTED,
        }
    };
}

/// The function table of the library mtml loaded, for [`c!`]: one atomic
/// load and a check, as mtml's own lookup per call.
#[cfg(feature = "runtime-loading")]
static TABLE: std::sync::OnceLock<mtml_sys::dynamic::MtmlApi> = std::sync::OnceLock::new();

/// The table [`open`] loaded.
#[cfg(feature = "runtime-loading")]
#[inline]
pub fn table() -> &'static mtml_sys::dynamic::MtmlApi {
    TABLE.get().expect("cases::open loads the function table")
}

/// Number of GPUs of the benchmark machine.
pub const GPUS: usize = 8;

/// Names of the cases, as the harness and the scripts in `bench/` know them.
pub const CASES: [&str; 5] = [
    "temperature",
    "name",
    "pci_info",
    "mtlink_layouts",
    "snapshot",
];

/// The benchmark machine: the simulator's default server (8 MTT S4000
/// with an MtLink fabric, MPC and virtualization on some) without its
/// desktop card, with the virtual clock frozen.
pub fn config() -> SimConfig {
    SimConfig::from_default()
        .truncate_devices(GPUS)
        .system(|s| s.set("clock", "frozen"))
}

/// Starts a library on the benchmark machine.
pub fn open() -> Library {
    // With runtime loading, the simulator's shared library (the file mtml
    // loads by default) is registered with the controls first, so the
    // description reaches the copy that starts.
    #[cfg(feature = "runtime-loading")]
    mtml_sim::runtime::Simulator::load(mtml_sim::shared_library_path())
        .expect("the simulator's shared library loads");
    config()
        .set_for_next_init()
        .expect("benchmark config is valid");
    let lib = Library::init().expect("simulated library starts");
    #[cfg(feature = "runtime-loading")]
    TABLE.get_or_init(|| {
        let path = mtml::library::loaded_library().expect("Library::init loaded a library");
        // SAFETY: the file mtml loaded, opened again: the loader returns the
        // same library (no initialisers run twice), and the table, never
        // dropped, keeps it loaded.
        unsafe { mtml_sys::dynamic::MtmlApi::new(path) }.expect("the loaded library opens again")
    });
    lib
}

/// Raw handles for the `raw` cases.
pub struct Raw {
    /// One handle per GPU, in index order.
    pub devices: Vec<*mut mtml_sys::MtmlDevice>,
    /// The graphics unit of GPU 0.
    pub gpu: *mut mtml_sys::MtmlGpu,
}

impl Raw {
    /// Looks up the raw handles of `lib`'s GPUs.
    pub fn new(lib: &Library) -> Raw {
        let devices: Vec<_> = (0..GPUS as u32)
            .map(|index| {
                let mut device = std::ptr::null_mut();
                // SAFETY: `lib` is live; `device` is a valid output location.
                let ret = unsafe {
                    c!(mtmlLibraryInitDeviceByIndex(
                        lib.as_raw(),
                        index,
                        &mut device
                    ))
                };
                assert_eq!(ret, MtmlReturn::MTML_SUCCESS, "device {index}");
                device
            })
            .collect();
        let mut gpu = std::ptr::null_mut();
        // SAFETY: a live device handle and a valid output location.
        let ret = unsafe { c!(mtmlDeviceInitGpu(devices[0], &mut gpu)) };
        assert_eq!(ret, MtmlReturn::MTML_SUCCESS, "GPU unit");
        Raw { devices, gpu }
    }
}

/// Safe handles for the `safe` cases.
pub struct Safe<'lib> {
    /// One device per GPU, in index order.
    pub devices: Vec<Device<'lib>>,
    /// The graphics unit of GPU 0.
    pub gpu: Gpu<'lib>,
}

impl<'lib> Safe<'lib> {
    /// Looks up `lib`'s GPUs.
    pub fn new(lib: &'lib Library) -> Safe<'lib> {
        let devices: Vec<_> = (0..GPUS as u32)
            .map(|index| lib.device_by_index(index).expect("device"))
            .collect();
        let gpu = devices[0].gpu().expect("GPU unit");
        Safe { devices, gpu }
    }
}

/// `Some(value)` when `ret` is success, as a C caller checks it.
fn ok<T>(ret: MtmlReturn, value: T) -> Option<T> {
    (ret == MtmlReturn::MTML_SUCCESS).then_some(value)
}

/// The raw cases.
pub mod raw {
    use super::*;

    /// `mtmlGpuGetTemperature` on GPU 0.
    #[inline]
    pub fn temperature(raw: &Raw) -> Option<i32> {
        let mut celsius = 0;
        // SAFETY: a live GPU handle and a valid output location.
        let ret = unsafe { c!(mtmlGpuGetTemperature(black_box(raw.gpu), &mut celsius)) };
        ok(ret, celsius)
    }

    /// `mtmlDeviceGetName` of GPU 0 into a stack buffer.
    #[inline]
    pub fn name(raw: &Raw) -> Option<[c_char; 32]> {
        let mut name = [0 as c_char; mtml_sys::MTML_DEVICE_NAME_BUFFER_SIZE as usize];
        let len = name.len() as u32;
        // SAFETY: a live device handle and a buffer of `len` bytes.
        let ret = unsafe {
            c!(mtmlDeviceGetName(
                black_box(raw.devices[0]),
                name.as_mut_ptr(),
                len
            ))
        };
        ok(ret, name)
    }

    /// `mtmlDeviceGetPciInfo` of GPU 0.
    #[inline]
    pub fn pci_info(raw: &Raw) -> Option<mtml_sys::MtmlPciInfo> {
        let mut info = mtml_sys::MtmlPciInfo::default();
        // SAFETY: a live device handle and a valid output location.
        let ret = unsafe { c!(mtmlDeviceGetPciInfo(black_box(raw.devices[0]), &mut info)) };
        ok(ret, info)
    }

    /// The cables between GPU 0 and GPU 1: count, then get into a stack
    /// array (a C caller's fixed-size buffer).
    #[inline]
    pub fn mtlink_layouts(raw: &Raw) -> Option<([mtml_sys::MtmlMtLinkLayout; 16], u32)> {
        let (local, remote) = (black_box(raw.devices[0]), black_box(raw.devices[1]));
        let mut count = 0;
        // SAFETY: live device handles and a valid output location.
        let ret = unsafe { c!(mtmlDeviceCountMtLinkLayouts(local, remote, &mut count)) };
        ok(ret, ())?;
        let mut layouts = [mtml_sys::MtmlMtLinkLayout::default(); 16];
        if count as usize > layouts.len() {
            return None;
        }
        // SAFETY: live device handles and a buffer of at least `count`
        // entries (checked above).
        let ret = unsafe {
            c!(mtmlDeviceGetMtLinkLayouts(
                local,
                remote,
                count,
                layouts.as_mut_ptr()
            ))
        };
        ok(ret, (layouts, count))
    }

    /// Every C call [`mtml::Device::snapshot`] makes on the 8 GPUs, in the
    /// same order, with stack buffers and no conversion. `check` in the
    /// harness proves the call sequence is the same.
    pub fn snapshot(raw: &Raw) {
        for &device in &raw.devices {
            device_snapshot(black_box(device));
        }
    }

    /// Stores a call's outputs where the optimiser cannot drop them.
    macro_rules! keep {
        ($ret:expr, $($out:expr),*) => {{
            let ret: MtmlReturn = $ret;
            $( black_box(&$out); )*
            succeeded(ret)
        }};
    }

    /// Whether a call succeeded (a function, so ignoring it is no warning).
    fn succeeded(ret: MtmlReturn) -> bool {
        ret == MtmlReturn::MTML_SUCCESS
    }

    /// One device of [`snapshot`].
    #[allow(clippy::too_many_lines)]
    fn device_snapshot(device: *mut mtml_sys::MtmlDevice) {
        use mtml_sys::*;
        // SAFETY (every call below): `device` and the unit handles derived
        // from it are live for the benchmark's library; outputs are locals
        // and buffers are passed with their own length.
        unsafe {
            let mut gpu = std::ptr::null_mut();
            if keep!(c!(mtmlDeviceInitGpu(device, &mut gpu)), gpu) {
                for engine in mtml::GpuEngine::ALL {
                    let mut percent = 0;
                    keep!(
                        c!(mtmlGpuGetEngineUtilization(
                            gpu,
                            engine.into(),
                            &mut percent
                        )),
                        percent
                    );
                }
                let (mut util, mut temp, mut clock, mut max) = (0, 0, 0, 0);
                keep!(c!(mtmlGpuGetUtilization(gpu, &mut util)), util);
                keep!(c!(mtmlGpuGetTemperature(gpu, &mut temp)), temp);
                keep!(c!(mtmlGpuGetClock(gpu, &mut clock)), clock);
                keep!(c!(mtmlGpuGetMaxClock(gpu, &mut max)), max);
            }

            let mut memory = std::ptr::null_mut();
            if keep!(c!(mtmlDeviceInitMemory(device, &mut memory)), memory) {
                let (mut current, mut pending) = (MtmlEccMode(0), MtmlEccMode(0));
                if keep!(
                    c!(mtmlMemoryGetEccMode(memory, &mut current, &mut pending)),
                    current,
                    pending
                ) {
                    use mtml::{EccCounterType as Counter, MemoryErrorType as Kind};
                    for (kind, lifetime) in [
                        (Kind::Corrected, Counter::Volatile),
                        (Kind::Uncorrected, Counter::Volatile),
                        (Kind::Corrected, Counter::Aggregate),
                        (Kind::Uncorrected, Counter::Aggregate),
                    ] {
                        let mut count = 0;
                        keep!(
                            c!(mtmlMemoryGetEccErrorCounter(
                                memory,
                                kind.into(),
                                lifetime.into(),
                                mtml::MemoryLocation::Dram.into(),
                                &mut count
                            )),
                            count
                        );
                    }
                }
                let (mut total, mut used, mut system) = (0, 0, 0);
                keep!(c!(mtmlMemoryGetTotal(memory, &mut total)), total);
                keep!(c!(mtmlMemoryGetUsed(memory, &mut used)), used);
                keep!(c!(mtmlMemoryGetUsedSystem(memory, &mut system)), system);
                let (mut util, mut clock, mut max) = (0, 0, 0);
                keep!(c!(mtmlMemoryGetUtilization(memory, &mut util)), util);
                keep!(c!(mtmlMemoryGetClock(memory, &mut clock)), clock);
                keep!(c!(mtmlMemoryGetMaxClock(memory, &mut max)), max);
                let (mut width, mut bandwidth, mut speed) = (0, 0, 0);
                keep!(c!(mtmlMemoryGetBusWidth(memory, &mut width)), width);
                keep!(
                    c!(mtmlMemoryGetBandwidth(memory, &mut bandwidth)),
                    bandwidth
                );
                keep!(c!(mtmlMemoryGetSpeed(memory, &mut speed)), speed);
                let mut vendor = [0 as c_char; MTML_MEMORY_VENDOR_BUFFER_SIZE as usize];
                keep!(
                    c!(mtmlMemoryGetVendor(
                        memory,
                        vendor.len() as u32,
                        vendor.as_mut_ptr()
                    )),
                    vendor
                );
                let mut kind = MtmlMemoryType(0);
                keep!(c!(mtmlMemoryGetType(memory, &mut kind)), kind);
                let mut retired = MtmlPageRetirementCount::default();
                keep!(
                    c!(mtmlMemoryGetRetiredPagesCount(memory, &mut retired)),
                    retired
                );
                let mut pending = MtmlRetiredPagesPendingState(0);
                keep!(
                    c!(mtmlMemoryGetRetiredPagesPendingStatus(memory, &mut pending)),
                    pending
                );
            }

            let mut vpu = std::ptr::null_mut();
            if keep!(c!(mtmlDeviceInitVpu(device, &mut vpu)), vpu) {
                let mut util = MtmlCodecUtil::default();
                keep!(c!(mtmlVpuGetUtilization(vpu, &mut util)), util);
                let (mut clock, mut max) = (0, 0);
                keep!(c!(mtmlVpuGetClock(vpu, &mut clock)), clock);
                keep!(c!(mtmlVpuGetMaxClock(vpu, &mut max)), max);
                let (mut encoders, mut decoders) = (0, 0);
                keep!(
                    c!(mtmlVpuGetCodecCapacity(vpu, &mut encoders, &mut decoders)),
                    encoders,
                    decoders
                );
                vpu_sessions(vpu, true);
                vpu_sessions(vpu, false);
            }

            let mut index = 0;
            keep!(c!(mtmlDeviceGetIndex(device, &mut index)), index);
            let mut uuid = [0 as c_char; MTML_DEVICE_UUID_BUFFER_SIZE as usize];
            keep!(
                c!(mtmlDeviceGetUUID(
                    device,
                    uuid.as_mut_ptr(),
                    uuid.len() as u32
                )),
                uuid
            );
            let mut name = [0 as c_char; MTML_DEVICE_NAME_BUFFER_SIZE as usize];
            keep!(
                c!(mtmlDeviceGetName(
                    device,
                    name.as_mut_ptr(),
                    name.len() as u32
                )),
                name
            );
            let mut brand = MtmlBrandType(0);
            keep!(c!(mtmlDeviceGetBrand(device, &mut brand)), brand);
            let mut serial = [0 as c_char; MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE as usize];
            keep!(
                c!(mtmlDeviceGetSerialNumber(
                    device,
                    serial.len() as u32,
                    serial.as_mut_ptr()
                )),
                serial
            );
            let mut bios = [0 as c_char; MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE as usize];
            keep!(
                c!(mtmlDeviceGetMtBiosVersion(
                    device,
                    bios.as_mut_ptr(),
                    bios.len() as u32
                )),
                bios
            );
            let mut pci = MtmlPciInfo::default();
            keep!(c!(mtmlDeviceGetPciInfo(device, &mut pci)), pci);
            let mut slot = MtmlPciSlotInfo::default();
            keep!(c!(mtmlDeviceGetPcieSlotInfo(device, &mut slot)), slot);
            let mut path = [0 as c_char; MTML_DEVICE_PATH_BUFFER_SIZE as usize];
            let len = path.len() as u32;
            keep!(
                c!(mtmlDeviceGetGpuPath(device, path.as_mut_ptr(), len)),
                path
            );
            keep!(
                c!(mtmlDeviceGetPrimaryPath(device, path.as_mut_ptr(), len)),
                path
            );
            keep!(
                c!(mtmlDeviceGetRenderPath(device, path.as_mut_ptr(), len)),
                path
            );
            let mut property = MtmlDeviceProperty::default();
            keep!(c!(mtmlDeviceGetProperty(device, &mut property)), property);
            let (mut cores, mut power) = (0, 0);
            keep!(c!(mtmlDeviceCountGpuCores(device, &mut cores)), cores);
            keep!(c!(mtmlDeviceGetPowerUsage(device, &mut power)), power);
            let mut fans = 0;
            if keep!(c!(mtmlDeviceCountFan(device, &mut fans)), fans) {
                for fan in 0..fans.min(64) {
                    let (mut percent, mut rpm) = (0, 0);
                    if !keep!(
                        c!(mtmlDeviceGetFanSpeed(device, fan, &mut percent)),
                        percent
                    ) {
                        break;
                    }
                    if !keep!(c!(mtmlDeviceGetFanRpm(device, fan, &mut rpm)), rpm) {
                        break;
                    }
                }
            }
            let mut displays = 0;
            if keep!(
                c!(mtmlDeviceCountDisplayInterface(device, &mut displays)),
                displays
            ) {
                for display in 0..displays.min(64) {
                    let mut spec = MtmlDispIntfSpec::default();
                    if !keep!(
                        c!(mtmlDeviceGetDisplayInterfaceSpec(
                            device, display, &mut spec
                        )),
                        spec
                    ) {
                        break;
                    }
                }
            }
            let mut mpc = MtmlMpcMode(0);
            keep!(c!(mtmlDeviceGetMpcMode(device, &mut mpc)), mpc);
            let mut virt = 0;
            keep!(
                c!(mtmlDeviceCountActiveVirtDevices(device, &mut virt)),
                virt
            );
            let mut spec = MtmlMtLinkSpec::default();
            keep!(c!(mtmlDeviceGetMtLinkSpec(device, &mut spec)), spec);
            let mut cpus = [0 as c_ulong; 4096 / c_ulong::BITS as usize];
            keep!(
                c!(mtmlDeviceGetCpuAffinityWithinNode(
                    device,
                    cpus.len() as u32,
                    cpus.as_mut_ptr()
                )),
                cpus
            );
            let mut nodes = [0 as c_ulong; 1024 / c_ulong::BITS as usize];
            keep!(
                c!(mtmlDeviceGetMemoryAffinityWithinNode(
                    device,
                    nodes.len() as u32,
                    nodes.as_mut_ptr()
                )),
                nodes
            );
        }
    }

    /// The codec session queries of [`device_snapshot`]: capacity, slot
    /// states, then the figures of each active slot.
    fn vpu_sessions(vpu: *mut mtml_sys::MtmlVpu, encoder: bool) {
        use mtml_sys::*;
        // SAFETY (every call below): `vpu` is a live unit handle; outputs
        // are locals and the state buffer is passed with its own length.
        unsafe {
            let (mut encoders, mut decoders) = (0, 0);
            if !keep!(
                c!(mtmlVpuGetCodecCapacity(vpu, &mut encoders, &mut decoders)),
                encoders,
                decoders
            ) {
                return;
            }
            let slots = if encoder { encoders } else { decoders };
            if slots == 0 || slots > 64 {
                return;
            }
            let mut states = [MtmlCodecSessionState::MTML_CODEC_SESSION_STATE_UNKNOWN; 64];
            let ret = if encoder {
                c!(mtmlVpuGetEncoderSessionStates(
                    vpu,
                    states.as_mut_ptr(),
                    slots
                ))
            } else {
                c!(mtmlVpuGetDecoderSessionStates(
                    vpu,
                    states.as_mut_ptr(),
                    slots
                ))
            };
            if !keep!(ret, states) {
                return;
            }
            for slot in 0..slots {
                if states[slot as usize] != MtmlCodecSessionState::MTML_CODEC_SESSION_STATE_ACTIVE {
                    continue;
                }
                let mut metrics = MtmlCodecSessionMetrics::default();
                let ret = if encoder {
                    c!(mtmlVpuGetEncoderSessionMetrics(vpu, slot, &mut metrics))
                } else {
                    c!(mtmlVpuGetDecoderSessionMetrics(vpu, slot, &mut metrics))
                };
                if !keep!(ret, metrics) {
                    return;
                }
            }
        }
    }
}

/// The safe cases.
pub mod safe {
    use super::*;

    /// [`Gpu::temperature_celsius`] on GPU 0.
    #[inline]
    pub fn temperature(safe: &Safe<'_>) -> mtml::Result<i32> {
        black_box(safe.gpu).temperature_celsius()
    }

    /// [`Device::name`] of GPU 0.
    #[inline]
    pub fn name(safe: &Safe<'_>) -> mtml::Result<String> {
        black_box(safe.devices[0]).name()
    }

    /// [`Device::pci_info`] of GPU 0.
    #[inline]
    pub fn pci_info(safe: &Safe<'_>) -> mtml::Result<mtml::PciInfo> {
        black_box(safe.devices[0]).pci_info()
    }

    /// [`Device::mtlink_layouts`] between GPU 0 and GPU 1.
    #[inline]
    pub fn mtlink_layouts(safe: &Safe<'_>) -> mtml::Result<Vec<mtml::MtLinkLayout>> {
        black_box(safe.devices[0]).mtlink_layouts(&safe.devices[1])
    }

    /// [`Device::snapshot`] of the 8 GPUs.
    pub fn snapshot(safe: &Safe<'_>) -> Vec<mtml::DeviceSnapshot> {
        safe.devices
            .iter()
            .map(|device| black_box(device).snapshot())
            .collect()
    }
}

/// Every function [`raw::snapshot`] calls, for comparing call counts.
pub const SNAPSHOT_FUNCTIONS: &[&str] = &[
    "mtmlDeviceInitGpu",
    "mtmlGpuGetEngineUtilization",
    "mtmlGpuGetUtilization",
    "mtmlGpuGetTemperature",
    "mtmlGpuGetClock",
    "mtmlGpuGetMaxClock",
    "mtmlDeviceInitMemory",
    "mtmlMemoryGetEccMode",
    "mtmlMemoryGetEccErrorCounter",
    "mtmlMemoryGetTotal",
    "mtmlMemoryGetUsed",
    "mtmlMemoryGetUsedSystem",
    "mtmlMemoryGetUtilization",
    "mtmlMemoryGetClock",
    "mtmlMemoryGetMaxClock",
    "mtmlMemoryGetBusWidth",
    "mtmlMemoryGetBandwidth",
    "mtmlMemoryGetSpeed",
    "mtmlMemoryGetVendor",
    "mtmlMemoryGetType",
    "mtmlMemoryGetRetiredPagesCount",
    "mtmlMemoryGetRetiredPagesPendingStatus",
    "mtmlDeviceInitVpu",
    "mtmlVpuGetUtilization",
    "mtmlVpuGetClock",
    "mtmlVpuGetMaxClock",
    "mtmlVpuGetCodecCapacity",
    "mtmlVpuGetEncoderSessionStates",
    "mtmlVpuGetDecoderSessionStates",
    "mtmlVpuGetEncoderSessionMetrics",
    "mtmlVpuGetDecoderSessionMetrics",
    "mtmlDeviceGetIndex",
    "mtmlDeviceGetUUID",
    "mtmlDeviceGetName",
    "mtmlDeviceGetBrand",
    "mtmlDeviceGetSerialNumber",
    "mtmlDeviceGetMtBiosVersion",
    "mtmlDeviceGetPciInfo",
    "mtmlDeviceGetPcieSlotInfo",
    "mtmlDeviceGetGpuPath",
    "mtmlDeviceGetPrimaryPath",
    "mtmlDeviceGetRenderPath",
    "mtmlDeviceGetProperty",
    "mtmlDeviceCountGpuCores",
    "mtmlDeviceGetPowerUsage",
    "mtmlDeviceCountFan",
    "mtmlDeviceGetFanSpeed",
    "mtmlDeviceGetFanRpm",
    "mtmlDeviceCountDisplayInterface",
    "mtmlDeviceGetDisplayInterfaceSpec",
    "mtmlDeviceGetMpcMode",
    "mtmlDeviceCountActiveVirtDevices",
    "mtmlDeviceGetMtLinkSpec",
    "mtmlDeviceGetCpuAffinityWithinNode",
    "mtmlDeviceGetMemoryAffinityWithinNode",
];

/// Checks that [`raw::snapshot`] makes exactly the C calls of
/// [`safe::snapshot`]: the same number of calls to each function and the
/// same total. Returns the number of calls of one snapshot of the 8 GPUs.
pub fn check_snapshot_calls(lib: &Library) -> Result<u64, String> {
    // SAFETY: `lib` is a live library of the simulator (the dev-dependency
    // links it), alive for the borrow.
    let control = unsafe { mtml_sim::Control::from_raw(lib.as_raw().cast()) }
        .expect("library handle is not NULL");
    let counts = || -> Vec<u64> {
        std::iter::once("*")
            .chain(SNAPSHOT_FUNCTIONS.iter().copied())
            .map(|f| control.call_count(f).expect("known function"))
            .collect()
    };
    let (raw_handles, safe_handles) = (Raw::new(lib), Safe::new(lib));
    let before = counts();
    raw::snapshot(&raw_handles);
    let middle = counts();
    let snapshots = safe::snapshot(&safe_handles);
    let after = counts();
    if let Some(errors) = snapshots.iter().find(|s| !s.errors.is_empty()) {
        return Err(format!("snapshot reported errors: {:?}", errors.errors));
    }
    let names = std::iter::once("*").chain(SNAPSHOT_FUNCTIONS.iter().copied());
    for (i, name) in names.enumerate() {
        let raw_calls = middle[i] - before[i];
        let safe_calls = after[i] - middle[i];
        if raw_calls != safe_calls {
            return Err(format!(
                "{name}: raw snapshot makes {raw_calls} calls, Device::snapshot {safe_calls}"
            ));
        }
    }
    // Counting reads add calls of their own only to the simulator's
    // bookkeeping, not to "*"; the total is the snapshot's.
    Ok(middle[0] - before[0])
}

/// Checks that every case succeeds and that raw and safe read the same
/// values.
pub fn verify(raw_handles: &Raw, safe_handles: &Safe<'_>) -> Result<(), String> {
    let fail = |what: &str| format!("{what}: raw and safe answers differ or failed");
    let celsius = raw::temperature(raw_handles);
    if celsius.is_none() || celsius != safe::temperature(safe_handles).ok() {
        return Err(fail("temperature"));
    }
    let name = raw::name(raw_handles).ok_or_else(|| fail("name"))?;
    // SAFETY: the simulator NUL-terminates names within the buffer.
    let name = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    if safe::name(safe_handles).ok().as_deref() != name.to_str().ok() {
        return Err(fail("name"));
    }
    let pci = raw::pci_info(raw_handles).ok_or_else(|| fail("pci_info"))?;
    let safe_pci = safe::pci_info(safe_handles).map_err(|_| fail("pci_info"))?;
    if (pci.bus, pci.pciDeviceId)
        != (
            safe_pci.bus,
            safe_pci.vendor_id as u32 | (safe_pci.device_id as u32) << 16,
        )
    {
        return Err(fail("pci_info"));
    }
    let (layouts, count) =
        raw::mtlink_layouts(raw_handles).ok_or_else(|| fail("mtlink_layouts"))?;
    let safe_layouts = safe::mtlink_layouts(safe_handles).map_err(|_| fail("mtlink_layouts"))?;
    let same = safe_layouts.len() == count as usize
        && layouts
            .iter()
            .zip(&safe_layouts)
            .all(|(r, s)| (r.localLinkId, r.remoteLinkId) == (s.local_link, s.remote_link));
    if count == 0 || !same {
        return Err(fail("mtlink_layouts"));
    }
    Ok(())
}
