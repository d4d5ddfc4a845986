use super::*;

fn parse(text: &str) -> RawFile {
    parse_json_graph(text.as_bytes()).expect("valid JSON network")
}

fn graph(text: &str) -> RawGraph {
    parse(text).graphs.into_iter().next().expect("one graph")
}

fn error(text: &str) -> ParseError {
    parse_json_graph(text.as_bytes()).expect_err("invalid")
}

fn pairs(graph: &RawGraph) -> Vec<(&str, &str)> {
    graph.edges.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect()
}

fn ids(graph: &RawGraph) -> Vec<&str> {
    graph.nodes.iter().map(|n| n.id.as_str()).collect()
}

#[test]
fn networkx_node_link_with_links_and_with_edges() {
    let text = r#"{
 "directed": true,
 "multigraph": false,
 "graph": {"name": "Værøy"},
 "nodes": [
  {"label": "Åse", "sector": "kommune", "age": 41, "respondent": true, "id": "p1"},
  {"id": "p2", "name": "Bjørn", "tags": ["a", 1], "extra": {"k": null}}
 ],
 "links": [
  {"source": "p1", "target": "p2", "weight": 2.5, "kind": "råd"},
  {"source": "p2", "target": "p3"}
 ]
}"#;
    let g = graph(text);
    assert!(g.directed);
    assert_eq!(g.name.as_deref(), Some("Værøy"));
    assert_eq!(ids(&g), ["p1", "p2"]);
    let p1 = g.nodes.first().expect("p1");
    assert_eq!(p1.label.as_deref(), Some("Åse"));
    assert_eq!(p1.line, 6);
    assert_eq!(p1.attrs.get("sector"), Some(&AttrValue::Text("kommune".into())));
    assert_eq!(p1.attrs.get("age"), Some(&AttrValue::Number(41.0)));
    assert_eq!(p1.attrs.get("respondent"), Some(&AttrValue::Bool(true)));
    assert!(!p1.attrs.contains_key("label") && !p1.attrs.contains_key("id"));
    let p2 = g.nodes.get(1).expect("p2");
    assert_eq!(p2.label.as_deref(), Some("Bjørn"));
    assert_eq!(p2.attrs.get("tags"), Some(&AttrValue::Text("[\"a\",1]".into())));
    assert_eq!(p2.attrs.get("extra"), Some(&AttrValue::Text("{\"k\":null}".into())));
    // Edges to undeclared nodes are kept.
    assert_eq!(pairs(&g), [("p1", "p2"), ("p2", "p3")]);
    let first = g.edges.first().expect("edge");
    assert_eq!((first.weight, first.line), (Some(2.5), 10));
    assert_eq!(first.attrs.get("kind"), Some(&AttrValue::Text("råd".into())));
    // The newer "edges" key reads the same; "directed" absent = undirected.
    let g = graph(r#"{"nodes": [{"id": 1}, {"id": 2}], "edges": [{"source": 1, "target": 2}]}"#);
    assert!(!g.directed);
    assert_eq!(pairs(&g), [("1", "2")]);
}

#[test]
fn edges_and_links_both_present_warns() {
    let file = parse(r#"{"nodes": [{"id": "a"}], "links": [{"source": "a", "target": "b"}], "edges": []}"#);
    assert!(file.graphs.first().is_some_and(|g| g.edges.is_empty()));
    assert_eq!(file.warnings.len(), 1);
}

#[test]
fn d3_indices_when_nodes_have_no_ids() {
    let g = graph(
        r#"{"nodes":[{"name":"Myriel","group":1},{"name":"Napoleon","group":1},{"name":"Mlle","group":2}],
                "links":[{"source":1,"target":0,"value":1},{"source":2,"target":0,"value":8}]}"#,
    );
    assert_eq!(ids(&g), ["0", "1", "2"]);
    assert_eq!(g.nodes.get(1).and_then(|n| n.label.as_deref()), Some("Napoleon"));
    assert_eq!(pairs(&g), [("1", "0"), ("2", "0")]);
    // d3's "value" stays an attribute.
    assert_eq!(g.edges.get(1).and_then(|e| e.attrs.get("value")), Some(&AttrValue::Number(8.0)));
    assert!(g.edges.iter().all(|e| e.weight.is_none()));
}

#[test]
fn numbers_are_ids_when_every_node_has_an_id() {
    let g = graph(
        r#"{"nodes":[{"id":10},{"id":20}],"links":[{"source":10,"target":20},{"source":"10","target":20}]}"#,
    );
    assert_eq!(pairs(&g), [("10", "20"), ("10", "20")]);
    // Mixed: one node without an id makes numbers indices; ids still work as strings.
    let g =
        graph(r#"{"nodes":[{"id":"a"},{}],"links":[{"source":0,"target":1},{"source":"a","target":"1"}]}"#);
    assert_eq!(ids(&g), ["a", "1"]);
    assert_eq!(pairs(&g), [("a", "1"), ("a", "1")]);
    let e = error(
        r#"{"nodes":[{"name":"x"}],
"links":[{"source":0,"target":5}]}"#,
    );
    assert_eq!((e.line, e.column), (2, 10));
    assert!(e.message.contains("5 is not a node index: there are 1 nodes"), "{e}");
    let e = error(r#"{"nodes":[{}],"links":[{"source":-1,"target":0}]}"#);
    assert!(e.message.contains("-1 is not a node index"), "{e}");
}

#[test]
fn d3_mutated_links_with_node_objects() {
    let g = graph(
        r#"{"nodes":[{"id":"a","x":1.5,"y":-2,"vx":0.1,"index":0},{"id":"b","index":1}],
                "links":[{"source":{"id":"a","index":0},"target":{"id":"b","index":1},"index":0}]}"#,
    );
    assert_eq!(pairs(&g), [("a", "b")]);
    let a = g.nodes.first().expect("a");
    assert_eq!(a.position, Some([1.5, -2.0]), "d3 positions keep y pointing down");
    assert_eq!(a.attrs.get("vx"), Some(&AttrValue::Number(0.1)));
    let g = graph(
        r#"{"nodes":[{"name":"x"},{"name":"y"}],"links":[{"source":{"index":1},"target":{"index":0}}]}"#,
    );
    assert_eq!(pairs(&g), [("1", "0")]);
}

#[test]
fn graphology_and_gephi_export() {
    let text = r##"{
  "attributes": {"name": "Bygda"},
  "options": {"type": "mixed", "multi": false, "allowSelfLoops": true},
  "nodes": [
    {"key": "1", "attributes": {"label": "Kåre", "x": 2.5, "y": 4.7, "size": 10, "color": "#ff6478fe", "sector": "privat"}},
    {"key": 2, "attributes": {"color": "rgb(0, 128, 255)"}},
    {"key": "3"}
  ],
  "edges": [
    {"key": "e1", "source": "1", "target": 2, "undirected": true, "attributes": {"weight": 2.0, "color": "#000"}},
    {"source": "1", "target": "3"}
  ]
}"##;
    let g = graph(text);
    assert!(g.directed);
    assert_eq!(g.name.as_deref(), Some("Bygda"));
    assert_eq!(ids(&g), ["1", "2", "3"]);
    let first = g.nodes.first().expect("node");
    assert_eq!(first.label.as_deref(), Some("Kåre"));
    assert_eq!(first.position, Some([2.5, -4.7]), "graphology y points up: flipped");
    assert_eq!((first.size, first.colour), (Some(10.0), Some([0xff, 0x64, 0x78])));
    assert_eq!(first.attrs.get("sector"), Some(&AttrValue::Text("privat".into())));
    assert!(!first.attrs.contains_key("x") && !first.attrs.contains_key("color"));
    assert_eq!(g.nodes.get(1).and_then(|n| n.colour), Some([0, 128, 255]));
    let edge = g.edges.first().expect("edge");
    assert_eq!((edge.directed, edge.weight), (Some(false), Some(2.0)));
    assert_eq!(edge.attrs.get("key"), Some(&AttrValue::Text("e1".into())));
    assert_eq!(edge.attrs.get("color"), Some(&AttrValue::Text("#000".into())));
    assert_eq!(g.edges.get(1).map(|e| e.directed), Some(None));
    let g = graph(
        r#"{"options":{"type":"undirected"},"nodes":[{"key":"a"}],"edges":[{"source":"a","target":"a","undirected":true}]}"#,
    );
    assert!(!g.directed);
    assert_eq!(g.edges.first().map(|e| e.directed), Some(None));
    // Without options, keyed nodes are recognised.
    let g = graph(r#"{"nodes":[{"key":"x","attributes":{"label":"X"}}],"edges":[]}"#);
    assert_eq!(g.nodes.first().and_then(|n| n.label.as_deref()), Some("X"));
    let e = error(r#"{"options":{},"nodes":[{"attributes":{}}]}"#);
    assert!(e.message.contains("node 1 has no \"key\""), "{e}");
}

#[test]
fn cytoscape_object_and_array_forms() {
    let text = r#"{"data": {"name": "Nett"}, "elements": {
  "nodes": [
    {"data": {"id": "n1", "name": "Åsa", "SUID": 52}, "position": {"x": 10, "y": 20}, "selected": false},
    {"data": {"id": "n2", "label": "Ørjan"}}
  ],
  "edges": [{"data": {"id": "e1", "source": "n1", "target": "n2", "weight": 3, "interaction": "pp"}}]
}}"#;
    let g = graph(text);
    assert!(g.directed);
    assert_eq!(g.name.as_deref(), Some("Nett"));
    let n1 = g.nodes.first().expect("n1");
    assert_eq!((n1.label.as_deref(), n1.position, n1.line), (Some("Åsa"), Some([10.0, 20.0]), 3));
    assert_eq!(n1.attrs.get("SUID"), Some(&AttrValue::Number(52.0)));
    assert_eq!(g.nodes.get(1).and_then(|n| n.label.as_deref()), Some("Ørjan"));
    let edge = g.edges.first().expect("edge");
    assert_eq!((edge.weight, edge.line), (Some(3.0), 6));
    assert_eq!(edge.attrs.get("id"), Some(&AttrValue::Text("e1".into())));
    let array = r#"[{"group":"nodes","data":{"id":"a"}},{"data":{"id":"b"}},{"data":{"source":"a","target":"b"}},
            {"group":"edges","data":{"source":"b","target":"a"}}]"#;
    let g = graph(array);
    assert_eq!((ids(&g), pairs(&g)), (vec!["a", "b"], vec![("a", "b"), ("b", "a")]));
    let g = graph(
        r#"{"directed": false, "multigraph": false, "data": [], "elements": [{"data":{"id":"x","value":"x","name":"x"}}]}"#,
    );
    assert!(!g.directed);
    let e = error(r#"{"elements":{"nodes":[{"data":{"name":"no id"}}]}}"#);
    assert!(e.message.contains("has no \"data\": {\"id\""), "{e}");
    let e = error(r#"{"elements":{"edges":[{"data":{"source":"a"}}]}}"#);
    assert!(e.message.contains("\"target\""), "{e}");
}

#[test]
fn unknown_shapes_are_rejected_at_1_1_naming_the_accepted_ones() {
    let mwnets =
        r#"{"format":["MWnets"],"info":{},"ways":{"a":["a"]},"nodes":{"a":[]},"links":[{"a":1,"w":1}]}"#;
    let e = error(mwnets);
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.starts_with("this is an MWnets multiway network"), "{e}");
    assert!(e.message.contains("node-link"), "{e}");
    for text in [r#"{"a": 1}"#, "42", r#""text""#, "{}"] {
        let e = error(text);
        assert_eq!((e.line, e.column), (1, 1), "{text}");
        assert!(e.message.contains("accepted JSON shapes"), "{text}: {e}");
    }
    let e = error("{\n \"nodes\": {\"a\": 1}}");
    assert_eq!((e.line, e.column), (2, 11));
}

#[test]
fn syntax_errors_have_positions_and_hints() {
    let e = error("{\"nodes\": [\n  {\"id\": \"å\", \"x\": NaN}\n]}");
    assert_eq!(e.line, 2);
    assert_eq!(e.column, 20);
    assert!(e.message.contains("NaN and Infinity are not JSON"), "{e}");
    let e = error("{\"nodes\": [{\"id\": 1},]}");
    assert_eq!(e.line, 1);
    let e = error("");
    assert_eq!((e.line, e.column), (1, 1));
    // Errors inside an element are placed in the file.
    let e = error("{\"nodes\": [1,\n 2]}");
    assert_eq!((e.line, e.column), (1, 12));
    let e = error("{\"nodes\": [],\n \"links\": [{\"source\": \"a\"}]}");
    assert_eq!((e.line, e.column), (2, 12));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{{\"nodes\": [{{\"id\": 1, \"x\": {}1{}}}]}}", "[".repeat(5000), "]".repeat(5000));
    let e = error(&deep);
    assert!(e.message.contains("recursion limit"), "{e}");
}

#[test]
fn colours() {
    assert_eq!(parse_colour("#0f0"), Some([0, 255, 0]));
    assert_eq!(parse_colour("#00FF0080"), Some([0, 255, 0]));
    assert_eq!(parse_colour(" rgb(1, 2,3) "), Some([1, 2, 3]));
    assert_eq!(parse_colour("RGBA(255,0,0,0.5)"), Some([255, 0, 0]));
    for bad in ["red", "#12345", "rgb(1,2)", "rgb(300,0,0)", "#ggg", "#ÅÅÅ"] {
        assert_eq!(parse_colour(bad), None, "{bad}");
    }
    let file = parse(r#"{"nodes":[{"id":"a","color":"red"}]}"#);
    assert_eq!(file.warnings.len(), 1);
    assert_eq!(
        file.graphs.first().and_then(|g| g.nodes.first()).and_then(|n| n.attrs.get("color")),
        Some(&AttrValue::Text("red".into()))
    );
}

#[test]
fn duplicate_node_ids_warn_and_keep_the_first() {
    let file = parse("{\"nodes\":[{\"id\":\"a\",\"k\":1},\n{\"id\":\"a\",\"k\":2}]}");
    let g = file.graphs.first().expect("graph");
    assert_eq!(g.nodes.len(), 1);
    assert_eq!(g.nodes.first().and_then(|n| n.attrs.get("k")), Some(&AttrValue::Number(1.0)));
    let w = file.warnings.first().expect("warning");
    assert_eq!((w.line, w.column), (2, 1));
}

#[test]
fn utf8_bom_utf16_and_nfc() {
    let text = "{\"nodes\":[{\"id\":\"a\u{30a}se\"}]}";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let g = parse_json_graph(&bom).expect("bom").graphs.into_iter().next().expect("graph");
    assert_eq!(ids(&g), ["åse"]);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let g = parse_json_graph(&utf16).expect("utf-16").graphs.into_iter().next().expect("graph");
    assert_eq!(ids(&g), ["åse"]);
}

#[test]
fn writer_round_trips() {
    let mut attrs = crate::io::raw::Attrs::new();
    attrs.insert("sektor".to_owned(), AttrValue::Text("næringsliv".into()));
    attrs.insert("alder".to_owned(), AttrValue::Number(41.5));
    attrs.insert("svarte".to_owned(), AttrValue::Bool(true));
    attrs.insert("id".to_owned(), AttrValue::Text("shadowed".into()));
    let graph = RawGraph {
        name: Some("Æsøy".into()),
        directed: true,
        nodes: vec![
            RawNode {
                id: "å1".into(),
                label: Some("Åse Ødegård".into()),
                attrs,
                position: Some([1.0, -2.5]),
                colour: Some([255, 0, 16]),
                size: Some(3.0),
                line: 0,
            },
            RawNode { id: "2".into(), ..RawNode::default() },
        ],
        edges: vec![
            RawEdge { source: "å1".into(), target: "2".into(), weight: Some(2.0), ..RawEdge::default() },
            RawEdge { source: "å1".into(), target: "2".into(), directed: Some(false), ..RawEdge::default() },
        ],
    };
    let text = write_node_link(&graph);
    assert!(text.contains("\"multigraph\": true"), "{text}");
    assert!(text.contains("Åse Ødegård"), "æøå are written as they are");
    let back =
        parse_json_graph(text.as_bytes()).expect("reads back").graphs.into_iter().next().expect("graph");
    assert_eq!(back.name, graph.name);
    assert!(back.directed);
    let first = back.nodes.first().expect("node");
    let original = graph.nodes.first().expect("node");
    assert_eq!(
        (&first.id, &first.label, first.position, first.colour, first.size),
        (&original.id, &original.label, original.position, original.colour, original.size)
    );
    let mut expected = original.attrs.clone();
    expected.remove("id");
    assert_eq!(first.attrs, expected);
    let edges: Vec<_> = back.edges.iter().map(|e| (e.weight, e.directed)).collect();
    assert_eq!(edges, [(Some(2.0), None), (None, Some(false))]);
    // A simple graph is not a multigraph.
    let simple = RawGraph { edges: graph.edges.get(..1).unwrap_or_default().to_vec(), ..graph };
    assert!(write_node_link(&simple).contains("\"multigraph\": false"));
}

/// A node-link file of `n` nodes and `3n` edges.
fn big_node_link(n: usize) -> String {
    let mut text = String::from("{\"directed\": true, \"multigraph\": false, \"graph\": {}, \"nodes\": [\n");
    for i in 0..n {
        let comma = if i + 1 < n { "," } else { "" };
        text.push_str(&format!(
                "{{\"id\": \"p{i}\", \"name\": \"Person {i} Ødegård\", \"sector\": \"public\", \"age\": {}}}{comma}\n",
                20 + i % 50
            ));
    }
    text.push_str("], \"edges\": [\n");
    for i in 0..3 * n {
        let comma = if i + 1 < 3 * n { "," } else { "" };
        text.push_str(&format!(
            "{{\"source\": \"p{}\", \"target\": \"p{}\"}}{comma}\n",
            i / 3,
            (i * 7 + 1) % n
        ));
    }
    text.push_str("]}\n");
    text
}

#[test]
fn medium_node_link() {
    let g = graph(&big_node_link(2_000));
    assert_eq!((g.nodes.len(), g.edges.len()), (2_000, 6_000));
}
