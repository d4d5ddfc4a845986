//! Entry only: parse the command line; no arguments or a path opens the window, subcommands
//! run headless.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = infonet::cli::Cli::parse();
    match cli.command {
        Some(command) => infonet::cli::run(command),
        None => match infonet::app::run_native(cli.paths, cli.seed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("infonet: cannot open a window: {err}");
                ExitCode::from(1)
            }
        },
    }
}
