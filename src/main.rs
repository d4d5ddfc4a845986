//! Entry only: parse the command line; no arguments or a path opens the window, subcommands
//! run headless.

use std::process::ExitCode;

use clap::Parser as _;

// mimalloc keeps freed pages for reuse: with the system allocator on Linux, the ~30 MB of
// vertices a 10,000-person frame tessellates to is mapped and faulted in afresh every frame,
// which cost 4x the drawing itself (`infonet bench frame --people 10000`: 12 ms -> 3 ms).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
