//! Shared by the `corpus_*` conformance tests: where the corpus is, and what networkx 3.6.1 and
//! igraph 1.0.0 read from each file (`peer-reader-results.tsv`).

// Each test crate uses only part of this module.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The corpus of other tools' files: `$INFONET_CORPUS` when set (and nothing else, so CI can
/// be sure which corpus ran), else `<manifest>/../shared/corpus` or
/// `<manifest>/../../shared/corpus` next to a checkout, whichever exists first.
pub fn corpus() -> Option<PathBuf> {
    if let Some(set) = std::env::var_os("INFONET_CORPUS") {
        return Some(PathBuf::from(set)).filter(|p| p.is_dir());
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../shared/corpus"), manifest.join("../../shared/corpus")].into_iter().find(|p| p.is_dir())
}

/// Skips a test that needs the corpus (or Python with networkx and igraph) with a note on
/// stderr. With `INFONET_REQUIRE_CORPUS=1`, as CI sets it, a skip is a failure instead: there
/// the corpus and the peers are installed, so a test that cannot find them must not pass.
pub fn skip(why: &str) {
    if std::env::var_os("INFONET_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!(
            "{why}; INFONET_REQUIRE_CORPUS=1 says this test must run (set INFONET_CORPUS / INFONET_PYTHON)"
        );
    }
    eprintln!("{why}");
}

/// Every file under `root` whose name ends (case-insensitively) with one of `extensions`, as
/// paths relative to `root`, sorted.
pub fn files_with(root: &Path, extensions: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                let lower = name.to_lowercase();
                if extensions.iter().any(|e| lower.ends_with(e))
                    && let Ok(relative) = path.strip_prefix(root)
                {
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    found
}

/// What one peer made of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peer {
    /// Read it: nodes, edges, directed.
    Ok(usize, usize, bool),
    /// Failed.
    Err,
    /// Read it, but the note says the result is wrong.
    Wrong,
}

fn peer(cell: &str) -> Peer {
    let Some(rest) = cell.split_once(": ").map(|(_, r)| r) else { return Peer::Err };
    let Some(counts) = rest.strip_prefix("ok ") else { return Peer::Err };
    if counts.contains("wrong") || counts.contains("first network only") {
        return Peer::Wrong;
    }
    let mut words = counts.split_whitespace();
    let Some((n, e)) = words.next().and_then(|c| c.split_once('/')) else { return Peer::Err };
    let (Some(n), Some(e)) = (n.strip_suffix('n'), e.strip_suffix('e')) else { return Peer::Err };
    match (n.parse(), e.parse()) {
        (Ok(n), Ok(e)) => Peer::Ok(n, e, words.next() == Some("dir")),
        _ => Peer::Err,
    }
}

/// The peers' results by corpus-relative file: (networkx, igraph).
pub fn peer_results(root: &Path) -> BTreeMap<String, (Peer, Peer)> {
    let text = std::fs::read_to_string(root.join("peer-reader-results.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let file = cells.next()?;
            let _bytes = cells.next()?;
            Some((file.to_owned(), (peer(cells.next()?), peer(cells.next()?))))
        })
        .collect()
}
