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
