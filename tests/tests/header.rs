//! mtml.h compiles on its own, as C99 and as C++, without warnings.

use std::path::Path;
use std::process::Command;

use mtml_ctests::{c_compiler, cxx_compiler, header_dir};

/// Compiles a one-line translation unit including mtml.h; `None` when the
/// compiler is not installed.
fn compile(compiler: &str, language: &str, standard: &str) -> Option<(bool, String)> {
    let dir = std::env::temp_dir().join(format!(
        "mtml-ctests-header-{}-{language}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let extension = if language == "c++" { "cpp" } else { "c" };
    let source = dir.join(format!("only_header.{extension}"));
    std::fs::write(
        &source,
        "#include \"mtml.h\"\nint mtml_header_probe(void) { return (int)MTML_SUCCESS; }\n",
    )
    .expect("write source");
    let output = Command::new(compiler)
        .args([
            "-x",
            language,
            standard,
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-c",
        ])
        .arg("-I")
        .arg(header_dir())
        .arg(&source)
        .arg("-o")
        .arg(dir.join("only_header.o"))
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let output = output.ok()?;
    Some((
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

fn installed(compiler: &str) -> bool {
    Command::new(compiler)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn header_compiles_as_c99() {
    assert!(Path::new(header_dir()).join("mtml.h").is_file());
    let (ok, stderr) = compile(c_compiler(), "c", "-std=c99").expect("the C compiler runs");
    assert!(ok, "mtml.h as C99:\n{stderr}");
}

#[test]
fn header_compiles_as_cxx() {
    if !installed(cxx_compiler()) {
        eprintln!("no C++ compiler ({}); skipped", cxx_compiler());
        return;
    }
    let (ok, stderr) = compile(cxx_compiler(), "c++", "-std=c++11").expect("the C++ compiler runs");
    assert!(ok, "mtml.h as C++11:\n{stderr}");
}
