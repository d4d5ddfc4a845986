#![no_main]
//! The open dispatch end to end: the input is written to a file whose name (chosen by the first
//! byte) is one of the extensions Infonet opens, or a people + ties pair split at the first
//! 0x1E byte, and `io::open::open` reads it (format sniffing, reading, parsing, building).

use std::sync::OnceLock;

use infonet_core::io::Progress;
use infonet_core::io::open::{LoadOptions, open};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "x.csv", "x.tsv", "x.txt", "x.xlsx", "x.graphml", "x.xml", "x.gexf", "x.gml", "x.net", "x.paj", "x.dl",
    "x.json", "x.edges", "x", "pair",
];

static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder")).path().to_owned();
    let name = NAMES.get(usize::from(pick) % NAMES.len()).copied().unwrap_or("x.csv");
    let path = if name == "pair" {
        let split = rest.iter().position(|&b| b == 0x1E).unwrap_or(rest.len());
        let (people, ties) = rest.split_at(split);
        let people_path = dir.join("x.people.csv");
        if std::fs::write(&people_path, people).is_err()
            || std::fs::write(dir.join("x.ties.csv"), ties.get(1..).unwrap_or_default()).is_err()
        {
            return;
        }
        people_path
    } else {
        let path = dir.join(name);
        if std::fs::write(&path, rest).is_err() {
            return;
        }
        path
    };
    if let Ok(loaded) = open(&path, &LoadOptions::default(), &Progress::new()) {
        assert_eq!(loaded.report.people, loaded.network.person_count());
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
});
