//! The count-then-get list protocol shared by many MTML queries.
//!
//! MTML returns lists in two calls: `mtmlXxxCount(.., &count)` then
//! `mtmlXxxGet(.., count, buffer)`. [`count_then_get`] does both with a
//! sanity cap on the count, a zeroed buffer of exactly `count` elements,
//! and a retry when the list grew in between (`MTML_ERROR_INSUFFICIENT_SIZE`).
//!
//! The C interface gives no way to learn how many entries the get call
//! really filled. A library whose count is larger than what its get call
//! then fills (seen with the simulator's `count_inflated` hostile mode)
//! would otherwise hand back made-up trailing entries: zeroed structs, or
//! NULL handles that fail the whole list. So the buffer starts with every
//! byte 0xFF, a pattern no MTML entry has (it would be a handle at the
//! last byte of the address space, or ids, sizes and counts of
//! `u32::MAX`), and trailing entries still holding it are dropped.

use std::os::raw::c_char;

use crate::error::{Error, Result};

/// How often the count is read again when the get call reports that the
/// list grew.
const MAX_ATTEMPTS: u32 = 3;

/// Element types MTML fills in list buffers: plain C data for which every
/// byte pattern is a valid value.
///
/// # Safety
/// Implement only for types whose every byte pattern (all-zero, all-0xFF,
/// anything) forms a valid value.
pub(crate) unsafe trait Plain: Copy {}

// SAFETY: any address is a valid raw pointer value.
unsafe impl<T> Plain for *mut T {}
// SAFETY: any address is a valid raw pointer value.
unsafe impl<T> Plain for *const T {}
// SAFETY: any byte is a valid c_char; arrays of valid values are valid.
unsafe impl<const N: usize> Plain for [c_char; N] {}
// SAFETY: any bit pattern is a valid integer.
unsafe impl Plain for u32 {}

macro_rules! plain_structs {
    ($($ty:ident),* $(,)?) => {
        // SAFETY: bindgen structs of integers, floats, char arrays and
        // enum newtypes over integers (none of these holds a reference,
        // bool or function pointer), so every byte pattern is valid.
        $( unsafe impl Plain for mtml_sys::$ty {} )*
    };
}
plain_structs!(
    MtmlMpcProfile,
    MtmlMpcConfiguration,
    MtmlVirtType,
    MtmlMtLinkLayout,
    MtmlPageRetirement,
    MtmlDispIntfSpec,
    MtmlCodecSessionMetrics,
    MtmlCodecSessionState,
);

/// Byte every entry of a fresh list buffer is filled with.
const UNFILLED: u8 = 0xFF;

/// A buffer of `len` entries whose every byte (padding included) is
/// [`UNFILLED`].
fn unfilled_buffer<T: Plain>(len: usize) -> Vec<T> {
    let mut buffer = Vec::<T>::with_capacity(len);
    // SAFETY: the capacity holds `len` entries; every byte is written
    // before `set_len`, and the trait's contract makes any byte pattern a
    // valid value.
    unsafe {
        std::ptr::write_bytes(buffer.as_mut_ptr(), UNFILLED, len);
        buffer.set_len(len);
    }
    buffer
}

/// Whether `entry` still holds only [`UNFILLED`] bytes.
fn is_unfilled<T: Plain>(entry: &T) -> bool {
    // SAFETY: `entry` is a valid reference to `size_of::<T>()` bytes, all
    // initialised: the buffer was filled byte by byte, then written by the
    // library (foreign writes leave initialised bytes).
    let bytes = unsafe {
        std::slice::from_raw_parts((entry as *const T).cast::<u8>(), std::mem::size_of::<T>())
    };
    bytes.iter().all(|&b| b == UNFILLED)
}

/// Drops the trailing entries the library did not write.
fn trim_unfilled<T: Plain>(buffer: &mut Vec<T>) {
    while buffer.last().is_some_and(is_unfilled) {
        buffer.pop();
    }
}

/// Checks a count from the library against `max`.
///
/// # Errors
/// [`Error::CountTooLarge`] when `count > max`.
pub(crate) fn check_count(count: u32, max: u32) -> Result<usize> {
    if count > max {
        return Err(Error::CountTooLarge);
    }
    usize::try_from(count).map_err(|_| Error::CountTooLarge)
}

/// Runs the count-then-get protocol.
///
/// `count` writes the number of entries; `get(n, buffer)` fills `buffer`,
/// which holds exactly `n` entries preset to a pattern no real entry has;
/// trailing entries the call leaves untouched are dropped. A zero count
/// skips the get call.
///
/// # Errors
/// The library's error from either call, [`Error::CountTooLarge`] when the
/// count exceeds `max`, or [`Error::InsufficientSize`] when the list keeps
/// growing between the two calls.
pub(crate) fn count_then_get<T: Plain>(
    max: u32,
    mut count: impl FnMut(&mut u32) -> Result<()>,
    mut get: impl FnMut(u32, *mut T) -> Result<()>,
) -> Result<Vec<T>> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut n = 0u32;
        count(&mut n)?;
        let len = check_count(n, max)?;
        if len == 0 {
            return Ok(Vec::new());
        }
        let mut buffer = unfilled_buffer::<T>(len);
        match get(n, buffer.as_mut_ptr()) {
            Ok(()) => {
                trim_unfilled(&mut buffer);
                return Ok(buffer);
            }
            Err(Error::InsufficientSize) if attempt < MAX_ATTEMPTS => continue,
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_exactly_count_entries() {
        let list = count_then_get::<u32>(
            10,
            |n| {
                *n = 3;
                Ok(())
            },
            |n, buf| {
                assert_eq!(n, 3);
                for i in 0..n as usize {
                    // SAFETY: the helper hands out `n` entries.
                    unsafe { *buf.add(i) = 10 + i as u32 };
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(list, vec![10, 11, 12]);
    }

    #[test]
    fn zero_count_skips_get_and_cap_is_enforced() {
        let empty = count_then_get::<u32>(10, |_| Ok(()), |_, _| panic!("no get for 0")).unwrap();
        assert!(empty.is_empty());
        let err = count_then_get::<u32>(
            10,
            |n| {
                *n = 11;
                Ok(())
            },
            |_, _| Ok(()),
        );
        assert_eq!(err, Err(Error::CountTooLarge));
        assert_eq!(check_count(10, 10), Ok(10));
    }

    /// Regression (hostile mode `count_inflated`): a count larger than
    /// what the get call fills must not produce made-up entries.
    #[test]
    fn drops_entries_the_library_did_not_fill() {
        let list = count_then_get::<u32>(
            10,
            |n| {
                *n = 5;
                Ok(())
            },
            |_, buf| {
                for i in 0..3 {
                    // SAFETY: the helper hands out 5 entries.
                    unsafe { *buf.add(i) = i as u32 };
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(list, vec![0, 1, 2]);
        let handles = count_then_get::<*mut u8>(
            10,
            |n| {
                *n = 3;
                Ok(())
            },
            |_, buf| {
                // SAFETY: the helper hands out 3 entries.
                unsafe { *buf = std::ptr::null_mut() };
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(handles, vec![std::ptr::null_mut()]);
    }

    #[test]
    fn retries_when_the_list_grows() {
        let size = std::cell::Cell::new(1);
        let list = count_then_get::<u32>(
            10,
            |n| {
                *n = size.get();
                Ok(())
            },
            |n, buf| {
                if n < 3 {
                    size.set(size.get() + 1);
                    return Err(Error::InsufficientSize);
                }
                for i in 0..n as usize {
                    // SAFETY: the helper hands out `n` entries.
                    unsafe { *buf.add(i) = 7 };
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        let always = count_then_get::<u32>(
            10,
            |n| {
                *n = 1;
                Ok(())
            },
            |_, _| Err(Error::InsufficientSize),
        );
        assert_eq!(always, Err(Error::InsufficientSize));
    }
}
