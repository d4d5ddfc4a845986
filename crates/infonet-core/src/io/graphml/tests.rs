use super::*;

fn parse(text: &str) -> RawFile {
    parse_graphml(text.as_bytes()).unwrap_or_else(|e| panic!("parses: {e}"))
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

const SURVEY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="sector" attr.type="string"/>
  <key id="d1" for="node" attr.name="tenure" attr.type="int"/>
  <key id="d2" for="node" attr.name="respondent" attr.type="boolean"><default>false</default></key>
  <key id="d3" for="edge" attr.name="contact" attr.type="string">
    <default>internal</default>
  </key>
  <key id="d4" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d5" for="node" attr.name="name" attr.type="string"/>
  <graph id="Øyfjord" edgedefault="directed">
    <node id="p01"><data key="d5">Åse Ødegård</data><data key="d0">kommune</data><data key="d1"> 12 </data><data key="d2">True</data></node>
    <node id="p02"><data key="d0">privat</data><data key="d1">3</data></node>
    <node id="p03"/>
    <edge source="p01" target="p02"><data key="d4">1.5</data></edge>
    <edge source="p02" target="p01"/>
    <edge source="p02" target="p03"><data key="d3">external</data></edge>
  </graph>
</graphml>
"#;

#[test]
fn keys_type_values_and_defaults_fill_in() {
    let graph = one(SURVEY);
    assert_eq!(graph.name.as_deref(), Some("Øyfjord"));
    assert!(graph.directed);
    let ase = node(&graph, "p01");
    assert_eq!(ase.label.as_deref(), Some("Åse Ødegård"), "name becomes the label");
    assert_eq!(ase.line, 12);
    assert_eq!(
        ase.attrs,
        crate::io::raw::Attrs::from([
            ("sector".to_owned(), text("kommune")),
            ("tenure".to_owned(), AttrValue::Number(12.0)),
            ("respondent".to_owned(), AttrValue::Bool(true)),
        ])
    );
    assert_eq!(node(&graph, "p02").attrs.get("respondent"), Some(&AttrValue::Bool(false)), "default");
    assert_eq!(node(&graph, "p03").attrs.len(), 1);
    let weights: Vec<Option<f64>> = graph.edges.iter().map(|e| e.weight).collect();
    assert_eq!(weights, [Some(1.5), None, None]);
    let contacts: Vec<&AttrValue> = graph.edges.iter().filter_map(|e| e.attrs.get("contact")).collect();
    assert_eq!(contacts, [&text("internal"), &text("internal"), &text("external")]);
    assert_eq!(graph.edges.iter().map(|e| e.line).collect::<Vec<_>>(), [15, 16, 17]);
}

#[test]
fn data_refers_to_the_key_id_and_the_owner_picks_the_domain() {
    // The same id for node and edge (Gephi's test files), and the same attr.name under two ids.
    let graph = one(r#"<graphml><graph edgedefault="directed">
            <key attr.name="label" attr.type="string" for="node" id="lbl"/>
            <key attr.name="label" attr.type="string" for="edge" id="lbl"/>
            <key attr.name="rank" attr.type="int" for="node" id="r1"/>
            <key attr.name="rank" attr.type="string" for="edge" id="r2"/>
            <key attr.name="note" attr.type="string" for="all" id="n"/>
            <node id="a"><data key="lbl"><![CDATA[Anna & <co>]]></data><data key="r1">2</data><data key="n">x</data></node>
            <node id="b"/>
            <edge source="a" target="b"><data key="lbl">knows</data><data key="r2">high</data><data key="n">y</data></edge>
            </graph></graphml>"#);
    let a = node(&graph, "a");
    assert_eq!(a.label.as_deref(), Some("Anna & <co>"));
    assert_eq!(a.attrs.get("rank"), Some(&AttrValue::Number(2.0)));
    assert_eq!(a.attrs.get("note"), Some(&text("x")));
    let edge = graph.edges.first().expect("edge");
    assert_eq!(edge.attrs.get("label"), Some(&text("knows")), "edges keep label as an attribute");
    assert_eq!(edge.attrs.get("rank"), Some(&text("high")));
    assert_eq!(edge.attrs.get("note"), Some(&text("y")));
}

#[test]
fn whitespace_python_booleans_and_values_that_do_not_fit() {
    let file = parse(
        r#"<graphml>
            <key id="w" for="node" attr.name="score" attr.type="float"/>
            <key id="t" for="node" attr.name="flag" attr.type="boolean"/>
            <key id="s" for="node" attr.name="note" attr.type="string"/>
            <key id="l" for="node" attr.name="count" attr.type="long"/>
            <graph edgedefault="undirected">
            <node id="a"><data key="w">  2.5
            </data><data key="t">  True  </data><data key="s">  padded  </data><data key="l">-INF</data></node>
            <node id="b"><data key="w"> </data><data key="t">  </data><data key="l">1e3</data></node>
            <node id="c"><data key="w">many</data><data key="t">maybe</data><data key="l">0</data></node>
            <node id="d"><data key="t">1</data><data key="w">4,5</data></node>
            </graph></graphml>"#,
    );
    let graph = file.graphs.first().expect("graph");
    assert!(!graph.directed);
    let a = node(graph, "a");
    assert_eq!(a.attrs.get("score"), Some(&AttrValue::Number(2.5)));
    assert_eq!(a.attrs.get("flag"), Some(&AttrValue::Bool(true)));
    assert_eq!(a.attrs.get("note"), Some(&text("padded")));
    assert_eq!(a.attrs.get("count"), Some(&AttrValue::Number(f64::NEG_INFINITY)));
    let b = node(graph, "b");
    assert_eq!(b.attrs.len(), 1, "empty numbers and booleans are absent: {:?}", b.attrs);
    assert_eq!(b.attrs.get("count"), Some(&AttrValue::Number(1000.0)));
    let c = node(graph, "c");
    assert_eq!(c.attrs.get("score"), Some(&text("many")));
    assert_eq!(c.attrs.get("flag"), Some(&text("maybe")));
    let d = node(graph, "d");
    assert_eq!(d.attrs.get("flag"), Some(&AttrValue::Bool(true)));
    assert_eq!(d.attrs.get("score"), Some(&AttrValue::Number(4.5)), "decimal comma");
    let warnings = messages(&file);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("\"many\" is not a number")), "{warnings:?}");
    assert!(file.warnings.iter().all(|w| w.line == 10), "{:?}", file.warnings);
}

#[test]
fn defaults_of_every_type_and_for_all() {
    let graph = one(r#"<graphml>
            <key id="type" for="node" attr.name="type" attr.type="boolean"><default>TRUE</default></key>
            <key id="age" for="node" attr.name="age" attr.type="int"><default> 20 </default></key>
            <key id="g" for="all" attr.name="group" attr.type="string"><default>none</default></key>
            <graph edgedefault="directed">
            <node id="p1"><data key="type">FALSE</data><data key="age">30</data></node>
            <node id="o1"/>
            <edge source="p1" target="o1"/>
            </graph></graphml>"#);
    let p1 = node(&graph, "p1");
    assert_eq!(p1.attrs.get("type"), Some(&AttrValue::Bool(false)));
    assert_eq!(p1.attrs.get("age"), Some(&AttrValue::Number(30.0)));
    let o1 = node(&graph, "o1");
    assert_eq!(o1.attrs.get("type"), Some(&AttrValue::Bool(true)));
    assert_eq!(o1.attrs.get("age"), Some(&AttrValue::Number(20.0)));
    assert_eq!(o1.attrs.get("group"), Some(&text("none")));
    assert_eq!(graph.edges.first().and_then(|e| e.attrs.get("group")), Some(&text("none")));
}

#[test]
fn edge_direction_defaults_and_overrides() {
    let graph = one(r#"<graphml><graph edgedefault="undirected">
            <node id="a"/><node id="b"/>
            <edge source="a" target="b"/>
            <edge source="a" target="b" directed="true"/>
            <edge source="b" target="a" directed="false"/>
            <edge source="b" target="b"/>
            </graph></graphml>"#);
    assert!(!graph.directed);
    let directions: Vec<Option<bool>> = graph.edges.iter().map(|e| e.directed).collect();
    assert_eq!(directions, [None, Some(true), Some(false), None], "duplicates and self-loops are kept");
    // No edgedefault: directed, as the GraphML schema says.
    assert!(one("<graphml><graph/></graphml>").directed);
    let file = parse(
        r#"<graphml><graph edgedefault="sideways"><edge source="a" target="b" directed="maybe"/></graph></graphml>"#,
    );
    assert!(file.graphs.first().is_some_and(|g| g.directed));
    assert_eq!(file.warnings.len(), 2, "{:?}", file.warnings);
}

const YED: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3">
  <key for="node" id="d5" yfiles.type="nodegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d4"/>
  <key for="edge" id="d9" yfiles.type="edgegraphics"/>
  <key for="graphml" id="d6" yfiles.type="resources"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d4"><![CDATA[leder]]></data>
      <data key="d5">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="40.0" x="100.0" y="50.0"/>
          <y:Fill color="#FFCC00" transparent="false"/>
          <y:BorderStyle color="#000000" type="line" width="1.0"/>
          <y:NodeLabel alignment="center" fontSize="12">Kari
Nordmann<y:LabelModel><y:SmartNodeLabelModel distance="4.0"/></y:LabelModel></y:NodeLabel>
          <y:Shape type="rectangle"/>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1">
      <data key="d5"><y:ShapeNode><y:Geometry x="0" y="-10"/><y:Fill color="#00FF0080"/><y:NodeLabel/></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d9"><y:PolyLineEdge><y:LineStyle color="#000000"/><y:EdgeLabel>asks</y:EdgeLabel></y:PolyLineEdge></data>
    </edge>
  </graph>
  <data key="d6"><y:Resources/></data>
</graphml>
"##;

#[test]
fn yed_labels_geometry_and_fill() {
    let file = parse(YED);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    let graph = file.graphs.first().expect("graph");
    let n0 = node(graph, "n0");
    assert_eq!(n0.label.as_deref(), Some("Kari\nNordmann"));
    assert_eq!(n0.position, Some([120.0, 65.0]), "the centre of the box, y down as yEd has it");
    assert_eq!(n0.colour, Some([0xFF, 0xCC, 0x00]));
    assert_eq!(n0.attrs, crate::io::raw::Attrs::from([("description".to_owned(), text("leder"))]));
    let n1 = node(graph, "n1");
    assert_eq!(n1.label, None, "an empty NodeLabel is no label");
    assert_eq!(n1.position, Some([0.0, -10.0]));
    assert_eq!(n1.colour, Some([0, 0xFF, 0]));
    let edge = graph.edges.first().expect("edge");
    assert!(edge.attrs.is_empty(), "edge graphics are ignored: {:?}", edge.attrs);
}

#[test]
fn attributes_win_over_yed_graphics_and_yfiles_html_is_read() {
    let graph = one(
        r#"<graphml xmlns:y="http://www.yworks.com/xml/yfiles-common/3.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/3.0">
            <key id="d1" for="node" attr.name="NodeLabels"/>
            <key id="d2" for="node" attr.name="NodeGeometry"/>
            <key id="lab" for="node" attr.name="Label" attr.type="string"/>
            <graph edgedefault="directed">
            <node id="a"><data key="d1"><x:List><y:Label><y:Label.Text>Ola</y:Label.Text></y:Label></x:List></data>
              <data key="d2"><y:RectD X="10" Y="20" Width="4" Height="6"/></data></node>
            <node id="b"><data key="lab">Per</data><data key="d1"><x:List><y:Label><y:Label.Text>Ignored</y:Label.Text></y:Label></x:List></data></node>
            </graph></graphml>"#,
    );
    let a = node(&graph, "a");
    assert_eq!((a.label.as_deref(), a.position), (Some("Ola"), Some([12.0, 23.0])));
    assert!(a.attrs.is_empty(), "keys whose data is XML make no attributes: {:?}", a.attrs);
    assert_eq!(node(&graph, "b").label.as_deref(), Some("Per"));
}

#[test]
fn namespaces_prefixes_quotes_and_the_old_namespace() {
    let prefixed = one(r#"<?xml version="1.0"?>
            <ns3:graphml xmlns:ns3="http://graphml.graphdrawing.org/xmlns">
              <ns3:key id="k" for="node" attr.name="x1" attr.type="int"/>
              <ns3:graph id="G" edgedefault="undirected">
                <ns3:node id="a"><ns3:data key="k">7</ns3:data></ns3:node><ns3:node id="b"/>
                <ns3:edge source="a" target="b"/>
              </ns3:graph>
            </ns3:graphml>"#);
    assert_eq!((prefixed.nodes.len(), prefixed.edges.len()), (2, 1));
    assert_eq!(node(&prefixed, "a").attrs.get("x1"), Some(&AttrValue::Number(7.0)));
    let old = one(
        "<graphml xmlns='http://graphml.graphdrawing.org/xmlns/graphml'>\n\t<graph id='G' edgedefault='directed'>\n\t\
             <node id='a'/><node id='b'/><edge source='a' target='b'/></graph></graphml>",
    );
    assert_eq!((old.nodes.len(), old.edges.len()), (2, 1));
}

#[test]
fn undeclared_and_late_keys() {
    let file = parse(
        r#"<graphml><graph edgedefault="undirected">
            <node id="a"><data key="label">Anna</data><data key="club">1</data><data key="d7">9</data></node>
            <edge source="a" target="b"><data key="d8">2.5</data></edge>
            </graph>
            <key id="d7" for="node" attr.name="age" attr.type="int"/>
            <key id="d8" for="edge" attr.name="Weight" attr.type="double"/>
            </graphml>"#,
    );
    let graph = file.graphs.first().expect("graph");
    let a = node(graph, "a");
    assert_eq!(a.label.as_deref(), Some("Anna"));
    assert_eq!(a.attrs.get("club"), Some(&text("1")));
    assert_eq!(a.attrs.get("age"), Some(&AttrValue::Number(9.0)), "declared after use: retyped and renamed");
    assert_eq!(graph.edges.first().and_then(|e| e.weight), Some(2.5));
    let warnings = messages(&file);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|m| m.contains("has no <key> declaration")), "{warnings:?}");
    assert!(file.warnings.iter().all(|w| w.line == 2), "{:?}", file.warnings);
}

#[test]
fn nested_graphs_are_flattened() {
    let file = parse(
        r#"<graphml><graph id="Root" edgedefault="undirected">
            <node id="a"/>
            <node id="group">
              <graph id="inner" edgedefault="directed">
                <node id="group::x"/><node id="group::y"/>
                <edge source="group::x" target="group::y"/>
                <edge source="group::y" target="group::x" directed="false"/>
              </graph>
            </node>
            <edge source="a" target="group::x"/>
            </graph></graphml>"#,
    );
    let graph = file.graphs.first().expect("graph");
    let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["a", "group", "group::x", "group::y"]);
    let directions: Vec<Option<bool>> = graph.edges.iter().map(|e| e.directed).collect();
    assert_eq!(directions, [Some(true), Some(false), None], "the inner default travels with its edges");
    assert_eq!(messages(&file).len(), 1);
    assert!(messages(&file).first().is_some_and(|m| m.contains("flattened")));
}

#[test]
fn hyperedges_ports_locators_and_desc_are_skipped() {
    let file = parse(
        r#"<graphml><desc>A survey</desc><graph edgedefault="directed"><desc>ties</desc>
            <node id="a"><desc>Anna</desc><port name="p0"/><port name="p1"/></node>
            <node id="b"/><node id="c"/>
            <hyperedge><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>
            <edge source="a" target="b" sourceport="p0"/>
            <node id="ext"><locator xlink:href="other.graphml" xmlns:xlink="http://www.w3.org/1999/xlink"/></node>
            </graph></graphml>"#,
    );
    let graph = file.graphs.first().expect("graph");
    assert_eq!((graph.nodes.len(), graph.edges.len()), (4, 1));
    let warnings = messages(&file);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("<hyperedge>")), "{warnings:?}");
    assert!(warnings.iter().any(|m| m.contains("<port>")), "{warnings:?}");
}

#[test]
fn missing_nodes_duplicates_and_several_graphs() {
    let file = parse(
        r#"<graphml><key id="n" for="node" attr.name="note" attr.type="string"/>
            <graph id="advice" edgedefault="directed">
              <node id="a"><data key="n">first</data></node>
              <node id="a"><data key="n">second</data></node>
              <edge source="a" target="ghost"/><edge source="a" target="ghost"/><edge source="a" target="a"/>
            </graph>
            <graph id="friendship" edgedefault="undirected"><node id="a"/><edge source="a" target="b"/></graph>
            </graphml>"#,
    );
    let [advice, friendship] = file.graphs.as_slice() else {
        panic!("two graphs: {:?}", file.graphs);
    };
    assert_eq!(advice.name.as_deref(), Some("advice"));
    assert_eq!(advice.nodes.len(), 1);
    assert_eq!(node(advice, "a").attrs.get("note"), Some(&text("second")));
    assert_eq!(advice.edges.len(), 3);
    assert_eq!((friendship.name.as_deref(), friendship.directed), (Some("friendship"), false));
    assert_eq!((friendship.nodes.len(), friendship.edges.len()), (1, 1));
    assert_eq!(messages(&file), ["node \"a\" is declared twice; the declarations are merged"]);
    assert_eq!(file.warnings.first().map(|w| (w.line, w.column)), Some((4, 15)));
}

#[test]
fn label_name_and_graph_name() {
    let graph = one(r#"<graphml>
            <key id="g" for="graph" attr.name="name" attr.type="string"/>
            <key id="l" for="node" attr.name="Label" attr.type="string"/>
            <key id="n" for="node" attr.name="NAME" attr.type="string"/>
            <key id="i" for="node" attr.name="label" attr.type="int"/>
            <graph id="G" edgedefault="directed"><data key="g">Rådhuset</data>
            <node id="a"><data key="l">Anna</data><data key="n">Anna Berg</data></node>
            <node id="b"><data key="l"></data><data key="n">Bo</data></node>
            <node id="c"><data key="l">  </data></node>
            <node id="d"><data key="i">4</data></node>
            </graph></graphml>"#);
    assert_eq!(graph.name.as_deref(), Some("Rådhuset"));
    let a = node(&graph, "a");
    assert_eq!(a.label.as_deref(), Some("Anna"));
    assert_eq!(a.attrs.get("NAME"), Some(&text("Anna Berg")), "name stays when label is there");
    let b = node(&graph, "b");
    assert_eq!((b.label.as_deref(), b.attrs.len()), (Some("Bo"), 0));
    let c = node(&graph, "c");
    assert_eq!((c.label.as_deref(), c.attrs.len()), (None, 0));
    assert_eq!(node(&graph, "d").label.as_deref(), Some("4"));
}

#[test]
fn gephi_keys_become_position_colour_and_size() {
    let graph = one(r#"<graphml>
            <key attr.name="r" attr.type="int" for="node" id="r"/><key attr.name="g" attr.type="int" for="node" id="g"/>
            <key attr.name="b" attr.type="int" for="node" id="b"/><key attr.name="x" attr.type="float" for="node" id="x"/>
            <key attr.name="y" attr.type="float" for="node" id="y"/><key attr.name="size" attr.type="float" for="node" id="size"/>
            <key attr.name="Weight" attr.type="string" for="edge" id="w"/>
            <graph edgedefault="undirected">
            <node id="a"><data key="x">-87.5</data><data key="y">6.25</data><data key="r">245</data><data key="g">91</data><data key="b">91</data><data key="size">10.0</data></node>
            <node id="b"><data key="x">3</data><data key="r">300</data><data key="g">1</data><data key="b">2</data></node>
            <edge source="a" target="b"><data key="w">2</data></edge>
            <edge source="a" target="b"><data key="w">heavy</data></edge>
            </graph></graphml>"#);
    let a = node(&graph, "a");
    assert_eq!(a.position, Some([-87.5, -6.25]), "Gephi's y points up");
    assert_eq!((a.colour, a.size), (Some([245, 91, 91]), Some(10.0)));
    assert!(a.attrs.is_empty(), "{:?}", a.attrs);
    let b = node(&graph, "b");
    assert_eq!((b.position, b.colour), (None, None), "incomplete or out of range: kept as attributes");
    assert_eq!(b.attrs.len(), 4, "{:?}", b.attrs);
    let [light, heavy] = graph.edges.as_slice() else {
        panic!("two edges");
    };
    assert_eq!((light.weight, light.attrs.len()), (Some(2.0), 0));
    assert_eq!((heavy.weight, heavy.attrs.get("Weight")), (None, Some(&text("heavy"))));
}

#[test]
fn key_declaration_problems_are_warnings() {
    let file = parse(
        r#"<graphml>
            <key id="" for="node" attr.type="string"/>
            <key id="d3" for="nodd" attr.type="do"/>
            <key id="one" for="edge" attr.type="double"/><key id="one" for="edge" attr.type="string"/>
            <key id="e" for="graph" attr.name="" attr.type="string"/>
            <graph/></graphml>"#,
    );
    assert_eq!(file.graphs.len(), 1);
    assert_eq!(file.warnings.len(), 5, "{:?}", file.warnings);
}

#[test]
fn malformed_files_are_errors_with_positions() {
    let cases: [(&str, (u32, u32), &str); 9] = [
        ("", (1, 1), "has no <graphml> element"),
        ("   \n  ", (2, 3), "has no <graphml> element"),
        ("<graphml>\n<graph>\n<node id='a'>blue</data>", (3, 18), "</data> closes <node>"),
        ("<graphml>\n<graph>\n", (3, 1), "ends inside <graph> (opened on line 2)"),
        ("<graphml>\n  <key id='a'\n", (2, 3), "not closed"),
        ("<graphml>\n  \"http://x\">\n<graph/></graphml>", (2, 3), "unexpected text \"\"http://x\">\""),
        ("<graphml><graph>\n  /edge>\n</graph></graphml>", (2, 3), "inside <graph>"),
        ("<gexf version='1.3'/>", (1, 1), "expected <graphml>"),
        ("<graphml>\n<key id='k'/>\n</graphml>", (1, 1), "no <graph> element"),
    ];
    for (input, position, message) in cases {
        let error = parse_graphml(input.as_bytes()).expect_err(input);
        assert_eq!((error.line, error.column), position, "{input:?}: {error}");
        assert!(error.message.contains(message), "{input:?}: {error}");
    }
    let error = parse_graphml(b"<graphml>\0\0").expect_err("binary");
    assert_eq!((error.line, error.column), (1, 10), "at the first NUL");
}

#[test]
fn entities_are_never_expanded() {
    let mut text = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for i in 1..10 {
        text.push_str(&format!(
            "<!ENTITY a{i} \"&a{0};&a{0};&a{0};&a{0};&a{0};&a{0};&a{0};&a{0};&a{0};&a{0};\">\n",
            if i == 1 { String::new() } else { (i - 1).to_string() }
        ));
    }
    text.push_str("]>\n<graphml><key id='n' for='node' attr.name='note'/><graph><node id='a'><data key='n'>&a9; &amp; &#229;</data></node></graph></graphml>");
    let file = parse(&text);
    let note = file.graphs.first().and_then(|g| g.nodes.first()).and_then(|n| n.attrs.get("note"));
    assert_eq!(note, Some(&text_value("&a9; & å")));
    assert_eq!(file.warnings.len(), 2, "{:?}", file.warnings);
}

fn text_value(value: &str) -> AttrValue {
    AttrValue::Text(value.to_owned())
}

#[test]
fn encodings_keep_norwegian_letters() {
    let body =
        "<graphml><graph><node id='æ'><data key='name'>Ærlig Øystein Ås</data></node></graph></graphml>";
    let label = |bytes: &[u8]| {
        let file = parse_graphml(bytes).expect("parses");
        file.graphs.first().and_then(|g| g.nodes.first()).map(|n| (n.id.clone(), n.label.clone()))
    };
    let expected = Some(("æ".to_owned(), Some("Ærlig Øystein Ås".to_owned())));
    assert_eq!(label(format!("\u{feff}{body}").as_bytes()), expected);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        format!("<?xml version=\"1.0\" encoding=\"UTF-16\"?>{body}")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(label(&utf16), expected);
    let declared = format!("<?xml version='1.0' encoding='ISO-8859-1'?>{body}");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&declared);
    assert_eq!(label(&latin1), expected);
}

#[test]
fn many_keys_defaults_and_late_declarations_are_all_read() {
    let mut text = String::from("<graphml>");
    for i in 0..20_000 {
        text.push_str(&format!("<key id='k{i}' for='node' attr.name='a{i}'><default>x</default></key>"));
    }
    for _ in 0..2_000 {
        text.push_str("<key id='dup' for='node' attr.type='int'/>");
    }
    text.push_str("<graph>");
    for n in 0..10 {
        text.push_str(&format!("<node id='n{n}'>"));
        for i in 0..5_000 {
            text.push_str(&format!("<data key='late{i}'>1</data>"));
        }
        text.push_str("</node>");
    }
    text.push_str("</graph>");
    for i in 0..5_000 {
        text.push_str(&format!("<key id='late{i}' for='node' attr.name='b{i}' attr.type='int'/>"));
    }
    text.push_str("</graphml>");
    let file = parse(&text);
    let node = file.graphs.first().and_then(|g| g.nodes.first()).expect("node");
    assert_eq!(node.attrs.len(), 25_000);
    assert_eq!(node.attrs.get("b42"), Some(&AttrValue::Number(1.0)));
    assert!(file.warnings.is_empty(), "{:?}", file.warnings.first());
}

#[test]
fn warnings_are_capped_per_kind() {
    let mut text = String::from("<graphml><graph>");
    for i in 0..100 {
        text.push_str(&format!("<node id='n{i}'><data key='k{i}'>v</data></node>"));
    }
    text.push_str("</graph></graphml>");
    let file = parse(&text);
    assert_eq!(file.warnings.len(), 21);
    assert_eq!(
        file.warnings.last().map(|w| w.message.as_str()),
        Some("80 more warnings like this: undeclared data keys")
    );
}

/// A graph with every kind of content the writer must carry.
fn sample() -> RawGraph {
    let attrs = |pairs: &[(&str, AttrValue)]| {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect::<crate::io::raw::Attrs>()
    };
    RawGraph {
        name: Some("Værøy \"kommune\" <2024> & co".to_owned()),
        directed: true,
        nodes: vec![
            RawNode {
                id: "p1".into(),
                label: Some("Åse Ødegård".into()),
                attrs: attrs(&[
                    ("sektor", text("næringsliv")),
                    ("alder", AttrValue::Number(41.0)),
                    ("botid", AttrValue::Number(9.5)),
                    ("svarte", AttrValue::Bool(true)),
                    ("merknad", text("linje 1\nlinje 2\ttab <&>")),
                ]),
                position: Some([12.5, -3.25]),
                colour: Some([255, 0, 128]),
                size: Some(7.0),
                line: 0,
            },
            RawNode {
                id: "p 2 & \"q\"".into(),
                label: None,
                attrs: attrs(&[("alder", AttrValue::Number(f64::INFINITY)), ("sektor", text("kommune"))]),
                position: None,
                colour: None,
                size: None,
                line: 0,
            },
            RawNode { id: "æøå".into(), label: Some("Kåre".into()), ..RawNode::default() },
        ],
        edges: vec![
            RawEdge {
                source: "p1".into(),
                target: "p 2 & \"q\"".into(),
                directed: None,
                weight: Some(2.5),
                attrs: attrs(&[("kontakt", text("intern")), ("ganger", AttrValue::Number(3.0))]),
                line: 0,
            },
            RawEdge {
                source: "æøå".into(),
                target: "ukjent".into(),
                directed: Some(false),
                weight: None,
                attrs: attrs(&[("kontakt", AttrValue::Bool(true))]),
                line: 0,
            },
            RawEdge { source: "p1".into(), target: "p1".into(), directed: Some(true), ..RawEdge::default() },
        ],
    }
}

/// Lines are the written file's; everything else must come back.
fn without_lines(mut graph: RawGraph) -> RawGraph {
    graph.nodes.iter_mut().for_each(|n| n.line = 0);
    graph.edges.iter_mut().for_each(|e| e.line = 0);
    graph
}

#[test]
fn written_keys_never_share_a_name() {
    let mut graph = sample();
    if let Some(node) = graph.nodes.get_mut(0) {
        node.attrs.insert("label".into(), text("also a label"));
        node.attrs.insert("size".into(), text("large"));
        node.attrs.insert("size_".into(), AttrValue::Number(1.0));
    }
    if let Some(edge) = graph.edges.get_mut(0) {
        edge.attrs.insert("weight".into(), text("heavy"));
    }
    let written = write_graphml(&graph);
    for name in ["label", "label_", "size", "size_", "size__", "weight", "weight_"] {
        let count = written.matches(&format!("attr.name=\"{name}\"")).count();
        assert_eq!(count, 1, "{name}: {written}");
    }
    let back = one(&written);
    let node = back.nodes.first().expect("node");
    assert_eq!(node.attrs.get("label_"), Some(&text("also a label")));
    assert_eq!(node.attrs.get("size__"), Some(&text("large")));
    assert_eq!(back.edges.first().and_then(|e| e.attrs.get("weight_")), Some(&text("heavy")));
}

#[test]
fn written_graphml_reads_back_the_same() {
    let mut graph = sample();
    let written = write_graphml(&graph);
    let file = parse(&written);
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
    let back = without_lines(file.graphs.into_iter().next().expect("graph"));
    // Documented normalisation: a column with mixed kinds is written as text.
    if let Some(edge) = graph.edges.get_mut(0) {
        edge.attrs.insert("kontakt".into(), text("intern"));
    }
    if let Some(edge) = graph.edges.get_mut(1) {
        edge.attrs.insert("kontakt".into(), text("true"));
    }
    assert_eq!(back, graph);
    assert!(
        written.contains("<key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>"),
        "{written}"
    );
    assert!(
        written.contains("attr.name=\"alder\" attr.type=\"double\""),
        "INF makes the column double: {written}"
    );
    assert!(written.contains("attr.name=\"ganger\" attr.type=\"long\""), "{written}");
    assert!(written.contains("<data key=\"d7\">3.25</data>"), "y flipped back: {written}");
    let undirected = RawGraph { directed: false, ..RawGraph::default() };
    assert_eq!(one(&write_graphml(&undirected)), undirected);
}
