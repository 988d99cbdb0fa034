//! Build script of mtml-sim: compiles the simulated libmtml written in C.
//!
//! The recipe:
//! 1. find the C sources (`csrc/*.c`) and the headers (`include/`, which
//!    holds `mtml_sim.h` and a copy of, or link to, the project's `mtml.h`),
//!    and turn the built-in default machine, `configs/default.conf`, into
//!    one more C source (`sim_default_config_text`);
//! 2. compile them once into the static archive `libmtml_sim.a`, which Rust
//!    users of this crate link;
//! 3. link the same objects into the shared library `libmtml.so.2` (plus the
//!    `libmtml.so` link) so that C programs, Python ctypes or any other MTML
//!    client can load the simulator in place of the driver's library;
//! 4. link a reduced variant, `libmtml-reduced.so.2`, that does not export
//!    [`REDUCED_OMITS`]: it stands in for an older driver lacking a function,
//!    so runtime-loading bindings can test their missing-function error;
//! 5. publish where everything is, for dependents (`DEP_MTML_SIM_LIB_DIR`,
//!    `DEP_MTML_SIM_INCLUDE`) and for the crate itself (`MTML_SIM_SHARED_LIB`,
//!    `MTML_SIM_REDUCED_SHARED_LIB`).
//!
//! Environment variables read:
//! - `MTML_SIM_WERROR=1`: treat C compiler warnings as errors (CI sets it).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Versioned file name (and soname) of the shared library, as the driver ships it.
const SHARED_SONAME: &str = "libmtml.so.2";
/// Unversioned development link pointing at [`SHARED_SONAME`].
const SHARED_DEV_LINK: &str = "libmtml.so";
/// File name and soname of the reduced variant (see [`REDUCED_OMITS`]).
const REDUCED_SONAME: &str = "libmtml-reduced.so.2";
/// The function the reduced variant does not export (kept in sync with
/// `REDUCED_LIBRARY_OMITS` in `src/lib.rs`).
const REDUCED_OMITS: &str = "mtmlDeviceGetName";
/// Name of the static archive (`lib<name>.a`).
const STATIC_NAME: &str = "mtml_sim";

fn main() {
    let manifest_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut include_dirs = header_dirs(&manifest_dir);
    // The generated default-config source includes csrc's private header.
    include_dirs.push(manifest_dir.join("csrc"));
    let mut sources = c_sources(&manifest_dir.join("csrc"));
    sources.push(default_config_source(
        &manifest_dir.join("configs").join("default.conf"),
        &out_dir,
    ));
    let werror = env_flag("MTML_SIM_WERROR");

    let archive = compile_static_archive(&sources, &include_dirs, werror, &out_dir);
    let lib_dir = out_dir.join("lib");
    let shared = lib_dir.join(SHARED_SONAME);
    let reduced = lib_dir.join("variants").join(REDUCED_SONAME);
    if builds_elf_shared_library() {
        link_shared_library(&archive, &shared);
        link_reduced_library(&archive, &reduced, &out_dir);
    }

    emit_metadata(&manifest_dir.join("include"), &lib_dir, &shared, &reduced);
}

/// Reads a boolean environment switch (`1`, `true`, `yes`, `on`) and asks
/// cargo to rerun the script when it changes.
fn env_flag(name: &str) -> bool {
    println!("cargo:rerun-if-env-changed={name}");
    matches!(
        env::var(name)
            .map(|v| v.trim().to_ascii_lowercase())
            .as_deref(),
        Ok("1" | "true" | "yes" | "on")
    )
}

/// Include directories: the crate's own `include/` (with `mtml.h` inside it
/// when packaged) and, inside the workspace, the vendored header directory.
fn header_dirs(manifest_dir: &Path) -> Vec<PathBuf> {
    let own = manifest_dir.join("include");
    let vendored = manifest_dir.join("..").join("vendor").join("include");
    let mut dirs = vec![own.clone()];
    if vendored.join("mtml.h").is_file() {
        dirs.push(vendored);
    }
    if !dirs.iter().any(|d| d.join("mtml.h").is_file()) {
        panic!(
            "mtml-sim: cannot find mtml.h; looked in {} and ../vendor/include",
            own.display()
        );
    }
    for dir in &dirs {
        println!("cargo:rerun-if-changed={}", dir.display());
        for header in ["mtml.h", "mtml_sim.h"] {
            let path = dir.join(header);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    dirs
}

/// Every `*.c` file of `csrc/`, sorted so builds are reproducible; also
/// registers the directory and its headers so added or edited files trigger
/// a rebuild.
fn c_sources(csrc: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", csrc.display());
    let entries = match fs::read_dir(csrc) {
        Ok(entries) => entries,
        Err(err) => panic!("mtml-sim: cannot read {}: {err}", csrc.display()),
    };
    let mut sources = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("c") => sources.push(path),
            Some("h") | Some("inc") => println!("cargo:rerun-if-changed={}", path.display()),
            _ => {}
        }
    }
    sources.sort();
    for source in &sources {
        println!("cargo:rerun-if-changed={}", source.display());
    }
    if sources.is_empty() {
        panic!("mtml-sim: no C sources found in {}", csrc.display());
    }
    sources
}

/// Writes `default_config.c` into `out_dir`: the text of `conf` as the C
/// string `sim_default_config_text`, one literal per line.
fn default_config_source(conf: &Path, out_dir: &Path) -> PathBuf {
    println!("cargo:rerun-if-changed={}", conf.display());
    let text = fs::read_to_string(conf)
        .unwrap_or_else(|err| panic!("mtml-sim: cannot read {}: {err}", conf.display()));
    let mut c = String::from(
        "/* Generated by mtml-sim's build.rs from configs/default.conf. */\n\
         #include \"sim_internal.h\"\n\n\
         const char sim_default_config_text[] =\n",
    );
    for line in text.split_inclusive('\n') {
        c.push_str("    \"");
        for ch in line.chars() {
            match ch {
                '\\' => c.push_str("\\\\"),
                '"' => c.push_str("\\\""),
                '\n' => c.push_str("\\n"),
                '\t' => c.push_str("\\t"),
                ch if ch.is_ascii() && !ch.is_ascii_control() => c.push(ch),
                ch => {
                    let mut bytes = [0; 4];
                    for byte in ch.encode_utf8(&mut bytes).bytes() {
                        c.push_str(&format!("\\{byte:03o}"));
                    }
                }
            }
        }
        c.push_str("\"\n");
    }
    c.push_str("    \"\";\n");
    let path = out_dir.join("default_config.c");
    fs::write(&path, c)
        .unwrap_or_else(|err| panic!("mtml-sim: cannot write {}: {err}", path.display()));
    path
}

/// Compiles the sources into `libmtml_sim.a` in `out_dir` and tells cargo to
/// link it (plus the system libraries it needs) into Rust users.
fn compile_static_archive(
    sources: &[PathBuf],
    include_dirs: &[PathBuf],
    werror: bool,
    out_dir: &Path,
) -> PathBuf {
    let mut build = cc::Build::new();
    build
        .files(sources)
        .includes(include_dirs)
        .std("c11")
        .pic(true)
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(werror)
        // Internal helpers stay private to the shared library; every MTML
        // entry point is marked visible by MTML_API in the headers.
        .flag_if_supported("-fvisibility=hidden");
    build.compile(STATIC_NAME);

    for lib in system_libraries() {
        println!("cargo:rustc-link-lib={lib}");
    }
    out_dir.join(format!("lib{STATIC_NAME}.a"))
}

/// System libraries the simulator's C code uses (threads, maths).
fn system_libraries() -> &'static [&'static str] {
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        &[]
    } else {
        &["pthread", "m"]
    }
}

/// The driver's libmtml is an ELF shared library (Linux); only there is the
/// simulator built as one too.
fn builds_elf_shared_library() -> bool {
    !matches!(
        env::var("CARGO_CFG_TARGET_OS").as_deref(),
        Ok("windows" | "macos" | "ios")
    )
}

/// Links the archive into `shared` (`.../libmtml.so.2`, soname
/// `libmtml.so.2`) and creates the `libmtml.so` link beside it.
fn link_shared_library(archive: &Path, shared: &Path) {
    let mut cmd = shared_link_command(archive, shared, SHARED_SONAME);
    run(&mut cmd, "link the shared library");

    let lib_dir = shared.parent().expect("the library path has a directory");
    let link = lib_dir.join(SHARED_DEV_LINK);
    let _ = fs::remove_file(&link);
    make_link(Path::new(SHARED_SONAME), &link);
}

/// Links the reduced variant: the same archive, with a version script that
/// keeps [`REDUCED_OMITS`] out of the dynamic symbol table (the code stays;
/// only the export is gone, as in a driver built before the function).
fn link_reduced_library(archive: &Path, reduced: &Path, out_dir: &Path) {
    let script = out_dir.join("reduced.map");
    let text = format!("{{\n  global: *;\n  local: {REDUCED_OMITS};\n}};\n");
    if let Err(err) = fs::write(&script, text) {
        panic!("mtml-sim: cannot write {}: {err}", script.display());
    }
    let mut cmd = shared_link_command(archive, reduced, REDUCED_SONAME);
    cmd.arg(format!("-Wl,--version-script={}", script.display()));
    run(&mut cmd, "link the reduced shared library");
}

/// The compiler command linking the whole `archive` into the shared library
/// `output` with soname `soname`.
fn shared_link_command(archive: &Path, output: &Path, soname: &str) -> Command {
    let dir = output.parent().expect("the library path has a directory");
    if let Err(err) = fs::create_dir_all(dir) {
        panic!("mtml-sim: cannot create {}: {err}", dir.display());
    }
    let compiler = cc::Build::new().get_compiler();
    let mut cmd: Command = compiler.to_command();
    cmd.arg("-shared")
        .arg(format!("-Wl,-soname,{soname}"))
        // Every symbol must resolve now, not when a client loads the library.
        .arg("-Wl,--no-undefined")
        .arg("-o")
        .arg(output)
        .arg("-Wl,--whole-archive")
        .arg(archive)
        .arg("-Wl,--no-whole-archive");
    for lib in system_libraries() {
        cmd.arg(format!("-l{lib}"));
    }
    cmd
}

/// Creates `link` pointing at `target`, a file name in the same directory
/// (a symlink where the build host has them, else a copy).
fn make_link(target: &Path, link: &Path) {
    #[cfg(unix)]
    let result = std::os::unix::fs::symlink(target, link);
    #[cfg(not(unix))]
    let result = fs::copy(link.with_file_name(target), link).map(|_| ());
    if let Err(err) = result {
        panic!("mtml-sim: cannot create {}: {err}", link.display());
    }
}

/// Runs a command, stopping the build with its output when it fails.
fn run(cmd: &mut Command, what: &str) {
    let output = match cmd.output() {
        Ok(output) => output,
        Err(err) => {
            panic!("mtml-sim: cannot run the C compiler to {what}: {err}\ncommand: {cmd:?}")
        }
    };
    if !output.status.success() {
        panic!(
            "mtml-sim: failed to {what} ({})\ncommand: {cmd:?}\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Tells dependents (`DEP_MTML_SIM_*`) and the crate itself where things are.
fn emit_metadata(include_dir: &Path, lib_dir: &Path, shared: &Path, reduced: &Path) {
    println!("cargo:lib_dir={}", lib_dir.display());
    println!("cargo:include={}", include_dir.display());
    println!("cargo:rustc-env=MTML_SIM_SHARED_LIB={}", shared.display());
    println!(
        "cargo:rustc-env=MTML_SIM_REDUCED_SHARED_LIB={}",
        reduced.display()
    );
    println!("cargo:rustc-env=MTML_SIM_LIB_DIR={}", lib_dir.display());
    println!(
        "cargo:rustc-env=MTML_SIM_INCLUDE_DIR={}",
        include_dir.display()
    );
}
