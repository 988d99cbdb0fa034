//! The error type of this crate: a raw `MtmlReturn` code plus a message.

use std::fmt;

/// Raw `MtmlReturn` values, for building fault rules and reading errors
/// without depending on `mtml-sys`.
pub mod code {
    /// `MTML_SUCCESS`.
    pub const SUCCESS: u32 = 0;
    /// `MTML_ERROR_DRIVER_NOT_LOADED`.
    pub const DRIVER_NOT_LOADED: u32 = 1;
    /// `MTML_ERROR_DRIVER_FAILURE`.
    pub const DRIVER_FAILURE: u32 = 2;
    /// `MTML_ERROR_INVALID_ARGUMENT`.
    pub const INVALID_ARGUMENT: u32 = 3;
    /// `MTML_ERROR_NOT_SUPPORTED`.
    pub const NOT_SUPPORTED: u32 = 4;
    /// `MTML_ERROR_NO_PERMISSION`.
    pub const NO_PERMISSION: u32 = 5;
    /// `MTML_ERROR_INSUFFICIENT_SIZE`.
    pub const INSUFFICIENT_SIZE: u32 = 6;
    /// `MTML_ERROR_NOT_FOUND`.
    pub const NOT_FOUND: u32 = 7;
    /// `MTML_ERROR_INSUFFICIENT_MEMORY`.
    pub const INSUFFICIENT_MEMORY: u32 = 8;
    /// `MTML_ERROR_DRIVER_TOO_OLD`.
    pub const DRIVER_TOO_OLD: u32 = 9;
    /// `MTML_ERROR_DRIVER_TOO_NEW`.
    pub const DRIVER_TOO_NEW: u32 = 10;
    /// `MTML_ERROR_TIMEOUT`.
    pub const TIMEOUT: u32 = 11;
    /// `MTML_ERROR_RESOURCE_IS_BUSY`.
    pub const RESOURCE_IS_BUSY: u32 = 12;
    /// `MTML_ERROR_UNKNOWN`.
    pub const UNKNOWN: u32 = 999;

    /// The C name of a raw code, or `"MTML_ERROR_<unrecognised>"`.
    pub fn name(code: u32) -> &'static str {
        match code {
            SUCCESS => "MTML_SUCCESS",
            DRIVER_NOT_LOADED => "MTML_ERROR_DRIVER_NOT_LOADED",
            DRIVER_FAILURE => "MTML_ERROR_DRIVER_FAILURE",
            INVALID_ARGUMENT => "MTML_ERROR_INVALID_ARGUMENT",
            NOT_SUPPORTED => "MTML_ERROR_NOT_SUPPORTED",
            NO_PERMISSION => "MTML_ERROR_NO_PERMISSION",
            INSUFFICIENT_SIZE => "MTML_ERROR_INSUFFICIENT_SIZE",
            NOT_FOUND => "MTML_ERROR_NOT_FOUND",
            INSUFFICIENT_MEMORY => "MTML_ERROR_INSUFFICIENT_MEMORY",
            DRIVER_TOO_OLD => "MTML_ERROR_DRIVER_TOO_OLD",
            DRIVER_TOO_NEW => "MTML_ERROR_DRIVER_TOO_NEW",
            TIMEOUT => "MTML_ERROR_TIMEOUT",
            RESOURCE_IS_BUSY => "MTML_ERROR_RESOURCE_IS_BUSY",
            UNKNOWN => "MTML_ERROR_UNKNOWN",
            _ => "MTML_ERROR_<unrecognised>",
        }
    }
}

/// A failed simulator call: the raw `MtmlReturn` code and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: u32,
    message: String,
}

/// A configuration that the simulator rejected; the message names the line.
pub type ConfigError = Error;

/// Result of the simulator control functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with a raw code and a message.
    pub fn new(code: u32, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
        }
    }

    /// The raw `MtmlReturn` code (see [`code`]).
    pub fn code(&self) -> u32 {
        self.code
    }

    /// The message, for configuration errors the simulator's own text naming the line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For configuration errors: the 1-based line the message names, if any
    /// (the first number following the word `line` or a `:`).
    pub fn line(&self) -> Option<u32> {
        line_in_message(&self.message)
    }
}

/// Finds a line number in messages like `line 12: ...` or `file.conf:12: ...`.
fn line_in_message(message: &str) -> Option<u32> {
    let lower = message.to_ascii_lowercase();
    if let Some(pos) = lower.find("line") {
        let digits: String = lower[pos + 4..]
            .trim_start_matches([' ', '\t', ':'])
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(line) = digits.parse() {
            return Some(line);
        }
    }
    lower.split(':').skip(1).find_map(|part| {
        let part = part.trim();
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    })
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, code {})",
            self.message,
            code::name(self.code),
            self.code
        )
    }
}

impl std::error::Error for Error {}

/// Turns a raw return code into `Ok(())` or an [`Error`] whose message says
/// which operation failed.
pub(crate) fn check(raw: u32, operation: &str) -> Result<()> {
    if raw == code::SUCCESS {
        Ok(())
    } else {
        Err(Error::new(raw, format!("{operation} failed")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_numbers_in_common_message_shapes() {
        assert_eq!(line_in_message("line 12: unknown key"), Some(12));
        assert_eq!(line_in_message("mtml-sim: <config>:7: bad value"), Some(7));
        assert_eq!(line_in_message("Line: 3 broken"), Some(3));
        assert_eq!(line_in_message("no number here"), None);
    }

    #[test]
    fn display_names_the_code() {
        let err = Error::new(code::NOT_FOUND, "lookup failed");
        assert_eq!(
            err.to_string(),
            "lookup failed (MTML_ERROR_NOT_FOUND, code 7)"
        );
        assert_eq!(code::name(12345), "MTML_ERROR_<unrecognised>");
    }
}
