//! C-level checks of `mtml.h` against a libmtml.
//!
//! The build script compiles two C programs against the project's header:
//!
//! - `link-check/link_check.c` takes the address of every function of
//!   `mtml.h` (the list in `c/mtml_functions.h`), proving the library
//!   exports all of them;
//! - `conformance/conformance.c` calls every function and checks the
//!   documented behaviour (error codes, buffer sizes, count/get agreement,
//!   symmetric topology, consistent MtLink wiring).
//!
//! Both link the simulator's `libmtml.so.2` from mtml-sim, or the library
//! in `MTML_CTEST_LIB_DIR` (for example a real driver's) when that variable
//! is set at build time. A third program, `stress/stress.c`, polls every
//! device from many threads while another thread injects faults through
//! the simulator's control interface; it is built only against the
//! simulator and is the subject of `scripts/helgrind.sh`. The integration
//! tests in `tests/` run them; this crate only offers the shared helpers.

#![warn(missing_docs)]

// Linked so workspace-wide builds of this crate use the simulator.
extern crate mtml_sys as _;

use std::path::Path;
use std::process::{Command, Output};

/// The compiled link-check program.
pub fn link_check_program() -> &'static Path {
    Path::new(env!("MTML_CTEST_LINK_CHECK"))
}

/// The compiled conformance program.
pub fn conformance_program() -> &'static Path {
    Path::new(env!("MTML_CTEST_CONFORMANCE"))
}

/// The compiled C stress program; `None` when the programs link a library
/// from `MTML_CTEST_LIB_DIR` (it needs the simulator's control functions).
pub fn stress_program() -> Option<&'static Path> {
    let path = env!("MTML_CTEST_STRESS");
    (!path.is_empty()).then(|| Path::new(path))
}

/// Directory holding the project's `mtml.h`.
pub fn header_dir() -> &'static Path {
    Path::new(env!("MTML_CTEST_HEADER_DIR"))
}

/// The C compiler the build used.
pub fn c_compiler() -> &'static str {
    env!("MTML_CTEST_CC")
}

/// The C++ compiler the `cc` crate would use (it may not be installed).
pub fn cxx_compiler() -> &'static str {
    env!("MTML_CTEST_CXX")
}

/// True when the programs were linked against `MTML_CTEST_LIB_DIR`
/// instead of the simulator.
pub fn linked_external_library() -> bool {
    env!("MTML_CTEST_EXTERNAL_LIB") == "1"
}

/// Number of functions `mtml.h` declares: 115 returning `MtmlReturn`, plus
/// `mtmlErrorString`.
pub const FUNCTION_COUNT: usize = 116;

/// Output of one program run, decoded.
#[derive(Debug)]
pub struct Run {
    /// Exit code; `None` when a signal ended the program.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// The last line of standard output.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }

    /// Lines of standard output starting with `prefix`.
    pub fn lines_starting(&self, prefix: &str) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with(prefix))
            .collect()
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `program` with `args` against the built-in default system (the
/// simulator's configuration variables are removed from its environment),
/// plus the extra environment `env`.
pub fn run(program: &Path, args: &[&str], env: &[(&str, &str)]) -> std::io::Result<Run> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env_remove("MTML_SIM_CONFIG")
        .env_remove("MTML_SIM_FAULTS");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().map(Run::from)
}

/// Parses a summary `N passed, M failed, K skipped` into its numbers.
pub fn parse_summary(line: &str) -> Option<(u32, u32, u32)> {
    let mut numbers = line
        .split(',')
        .map(|part| part.split_whitespace().next()?.parse::<u32>().ok());
    let passed = numbers.next()??;
    let failed = numbers.next()??;
    let skipped = numbers.next()??;
    line.contains("passed").then_some((passed, failed, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_summary_line() {
        assert_eq!(
            parse_summary("1200 passed, 0 failed, 3 skipped"),
            Some((1200, 0, 3))
        );
        assert_eq!(parse_summary("resolved 116/116 functions"), None);
    }
}
