//! The simulator is also built as a shared libmtml.so.2 any client can load.

use std::fs;
use std::path::Path;

/// Reads the DT_SONAME entry of a 64-bit little-endian ELF file.
fn elf_soname(bytes: &[u8]) -> Option<String> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let u64_at = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    if bytes.get(..4)? != b"\x7fELF" || bytes.get(4)? != &2 || bytes.get(5)? != &1 {
        return None;
    }
    let section_headers = usize::try_from(u64_at(0x28)?).ok()?;
    let entry_size = usize::from(u16_at(0x3A)?);
    let count = usize::from(u16_at(0x3C)?);
    let section = |i: usize| section_headers + i * entry_size;
    for i in 0..count {
        const SHT_DYNAMIC: u32 = 6;
        if u32_at(section(i) + 4)? != SHT_DYNAMIC {
            continue;
        }
        let offset = usize::try_from(u64_at(section(i) + 0x18)?).ok()?;
        let size = usize::try_from(u64_at(section(i) + 0x20)?).ok()?;
        let strings = usize::try_from(u32_at(section(i) + 0x28)?).ok()?;
        let strings_offset = usize::try_from(u64_at(section(strings) + 0x18)?).ok()?;
        for entry in (offset..offset + size).step_by(16) {
            const DT_SONAME: u64 = 14;
            if u64_at(entry)? == DT_SONAME {
                let start = strings_offset + usize::try_from(u64_at(entry + 8)?).ok()?;
                let end = start + bytes.get(start..)?.iter().position(|&b| b == 0)?;
                return Some(String::from_utf8_lossy(&bytes[start..end]).into_owned());
            }
        }
    }
    None
}

#[test]
fn shared_library_exists_with_the_driver_soname() {
    let path = mtml_sim::shared_library_path();
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("libmtml.so.2")
    );
    assert_eq!(path.parent(), Some(mtml_sim::shared_library_dir()));
    let bytes = fs::read(path).expect("libmtml.so.2 exists");
    if cfg!(all(target_pointer_width = "64", target_endian = "little")) {
        assert_eq!(elf_soname(&bytes).as_deref(), Some("libmtml.so.2"));
    }
}

#[test]
fn development_link_points_at_the_versioned_library() {
    let link = mtml_sim::shared_library_dir().join("libmtml.so");
    let target = fs::read_link(&link).expect("libmtml.so is a symlink");
    assert_eq!(target, Path::new("libmtml.so.2"));
}

#[test]
fn include_dir_holds_both_headers() {
    let dir = mtml_sim::include_dir();
    assert!(dir.join("mtml_sim.h").is_file());
    assert!(dir.join("mtml.h").is_file());
}

#[test]
fn shared_library_exports_every_function() {
    let bytes = fs::read(mtml_sim::shared_library_path()).expect("library");
    for name in mtml_sim::function_names() {
        let needle = format!("{name}\0");
        assert!(
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{name} appears in the library's symbol table"
        );
    }
}
