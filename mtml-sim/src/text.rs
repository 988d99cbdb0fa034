//! Passing text to and from the simulator's C functions.

use std::ffi::CString;
use std::os::raw::c_char;

use crate::error::{code, Error, Result};

/// Size of the buffers handed to C for error messages.
pub(crate) const MESSAGE_BUFFER_BYTES: usize = 512;

/// Longest static text read back from C (the default configuration is the
/// largest); a missing terminator beyond this is treated as the end.
const MAX_STATIC_TEXT_BYTES: usize = 1 << 20;

/// Converts Rust text into a C string, refusing interior NUL bytes with an
/// `INVALID_ARGUMENT` error that says what was being passed.
pub(crate) fn to_c_string(text: &str, what: &str) -> Result<CString> {
    CString::new(text).map_err(|err| {
        Error::new(
            code::INVALID_ARGUMENT,
            format!(
                "{what} contains a NUL byte at offset {}",
                err.nul_position()
            ),
        )
    })
}

/// Text in a buffer C filled: up to the first NUL (or the whole buffer when
/// C left it unterminated), invalid UTF-8 replaced.
pub(crate) fn from_buffer(buffer: &[c_char]) -> String {
    let bytes: Vec<u8> = buffer
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Reads static, NUL-terminated text returned by C. `None` for a NULL
/// pointer. Reading stops at [`MAX_STATIC_TEXT_BYTES`] even without a NUL.
///
/// # Safety
/// `ptr` is NULL or points to readable, unchanging memory that holds a NUL
/// within `MAX_STATIC_TEXT_BYTES` bytes or is at least that long.
pub(crate) unsafe fn from_static(ptr: *const c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    let mut len = 0;
    // SAFETY: the caller guarantees every byte up to the terminator (or the
    // bound) is readable; we stop at the first NUL.
    while len < MAX_STATIC_TEXT_BYTES && unsafe { *ptr.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: the `len` bytes just scanned are readable and unchanging.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    Some(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_without_terminator_is_read_whole() {
        let buffer = [b'a' as c_char, b'b' as c_char];
        assert_eq!(from_buffer(&buffer), "ab");
        let buffer = [b'a' as c_char, 0, b'b' as c_char];
        assert_eq!(from_buffer(&buffer), "a");
        let buffer = [0xFFu8 as c_char, b'x' as c_char, 0];
        assert_eq!(from_buffer(&buffer), "\u{FFFD}x");
    }

    #[test]
    fn interior_nul_is_an_invalid_argument() {
        let err = to_c_string("a\0b", "config text").unwrap_err();
        assert_eq!(err.code(), code::INVALID_ARGUMENT);
        assert!(err.message().contains("offset 1"), "{err}");
    }
}
