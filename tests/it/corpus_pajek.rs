//! Pajek conformance over the corpus of other tools' files (`INFONET_CORPUS`; skipped when absent).
//!
//! Where networkx 3.6.1 and igraph 1.0.0 agree on node and edge counts, we must read the same.
//! Where they disagree or both fail, [`DECIDED`] states what we read (every graph: relations and
//! networks) and why.
#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::allow_attributes)]

use crate::corpus_support;

use std::collections::BTreeMap;

use corpus_support::{Peer, corpus, files_with, peer_results};
use infonet::io::pajek::parse_pajek;
use infonet::io::raw::{AttrValue, RawFile, RawGraph};

/// Nodes, edges and direction of every graph; or `None` for a file that must fail.
type Graphs = Option<&'static [(usize, usize, bool)]>;

/// Our policy where the peers disagree or both fail.
const DECIDED: &[(&str, Graphs, &str)] = &[
    (
        "lazega-lawfirm-pajek/Lazega-Law-Firm.paj",
        Some(&[(71, 892, true), (71, 575, true), (71, 1104, true)]),
        "3 relations by `k:` prefix (networkx 95/2600 wrong, igraph fails)",
    ),
    (
        "socnetv-datasets/Krackhardt_High-tech_managers.paj",
        Some(&[(21, 190, true), (21, 102, true), (21, 20, true)]),
        "*Matrix :k blocks (both peers fail)",
    ),
    (
        "socnetv-datasets/Padgett_Florentine_Families.paj",
        Some(&[(16, 20, false), (16, 15, false)]),
        "symmetric matrices read as undirected edges (README: marriage 20, business 15)",
    ),
    (
        "socnetv-datasets/Knoke_Bureaucracies_Network.pajek",
        Some(&[(10, 49, true), (10, 22, true)]),
        "*Matrix blocks (both peers fail)",
    ),
    (
        "socnetv-datasets/Wasserman_Faust_7actors_star_circle_line_graphs.paj",
        Some(&[(7, 6, false), (7, 7, false), (7, 6, false)]),
        "symmetric matrices: star, circle, line",
    ),
    (
        "socnetv-datasets/Campnet.paj",
        Some(&[(18, 44, true)]),
        "`ic` before the coordinates: networkx reads it, igraph fails",
    ),
    (
        "esna-pajek-book-data/Galesburg2.paj",
        Some(&[(31, 78, true), (31, 82, true)]),
        "two *Network blocks, one graph each (igraph reads the first, networkx merges)",
    ),
    (
        "esna-pajek-book-data/Hi-tech.net",
        Some(&[(36, 147, true)]),
        "*Arcs: directed (the peer table gives no direction for the ESNA files)",
    ),
    (
        "esna-pajek-book-data/Hi-tech.paj",
        Some(&[(36, 147, true)]),
        "the *Partition becomes an attribute (networkx reads its lines as vertices)",
    ),
    (
        "esna-pajek-book-data/Korea.paj",
        Some(&[(39, 69, false), (39, 84, false)]),
        "two networks + four partitions",
    ),
    ("esna-pajek-book-data/Student_government.paj", Some(&[(11, 41, true)]), "partition as attribute"),
    (
        "esna-pajek-book-data/strike.paj",
        Some(&[(24, 38, false)]),
        "empty *Arcs then *Edges; partition as attribute",
    ),
    ("igraph-test-files/bipartite.net", Some(&[(13, 11, false)]), "two-mode *Vertices 13 8 (networkx fails)"),
    (
        "igraph-test-files/pajek_bip.net",
        Some(&[(15, 25, false)]),
        "two-mode matrix, 10 rows x 5 columns (networkx fails)",
    ),
    (
        "igraph-test-files/pajek_bip2.net",
        Some(&[(15, 25, false)]),
        "two-mode matrix with a 6th column, ignored with a warning (as igraph's count)",
    ),
    ("igraph-test-files/pajek2.net", Some(&[(10, 9, false)]), "CR-only line ends (networkx fails)"),
    (
        "igraph-test-files/pajek4.net",
        Some(&[(10, 9, false)]),
        "mixed CR/LF line ends (networkx loses the edges)",
    ),
    (
        "igraph-test-files/pajek_arcslist.net",
        Some(&[(18, 55, true)]),
        "*Arcslist: every target of a line (as igraph; networkx reads one)",
    ),
    (
        "igraph-test-files/pajek_edgeslist.net",
        Some(&[(3, 3, false)]),
        "*Edgeslist: every target of a line (as igraph)",
    ),
    (
        "igraph-test-files/utf8_with_bom.net",
        Some(&[(10, 6, false)]),
        "BOM, CRLF, extra vertex attributes (networkx crashes)",
    ),
    (
        "sociopatterns-highschool-friendship/highschool_friendship_arclist.net",
        Some(&[(134, 668, true)]),
        "*vertices without vertex lines (networkx fails)",
    ),
    ("igraph-test-files/invalid_pajek1.net", None, "*Vertices 1 3"),
    ("igraph-test-files/invalid_pajek2.net", None, "vertex number 0"),
    ("igraph-test-files/invalid_pajek3.net", None, "*Vertices 1 2 1"),
];

fn read(root: &std::path::Path, file: &str) -> Result<RawFile, infonet::io::ParseError> {
    parse_pajek(&std::fs::read(root.join(file)).unwrap())
}

fn shape(raw: &RawFile) -> Vec<(usize, usize, bool)> {
    raw.graphs.iter().map(|g| (g.nodes.len(), g.edges.len(), g.directed)).collect()
}

#[test]
fn every_corpus_pajek_file_reads_as_decided() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found (set INFONET_CORPUS); Pajek conformance skipped");
        return;
    };
    let peers = peer_results(&root);
    let files = files_with(&root, &[".net", ".paj", ".pajek"]);
    assert!(files.len() >= 35, "expected the Pajek corpus, found {files:?}");
    let (mut agreed, mut decided) = (0, 0);
    for file in &files {
        let result = read(&root, file);
        if let Some((_, expect, why)) = DECIDED.iter().find(|(f, _, _)| f == file) {
            decided += 1;
            match (expect, &result) {
                (None, Err(e)) => assert!(e.line > 0 && e.column > 0, "{file}: {e:?}"),
                (Some(graphs), Ok(raw)) => assert_eq!(shape(raw), graphs.to_vec(), "{file} ({why})"),
                _ => panic!("{file}: expected {expect:?} ({why}), got {result:?}"),
            }
            continue;
        }
        match peers.get(file) {
            Some((Peer::Ok(n, m, d), Peer::Ok(n2, m2, d2))) if (n, m, d) == (n2, m2, d2) => {
                agreed += 1;
                let raw = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(shape(&raw), [(*n, *m, *d)], "{file}");
            }
            // Sampson: networkx says directed, igraph undirected; the file has both *Arcs and
            // *Edges, which we read as one directed graph whose edges say their own direction.
            Some((Peer::Ok(n, m, _), Peer::Ok(n2, m2, _))) if (n, m) == (n2, m2) => {
                agreed += 1;
                let raw = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(shape(&raw), [(*n, *m, true)], "{file}");
                let g = raw.graphs.first().unwrap();
                assert!(g.edges.iter().any(|e| e.directed == Some(false)), "{file}: mixed");
                assert!(g.edges.iter().any(|e| e.directed == Some(true)), "{file}: mixed");
            }
            other => panic!("{file}: the peers read {other:?}; add the file to DECIDED with a policy"),
        }
    }
    eprintln!("Pajek corpus: {} files, {agreed} as both peers, {decided} by our policy", files.len());
    // Partition files on their own (.clu) are refused with a message that says what they are.
    let partitions = files_with(&root, &[".clu"]);
    assert!(!partitions.is_empty());
    for file in &partitions {
        let e = read(&root, file).unwrap_err();
        assert!(e.line > 0 && e.message.contains("partition"), "{file}: {e}");
    }
    for zip in files_with(&root, &[".zip"]) {
        eprintln!("note: {zip} not opened (its members are in the corpus unzipped, byte-identical)");
    }
}

fn values(g: &RawGraph, key: &str) -> BTreeMap<i64, usize> {
    let mut counts = BTreeMap::new();
    for node in &g.nodes {
        if let Some(AttrValue::Number(v)) = node.attrs.get(key) {
            *counts.entry(*v as i64).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn lazega_project_has_three_named_relations_and_seven_attributes() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    let raw = read(&root, "lazega-lawfirm-pajek/Lazega-Law-Firm.paj").unwrap();
    assert!(raw.warnings.is_empty(), "{:?}", raw.warnings);
    let names: Vec<Option<&str>> = raw.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("advice"), Some("friendship"), Some("co-work")]);
    for g in &raw.graphs {
        let keys: Vec<&String> = g.nodes.first().unwrap().attrs.keys().collect();
        assert_eq!(keys, ["age", "gender", "lawSchool", "office", "practice", "seniority", "status"]);
        assert!(g.nodes.iter().all(|n| n.attrs.len() == 7));
        // README: 36 partners / 35 associates, 53 men / 18 women, offices 48 / 19 / 4.
        assert_eq!(values(g, "status"), BTreeMap::from([(1, 36), (2, 35)]));
        assert_eq!(values(g, "gender"), BTreeMap::from([(1, 53), (2, 18)]));
        assert_eq!(values(g, "office"), BTreeMap::from([(1, 48), (2, 19), (3, 4)]));
        assert_eq!(values(g, "practice").values().sum::<usize>(), 71);
        assert_eq!(values(g, "lawSchool").keys().copied().collect::<Vec<_>>(), [1, 2, 3]);
        let first = g.nodes.first().unwrap();
        assert_eq!((first.id.as_str(), first.label.as_deref()), ("1", Some("L1")));
        // Node 1 of the README's table: seniority 31, age 64.
        assert_eq!(first.attrs.get("seniority"), Some(&AttrValue::Number(31.0)));
        assert_eq!(first.attrs.get("age"), Some(&AttrValue::Number(64.0)));
    }
    // Advice and friendship match the networkx exports (1-based numbers there too).
    for (index, export) in [(0, "LazegaLawyers-advice.net"), (1, "LazegaLawyers-friend.net")] {
        let other = read(&root, &format!("lazega-lawfirm-networkx-exports/{export}")).unwrap();
        let pairs = |g: &RawGraph| {
            let mut p: Vec<(String, String)> =
                g.edges.iter().map(|e| (e.source.clone(), e.target.clone())).collect();
            p.sort();
            p
        };
        assert_eq!(pairs(raw.graphs.get(index).unwrap()), pairs(other.graphs.first().unwrap()), "{export}");
    }
}

#[test]
fn corpus_pajek_content() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    let raw = read(&root, "socnetv-datasets/Krackhardt_High-tech_managers.paj").unwrap();
    let names: Vec<Option<&str>> = raw.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("gives_advice_to"), Some("is_friend_of"), Some("reports_to")]);
    assert_eq!(raw.graphs.first().unwrap().nodes.first().unwrap().position, Some([0.6226, 0.7207]));
    // Korea: each village's partitions go to its own network (the name rule).
    let raw = read(&root, "esna-pajek-book-data/Korea.paj").unwrap();
    let keys = |i: usize| {
        raw.graphs.get(i).unwrap().nodes.first().unwrap().attrs.keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(keys(0), ["Korea1_adopters", "Korea1_members"]);
    assert_eq!(keys(1), ["Korea2_adopters", "Korea2_members"]);
    // Galesburg: the partition applies to both networks of 31 physicians.
    let raw = read(&root, "esna-pajek-book-data/Galesburg2.paj").unwrap();
    let names: Vec<Option<&str>> = raw.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("Galesburg_friends"), Some("Galesburg_discussion")]);
    assert!(
        raw.graphs.iter().all(|g| g.nodes.iter().all(|n| n.attrs.contains_key("Galesburg_adoptiontime")))
    );
    // Strike: three groups.
    let raw = read(&root, "esna-pajek-book-data/strike.paj").unwrap();
    let g = raw.graphs.first().unwrap();
    assert_eq!(values(g, "Strike_groups").len(), 3);
    assert_eq!(g.nodes.get(22).unwrap().label.as_deref(), Some("Xavier"));
    // Campnet's `ic RGBF1F5D5` before the coordinates.
    let raw = read(&root, "socnetv-datasets/Campnet.paj").unwrap();
    let holly = raw.graphs.first().unwrap().nodes.first().unwrap();
    assert_eq!((holly.colour, holly.position), (Some([0xF1, 0xF5, 0xD5]), Some([0.63046, 0.575472])));
    // igraph's UTF-8 file: labels and extra attributes.
    let raw = read(&root, "igraph-test-files/utf8_with_bom.net").unwrap();
    let g = raw.graphs.first().unwrap();
    assert_eq!(g.nodes.get(4).unwrap().label.as_deref(), Some("Jürgen Müller"));
    assert_eq!(g.nodes.get(5).unwrap().attrs.get("foo"), Some(&AttrValue::Text("\u{fe}\u{e6}\u{f0}".into())));
    // networkx export: key value pairs and quoted values with commas.
    let raw = read(&root, "lazega-lawfirm-networkx-exports/LazegaLawyers-work.net").unwrap();
    let first = raw.graphs.first().unwrap().nodes.first().unwrap();
    assert_eq!(first.attrs.get("law_scool"), Some(&AttrValue::Text("harvard, yale".into())));
    assert_eq!(first.label.as_deref(), Some("0"));
}
