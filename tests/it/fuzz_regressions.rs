//! Inputs found by fuzzing (`fuzz/`, see `fuzz/README.md`), kept as regression tests.
//!
//! Every file `fuzz/regressions/<target>-<n>.bin` is fed to the parser its fuzz target fuzzes
//! (the name before the last `-`), which must return `Ok` or `Err` and never panic. Inputs that
//! still crash are listed in [`UNFIXED`]: each has its own `#[ignore]`d test below and is left out
//! of [`every_saved_input_returns`] until the fix lands (then delete it from [`UNFIXED`] and remove
//! the `#[ignore]`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use infonet::io::convert::{guess_mapping, to_network};
use infonet::io::raw::RawFile;
use infonet::io::{self, ParseError};

/// Saved inputs that still panic in `src/` (file names under `fuzz/regressions/`).
const UNFIXED: &[&str] = &[];

/// Every fuzz target, by name, as the parser call it makes.
const TARGETS: &[&str] = &[
    "parse_people",
    "parse_ties",
    "parse_table",
    "parse_survey",
    "xlsx",
    "parse_graphml",
    "parse_gexf",
    "parse_gml",
    "parse_pajek",
    "parse_dl",
    "parse_json_graph",
    "parse_edge_list",
    "ocai",
    "project",
    "network_graphml",
    "network_gexf",
    "network_gml",
    "network_pajek",
    "network_dl",
    "network_json_graph",
    "network_edge_list",
];

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Parses, then builds a network from every graph (the `network_*` targets).
fn to_networks(parsed: Result<RawFile, ParseError>) {
    if let Ok(file) = parsed {
        for graph in &file.graphs {
            let _ = to_network("fuzz", "fuzz", graph, &guess_mapping(graph));
        }
    }
}

/// Does what fuzz target `target` does with `data`.
fn run(target: &str, data: &[u8]) {
    match target {
        "parse_people" => drop(io::parse_people(data)),
        "parse_ties" => drop(io::parse_ties(data)),
        "parse_table" => drop(io::parse_table(data)),
        "parse_survey" => drop(io::survey::parse_survey(data)),
        "xlsx" => {
            drop(io::xlsx::read_workbook(data));
            drop(io::xlsx::load_workbook_tables(data));
        }
        "parse_graphml" => drop(io::graphml::parse_graphml(data)),
        "parse_gexf" => drop(io::gexf::parse_gexf(data)),
        "parse_gml" => drop(io::gml::parse_gml(data)),
        "parse_pajek" => drop(io::pajek::parse_pajek(data)),
        "parse_dl" => drop(io::ucinet_dl::parse_dl(data)),
        "parse_json_graph" => drop(io::json_graph::parse_json_graph(data)),
        "parse_edge_list" => drop(io::edge_list::parse_edge_list(data)),
        "ocai" => drop(infonet::analysis::ocai::parse(&String::from_utf8_lossy(data))),
        "project" => drop(infonet::project::ProjectFile::from_json(
            Path::new("fuzz.infonet.json"),
            &String::from_utf8_lossy(data),
        )),
        "network_graphml" => to_networks(io::graphml::parse_graphml(data)),
        "network_gexf" => to_networks(io::gexf::parse_gexf(data)),
        "network_gml" => to_networks(io::gml::parse_gml(data)),
        "network_pajek" => to_networks(io::pajek::parse_pajek(data)),
        "network_dl" => to_networks(io::ucinet_dl::parse_dl(data)),
        "network_json_graph" => to_networks(io::json_graph::parse_json_graph(data)),
        "network_edge_list" => to_networks(io::edge_list::parse_edge_list(data)),
        other => panic!("no fuzz target {other:?} (see TARGETS)"),
    }
}

/// The target a saved input belongs to: `parse_gml-1.bin` -> `parse_gml`.
fn target_of(file_name: &str) -> &str {
    let stem = file_name.strip_suffix(".bin").unwrap_or(file_name);
    stem.rsplit_once('-').map_or(stem, |(target, _)| target)
}

/// Runs one saved input; `Err` with the panic message if it panicked.
fn run_saved(file_name: &str) -> Result<(), String> {
    let path = regressions().join(file_name);
    let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let target = target_of(file_name);
    catch_unwind(AssertUnwindSafe(|| run(target, &data))).map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        format!("{file_name} ({target}) panicked: {message}")
    })
}

/// The saved inputs, sorted.
fn saved_inputs() -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(regressions()) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bin"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_saved_input_returns() {
    let mut failures = Vec::new();
    for name in saved_inputs() {
        assert!(TARGETS.contains(&target_of(&name)), "{name}: no fuzz target {:?}", target_of(&name));
        if UNFIXED.contains(&name.as_str()) {
            continue;
        }
        if let Err(message) = run_saved(&name) {
            failures.push(message);
        }
    }
    assert!(failures.is_empty(), "saved fuzz inputs that panic:\n{}", failures.join("\n"));
}

#[test]
fn unfixed_inputs_are_saved() {
    let saved = saved_inputs();
    for name in UNFIXED {
        assert!(saved.iter().any(|s| s == name), "{name} is listed in UNFIXED but not in fuzz/regressions/");
    }
}

/// Small odd inputs every target must survive (no crash was needed to write these).
#[test]
fn every_target_survives_odd_inputs() {
    let inputs: &[&[u8]] = &[
        b"",
        b"\n",
        b"\0",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff\0",
        b"PK\x03\x04",
        b"\"",
        b"<",
        b"<?xml version=\"1.0\"?><graphml><graph><node/></graph></graphml>",
        b"[",
        b"{",
        b"*Vertices 3\n*Arcs\n1 2\n",
        b"dl n=2\ndata:\n0 1\n1 0\n",
        b"graph [ node [ id 1 ] edge [ source 1 target 1 ] ]",
        b"a,b\n1,2\n\"",
        b"id\n\n",
    ];
    let mut failures = Vec::new();
    for target in TARGETS {
        for input in inputs {
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| run(target, input))) {
                let message = payload.downcast_ref::<String>().cloned().unwrap_or_default();
                failures.push(format!("{target} on {:?}: {message}", String::from_utf8_lossy(input)));
            }
        }
    }
    assert!(failures.is_empty(), "panics:\n{}", failures.join("\n"));
}
