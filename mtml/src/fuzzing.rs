//! Entry points for the fuzz targets in the repository's `fuzz/` directory.
//!
//! Not part of the API (hidden from the docs, no stability promise): they
//! expose the crate's handling of untrusted library output, the C string
//! decoding, the string-buffer growth loop and the count-then-get list
//! protocol, to a fuzzer that plays the library.

use std::os::raw::c_char;

use crate::error::{Error, Result};

/// Decodes a NUL-terminated C string buffer as every string answer is.
pub fn decode_c_string(bytes: &[u8]) -> Result<String> {
    crate::string::from_bytes(bytes)
}

/// Splits a table of `entry_len`-byte C strings as the virtual device UUID
/// list is; an `entry_len` of 0 is treated as 1.
pub fn split_string_table(bytes: &[u8], entry_len: usize) -> Result<Vec<String>> {
    let chars: Vec<c_char> = bytes.iter().map(|&b| b as c_char).collect();
    crate::virt::split_uuid_table(&chars, entry_len.max(1))
}

/// Runs the string-buffer loop against a fake library: each call answers
/// the next code of `codes` (0 = success; past the end, success) and on
/// success writes `text` into the buffer, truncated to the buffer's length.
pub fn read_string_from(capacity: u32, codes: &[u32], text: &[u8]) -> Result<String> {
    let mut answers = codes.iter();
    crate::string::read_string(capacity, |buffer, length| {
        let code = answers.next().copied().unwrap_or(0);
        if let Some(error) = Error::from_raw(code) {
            return Err(error);
        }
        let n = text.len().min(length as usize);
        // SAFETY: read_string hands out `length` writable bytes at `buffer`
        // and `n <= length`.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buffer, n) };
        Ok(())
    })
}

/// Runs the count-then-get protocol against a fake library: `counts` are
/// the successive counts it reports, `fills` how many entries each get call
/// writes (bounded by the buffer) and `codes` what each get call answers.
/// Returns the entries (each the index it was written at).
pub fn count_then_get_from(
    max: u32,
    counts: &[u32],
    fills: &[u32],
    codes: &[u32],
) -> Result<Vec<u32>> {
    let mut counts = counts.iter();
    let mut fills = fills.iter();
    let mut codes = codes.iter();
    crate::list::count_then_get::<u32>(
        max,
        |count| {
            *count = counts.next().copied().unwrap_or(0);
            Ok(())
        },
        |n, buffer| {
            let fill = fills.next().copied().unwrap_or(n).min(n);
            for i in 0..fill {
                // SAFETY: count_then_get hands out exactly `n` entries and
                // `i < fill <= n`.
                unsafe { *buffer.add(i as usize) = i };
            }
            match Error::from_raw(codes.next().copied().unwrap_or(0)) {
                Some(error) => Err(error),
                None => Ok(()),
            }
        },
    )
}
