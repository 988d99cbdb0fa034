//! Reading strings the library writes into caller buffers.
//!
//! Policy: the library's text is untrusted. A buffer without a NUL
//! terminator is rejected with [`Error::UnterminatedString`], and bytes that
//! are not UTF-8 with [`Error::InvalidUtf8`]; both errors keep the text,
//! lossily decoded, so callers that prefer a best-effort value can use it.

use std::ffi::CStr;
use std::os::raw::c_char;

use crate::error::{Error, Result};
use crate::ffi::call;

/// Largest buffer [`read_string`] grows to when the library keeps
/// answering `MTML_ERROR_INSUFFICIENT_SIZE`.
const MAX_STRING_BUFFER: u32 = 64 * 1024;

/// Buffers up to this size live on the stack in [`read_string`]'s first
/// attempt, so a string getter allocates only the `String` it returns.
/// Every `*_BUFFER_SIZE` of the MTML 2.2 header fits.
const STACK_BUFFER: usize = 256;

/// Decodes a NUL-terminated string stored in a fixed C array.
///
/// # Errors
/// [`Error::UnterminatedString`] without a NUL in `chars`,
/// [`Error::InvalidUtf8`] for bytes that are not UTF-8.
pub(crate) fn from_c_chars(chars: &[c_char]) -> Result<String> {
    // SAFETY: `c_char` is `i8` or `u8` depending on the target; both have
    // the size and alignment of `u8` and every bit pattern is a valid `u8`,
    // so the same memory read as bytes is valid for the same lifetime.
    let bytes = unsafe { std::slice::from_raw_parts(chars.as_ptr().cast::<u8>(), chars.len()) };
    from_bytes(bytes)
}

/// Decodes a NUL-terminated byte buffer; see [`from_c_chars`].
pub(crate) fn from_bytes(bytes: &[u8]) -> Result<String> {
    let Some(end) = bytes.iter().position(|&b| b == 0) else {
        return Err(Error::UnterminatedString {
            lossy: String::from_utf8_lossy(bytes).into_owned(),
        });
    };
    let text = &bytes[..end];
    // MTML's strings are ASCII; `is_ascii` checks a word at a time, far
    // cheaper than full UTF-8 validation of short strings.
    if text.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(text) }.to_owned());
    }
    match std::str::from_utf8(text) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(Error::InvalidUtf8 {
            lossy: String::from_utf8_lossy(text).into_owned(),
        }),
    }
}

/// Lets the library fill a string buffer and decodes it.
///
/// `fill(buffer, length)` must call an MTML function writing at most
/// `length` bytes to `buffer`. The buffer starts at `capacity` bytes (the
/// header's `*_BUFFER_SIZE`) and is zeroed; if the library answers
/// `MTML_ERROR_INSUFFICIENT_SIZE` it is doubled and the call repeated, up to
/// 64 KiB. The first attempt uses a stack buffer when `capacity` fits in
/// [`STACK_BUFFER`] bytes; only larger ones are allocated.
///
/// # Errors
/// The library's error, or a decoding error as in [`from_c_chars`].
pub(crate) fn read_string(
    capacity: u32,
    mut fill: impl FnMut(*mut c_char, u32) -> Result<()>,
) -> Result<String> {
    let mut capacity = capacity.max(1);
    if capacity as usize <= STACK_BUFFER {
        let mut buffer = [0 as c_char; STACK_BUFFER];
        match fill(buffer.as_mut_ptr(), capacity) {
            Ok(()) => return from_c_chars(&buffer[..capacity as usize]),
            Err(Error::InsufficientSize) => {
                capacity = capacity.saturating_mul(2).min(MAX_STRING_BUFFER);
            }
            Err(error) => return Err(error),
        }
    }
    loop {
        let mut buffer = vec![0 as c_char; capacity as usize];
        match fill(buffer.as_mut_ptr(), capacity) {
            Ok(()) => return from_c_chars(&buffer),
            Err(Error::InsufficientSize) if capacity < MAX_STRING_BUFFER => {
                capacity = capacity.saturating_mul(2).min(MAX_STRING_BUFFER);
            }
            Err(error) => return Err(error),
        }
    }
}

/// The library's description of a return code (`mtmlErrorString`); `None`
/// when the library answers NULL or (runtime loading) cannot be loaded.
pub(crate) fn error_string(code: u32) -> Option<String> {
    let text = call!(@raw mtmlErrorString(mtml_sys::MtmlReturn(code))).ok()?;
    if text.is_null() {
        return None;
    }
    // SAFETY: mtmlErrorString returns NULL (checked) or a static
    // NUL-terminated string.
    let text = unsafe { CStr::from_ptr(text) };
    Some(text.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(bytes: &[u8]) -> Vec<c_char> {
        bytes.iter().map(|&b| b as c_char).collect()
    }

    #[test]
    fn decodes_up_to_the_first_nul() {
        assert_eq!(
            from_c_chars(&chars(b"MTT S4000\0junk")).unwrap(),
            "MTT S4000"
        );
        assert_eq!(from_c_chars(&chars(b"\0")).unwrap(), "");
        // Text beyond ASCII takes the full UTF-8 check.
        assert_eq!(
            from_c_chars(&chars("S4000 \u{b0}C\0".as_bytes())).unwrap(),
            "S4000 \u{b0}C"
        );
    }

    #[test]
    fn rejects_unterminated_and_bad_utf8_keeping_text() {
        assert_eq!(
            from_c_chars(&chars(b"abc")),
            Err(Error::UnterminatedString {
                lossy: "abc".into()
            })
        );
        assert_eq!(
            from_c_chars(&chars(b"a\xff\xfe\0")),
            Err(Error::InvalidUtf8 {
                lossy: "a\u{fffd}\u{fffd}".into()
            })
        );
    }

    #[test]
    fn read_string_grows_on_insufficient_size() {
        let mut calls = Vec::new();
        let text = read_string(4, |buf, len| {
            calls.push(len);
            if len < 16 {
                return Err(Error::InsufficientSize);
            }
            let src = b"0123456789\0";
            // SAFETY: the helper hands out `len` >= 16 writable bytes.
            unsafe { std::ptr::copy_nonoverlapping(src.as_ptr().cast(), buf, src.len()) };
            Ok(())
        })
        .unwrap();
        assert_eq!(text, "0123456789");
        assert_eq!(calls, vec![4, 8, 16]);
    }

    #[test]
    fn read_string_gives_up_at_the_limit() {
        let result = read_string(MAX_STRING_BUFFER, |_, _| Err(Error::InsufficientSize));
        assert_eq!(result, Err(Error::InsufficientSize));
        let result = read_string(8, |_, _| Err(Error::Timeout));
        assert_eq!(result, Err(Error::Timeout));
    }
}
