//! Conformance on the plain edge lists of the shared corpus. Runs when the corpus exists
//! (`$INFONET_CORPUS`, `<manifest>/../shared/corpus` or `<manifest>/../../shared/corpus`);
//! otherwise prints a note and passes.
//!
//! Expected counts are networkx 3.6.1's `read_edgelist(path, create_using=nx.MultiDiGraph,
//! data=False)`, which keeps every listed line (Hartford drug users 212/337, Sampson like 1-3
//! 18/55, 18/57, 18/56, SocioPatterns friendship 134/668). igraph's `Read_Edgelist` reads ids as
//! 0-based vertex numbers and adds every number up to the largest as a vertex; we follow networkx:
//! ids are text and only ids that occur are nodes.

use std::path::PathBuf;

use infonet::io::edge_list::parse_edge_list;

fn corpus() -> Option<PathBuf> {
    crate::corpus_support::corpus()
}

#[test]
fn corpus_edge_lists() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("skipped: no shared/corpus (set INFONET_CORPUS)");
        return;
    };
    let expected = [
        ("networkx-example-data/hartford_drug.edgelist", 212, 337),
        ("networkx-example-data/samplike1.txt", 18, 55),
        ("networkx-example-data/samplike2.txt", 18, 57),
        ("networkx-example-data/samplike3.txt", 18, 56),
        ("sociopatterns-highschool-friendship/Friendship-network_data_2013.csv", 134, 668),
    ];
    let mut passed = 0;
    for (file, nodes, edges) in expected {
        let Ok(bytes) = std::fs::read(corpus.join(file)) else {
            eprintln!("missing from the corpus: {file}");
            continue;
        };
        let parsed = parse_edge_list(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(parsed.warnings.is_empty(), "{file}: {:?}", parsed.warnings);
        let [graph] = parsed.graphs.as_slice() else { panic!("{file}: one graph") };
        assert_eq!((graph.nodes.len(), graph.edges.len()), (nodes, edges), "{file}");
        assert!(!graph.directed, "{file}: no 'Directed' comment, so undirected");
        assert!(graph.edges.iter().all(|e| e.weight.is_none() && e.attrs.is_empty()), "{file}");
        passed += 1;
    }
    eprintln!("{passed} edge-list corpus files read with networkx's counts");
    let bytes =
        std::fs::read(corpus.join("networkx-example-data/hartford_drug.edgelist")).unwrap_or_default();
    if let Ok(parsed) = parse_edge_list(&bytes)
        && let Some(graph) = parsed.graphs.first()
    {
        let first = graph.edges.first().expect("edge");
        assert_eq!((first.source.as_str(), first.target.as_str(), first.line), ("1", "2", 2));
    }
}

/// Every corpus file either parses or fails with a position; none crashes.
#[test]
fn corpus_files_never_crash_the_edge_list_reader() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("skipped: no shared/corpus (set INFONET_CORPUS)");
        return;
    };
    let Ok(folders) = std::fs::read_dir(&corpus) else { return };
    let mut count = 0;
    for folder in folders.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()) {
        let Ok(files) = std::fs::read_dir(&folder) else { continue };
        for path in files.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).expect("read");
            match parse_edge_list(&bytes) {
                Ok(file) => {
                    for warning in &file.warnings {
                        assert!(warning.line > 0 && warning.column > 0, "{}: {warning}", path.display());
                    }
                }
                Err(error) => assert!(error.line > 0 && error.column > 0, "{}: {error}", path.display()),
            }
            count += 1;
        }
    }
    eprintln!("{count} corpus files tried as edge lists");
}
