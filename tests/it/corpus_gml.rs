//! GML conformance over the corpus of other tools' files (`INFONET_CORPUS`; skipped when absent).
//!
//! Where networkx 3.6.1 and igraph 1.0.0 agree on node and edge counts, we must read the same.
//! Where they disagree or both fail, [`DECIDED`] states what we read and why.
#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::allow_attributes)]

use crate::corpus_support;

use corpus_support::{Peer, corpus, files_with, peer_results};
use infonet::io::gml::parse_gml;
use infonet::io::raw::{AttrValue, RawFile};

#[derive(Debug)]
enum Expect {
    /// Nodes, edges, directed of the first graph.
    Ok(usize, usize, bool),
    /// Must fail with a real position.
    Err,
}

/// Our policy where the peers disagree or both fail.
const DECIDED: &[(&str, Expect, &str)] = &[
    (
        "cytoscape-test-files/gml_galFiltered_old.gml",
        Expect::Ok(331, 362, true),
        "duplicate edges kept (as igraph; networkx refuses duplicates)",
    ),
    (
        "gephi-test-files/import_emojis.gml",
        Expect::Ok(1, 0, false),
        "bare-word id A and a UTF-8 label: both peers fail; we read it",
    ),
    (
        "gephi-test-files/import_label.gml",
        Expect::Ok(3, 2, false),
        "bare-word ids: networkx reads them, igraph fails; we follow networkx",
    ),
    (
        "gml4gtk-gml-zoo/colors.gml",
        Expect::Ok(7, 8, true),
        "comments, multi-line label: networkx crashes, igraph reads it",
    ),
    (
        "gml4gtk-gml-zoo/econn.gml",
        Expect::Ok(2, 5, false),
        "parallel edges without multigraph 1 are kept (as igraph)",
    ),
    (
        "gml4gtk-gml-zoo/gmltest_t.gml",
        Expect::Ok(6, 7, true),
        "backslash-escaped quotes: both peers fail; we unescape them",
    ),
    (
        "gml4gtk-gml-zoo/graphML2.gml",
        Expect::Ok(6, 6, false),
        "capitalised Graph/Directed: both peers find no graph; keys are case-insensitive here",
    ),
    (
        "igraph-test-files/bug_2497.gml",
        Expect::Ok(2, 0, false),
        "node without id: igraph gives it an id, networkx rejects; we follow igraph",
    ),
    ("igraph-test-files/celegansneural.gml", Expect::Ok(297, 2359, true), "duplicate arcs kept (as igraph)"),
    (
        "igraph-test-files/graph1.gml",
        Expect::Ok(3, 2, true),
        "-Inf/NaN values (networkx fails); the second graph block becomes graphs[1]",
    ),
    (
        "igraph-test-files/graph2.gml",
        Expect::Ok(3, 0, true),
        "nodes without id (as igraph); directed 2 reads as directed, with a warning",
    ),
    ("igraph-test-files/invalid1.gml", Expect::Err, "an edge with two sources"),
    ("igraph-test-files/invalid2.gml", Expect::Err, "no graph"),
    ("igraph-test-files/invalid4.gml", Expect::Err, "Version-0 is not a key"),
    ("igraph-test-files/invalid5.gml", Expect::Err, "bare words as values"),
    ("igraph-test-files/invalid6.gml", Expect::Err, "garbage key"),
];

/// Files where the peers agree on counts but we read the direction differently.
/// ogdf1.gml has `directed 1` before `graph [` (OGDF's writer puts it there); both peers ignore it,
/// we apply it to the graph.
const DIRECTION_DIFFERS: &[&str] = &["gml4gtk-gml-zoo/ogdf1.gml"];

fn read(root: &std::path::Path, file: &str) -> Result<RawFile, infonet::io::ParseError> {
    parse_gml(&std::fs::read(root.join(file)).unwrap())
}

#[test]
fn every_corpus_gml_file_reads_as_decided() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found (set INFONET_CORPUS); GML conformance skipped");
        return;
    };
    let peers = peer_results(&root);
    let files = files_with(&root, &[".gml"]);
    assert!(files.len() >= 50, "expected the GML corpus, found {files:?}");
    let (mut agreed, mut decided) = (0, 0);
    for file in &files {
        let result = read(&root, file);
        if let Some((_, expect, why)) = DECIDED.iter().find(|(f, _, _)| f == file) {
            decided += 1;
            match (expect, &result) {
                (Expect::Err, Err(e)) => assert!(e.line > 0 && e.column > 0, "{file}: {e:?}"),
                (Expect::Ok(n, m, directed), Ok(raw)) => {
                    let g = raw.graphs.first().unwrap();
                    assert_eq!(
                        (g.nodes.len(), g.edges.len(), g.directed),
                        (*n, *m, *directed),
                        "{file} ({why})"
                    );
                }
                _ => panic!("{file}: expected {expect:?} ({why}), got {result:?}"),
            }
            continue;
        }
        match peers.get(file) {
            Some((Peer::Ok(n, m, d), Peer::Ok(n2, m2, d2))) if (n, m) == (n2, m2) && d == d2 => {
                agreed += 1;
                let raw = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                let g = raw.graphs.first().unwrap();
                assert_eq!((g.nodes.len(), g.edges.len()), (*n, *m), "{file}");
                if !DIRECTION_DIFFERS.contains(&file.as_str()) {
                    assert_eq!(g.directed, *d, "{file}");
                }
            }
            other => panic!("{file}: the peers read {other:?}; add the file to DECIDED with a policy"),
        }
    }
    eprintln!("GML corpus: {} files, {agreed} as both peers, {decided} by our policy", files.len());
    for zip in files_with(&root, &[".zip"]) {
        eprintln!(
            "note: {zip} not opened (its GML/Pajek members are in the corpus unzipped, byte-identical)"
        );
    }
}

#[test]
fn corpus_gml_content() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    // networkx export: typed attributes, the graph's name, 0-based ids.
    let raw = read(&root, "lazega-lawfirm-networkx-exports/LazegaLawyers-advice.gml").unwrap();
    let g = raw.graphs.first().unwrap();
    assert_eq!(g.name.as_deref(), Some("LazegaLawyers-advice"));
    let first = g.nodes.first().unwrap();
    assert_eq!((first.id.as_str(), first.label.as_deref()), ("0", Some("0")));
    assert_eq!(first.attrs.get("law_scool"), Some(&AttrValue::Text("harvard, yale".into())));
    assert_eq!(first.attrs.get("age"), Some(&AttrValue::Number(64.0)));
    let women =
        g.nodes.iter().filter(|n| n.attrs.get("gender") == Some(&AttrValue::Text("woman".into()))).count();
    assert_eq!(women, 18);
    // Newman: edge `value` is the weight.
    let raw = read(&root, "gml4gtk-gml-zoo/lesmis.gml").unwrap();
    let g = raw.graphs.first().unwrap();
    assert!(g.edges.iter().all(|e| e.weight.is_some_and(|w| w >= 1.0)));
    // yFiles: positions, sizes and colours from graphics.
    let raw = read(&root, "igraph-test-files/fuzz_graph1.gml").unwrap();
    let a = raw.graphs.first().unwrap().nodes.first().unwrap();
    assert_eq!(a.label.as_deref(), Some("A"));
    assert_eq!(a.position, Some([15.0, 125.48405928593465]));
    assert_eq!((a.size, a.colour), (Some(30.0), Some([0xFF, 0xCC, 0x00])));
    // Escapes and entities.
    let raw = read(&root, "gml4gtk-gml-zoo/gmltest_t.gml").unwrap();
    assert_eq!(raw.graphs.first().unwrap().nodes.first().unwrap().label.as_deref(), Some("\"n0\""));
    let raw = read(&root, "igraph-test-files/graph1.gml").unwrap();
    let label = raw.graphs.first().unwrap().edges.get(1).unwrap().attrs.get("label").cloned();
    assert_eq!(label, Some(AttrValue::Text("Tom & Jerry's \"friendship\"".into())));
    let raw = read(&root, "gephi-test-files/import_emojis.gml").unwrap();
    assert_eq!(raw.graphs.first().unwrap().nodes.first().unwrap().label.as_deref(), Some("\u{2705}"));
    // Errors point at the problem.
    let e = read(&root, "igraph-test-files/invalid1.gml").unwrap_err();
    assert_eq!((e.line, e.column), (235, 5));
}
