//! The graphics unit: load, temperature and clocks.

use crate::device::Gpu;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::call_out;

c_enum! {
    /// Engine of the graphics unit whose load can be read on its own.
    pub enum GpuEngine: mtml_sys::MtmlGpuEngine {
        /// Geometry processing.
        Geometry = MTML_GPU_ENGINE_GEOMETRY,
        /// 2D blitter.
        Blit2d = MTML_GPU_ENGINE_2D,
        /// 3D rendering.
        Render3d = MTML_GPU_ENGINE_3D,
        /// Compute.
        Compute = MTML_GPU_ENGINE_COMPUTE,
    }
}

impl GpuEngine {
    /// Every known engine, in C order.
    pub const ALL: [GpuEngine; 4] = [
        GpuEngine::Geometry,
        GpuEngine::Blit2d,
        GpuEngine::Render3d,
        GpuEngine::Compute,
    ];
}

impl<'lib> Gpu<'lib> {
    /// Load of the graphics unit, percent.
    ///
    /// # Errors
    /// The library's error.
    #[doc(
        alias = "mtmlGpuGetUtilization",
        alias = "nvmlDeviceGetUtilizationRates"
    )]
    pub fn utilization_percent(&self) -> Result<u32> {
        call_out!(mtmlGpuGetUtilization(self.raw()))
    }

    /// Temperature of the GPU, °C.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlGpuGetTemperature", alias = "nvmlDeviceGetTemperature")]
    pub fn temperature_celsius(&self) -> Result<i32> {
        call_out!(mtmlGpuGetTemperature(self.raw()))
    }

    /// Present GPU clock, MHz.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlGpuGetClock", alias = "nvmlDeviceGetClockInfo")]
    pub fn clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlGpuGetClock(self.raw()))
    }

    /// Highest GPU clock, MHz.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlGpuGetMaxClock", alias = "nvmlDeviceGetMaxClockInfo")]
    pub fn max_clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlGpuGetMaxClock(self.raw()))
    }

    /// Load of one engine, percent.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for an
    /// engine the library does not know; otherwise the library's error.
    #[doc(alias = "mtmlGpuGetEngineUtilization")]
    pub fn engine_utilization_percent(&self, engine: GpuEngine) -> Result<u32> {
        call_out!(mtmlGpuGetEngineUtilization(self.raw(), engine.into()))
    }
}
