//! GraphML conformance over the corpus of other tools' files (`INFONET_CORPUS`; skipped when absent).
//!
//! Where networkx 3.6.1 and igraph 1.0.0 agree on node and edge counts and direction, we must read
//! the same. Where they disagree or both fail, or where we read differently on purpose, [`DECIDED`]
//! states what we read and why. Nodes are counted as the peers count them: declared nodes plus
//! endpoints of edges to undeclared nodes (both peers add those; the build step does too). Edges
//! are counted as the file lists them. Malformed files must fail with a real position.

use crate::corpus_support;

use std::collections::HashSet;

use corpus_support::{Peer, corpus, files_with, peer_results};
use infonet::io::graphml::parse_graphml;
use infonet::io::raw::{RawFile, RawGraph};

#[derive(Debug)]
enum Expect {
    /// Nodes, edges, directed of the first graph.
    Ok(usize, usize, bool),
    /// Must fail with a real position.
    Err,
}

/// Our policy where the peers disagree or both fail, or where we differ on purpose.
const DECIDED: &[(&str, Expect, &str)] = &[
    (
        "cytoscape-test-files/graphml_exptest.graphml",
        Expect::Ok(41, 118, true),
        "duplicate identical key declarations (igraph fails): we follow networkx",
    ),
    (
        "cytoscape-test-files/graphml_nested.xml",
        Expect::Ok(14, 12, false),
        "both peers drop what nested graphs hold (9 / 8); we flatten it, with a warning",
    ),
    ("cytoscape-test-files/graphml_nested2.xml", Expect::Ok(11, 10, false), "flattened (peers: 5 / 3)"),
    (
        "cytoscape-test-files/graphml_yFilesSample.xml",
        Expect::Ok(3, 3, true),
        "old namespace .../xmlns/graphml: both peers fail; elements are matched by local name here",
    ),
    (
        "derived-informant-csv/lazega_advice_networkx.graphml",
        Expect::Ok(71, 892, true),
        "written by networkx 3.6.1 (SOURCE.txt); not in the peer table",
    ),
    (
        "gephi-test-files/import_cdata.graphml",
        Expect::Ok(2, 1, true),
        "one key id for node and edge (networkx fails): we follow igraph",
    ),
    (
        "graphology-test-files/miserables_broken.graphml",
        Expect::Ok(77, 254, false),
        "undeclared data key (networkx fails): key id as name with a warning, as igraph reads it",
    ),
    (
        "graphology-test-files/mixed_multigraph.graphml",
        Expect::Ok(6, 8, false),
        "directed=\"true\" edges in an undirected graph (networkx fails): kept as per-edge direction",
    ),
    (
        "igraph-test-files/bug_1970.graphml",
        Expect::Ok(0, 0, true),
        "duplicate key id (both peers fail): the later declaration wins, with a warning",
    ),
    (
        "igraph-test-files/bug_2506_1.graphml",
        Expect::Ok(0, 0, true),
        "empty for and unknown attr.type (both fail): read as all / string, with warnings",
    ),
    (
        "igraph-test-files/bug_2506_2.graphml",
        Expect::Ok(0, 0, true),
        "keys with an empty id (both fail): ignored with a warning",
    ),
    (
        "igraph-test-files/bug_2506_3.graphml",
        Expect::Ok(0, 0, true),
        "empty attr.name (igraph fails, networkx reads it): the key id is the name",
    ),
    (
        "igraph-test-files/graphml-whitespace.xml",
        Expect::Ok(5, 4, false),
        "whitespace around values (networkx fails): trimmed, as igraph",
    ),
    ("igraph-test-files/invalid1.graphml", Expect::Err, "</data> closes <node>"),
    (
        "igraph-test-files/invalid2.graphml",
        Expect::Err,
        "well-formed, but text directly inside <graphml> means a broken tag",
    ),
    ("igraph-test-files/invalid3.graphml", Expect::Err, "empty file"),
    ("igraph-test-files/invalid4.graphml", Expect::Err, "binary (NUL) data"),
    ("igraph-test-files/invalid5.graphml", Expect::Err, "text directly inside <graph>"),
    ("igraph-test-files/invalid6.graphml", Expect::Err, "unclosed tag"),
    (
        "igraph-test-files/test.graphml",
        Expect::Ok(6, 7, false),
        "`  true   ` (networkx fails): trimmed, as igraph",
    ),
    (
        "socnetv-datasets/ErdosRenyi_N10_E10.graphml",
        Expect::Ok(10, 10, true),
        "igraph's libxml2 rejects SocNetV's xmlns:xsi with a trailing space: we follow networkx",
    ),
    ("socnetv-datasets/SmallWorld_N10_E12.graphml", Expect::Ok(10, 12, false), "as networkx (see above)"),
    ("socnetv-datasets/TinyDir_N2_E1_Attributes.graphml", Expect::Ok(2, 1, true), "as networkx (see above)"),
    (
        "socnetv-datasets/TinyDir_N3_REL2.graphml",
        Expect::Ok(3, 2, true),
        "as networkx for the first graph; the second relation is graphs[1] (networkx drops it)",
    ),
    ("socnetv-datasets/TinyGraphML_Dir_N3.graphml", Expect::Ok(3, 4, true), "as networkx (see above)"),
    ("socnetv-datasets/TinyGraphML_Undir_N3.graphml", Expect::Ok(3, 2, false), "as networkx (see above)"),
];

/// Declared nodes plus endpoints of edges to undeclared nodes.
fn node_count(graph: &RawGraph) -> usize {
    let mut ids: HashSet<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.extend(graph.edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]));
    ids.len()
}

fn counts(file: &RawFile) -> Option<(usize, usize, bool)> {
    file.graphs.first().map(|g| (node_count(g), g.edges.len(), g.directed))
}

fn read(root: &std::path::Path, file: &str) -> Result<RawFile, infonet::io::ParseError> {
    parse_graphml(&std::fs::read(root.join(file)).expect("corpus file"))
}

/// GraphML files: `.graphml`, and `.xml` files whose name says GraphML.
fn graphml_files(root: &std::path::Path) -> Vec<String> {
    files_with(root, &[".graphml", ".xml"])
        .into_iter()
        .filter(|f| !f.to_lowercase().ends_with(".xml") || f.to_lowercase().contains("graphml"))
        .collect()
}

#[test]
fn every_corpus_graphml_file_reads_as_decided() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip(
            "note: no corpus found (set INFONET_CORPUS); GraphML conformance skipped",
        );
        return;
    };
    let peers = peer_results(&root);
    let files = graphml_files(&root);
    assert!(files.len() >= 45, "expected the GraphML corpus, found {files:?}");
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
            Some((Peer::Ok(n, m, d), Peer::Ok(n2, m2, d2))) if (n, m, d) == (n2, m2, d2) => {
                agreed += 1;
                let raw = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(counts(&raw), Some((*n, *m, *d)), "{file}");
            }
            other => panic!("{file}: the peers read {other:?}; add the file to DECIDED with a policy"),
        }
    }
    eprintln!("GraphML corpus: {} files, {agreed} as both peers, {decided} by our policy", files.len());
}

#[test]
fn corpus_graphml_content() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    let first = |file: &str| read(&root, file).expect("parses").graphs.into_iter().next().expect("graph");
    // yEd 2.x: labels, the geometry's centre and the fill.
    let yfiles = first("cytoscape-test-files/graphml_yFilesSample.xml");
    let n0 = yfiles.nodes.first().expect("n0");
    assert_eq!(
        (n0.label.as_deref(), n0.position, n0.colour),
        (Some("1"), Some([180.0, 193.0]), Some([204, 204, 255]))
    );
    // yFiles for HTML: label text.
    let yed = first("igraph-test-files/graphml-yed.xml");
    let labels: Vec<Option<&str>> = yed.nodes.iter().map(|n| n.label.as_deref()).collect();
    assert_eq!(labels, [Some("A"), Some("B"), Some("X")]);
    // Gephi's keys: label, colour, position (y flipped), size, weight.
    let miserables = first("graphology-test-files/miserables_broken.graphml");
    let valjean = miserables.nodes.first().expect("Valjean");
    assert_eq!(valjean.label.as_deref(), Some("Valjean"));
    assert_eq!(
        (valjean.colour, valjean.position, valjean.size),
        (Some([245, 91, 91]), Some([-87.93029, -6.8120565]), Some(100.0))
    );
    assert!(miserables.edges.iter().all(|e| e.weight.is_some()));
    // networkx output: typed attributes and the graph name.
    let lazega = first("derived-informant-csv/lazega_advice_networkx.graphml");
    assert_eq!(lazega.name.as_deref(), Some("Lazega law firm - advice"));
    let l1 = lazega.nodes.first().expect("L1");
    assert_eq!(l1.attrs.get("age").and_then(|v| v.as_number()), Some(64.0));
    // Two relations as two graphs.
    let relations = read(&root, "socnetv-datasets/TinyDir_N3_REL2.graphml").expect("parses");
    let names: Vec<Option<&str>> = relations.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("relation_1"), Some("relation_2")]);
    // Text beyond Latin-1 survives.
    let fuzz = first("igraph-test-files/fuzz_yfiles.graphml");
    assert!(fuzz.nodes.iter().any(|n| n.label.as_deref() == Some("őð中")));
}

/// igraph's `graphml-namespace.xml` (JAXB's `<ns3:graphml>`, saved as `.xml`) opens through the
/// open dispatch as GraphML with 3 people and 2 ties; it was taken for a table and refused.
#[test]
fn a_prefixed_graphml_saved_as_xml_opens_as_graphml() {
    let Some(root) = corpus() else {
        eprintln!("note: no corpus found; skipped");
        return;
    };
    let path = root.join("igraph-test-files/graphml-namespace.xml");
    let loaded = infonet::io::open::open(&path, &Default::default(), &infonet::io::Progress::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.format, Some(infonet::io::open::Format::GraphMl));
    assert_eq!((loaded.network.person_count(), loaded.network.tie_count()), (3, 2));
}
