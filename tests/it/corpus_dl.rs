//! UCINET DL conformance over the corpus of other tools' files (`INFONET_CORPUS`; skipped when absent).
//!
//! Neither networkx nor python-igraph reads DL, so the expectations come from the corpus README
//! (`n/e` counts) and from counting non-zero cells. Policy: a symmetric matrix is read as
//! undirected edges from its upper triangle, so where the README counts the cells of a symmetric
//! matrix (Thurman THURM: 66 cells) we read half as many edges (33).
#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::allow_attributes)]

use crate::corpus_support;

use corpus_support::{corpus, files_with};
use infonet::io::ucinet_dl::parse_dl;

/// File, then (name, nodes, edges, directed) per matrix.
type Expected = (&'static str, &'static [(&'static str, usize, usize, bool)]);

const EXPECTED: &[Expected] = &[
    (
        "socnetv-datasets/Bernard_Killworth_Fraternity.dl",
        &[("BKFRAB", 58, 967, false), ("BKFRAC", 58, 3306, true)],
    ),
    (
        "socnetv-datasets/Freeman_EIES_networks_32actors.dl",
        &[("TIME_1", 32, 650, true), ("TIME_2", 32, 759, true), ("NUMBER_OF_MESSAGES", 32, 460, true)],
    ),
    ("socnetv-datasets/Stokman_Ziegler_Corporate_Interlocks_Netherlands.dl", &[("", 16, 60, false)]),
    (
        "socnetv-datasets/Thurman_Office_Networks_Coalitions.dl",
        &[("THURA", 15, 34, true), ("THURM", 15, 33, false)],
    ),
    ("socnetv-datasets/Zachary_Karate_Club.dl", &[("ZACHE", 34, 78, false), ("ZACHC", 34, 78, false)]),
];

#[test]
fn every_corpus_dl_file_reads_as_expected() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found (set INFONET_CORPUS); DL conformance skipped");
        return;
    };
    let files = files_with(&root, &[".dl"]);
    assert_eq!(files.len(), EXPECTED.len(), "a DL file without expectations: {files:?}");
    for (file, graphs) in EXPECTED {
        let raw =
            parse_dl(&std::fs::read(root.join(file)).unwrap()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let got: Vec<(String, usize, usize, bool)> = raw
            .graphs
            .iter()
            .map(|g| (g.name.clone().unwrap_or_default(), g.nodes.len(), g.edges.len(), g.directed))
            .collect();
        let want: Vec<(String, usize, usize, bool)> =
            graphs.iter().map(|(name, n, m, d)| ((*name).to_owned(), *n, *m, *d)).collect();
        assert_eq!(got, want, "{file}");
        assert!(raw.warnings.is_empty(), "{file}: {:?}", raw.warnings);
    }
    // Labels: quoted numbers (Freeman) and names (Thurman) are the ids.
    let raw =
        parse_dl(&std::fs::read(root.join("socnetv-datasets/Freeman_EIES_networks_32actors.dl")).unwrap())
            .unwrap();
    let ids: Vec<&str> = raw.graphs.first().unwrap().nodes.iter().take(4).map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "6"]);
    let raw = parse_dl(
        &std::fs::read(root.join("socnetv-datasets/Thurman_Office_Networks_Coalitions.dl")).unwrap(),
    )
    .unwrap();
    assert_eq!(raw.graphs.first().unwrap().nodes.get(8).unwrap().id, "PRESIDENT");
}

#[test]
fn krackhardt_cognitive_social_structures() {
    let Some(root) = corpus() else {
        crate::corpus_support::skip("note: no corpus found; skipped");
        return;
    };
    // 21 stacked 21 x 21 matrices, one per perceiver (README: advice 2735, friendship 790).
    for (file, total) in [("bavla-mwnets-json/krackad.dat", 2735), ("bavla-mwnets-json/krackfr.dat", 790)] {
        let raw =
            parse_dl(&std::fs::read(root.join(file)).unwrap()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(raw.graphs.len(), 21, "{file}");
        assert!(raw.graphs.iter().all(|g| g.nodes.len() == 21 && g.directed), "{file}");
        assert_eq!(raw.graphs.iter().map(|g| g.edges.len()).sum::<usize>(), total, "{file}");
        assert_eq!(raw.graphs.first().unwrap().name.as_deref(), Some("ACTOR#1"));
    }
}
