//! `mtml-smi`: an nvidia-smi style command-line tool for Moore Threads
//! GPUs, built on the safe `mtml` crate.
//!
//! The binary is a thin wrapper around [`run`]; the views are plain
//! functions from read values to text, so they can be tested and
//! benchmarked in-process:
//!
//! ```
//! use mtml_smi::model::{Machine, Timestamp};
//! use mtml_smi::views::summary;
//!
//! let lib = mtml_smi::backend::open(Default::default())?;
//! let indices: Vec<u32> = (0..lib.device_count()?).collect();
//! let machine = Machine::read(&lib, &indices, Timestamp::now());
//! let text = summary::render(&machine, false);
//! assert!(text.contains("MTML-SMI"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod backend;
pub mod cli;
pub mod json;
pub mod model;
pub mod partitions;
pub mod select;
pub mod views;

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use cli::{Cli, Command};
use model::{Machine, Timestamp};
use views::csv::{CsvFormat, Field};

/// Exit status: everything was shown.
pub const EXIT_OK: i32 = 0;
/// Exit status: MTML could not be started or a library call every view
/// needs failed.
pub const EXIT_LIBRARY: i32 = 1;
/// Exit status: bad command line (unknown option, bad `-i`, unknown
/// `--query-gpu` field, bad `--format`).
pub const EXIT_USAGE: i32 = 2;
/// Exit status: the view was printed, but some values could not be read
/// (they show as `ERR!`).
pub const EXIT_PARTIAL: i32 = 3;

/// Why `mtml-smi` stopped early.
#[derive(Debug)]
pub enum AppError {
    /// Bad command line.
    Usage(String),
    /// MTML could not be started.
    Open(backend::OpenError),
    /// A library call every view needs failed.
    Library(String),
    /// Writing the output failed.
    Io(io::Error),
}

impl AppError {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            AppError::Usage(_) => EXIT_USAGE,
            AppError::Open(_) | AppError::Library(_) | AppError::Io(_) => EXIT_LIBRARY,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Usage(m) | AppError::Library(m) => f.write_str(m),
            AppError::Open(e) => e.fmt(f),
            AppError::Io(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for AppError {}

impl From<io::Error> for AppError {
    fn from(e: io::Error) -> Self {
        AppError::Io(e)
    }
}

/// Whether to colour output on stdout: only on a terminal, and never when
/// `NO_COLOR` is set to a non-empty value.
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && io::stdout().is_terminal()
}

/// What the command line asks for, checked before MTML starts.
enum Plan {
    Summary,
    List,
    Report,
    Csv(Vec<&'static Field>, CsvFormat),
    Topo,
    MtLink,
    Capture(views::capture::CaptureOptions),
}

fn plan(cli: &Cli) -> Result<Plan, AppError> {
    let view = &cli.view;
    if view.format.is_some() && view.query_gpu.is_none() {
        return Err(AppError::Usage(
            "--format only applies to --query-gpu=FIELDS".to_owned(),
        ));
    }
    if let Some(seconds) = view.loop_seconds {
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(AppError::Usage(format!(
                "--loop needs a positive number of seconds, not {seconds}"
            )));
        }
        if matches!(cli.command, Some(Command::Capture(_))) {
            return Err(AppError::Usage(
                "capture cannot be combined with --loop".to_owned(),
            ));
        }
    }
    let top_level = view.list_gpus || view.query || view.query_gpu.is_some();
    if cli.command.is_some() && top_level {
        return Err(AppError::Usage(
            "-L, -q and --query-gpu cannot be combined with a subcommand".to_owned(),
        ));
    }
    Ok(match &cli.command {
        Some(Command::Topo(_)) => Plan::Topo,
        Some(Command::Mtlink) => Plan::MtLink,
        Some(Command::Capture(args)) => Plan::Capture(views::capture::CaptureOptions {
            running_clock: args.running_clock,
        }),
        None if view.list_gpus => Plan::List,
        None if view.query => Plan::Report,
        None => match &view.query_gpu {
            Some(fields) => {
                let fields = views::csv::parse_fields(fields).map_err(AppError::Usage)?;
                let format = view.format.as_deref().unwrap_or("csv");
                let format = CsvFormat::parse(format).map_err(AppError::Usage)?;
                Plan::Csv(fields, format)
            }
            None => Plan::Summary,
        },
    })
}

/// Renders one refresh of the planned view; returns the text and whether
/// some value failed.
fn render(
    plan: &Plan,
    lib: &mtml::Library,
    indices: &[u32],
    json: bool,
    color: bool,
) -> Result<(String, bool), AppError> {
    let machine = || Machine::read(lib, indices, Timestamp::now());
    Ok(match plan {
        Plan::Summary => {
            let m = machine();
            let text = if json {
                json::to_string(&views::summary::to_json(&m))
            } else {
                views::summary::render(&m, color)
            };
            (text, m.has_errors())
        }
        Plan::List => {
            let m = machine();
            let text = if json {
                json::to_string(&views::list::to_json(&m))
            } else {
                views::list::render(&m)
            };
            (text, m.has_errors())
        }
        Plan::Report => {
            let mut m = machine();
            m.read_partitions(lib);
            let text = if json {
                json::to_string(&views::report::to_json(&m))
            } else {
                views::report::render(&m)
            };
            (text, m.has_errors())
        }
        Plan::Csv(fields, format) => {
            let m = machine();
            let text = if json {
                json::to_string(&views::csv::to_json(&m, fields))
            } else {
                views::csv::render(&m, fields, *format)
            };
            (text, m.has_errors())
        }
        Plan::Topo => {
            let t = views::topo::Topology::read(lib, indices);
            let text = if json {
                json::to_string(&views::topo::to_json(&t))
            } else {
                views::topo::render(&t)
            };
            (text, t.has_errors())
        }
        Plan::MtLink => {
            let l = views::mtlink::MtLinks::read(lib, indices);
            let text = if json {
                json::to_string(&views::mtlink::to_json(&l))
            } else {
                views::mtlink::render(&l)
            };
            (text, l.has_errors())
        }
        Plan::Capture(options) => {
            let text = views::capture::capture(lib, indices, *options)
                .map_err(|e| AppError::Library(format!("cannot capture the machine: {e}")))?;
            let text = if json {
                json::to_string(&serde_json::json!({
                    "schema": "mtml-smi.capture/1",
                    "config": text,
                }))
            } else {
                text
            };
            (text, false)
        }
    })
}

/// Runs the command line `cli`, writing the view to `out`; returns the
/// exit status.
///
/// # Errors
/// [`AppError`] for a bad command line, a library that cannot start, or
/// output that cannot be written.
pub fn run(cli: &Cli, out: &mut dyn Write, color: bool) -> Result<i32, AppError> {
    if cli.view.help_query_gpu {
        out.write_all(views::csv::help().as_bytes())?;
        return Ok(EXIT_OK);
    }
    let plan = plan(cli)?;
    let lib = backend::open(backend::OpenOptions {
        sim: cli.common.sim,
    })
    .map_err(AppError::Open)?;
    let devices = select::inventory(&lib)
        .map_err(|e| AppError::Library(format!("cannot list the GPUs: {e}")))?;
    let indices = select::select(&devices, cli.common.id.as_deref()).map_err(AppError::Usage)?;

    let mut partial = false;
    let mut round = 0u64;
    loop {
        let (text, failed) = render(&plan, &lib, &indices, cli.common.json, color)?;
        partial |= failed;
        if round > 0 && !cli.common.json {
            out.write_all(b"\n")?;
        }
        out.write_all(text.as_bytes())?;
        out.flush()?;
        round += 1;
        let Some(seconds) = cli.view.loop_seconds else {
            break;
        };
        if cli.view.count.is_some_and(|n| round >= n) {
            break;
        }
        std::thread::sleep(Duration::from_secs_f64(seconds));
    }
    Ok(if partial { EXIT_PARTIAL } else { EXIT_OK })
}
