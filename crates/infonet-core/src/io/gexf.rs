//! GEXF in and out (`docs/formats.md` §5.3), with quick-xml's streaming reader.
//!
//! Reading:
//! - Every version (1.0, 1.1draft, 1.2draft, 1.3) and namespace variant (`gexf.net`,
//!   `www.gexf.net`, broken viz namespaces such as `http:///www.gexf.net/1.1draft/viz`, with or
//!   without prefixes): elements are matched by local name, never by namespace.
//! - `<attributes class="node|edge">` declare `<attribute id title type>` with an optional
//!   `<default>`. An `<attvalue for=...>` (1.1draft: `id=`) is stored under the attribute's
//!   title (its id when it has none). Numeric types (integer, long, float, double, short, byte,
//!   biginteger, bigdecimal) become [`AttrValue::Number`] (`INF`, `-INF` included), boolean
//!   [`AttrValue::Bool`], everything else (string, anyURI, char, date, list types such as
//!   `liststring`) [`AttrValue::Text`] as written. `null` values are skipped. An attvalue with no
//!   declaration is kept as text under its id, with a warning. Defaults fill in missing values.
//! - Node `label` becomes the label; `viz:color` (`r g b [a]` or `hex`), `viz:size` and
//!   `viz:position` (y flipped: GEXF's y points up) become colour, size and position.
//! - `defaultedgetype` (missing means undirected, as the schema says; `mutual` counts as
//!   undirected) sets the graph's direction; an edge's `type` goes to `RawEdge::directed`. Edge
//!   `weight` (else a numeric attribute titled `weight`, any case) is the weight; edge `label`
//!   and `kind` are attributes.
//! - Dynamic graphs (`mode="dynamic"`/`"slice"`, spells, `start`/`end`/`timestamp` on nodes,
//!   edges and attvalues): time is ignored and every node and edge is kept, with one warning; an
//!   attribute with several timed values keeps the last one listed.
//! - Nested nodes (hierarchy) are flattened with a warning. The graph's `name` attribute (as
//!   networkx writes it), else a `<meta>` `title` (any case), names the graph; the rest of `<meta>`
//!   is ignored. Edges to missing nodes are kept; a node declared twice is one node.
//!
//! Writing ([`write_gexf`]): GEXF 1.3 (`http://gexf.net/1.3`, the namespace networkx expects)
//! with typed `<attributes>` for every attribute seen (ids `0`, `1`, ...; title = name), node
//! labels as `label`, `viz:color`, `viz:size` and `viz:position` (y flipped back), edge `weight`
//! and a `type` on every edge whose direction is set; the graph name as the graph's `name`
//! attribute (networkx reads it into `G.graph["name"]`).
//! `parse_gexf(write_gexf(g))` gives `g` back except for lines, an empty label (no label), a
//! text value `null` (skipped), and a numeric edge attribute named `weight` on an edge without a
//! weight (it becomes the weight).

use std::collections::{HashMap, HashSet};

use super::ParseError;
use super::colour::parse_colour;
use super::limits::{MAX_DEFAULTS_FILLED, MAX_ITEMS};
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::xml::{
    ColumnType, Element, XmlEvent, XmlReader, columns, decode_xml, escape_attr, number_text, parse_xml_bool,
    parse_xml_number, value_text,
};

/// How an attribute's values are typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AttrType {
    Number,
    Bool,
    Text,
}

#[derive(Clone, Debug)]
struct Declared {
    title: String,
    ty: AttrType,
    default: Option<AttrValue>,
}

/// The attributes declared for one class (node or edge).
#[derive(Default)]
struct Class {
    by_id: HashMap<String, usize>,
    list: Vec<Declared>,
    defaults: Vec<(String, AttrValue)>,
    /// Title -> index into `defaults`.
    default_titles: HashMap<String, usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Node,
    Edge,
    /// `class="graph"` or unknown.
    Other,
}

#[derive(Clone, Copy, Debug)]
enum Owner {
    Node(usize),
    Edge(usize),
}

enum Frame {
    Root,
    Meta,
    /// Text of `<meta><title>`.
    MetaTitle,
    Graph,
    Attributes(Kind),
    Attribute {
        kind: Kind,
        id: String,
        declared: Box<Declared>,
        offset: usize,
    },
    /// `<default>` of an attribute.
    AttrDefault,
    Nodes,
    Node(usize),
    Edges,
    Edge(usize),
    AttValues(Owner),
    Skip,
}

/// Reads a GEXF file: one [`RawGraph`] per `<graph>` (files have one). See the module docs.
pub fn parse_gexf(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let mut early_warnings = Vec::new();
    let text = decode_xml(bytes, "GEXF", &mut early_warnings)?;
    let mut reader = XmlReader::new(&text, "GEXF", "gexf");
    reader.warnings.extend(early_warnings);
    let mut parser = Parser { expected: super::xml::expected_items(&text), ..Parser::default() };
    parser.run(&mut reader)?;
    if parser.graphs.is_empty() {
        return Err(reader.error(
            parser.root_offset,
            "this GEXF file has no <graph> element, so there is no network in it",
        ));
    }
    if let Some(title) = parser.title.take() {
        for graph in &mut parser.graphs {
            if graph.name.is_none() {
                graph.name = Some(title.clone());
            }
        }
    }
    Ok(RawFile { graphs: parser.graphs, warnings: reader.warnings.finish() })
}

#[derive(Default)]
struct Parser {
    graphs: Vec<RawGraph>,
    nodes: Class,
    edges: Class,
    /// Node id -> index in the current graph.
    node_ids: foldhash::HashMap<String, usize>,
    /// Nodes and edges the file seems to hold, reserved for its first graph.
    expected: (usize, usize),
    frames: Vec<Frame>,
    text: String,
    title: Option<String>,
    /// Undeclared attvalue ids already warned about, by class.
    undeclared: HashSet<(bool, String)>,
    dynamic_warned: bool,
    nested_warned: bool,
    items: usize,
    root_offset: usize,
    /// Default values filled in so far.
    defaults_filled: usize,
}

/// Attributes that only make sense in time.
const TIME_ATTRIBUTES: [&str; 6] = ["start", "end", "startopen", "endopen", "timestamp", "timestamps"];

impl Parser {
    fn run(&mut self, reader: &mut XmlReader<'_>) -> Result<(), ParseError> {
        loop {
            match reader.next()? {
                XmlEvent::Start(element) => self.start(reader, &element)?,
                XmlEvent::End => self.end(reader),
                XmlEvent::Text(text) => self.text(reader, &text),
                XmlEvent::Eof => {
                    if self.defaults_filled > MAX_DEFAULTS_FILLED {
                        reader.warn(reader.offset(), "defaults left out", || {
                            format!("more than {MAX_DEFAULTS_FILLED} default values; the rest were left out")
                        });
                    }
                    return Ok(());
                }
            }
        }
    }

    fn dynamic(&mut self, reader: &mut XmlReader<'_>, offset: usize) {
        if !self.dynamic_warned {
            self.dynamic_warned = true;
            reader.warn(offset, "dynamic graphs read as static", || {
                "this is a dynamic (time-dependent) graph: time is ignored, every node and edge is kept, \
                 and an attribute with several values over time keeps the last one"
                    .to_owned()
            });
        }
    }

    fn start(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<(), ParseError> {
        let Some(top) = self.frames.last() else {
            self.root_offset = element.offset;
            self.frames.push(Frame::Root);
            return Ok(());
        };
        let name = element.local();
        let frame = match top {
            Frame::Root => match name {
                "meta" => Frame::Meta,
                "graph" => self.graph(reader, element)?,
                _ => Frame::Skip,
            },
            Frame::Meta => {
                if name.eq_ignore_ascii_case("title") {
                    self.text.clear();
                    Frame::MetaTitle
                } else {
                    Frame::Skip
                }
            }
            Frame::Graph => match name {
                "attributes" => {
                    let mut kind = Kind::Other;
                    let mut dynamic = false;
                    reader.attributes(element, |key, value| match key {
                        "class" => {
                            kind = match value.trim().to_ascii_lowercase().as_str() {
                                "node" => Kind::Node,
                                "edge" => Kind::Edge,
                                _ => Kind::Other,
                            };
                        }
                        "mode" | "type" => dynamic |= value.trim().eq_ignore_ascii_case("dynamic"),
                        _ => {}
                    })?;
                    if dynamic {
                        self.dynamic(reader, element.offset);
                    }
                    Frame::Attributes(kind)
                }
                "nodes" => Frame::Nodes,
                "edges" => Frame::Edges,
                _ => Frame::Skip,
            },
            Frame::Attributes(kind) => match name {
                "attribute" => {
                    let kind = *kind;
                    self.attribute(reader, element, kind)?
                }
                _ => Frame::Skip,
            },
            Frame::Attribute { .. } => match name {
                "default" => {
                    self.text.clear();
                    Frame::AttrDefault
                }
                _ => Frame::Skip,
            },
            Frame::Nodes => match name {
                "node" => self.node(reader, element)?,
                _ => Frame::Skip,
            },
            Frame::Edges => match name {
                "edge" => self.edge(reader, element)?,
                _ => Frame::Skip,
            },
            Frame::Node(index) => {
                let index = *index;
                match name {
                    "attvalues" => Frame::AttValues(Owner::Node(index)),
                    "attvalue" => {
                        self.attvalue(reader, element, Owner::Node(index))?;
                        Frame::Skip
                    }
                    "color" | "size" | "position" => {
                        self.viz(reader, element, index)?;
                        Frame::Skip
                    }
                    "nodes" => {
                        if !self.nested_warned {
                            self.nested_warned = true;
                            reader.warn(element.offset, "nested nodes flattened", || {
                                "nodes nested inside a node are flattened into the graph".to_owned()
                            });
                        }
                        Frame::Nodes
                    }
                    "edges" => Frame::Edges,
                    "spells" | "spell" => {
                        self.dynamic(reader, element.offset);
                        Frame::Skip
                    }
                    _ => Frame::Skip,
                }
            }
            Frame::Edge(index) => {
                let index = *index;
                match name {
                    "attvalues" => Frame::AttValues(Owner::Edge(index)),
                    "attvalue" => {
                        self.attvalue(reader, element, Owner::Edge(index))?;
                        Frame::Skip
                    }
                    "spells" | "spell" => {
                        self.dynamic(reader, element.offset);
                        Frame::Skip
                    }
                    _ => Frame::Skip,
                }
            }
            Frame::AttValues(owner) => {
                let owner = *owner;
                if name == "attvalue" {
                    self.attvalue(reader, element, owner)?;
                }
                Frame::Skip
            }
            Frame::MetaTitle | Frame::AttrDefault | Frame::Skip => Frame::Skip,
        };
        self.frames.push(frame);
        Ok(())
    }

    fn text(&mut self, reader: &mut XmlReader<'_>, text: &str) {
        match self.frames.last() {
            Some(Frame::MetaTitle | Frame::AttrDefault) => self.text.push_str(text),
            Some(Frame::Graph | Frame::Nodes | Frame::Edges | Frame::Node(_) | Frame::Edge(_))
                if !text.trim().is_empty() =>
            {
                let at = reader.offset() + (text.len() - text.trim_start().len());
                let shown: String = text.trim().chars().take(40).collect();
                reader.warn(at, "stray text ignored", || format!("text \"{shown}\" here is ignored"));
            }
            _ => {}
        }
    }

    fn end(&mut self, reader: &mut XmlReader<'_>) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::MetaTitle => {
                let title = self.text.trim();
                if !title.is_empty() && self.title.is_none() {
                    self.title = Some(title.to_owned());
                }
                self.text.clear();
            }
            Frame::AttrDefault => {
                let text = std::mem::take(&mut self.text);
                if let Some(Frame::Attribute { declared, .. }) = self.frames.last_mut() {
                    declared.default = Some(AttrValue::Text(text));
                }
            }
            Frame::Attribute { kind, id, mut declared, offset } => {
                if let Some(AttrValue::Text(text)) = declared.default.take() {
                    declared.default = convert(reader, &text, declared.ty, &declared.title, offset);
                }
                let class = match kind {
                    Kind::Node => &mut self.nodes,
                    Kind::Edge => &mut self.edges,
                    Kind::Other => return,
                };
                if let Some(default) = &declared.default {
                    match class.default_titles.get(&declared.title).and_then(|&i| class.defaults.get_mut(i)) {
                        Some(slot) => slot.1 = default.clone(),
                        None => {
                            class.default_titles.insert(declared.title.clone(), class.defaults.len());
                            class.defaults.push((declared.title.clone(), default.clone()));
                        }
                    }
                }
                class.by_id.insert(id, class.list.len());
                class.list.push(*declared);
            }
            Frame::Node(index) => self.finish_node(index),
            Frame::Edge(index) => self.finish_edge(index),
            _ => {}
        }
    }

    fn graph(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut edge_type = None;
        let mut dynamic = false;
        let mut name = None;
        reader.attributes(element, |key, value| match key {
            "defaultedgetype" => edge_type = Some(value.trim().to_ascii_lowercase()),
            "name" => name = Some(value.trim().to_owned()).filter(|n| !n.is_empty()),
            "mode" => dynamic |= !value.trim().eq_ignore_ascii_case("static"),
            "timeformat" | "timerepresentation" | "timestamp" | "start" | "end" => dynamic = true,
            _ => {}
        })?;
        if dynamic {
            self.dynamic(reader, element.offset);
        }
        let directed = match edge_type.as_deref() {
            None | Some("undirected" | "mutual") => false,
            Some("directed") => true,
            Some(other) => {
                let other = other.to_owned();
                reader.warn(element.offset, "unknown edge types", || {
                    format!("defaultedgetype \"{other}\" is not directed, undirected or mutual; read as undirected")
                });
                false
            }
        };
        let (nodes, edges) = std::mem::take(&mut self.expected);
        self.node_ids.reserve(nodes);
        self.graphs.push(RawGraph {
            name,
            directed,
            nodes: Vec::with_capacity(nodes),
            edges: Vec::with_capacity(edges),
        });
        self.nodes = Class::default();
        self.edges = Class::default();
        self.node_ids.clear();
        Ok(Frame::Graph)
    }

    fn attribute(
        &mut self,
        reader: &mut XmlReader<'_>,
        element: &Element<'_>,
        kind: Kind,
    ) -> Result<Frame, ParseError> {
        let mut id = None;
        let mut title = None;
        let mut ty = None;
        reader.attributes(element, |key, value| match key {
            "id" => id = Some(value.trim().to_owned()),
            "title" => title = Some(value.into_owned()),
            "type" => ty = Some(value.trim().to_ascii_lowercase()),
            _ => {}
        })?;
        let Some(id) = id.filter(|id| !id.is_empty()) else {
            reader.warn(element.offset, "attributes without an id ignored", || {
                "an <attribute> without an id is ignored (values cannot refer to it)".to_owned()
            });
            return Ok(Frame::Skip);
        };
        let ty = match ty.as_deref() {
            Some(
                "integer" | "long" | "float" | "double" | "short" | "byte" | "biginteger" | "bigdecimal"
                | "int",
            ) => AttrType::Number,
            Some("boolean") => AttrType::Bool,
            Some(other)
                if !other.starts_with("list") && !matches!(other, "string" | "anyuri" | "char" | "date") =>
            {
                let (other, id) = (other.to_owned(), id.clone());
                reader.warn(element.offset, "unknown attribute types", || {
                    format!("attribute \"{id}\" has type \"{other}\", which this reader does not know; read as text")
                });
                AttrType::Text
            }
            _ => AttrType::Text,
        };
        let title = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| id.clone());
        Ok(Frame::Attribute {
            kind,
            id,
            declared: Box::new(Declared { title, ty, default: None }),
            offset: element.offset,
        })
    }

    fn count_item(&mut self, reader: &mut XmlReader<'_>, offset: usize) -> Result<(), ParseError> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(reader.error(
                offset,
                format!("the file has more than {MAX_ITEMS} nodes and edges; this reader stops there"),
            ));
        }
        Ok(())
    }

    fn node(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut id = None;
        let mut label = None;
        let mut dynamic = false;
        reader.attributes(element, |key, value| match key {
            "id" => id = Some(value.into_owned()),
            "label" => label = Some(value.into_owned()),
            _ => dynamic |= TIME_ATTRIBUTES.contains(&key),
        })?;
        if dynamic {
            self.dynamic(reader, element.offset);
        }
        let Some(id) = id else {
            reader.warn(element.offset, "nodes without an id skipped", || {
                "a <node> without an id is skipped (edges cannot refer to it)".to_owned()
            });
            return Ok(Frame::Skip);
        };
        self.count_item(reader, element.offset)?;
        let line = reader.line(element.offset);
        let Some(graph) = self.graphs.last_mut() else {
            return Ok(Frame::Skip);
        };
        let label = label.filter(|l| !l.trim().is_empty());
        if let Some(&index) = self.node_ids.get(&id) {
            reader.warn(element.offset, "nodes declared twice", || {
                format!("node \"{id}\" is declared twice; the declarations are merged")
            });
            if let (Some(node), Some(label)) = (graph.nodes.get_mut(index), label) {
                node.label = Some(label);
            }
            return Ok(Frame::Node(index));
        }
        let index = graph.nodes.len();
        self.node_ids.insert(id.clone(), index);
        graph.nodes.push(RawNode { id, label, line, ..RawNode::default() });
        Ok(Frame::Node(index))
    }

    fn edge(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut source = None;
        let mut target = None;
        let mut edge_type = None;
        let mut weight = None;
        let mut attrs = crate::io::raw::Attrs::new();
        let mut dynamic = false;
        reader.attributes(element, |key, value| match key {
            "source" => source = Some(value.into_owned()),
            "target" => target = Some(value.into_owned()),
            "type" => edge_type = Some(value.trim().to_ascii_lowercase()),
            "weight" => weight = Some(value.into_owned()),
            "label" | "kind" => {
                attrs.insert(key.to_owned(), AttrValue::Text(value.into_owned()));
            }
            _ => dynamic |= TIME_ATTRIBUTES.contains(&key),
        })?;
        if dynamic {
            self.dynamic(reader, element.offset);
        }
        let (Some(source), Some(target)) = (source, target) else {
            reader.warn(element.offset, "edges without source or target skipped", || {
                "an <edge> without both source and target is skipped".to_owned()
            });
            return Ok(Frame::Skip);
        };
        let directed = match edge_type.as_deref() {
            None => None,
            Some("directed") => Some(true),
            Some("undirected" | "mutual") => Some(false),
            Some(other) => {
                let other = other.to_owned();
                reader.warn(element.offset, "unknown edge types", || {
                    format!("edge type \"{other}\" is not directed, undirected or mutual; the graph's default is used")
                });
                None
            }
        };
        let weight = match weight {
            Some(text) => match parse_xml_number(&text) {
                Some(weight) => Some(weight),
                None => {
                    reader.warn(element.offset, "weights that are not numbers", || {
                        format!("the weight \"{text}\" is not a number; kept as an attribute")
                    });
                    attrs.insert("weight".to_owned(), AttrValue::Text(text));
                    None
                }
            },
            None => None,
        };
        self.count_item(reader, element.offset)?;
        let line = reader.line(element.offset);
        let Some(graph) = self.graphs.last_mut() else {
            return Ok(Frame::Skip);
        };
        let index = graph.edges.len();
        graph.edges.push(RawEdge { source, target, directed, weight, attrs, line });
        Ok(Frame::Edge(index))
    }

    fn attvalue(
        &mut self,
        reader: &mut XmlReader<'_>,
        element: &Element<'_>,
        owner: Owner,
    ) -> Result<(), ParseError> {
        let mut id = None;
        let mut value = None;
        let mut dynamic = false;
        reader.attributes(element, |key, text| match key {
            "for" => id = Some(text),
            "id" if id.is_none() => id = Some(text),
            "value" => value = Some(text),
            _ => dynamic |= TIME_ATTRIBUTES.contains(&key),
        })?;
        if dynamic {
            self.dynamic(reader, element.offset);
        }
        let (Some(id), Some(value)) = (id, value) else {
            reader.warn(element.offset, "attvalues without for or value skipped", || {
                "an <attvalue> without both for and value is skipped".to_owned()
            });
            return Ok(());
        };
        if value.trim() == "null" {
            return Ok(());
        }
        let (class, is_node) = match owner {
            Owner::Node(_) => (&self.nodes, true),
            Owner::Edge(_) => (&self.edges, false),
        };
        let id = id.trim();
        let (name, value) = match class.by_id.get(id).and_then(|&i| class.list.get(i)) {
            Some(declared) => {
                let name = declared.title.clone();
                let (ty, offset) = (declared.ty, element.offset);
                match convert(reader, &value, ty, &name, offset) {
                    Some(value) => (name, value),
                    None => return Ok(()),
                }
            }
            None => {
                if self.undeclared.insert((is_node, id.to_owned())) {
                    let shown = id.to_owned();
                    reader.warn(element.offset, "undeclared attributes", || {
                        format!("attvalue for \"{shown}\" has no <attribute> declaration; kept as text named \"{shown}\"")
                    });
                }
                (id.to_owned(), AttrValue::Text(value.into_owned()))
            }
        };
        let Some(graph) = self.graphs.last_mut() else {
            return Ok(());
        };
        let attrs = match owner {
            Owner::Node(index) => graph.nodes.get_mut(index).map(|n| &mut n.attrs),
            Owner::Edge(index) => graph.edges.get_mut(index).map(|e| &mut e.attrs),
        };
        if let Some(attrs) = attrs {
            attrs.insert(name, value);
        }
        Ok(())
    }

    fn viz(
        &mut self,
        reader: &mut XmlReader<'_>,
        element: &Element<'_>,
        index: usize,
    ) -> Result<(), ParseError> {
        let mut numbers: [Option<f64>; 4] = [None; 4];
        let mut hex = None;
        let local = element.local().to_owned();
        reader.attributes(element, |key, value| {
            let slot = match (local.as_str(), key) {
                ("color", "r") | ("position", "x") | ("size", "value") => 0,
                ("color", "g") | ("position", "y") => 1,
                ("color", "b") => 2,
                ("color", "hex") => {
                    hex = parse_colour(&value);
                    return;
                }
                _ => return,
            };
            if let Some(cell) = numbers.get_mut(slot) {
                *cell = parse_xml_number(&value).filter(|v| v.is_finite());
            }
        })?;
        let Some(node) = self.graphs.last_mut().and_then(|g| g.nodes.get_mut(index)) else {
            return Ok(());
        };
        let channel = |v: f64| v.clamp(0.0, 255.0).round() as u8;
        let ok = match (local.as_str(), numbers) {
            ("color", [Some(r), Some(g), Some(b), _]) => {
                node.colour = Some([channel(r), channel(g), channel(b)]);
                true
            }
            ("color", _) => match hex {
                Some(colour) => {
                    node.colour = Some(colour);
                    true
                }
                None => false,
            },
            ("position", [Some(x), Some(y), _, _]) => {
                node.position = Some([x, 0.0 - y]);
                true
            }
            ("size", [Some(size), _, _, _]) => {
                node.size = Some(size);
                true
            }
            _ => false,
        };
        if !ok {
            reader.warn(element.offset, "unreadable viz elements", || {
                format!("viz:{local} has no usable values; it is ignored")
            });
        }
        Ok(())
    }

    fn finish_node(&mut self, index: usize) {
        let Some(node) = self.graphs.last_mut().and_then(|g| g.nodes.get_mut(index)) else {
            return;
        };
        for (name, value) in &self.nodes.defaults {
            if !node.attrs.contains_key(name) {
                self.defaults_filled += 1;
                if self.defaults_filled > MAX_DEFAULTS_FILLED {
                    break;
                }
                node.attrs.insert(name.clone(), value.clone());
            }
        }
    }

    fn finish_edge(&mut self, index: usize) {
        let Some(edge) = self.graphs.last_mut().and_then(|g| g.edges.get_mut(index)) else {
            return;
        };
        for (name, value) in &self.edges.defaults {
            if !edge.attrs.contains_key(name) {
                self.defaults_filled += 1;
                if self.defaults_filled > MAX_DEFAULTS_FILLED {
                    break;
                }
                edge.attrs.insert(name.clone(), value.clone());
            }
        }
        let weight_key = edge.attrs.keys().find(|k| k.eq_ignore_ascii_case("weight")).cloned();
        if edge.weight.is_none()
            && let Some(key) = weight_key
            && let Some(weight) = edge.attrs.get(&key).and_then(AttrValue::as_number)
        {
            edge.attrs.remove(&key);
            edge.weight = Some(weight);
        }
    }
}

/// An attvalue typed as its attribute says; `None` for an empty number or boolean. Text stays
/// as written.
fn convert(
    reader: &mut XmlReader<'_>,
    text: &str,
    ty: AttrType,
    name: &str,
    offset: usize,
) -> Option<AttrValue> {
    match ty {
        AttrType::Text => Some(AttrValue::Text(text.to_owned())),
        _ if text.trim().is_empty() => None,
        AttrType::Number => Some(match parse_xml_number(text) {
            Some(number) => AttrValue::Number(number),
            None => {
                let shown: String = text.trim().chars().take(40).collect();
                reader.warn(offset, "values that do not fit their type", || {
                    format!("\"{shown}\" is not a number but {name} is declared numeric; kept as text")
                });
                AttrValue::Text(text.to_owned())
            }
        }),
        AttrType::Bool => Some(match parse_xml_bool(text) {
            Some(value) => AttrValue::Bool(value),
            None => {
                let shown: String = text.trim().chars().take(40).collect();
                reader.warn(offset, "values that do not fit their type", || {
                    format!("\"{shown}\" is not true or false but {name} is declared boolean; kept as text")
                });
                AttrValue::Text(text.to_owned())
            }
        }),
    }
}

/// Writes one graph as GEXF 1.3 that networkx reads with the same nodes, edges and attributes.
/// See the module docs for what comes back when it is read again.
pub fn write_gexf(graph: &RawGraph) -> String {
    let node_columns = columns(graph.nodes.iter().map(|n| &n.attrs));
    let edge_columns = columns(graph.edges.iter().map(|e| &e.attrs));
    let mut out = String::with_capacity(512 + graph.nodes.len() * 160 + graph.edges.len() * 80);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    out.push_str("  <meta>\n    <creator>Infonet</creator>\n  </meta>\n");
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"");
    out.push_str(if graph.directed { "directed" } else { "undirected" });
    out.push('"');
    if let Some(name) = &graph.name {
        out.push_str(" name=\"");
        escape_attr(name, &mut out);
        out.push('"');
    }
    out.push_str(">\n");
    let declare = |out: &mut String, class: &str, columns: &[(String, ColumnType)]| {
        if columns.is_empty() {
            return;
        }
        out.push_str("    <attributes class=\"");
        out.push_str(class);
        out.push_str("\" mode=\"static\">\n");
        for (id, (name, ty)) in columns.iter().enumerate() {
            out.push_str("      <attribute id=\"");
            out.push_str(&id.to_string());
            out.push_str("\" title=\"");
            escape_attr(name, out);
            out.push_str("\" type=\"");
            out.push_str(match ty {
                ColumnType::Integer => "long",
                ColumnType::Number => "double",
                ColumnType::Bool => "boolean",
                ColumnType::Text => "string",
            });
            out.push_str("\"/>\n");
        }
        out.push_str("    </attributes>\n");
    };
    declare(&mut out, "node", &node_columns);
    declare(&mut out, "edge", &edge_columns);
    let attvalues = |out: &mut String, attrs: &crate::io::raw::Attrs, columns: &[(String, ColumnType)]| {
        if attrs.is_empty() {
            return;
        }
        out.push_str("        <attvalues>\n");
        for (id, (name, _)) in columns.iter().enumerate() {
            if let Some(value) = attrs.get(name) {
                out.push_str("          <attvalue for=\"");
                out.push_str(&id.to_string());
                out.push_str("\" value=\"");
                escape_attr(&value_text(value), out);
                out.push_str("\"/>\n");
            }
        }
        out.push_str("        </attvalues>\n");
    };
    out.push_str("    <nodes>\n");
    for node in &graph.nodes {
        out.push_str("      <node id=\"");
        escape_attr(&node.id, &mut out);
        out.push('"');
        if let Some(label) = &node.label {
            out.push_str(" label=\"");
            escape_attr(label, &mut out);
            out.push('"');
        }
        let has_content =
            !node.attrs.is_empty() || node.colour.is_some() || node.size.is_some() || node.position.is_some();
        if !has_content {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        attvalues(&mut out, &node.attrs, &node_columns);
        if let Some([r, g, b]) = node.colour {
            out.push_str(&format!("        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n"));
        }
        if let Some(size) = node.size {
            out.push_str(&format!("        <viz:size value=\"{}\"/>\n", number_text(size)));
        }
        if let Some([x, y]) = node.position {
            out.push_str(&format!(
                "        <viz:position x=\"{}\" y=\"{}\" z=\"0.0\"/>\n",
                number_text(x),
                number_text(0.0 - y)
            ));
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (id, edge) in graph.edges.iter().enumerate() {
        out.push_str(&format!("      <edge id=\"{id}\" source=\""));
        escape_attr(&edge.source, &mut out);
        out.push_str("\" target=\"");
        escape_attr(&edge.target, &mut out);
        out.push('"');
        if let Some(directed) = edge.directed {
            out.push_str(if directed { " type=\"directed\"" } else { " type=\"undirected\"" });
        }
        if let Some(weight) = edge.weight {
            out.push_str(" weight=\"");
            out.push_str(&number_text(weight));
            out.push('"');
        }
        if edge.attrs.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        attvalues(&mut out, &edge.attrs, &edge_columns);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
