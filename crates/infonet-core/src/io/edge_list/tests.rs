use super::*;

fn parse(text: &str) -> RawFile {
    parse_edge_list(text.as_bytes()).expect("valid edge list")
}

fn graph(text: &str) -> RawGraph {
    parse(text).graphs.into_iter().next().expect("one graph")
}

fn pairs(graph: &RawGraph) -> Vec<(&str, &str)> {
    graph.edges.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect()
}

fn ids(graph: &RawGraph) -> Vec<&str> {
    graph.nodes.iter().map(|n| n.id.as_str()).collect()
}

#[test]
fn whitespace_pairs_with_comments_networkx_style() {
    let g = graph("# source target\n1 2\n1 10\n2 1\n\n% another comment\n2 10 # trailing\n");
    assert_eq!(pairs(&g), [("1", "2"), ("1", "10"), ("2", "1"), ("2", "10")]);
    assert_eq!(ids(&g), ["1", "2", "10"]);
    assert!(!g.directed);
    assert_eq!(g.edges.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3, 4, 7]);
    assert_eq!(g.nodes.iter().map(|n| n.line).collect::<Vec<_>>(), [2, 2, 3]);
}

#[test]
fn sniffs_comma_semicolon_and_tab() {
    assert_eq!(pairs(&graph("a,b\nb , c\n")), [("a", "b"), ("b", "c")]);
    let g = graph("Kari Nordmann;Ola Hansen;2,5\n");
    assert_eq!(pairs(&g), [("Kari Nordmann", "Ola Hansen")]);
    assert_eq!(g.edges.first().and_then(|e| e.weight), Some(2.5));
    let g = graph("Åse Ødegård\tBjørn Æsøy\t1.5\n");
    assert_eq!(pairs(&g), [("Åse Ødegård", "Bjørn Æsøy")]);
    assert_eq!(g.edges.first().and_then(|e| e.weight), Some(1.5));
    // Tabs and spaces mixed: a tab in the first line means tab-separated.
    assert_eq!(pairs(&graph("a b\tc d\n")), [("a b", "c d")]);
}

#[test]
fn ids_are_text_leading_zeros_kept() {
    let g = graph("007 7\n7 007\n");
    assert_eq!(ids(&g), ["007", "7"]);
    assert_eq!(pairs(&g), [("007", "7"), ("7", "007")]);
}

#[test]
fn quoted_ids_with_spaces() {
    let g = graph("\"Kari Nordmann\" \"Ola \"\"Olsen\"\" Hansen\" 3\n\"a\" b\n");
    assert_eq!(pairs(&g), [("Kari Nordmann", "Ola \"Olsen\" Hansen"), ("a", "b")]);
    assert_eq!(g.edges.first().and_then(|e| e.weight), Some(3.0));
    let error = parse_edge_list(b"a b\n\"Kari c\n").expect_err("unclosed quote");
    assert_eq!((error.line, error.column), (2, 1));
    assert!(error.message.contains("unclosed quote"), "{error}");
}

#[test]
fn third_column_weight_and_further_columns() {
    let g = graph("a b 2 x 1.5 true\nb c 0.5\n");
    let first = g.edges.first().expect("edge");
    assert_eq!(first.weight, Some(2.0));
    assert_eq!(first.attrs.get("col4"), Some(&AttrValue::Text("x".into())));
    assert_eq!(first.attrs.get("col5"), Some(&AttrValue::Number(1.5)));
    assert_eq!(first.attrs.get("col6"), Some(&AttrValue::Bool(true)));
    assert_eq!(g.edges.get(1).and_then(|e| e.weight), Some(0.5));
}

#[test]
fn non_numeric_third_column_is_an_attribute_for_every_line() {
    let file = parse("a b 2\nb c friend\nc a 3\n");
    let g = file.graphs.first().expect("graph");
    assert!(g.edges.iter().all(|e| e.weight.is_none()));
    let col3: Vec<_> = g.edges.iter().map(|e| e.attrs.get("col3").cloned()).collect();
    assert_eq!(
        col3,
        [Some(AttrValue::Number(2.0)), Some(AttrValue::Text("friend".into())), Some(AttrValue::Number(3.0))]
    );
    let warning = file.warnings.first().expect("warning");
    assert_eq!((warning.line, warning.column), (2, 5));
}

#[test]
fn networkx_data_dicts() {
    let g =
        graph("1 2 {'weight': 3.5, 'kind': 'råd', 'ok': True, 'none': None, 'tags': ['a', 'b']}\n2 3 {}\n");
    let first = g.edges.first().expect("edge");
    assert_eq!(first.weight, Some(3.5));
    assert_eq!(first.attrs.get("kind"), Some(&AttrValue::Text("råd".into())));
    assert_eq!(first.attrs.get("ok"), Some(&AttrValue::Bool(true)));
    assert_eq!(first.attrs.get("tags"), Some(&AttrValue::Text("['a', 'b']".into())));
    assert!(!first.attrs.contains_key("none"));
    assert!(g.edges.get(1).is_some_and(|e| e.weight.is_none() && e.attrs.is_empty()));
    let error = parse_edge_list(b"1 2 {'weight': oops}\n").expect_err("bad dict");
    assert_eq!((error.line, error.column), (1, 16));
}

#[test]
fn header_line_names_columns() {
    let g = graph("Source,Target,Weight,Type,relation\na,b,2,Directed,advice\nb,a,,Undirected,\n");
    assert_eq!(pairs(&g), [("a", "b"), ("b", "a")]);
    let first = g.edges.first().expect("edge");
    assert_eq!((first.weight, first.directed), (Some(2.0), Some(true)));
    assert_eq!(first.attrs.get("relation"), Some(&AttrValue::Text("advice".into())));
    let second = g.edges.get(1).expect("edge");
    assert_eq!((second.weight, second.directed), (None, Some(false)));
}

#[test]
fn snap_header_directed_and_counts() {
    let file = parse(
        "# Directed graph (each unordered pair of nodes is saved once): x.txt\n# Nodes: 3 Edges: 2\n# FromNodeId\tToNodeId\n10\t20\n20\t30\n",
    );
    let g = file.graphs.first().expect("graph");
    assert!(g.directed);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    assert!(!graph("# Undirected graph: y.txt\n1 2\n").directed);
    let file = parse("# Nodes: 5 Edges: 3\na b\n");
    let messages: Vec<_> = file.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    assert_eq!(
        messages,
        [
            (1, "the header declares 3 edges but the file lists 1"),
            (1, "the header declares 5 nodes but the file names 2 distinct ids")
        ]
    );
}

#[test]
fn benchmark_header_orders_nodes_numerically_with_isolated_ones() {
    let file = parse("# nodes 5 edges 2\n3 1\n0 3\n");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["0", "1", "2", "3", "4"]);
    assert_eq!(g.nodes.iter().map(|n| n.line).collect::<Vec<_>>(), [3, 2, 0, 2, 0]);
    assert_eq!(pairs(g), [("3", "1"), ("0", "3")]);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    // Ids that are not 0..N-1 keep their order of first appearance.
    assert_eq!(ids(&graph("# nodes 2 edges 1\n01 1\n")), ["01", "1"]);
}

#[test]
fn absurd_declared_sizes_are_rejected_before_allocating() {
    let error = parse_edge_list(b"# nodes 999999999999 edges 1\n0 1\n").expect_err("absurd");
    assert_eq!((error.line, error.column), (1, 9));
    // Plausible-looking but huge compared to the file: no millions of isolated nodes.
    let g = graph("# nodes 9000000 edges 1\n0 1\n");
    assert_eq!(g.nodes.len(), 2);
}

#[test]
fn single_ids_are_nodes_and_empty_ids_are_errors() {
    let file = parse("a b\nc\nd\n");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["a", "b", "c", "d"]);
    assert_eq!(g.edges.len(), 1);
    let warning = file.warnings.first().expect("warning");
    assert_eq!((warning.line, warning.column), (2, 1));
    assert_eq!(warning.message, "2 lines have a single id; read as nodes without edges");
    let error = parse_edge_list("a,b\næ,,3\n".as_bytes()).expect_err("empty target");
    assert_eq!((error.line, error.column), (2, 3));
    assert!(error.message.contains("target id is empty"), "{error}");
}

#[test]
fn duplicates_and_self_loops_are_kept() {
    assert_eq!(graph("a b\na b\na a\n").edges.len(), 3);
}

#[test]
fn cr_only_and_crlf_lines() {
    assert_eq!(pairs(&graph("a b\rb c\r")), [("a", "b"), ("b", "c")]);
    let g = graph("a b\r\n\r\nb c\r\n");
    assert_eq!(g.edges.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 3]);
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    for text in ["", "# only a comment\n", "\n\n  \n"] {
        let error = parse_edge_list(text.as_bytes()).expect_err("no edges");
        assert_eq!((error.line, error.column), (1, 1));
    }
    // A header with zero edges is a valid empty graph.
    assert!(graph("# nodes 0 edges 0\n").edges.is_empty());
}

#[test]
fn windows_1252_and_bom() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Åse;Ørjan\n");
    assert_eq!(pairs(&graph_bytes(&bytes)), [("Åse", "Ørjan")]);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("å ø\n".as_bytes());
    assert_eq!(pairs(&graph_bytes(&bom)), [("å", "ø")]);
}

fn graph_bytes(bytes: &[u8]) -> RawGraph {
    parse_edge_list(bytes).expect("valid").graphs.into_iter().next().expect("graph")
}

#[test]
fn layout_init() {
    let positions = parse_layout_init(b"0.5 0.25\n5.3e-05 1E2\n\n", 2).expect("valid");
    assert_eq!(positions, [[0.5, 0.25], [5.3e-5, 100.0]]);
    let error = parse_layout_init(b"0.5 0.25\n", 2).expect_err("too few");
    assert_eq!((error.line, error.column), (2, 1));
    let error = parse_layout_init(b"0.5 0.25\n1 2\n3 4\n", 2).expect_err("too many");
    assert_eq!((error.line, error.column), (3, 1));
    let error = parse_layout_init(b"0.5 x\n", 1).expect_err("not a number");
    assert_eq!((error.line, error.column), (1, 5));
    let error = parse_layout_init(b"0.5 nan\n", 1).expect_err("nan");
    assert_eq!((error.line, error.column), (1, 5));
    let error = parse_layout_init(b"0.5\n", 1).expect_err("missing y");
    assert_eq!((error.line, error.column), (1, 4));
    let error = parse_layout_init(b"1 2 3\n", 1).expect_err("three");
    assert_eq!((error.line, error.column), (1, 5));
    let error = parse_layout_init(b"1 2\n\n3 4\n", 2).expect_err("blank in the middle");
    assert_eq!((error.line, error.column), (2, 1));
    assert!(parse_layout_init(b"", 0).expect("empty").is_empty());
    assert!(parse_layout_init(b"", MAX_ITEMS + 1).is_err());
}

/// A BA-like edge list of `n` nodes and about `3n` edges in the benchmark's shape.
fn big_edge_list(n: usize) -> String {
    let mut text = String::new();
    let mut edges = Vec::new();
    let mut state = 12_345_u64;
    for v in 3..n {
        for k in 0..3 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let u = (state >> 33) as usize % v;
            if k == 0 || u != v - 1 {
                edges.push((u.min(v), u.max(v)));
            }
        }
    }
    text.push_str(&format!("# nodes {n} edges {}\n", edges.len()));
    for (u, v) in &edges {
        text.push_str(&format!("{u} {v}\n"));
    }
    text
}

#[test]
fn medium_edge_list() {
    let text = big_edge_list(10_000);
    let file = parse(&text);
    let g = file.graphs.first().expect("graph");
    assert_eq!(g.nodes.len(), 10_000);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}
