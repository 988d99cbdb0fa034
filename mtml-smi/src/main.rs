//! The `mtml-smi` binary; everything happens in the library's `run`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use owo_colors::OwoColorize;

fn main() -> ExitCode {
    let cli = mtml_smi::cli::Cli::parse();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let status = match mtml_smi::run(&cli, &mut out, mtml_smi::use_color()) {
        Ok(status) => status,
        // A closed pipe (`mtml-smi | head`) is not an error.
        Err(mtml_smi::AppError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            let _ = out.flush();
            let colored = std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
                && io::IsTerminal::is_terminal(&io::stderr());
            let prefix = "mtml-smi: error:";
            if colored {
                eprintln!("{} {error}", prefix.red().bold());
            } else {
                eprintln!("{prefix} {error}");
            }
            error.exit_code()
        }
    };
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}
