//! GEXF conformance over the corpus of other tools' files (`INFONET_CORPUS`; skipped when absent).
//!
//! igraph has no GEXF reader, so where networkx 3.6.1 reads a file we must read the same node and
//! edge counts and direction. Where networkx fails, [`DECIDED`] states what we read and why (the
//! counts were checked by hand against the files). Nodes are counted as networkx counts them:
//! declared nodes plus endpoints of edges to missing nodes. Edges are counted as listed.

use crate::corpus_support;

use std::collections::HashSet;

use corpus_support::{Peer, corpus, files_with, peer_results};
use infonet::io::gexf::parse_gexf;
use infonet::io::raw::{RawFile, RawGraph};

#[derive(Debug)]
enum Expect {
    /// Nodes, edges, directed of the graph.
    Ok(usize, usize, bool),
    /// Must fail with a real position.
    Err,
}

/// Our policy where networkx fails (or the file is not in the peer table).
const DECIDED: &[(&str, Expect, &str)] = &[
    (
        "derived-informant-csv/lazega_advice_networkx.gexf",
        Expect::Ok(71, 892, true),
        "written by networkx 3.6.1 (SOURCE.txt); not in the peer table",
    ),
    (
        "gephi-test-files/export_gexf_includenullattvalues.gexf",
        Expect::Ok(2, 1, true),
        "null values are skipped",
    ),
    (
        "gephi-test-files/import_gexf_dynamicedgeweight.gexf",
        Expect::Ok(2, 1, true),
        "namespace www.gexf.net/1.3 (networkx finds no graph): local names; time ignored, one warning",
    ),
    (
        "gephi-test-files/import_gexf_meta.gexf",
        Expect::Err,
        "only <meta>, no <graph>: nothing to import (networkx fails too)",
    ),
    ("gephi-test-files/import_gexf_slice.gexf", Expect::Ok(2, 1, true), "1.3 slice: time ignored"),
    (
        "gephi-test-files/sample_Les_Miserables.gexf",
        Expect::Ok(77, 254, false),
        "Gephi's sample in www.gexf.net/1.3 (networkx fails)",
    ),
    ("gephi-toolkit-demos/timeframe1.gexf", Expect::Ok(3, 2, true), "1.3 slice: time ignored"),
    ("gephi-toolkit-demos/timeframe2.gexf", Expect::Ok(3, 3, true), "1.3 slice: time ignored"),
    ("gephi-toolkit-demos/timeframe3.gexf", Expect::Ok(3, 1, true), "1.3 slice: time ignored"),
    (
        "gexf-spec-primer/simple_1.1draft.gexf",
        Expect::Ok(2, 1, true),
        "the 1.1draft primer (networkx fails on its schema location)",
    ),
    (
        "graphology-test-files/basic.gexf",
        Expect::Ok(2, 2, true),
        "an undirected edge in a directed graph (networkx fails): per-edge direction",
    ),
    ("graphology-test-files/basic_formatted.gexf", Expect::Ok(2, 2, true), "as basic.gexf"),
    ("graphology-test-files/mixed.gexf", Expect::Ok(3, 3, true), "mixed directions, as basic.gexf"),
    (
        "graphology-test-files/undeclared_attribute.gexf",
        Expect::Ok(2, 1, true),
        "undeclared attvalues (networkx fails): kept by id, with a warning",
    ),
    (
        "graphology-test-files/v1_3.gexf",
        Expect::Ok(2, 1, false),
        "listboolean (networkx fails): list types are text; no defaultedgetype means undirected",
    ),
    ("graphology-test-files/v1_3_writer.gexf", Expect::Ok(2, 1, true), "list types are text"),
];

/// Declared nodes plus endpoints of edges to missing nodes.
fn node_count(graph: &RawGraph) -> usize {
    let mut ids: HashSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.extend(graph.edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]));
    ids.len()
}

fn counts(file: &RawFile) -> Option<(usize, usize, bool)> {
    match file.graphs.as_slice() {
        [graph] => Some((node_count(graph), graph.edges.len(), graph.directed)),
        _ => None,
    }
}

fn read(root: &std::path::Path, file: &str) -> Result<RawFile, infonet::io::ParseError> {
    parse_gexf(&std::fs::read(root.join(file)).expect("corpus file"))
}

#[test]
fn every_corpus_gexf_file_reads_as_decided() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found (set INFONET_CORPUS); GEXF conformance skipped");
        return;
    };
    let peers = peer_results(&root);
    let files = files_with(&root, &[".gexf"]);
    assert!(files.len() >= 35, "expected the GEXF corpus, found {files:?}");
    let (mut agreed, mut decided) = (0, 0);
    for file in &files {
        let result = read(&root, file);
        if let Some((_, expect, why)) = DECIDED.iter().find(|(f, _, _)| f == file) {
            decided += 1;
            match (expect, &result) {
                (Expect::Err, Err(e)) => assert!(e.line > 0 && e.column > 0, "{file}: {e:?}"),
                (Expect::Ok(n, m, directed), Ok(raw)) => {
                    assert_eq!(counts(raw), Some((*n, *m, *directed)), "{file} ({why})");
                }
                _ => panic!("{file}: expected {expect:?} ({why}), got {result:?}"),
            }
            continue;
        }
        match peers.get(file) {
            Some((Peer::Ok(n, m, d), _)) => {
                agreed += 1;
                let raw = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(counts(&raw), Some((*n, *m, *d)), "{file}");
            }
            other => panic!("{file}: networkx read {other:?}; add the file to DECIDED with a policy"),
        }
    }
    eprintln!("GEXF corpus: {} files, {agreed} as networkx, {decided} by our policy", files.len());
}

#[test]
fn corpus_gexf_content() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    let graph = |file: &str| read(&root, file).expect("parses").graphs.into_iter().next().expect("graph");
    let gephi = graph("gephi-test-files/sample_Les_Miserables.gexf");
    let myriel = gephi.nodes.first().expect("Myriel");
    assert_eq!(myriel.label.as_deref(), Some("Myriel"));
    assert_eq!(myriel.position, Some([-102.81979, 185.35468]), "y flipped");
    assert_eq!((myriel.colour, myriel.size), (Some([91, 91, 245]), Some(28.685715)));
    assert!(myriel.attrs.contains_key("Modularity Class"), "named by title: {:?}", myriel.attrs);
    // 1.1draft from another writer: broken viz namespace, capitalised <Title>.
    let miserables = graph("graphology-test-files/les_miserables.gexf");
    assert_eq!(
        miserables.name.as_deref(),
        Some("Les Misérables, the characters coappearance weighted graph")
    );
    assert!(miserables.nodes.iter().all(|n| n.position.is_some() && n.colour.is_some()));
    // The Polinode survey export: the survey question Q1 on every tie.
    let survey = graph("graphology-test-files/case.gexf");
    assert!(survey.edges.iter().all(|e| e.attrs.contains_key("Q1")));
    assert!(survey.nodes.iter().all(|n| n.attrs.contains_key("Gender")));
    // networkx output: typed attributes and the graph name.
    let lazega = graph("derived-informant-csv/lazega_advice_networkx.gexf");
    assert_eq!(lazega.name.as_deref(), Some("Lazega law firm - advice"));
    let l1 = lazega.nodes.first().expect("L1");
    assert_eq!(l1.attrs.get("age").and_then(|v| v.as_number()), Some(64.0));
    // Dynamic weight: the last value over time.
    let dynamic = graph("gephi-test-files/import_gexf_dynamicedgeweight.gexf");
    assert_eq!(dynamic.edges.first().and_then(|e| e.weight), Some(2.0));
}
