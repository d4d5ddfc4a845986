//! The layout benchmark's graphs (`shared/bench/layout-peers/gen_graphs.py`): `ba-1000` and
//! `ba-100000` edge lists and their `.init` start positions. The files are generated into a
//! temporary folder with `python3`; without `python3` or the benchmark folder the test is skipped.
//!
//! Speed: `cargo test --release --test it layout_bench_edges -- --nocapture` prints the parse times
//! (and asserts < 100 ms for ba-100000's 299,991 edges in release builds).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use infonet::io::edge_list::{parse_edge_list, parse_layout_init};

fn bench_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [manifest.join("../shared/bench/layout-peers"), manifest.join("../../shared/bench/layout-peers")]
        .into_iter()
        .find(|p| p.join("gen_graphs.py").is_file())
}

#[test]
fn benchmark_edge_lists_and_init_files() {
    let Some(bench) = bench_dir() else {
        eprintln!("skipped: shared/bench/layout-peers not found");
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let status = Command::new("python3")
        .arg(bench.join("gen_graphs.py"))
        .arg("--outdir")
        .arg(out.path())
        .args(["--sizes", "1000,100000", "--smallworld", "0"])
        .output();
    match status {
        Ok(output) if output.status.success() => {}
        other => {
            eprintln!("skipped: could not run gen_graphs.py: {other:?}");
            return;
        }
    }
    for (name, n, m) in [("ba-1000", 1000, 2991), ("ba-100000", 100_000, 299_991)] {
        let edges = std::fs::read(out.path().join(format!("{name}.edges"))).expect("edges file");
        let start = Instant::now();
        let file = parse_edge_list(&edges).expect("benchmark edge list parses");
        let parsed = start.elapsed();
        assert!(file.warnings.is_empty(), "{name}: {:?}", file.warnings);
        let [graph] = file.graphs.as_slice() else { panic!("{name}: one graph") };
        assert!(!graph.directed, "{name}: the benchmark's edge lists are undirected");
        assert_eq!((graph.nodes.len(), graph.edges.len()), (n, m), "{name}");
        // Nodes are 0..n-1 in order, so node i is line i of the .init file.
        assert!(graph.nodes.iter().enumerate().all(|(i, node)| node.id == i.to_string()), "{name}");
        assert!(graph.edges.iter().all(|e| e.weight.is_none() && e.attrs.is_empty()));

        let init = std::fs::read(out.path().join(format!("{name}.init"))).expect("init file");
        let start = Instant::now();
        let positions = parse_layout_init(&init, n).expect("init parses");
        let init_parsed = start.elapsed();
        assert_eq!(positions.len(), n);
        assert!(positions.iter().flatten().all(|v| (0.0..1.0).contains(v)), "{name}: unit square");
        assert!(parse_layout_init(&init, n + 1).is_err());
        eprintln!("{name}: edges {parsed:?}, init {init_parsed:?}");
        if !cfg!(debug_assertions) && name == "ba-100000" {
            assert!(parsed < Duration::from_millis(100), "{parsed:?}");
        }
    }
}
