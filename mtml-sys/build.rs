//! Build script of mtml-sys.
//!
//! The recipe, one function per step:
//! 1. [`choose_header`]: the driver's `mtml.h` from `MTML_INCLUDE_DIR`, or the
//!    copy this crate carries in `include/`;
//! 2. [`write_bindings`]: run bindgen on it, or, when libclang cannot be
//!    loaded and the bundled header is in use, take the checked-in
//!    `src/bindings/pregenerated.rs`; with the `runtime-loading` feature
//!    also the function table for loading libmtml at run time
//!    (`src/bindings/pregenerated_dynamic.rs` as its fallback);
//! 3. [`link_library`]: find libmtml and tell cargo how to link it (nothing
//!    at all with the `sim` or `runtime-loading` feature or on docs.rs);
//! 4. metadata for dependents: `DEP_MTML_INCLUDE` and `DEP_MTML_LIB_DIR`.
//!
//! Every environment variable a user can set is read through [`env_var`],
//! which also registers it with `cargo:rerun-if-env-changed`.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use bindgen::callbacks::ParseCallbacks;
use bindgen::{EnumVariation, Formatter, RustEdition, RustTarget};

/// Name of the header file, in every include directory.
const HEADER_NAME: &str = "mtml.h";
/// Checked-in bindings, relative to the crate root.
const PREGENERATED: &str = "src/bindings/pregenerated.rs";
/// Checked-in function table for runtime loading, relative to the crate root.
const PREGENERATED_DYNAMIC: &str = "src/bindings/pregenerated_dynamic.rs";
/// Name of the generated struct holding one pointer per MTML function.
const DYNAMIC_TABLE: &str = "MtmlApi";
/// Oldest Rust the generated code must compile with (the workspace MSRV).
const RUST_TARGET_MINOR: u64 = 77;
/// Library name as the linker knows it (`libmtml.so`, `libmtml.a`).
const LIB_NAME: &str = "mtml";
/// The versioned shared library the driver installs; sometimes the only file.
const VERSIONED_SO: &str = "libmtml.so.2";

/// Directories the Moore Threads driver and MUSA toolkit install libmtml into,
/// searched after `MTML_LIB_DIR` and pkg-config.
const STANDARD_LIB_DIRS: &[&str] = &[
    "/usr/lib",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/local/musa/lib",
];

fn main() {
    let manifest_dir = PathBuf::from(cargo_var("CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(cargo_var("OUT_DIR"));

    let header = choose_header(&manifest_dir);
    let source = write_bindings(&header, &manifest_dir, &out_dir);
    println!(
        "cargo:rustc-env=MTML_SYS_BINDINGS_SOURCE={}",
        source.marker()
    );
    println!("cargo:include={}", header.dir.display());

    if let Some(lib_dir) = link_library() {
        println!("cargo:lib_dir={}", lib_dir.display());
    }
}

// ---------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------

/// Reads a user-settable environment variable and asks cargo to rerun this
/// script when it changes. Empty values count as unset.
fn env_var(name: &str) -> Option<String> {
    println!("cargo:rerun-if-env-changed={name}");
    env::var(name).ok().filter(|value| !value.trim().is_empty())
}

/// Reads a boolean switch through [`env_var`]: `1`, `true`, `yes`, `on` are
/// true, `0`, `false`, `no`, `off` false; anything else stops the build.
fn env_flag(name: &str) -> Option<bool> {
    let value = env_var(name)?;
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        other => panic!("mtml-sys: {name}={other:?} is not a boolean; use 1 or 0"),
    }
}

/// Reads a variable cargo itself sets for build scripts (never changes
/// between runs, so it needs no rerun registration).
fn cargo_var(name: &str) -> String {
    env::var(name).unwrap_or_else(|_| panic!("mtml-sys: cargo did not set {name}"))
}

/// Whether cargo enabled feature `name` of this crate.
fn feature(name: &str) -> bool {
    let name = name.to_ascii_uppercase().replace('-', "_");
    env::var_os(format!("CARGO_FEATURE_{name}")).is_some()
}

// ---------------------------------------------------------------------------
// Step 1: the header
// ---------------------------------------------------------------------------

/// The header bindgen reads.
struct Header {
    /// Full path of `mtml.h`.
    path: PathBuf,
    /// Directory holding it (published as `DEP_MTML_INCLUDE`).
    dir: PathBuf,
    /// True for the driver's header named by `MTML_INCLUDE_DIR`.
    external: bool,
}

/// Picks `$MTML_INCLUDE_DIR/mtml.h` when that variable is set, else the
/// header bundled with the crate.
fn choose_header(manifest_dir: &Path) -> Header {
    if let Some(dir) = env_var("MTML_INCLUDE_DIR") {
        let dir = PathBuf::from(dir);
        let path = dir.join(HEADER_NAME);
        if !path.is_file() {
            panic!(
                "mtml-sys: MTML_INCLUDE_DIR is set to {}, but {} does not exist there.\n\
                 Point it at the directory holding the driver's mtml.h, or unset it to use \
                 the header bundled with mtml-sys.",
                dir.display(),
                HEADER_NAME
            );
        }
        println!("cargo:rerun-if-changed={}", path.display());
        return Header {
            path,
            dir,
            external: true,
        };
    }
    let dir = bundled_include_dir(manifest_dir);
    let path = dir.join(HEADER_NAME);
    println!("cargo:rerun-if-changed={}", path.display());
    Header {
        path,
        dir,
        external: false,
    }
}

/// The crate's `include/` directory. In a checkout without symlink support
/// `include/mtml.h` is a small text file naming its target; then the
/// workspace's `vendor/include` is used directly.
fn bundled_include_dir(manifest_dir: &Path) -> PathBuf {
    let own = manifest_dir.join("include");
    if looks_like_header(&own.join(HEADER_NAME)) {
        return own;
    }
    let vendored = manifest_dir.join("..").join("vendor").join("include");
    if looks_like_header(&vendored.join(HEADER_NAME)) {
        return vendored;
    }
    panic!(
        "mtml-sys: the bundled header is missing: neither {} nor {} is a readable mtml.h",
        own.join(HEADER_NAME).display(),
        vendored.join(HEADER_NAME).display()
    );
}

/// True when `path` is a readable file with the MTML include guard.
fn looks_like_header(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| text.contains("#define MTML_H_"))
}

// ---------------------------------------------------------------------------
// Step 2: the bindings
// ---------------------------------------------------------------------------

/// Where `$OUT_DIR/bindings.rs` came from; tests read it through the
/// `MTML_SYS_BINDINGS_SOURCE` compile-time variable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BindingsSource {
    /// Fresh bindgen output for the bundled header.
    BindgenBundled,
    /// Fresh bindgen output for the header named by `MTML_INCLUDE_DIR`.
    BindgenExternal,
    /// The checked-in copy (libclang could not be loaded).
    Pregenerated,
}

impl BindingsSource {
    fn marker(self) -> &'static str {
        match self {
            BindingsSource::BindgenBundled => "bindgen-bundled",
            BindingsSource::BindgenExternal => "bindgen-external",
            BindingsSource::Pregenerated => "pregenerated",
        }
    }
}

/// One file of generated bindings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Types, constants and `extern` declarations (`bindings.rs`).
    Linked,
    /// The `MtmlApi` table of function pointers for runtime loading
    /// (`bindings_dynamic.rs`); it refers to the types of [`Output::Linked`].
    Dynamic,
}

impl Output {
    /// File name in `OUT_DIR`.
    fn file_name(self) -> &'static str {
        match self {
            Output::Linked => "bindings.rs",
            Output::Dynamic => "bindings_dynamic.rs",
        }
    }

    /// The checked-in copy, relative to the crate root.
    fn pregenerated(self) -> &'static str {
        match self {
            Output::Linked => PREGENERATED,
            Output::Dynamic => PREGENERATED_DYNAMIC,
        }
    }
}

/// Writes `$OUT_DIR/bindings.rs` (and, with the `runtime-loading` feature,
/// `$OUT_DIR/bindings_dynamic.rs`) and returns where they came from.
fn write_bindings(header: &Header, manifest_dir: &Path, out_dir: &Path) -> BindingsSource {
    let mut outputs = vec![Output::Linked];
    if feature("runtime-loading") {
        outputs.push(Output::Dynamic);
    }
    for output in &outputs {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(output.pregenerated()).display()
        );
    }
    // clang-sys reads these to find libclang; a change may make it loadable.
    env_var("LIBCLANG_PATH");
    let update = env_flag("MTML_SYS_UPDATE_PREGENERATED").unwrap_or(false);

    if let Err(reason) = load_libclang() {
        if header.external {
            panic!(
                "mtml-sys: MTML_INCLUDE_DIR is set, so bindings must be generated from {}, \
                 but libclang could not be loaded:\n  {reason}\n\
                 Install it (Debian/Ubuntu: `apt-get install libclang-dev`) or point \
                 LIBCLANG_PATH at the directory holding libclang.so; or unset \
                 MTML_INCLUDE_DIR to use the bindings shipped with mtml-sys.",
                header.path.display()
            );
        }
        if update {
            panic!(
                "mtml-sys: MTML_SYS_UPDATE_PREGENERATED is set but libclang could not be \
                 loaded ({reason}); install libclang-dev to regenerate the bindings."
            );
        }
        println!(
            "cargo:warning=mtml-sys: libclang not found ({reason}); using the pregenerated \
             bindings. Install libclang-dev to generate them from mtml.h."
        );
        for output in &outputs {
            copy_file(
                &manifest_dir.join(output.pregenerated()),
                &out_dir.join(output.file_name()),
            );
        }
        return BindingsSource::Pregenerated;
    }

    for output in &outputs {
        let code = generate(&header.path, *output);
        write_file(&out_dir.join(output.file_name()), &code);
        if header.external {
            continue;
        }
        let pregenerated = manifest_dir.join(output.pregenerated());
        if update {
            write_file(&pregenerated, &code);
            println!("cargo:warning=mtml-sys: rewrote {}", output.pregenerated());
        } else if fs::read_to_string(&pregenerated).ok().as_deref() != Some(code.as_str()) {
            println!(
                "cargo:warning=mtml-sys: {} is out of date; rebuild with \
                 MTML_SYS_UPDATE_PREGENERATED=1 to refresh it",
                output.pregenerated()
            );
        }
    }
    if header.external {
        BindingsSource::BindgenExternal
    } else {
        BindingsSource::BindgenBundled
    }
}

/// Loads libclang at run time, returning why it failed. bindgen itself would
/// panic instead, so the probe comes first; once loaded on this thread,
/// bindgen reuses it.
fn load_libclang() -> Result<(), String> {
    clang_sys::load()
}

/// Runs bindgen with the fixed settings the rest of the workspace relies on.
fn generate(header: &Path, output: Output) -> String {
    let rust_target = RustTarget::stable(RUST_TARGET_MINOR, 0).unwrap_or_else(|err| {
        panic!("mtml-sys: bindgen rejects Rust 1.{RUST_TARGET_MINOR}: {err}")
    });
    let builder = bindgen::Builder::default()
        .header(header.to_string_lossy())
        .allowlist_function("mtml.*");
    let builder = match output {
        Output::Linked => builder.allowlist_type("Mtml.*").allowlist_var("MTML_.*"),
        // Only the table: the types it names come from the linked bindings,
        // and a function the loaded library lacks is an `Err` field, not a
        // load failure.
        Output::Dynamic => builder
            .allowlist_recursively(false)
            .dynamic_library_name(DYNAMIC_TABLE)
            .dynamic_link_require_all(false),
    };
    let bindings = builder
        .default_enum_style(EnumVariation::NewType {
            is_bitfield: false,
            is_global: false,
        })
        .derive_debug(true)
        .derive_default(true)
        .derive_hash(true)
        .derive_partialeq(true)
        .derive_eq(true)
        .layout_tests(true)
        .generate_comments(true)
        .use_core()
        .rust_target(rust_target)
        .rust_edition(RustEdition::Edition2021)
        .formatter(Formatter::Prettyplease)
        .parse_callbacks(Box::new(DocComments))
        .generate()
        .unwrap_or_else(|err| panic!("mtml-sys: bindgen failed on {}: {err}", header.display()));
    bindings.to_string()
}

/// Turns C comments into doc comments rustdoc accepts without warnings.
#[derive(Debug)]
struct DocComments;

impl ParseCallbacks for DocComments {
    fn process_comment(&self, comment: &str) -> Option<String> {
        Some(markdown_safe(comment))
    }
}

/// Makes C comment text safe as Markdown: `[`, `]`, `<`, `>` are escaped (so
/// `a[i]` is no intra-doc link and `<name>` no HTML tag), bare URLs are
/// wrapped in `<>`, and indentation is reduced to one space so nothing
/// becomes a code block that rustdoc would try to compile as a doctest.
fn markdown_safe(comment: &str) -> String {
    // Doxygen's `/**<` (comment after a member) leaves a leading `<`.
    let comment = comment.trim_start().strip_prefix('<').unwrap_or(comment);
    let mut out = String::with_capacity(comment.len() + 16);
    for (index, line) in comment.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.trim();
        if !line.is_empty() {
            out.push(' ');
        }
        for (word_index, word) in line.split(' ').enumerate() {
            if word_index > 0 {
                out.push(' ');
            }
            if word.starts_with("http://") || word.starts_with("https://") {
                let end = word.trim_end_matches(['.', ',', ';', ':', ')']);
                let _ = write!(out, "<{end}>{}", &word[end.len()..]);
                continue;
            }
            for ch in word.chars() {
                if matches!(ch, '[' | ']' | '<' | '>') {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
    }
    out
}

fn write_file(path: &Path, contents: &str) {
    if let Err(err) = fs::write(path, contents) {
        panic!("mtml-sys: cannot write {}: {err}", path.display());
    }
}

fn copy_file(from: &Path, to: &Path) {
    if let Err(err) = fs::copy(from, to) {
        panic!(
            "mtml-sys: cannot copy {} to {}: {err}",
            from.display(),
            to.display()
        );
    }
}

// ---------------------------------------------------------------------------
// Step 3: the library
// ---------------------------------------------------------------------------

/// How libmtml is linked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Linkage {
    Dynamic,
    Static,
}

impl Linkage {
    fn file_names(self) -> &'static [&'static str] {
        match self {
            Linkage::Dynamic => &["libmtml.so", VERSIONED_SO],
            Linkage::Static => &["libmtml.a"],
        }
    }
}

/// Finds libmtml and emits the link directives. Returns the directory it was
/// found in (for `DEP_MTML_LIB_DIR`), or `None` when nothing is linked here.
///
/// Precedence: `runtime-loading` feature (nothing linked) > `sim` feature >
/// `MTML_LIB_DIR` > pkg-config > standard
/// directories. The linkage is static when `MTML_STATIC` says so, else when
/// the `static` feature is on, else dynamic.
fn link_library() -> Option<PathBuf> {
    if feature("runtime-loading") {
        // The library is loaded at run time (`MtmlApi`); nothing to link.
        return None;
    }
    if feature("sim") {
        // mtml-sim links its own static archive; linking anything here too
        // would pull in the driver's library as well.
        return None;
    }
    if env_var("DOCS_RS").is_some() {
        return None;
    }
    let linkage = match env_flag("MTML_STATIC").unwrap_or(feature("static")) {
        true => Linkage::Static,
        false => Linkage::Dynamic,
    };

    let mut searched = Vec::new();
    if let Some(dir) = env_var("MTML_LIB_DIR") {
        let dir = PathBuf::from(dir);
        if let Some(file) = find_in(&dir, linkage) {
            emit_link(&dir, &file, linkage);
            return Some(dir);
        }
        panic!(
            "mtml-sys: MTML_LIB_DIR is set to {}, but it holds none of: {}.\n\
             Point MTML_LIB_DIR at the directory holding the driver's libmtml{}.",
            dir.display(),
            linkage.file_names().join(", "),
            if linkage == Linkage::Static {
                " (MTML_STATIC or the `static` feature asks for libmtml.a)"
            } else {
                ""
            }
        );
    }

    match probe_pkg_config(linkage) {
        PkgConfig::Found(dir) => return dir,
        PkgConfig::Skipped => {
            searched.push("pkg-config: skipped (MTML_NO_PKG_CONFIG is set)".to_owned())
        }
        PkgConfig::Failed(reason) => searched.push(format!("pkg-config `mtml`: {reason}")),
    }

    for dir in standard_lib_dirs() {
        if let Some(file) = find_in(&dir, linkage) {
            emit_link(&dir, &file, linkage);
            return Some(dir);
        }
        searched.push(dir.display().to_string());
    }
    panic!("{}", not_found_message(linkage, &searched));
}

/// The first library file of `linkage` in `dir`, if any.
fn find_in(dir: &Path, linkage: Linkage) -> Option<String> {
    linkage
        .file_names()
        .iter()
        .find(|name| dir.join(name).is_file())
        .map(|name| (*name).to_owned())
}

/// Emits the search path and the link directive for `file` found in `dir`.
/// An install with only `libmtml.so.2` is linked by its full file name.
fn emit_link(dir: &Path, file: &str, linkage: Linkage) {
    println!("cargo:rustc-link-search=native={}", dir.display());
    match linkage {
        Linkage::Static => println!("cargo:rustc-link-lib=static={LIB_NAME}"),
        Linkage::Dynamic if file == VERSIONED_SO => {
            println!("cargo:rustc-link-lib=dylib:+verbatim={VERSIONED_SO}")
        }
        Linkage::Dynamic => println!("cargo:rustc-link-lib=dylib={LIB_NAME}"),
    }
}

/// Outcome of asking pkg-config.
enum PkgConfig {
    /// Found; the directory when pkg-config named one.
    Found(Option<PathBuf>),
    Skipped,
    Failed(String),
}

/// Asks pkg-config for `mtml` (it emits the link directives itself).
fn probe_pkg_config(linkage: Linkage) -> PkgConfig {
    if env_var("MTML_NO_PKG_CONFIG").is_some() {
        return PkgConfig::Skipped;
    }
    let result = pkg_config::Config::new()
        .statik(linkage == Linkage::Static)
        .cargo_metadata(true)
        .env_metadata(true)
        .probe(LIB_NAME);
    match result {
        Ok(library) => PkgConfig::Found(library.link_paths.first().cloned()),
        Err(pkg_config::Error::Failure { .. } | pkg_config::Error::ProbeFailure { .. }) => {
            PkgConfig::Failed("no such package on the pkg-config search path".to_owned())
        }
        Err(pkg_config::Error::Command { cause, .. }) => {
            PkgConfig::Failed(format!("cannot run pkg-config ({cause})"))
        }
        Err(err) => {
            let text = err.to_string();
            let first = text.lines().map(str::trim).find(|line| !line.is_empty());
            PkgConfig::Failed(first.unwrap_or("failed").to_owned())
        }
    }
}

/// The fixed install directories plus `$MUSA_INSTALL_PATH/lib` (or
/// `$MUSA_HOME/lib` when the former is unset).
fn standard_lib_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = STANDARD_LIB_DIRS.iter().map(PathBuf::from).collect();
    let musa_install = env_var("MUSA_INSTALL_PATH");
    let musa_home = env_var("MUSA_HOME");
    if let Some(root) = musa_install.or(musa_home) {
        dirs.push(Path::new(&root).join("lib"));
    }
    dirs
}

/// The one message shown when no libmtml can be found.
fn not_found_message(linkage: Linkage, searched: &[String]) -> String {
    let mut msg = String::new();
    let kind = match linkage {
        Linkage::Dynamic => "libmtml.so or libmtml.so.2",
        Linkage::Static => "libmtml.a",
    };
    let _ = writeln!(
        msg,
        "\n\nmtml-sys: cannot find the Moore Threads Management Library ({kind})."
    );
    let _ = writeln!(msg, "Searched:");
    for place in searched {
        let _ = writeln!(msg, "  - {place}");
    }
    let _ = writeln!(
        msg,
        "Environment variables consulted (set ones show their value):"
    );
    for name in [
        "MTML_LIB_DIR",
        "MTML_STATIC",
        "MTML_NO_PKG_CONFIG",
        "PKG_CONFIG_PATH",
        "MUSA_INSTALL_PATH",
        "MUSA_HOME",
    ] {
        match env_var(name) {
            Some(value) => {
                let _ = writeln!(msg, "  - {name}={value}");
            }
            None => {
                let _ = writeln!(msg, "  - {name} (unset)");
            }
        }
    }
    let _ = writeln!(msg, "Ways to fix this:");
    let _ = writeln!(
        msg,
        "  - install the Moore Threads GPU driver, which ships libmtml;"
    );
    let _ = writeln!(msg, "  - set MTML_LIB_DIR to the directory holding libmtml (MTML_STATIC=1 links libmtml.a from it);");
    let _ = writeln!(
        msg,
        "  - set MUSA_INSTALL_PATH or MUSA_HOME to a MUSA toolkit whose lib/ holds libmtml;"
    );
    let _ = writeln!(msg, "  - provide an `mtml` pkg-config file (PKG_CONFIG_PATH); MTML_NO_PKG_CONFIG=1 skips pkg-config;");
    let _ = writeln!(
        msg,
        "  - or, without a GPU, enable the `sim` feature of mtml-sys (or of mtml) to link the bundled simulator."
    );
    msg
}
