use super::*;
use crate::io::limits::MAX_WARNINGS;

fn parse(text: &str) -> RawFile {
    parse_gml(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn graph(text: &str) -> RawGraph {
    parse(text).graphs.into_iter().next().expect("a graph")
}

fn err(text: &str) -> ParseError {
    parse_gml(text.as_bytes()).expect_err("should fail")
}

fn ids(graph: &RawGraph) -> Vec<&str> {
    graph.nodes.iter().map(|n| n.id.as_str()).collect()
}

fn pairs(graph: &RawGraph) -> Vec<(&str, &str)> {
    graph.edges.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect()
}

#[test]
fn the_design_example() {
    let g = graph(
        "graph [\n  directed 1\n  node [ id 1 label \"Anna K.\" sector \"municipal\" tenure 12 age 45\n\
             graphics [ x -50.0 y 20.0 fill \"#D62728\" ] ]\n  node [ id 2 label \"Bo L.\" sector \"private\" tenure 3 age 29 ]\n\
             node [ id 3 label \"Cafe owner\" sector \"private\" ]\n  edge [ source 1 target 2 weight 1 contact \"internal\" ]\n\
             edge [ source 2 target 1 weight 1 contact \"internal\" ]\n  edge [ source 2 target 3 weight 1 contact \"external\" ]\n]\n",
    );
    assert!(g.directed);
    assert_eq!(ids(&g), ["1", "2", "3"]);
    let anna = g.nodes.first().expect("anna");
    assert_eq!(anna.label.as_deref(), Some("Anna K."));
    assert_eq!(anna.position, Some([-50.0, 20.0]));
    assert_eq!(anna.colour, Some([0xD6, 0x27, 0x28]));
    assert_eq!(anna.attrs.get("sector"), Some(&AttrValue::Text("municipal".into())));
    assert_eq!(anna.attrs.get("tenure"), Some(&AttrValue::Number(12.0)));
    assert_eq!(anna.line, 3);
    assert_eq!(pairs(&g), [("1", "2"), ("2", "1"), ("2", "3")]);
    let edge = g.edges.first().expect("edge");
    assert_eq!(edge.weight, Some(1.0));
    assert_eq!(edge.attrs.get("contact"), Some(&AttrValue::Text("internal".into())));
    assert!(!edge.attrs.contains_key("weight"));
    assert_eq!(edge.line, 7);
}

#[test]
fn newman_creator_line_and_undirected_default() {
    let g = graph(
        "Creator \"Mark Newman on Fri Jul 21 12:39:27 2006\"\ngraph\n[\n  node\n  [\n    id 1\n  ]\n  node [ id 2 ]\n  edge [ source 2 target 1 ]\n]\n",
    );
    assert!(!g.directed);
    assert_eq!(ids(&g), ["1", "2"]);
    assert_eq!(pairs(&g), [("2", "1")]);
    assert_eq!(g.edges.first().map(|e| e.weight), Some(None));
}

#[test]
fn capitalised_keys_and_crlf() {
    let g = graph(
        "Creator \"perl\"\r\nGraph [\r\n\tDirected 1\r\n\tNode [\r\n\t\tId 1\r\n\t\tLabel \"marko\"\r\n\t]\r\n\tNODE [ ID 4 ]\r\n\tEdge [ Source 1 Target 4 value 0.4 ]\r\n]\r\n",
    );
    assert!(g.directed);
    assert_eq!(ids(&g), ["1", "4"]);
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("marko"));
    assert_eq!(pairs(&g), [("1", "4")]);
    assert_eq!(g.edges.first().and_then(|e| e.weight), Some(0.4));
    assert_eq!(g.edges.first().and_then(|e| e.attrs.get("value")), Some(&AttrValue::Number(0.4)));
    assert_eq!(g.edges.first().map(|e| e.line), Some(9));
}

#[test]
fn comments_version_and_directed_outside_graph() {
    let g = graph(
        "# a comment\nCreator \"ogdf::Graph::writeGML\"\nVersion 1.3\ndirected 1\ngraph [ # trailing comment\n node [ id 0 ]\n# node [ id 9 ]\n node [ id 1 ]\n edge [ source 0 target 1 ]\n]\n",
    );
    assert!(g.directed, "directed 1 before graph applies to it");
    assert_eq!(ids(&g), ["0", "1"]);
    // A graph's own directed wins over the top-level one.
    let g = graph("directed 1 graph [ directed 0 node [ id 0 ] ]");
    assert!(!g.directed);
    let g = graph("graph [ node [ id 0 ] ] directed 1");
    assert!(g.directed, "top-level directed after the graph applies too");
}

#[test]
fn strings_with_escapes_entities_and_line_breaks() {
    let g = graph(
        "graph [ node [ id 0 label \"\\\"n0\\\"\" ] node [ id 1 label \"\\\\n2\" ]\n\
             node [ id 2 label \"Tom &amp; Jerry&apos;s &quot;friendship&quot;\" ]\n\
             node [ id 3 label \"&#230;&#xF8;&aring; &AElig; &unknown; & x\" ]\n\
             node [ id 4 label \"foo\nbar\" note \"a\\nb\" ]\n node [ id 5 ] ]",
    );
    let labels: Vec<Option<&str>> = g.nodes.iter().map(|n| n.label.as_deref()).collect();
    assert_eq!(
        labels,
        [
            Some("\"n0\""),
            Some("\\n2"),
            Some("Tom & Jerry's \"friendship\""),
            Some("æøå Æ &unknown; & x"),
            Some("foo\nbar"),
            None
        ]
    );
    assert_eq!(g.nodes.get(4).and_then(|n| n.attrs.get("note")), Some(&AttrValue::Text("a\nb".into())));
    assert_eq!(g.nodes.get(5).map(|n| n.line), Some(6), "the multi-line string counted its line");
}

#[test]
fn utf8_labels_survive() {
    let g = graph("graph [ node [ id A label \"✅ Åse Ødegård\" ] ]");
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("✅ Åse Ødegård"));
    let latin1 = encoding_rs::WINDOWS_1252.encode("graph [ node [ id 1 label \"Bjørn\" ] ]").0.into_owned();
    let file = parse_gml(&latin1).expect("windows-1252");
    assert_eq!(
        file.graphs.first().and_then(|g| g.nodes.first()).and_then(|n| n.label.as_deref()),
        Some("Bjørn")
    );
}

#[test]
fn numbers_including_infinities_and_nan() {
    let g = graph("graph [ node [ id 1 a -Inf b +2 c 5.6 d NAN e +inF f 4.87e-5 g -3.779e+2 h inf ] ]");
    let attrs = &g.nodes.first().expect("node").attrs;
    let number = |k: &str| match attrs.get(k) {
        Some(AttrValue::Number(n)) => *n,
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(number("a"), f64::NEG_INFINITY);
    assert_eq!(number("b"), 2.0);
    assert_eq!(number("c"), 5.6);
    assert!(number("d").is_nan());
    assert_eq!(number("e"), f64::INFINITY);
    assert_eq!(number("f"), 4.87e-5);
    assert_eq!(number("g"), -377.9);
    assert_eq!(number("h"), f64::INFINITY);
}

#[test]
fn graphics_give_position_colour_and_size() {
    let g = graph(
        "graph [ node [ id 0 graphics [ x 29.8571 y 102.671 w 13.2 h 14 type \"oval\" fill \"#FFFFE4\" outline \"#000000\" Line [ point [ x 1 y 2 ] ] ]\n\
             LabelGraphics [ text \"A\" fill \"#000000\" ] ]\n\
             node [ id 1 graphics [ x 1 fill \"#f00\" h 9 ] ]\n node [ id 2 Graphics [ X 3 Y 4 Fill \"red\" ] ] ]",
    );
    let [a, b, c] = [0, 1, 2].map(|i| g.nodes.get(i).expect("node"));
    assert_eq!(a.position, Some([29.8571, 102.671]));
    assert_eq!(a.colour, Some([0xFF, 0xFF, 0xE4]));
    assert_eq!(a.size, Some(13.2));
    assert!(a.attrs.is_empty(), "graphics and LabelGraphics are not attributes: {:?}", a.attrs);
    assert_eq!(b.position, None, "x without y is no position");
    assert_eq!(b.colour, Some([0xFF, 0, 0]));
    assert_eq!(b.size, Some(9.0));
    assert_eq!(c.position, Some([3.0, 4.0]));
    assert_eq!(c.colour, None);
    let file = parse("graph [ node [ id 2 Graphics [ X 3 Y 4 Fill \"red\" ] ] ]");
    assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
}

#[test]
fn edge_graphics_are_ignored_and_nested_lists_become_dotted_attributes() {
    let g = graph(
        "graph [ node [ id 1 a [ b 1 c [ d \"x\" ] ] ] edge [ source 1 target 1 graphics [ fill \"#f000ff\" arrow \"last\" ] data [ q 2 ] ] ]",
    );
    let node = g.nodes.first().expect("node");
    assert_eq!(node.attrs.get("a.b"), Some(&AttrValue::Number(1.0)));
    assert_eq!(node.attrs.get("a.c.d"), Some(&AttrValue::Text("x".into())));
    let edge = g.edges.first().expect("self-loop kept");
    assert_eq!((edge.source.as_str(), edge.target.as_str()), ("1", "1"));
    assert_eq!(edge.attrs.keys().collect::<Vec<_>>(), ["data.q"]);
}

#[test]
fn duplicate_and_parallel_edges_without_multigraph_are_kept() {
    let g = graph(
        "graph [ node [ id 1 ] node [ id 2 ] edge [ source 2 target 1 ] edge [ source 2 target 1 ] edge [ source 1 target 2 ] edge [ source 1 target 1 ] ]",
    );
    assert_eq!(g.edges.len(), 4);
}

#[test]
fn non_numeric_ids_and_edges_to_missing_nodes() {
    let g = graph(
        "graph\n[\n  node\n  [\n   id A\n   label \"Node A\"\n  ]\n  node [ id B label B ]\n  edge [ source B target A label \"Edge B to A\" ]\n  edge [ source C target \"A\" ]\n]",
    );
    assert_eq!(ids(&g), ["A", "B"]);
    assert_eq!(g.nodes.get(1).and_then(|n| n.label.as_deref()), Some("B"));
    assert_eq!(pairs(&g), [("B", "A"), ("C", "A")]);
    assert_eq!(
        g.edges.first().and_then(|e| e.attrs.get("label")),
        Some(&AttrValue::Text("Edge B to A".into()))
    );
}

#[test]
fn numeric_labels_and_string_values() {
    let g = graph("graph [ node [ id 0 label 0 value \"n\" ] node [ id 1 label 1.5 value 3 ] ]");
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("0"));
    assert_eq!(g.nodes.get(1).and_then(|n| n.label.as_deref()), Some("1.5"));
    assert_eq!(g.nodes.first().and_then(|n| n.attrs.get("value")), Some(&AttrValue::Text("n".into())));
    assert_eq!(g.nodes.get(1).and_then(|n| n.attrs.get("value")), Some(&AttrValue::Number(3.0)));
}

#[test]
fn nodes_without_id_get_one_like_igraph() {
    let file = parse(
        "graph [\n    node [ id 2 ]\n    node [ ]\n node [ id node-3 ] node [ Foo \"bar & baz\" ]\n]\n",
    );
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["2", "node-2", "node-3", "node-4"]);
    assert_eq!(g.nodes.get(3).and_then(|n| n.attrs.get("Foo")), Some(&AttrValue::Text("bar & baz".into())));
    assert_eq!(file.warnings.len(), 2);
    assert_eq!(file.warnings.first().map(|w| w.line), Some(3));
    // A generated id never collides with a real one.
    let g = graph("graph [ node [ ] node [ id node-1 ] ]");
    assert_eq!(ids(&g), ["node-1_", "node-1"]);
}

#[test]
fn duplicate_node_ids_keep_the_first() {
    let file = parse("graph [ node [ id 1 label \"a\" ]\nnode [ id 1 label \"b\" ]\nnode [ id 2 ] ]");
    let g = file.graphs.first().expect("graph");
    assert_eq!(ids(g), ["1", "2"]);
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("a"));
    assert_eq!(file.warnings.first().map(|w| (w.line, w.message.contains("used again"))), Some((2, true)));
}

#[test]
fn repeated_attribute_keeps_the_first_with_a_warning() {
    let file = parse("graph [ node [ a 1 id 2\n a 2 b \"asd\" ] ]");
    let node = file.graphs.first().and_then(|g| g.nodes.first()).expect("node");
    assert_eq!(node.attrs.get("a"), Some(&AttrValue::Number(1.0)));
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((2, 2)));
}

#[test]
fn odd_directed_values_warn() {
    let file = parse("Version 3\ngraph [\n    directed 2\n    node [ ] node  [ ]\n    composite [ a 1 ]\n]");
    let g = file.graphs.first().expect("graph");
    assert!(g.directed);
    assert_eq!(g.nodes.len(), 2);
    assert!(
        file.warnings.iter().any(|w| w.line == 3 && w.message.contains("directed")),
        "{:?}",
        file.warnings
    );
}

#[test]
fn graph_names_and_several_graphs() {
    let file = parse(
        "graph [ label \"\" name \"LazegaLawyers-advice\" node [ id 1 ] ]\n# second\ngraph [ label \"TLex\" name \"x\" node [ ] ]",
    );
    let names: Vec<Option<&str>> = file.graphs.iter().map(|g| g.name.as_deref()).collect();
    assert_eq!(names, [Some("LazegaLawyers-advice"), Some("TLex")]);
    let g = graph("graph []");
    assert!(g.nodes.is_empty() && g.edges.is_empty() && !g.directed);
}

#[test]
fn tabs_and_yed_header() {
    let g = graph(
        "Creator\t\"yFiles\"\nVersion\t\"2.18\"\ngraph\n[\n\thierarchic\t1\n\tlabel\t\"\"\n\tdirected\t1\n\tnode\n\t[\n\t\tid\t0\n\t\tlabel\t\"A\"\n\t]\n]\n",
    );
    assert!(g.directed);
    assert_eq!(g.name, None);
    assert_eq!(ids(&g), ["0"]);
}

#[test]
fn errors_have_positions() {
    let e = err(" d  1\n");
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.contains("no graph"), "{e}");
    assert_eq!(err("").line, 1);
    let e = err("Version-0\n");
    assert_eq!((e.line, e.column), (1, 1));
    let e = err("graph[node[a\nr\nr P p\nr d v]]\n");
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    assert!(e.message.contains("after the key a"), "{e}");
    let e = err("graph[node[id 2]edge[source 2targetrgett 2]]\n");
    assert_eq!(e.line, 1);
    let e = err("graph [\n edge [\n source 1\n target 2\n\n source 3 target 1 ] ]");
    assert_eq!((e.line, e.column), (6, 2), "{e}");
    assert!(e.message.contains("two sources"), "{e}");
    let e = err("graph [\n edge [ source 2 ] ]");
    assert_eq!((e.line, e.column), (2, 2), "{e}");
    assert!(e.message.contains("without target"), "{e}");
    let e = err("graph [\n node [ id 1\n");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("line 2"), "{e}");
    let e = err("graph [ node [ id 1 label \"open\n]\n]\n");
    assert_eq!((e.line, e.column), (1, 27), "{e}");
    let e = err("graph [ ] ]");
    assert_eq!((e.line, e.column), (1, 11));
    let e = err("graph 1");
    assert!(e.message.contains("graph must be followed by ["), "{e}");
    let e = err("graph [ node [ id 1 id 2 ] ]");
    assert!(e.message.contains("two ids"), "{e}");
    let e = err("graph [ \"x\" 1 ]");
    assert_eq!((e.line, e.column), (1, 9));
    let e = err("graph [ x ]");
    assert!(e.message.contains("no value"), "{e}");
    let e = err("graph [ [ ] ]");
    assert_eq!(e.column, 9);
    let e = err("graph [ node [ id \"\" ] ]");
    assert!(e.message.contains("empty node id"), "{e}");
    // Columns count characters, not bytes.
    let e = err("graph [ node [ label \"æøå\" bad word ] ]");
    assert_eq!(e.column, 32, "{e}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("graph [ node [ id 1 {} ] ]", "a [ ".repeat(100_000));
    let e = err(&deep);
    assert!(e.message.contains("nested"), "{e}");
    let deep = format!("x [ {}", "a [ ".repeat(100_000));
    assert!(err(&deep).message.contains("nested"));
    let ok = format!("graph [ node [ id 1 {}{} ] ]", "a [ ".repeat(200), "] ".repeat(200));
    assert_eq!(graph(&ok).nodes.len(), 1);
}

#[test]
fn binary_is_rejected() {
    let e = parse_gml(b"PK\x03\x04\x00\x00graph").expect_err("binary");
    assert_eq!((e.line, e.column), (1, 5));
    assert!(e.message.starts_with("this is not a GML file: it holds binary data"), "{e}");
}

#[test]
fn warnings_are_capped() {
    let text = format!("graph [ {} ]", "node [ ] ".repeat(500));
    let file = parse(&text);
    assert_eq!(file.graphs.first().map(|g| g.nodes.len()), Some(500));
    assert_eq!(file.warnings.len(), MAX_WARNINGS + 1);
    assert!(file.warnings.last().is_some_and(|w| w.message == "300 more warnings not listed"));
}

#[test]
fn colours() {
    assert_eq!(parse_colour("#00ff00"), Some([0, 255, 0]));
    assert_eq!(parse_colour("abc"), Some([0xAA, 0xBB, 0xCC]));
    assert_eq!(parse_colour("#ff00"), None);
    assert_eq!(parse_colour("#ééé"), None);
    assert_eq!(parse_colour("#gg0000"), None);
}

#[test]
fn entities() {
    assert_eq!(unescape("&#x1F600;&#99999999;&;&#;&amp"), "😀&#99999999;&;&#;&amp");
    assert_eq!(unescape("a\\"), "a\\");
    assert_eq!(unescape("\\t"), "\\t");
    assert_eq!(unescape("&nbsp;&yuml;&Agrave;"), "\u{a0}ÿÀ");
}
