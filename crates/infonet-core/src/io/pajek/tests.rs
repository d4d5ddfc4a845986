use super::*;

fn parse(text: &str) -> RawFile {
    parse_pajek(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn graph(text: &str) -> RawGraph {
    let file = parse(text);
    assert_eq!(file.graphs.len(), 1, "{:?}", file.graphs);
    file.graphs.into_iter().next().expect("a graph")
}

fn err(text: &str) -> ParseError {
    parse_pajek(text.as_bytes()).expect_err("should fail")
}

fn pairs(graph: &RawGraph) -> Vec<(&str, &str)> {
    graph.edges.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect()
}

fn labels(graph: &RawGraph) -> Vec<Option<&str>> {
    graph.nodes.iter().map(|n| n.label.as_deref()).collect()
}

fn attr<'a>(graph: &'a RawGraph, node: usize, key: &str) -> Option<&'a AttrValue> {
    graph.nodes.get(node).and_then(|n| n.attrs.get(key))
}

#[test]
fn the_design_example() {
    let g = graph(
        "*Vertices 3\n1 \"Anna K.\" 0.25 0.40 0.5\n2 \"Bo L.\" 0.70 0.30 0.5\n3 \"Cafe owner\"\n*Arcs\n1 2 1\n2 1 1\n2 3 1.5\n",
    );
    assert!(g.directed);
    assert_eq!(g.name, None);
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(labels(&g), [Some("Anna K."), Some("Bo L."), Some("Cafe owner")]);
    assert_eq!(g.nodes.first().and_then(|n| n.position), Some([0.25, 0.40]));
    assert_eq!(g.nodes.get(2).and_then(|n| n.position), None);
    assert_eq!(g.nodes.get(1).map(|n| n.line), Some(3));
    assert_eq!(pairs(&g), [("1", "2"), ("2", "1"), ("2", "3")]);
    let weights: Vec<Option<f64>> = g.edges.iter().map(|e| e.weight).collect();
    assert_eq!(weights, [Some(1.0), Some(1.0), Some(1.5)]);
    assert!(g.edges.iter().all(|e| e.directed.is_none()));
    assert_eq!(g.edges.get(2).map(|e| e.line), Some(8));
}

#[test]
fn comments_bom_crlf_cr_and_tabs() {
    let text = "\u{feff}% a comment\r\n*Network \"Test net\"\r\n*vertices\t2\r\n\t1\t\"Åse Ødegård\"\t0.1\t0.2\r\n% more\r2 \"B\"\r\n\r\n*EDGES\r\n1\t2\r";
    let g = graph(text);
    assert_eq!(g.name.as_deref(), Some("Test net"));
    assert!(!g.directed);
    assert_eq!(labels(&g), [Some("Åse Ødegård"), Some("B")]);
    assert_eq!(g.nodes.get(1).map(|n| n.line), Some(6));
    assert_eq!(pairs(&g), [("1", "2")]);
    assert_eq!(g.edges.first().map(|e| (e.line, e.weight)), Some((9, None)));
}

#[test]
fn windows_1252_labels() {
    let bytes =
        encoding_rs::WINDOWS_1252.encode("*Vertices 2\r\n1 \"Bjørn Æsøy\"\r\n2 \"Kåre\"\r\n").0.into_owned();
    assert!(std::str::from_utf8(&bytes).is_err());
    let file = parse_pajek(&bytes).expect("windows-1252");
    assert_eq!(file.graphs.first().map(labels), Some(vec![Some("Bjørn Æsøy"), Some("Kåre")]));
}

#[test]
fn vertices_without_lines_or_labels() {
    let g = graph("*vertices 4\n2\n3 \"c\"\n*arcs\n1 4\n");
    assert_eq!(labels(&g), [None, None, Some("c"), None]);
    assert_eq!(g.nodes.len(), 4);
    assert_eq!(pairs(&g), [("1", "4")]);
}

#[test]
fn networkx_pairs_zero_based_labels_and_quoted_commas() {
    let g = graph(
        "*network LazegaLawyers-advice\n*vertices 2\n1 0 0.0 0.0 ellipse status partner age 64 law_scool \"harvard, yale\" office Boston\n\
             2 1 0.0 0.0 ellipse status associate age 26 law_scool ucon\n*arcs\n1 2 1.0\n2 1 1.0 kind \"a b\"\n",
    );
    assert_eq!(g.name.as_deref(), Some("LazegaLawyers-advice"));
    assert_eq!(labels(&g), [Some("0"), Some("1")]);
    assert_eq!(attr(&g, 0, "status"), Some(&AttrValue::Text("partner".into())));
    assert_eq!(attr(&g, 0, "age"), Some(&AttrValue::Number(64.0)));
    assert_eq!(attr(&g, 0, "law_scool"), Some(&AttrValue::Text("harvard, yale".into())));
    assert_eq!(attr(&g, 1, "law_scool"), Some(&AttrValue::Text("ucon".into())));
    assert_eq!(g.nodes.first().and_then(|n| n.position), Some([0.0, 0.0]));
    assert_eq!(pairs(&g), [("1", "2"), ("2", "1")]);
    assert_eq!(g.edges.get(1).and_then(|e| e.attrs.get("kind")), Some(&AttrValue::Text("a b".into())));
}

#[test]
fn drawing_parameters_and_colours() {
    let file = parse(
        "*Vertices 4\n1 \"HOLLY\" ic RGBF1F5D5\t\t0.63046 \t0.575472\tcircle\n\
             2 \"Vert 2\" 0 0 box x_fact 1 y_fact 1 ic Green\n3 \"x\" 0.1 0.2 0.5 ellipse ic Chartreuse foo bar\n\
             4 \"y\" 0.3 0.4 ic Chartreuse bc Black\n\
             *Arcs\n1 4 1 c black\n2 1 -1  h2 0 w 3 c Blue s 3 a1 -130 k1 0.6 l \"Bezier loop\" lc BlueViolet fos 20\n",
    );
    let g = file.graphs.first().expect("graph");
    let node = |i: usize| g.nodes.get(i).expect("node");
    assert_eq!(node(0).colour, Some([0xF1, 0xF5, 0xD5]));
    assert_eq!(node(0).position, Some([0.63046, 0.575472]));
    assert!(node(0).attrs.is_empty(), "{:?}", node(0).attrs);
    assert_eq!(node(1).colour, Some([0, 166, 80]));
    assert!(node(1).attrs.is_empty(), "{:?}", node(1).attrs);
    assert_eq!(node(2).colour, None);
    assert_eq!(node(2).attrs.get("foo"), Some(&AttrValue::Text("bar".into())));
    assert_eq!(file.warnings.len(), 1, "an unknown colour is reported once: {:?}", file.warnings);
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((4, 30)));
    let edge = g.edges.get(1).expect("edge");
    assert_eq!(edge.weight, Some(-1.0));
    assert_eq!(edge.attrs.keys().collect::<Vec<_>>(), ["label"]);
    assert_eq!(edge.attrs.get("label"), Some(&AttrValue::Text("Bezier loop".into())));
    assert!(g.edges.first().is_some_and(|e| e.attrs.is_empty() && e.weight == Some(1.0)));
}

#[test]
fn two_mode_networks() {
    let g = graph("*Vertices 5 2\n1 \"A\"\n2 \"B\"\n3 \"x-1\"\n4 \"x-2\"\n5 \"x-3\"\n*Edges\n1 3\n2 5\n");
    let modes: Vec<Option<&AttrValue>> = (0..5).map(|i| attr(&g, i, "mode")).collect();
    let one = Some(&AttrValue::Number(1.0));
    let two = Some(&AttrValue::Number(2.0));
    assert_eq!(modes, [one, one, two, two, two]);
    assert_eq!(pairs(&g), [("1", "3"), ("2", "5")]);
    // A two-mode matrix: N1 rows and N - N1 columns, undirected edges.
    let file = parse("*Vertices 5 2\n*Matrix\n1 0 2\n0 1 1 7\n");
    let g = file.graphs.first().expect("graph");
    assert!(!g.directed);
    assert_eq!(pairs(g), [("1", "3"), ("1", "5"), ("2", "4"), ("2", "5")]);
    assert_eq!(g.edges.get(1).and_then(|e| e.weight), Some(2.0));
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((4, 7)));
}

#[test]
fn relations_by_prefix_like_lazega() {
    let file = parse(
        "% Lazega\r\n*Network Lazega.net \r\n*Vertices 3\r\n1 \"L1\"\r\n2 \"L2\"\r\n3 \"L3\"\r\n\
             *arcs :1 \"advice\"\r\n*arcs :2 \"friendship\"\r\n*arcs :3 \"co-work\"\r\n*arcs\r\n\
             1:  1 2 1 \r\n1:  2 3 1 \r\n2:  3 1 1 \r\n3:  1 3 1 \r\n3:  3 1 1 \r\n3:  2 1 1 \r\n\r\n",
    );
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("advice"), Some("friendship"), Some("co-work")]);
    let counts: Vec<usize> = file.graphs.iter().map(|g| g.edges.len()).collect();
    assert_eq!(counts, [2, 1, 3]);
    assert!(file.graphs.iter().all(|g| g.directed && g.nodes.len() == 3));
    assert_eq!(file.graphs.get(1).map(pairs), Some(vec![("3", "1")]));
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}

#[test]
fn relations_by_section_and_unnamed_numbers() {
    let file = parse("*Vertices 2\n*Arcs :1 \"gives advice\"\n1 2\n*Edges :2\n1 2\n*Arcs :1\n2 1\n");
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("gives advice"), Some("2")]);
    assert_eq!(file.graphs.first().map(pairs), Some(vec![("1", "2"), ("2", "1")]));
    assert_eq!(file.graphs.get(1).map(|g| g.directed), Some(false));
}

#[test]
fn edges_after_an_empty_arcs_section_and_mixed_sections() {
    let g = graph("*Vertices 3\n*Arcs\n*Edges\n1 2 1\n2 3 1\n");
    assert!(!g.directed);
    assert!(g.edges.iter().all(|e| e.directed.is_none()));
    let g = graph("*Vertices 3\n*Arcs\n1 2\n*Edges\n2 3\n");
    assert!(g.directed);
    let directions: Vec<Option<bool>> = g.edges.iter().map(|e| e.directed).collect();
    assert_eq!(directions, [Some(true), Some(false)]);
    let g = graph("*Vertices 3\n*Edges 9\n1 2\n");
    assert!(!g.directed && g.edges.len() == 1);
    let g = graph("*Vertices 3\n*Arcs\n");
    assert!(g.directed && g.edges.is_empty());
}

#[test]
fn arcslist_and_edgeslist() {
    let g = graph("*Vertices 4\n*Arcslist\n1 3 4\n2 1\n");
    assert!(g.directed);
    assert_eq!(pairs(&g), [("1", "3"), ("1", "4"), ("2", "1")]);
    let g = graph("*Network \"C_3 cycle graph\"\n*Vertices 3\n*Edgeslist\n1 2 3\n2 3\n");
    assert!(!g.directed);
    assert_eq!(g.name.as_deref(), Some("C_3 cycle graph"));
    assert_eq!(pairs(&g), [("1", "2"), ("1", "3"), ("2", "3")]);
}

#[test]
fn matrices_asymmetric_symmetric_and_several() {
    let file = parse(
        "*Network Krackhardt's managers\n*Vertices 3\n*Matrix :1 gives_advice_to\n0 1 0\n0 0 1\n1 0 0\n\
             *Matrix :2 \"Marital ties\"\n 0 1 2\n 1 0 0\n 2 0 1\n*Matrix :3 signed\n0 -1 0\n0 0 0\n0 0 0\n",
    );
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("gives_advice_to"), Some("Marital ties"), Some("signed")]);
    let advice = file.graphs.first().expect("advice");
    assert!(advice.directed);
    assert_eq!(pairs(advice), [("1", "2"), ("2", "3"), ("3", "1")]);
    assert_eq!(advice.edges.get(1).map(|e| e.line), Some(5));
    let marital = file.graphs.get(1).expect("marital");
    assert!(!marital.directed, "a symmetric matrix is undirected");
    assert_eq!(pairs(marital), [("1", "2"), ("1", "3"), ("3", "3")]);
    let weights: Vec<Option<f64>> = marital.edges.iter().map(|e| e.weight).collect();
    assert_eq!(weights, [Some(1.0), Some(2.0), Some(1.0)]);
    let signed = file.graphs.get(2).expect("signed");
    assert_eq!(signed.edges.first().and_then(|e| e.weight), Some(-1.0));
    assert!(signed.directed);
}

#[test]
fn matrix_with_too_many_rows_warns() {
    let file = parse("*Vertices 2\n*Matrix\n0 1\n0 0\n1 1\n");
    assert_eq!(file.graphs.first().map(|g| g.edges.len()), Some(1));
    assert_eq!(file.warnings.first().map(|w| w.line), Some(5));
    let e = err("*Vertices 2\n*Matrix\n0 x\n");
    assert_eq!((e.line, e.column), (3, 3));
}

#[test]
fn projects_with_networks_partitions_and_vectors() {
    let file = parse(
        "*Network Village1.net\n*Vertices 3\n*Edges\n1 2\n\
             *Network Village2.net\n*Vertices 3\n*Edges\n2 3\n\
             *Network Other.net\n*Vertices 2\n*Arcs\n1 2\n\
             *Partition Village1_adopters.clu\n% comment\n*Vertices 3\n1\n2\n9999998\n\
             *Partition Club.clu\n*Vertices 3\n  1\n  1\n  2\n\
             *Vector age.vec\n*Vertices 2\n31.5\n40\n\
             *Partition lost.clu\n*Vertices 7\n1\n",
    );
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("Village1"), Some("Village2"), Some("Other")]);
    let [v1, v2, other] = [0, 1, 2].map(|i| file.graphs.get(i).expect("graph"));
    assert_eq!(attr(v1, 2, "Village1_adopters"), Some(&AttrValue::Number(9_999_998.0)));
    assert_eq!(attr(v2, 0, "Village1_adopters"), None, "the name picks Village1 only");
    assert_eq!(attr(v1, 2, "Club"), Some(&AttrValue::Number(2.0)));
    assert_eq!(attr(v2, 2, "Club"), Some(&AttrValue::Number(2.0)), "no name match: every 3-vertex network");
    assert_eq!(attr(other, 0, "age"), Some(&AttrValue::Number(31.5)));
    assert_eq!(attr(v1, 0, "age"), None);
    let messages: Vec<&str> = file.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("9999998") && m.contains("1 vertices")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("lost") && m.contains("1 values for 7")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("lost") && m.contains("no network")), "{messages:?}");
}

#[test]
fn arcs_may_name_vertices_by_label() {
    let g = graph("*Vertices 3\n1 \"Ann\"\n2 \"Bo b\"\n3 \"3\"\n*Arcs\nAnn \"Bo b\" 2\n\"3\" 1\n");
    assert_eq!(pairs(&g), [("1", "2"), ("3", "1")]);
    let e = err("*Vertices 2\n1 \"A\"\n2 \"A\"\n*Arcs\nA 1\n");
    assert!(e.message.contains("several vertices"), "{e}");
    let e = err("*Vertices 2\n*Arcs\n1 Zed\n");
    assert_eq!((e.line, e.column), (3, 3));
}

#[test]
fn vertices_beyond_the_count_are_kept_with_a_warning() {
    let file = parse("*Vertices 2\n*Arcs\n1 5\n");
    assert_eq!(file.graphs.first().map(pairs), Some(vec![("1", "5")]));
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((3, 3)));
}

#[test]
fn repeated_vertex_lines_keep_the_first() {
    let file = parse("*Vertices 2\n1 \"a\"\n1 \"b\"\n");
    assert_eq!(file.graphs.first().map(labels), Some(vec![Some("a"), None]));
    assert_eq!(file.warnings.first().map(|w| w.line), Some(3));
}

#[test]
fn text_before_the_first_header_and_unknown_sections_are_skipped() {
    let file = parse("This is a simplified version\n\n*Vertices 2\n*Permutation\n1\n2\n*Arcs\n1 2\n");
    assert_eq!(file.graphs.first().map(|g| g.edges.len()), Some(1));
    let lines: Vec<u32> = file.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [1, 4]);
}

#[test]
fn errors_have_positions() {
    let e = err("*Vertices 1 3\n");
    assert_eq!((e.line, e.column), (1, 13));
    let e = err("%foo\n*Vertices 1 1 1\n");
    assert_eq!((e.line, e.column), (2, 15));
    let e = err("*Network TRALALA\r\n*vertices 4 1\r\n  0 \"3.\"\r\n");
    assert_eq!((e.line, e.column), (3, 3));
    let e = err("*Vertices 999999999999\n");
    assert_eq!((e.line, e.column), (1, 11));
    assert!(e.message.contains("too many"), "{e}");
    let e = err("*Vertices 9999998\n*Arcs\n1 2\n");
    assert_eq!((e.line, e.column), (1, 11));
    assert!(e.message.contains("far more than a file of 28 bytes"), "{e}");
    assert_eq!(graph("*Vertices 3400\n*Arcs\n1 2\n").nodes.len(), 3400);
    let e = err("*Vertices x\n");
    assert_eq!(e.column, 11);
    let e = err("*Vertices\n");
    assert_eq!((e.line, e.column), (1, 1));
    let e = err("*Arcs\n1 2\n");
    assert!(e.message.contains("before *Vertices"), "{e}");
    let e = err("% only a comment\n");
    assert!(e.message.contains("no *Vertices"), "{e}");
    assert_eq!(err("").line, 1);
    let e = err("*Vertices 2\n*Arcs\n1\n");
    assert_eq!((e.line, e.column), (3, 2));
    let e = err("*Vertices 2\n*Arcs\n 1 0\n");
    assert_eq!((e.line, e.column), (3, 4));
    let e = err("*Vertices 2\n*Arcs :x\n");
    assert_eq!(e.column, 7);
    let e = err("*Vertices 2\nfoo \"a\"\n");
    assert_eq!((e.line, e.column), (2, 1));
    let e = err("*Vertices 2\n*Partition p\n1\n");
    assert_eq!(e.line, 3);
    let e = err("*Vertices 2\n*Vector v\n*Vertices 2\n1\nx\n");
    assert_eq!((e.line, e.column), (5, 1));
    let e = err("*Vertices 2\n*Vector v\n");
    assert_eq!(e.line, 2);
    // Columns count characters, not bytes.
    let e = err("*Vertices 2\n*Arcs\n\"Ødegård\" 1\n");
    assert_eq!(e.column, 1);
    let e = err("*Vertices 2\n1 \"Ødegård\" 0.1 0.2\n*Matrix\n0 1\n0 ø\n");
    assert_eq!((e.line, e.column), (5, 3));
}

#[test]
fn partition_and_vector_files_on_their_own_are_refused() {
    let e = err("% adopters\n*Vertices 3\n1\n1\n2\n");
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("partition or vector file"), "{e}");
    assert!(err("*Vertices 2\n31.5\n40\n").message.contains(".vec"));
    // Vertices without labels, in order, are a network.
    let g = graph("*Vertices 3\n1\n2\n3\n");
    assert_eq!(g.nodes.len(), 3);
}

#[test]
fn binary_is_rejected() {
    let e = parse_pajek(b"\x00\x01*Vertices 2").expect_err("binary");
    assert_eq!((e.line, e.column), (1, 1));
}

#[test]
fn names_of_networks_and_relations() {
    assert_eq!(clean_name(" \"Lazega.net\" ", &[".net"]).as_deref(), Some("Lazega"));
    assert_eq!(clean_name("x.NET", &[".net"]).as_deref(), Some("x"));
    assert_eq!(clean_name(".net", &[".net"]), None);
    assert_eq!(clean_name("ø", &[".clu", ".vec"]).as_deref(), Some("ø"));
    let file =
        parse("*Network A.net\n*Vertices 1\n*Arcs :1 \"x\"\n*Arcs :2 \"y\"\n*Network B\n*Vertices 1\n");
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("A: x"), Some("A: y"), Some("B")]);
}

#[test]
fn colour_names() {
    assert_eq!(pajek_colour("RGB00FF10"), Some([0, 255, 16]));
    assert_eq!(pajek_colour("rgbFF"), None);
    assert_eq!(pajek_colour("RGBøøø"), None);
    assert_eq!(pajek_colour("Black"), Some([0, 0, 0]));
    assert_eq!(pajek_colour("Chartreuse"), None);
}
