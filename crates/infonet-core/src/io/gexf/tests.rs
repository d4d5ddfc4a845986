use super::*;

fn parse(text: &str) -> RawFile {
    parse_gexf(text.as_bytes()).unwrap_or_else(|e| panic!("parses: {e}"))
}

fn one(text: &str) -> RawGraph {
    let mut file = parse(text);
    assert_eq!(file.graphs.len(), 1);
    file.graphs.remove(0)
}

fn node<'a>(graph: &'a RawGraph, id: &str) -> &'a RawNode {
    graph.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("node {id}"))
}

fn text(value: &str) -> AttrValue {
    AttrValue::Text(value.to_owned())
}

fn messages(file: &RawFile) -> Vec<&str> {
    file.warnings.iter().map(|w| w.message.as_str()).collect()
}

const SURVEY: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph mode="static" defaultedgetype="directed">
    <attributes class="node">
      <attribute id="0" title="Sektor" type="string"/>
      <attribute id="1" title="Botid (år)" type="integer"/>
      <attribute id="2" title="svarte" type="boolean"><default>false</default></attribute>
    </attributes>
    <attributes class="edge">
      <attribute id="0" title="kontakt" type="string"><default>intern</default></attribute>
    </attributes>
    <nodes>
      <node id="p01" label="Åse Ødegård">
        <attvalues>
          <attvalue for="0" value="kommune"/><attvalue for="1" value=" 12"/><attvalue for="2" value="true"/>
        </attvalues>
        <viz:color r="214" g="39" b="40" a="1.0"/>
        <viz:size value="12.0"/>
        <viz:position x="-50.0" y="20.0" z="0.0"/>
      </node>
      <node id="p02" label="Bo L.">
        <attvalues><attvalue for="0" value="privat"/></attvalues>
        <viz:color hex="#1F77B4"/>
        <viz:position x="40" y="-10"/>
      </node>
      <node id="p03" label=""/>
    </nodes>
    <edges>
      <edge source="p01" target="p02" weight="1.5"/>
      <edge source="p02" target="p01" weight="0"/>
      <edge source="p02" target="p03" label="sjelden"><attvalues><attvalue for="0" value="ekstern"/></attvalues></edge>
    </edges>
  </graph>
</gexf>
"##;

#[test]
fn attributes_are_named_by_title_typed_and_defaulted() {
    let file = parse(SURVEY);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    let graph = file.graphs.first().expect("graph");
    assert!(graph.directed);
    let ase = node(graph, "p01");
    assert_eq!(ase.label.as_deref(), Some("Åse Ødegård"));
    assert_eq!(ase.line, 13);
    assert_eq!(
        ase.attrs,
        crate::io::raw::Attrs::from([
            ("Sektor".to_owned(), text("kommune")),
            ("Botid (år)".to_owned(), AttrValue::Number(12.0)),
            ("svarte".to_owned(), AttrValue::Bool(true)),
        ])
    );
    assert_eq!(ase.colour, Some([214, 39, 40]));
    assert_eq!(ase.size, Some(12.0));
    assert_eq!(ase.position, Some([-50.0, -20.0]), "GEXF's y points up");
    let bo = node(graph, "p02");
    assert_eq!((bo.colour, bo.position, bo.size), (Some([0x1F, 0x77, 0xB4]), Some([40.0, 10.0]), None));
    assert_eq!(bo.attrs.get("svarte"), Some(&AttrValue::Bool(false)), "default");
    assert_eq!(node(graph, "p03").label, None, "an empty label is no label");
    let weights: Vec<Option<f64>> = graph.edges.iter().map(|e| e.weight).collect();
    assert_eq!(weights, [Some(1.5), Some(0.0), None]);
    let last = graph.edges.last().expect("edge");
    assert_eq!(last.attrs.get("kontakt"), Some(&text("ekstern")));
    assert_eq!(last.attrs.get("label"), Some(&text("sjelden")));
    assert_eq!(graph.edges.first().and_then(|e| e.attrs.get("kontakt")), Some(&text("intern")));
}

#[test]
fn every_version_and_namespace_variant() {
    let body = |ns: &str, viz: &str, version: &str| {
        format!(
            r#"<gexf xmlns="{ns}" xmlns:viz="{viz}" version="{version}"><graph defaultedgetype="directed">
                <nodes><node id="a" label="A"><viz:size value="3"/></node><node id="b" label="B"/></nodes>
                <edges><edge id="0" source="a" target="b"/></edges></graph></gexf>"#
        )
    };
    for (ns, viz, version) in [
        ("http://www.gexf.net/1.1draft", "http://www.gexf.net/1.1draft/viz", "1.1"),
        ("http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2"),
        ("http://www.gexf.net/1.2draft", "http:///www.gexf.net/1.1draft/viz", "1.2"),
        ("http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3"),
        ("http://www.gexf.net/1.3", "http://www.gexf.net/1.3/viz", "1.3"),
        ("http://gexf.net/1.2", "http://gexf.net/1.2/viz", "1.2"),
    ] {
        let graph = one(&body(ns, viz, version));
        assert_eq!((graph.nodes.len(), graph.edges.len()), (2, 1), "{ns}");
        assert_eq!(node(&graph, "a").size, Some(3.0), "{viz}");
    }
    let prefixed = one(r#"<g:gexf xmlns:g="http://gexf.net/1.3" version="1.3"><g:graph>
            <g:nodes><g:node id="a"/></g:nodes><g:edges><g:edge source="a" target="a"/></g:edges></g:graph></g:gexf>"#);
    assert_eq!((prefixed.nodes.len(), prefixed.edges.len()), (1, 1));
}

#[test]
fn one_point_one_attvalues_use_id() {
    let graph = one(
        r#"<gexf xmlns="http://www.gexf.net/1.1draft" version="1.1"><graph defaultedgetype="directed">
            <attributes class="node"><attribute id="0" title="office" type="string"/><attribute id="1" type="float"/></attributes>
            <nodes><node id="1" label="V1"><attvalues><attvalue id="0" value="Boston"/><attvalue id="1" value="2.5"/></attvalues></node></nodes>
            </graph></gexf>"#,
    );
    let attrs = &node(&graph, "1").attrs;
    assert_eq!(attrs.get("office"), Some(&text("Boston")));
    assert_eq!(attrs.get("1"), Some(&AttrValue::Number(2.5)), "no title: named by id");
}

#[test]
fn edge_types_default_undirected_and_mutual() {
    let edges = r#"<nodes><node id="a"/><node id="b"/></nodes><edges>
            <edge source="a" target="b"/><edge source="a" target="b" type="directed"/>
            <edge source="b" target="a" type="undirected"/><edge source="b" target="a" type="mutual"/>
            <edge source="b" target="a" type="sideways"/></edges>"#;
    let file = parse(&format!("<gexf><graph>{edges}</graph></gexf>"));
    let graph = file.graphs.first().expect("graph");
    assert!(!graph.directed, "the schema's default is undirected");
    let directions: Vec<Option<bool>> = graph.edges.iter().map(|e| e.directed).collect();
    assert_eq!(directions, [None, Some(true), Some(false), Some(false), None]);
    assert_eq!(messages(&file).len(), 1);
    assert!(!one(&format!("<gexf><graph defaultedgetype='mutual'>{edges}</graph></gexf>")).directed);
    assert!(one(&format!("<gexf><graph defaultedgetype='Directed'>{edges}</graph></gexf>")).directed);
}

#[test]
fn special_values_lists_null_infinity_and_undeclared() {
    let file = parse(
        r#"<gexf version="1.3"><graph defaultedgetype="directed">
            <attributes class="node">
              <attribute id="v" title="value" type="double"/>
              <attribute id="t" title="types" type="liststring"/>
              <attribute id="b" title="flags" type="listboolean"/>
              <attribute id="n" title="note" type="string"/>
            </attributes>
            <nodes>
              <node id="1"><attvalues><attvalue for="v" value="null"/><attvalue for="t" value="cooking|money"/>
                <attvalue for="b" value="[true, false]"/><attvalue for="n" value="null"/><attvalue for="url" value="http://x"/></attvalues></node>
              <node id="2"><attvalues><attvalue for="v" value="INF"/></attvalues></node>
              <node id="3"><attvalues><attvalue for="v" value="-INF"/><attvalue for="url" value="y"/></attvalues></node>
              <node id="4"><attvalues><attvalue for="v" value="lots"/></attvalues></node>
            </nodes>
            <edges><edge source="1" target="9"><attvalues><attvalue for="count" value="43"/></attvalues></edge></edges>
            </graph></gexf>"#,
    );
    let graph = file.graphs.first().expect("graph");
    let first = node(graph, "1");
    assert_eq!(
        first.attrs,
        crate::io::raw::Attrs::from([
            ("types".to_owned(), text("cooking|money")),
            ("flags".to_owned(), text("[true, false]")),
            ("url".to_owned(), text("http://x")),
        ])
    );
    assert_eq!(node(graph, "2").attrs.get("value"), Some(&AttrValue::Number(f64::INFINITY)));
    assert_eq!(node(graph, "3").attrs.get("value"), Some(&AttrValue::Number(f64::NEG_INFINITY)));
    assert_eq!(node(graph, "4").attrs.get("value"), Some(&text("lots")));
    assert_eq!(graph.edges.first().and_then(|e| e.attrs.get("count")), Some(&text("43")));
    let warnings = messages(&file);
    assert_eq!(warnings.len(), 3, "one per undeclared id and class, one for the bad number: {warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("\"url\" has no <attribute> declaration")), "{warnings:?}");
}

#[test]
fn dynamic_graphs_keep_the_static_picture_with_one_warning() {
    let file = parse(
        r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">
            <graph mode="dynamic" defaultedgetype="directed" timeformat="double">
            <attributes class="edge" mode="dynamic"><attribute id="weight" title="Weight" type="double"/></attributes>
            <attributes class="node" mode="dynamic"><attribute id="price" title="Price" type="int"/></attributes>
            <nodes>
              <node id="0" label="Hello" start="2001"><spells><spell start="2001" end="2003"/></spells>
                <attvalue for="price" value="12" start="2001"/><attvalue for="price" value="8" start="2002"/></node>
              <node id="1" label="World" timestamp="2012-01-12T15:00:00+03:00"/>
            </nodes>
            <edges><edge id="0" source="0" target="1" start="2004">
              <attvalues><attvalue for="weight" value="1" timestamp="2004"/><attvalue for="weight" value="2" timestamp="2005"/></attvalues>
            </edge></edges>
            </graph></gexf>"#,
    );
    let graph = file.graphs.first().expect("graph");
    assert_eq!((graph.nodes.len(), graph.edges.len()), (2, 1));
    assert_eq!(node(graph, "0").attrs.get("Price"), Some(&AttrValue::Number(8.0)), "the last value");
    let edge = graph.edges.first().expect("edge");
    assert_eq!((edge.weight, edge.attrs.len()), (Some(2.0), 0), "an attribute titled Weight is the weight");
    assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
    assert_eq!(file.warnings.first().map(|w| w.line), Some(2));
}

#[test]
fn meta_missing_nodes_duplicates_and_nesting() {
    let file = parse(
        r#"<?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://www.gexf.net/1.1draft" version="1.1">
            <meta lastmodifieddate="2010-05-29+01:27"><Creator>ofNodesAndEdges.com</Creator><Title>Les Misérables</Title>
              <Description>coappearance</Description><AwesomeAuthor>x</AwesomeAuthor></meta>
            <graph defaultedgetype="undirected">
            <nodes>
              <node id="a" label="A"/><node id="a" label="A2"/>
              <node id="group" label="G"><nodes><node id="g1"/><node id="g2" pid="group"/></nodes></node>
            </nodes>
            <edges><edge source="a" target="ghost"/><edge source="a" target="ghost"/><edge source="g1" target="g1"/>
              <edge source="a"/></edges>
            </graph></gexf>"#,
    );
    let graph = file.graphs.first().expect("graph");
    assert_eq!(graph.name.as_deref(), Some("Les Misérables"));
    let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a", "group", "g1", "g2"]);
    assert_eq!(node(graph, "a").label.as_deref(), Some("A2"));
    assert_eq!(graph.edges.len(), 3, "missing targets, duplicates and self-loops are kept");
    let warnings = messages(&file);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("flattened")), "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("declared twice")), "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("without both source and target")), "{warnings:?}");
}

#[test]
fn bom_and_encodings() {
    let body =
        "<gexf version='1.3'><graph><nodes><node id='æ' label='Ærlig Øystein Ås'/></nodes></graph></gexf>";
    let label = |bytes: &[u8]| {
        parse_gexf(bytes)
            .expect("parses")
            .graphs
            .first()
            .and_then(|g| g.nodes.first())
            .and_then(|n| n.label.clone())
    };
    assert_eq!(label(format!("\u{feff}{body}").as_bytes()).as_deref(), Some("Ærlig Øystein Ås"));
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(body.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(label(&utf16).as_deref(), Some("Ærlig Øystein Ås"));
}

#[test]
fn malformed_and_empty_files_are_errors() {
    let cases: [(&str, (u32, u32), &str); 6] = [
        ("", (1, 1), "has no <gexf> element"),
        ("<graphml/>", (1, 1), "expected <gexf>"),
        ("<gexf>\n  <meta><creator>Gephi</creator></meta>\n</gexf>", (1, 1), "no <graph> element"),
        ("<gexf><graph>\n<nodes><node id='a'></nodes>", (2, 21), "</nodes> closes <node>"),
        ("<gexf><graph>\n<nodes>\n", (3, 1), "ends inside <nodes> (opened on line 2)"),
        ("<gexf><graph><nodes><node id=\"a></nodes></graph></gexf>", (1, 21), "not closed"),
    ];
    for (input, position, message) in cases {
        let error = parse_gexf(input.as_bytes()).expect_err(input);
        assert_eq!((error.line, error.column), position, "{input:?}: {error}");
        assert!(error.message.contains(message), "{input:?}: {error}");
    }
}

fn sample() -> RawGraph {
    let attrs = |pairs: &[(&str, AttrValue)]| {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect::<crate::io::raw::Attrs>()
    };
    RawGraph {
        name: Some("Værøy & <Røst>".to_owned()),
        directed: false,
        nodes: vec![
            RawNode {
                id: "p1".into(),
                label: Some("Åse \"Ødegård\"".into()),
                attrs: attrs(&[
                    ("sektor", text("næringsliv")),
                    ("alder", AttrValue::Number(41.0)),
                    ("botid", AttrValue::Number(-0.125)),
                    ("svarte", AttrValue::Bool(false)),
                    ("merknad", text("  to\nlinjer\t ")),
                ]),
                position: Some([1e-7, 250.0]),
                colour: Some([1, 2, 3]),
                size: Some(0.5),
                line: 0,
            },
            RawNode {
                id: "2".into(),
                label: None,
                attrs: attrs(&[("alder", AttrValue::Number(f64::NEG_INFINITY))]),
                ..RawNode::default()
            },
        ],
        edges: vec![
            RawEdge {
                source: "p1".into(),
                target: "2".into(),
                directed: Some(true),
                weight: Some(0.0),
                attrs: attrs(&[("hvor", text("æøå"))]),
                line: 0,
            },
            RawEdge {
                source: "2".into(),
                target: "x".into(),
                directed: None,
                weight: None,
                ..RawEdge::default()
            },
        ],
    }
}

#[test]
fn written_gexf_reads_back_the_same() {
    let graph = sample();
    let written = write_gexf(&graph);
    let file = parse(&written);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    let mut back = file.graphs.into_iter().next().expect("graph");
    back.nodes.iter_mut().for_each(|n| n.line = 0);
    back.edges.iter_mut().for_each(|e| e.line = 0);
    assert_eq!(back, graph);
    assert!(written.contains("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\""));
    assert!(written.contains("<viz:position x=\"0.0000001\" y=\"-250\" z=\"0.0\"/>"), "{written}");
    assert!(written.contains("title=\"alder\" type=\"double\""), "{written}");
    let empty = RawGraph { directed: true, ..RawGraph::default() };
    assert_eq!(one(&write_gexf(&empty)), empty);
}
