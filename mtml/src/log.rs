//! The library's logging setup, including a Rust closure as log sink.
//!
//! MTML's logging is process-wide and independent of any
//! [`Library`](crate::Library). Its callback sink takes a plain C function without a
//! user-data pointer, so this module keeps one Rust closure in a
//! process-wide slot ([`set_callback`]) and hands MTML a trampoline that
//! calls it. The trampoline never lets a panic cross into C (it is caught
//! and dropped) and decodes the text lossily.
//!
//! ```
//! use mtml::log::{self, LogConfiguration, LogLevel};
//! log::set_callback(|line| eprintln!("mtml: {line}"));
//! log::set_configuration(&LogConfiguration {
//!     callback_level: LogLevel::Warning,
//!     ..LogConfiguration::default()
//! })?;
//! # log::set_configuration(&LogConfiguration::default())?;
//! # Ok::<(), mtml::Error>(())
//! ```

use std::os::raw::{c_char, c_uint};
use std::sync::{Arc, RwLock};

use crate::enums::c_enum;
use crate::error::{Error, Result};
use crate::ffi::call;
use crate::string;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

c_enum! {
    /// Verbosity of one log sink; each level includes the ones before it.
    pub enum LogLevel: mtml_sys::MtmlLogLevel {
        /// Nothing is logged.
        Off = MTML_LOG_LEVEL_OFF,
        /// Only failures that end the program.
        Fatal = MTML_LOG_LEVEL_FATAL,
        /// Failures the program survives.
        Error = MTML_LOG_LEVEL_ERROR,
        /// Suspicious conditions.
        Warning = MTML_LOG_LEVEL_WARNING,
        /// Progress messages.
        Info = MTML_LOG_LEVEL_INFO,
    }
}

/// Where the library's log lines go, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LogConfiguration {
    /// Threshold of the standard output sink.
    pub console_level: LogLevel,
    /// Threshold of the system log sink (Linux only).
    pub system_level: LogLevel,
    /// Threshold of the file sink.
    pub file_level: LogLevel,
    /// Path of the log file; empty for none. At most 199 bytes.
    pub file_path: String,
    /// Size at which the log file is emptied, bytes.
    pub file_size_limit_bytes: u32,
    /// Threshold of the callback sink. Lines only reach the closure set
    /// with [`set_callback`]; without one, no callback is installed.
    pub callback_level: LogLevel,
}

impl Default for LogConfiguration {
    /// Every sink off.
    fn default() -> Self {
        LogConfiguration {
            console_level: LogLevel::Off,
            system_level: LogLevel::Off,
            file_level: LogLevel::Off,
            file_path: String::new(),
            file_size_limit_bytes: 0,
            callback_level: LogLevel::Off,
        }
    }
}

/// A Rust log sink.
type Callback = Arc<dyn Fn(&str) + Send + Sync + 'static>;

/// The process-wide closure the trampoline calls.
static CALLBACK: RwLock<Option<Callback>> = RwLock::new(None);

/// Sets the closure that receives log lines of the callback sink.
///
/// Takes effect for lines logged after the next [`set_configuration`] with
/// a `callback_level` other than [`LogLevel::Off`] (and immediately if one
/// is already in force). Panics inside `callback` are caught and the line
/// dropped.
pub fn set_callback(callback: impl Fn(&str) + Send + Sync + 'static) {
    let mut slot = CALLBACK
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *slot = Some(Arc::new(callback));
}

/// Removes the closure set by [`set_callback`]; later lines are dropped
/// until another is set.
pub fn clear_callback() {
    let mut slot = CALLBACK
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *slot = None;
}

/// Receives a log line from C and hands it to the Rust closure.
unsafe extern "C" fn trampoline(text: *const c_char, length: c_uint) {
    let _ = std::panic::catch_unwind(|| {
        if text.is_null() {
            return;
        }
        // SAFETY: MTML passes a line readable for `length` bytes (checked
        // non-NULL above).
        let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), length as usize) };
        let bytes = match bytes.iter().position(|&b| b == 0) {
            Some(end) => &bytes[..end],
            None => bytes,
        };
        let line = String::from_utf8_lossy(bytes);
        let callback = CALLBACK
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        if let Some(callback) = callback {
            callback(&line);
        }
    });
}

/// The logging setup now in force.
///
/// # Errors
/// The library's error or a string error for the file path.
#[doc(alias = "mtmlLogGetConfiguration")]
pub fn configuration() -> Result<LogConfiguration> {
    let mut raw = mtml_sys::MtmlLogConfiguration::default();
    call!(mtmlLogGetConfiguration(&mut raw))?;
    Ok(LogConfiguration {
        console_level: LogLevel::from(raw.consoleConfig.level),
        system_level: LogLevel::from(raw.systemConfig.level),
        file_level: LogLevel::from(raw.fileConfig.level),
        file_path: string::from_c_chars(&raw.fileConfig.file)?,
        file_size_limit_bytes: raw.fileConfig.size,
        callback_level: LogLevel::from(raw.callbackConfig.level),
    })
}

/// Replaces the process-wide logging setup.
///
/// # Errors
/// [`Error::InteriorNul`] or [`Error::InvalidArgument`] for a file path
/// with a NUL byte or longer than 199 bytes;
/// [`Error::NotSupported`] when the library cannot open the file;
/// otherwise the library's error.
#[doc(alias = "mtmlLogSetConfiguration")]
pub fn set_configuration(config: &LogConfiguration) -> Result<()> {
    let mut raw = mtml_sys::MtmlLogConfiguration::default();
    raw.consoleConfig.level = config.console_level.into();
    raw.systemConfig.level = config.system_level.into();
    raw.fileConfig.level = config.file_level.into();
    raw.fileConfig.size = config.file_size_limit_bytes;
    let path = config.file_path.as_bytes();
    if path.contains(&0) {
        return Err(Error::InteriorNul);
    }
    if path.len() >= raw.fileConfig.file.len() {
        return Err(Error::InvalidArgument);
    }
    for (dst, &src) in raw.fileConfig.file.iter_mut().zip(path) {
        *dst = src as c_char;
    }
    raw.callbackConfig.level = config.callback_level.into();
    let has_callback = CALLBACK
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .is_some();
    if config.callback_level != LogLevel::Off && has_callback {
        raw.callbackConfig.callback = Some(trampoline);
    }
    call!(mtmlLogSetConfiguration(&raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trampoline_survives_null_and_bad_bytes() {
        // SAFETY: NULL is handled; the byte string is valid for its length.
        unsafe {
            trampoline(std::ptr::null(), 5);
            trampoline(c"\xff\xfeok".as_ptr(), 5);
        }
    }
}
