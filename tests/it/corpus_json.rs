//! Conformance on the JSON files of the shared corpus (see `shared/corpus/README.md`, section
//! "JSON"). Runs when the corpus exists (`$INFONET_CORPUS`, `<manifest>/../shared/corpus` or
//! `<manifest>/../../shared/corpus`); otherwise prints a note and passes.
//!
//! Expected counts: the folders' SOURCE.txt (vega miserables 77/254), networkx 3.6.1's
//! `node_link_graph` (Lazega advice 71/892, directed), and the files' own `nodes`/`edges` arrays
//! for the Gephi/graphology exports (neither networkx nor igraph reads those). The peers never
//! disagree on these files: networkx has no graphology reader and igraph no JSON reader at all.
//! MWnets files (bavla) must be rejected at 1:1 with a message that says what they are.

use std::path::PathBuf;

use infonet::io::json_graph::parse_json_graph;
use infonet::io::raw::{AttrValue, RawGraph};

fn corpus() -> Option<PathBuf> {
    crate::corpus_support::corpus()
}

fn read(corpus: &std::path::Path, file: &str) -> RawGraph {
    let bytes = std::fs::read(corpus.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let parsed = parse_json_graph(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(parsed.graphs.len(), 1, "{file}");
    parsed.graphs.into_iter().next().unwrap_or_default()
}

#[test]
fn corpus_json_files() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("skipped: no shared/corpus (set INFONET_CORPUS)");
        return;
    };
    // (file, nodes, edges, directed)
    let expected = [
        ("vega-miserables-json/miserables.json", 77, 254, false),
        ("derived-informant-csv/lazega_advice_node_link.json", 71, 892, true),
        ("graphology-test-files/graphology_clique3.json", 12, 21, true),
        ("gephi-test-files/export_json_colors.json", 2, 1, true),
        ("gephi-test-files/export_json_column.json", 2, 1, true),
        ("gephi-test-files/export_json_empty.json", 0, 0, true),
        ("gephi-test-files/export_json_labels.json", 2, 1, true),
        ("gephi-test-files/export_json_mixed.json", 3, 2, true),
        ("gephi-test-files/export_json_multi.json", 2, 2, true),
        ("gephi-test-files/export_json_position.json", 2, 1, true),
        ("gephi-test-files/export_json_position_normalized.json", 2, 1, true),
        ("gephi-test-files/export_json_tiny.json", 2, 1, true),
        ("gephi-test-files/export_json_undirected.json", 2, 1, false),
    ];
    let mut passed = 0;
    for (file, nodes, edges, directed) in expected {
        if !corpus.join(file).is_file() {
            eprintln!("missing from the corpus: {file}");
            continue;
        }
        let graph = read(&corpus, file);
        assert_eq!(
            (graph.nodes.len(), graph.edges.len(), graph.directed),
            (nodes, edges, directed),
            "{file}"
        );
        passed += 1;
    }
    eprintln!("{passed} JSON corpus files read with the expected counts");

    // Quirks worth pinning down.
    let miserables = read(&corpus, "vega-miserables-json/miserables.json");
    // Indices: link {"source": 1, "target": 0} joins Napoleon to Myriel.
    let first = miserables.edges.first().expect("link");
    assert_eq!((first.source.as_str(), first.target.as_str()), ("1", "0"));
    assert_eq!(miserables.nodes.get(1).and_then(|n| n.label.as_deref()), Some("Napoleon"));
    assert_eq!(first.attrs.get("value"), Some(&AttrValue::Number(1.0)));

    let lazega = read(&corpus, "derived-informant-csv/lazega_advice_node_link.json");
    assert_eq!(lazega.name.as_deref(), Some("Lazega law firm - advice"));
    let l1 = lazega.nodes.first().expect("L1");
    assert_eq!((l1.id.as_str(), l1.label.as_deref()), ("L1", Some("L1")));
    assert_eq!(l1.attrs.get("office"), Some(&AttrValue::Text("Boston".into())));
    assert_eq!(l1.attrs.get("age"), Some(&AttrValue::Number(64.0)));

    let colors = read(&corpus, "gephi-test-files/export_json_colors.json");
    assert_eq!(
        colors.nodes.iter().map(|n| n.colour).collect::<Vec<_>>(),
        [Some([0, 255, 255]), Some([255, 100, 120])]
    );
    let position = read(&corpus, "gephi-test-files/export_json_position.json");
    assert_eq!(
        position.nodes.iter().map(|n| n.position).collect::<Vec<_>>(),
        [Some([2.5, -4.7]), Some([-3.3, 5.4])]
    );
    let mixed = read(&corpus, "gephi-test-files/export_json_mixed.json");
    assert_eq!(mixed.edges.iter().map(|e| e.directed).collect::<Vec<_>>(), [Some(false), None]);
    let labels = read(&corpus, "gephi-test-files/export_json_labels.json");
    assert_eq!(labels.nodes.first().and_then(|n| n.label.as_deref()), Some("1"));
    assert!(labels.edges.iter().all(|e| e.weight == Some(1.0)));
}

#[test]
fn corpus_mwnets_files_are_rejected_clearly() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("skipped: no shared/corpus (set INFONET_CORPUS)");
        return;
    };
    let Ok(entries) = std::fs::read_dir(corpus.join("bavla-mwnets-json")) else {
        crate::corpus_support::skip("skipped: no bavla-mwnets-json");
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let error = parse_json_graph(&bytes).expect_err("MWnets is not a network shape we read");
        assert_eq!((error.line, error.column), (1, 1), "{}", path.display());
        assert!(error.message.contains("MWnets multiway network"), "{}: {error}", path.display());
        assert!(error.message.contains("accepted JSON shapes"), "{}: {error}", path.display());
    }
    eprintln!("{} MWnets files rejected", files.len());
}

/// Every corpus file that is not JSON must be rejected with a position, never crash.
#[test]
fn corpus_non_json_files_fail_cleanly() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("skipped: no shared/corpus (set INFONET_CORPUS)");
        return;
    };
    let Ok(folders) = std::fs::read_dir(&corpus) else { return };
    let mut count = 0;
    for folder in folders.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()) {
        let Ok(files) = std::fs::read_dir(&folder) else { continue };
        for path in files.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_some_and(|x| x == "json") || !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read");
            if let Err(error) = parse_json_graph(&bytes) {
                assert!(error.line > 0 && error.column > 0, "{}: {error}", path.display());
            }
            count += 1;
        }
    }
    eprintln!("{count} non-JSON corpus files tried");
}
