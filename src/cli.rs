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
}

/// Runs a headless command. Errors go to stderr as `FILE:LINE:COLUMN: what is wrong`, exit 1.
pub fn run(command: Commands) -> ExitCode {
    match command {
        Commands::Stats { path, json } => stats(&path, json),
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
