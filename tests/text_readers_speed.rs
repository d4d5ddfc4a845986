//! Parse speed of the GML, Pajek and DL readers on generated 100,000-node / 300,000-edge files.
//!
//! `cargo test --release --test text_readers_speed -- --ignored --nocapture`
//! (with `INFONET_SPEED_DIR=DIR` the generated files are also written to DIR).
#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::allow_attributes)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use infonet::io::gml::parse_gml;
use infonet::io::pajek::parse_pajek;
use infonet::io::ucinet_dl::parse_dl;

const NODES: usize = 100_000;
const EDGES: usize = 300_000;

fn target(i: usize) -> usize {
    (i * 7919 + 13) % NODES
}

fn gml() -> String {
    let mut text = String::from("Creator \"speed test\"\ngraph [\n  directed 1\n");
    let sectors = ["public", "private", "other"];
    for i in 0..NODES {
        let sector = sectors.get(i % 3).unwrap();
        writeln!(
            text,
            "  node [\n    id {i}\n    label \"Person {i} &amp; co\"\n    sector \"{sector}\"\n    age {}\n    graphics [ x {}.5 y {}.25 w 10 fill \"#D62728\" ]\n  ]",
            20 + i % 50,
            i % 1000,
            i / 1000
        )
        .unwrap();
    }
    for i in 0..EDGES {
        writeln!(
            text,
            "  edge [\n    source {}\n    target {}\n    weight {}\n  ]",
            i % NODES,
            target(i),
            1 + i % 3
        )
        .unwrap();
    }
    text.push_str("]\n");
    text
}

fn pajek() -> String {
    let mut text = format!("*Network speed\r\n*Vertices {NODES}\r\n");
    for i in 1..=NODES {
        writeln!(text, "{i} \"Person {i}\" 0.{:04} 0.{:04} 0.5000 ic Red\r", i % 10_000, (i * 7) % 10_000)
            .unwrap();
    }
    text.push_str("*Arcs :1 \"advice\"\r\n");
    for i in 0..EDGES {
        writeln!(text, "{} {} {}\r", i % NODES + 1, target(i) + 1, 1 + i % 3).unwrap();
    }
    text
}

fn dl() -> String {
    let mut text = format!("dl n={NODES} format=edgelist1\nlabels embedded:\ndata:\n");
    for i in 0..EDGES {
        writeln!(text, "p{} p{} {}", i % NODES, target(i), 1 + i % 3).unwrap();
    }
    text
}

fn time<T>(name: &str, bytes: usize, parse: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let result = parse();
    let elapsed = start.elapsed();
    drop(result);
    eprintln!("{name}: {:.1} MB in {elapsed:?}", bytes as f64 / 1e6);
    elapsed
}

#[test]
#[ignore = "timing; run in release"]
fn big_files_parse_fast() {
    let (gml, pajek, dl) = (gml(), pajek(), dl());
    // To time other readers on the same bytes: INFONET_SPEED_DIR=/some/dir.
    if let Some(dir) = std::env::var_os("INFONET_SPEED_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("speed.gml"), &gml).unwrap();
        std::fs::write(dir.join("speed.net"), &pajek).unwrap();
        std::fs::write(dir.join("speed.dl"), &dl).unwrap();
    }
    let mut checks = Vec::new();
    checks.push(time("GML", gml.len(), || {
        let raw = parse_gml(gml.as_bytes()).unwrap();
        let g = raw.graphs.first().unwrap();
        assert_eq!((g.nodes.len(), g.edges.len()), (NODES, EDGES));
    }));
    checks.push(time("Pajek", pajek.len(), || {
        let raw = parse_pajek(pajek.as_bytes()).unwrap();
        let g = raw.graphs.first().unwrap();
        assert_eq!((g.nodes.len(), g.edges.len()), (NODES, EDGES));
    }));
    checks.push(time("DL edgelist1", dl.len(), || {
        let raw = parse_dl(dl.as_bytes()).unwrap();
        let g = raw.graphs.first().unwrap();
        assert_eq!((g.nodes.len(), g.edges.len()), (NODES, EDGES));
    }));
    assert!(checks.iter().all(|t| *t < Duration::from_secs(1)), "{checks:?}");
}
