//! Every function of `mtml.h` must be called through the crate's call
//! macro somewhere in `src/`. Prints "N/M wrapped" and the missing ones.

use std::collections::BTreeSet;
use std::path::Path;

/// Names of the functions the header declares (lines with `MTML_API`).
fn header_functions() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("../vendor/include/mtml.h")).unwrap();
    header
        .lines()
        .filter(|line| line.contains("MTML_API") && !line.trim_start().starts_with('#'))
        .filter_map(|line| {
            let start = line.find("mtml")?;
            let rest = &line[start..];
            let end = rest.find('(')?;
            Some(rest[..end].trim().to_owned())
        })
        .collect()
}

/// Names called as `call!(mtmlX(`, `call!(@raw mtmlX(` or
/// `call_out!(mtmlX(` in `src/`.
fn wrapped_functions() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let calls = text
            .match_indices("call!(")
            .chain(text.match_indices("call_out!("));
        for (index, pattern) in calls {
            let rest = text[index + pattern.len()..].trim_start();
            let rest = rest.strip_prefix("@raw").unwrap_or(rest).trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.starts_with("mtml") && rest[name.len()..].starts_with('(') {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_header_function_is_wrapped() {
    let declared = header_functions();
    assert!(
        declared.len() >= 115,
        "parsed only {} functions",
        declared.len()
    );
    let wrapped = wrapped_functions();
    let missing: Vec<_> = declared.difference(&wrapped).collect();
    println!(
        "{}/{} wrapped",
        declared.len() - missing.len(),
        declared.len()
    );
    for name in &missing {
        println!("not wrapped: {name}");
    }
    let unknown: Vec<_> = wrapped.difference(&declared).collect();
    assert!(
        unknown.is_empty(),
        "calls to functions not in the header: {unknown:?}"
    );
    assert!(missing.is_empty(), "not wrapped: {missing:?}");
}
