//! Shared fixtures: a minimal, test-only binding of the few MTML calls the
//! simulator tests need (this crate deliberately does not use mtml-sys).

#![allow(dead_code)]

use std::ffi::c_void;
use std::os::raw::{c_char, c_int, c_uint};
use std::ptr;

use mtml_sim::Control;

extern "C" {
    fn mtmlLibraryInit(lib: *mut *mut c_void) -> c_uint;
    fn mtmlLibraryShutDown(lib: *mut c_void) -> c_uint;
    fn mtmlLibraryCountDevice(lib: *const c_void, count: *mut c_uint) -> c_uint;
    fn mtmlLibraryInitDeviceByIndex(
        lib: *const c_void,
        index: c_uint,
        dev: *mut *mut c_void,
    ) -> c_uint;
    fn mtmlDeviceGetName(dev: *const c_void, name: *mut c_char, length: c_uint) -> c_uint;
    fn mtmlDeviceGetPowerUsage(dev: *const c_void, power: *mut c_uint) -> c_uint;
    fn mtmlDeviceInitGpu(dev: *const c_void, gpu: *mut *mut c_void) -> c_uint;
    fn mtmlGpuGetUtilization(gpu: *const c_void, utilization: *mut c_uint) -> c_uint;
    fn mtmlGpuGetTemperature(gpu: *const c_void, temp: *mut c_int) -> c_uint;
    fn mtmlDeviceCountFan(dev: *const c_void, count: *mut c_uint) -> c_uint;
    fn mtmlDeviceGetFanSpeed(dev: *const c_void, index: c_uint, speed: *mut c_uint) -> c_uint;
    fn mtmlDeviceGetFanRpm(dev: *const c_void, index: c_uint, rpm: *mut c_uint) -> c_uint;
    fn mtmlGpuGetClock(gpu: *const c_void, clock: *mut c_uint) -> c_uint;
    fn mtmlGpuGetEngineUtilization(gpu: *const c_void, engine: c_int, util: *mut c_uint) -> c_uint;
    fn mtmlDeviceInitMemory(dev: *const c_void, memory: *mut *mut c_void) -> c_uint;
    fn mtmlMemoryGetUsed(memory: *const c_void, used: *mut u64) -> c_uint;
    fn mtmlMemoryGetUtilization(memory: *const c_void, util: *mut c_uint) -> c_uint;
    fn mtmlMemoryGetClock(memory: *const c_void, clock: *mut c_uint) -> c_uint;
    fn mtmlDeviceInitVpu(dev: *const c_void, vpu: *mut *mut c_void) -> c_uint;
    fn mtmlVpuGetUtilization(vpu: *const c_void, util: *mut CodecUtil) -> c_uint;
    fn mtmlVpuGetClock(vpu: *const c_void, clock: *mut c_uint) -> c_uint;
}

/// `MtmlCodecUtil`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CodecUtil {
    /// Overall codec load, percent.
    pub util: c_uint,
    /// Sampling window, microseconds.
    pub period: c_uint,
    /// Encoder load, percent.
    pub enc: c_uint,
    /// Decoder load, percent.
    pub dec: c_uint,
    rsvd: [c_int; 2],
}

impl CodecUtil {
    /// The four reported values.
    pub fn new(util: u32, period: u32, enc: u32, dec: u32) -> CodecUtil {
        CodecUtil {
            util,
            period,
            enc,
            dec,
            rsvd: [0; 2],
        }
    }
}

/// Every live metric of a physical device, read through the MTML API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveMetrics {
    /// `mtmlGpuGetUtilization`.
    pub gpu_util: u32,
    /// `mtmlGpuGetEngineUtilization` for geometry, 2D, 3D, compute.
    pub engine_util: [u32; 4],
    /// `mtmlGpuGetClock`.
    pub gpu_clock_mhz: u32,
    /// `mtmlMemoryGetUsed`.
    pub memory_used: u64,
    /// `mtmlMemoryGetUtilization`.
    pub memory_util: u32,
    /// `mtmlMemoryGetClock`.
    pub memory_clock_mhz: u32,
    /// `mtmlVpuGetUtilization`.
    pub vpu: CodecUtil,
    /// `mtmlVpuGetClock`.
    pub vpu_clock_mhz: u32,
    /// `(percent, rpm)` of each fan; empty for a passive card.
    pub fans: Vec<(u32, u32)>,
}

/// Turns an MTML code into a `Result`.
fn ok(rc: c_uint) -> Result<(), u32> {
    if rc == 0 {
        Ok(())
    } else {
        Err(rc)
    }
}

/// An initialised simulated library, shut down on drop.
pub struct Lib {
    raw: *mut c_void,
}

impl Lib {
    /// `mtmlLibraryInit`, returning the raw code on failure.
    pub fn init() -> Result<Lib, u32> {
        let mut raw = ptr::null_mut();
        // SAFETY: raw is a valid output location.
        let rc = unsafe { mtmlLibraryInit(&mut raw) };
        if rc == 0 && !raw.is_null() {
            Ok(Lib { raw })
        } else {
            Err(rc)
        }
    }

    /// Initialises a library on the given config (for this thread's next init).
    pub fn with_config(config: &str) -> Lib {
        mtml_sim::set_next_config(config).expect("valid config");
        Lib::init().expect("init with config")
    }

    /// The instance's controls.
    pub fn control(&self) -> Control<'_> {
        // SAFETY: self.raw is a live library until self drops, which
        // outlives the returned borrow.
        unsafe { Control::from_raw(self.raw) }.expect("non-null library")
    }

    /// `mtmlLibraryCountDevice`.
    pub fn device_count(&self) -> Result<u32, u32> {
        let mut count = 0;
        // SAFETY: live library; valid output location.
        let rc = unsafe { mtmlLibraryCountDevice(self.raw, &mut count) };
        if rc == 0 {
            Ok(count)
        } else {
            Err(rc)
        }
    }

    /// `mtmlLibraryInitDeviceByIndex`.
    pub fn device(&self, index: u32) -> Result<Device<'_>, u32> {
        let mut raw = ptr::null_mut();
        // SAFETY: live library; valid output location.
        let rc = unsafe { mtmlLibraryInitDeviceByIndex(self.raw, index, &mut raw) };
        if rc == 0 {
            Ok(Device { raw, _lib: self })
        } else {
            Err(rc)
        }
    }
}

impl Drop for Lib {
    fn drop(&mut self) {
        // SAFETY: self.raw is live and shut down exactly once.
        unsafe { mtmlLibraryShutDown(self.raw) };
    }
}

/// A device handle of a [`Lib`].
pub struct Device<'a> {
    raw: *mut c_void,
    _lib: &'a Lib,
}

impl Device<'_> {
    /// `mtmlDeviceGetName`.
    pub fn name(&self) -> Result<String, u32> {
        let mut buffer = [0 as c_char; 64];
        // SAFETY: live device; the buffer holds 64 bytes.
        let rc = unsafe { mtmlDeviceGetName(self.raw, buffer.as_mut_ptr(), 64) };
        if rc != 0 {
            return Err(rc);
        }
        let bytes: Vec<u8> = buffer
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// `mtmlDeviceGetPowerUsage`, milliwatts.
    pub fn power_mw(&self) -> Result<u32, u32> {
        let mut value = 0;
        // SAFETY: live device; valid output location.
        let rc = unsafe { mtmlDeviceGetPowerUsage(self.raw, &mut value) };
        if rc == 0 {
            Ok(value)
        } else {
            Err(rc)
        }
    }

    /// `mtmlDeviceCountFan`.
    pub fn fan_count(&self) -> Result<u32, u32> {
        let mut value = 0;
        // SAFETY: live device; valid output location.
        let rc = unsafe { mtmlDeviceCountFan(self.raw, &mut value) };
        if rc == 0 {
            Ok(value)
        } else {
            Err(rc)
        }
    }

    /// GPU utilization (percent) and temperature (Celsius).
    pub fn gpu_load_and_temperature(&self) -> Result<(u32, i32), u32> {
        let mut gpu = ptr::null_mut();
        // SAFETY: live device; valid output location.
        let rc = unsafe { mtmlDeviceInitGpu(self.raw, &mut gpu) };
        if rc != 0 {
            return Err(rc);
        }
        let (mut util, mut temp) = (0, 0);
        // SAFETY: gpu is a live GPU handle of this device; valid outputs.
        let rc = unsafe { mtmlGpuGetUtilization(gpu, &mut util) };
        if rc != 0 {
            return Err(rc);
        }
        // SAFETY: as above.
        let rc = unsafe { mtmlGpuGetTemperature(gpu, &mut temp) };
        if rc != 0 {
            return Err(rc);
        }
        Ok((util, temp))
    }

    /// Reads every live metric.
    pub fn live_metrics(&self) -> Result<LiveMetrics, u32> {
        let (mut gpu, mut memory, mut vpu) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        // SAFETY: live device; valid output locations.
        unsafe {
            ok(mtmlDeviceInitGpu(self.raw, &mut gpu))?;
            ok(mtmlDeviceInitMemory(self.raw, &mut memory))?;
            ok(mtmlDeviceInitVpu(self.raw, &mut vpu))?;
        }
        let mut m = LiveMetrics {
            gpu_util: 0,
            engine_util: [0; 4],
            gpu_clock_mhz: 0,
            memory_used: 0,
            memory_util: 0,
            memory_clock_mhz: 0,
            vpu: CodecUtil::default(),
            vpu_clock_mhz: 0,
            fans: Vec::new(),
        };
        // SAFETY: gpu, memory and vpu are live unit handles of this device;
        // every output is a valid location of the right type.
        unsafe {
            ok(mtmlGpuGetUtilization(gpu, &mut m.gpu_util))?;
            for (engine, value) in m.engine_util.iter_mut().enumerate() {
                ok(mtmlGpuGetEngineUtilization(gpu, engine as c_int, value))?;
            }
            ok(mtmlGpuGetClock(gpu, &mut m.gpu_clock_mhz))?;
            ok(mtmlMemoryGetUsed(memory, &mut m.memory_used))?;
            ok(mtmlMemoryGetUtilization(memory, &mut m.memory_util))?;
            ok(mtmlMemoryGetClock(memory, &mut m.memory_clock_mhz))?;
            ok(mtmlVpuGetUtilization(vpu, &mut m.vpu))?;
            ok(mtmlVpuGetClock(vpu, &mut m.vpu_clock_mhz))?;
        }
        let count = match self.fan_count() {
            Ok(n) => n,
            Err(_) => return Ok(m),
        };
        for fan in 0..count {
            let (mut percent, mut rpm) = (0, 0);
            // SAFETY: live device, fan index below its count; valid outputs.
            unsafe {
                ok(mtmlDeviceGetFanSpeed(self.raw, fan, &mut percent))?;
                ok(mtmlDeviceGetFanRpm(self.raw, fan, &mut rpm))?;
            }
            m.fans.push((percent, rpm));
        }
        Ok(m)
    }
}

/// A configuration of `n` S4000 cards on a frozen clock.
pub fn s4000_machine(n: usize) -> mtml_sim::SimConfig {
    let mut config =
        mtml_sim::SimConfig::empty().system(|s| s.set("seed", 7).set("clock", "frozen"));
    for i in 0..n {
        config = config.device(|d| d.set("model", "s4000").set("load", 20 + 10 * i));
    }
    config
}
