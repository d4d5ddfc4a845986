//! The command line: the window by default, headless subcommands over the same library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::analysis::summarize;
use crate::io;

/// Explore informant networks: who names whom as an important source of information.
#[derive(Debug, Parser)]
#[command(name = "infonet", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A people or ties file to open in the window (without one, a sample network opens).
    pub path: Option<PathBuf>,
    /// Layout seed: the same file and seed give the same picture.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Commands>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Print counts of a network: people, ties, respondents, sectors, tenure and age bands,
    /// tie kinds and in-degrees.
    Stats {
        /// A people or ties file (its partner in the same folder is read too).
        path: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Measure speed (prints one JSON line).
    #[command(subcommand)]
    Bench(BenchCommand),
}

/// What to measure.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// CPU time to build the scene and paint one canvas frame.
    Frame {
        /// A network file; without it a synthetic network of `--people` people is used.
        path: Option<PathBuf>,
        /// Size of the synthetic network.
        #[arg(long, default_value_t = 1000)]
        people: usize,
        /// Frames to measure (the median is reported).
        #[arg(long, default_value_t = 30)]
        frames: usize,
    },
    /// Steps and time until a fresh layout settles.
    Settle {
        /// A network file; without it a synthetic network of `--people` people is used.
        path: Option<PathBuf>,
        /// Size of the synthetic network.
        #[arg(long, default_value_t = 300)]
        people: usize,
        /// Layout seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Stop after this many steps even if not settled.
        #[arg(long, default_value_t = 100_000)]
        max_steps: u64,
    },
}

/// Runs a headless command. Errors go to stderr as `FILE:LINE:COLUMN: what is wrong`, exit 1.
pub fn run(command: Commands) -> ExitCode {
    match command {
        Commands::Stats { path, json } => stats(&path, json),
        Commands::Bench(bench) => run_bench(bench),
    }
}

fn network_or_synthetic(
    path: Option<&std::path::Path>,
    people: usize,
) -> Result<crate::model::Network, ExitCode> {
    match path {
        Some(path) => io::load(path).map(|l| l.network).map_err(|err| {
            eprintln!("{err}");
            ExitCode::from(1)
        }),
        None => Ok(crate::bench::synthetic_network(people, 3, 1)),
    }
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string(value) {
        Ok(text) => {
            writeln!(std::io::stdout().lock(), "{text}").ok();
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write JSON: {err}");
            ExitCode::from(1)
        }
    }
}

fn run_bench(command: BenchCommand) -> ExitCode {
    match command {
        BenchCommand::Frame { path, people, frames } => {
            let network = match network_or_synthetic(path.as_deref(), people) {
                Ok(n) => n,
                Err(code) => return code,
            };
            print_json(&crate::bench::frame_bench(&network, frames.max(1), 1280.0, 800.0, 2_000))
        }
        BenchCommand::Settle { path, people, seed, max_steps } => {
            let network = match network_or_synthetic(path.as_deref(), people) {
                Ok(n) => n,
                Err(code) => return code,
            };
            print_json(&crate::bench::settle_bench(&network, seed, max_steps))
        }
    }
}

fn stats(path: &std::path::Path, json: bool) -> ExitCode {
    let loaded = match io::load(path) {
        Ok(l) => l,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let summary = summarize(&loaded.network);
    let text = if json {
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => s,
            Err(err) => {
                eprintln!("cannot write JSON: {err}");
                return ExitCode::from(1);
            }
        }
    } else {
        let mut t = String::new();
        t.push_str(&format!("{}\n", summary.name));
        t.push_str(&format!(
            "people {}  ties {}  respondents {}  named only {}  mutual pairs {}\n",
            summary.people, summary.ties, summary.respondents, summary.named_only, summary.mutual_pairs
        ));
        let s = &summary.sectors;
        t.push_str(&format!(
            "sector   public {}  private {}  other {}  unknown {}\n",
            s.public, s.private, s.other, s.unknown
        ));
        let band = |m: &std::collections::BTreeMap<&str, usize>, k: &str| m.get(k).copied().unwrap_or(0);
        t.push_str(&format!(
            "tenure   <4 {}  4-9 {}  10+ {}  unknown {}\n",
            band(&summary.tenure, "<4"),
            band(&summary.tenure, "4-9"),
            band(&summary.tenure, "10+"),
            band(&summary.tenure, "unknown")
        ));
        t.push_str(&format!(
            "age      <30 {}  30-40 {}  >40 {}  unknown {}\n",
            band(&summary.age, "<30"),
            band(&summary.age, "30-40"),
            band(&summary.age, ">40"),
            band(&summary.age, "unknown")
        ));
        let k = &summary.ties_by_kind;
        t.push_str(&format!(
            "ties     internal {}  external {}  unknown {}\n",
            k.internal, k.external, k.unknown
        ));
        let mut top: Vec<_> = summary.in_degree.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let names: Vec<String> = top
            .iter()
            .take(5)
            .map(|(key, n)| {
                let name = loaded
                    .network
                    .find(key)
                    .and_then(|id| loaded.network.person(id))
                    .map_or(key.as_str(), |p| p.name.as_str());
                format!("{name} ({n})")
            })
            .collect();
        t.push_str(&format!("most named: {}", names.join(", ")));
        if !loaded.report.warnings.is_empty() {
            t.push_str(&format!("\n{} warnings:", loaded.report.warnings.len()));
            for w in loaded.report.warnings.iter().take(20) {
                t.push_str(&format!("\n  {w}"));
            }
        }
        t
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    writeln!(out, "{text}").ok();
    ExitCode::SUCCESS
}
