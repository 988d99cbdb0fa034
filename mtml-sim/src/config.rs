//! Choosing the simulated machine: the built-in default, validation, and
//! the per-thread "next config" rule.

use std::os::raw::{c_char, c_uint};
use std::ptr;
use std::sync::OnceLock;

use crate::error::{code, ConfigError, Error, Result};
use crate::ffi;
use crate::text::{from_buffer, from_static, to_c_string, MESSAGE_BUFFER_BYTES};

/// Text of the built-in default system, in config-file syntax (the same
/// text as `configs/default.conf`).
#[doc(alias = "mtmlSimDefaultConfig")]
pub fn default_config() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        // SAFETY: mtmlSimDefaultConfig has no preconditions and returns NULL
        // or a pointer to static, NUL-terminated text.
        let ptr = unsafe { (ffi::LINKED.mtmlSimDefaultConfig)() };
        // SAFETY: ptr is NULL or static text, as required by from_static.
        unsafe { from_static(ptr) }.unwrap_or_default()
    })
}

/// Checks configuration text without using it.
///
/// # Errors
/// `INVALID_ARGUMENT` with the simulator's message (naming the line) when
/// the text is not a valid configuration or contains a NUL byte.
#[doc(alias = "mtmlSimValidateConfig")]
pub fn validate_config(text: &str) -> Result<(), ConfigError> {
    let c_text = to_c_string(text, "config text")?;
    call_with_message(|err, len| {
        // SAFETY: c_text is a valid C string; err points to len writable bytes.
        unsafe { (ffi::LINKED.mtmlSimValidateConfig)(c_text.as_ptr(), err, len) }
    })
}

/// Uses `text` as the machine of the next `mtmlLibraryInit` **on the calling
/// thread** (once; later inits fall back to `MTML_SIM_CONFIG` or the
/// default). Other threads are not affected. Setting again replaces a
/// pending config.
///
/// The text goes to every copy of the simulator in the process (the linked
/// one and those loaded at run time, see the `runtime` module), so it reaches
/// whichever copy the next init runs on.
///
/// # Errors
/// As [`validate_config`]; rejected text is never used.
#[doc(alias = "mtmlSimSetNextConfig")]
pub fn set_next_config(text: &str) -> Result<(), ConfigError> {
    let c_text = to_c_string(text, "config text")?;
    for copy in ffi::copies() {
        call_with_message(|err, len| {
            // SAFETY: c_text is a valid C string (copied by the callee); err
            // points to len writable bytes.
            unsafe { (copy.mtmlSimSetNextConfig)(c_text.as_ptr(), err, len) }
        })?;
    }
    Ok(())
}

/// Drops a config pending on the calling thread (see [`set_next_config`]).
///
/// # Errors
/// Whatever code the simulator returns (none expected).
#[doc(alias = "mtmlSimSetNextConfig")]
pub fn clear_next_config() -> Result<()> {
    for copy in ffi::copies() {
        // SAFETY: a NULL config clears the pending one; a NULL error buffer
        // with length 0 is allowed.
        let raw = unsafe { (copy.mtmlSimSetNextConfig)(ptr::null(), ptr::null_mut(), 0) };
        crate::error::check(raw, "clearing the pending config")?;
    }
    Ok(())
}

/// Message of the last failed config load on this thread (empty if none),
/// e.g. why an `mtmlLibraryInit` failed. With several copies of the
/// simulator in the process, the first non-empty message, loaded copies
/// first.
#[doc(alias = "mtmlSimLastConfigError")]
pub fn last_config_error() -> String {
    for copy in ffi::copies() {
        // SAFETY: no preconditions; returns NULL or thread-static text.
        let ptr = unsafe { (copy.mtmlSimLastConfigError)() };
        // SAFETY: ptr is NULL or NUL-terminated text that stays put until the
        // next config load on this thread, which cannot happen during the copy.
        let message = unsafe { from_static(ptr) }.unwrap_or_default();
        if !message.is_empty() {
            return message;
        }
    }
    String::new()
}

/// Calls a C function that reports config errors into a message buffer.
fn call_with_message(call: impl FnOnce(*mut c_char, c_uint) -> u32) -> Result<(), ConfigError> {
    let mut buffer: [c_char; MESSAGE_BUFFER_BYTES] = [0; MESSAGE_BUFFER_BYTES];
    let raw = call(buffer.as_mut_ptr(), MESSAGE_BUFFER_BYTES as c_uint);
    if raw == code::SUCCESS {
        return Ok(());
    }
    let mut message = from_buffer(&buffer);
    if message.is_empty() {
        message = format!(
            "the simulator rejected the configuration ({})",
            code::name(raw)
        );
    }
    Err(Error::new(raw, message))
}
