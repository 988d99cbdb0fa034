//! Fuzzes the safe layer's handling of untrusted library output: C string
//! decoding, string tables, the string-buffer growth loop and the
//! count-then-get list protocol, with the fuzzer playing the library.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtml::fuzzing;
use mtml::Error;

/// Reads little-endian u32 values from `bytes` (at most `max` of them).
fn words(bytes: &[u8], max: usize) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .take(max)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

/// Keeps codes in the interesting range: success, every MtmlReturn error,
/// 999 and one unknown code.
fn code(raw: u32) -> u32 {
    match raw % 16 {
        13 => 999,
        14 => 77,
        n => n,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 4 {
        0 => match fuzzing::decode_c_string(rest) {
            Ok(text) => {
                let end = rest.iter().position(|&b| b == 0).expect("a NUL was found");
                assert_eq!(text.as_bytes(), &rest[..end]);
            }
            Err(Error::UnterminatedString { .. }) => assert!(!rest.contains(&0)),
            Err(Error::InvalidUtf8 { lossy }) => assert!(!lossy.is_empty()),
            Err(other) => panic!("unexpected error {other:?}"),
        },
        1 => {
            let Some((&entry, table)) = rest.split_first() else {
                return;
            };
            if let Ok(strings) = fuzzing::split_string_table(table, usize::from(entry)) {
                assert!(strings.iter().all(|s| !s.is_empty() && !s.contains('\0')));
            }
        }
        2 => {
            let (head, text) = rest.split_at(rest.len().min(24));
            let values = words(head, 6);
            let capacity = values.first().copied().unwrap_or(1) % 4096;
            let codes: Vec<u32> = values.iter().skip(1).map(|&c| code(c)).collect();
            if let Ok(decoded) = fuzzing::read_string_from(capacity, &codes, text) {
                assert!(!decoded.contains('\0'));
                assert!(decoded.len() <= text.len());
            }
        }
        _ => {
            let values = words(rest, 12);
            let max = 64;
            let counts: Vec<u32> = values.iter().take(4).map(|&c| c % 100).collect();
            let fills: Vec<u32> = values.iter().skip(4).take(4).map(|&f| f % 100).collect();
            let codes: Vec<u32> = values.iter().skip(8).map(|&c| code(c)).collect();
            if let Ok(list) = fuzzing::count_then_get_from(max, &counts, &fills, &codes) {
                assert!(list.len() <= max as usize);
                // Entries are the indices they were written at, in order.
                assert!(list.iter().enumerate().all(|(i, &v)| v == i as u32));
            }
        }
    }
});
