//! The node-link writer against networkx 3.6.1: what `write_node_link` writes,
//! `networkx.node_link_graph(data, edges="edges")` and `json_graph.node_link_graph(data)` read
//! with the same nodes, edges, attributes and æøå; and what networkx's `node_link_data` writes,
//! `parse_json_graph` reads. Needs a Python with networkx: `$INFONET_PYTHON`, else
//! else `python3` on PATH; skipped (with a note) when none has networkx.

use std::path::PathBuf;
use std::process::Command;

use infonet::io::json_graph::{parse_json_graph, write_node_link};
use infonet::io::raw::{AttrValue, RawEdge, RawGraph, RawNode};

fn python_with_networkx() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("INFONET_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("python3")])
        .collect();
    candidates.into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import networkx; assert networkx.__version__ >= '3.4'"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn graph() -> RawGraph {
    let mut attrs = infonet::io::raw::Attrs::new();
    attrs.insert("sektor".to_owned(), AttrValue::Text("næringsliv".into()));
    attrs.insert("alder".to_owned(), AttrValue::Number(41.0));
    attrs.insert("botid".to_owned(), AttrValue::Number(9.5));
    attrs.insert("svarte".to_owned(), AttrValue::Bool(true));
    let mut edge_attrs = infonet::io::raw::Attrs::new();
    edge_attrs.insert("kontakt".to_owned(), AttrValue::Text("ekstern".into()));
    RawGraph {
        name: Some("Værøy og Røst".into()),
        directed: true,
        nodes: vec![
            RawNode {
                id: "å1".into(),
                label: Some("Åse Ødegård".into()),
                attrs,
                position: Some([10.0, -20.5]),
                colour: Some([0, 128, 255]),
                size: Some(4.0),
                line: 2,
            },
            RawNode { id: "Bjørn".into(), label: Some("Bjørn Æsøy".into()), ..RawNode::default() },
            RawNode { id: "7".into(), ..RawNode::default() },
        ],
        edges: vec![
            RawEdge {
                source: "å1".into(),
                target: "Bjørn".into(),
                weight: Some(2.5),
                attrs: edge_attrs,
                ..RawEdge::default()
            },
            RawEdge { source: "Bjørn".into(), target: "å1".into(), ..RawEdge::default() },
            RawEdge { source: "7".into(), target: "å1".into(), ..RawEdge::default() },
        ],
    }
}

const CHECK: &str = r##"
import json, sys
import networkx as nx
from networkx.readwrite import json_graph
data = json.load(open(sys.argv[1], encoding="utf-8"))
a = nx.node_link_graph(data, edges="edges")
b = json_graph.node_link_graph(data)
for g in (a, b):
    assert g.is_directed() and not g.is_multigraph()
    assert g.graph["name"] == "Værøy og Røst", g.graph
    assert sorted(g.nodes) == sorted(["å1", "Bjørn", "7"]), list(g.nodes)
    assert g.number_of_edges() == 3
    n = g.nodes["å1"]
    assert n["label"] == "Åse Ødegård" and n["sektor"] == "næringsliv", n
    assert n["alder"] == 41 and n["botid"] == 9.5 and n["svarte"] is True, n
    assert n["x"] == 10 and n["y"] == -20.5 and n["color"] == "#0080ff" and n["size"] == 4, n
    e = g.edges["å1", "Bjørn"]
    assert e["weight"] == 2.5 and e["kontakt"] == "ekstern", e
# And networkx's own writer, for the reverse direction.
g = nx.MultiDiGraph(name="Ærlig nett")
g.add_node("ø1", label="Øystein", alder=30)
g.add_edge("ø1", "å2", weight=1.5)
g.add_edge("ø1", "å2", kind="igjen")
sys.stdout.write(json.dumps(json_graph.node_link_data(g), ensure_ascii=False))
# And its Cytoscape.js writer.
c = nx.DiGraph()
c.add_edge("Åse", "Ørjan", weight=2)
c.add_node("Liv")
json.dump(json_graph.cytoscape_data(c), open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"##;

#[test]
fn networkx_reads_what_we_write_and_we_read_what_it_writes() {
    let Some(python) = python_with_networkx() else {
        crate::corpus_support::skip("skipped: no Python with networkx 3.4+ (set INFONET_PYTHON)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nett.json");
    std::fs::write(&path, write_node_link(&graph())).expect("write");
    let cytoscape = dir.path().join("cytoscape.json");
    let output =
        Command::new(&python).arg("-c").arg(CHECK).arg(&path).arg(&cytoscape).output().expect("run python");
    assert!(output.status.success(), "networkx disagrees:\n{}", String::from_utf8_lossy(&output.stderr));

    let parsed = parse_json_graph(&output.stdout).expect("networkx's node-link data");
    let [back] = parsed.graphs.as_slice() else { panic!("one graph") };
    assert_eq!(back.name.as_deref(), Some("Ærlig nett"));
    assert!(back.directed);
    let ids: Vec<&str> = back.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["ø1", "å2"]);
    assert_eq!(back.nodes.first().and_then(|n| n.label.as_deref()), Some("Øystein"));
    assert_eq!(back.edges.len(), 2);
    assert_eq!(back.edges.first().and_then(|e| e.weight), Some(1.5));
    // networkx's multigraph keys stay as an attribute.
    assert_eq!(back.edges.get(1).and_then(|e| e.attrs.get("key")), Some(&AttrValue::Number(1.0)));
    assert_eq!(back.edges.get(1).and_then(|e| e.attrs.get("kind")), Some(&AttrValue::Text("igjen".into())));

    let parsed =
        parse_json_graph(&std::fs::read(&cytoscape).expect("cytoscape file")).expect("cytoscape_data");
    let [graph] = parsed.graphs.as_slice() else { panic!("one graph") };
    assert!(graph.directed);
    let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["Åse", "Ørjan", "Liv"]);
    assert_eq!(graph.nodes.first().and_then(|n| n.label.as_deref()), Some("Åse"));
    let edge = graph.edges.first().expect("edge");
    assert_eq!((edge.source.as_str(), edge.target.as_str(), edge.weight), ("Åse", "Ørjan", Some(2.0)));
}

#[test]
fn our_writer_round_trips_through_our_reader() {
    let original = graph();
    let text = write_node_link(&original);
    let parsed = parse_json_graph(text.as_bytes()).expect("reads back");
    let [back] = parsed.graphs.as_slice() else { panic!("one graph") };
    let strip = |g: &RawGraph| {
        let mut g = g.clone();
        for node in &mut g.nodes {
            node.line = 0;
        }
        for edge in &mut g.edges {
            edge.line = 0;
        }
        g
    };
    assert_eq!(strip(back), strip(&original));
}
