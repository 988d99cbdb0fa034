//! Build script of mtml-ctests: compiles the C link check and the C
//! conformance program against our `mtml.h` and links them to a libmtml,
//! and the C stress program against the simulator.
//!
//! The recipe:
//! 1. choose the libmtml to link: the directory in `MTML_CTEST_LIB_DIR`
//!    (a real driver install) or else the simulator's shared library from
//!    mtml-sim (`DEP_MTML_SIM_LIB_DIR`);
//! 2. compile each program with the C compiler the `cc` crate detects,
//!    with an rpath to that directory so it runs without `LD_LIBRARY_PATH`;
//! 3. compile the stress program, which drives the simulator's control
//!    interface (`mtml_sim.h`), only when linking the simulator;
//! 4. tell the integration tests where the programs, the header and the
//!    compilers are (`MTML_CTEST_*` variables at compile time).
//!
//! Environment variables read:
//! - `MTML_CTEST_LIB_DIR`: link against the libmtml in this directory;
//! - `MTML_SIM_WERROR=1`: treat C compiler warnings as errors.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let header_dir = manifest_dir.join("..").join("vendor").join("include");
    let list_dir = manifest_dir.join("c");
    let werror = env_flag("MTML_SIM_WERROR");

    let target = library_to_link();
    let programs = [
        ("link_check", manifest_dir.join("link-check")),
        ("conformance", manifest_dir.join("conformance")),
    ];
    for (name, source_dir) in &programs {
        let binary = out_dir.join(name);
        compile_program(
            &c_sources(source_dir),
            &binary,
            &[&header_dir, &list_dir],
            &target,
            werror,
        );
        println!(
            "cargo:rustc-env=MTML_CTEST_{}={}",
            name.to_ascii_uppercase(),
            binary.display()
        );
    }
    let stress = compile_stress_program(&manifest_dir, &out_dir, &header_dir, &target, werror);
    println!(
        "cargo:rustc-env=MTML_CTEST_STRESS={}",
        stress
            .as_deref()
            .map(Path::display)
            .map(|d| d.to_string())
            .unwrap_or_default()
    );
    for dir in [
        &header_dir,
        &list_dir,
        &manifest_dir.join("link-check"),
        &manifest_dir.join("conformance"),
        &manifest_dir.join("stress"),
    ] {
        println!("cargo:rerun-if-changed={}", dir.display());
    }

    emit_test_environment(&header_dir, &target);
}

/// Where the programs get their libmtml from.
struct LinkTarget {
    dir: PathBuf,
    /// True when `MTML_CTEST_LIB_DIR` chose a library (normally a real driver).
    external: bool,
}

/// Reads an environment variable and asks cargo to rerun when it changes.
fn env_var(name: &str) -> Option<String> {
    println!("cargo:rerun-if-env-changed={name}");
    env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Reads a boolean switch (`1`, `true`, `yes`, `on`).
fn env_flag(name: &str) -> bool {
    matches!(
        env_var(name)
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref(),
        Some("1" | "true" | "yes" | "on")
    )
}

/// `MTML_CTEST_LIB_DIR` when set, else the simulator's library directory.
fn library_to_link() -> LinkTarget {
    if let Some(dir) = env_var("MTML_CTEST_LIB_DIR") {
        let dir = PathBuf::from(dir);
        if !dir.join("libmtml.so.2").exists() && !dir.join("libmtml.so").exists() {
            panic!(
                "mtml-ctests: MTML_CTEST_LIB_DIR={} holds neither libmtml.so.2 nor libmtml.so",
                dir.display()
            );
        }
        return LinkTarget {
            dir,
            external: true,
        };
    }
    let dir = env::var("DEP_MTML_SIM_LIB_DIR")
        .expect("mtml-sim publishes its library directory (DEP_MTML_SIM_LIB_DIR)");
    LinkTarget {
        dir: PathBuf::from(dir),
        external: false,
    }
}

/// Compiles `stress/` against the simulator's headers; `None` when the
/// programs link a library from `MTML_CTEST_LIB_DIR`, which has no
/// simulator control functions.
fn compile_stress_program(
    manifest_dir: &Path,
    out_dir: &Path,
    header_dir: &Path,
    target: &LinkTarget,
    werror: bool,
) -> Option<PathBuf> {
    if target.external {
        return None;
    }
    let sim_include = PathBuf::from(
        env::var("DEP_MTML_SIM_INCLUDE")
            .expect("mtml-sim publishes its include directory (DEP_MTML_SIM_INCLUDE)"),
    );
    let binary = out_dir.join("stress");
    compile_program(
        &c_sources(&manifest_dir.join("stress")),
        &binary,
        &[header_dir, &sim_include],
        target,
        werror,
    );
    Some(binary)
}

/// Every `*.c` file of a program's directory, sorted.
fn c_sources(dir: &Path) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => panic!("mtml-ctests: cannot read {}: {err}", dir.display()),
    };
    let mut sources = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        // Sources and local headers alike trigger a rebuild.
        println!("cargo:rerun-if-changed={}", path.display());
        if path.extension().is_some_and(|e| e == "c") {
            sources.push(path);
        }
    }
    sources.sort();
    sources
}

/// Compiles and links one C program from its sources.
fn compile_program(
    sources: &[PathBuf],
    binary: &Path,
    include_dirs: &[&Path],
    target: &LinkTarget,
    werror: bool,
) {
    let compiler = cc::Build::new().get_compiler();
    let mut cmd = compiler.to_command();
    cmd.args(["-std=c11", "-Wall", "-Wextra", "-g", "-O1"]);
    if werror {
        cmd.arg("-Werror");
    }
    for dir in include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd.args(sources).arg("-o").arg(binary);
    cmd.arg(format!("-L{}", target.dir.display()));
    cmd.arg(format!("-Wl,-rpath,{}", target.dir.display()));
    if target.dir.join("libmtml.so.2").exists() {
        cmd.arg("-l:libmtml.so.2");
    } else {
        cmd.arg("-lmtml");
    }
    cmd.args(["-ldl", "-lpthread"]);
    run(&mut cmd, &format!("build {}", binary.display()));
}

/// Runs a command, stopping the build with its output when it fails.
fn run(cmd: &mut Command, what: &str) {
    let output = match cmd.output() {
        Ok(output) => output,
        Err(err) => {
            panic!("mtml-ctests: cannot run the C compiler to {what}: {err}\ncommand: {cmd:?}")
        }
    };
    if !output.status.success() {
        panic!(
            "mtml-ctests: failed to {what} ({})\ncommand: {cmd:?}\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Compile-time facts for the integration tests.
fn emit_test_environment(header_dir: &Path, target: &LinkTarget) {
    let c = cc::Build::new().get_compiler();
    let cpp = cc::Build::new().cpp(true).get_compiler();
    println!(
        "cargo:rustc-env=MTML_CTEST_HEADER_DIR={}",
        header_dir.display()
    );
    println!("cargo:rustc-env=MTML_CTEST_CC={}", c.path().display());
    println!("cargo:rustc-env=MTML_CTEST_CXX={}", cpp.path().display());
    println!(
        "cargo:rustc-env=MTML_CTEST_LINKED_DIR={}",
        target.dir.display()
    );
    println!(
        "cargo:rustc-env=MTML_CTEST_EXTERNAL_LIB={}",
        u8::from(target.external)
    );
}
