//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand};

/// Shows the state of Moore Threads GPUs, like nvidia-smi does for NVIDIA
/// GPUs.
///
/// Without options, prints a summary table of every GPU.
#[derive(Debug, Parser)]
#[command(
    name = "mtml-smi",
    version,
    about,
    max_term_width = 100,
    after_help = "Environment:\n  \
        MTML_LIBRARY_PATH  libmtml file to load instead of libmtml.so.2 / libmtml.so\n  \
        MTML_SMI_SIM=1     same as --sim\n  \
        MTML_SIM_CONFIG    simulated machine (a file in mtml-sim's configuration format)\n  \
        MTML_SIM_FAULTS    fault rules for the simulator\n  \
        NO_COLOR           no colour (colour is also off when not writing to a terminal)"
)]
pub struct Cli {
    /// What to show (a subcommand); the summary table when absent.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the top-level views.
    #[command(flatten)]
    pub view: ViewArgs,

    /// Options shared by every view.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options shared by every view and subcommand.
#[derive(Debug, Clone, Default, Args)]
pub struct CommonArgs {
    /// GPUs to show: indices, UUIDs or PCI bus ids, separated by commas.
    #[arg(short = 'i', long = "id", value_name = "ID[,ID...]", global = true)]
    pub id: Option<String>,

    /// Print JSON instead of text (see the README for the schema).
    #[arg(long, global = true)]
    pub json: bool,

    /// Use the simulated libmtml built into this binary instead of the
    /// driver's (a machine of 8 MTT S4000 cards and one S80;
    /// `MTML_SIM_CONFIG=FILE` selects another machine).
    #[arg(long, global = true)]
    pub sim: bool,
}

/// Options of the top-level views (summary, list, report, CSV query).
#[derive(Debug, Clone, Default, Args)]
pub struct ViewArgs {
    /// List the GPUs, one line each.
    #[arg(short = 'L', long = "list-gpus", conflicts_with_all = ["query", "query_gpu"])]
    pub list_gpus: bool,

    /// Detailed report of every readable value, grouped by topic.
    #[arg(short = 'q', long = "query", conflicts_with = "query_gpu")]
    pub query: bool,

    /// Comma-separated fields to print as CSV (see --help-query-gpu);
    /// needs --format=csv.
    #[arg(long = "query-gpu", value_name = "FIELDS", requires = "format")]
    pub query_gpu: Option<String>,

    /// Output format of --query-gpu: `csv`, optionally followed by
    /// `,noheader` and/or `,nounits`.
    #[arg(long, value_name = "csv[,noheader][,nounits]")]
    pub format: Option<String>,

    /// List the fields --query-gpu accepts, then exit.
    #[arg(long = "help-query-gpu")]
    pub help_query_gpu: bool,

    /// Print the view again every SECONDS seconds (fractions allowed).
    #[arg(short = 'l', long = "loop", value_name = "SECONDS")]
    pub loop_seconds: Option<f64>,

    /// With --loop: stop after N refreshes (default: run until killed).
    #[arg(long, value_name = "N", hide = true, requires = "loop_seconds")]
    pub count: Option<u64>,
}

/// Subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Topology between GPUs: PCIe distance or MtLink count, CPU and NUMA
    /// affinity.
    Topo(TopoArgs),
    /// Every MtLink port of every GPU: state, far end and capabilities.
    Mtlink,
    /// Write everything the library reports as a simulator configuration
    /// (replay it with `MTML_SIM_CONFIG=FILE mtml-smi --sim`).
    Capture(CaptureArgs),
}

/// Options of `topo`.
#[derive(Debug, Clone, Args)]
pub struct TopoArgs {
    /// Print the topology matrix (the only form for now; accepted for
    /// nvidia-smi compatibility).
    #[arg(short = 'm', long = "matrix")]
    pub matrix: bool,
}

/// Options of `capture`.
#[derive(Debug, Clone, Args)]
pub struct CaptureArgs {
    /// Let the replayed machine's clock run (the capture freezes it by
    /// default, so replays are deterministic).
    #[arg(long)]
    pub running_clock: bool,
}
