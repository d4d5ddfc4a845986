//! GraphML in and out (`docs/formats.md` §5.2), with quick-xml's streaming reader.
//!
//! Reading:
//! - `<key>` declarations (also inside `<graph>`, also the same id for node and edge) give each
//!   `<data key=...>` its attribute name (`attr.name`, else the key id) and type: `boolean` becomes
//!   [`AttrValue::Bool`] (true/false/1/0/yes/no in any case), `int`/`long`/`float`/`double` become
//!   [`AttrValue::Number`], anything else [`AttrValue::Text`]. Values are trimmed. A value that does
//!   not fit its type is kept as text with a warning; an empty number or boolean counts as absent.
//! - `<default>` values fill in nodes and edges that lack the data.
//! - Undeclared data keys use the key id as the attribute name (text), with a warning.
//! - The node label is the first non-empty attribute named `label` (any case) or `name` (any
//!   case), moved out of `attrs`; else the yEd `y:NodeLabel` (or yFiles for HTML `y:Label.Text`).
//! - Gephi's node keys `x`, `y` (y flipped: Gephi's y points up), `r`, `g`, `b` and `size` become
//!   `position`, `colour` and `size`; failing those, yEd's `y:Geometry` (or `y:RectD`) centre is
//!   the position (yEd's y already points down) and the first `y:Fill color` the colour.
//! - An edge attribute named `weight` (any case) with a number becomes `weight`.
//! - `edgedefault` (missing means directed, as the GraphML schema says) sets the graph's
//!   direction; an edge's own `directed` attribute goes to `RawEdge::directed`.
//! - Any other XML inside `<data>` (yFiles styles) is ignored, as are `<desc>` and graph data
//!   (except `name`, which names the graph; else the graph's `id` does).
//! - Nested graphs are flattened into the top-level graph with a warning; their edges keep the
//!   nested `edgedefault` as a per-edge direction when it differs. Hyperedges, ports and
//!   locators are skipped with a warning. Several top-level `<graph>`s give one [`RawGraph`] each.
//! - Edges to undeclared nodes are kept; a node declared twice is one node (the later data wins).
//! - Malformed XML is an error; so is text directly inside `<graphml>` or `<graph>`, which means a
//!   broken tag. Problems with key declarations (empty ids, unknown types or domains, duplicate
//!   ids) are warnings.
//!
//! Writing ([`write_graphml`]): typed keys for every attribute seen, the graph name as the graph
//! `id` and as graph data `name` (which networkx reads into `G.graph["name"]`), the label as node
//! attribute `label`, positions, colours and sizes as Gephi's `x`, `y` (flipped back), `r`, `g`, `b`,
//! `size`, the weight as edge attribute `weight`, and a `directed` attribute on every edge whose
//! direction is set. An attribute named like one of those keys (a node attribute `label` next to
//! labels, `size` next to sizes, an edge attribute `weight` next to weights, ...) is written with
//! `_` appended, as no two keys may share a name. `parse_graphml(write_graphml(g))` gives `g` back
//! except: text values lose surrounding whitespace, lines are the written file's, an empty label is
//! no label, a column whose values mix kinds is written (and read back) as text, renamed
//! attributes keep their new name, and attributes that collide with the reserved names otherwise
//! (`label`/`name` (any case) on an unlabelled node, numeric `x`/`y`/`r`/`g`/`b`/`size` on nodes
//! without position, colour or size, numeric `weight` on edges without a weight) are read as what
//! those names mean.

use std::collections::{HashMap, HashSet};

use super::ParseError;
use super::colour::parse_colour;
use super::limits::{MAX_DEFAULTS_FILLED, MAX_ITEMS};
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::xml::{Element, XmlEvent, XmlReader, decode_xml, parse_xml_bool, parse_xml_number};

/// What a key applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    Node,
    Edge,
    Graph,
    All,
    /// `port`, `hyperedge`, `endpoint`: nothing we read.
    Other,
}

/// How a key's values are typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyType {
    Bool,
    Number,
    Text,
}

#[derive(Clone, Debug, PartialEq)]
struct Key {
    id: String,
    name: String,
    domain: Domain,
    ty: KeyType,
    default: Option<AttrValue>,
    /// A yFiles graphics key (`yfiles.type`): its content is read only for yEd labels,
    /// geometry and fill.
    yfiles: bool,
    /// Made up for a data key id with no declaration (yet).
    synthetic: bool,
    /// What the name means besides an attribute.
    role: Role,
}

/// Attribute names with a meaning of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Plain,
    /// Exactly `label`.
    Label,
    /// Gephi's `x`, `y`, `r`, `g`, `b`, `size` (any case): the index into [`Pending::gephi`].
    Gephi(usize),
    /// `weight` (any case).
    Weight,
}

impl Role {
    fn of(name: &str) -> Self {
        if name == "label" {
            return Self::Label;
        }
        if name.eq_ignore_ascii_case("weight") {
            return Self::Weight;
        }
        match GEPHI.iter().position(|g| name.eq_ignore_ascii_case(g)) {
            Some(index) => Self::Gephi(index),
            None => Self::Plain,
        }
    }
}

/// Gephi's node keys, in the order of [`Pending::gephi`].
const GEPHI: [&str; 6] = ["x", "y", "r", "g", "b", "size"];

/// What a node's data and yEd graphics said besides attributes, resolved when the node ends.
#[derive(Debug, Default)]
struct Pending {
    /// yEd's label, position and colour, used when the attributes give none.
    label: Option<String>,
    position: Option<[f64; 2]>,
    colour: Option<[u8; 3]>,
    /// Numeric Gephi `x`, `y`, `r`, `g`, `b`, `size` data, with the key they came from.
    gephi: [Option<(usize, f64)>; 6],
}

/// Whose `<data>` this is.
#[derive(Clone, Copy, Debug)]
enum Owner {
    Node(usize),
    Edge(usize),
    /// The top-level graph (graph data of nested graphs is ignored).
    Graph,
    Nobody,
}

enum Frame {
    Root,
    Key {
        key: Box<Key>,
        offset: usize,
        default_text: Option<String>,
    },
    /// `<default>` of a key; `complex` once it holds elements.
    KeyDefault {
        complex: bool,
    },
    Graph {
        directed: bool,
        top: bool,
    },
    /// A node; its [`Pending`] record is the top of `Parser::pending`.
    Node(usize),
    Edge(usize),
    Data {
        key: usize,
        owner: Owner,
        complex: bool,
        offset: usize,
    },
    /// XML inside `<data>`; `in_node` when yEd geometry and fill there belong to a node.
    Nested {
        in_node: bool,
    },
    /// The text of a yEd node label.
    YedLabel,
    /// An element whose content is ignored.
    Skip,
}

/// Reads a GraphML file: one [`RawGraph`] per top-level `<graph>`. See the module docs.
pub fn parse_graphml(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let mut early_warnings = Vec::new();
    let text = decode_xml(bytes, "GraphML", &mut early_warnings)?;
    let mut reader = XmlReader::new(&text, "GraphML", "graphml");
    reader.warnings.extend(early_warnings);
    let mut parser = Parser { expected: super::xml::expected_items(&text), ..Parser::default() };
    parser.run(&mut reader)?;
    if parser.graphs.is_empty() {
        return Err(reader.error(
            parser.root_offset,
            "this GraphML file has no <graph> element, so there is no network in it",
        ));
    }
    Ok(RawFile { graphs: parser.graphs, warnings: reader.warnings.finish() })
}

#[derive(Default)]
struct Parser {
    keys: Vec<Key>,
    /// Key id -> indices into `keys` (one per domain it was declared for).
    key_ids: HashMap<String, Vec<usize>>,
    /// Defaults to fill in, rebuilt when keys change.
    node_defaults: Vec<usize>,
    edge_defaults: Vec<usize>,
    /// Keys already in `node_defaults` / `edge_defaults`.
    with_defaults: HashSet<usize>,
    /// Default values filled in so far (capped: a small file must not fill memory).
    defaults_filled: usize,
    graphs: Vec<RawGraph>,
    /// Node id -> index in the current top-level graph.
    node_ids: foldhash::HashMap<String, usize>,
    /// Nodes and edges the file seems to hold, reserved for its first graph.
    expected: (usize, usize),
    frames: Vec<Frame>,
    /// Text of the current `<data>` or `<default>`.
    text: String,
    /// Text of the current yEd label.
    label_text: String,
    /// What the open nodes' data said besides attributes (innermost last).
    pending: Vec<Pending>,
    /// Recent key lookups: id, owner domain, key index. Cleared when keys change.
    key_cache: Vec<(String, Domain, usize)>,
    items: usize,
    root_offset: usize,
    /// Data key ids used before (or without) a declaration: id, first use, declared later.
    undeclared: Vec<(String, usize, bool)>,
    /// Id -> index into `undeclared`.
    undeclared_index: HashMap<String, usize>,
}

impl Parser {
    fn run(&mut self, reader: &mut XmlReader<'_>) -> Result<(), ParseError> {
        loop {
            match reader.next()? {
                XmlEvent::Start(element) => self.start(reader, &element)?,
                XmlEvent::End => self.end(reader),
                XmlEvent::Text(text) => self.text(reader, &text)?,
                XmlEvent::Eof => {
                    self.resolve_late_keys(reader);
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

    fn start(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<(), ParseError> {
        let Some(top) = self.frames.last_mut() else {
            // The root element (the reader checked its name).
            self.root_offset = element.offset;
            self.frames.push(Frame::Root);
            return Ok(());
        };
        let name = element.local();
        let frame = match top {
            Frame::Root => match name {
                "key" => self.key(reader, element)?,
                "graph" => self.graph(reader, element, true)?,
                _ => Frame::Skip,
            },
            Frame::Key { .. } => match name {
                "default" => {
                    self.text.clear();
                    Frame::KeyDefault { complex: false }
                }
                _ => Frame::Skip,
            },
            Frame::KeyDefault { complex } => {
                *complex = true;
                Frame::Skip
            }
            Frame::Graph { .. } => match name {
                "node" => self.node(reader, element)?,
                "edge" => self.edge(reader, element)?,
                "data" => self.data(reader, element)?,
                "key" => self.key(reader, element)?,
                "hyperedge" => {
                    reader.warn(element.offset, "hyperedges skipped", || {
                        "a <hyperedge> joins more than two nodes; it is skipped".to_owned()
                    });
                    Frame::Skip
                }
                "locator" => {
                    reader.warn(element.offset, "locators skipped", || {
                        "a <locator> points to a graph in another file; it is not loaded".to_owned()
                    });
                    Frame::Skip
                }
                _ => Frame::Skip,
            },
            Frame::Node(_) | Frame::Edge(_) => match name {
                "data" => self.data(reader, element)?,
                "graph" => {
                    reader.warn(element.offset, "nested graphs flattened", || {
                        "a graph nested inside a node or edge is flattened: its nodes and edges join the \
                         outer graph"
                            .to_owned()
                    });
                    self.graph(reader, element, false)?
                }
                "port" => {
                    reader.warn(element.offset, "ports skipped", || {
                        "a <port> is skipped; edges to it connect to its node".to_owned()
                    });
                    Frame::Skip
                }
                _ => Frame::Skip,
            },
            Frame::Data { owner, complex, .. } => {
                *complex = true;
                let in_node = matches!(owner, Owner::Node(_));
                self.yed_element(reader, element, in_node)?
            }
            Frame::Nested { in_node } => {
                let in_node = *in_node;
                self.yed_element(reader, element, in_node)?
            }
            Frame::YedLabel | Frame::Skip => Frame::Skip,
        };
        self.frames.push(frame);
        Ok(())
    }

    fn text(&mut self, reader: &mut XmlReader<'_>, text: &str) -> Result<(), ParseError> {
        match self.frames.last() {
            Some(Frame::Data { complex: false, .. } | Frame::KeyDefault { complex: false }) => {
                self.text.push_str(text);
            }
            Some(Frame::YedLabel) => self.label_text.push_str(text),
            Some(frame @ (Frame::Root | Frame::Graph { .. })) if !text.trim().is_empty() => {
                let element = if matches!(frame, Frame::Root) { "graphml" } else { "graph" };
                let at = reader.offset() + (text.len() - text.trim_start().len());
                return Err(reader.error(
                    at,
                    format!(
                        "unexpected text \"{}\" inside <{element}>; only elements belong here (is a '<' missing?)",
                        shorten(text.trim())
                    ),
                ));
            }
            Some(Frame::Key { .. } | Frame::Node(_) | Frame::Edge(_)) if !text.trim().is_empty() => {
                let shown = shorten(text.trim());
                let at = reader.offset() + (text.len() - text.trim_start().len());
                reader.warn(at, "stray text ignored", || {
                    format!("text \"{shown}\" outside any <data> is ignored")
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, reader: &mut XmlReader<'_>) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Key { key, offset, default_text } => self.finish_key(reader, *key, offset, default_text),
            Frame::KeyDefault { complex } => {
                let text = std::mem::take(&mut self.text);
                if let Some(Frame::Key { default_text, .. }) = self.frames.last_mut()
                    && !complex
                {
                    *default_text = Some(text);
                }
            }
            Frame::Node(index) => {
                let yed = self.pending.pop().unwrap_or_default();
                self.finish_node(index, yed);
            }
            Frame::Edge(index) => self.finish_edge(reader, index),
            Frame::Data { key, owner, complex, offset } => {
                if !complex {
                    self.finish_data(reader, key, owner, offset);
                }
                self.text.clear();
            }
            Frame::YedLabel => {
                let mut text = std::mem::take(&mut self.label_text);
                let label = text.trim();
                if !label.is_empty()
                    && let Some(yed) = self.yed_mut()
                    && yed.label.is_none()
                {
                    yed.label = Some(label.to_owned());
                }
                text.clear();
                self.label_text = text;
            }
            Frame::Root | Frame::Graph { .. } | Frame::Nested { .. } | Frame::Skip => {}
        }
    }

    /// The yEd record of the innermost node being read.
    fn yed_mut(&mut self) -> Option<&mut Pending> {
        self.pending.last_mut()
    }

    fn key(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut key = Key {
            id: String::new(),
            name: String::new(),
            domain: Domain::All,
            ty: KeyType::Text,
            default: None,
            yfiles: false,
            synthetic: false,
            role: Role::Plain,
        };
        let mut domain = None;
        let mut ty = None;
        let mut empty_name = false;
        reader.attributes(element, |name, value| match name {
            "id" => key.id = value.trim().to_owned(),
            "attr.name" => {
                empty_name = value.trim().is_empty();
                key.name = value.into_owned();
            }
            "for" => domain = Some(value.trim().to_owned()),
            "attr.type" => ty = Some(value.trim().to_owned()),
            "yfiles.type" => key.yfiles = true,
            _ => {}
        })?;
        if empty_name && !key.id.is_empty() {
            let id = key.id.clone();
            reader.warn(element.offset, "keys with an empty name", || {
                format!("key \"{id}\" has an empty attr.name; its id is used as the name")
            });
        }
        if let Some(domain) = domain {
            key.domain = match domain.to_ascii_lowercase().as_str() {
                "node" => Domain::Node,
                "edge" => Domain::Edge,
                "graph" => Domain::Graph,
                "all" => Domain::All,
                "port" | "hyperedge" | "endpoint" | "graphml" => Domain::Other,
                _ => {
                    let id = key.id.clone();
                    reader.warn(element.offset, "unknown key domains", || {
                        format!(
                            "key \"{id}\" is for \"{domain}\"; expected node, edge, graph or all (read as all)"
                        )
                    });
                    Domain::All
                }
            };
        }
        if let Some(ty) = ty {
            key.ty = match ty.to_ascii_lowercase().as_str() {
                "boolean" | "bool" => KeyType::Bool,
                "int" | "long" | "float" | "double" | "integer" | "short" | "byte" | "number" => {
                    KeyType::Number
                }
                "string" => KeyType::Text,
                _ => {
                    let id = key.id.clone();
                    reader.warn(element.offset, "unknown key types", || {
                        format!(
                            "key \"{id}\" has attr.type \"{ty}\"; expected boolean, int, long, float, double \
                             or string (read as string)"
                        )
                    });
                    KeyType::Text
                }
            };
        }
        Ok(Frame::Key { key: Box::new(key), offset: element.offset, default_text: None })
    }

    fn finish_key(
        &mut self,
        reader: &mut XmlReader<'_>,
        mut key: Key,
        offset: usize,
        default: Option<String>,
    ) {
        if key.id.is_empty() {
            reader.warn(offset, "keys without an id ignored", || {
                "a <key> without an id is ignored (data cannot refer to it)".to_owned()
            });
            return;
        }
        if key.name.trim().is_empty() {
            key.name = key.id.clone();
        }
        if let Some(default) = default {
            key.default = convert(reader, &default, key.ty, &key.name, offset);
        }
        key.role = Role::of(&key.name);
        let domain = key.domain;
        let slots = self.key_ids.entry(key.id.clone()).or_default();
        let keys = &self.keys;
        if slots.iter().any(|&i| keys.get(i).is_some_and(|k| k.synthetic)) {
            slots.retain(|&i| keys.get(i).is_some_and(|k| !k.synthetic));
            if let Some(entry) = self.undeclared_index.get(&key.id).and_then(|&i| self.undeclared.get_mut(i))
            {
                entry.2 = true;
            }
        }
        let same_domain =
            slots.iter().copied().find(|&i| self.keys.get(i).is_some_and(|k| k.domain == domain));
        let has_default = key.default.is_some() && !key.yfiles;
        let index = match same_domain {
            Some(index) => {
                if let Some(old) = self.keys.get_mut(index) {
                    if *old != key {
                        let id = key.id.clone();
                        reader.warn(offset, "keys declared twice", || {
                            format!("key \"{id}\" is declared twice; the later declaration is used")
                        });
                    }
                    *old = key;
                }
                index
            }
            None => {
                let index = self.keys.len();
                slots.push(index);
                self.keys.push(key);
                index
            }
        };
        if has_default && self.with_defaults.insert(index) {
            if matches!(domain, Domain::Node | Domain::All) {
                self.node_defaults.push(index);
            }
            if matches!(domain, Domain::Edge | Domain::All) {
                self.edge_defaults.push(index);
            }
        }
    }

    /// The key a `<data key=id>` of an owner in `domain` refers to. An id not declared (yet)
    /// becomes a text key named after the id; a declaration later in the file retypes and
    /// renames its values at the end, otherwise it is reported as undeclared.
    fn find_key(&mut self, id: &str, domain: Domain, offset: usize) -> usize {
        if let Some(index) = lookup_key(&self.keys, &self.key_ids, id, domain) {
            return index;
        }
        self.undeclared_index.insert(id.to_owned(), self.undeclared.len());
        self.undeclared.push((id.to_owned(), offset, false));
        let index = self.keys.len();
        self.keys.push(Key {
            id: id.to_owned(),
            name: id.to_owned(),
            domain: Domain::All,
            ty: KeyType::Text,
            default: None,
            yfiles: false,
            synthetic: true,
            role: Role::of(id),
        });
        self.key_ids.entry(id.to_owned()).or_default().push(index);
        index
    }

    /// After the file: warnings for keys never declared, and values of keys declared after their
    /// first use get their declared name and type (then defaults, labels and the rest again).
    fn resolve_late_keys(&mut self, reader: &mut XmlReader<'_>) {
        for (id, offset, resolved) in &self.undeclared {
            if !resolved {
                reader.warn(*offset, "undeclared data keys", || {
                    format!("data key \"{id}\" has no <key> declaration; its values are read as text named \"{id}\"")
                });
            }
        }
        let late: HashSet<&str> = self
            .undeclared
            .iter()
            .filter(|(_, _, resolved)| *resolved)
            .map(|(id, _, _)| id.as_str())
            .collect();
        if late.is_empty() {
            return;
        }
        let (keys, key_ids) = (&self.keys, &self.key_ids);
        let mut retype = |attrs: &mut crate::io::raw::Attrs, domain: Domain| {
            let names: Vec<String> = attrs.keys().filter(|k| late.contains(k.as_str())).cloned().collect();
            for id in names {
                let Some(value) = attrs.remove(&id) else {
                    continue;
                };
                let Some(key) = lookup_key(keys, key_ids, &id, domain).and_then(|i| keys.get(i)) else {
                    attrs.insert(id, value);
                    continue;
                };
                if key.yfiles {
                    continue;
                }
                if let Some(value) = convert(reader, &value.to_text(), key.ty, &key.name, 0) {
                    attrs.insert(key.name.clone(), value);
                }
            }
        };
        let mut graphs = std::mem::take(&mut self.graphs);
        for graph in &mut graphs {
            for node in &mut graph.nodes {
                retype(&mut node.attrs, Domain::Node);
            }
            for edge in &mut graph.edges {
                retype(&mut edge.attrs, Domain::Edge);
            }
        }
        self.graphs = graphs;
        for graph_index in 0..self.graphs.len() {
            let (nodes, edges) =
                self.graphs.get(graph_index).map_or((0, 0), |g| (g.nodes.len(), g.edges.len()));
            for index in 0..nodes {
                self.finish_node_in(graph_index, index, Pending::default());
            }
            for index in 0..edges {
                self.finish_edge_in(reader, graph_index, index);
            }
        }
    }

    fn graph(
        &mut self,
        reader: &mut XmlReader<'_>,
        element: &Element<'_>,
        top: bool,
    ) -> Result<Frame, ParseError> {
        let mut id = None;
        let mut edgedefault = None;
        reader.attributes(element, |name, value| match name {
            "id" => id = Some(value.into_owned()),
            "edgedefault" => edgedefault = Some(value.trim().to_ascii_lowercase()),
            _ => {}
        })?;
        let inherited = self.frames.iter().rev().find_map(|frame| match frame {
            Frame::Graph { directed, .. } => Some(*directed),
            _ => None,
        });
        let directed = match edgedefault.as_deref() {
            Some("directed") => true,
            Some("undirected") => false,
            None => inherited.unwrap_or(true),
            Some(other) => {
                let other = other.to_owned();
                reader.warn(element.offset, "unknown edgedefault values", || {
                    format!("edgedefault \"{other}\" is neither directed nor undirected; read as directed")
                });
                true
            }
        };
        if top {
            let (nodes, edges) = std::mem::take(&mut self.expected);
            self.graphs.push(RawGraph {
                name: id.filter(|id| !id.trim().is_empty()),
                directed,
                nodes: Vec::with_capacity(nodes),
                edges: Vec::with_capacity(edges),
            });
            self.node_ids.clear();
            self.node_ids.reserve(nodes);
        }
        Ok(Frame::Graph { directed, top })
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
        reader.attributes(element, |name, value| {
            if name == "id" {
                id = Some(value.into_owned());
            }
        })?;
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
        if let Some(&index) = self.node_ids.get(&id) {
            reader.warn(element.offset, "nodes declared twice", || {
                format!("node \"{id}\" is declared twice; the declarations are merged")
            });
            self.pending.push(Pending::default());
            return Ok(Frame::Node(index));
        }
        let index = graph.nodes.len();
        self.node_ids.insert(id.clone(), index);
        graph.nodes.push(RawNode { id, line, ..RawNode::default() });
        self.pending.push(Pending::default());
        Ok(Frame::Node(index))
    }

    fn edge(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut source = None;
        let mut target = None;
        let mut directed = None;
        reader.attributes(element, |name, value| match name {
            "source" => source = Some(value.into_owned()),
            "target" => target = Some(value.into_owned()),
            "directed" => directed = Some(value.into_owned()),
            _ => {}
        })?;
        let (Some(source), Some(target)) = (source, target) else {
            reader.warn(element.offset, "edges without source or target skipped", || {
                "an <edge> without both source and target is skipped".to_owned()
            });
            return Ok(Frame::Skip);
        };
        let directed = match directed {
            Some(text) => match parse_xml_bool(&text) {
                Some(value) => Some(value),
                None => {
                    reader.warn(element.offset, "unknown edge directions", || {
                        format!("directed=\"{text}\" is neither true nor false; the graph's default is used")
                    });
                    None
                }
            },
            None => None,
        };
        self.count_item(reader, element.offset)?;
        let line = reader.line(element.offset);
        // An edge in a nested graph whose edgedefault differs from the top graph keeps its own.
        let mut graph_frames = self.frames.iter().rev().filter_map(|frame| match frame {
            Frame::Graph { directed, top } => Some((*directed, *top)),
            _ => None,
        });
        let nested_default = graph_frames.next().filter(|(_, top)| !top).map(|(d, _)| d);
        let Some(graph) = self.graphs.last_mut() else {
            return Ok(Frame::Skip);
        };
        let directed = directed.or(nested_default.filter(|&d| d != graph.directed));
        let index = graph.edges.len();
        graph.edges.push(RawEdge {
            source,
            target,
            directed,
            weight: None,
            attrs: crate::io::raw::Attrs::new(),
            line,
        });
        Ok(Frame::Edge(index))
    }

    fn data(&mut self, reader: &mut XmlReader<'_>, element: &Element<'_>) -> Result<Frame, ParseError> {
        let mut id = None;
        reader.attributes(element, |name, value| {
            if name == "key" {
                id = Some(value);
            }
        })?;
        let (owner, domain) = match self.frames.last() {
            Some(Frame::Node(index)) => (Owner::Node(*index), Domain::Node),
            Some(Frame::Edge(index)) => (Owner::Edge(*index), Domain::Edge),
            Some(Frame::Graph { top: true, .. }) => (Owner::Graph, Domain::Graph),
            _ => (Owner::Nobody, Domain::Graph),
        };
        let Some(id) = id else {
            reader.warn(element.offset, "data without a key ignored", || {
                "a <data> without a key attribute is ignored".to_owned()
            });
            return Ok(Frame::Skip);
        };
        let id = id.trim();
        // Nodes repeat the same few keys: a short list beats hashing every id.
        let cached = self.key_cache.iter().find(|(i, d, _)| *d == domain && i == id).map(|(_, _, k)| *k);
        let key = match cached {
            Some(key) => key,
            None => {
                let key = self.find_key(id, domain, element.offset);
                if self.key_cache.len() < 64 {
                    self.key_cache.push((id.to_owned(), domain, key));
                }
                key
            }
        };
        self.text.clear();
        Ok(Frame::Data { key, owner, complex: false, offset: element.offset })
    }

    /// An element inside `<data>`: yEd labels, geometry and fill of a node are read, the rest
    /// skipped.
    fn yed_element(
        &mut self,
        reader: &mut XmlReader<'_>,
        element: &Element<'_>,
        in_node: bool,
    ) -> Result<Frame, ParseError> {
        if !in_node {
            return Ok(Frame::Nested { in_node });
        }
        match element.local() {
            "NodeLabel" | "Label.Text" => {
                self.label_text.clear();
                return Ok(Frame::YedLabel);
            }
            "Geometry" | "RectD" => {
                let mut x = None;
                let mut y = None;
                let mut width = 0.0;
                let mut height = 0.0;
                reader.attributes(element, |name, value| {
                    let number = parse_xml_number(&value).filter(|v| v.is_finite());
                    match name {
                        "x" | "X" => x = number,
                        "y" | "Y" => y = number,
                        "width" | "Width" => width = number.unwrap_or(0.0),
                        "height" | "Height" => height = number.unwrap_or(0.0),
                        _ => {}
                    }
                })?;
                if let (Some(x), Some(y)) = (x, y)
                    && let Some(yed) = self.yed_mut()
                    && yed.position.is_none()
                {
                    yed.position = Some([x + width / 2.0, y + height / 2.0]);
                }
            }
            "Fill" => {
                let mut colour = None;
                reader.attributes(element, |name, value| {
                    if name == "color" {
                        colour = parse_colour(&value);
                    }
                })?;
                if let Some(colour) = colour
                    && let Some(yed) = self.yed_mut()
                    && yed.colour.is_none()
                {
                    yed.colour = Some(colour);
                }
            }
            _ => {}
        }
        Ok(Frame::Nested { in_node })
    }

    fn finish_data(&mut self, reader: &mut XmlReader<'_>, key_index: usize, owner: Owner, offset: usize) {
        let Some(key) = self.keys.get(key_index) else {
            return;
        };
        if key.yfiles {
            return;
        }
        let Some(value) = convert(reader, &self.text, key.ty, &key.name, offset) else {
            return;
        };
        let Some(graph) = self.graphs.last_mut() else {
            return;
        };
        match owner {
            Owner::Node(index) => {
                let Some(node) = graph.nodes.get_mut(index) else {
                    return;
                };
                match (key.role, &value) {
                    (Role::Label, AttrValue::Text(text)) => {
                        if !text.is_empty() {
                            node.label = Some(value.to_text());
                        }
                        return;
                    }
                    (Role::Gephi(slot), AttrValue::Number(number)) if number.is_finite() => {
                        if let Some(Frame::Node(_)) = self.frames.last()
                            && let Some(cell) = self.pending.last_mut().and_then(|p| p.gephi.get_mut(slot))
                        {
                            *cell = Some((key_index, *number));
                            return;
                        }
                    }
                    _ => {}
                }
                node.attrs.insert(key.name.clone(), value);
            }
            Owner::Edge(index) => {
                if let Some(edge) = graph.edges.get_mut(index) {
                    if key.role == Role::Weight
                        && let Some(weight) = value.as_number()
                    {
                        edge.weight = Some(weight);
                        return;
                    }
                    edge.attrs.insert(key.name.clone(), value);
                }
            }
            Owner::Graph => {
                if key.name.eq_ignore_ascii_case("name") {
                    let name = value.to_text();
                    if !name.is_empty() {
                        graph.name = Some(name);
                    }
                }
            }
            Owner::Nobody => {}
        }
    }

    fn finish_node(&mut self, index: usize, yed: Pending) {
        self.finish_node_in(self.graphs.len().saturating_sub(1), index, yed);
    }

    fn finish_node_in(&mut self, graph: usize, index: usize, yed: Pending) {
        let Some(node) = self.graphs.get_mut(graph).and_then(|g| g.nodes.get_mut(index)) else {
            return;
        };
        for &key in &self.node_defaults {
            let Some(Key { name, default: Some(value), role, .. }) = self.keys.get(key) else {
                continue;
            };
            // A default does not stand in for a label, position, colour or size the data gave.
            let given = match role {
                Role::Label => node.label.is_some(),
                Role::Gephi(slot) => {
                    yed.gephi.get(*slot).is_some_and(Option::is_some)
                        || match slot {
                            0 | 1 => node.position.is_some(),
                            2..=4 => node.colour.is_some(),
                            _ => node.size.is_some(),
                        }
                }
                Role::Weight | Role::Plain => false,
            };
            if !given && !node.attrs.contains_key(name) {
                self.defaults_filled += 1;
                if self.defaults_filled > MAX_DEFAULTS_FILLED {
                    break;
                }
                node.attrs.insert(name.clone(), value.clone());
            }
        }
        if node.label.is_none() {
            node.label = take_label(&mut node.attrs).or(yed.label);
        }
        // Gephi data read as numbers: position and colour need all their parts, or they stay
        // attributes.
        let [x, y, r, g, b, size] = yed.gephi;
        let keys = &self.keys;
        let keep = |node: &mut RawNode, part: Option<(usize, f64)>| {
            if let Some((key, value)) = part
                && let Some(key) = keys.get(key)
            {
                node.attrs.insert(key.name.clone(), AttrValue::Number(value));
            }
        };
        match (x, y) {
            (Some((_, x)), Some((_, y))) if node.position.is_none() => node.position = Some([x, 0.0 - y]),
            _ => {
                keep(node, x);
                keep(node, y);
            }
        }
        let channel = |part: Option<(usize, f64)>| part.map(|(_, v)| v).filter(|v| (0.0..=255.0).contains(v));
        match (channel(r), channel(g), channel(b)) {
            (Some(r), Some(g), Some(b)) if node.colour.is_none() => {
                node.colour = Some([r.round() as u8, g.round() as u8, b.round() as u8]);
            }
            _ => {
                keep(node, r);
                keep(node, g);
                keep(node, b);
            }
        }
        match size {
            Some((_, size)) if node.size.is_none() => node.size = Some(size),
            _ => keep(node, size),
        }
        take_gephi_viz(node);
        if node.position.is_none() {
            node.position = yed.position;
        }
        if node.colour.is_none() {
            node.colour = yed.colour;
        }
    }

    fn finish_edge(&mut self, reader: &mut XmlReader<'_>, index: usize) {
        self.finish_edge_in(reader, self.graphs.len().saturating_sub(1), index);
    }

    fn finish_edge_in(&mut self, reader: &mut XmlReader<'_>, graph: usize, index: usize) {
        let Some(edge) = self.graphs.get_mut(graph).and_then(|g| g.edges.get_mut(index)) else {
            return;
        };
        for &key in &self.edge_defaults {
            let Some(Key { name, default: Some(value), role, .. }) = self.keys.get(key) else {
                continue;
            };
            let given = *role == Role::Weight && edge.weight.is_some();
            if !given && !edge.attrs.contains_key(name) {
                self.defaults_filled += 1;
                if self.defaults_filled > MAX_DEFAULTS_FILLED {
                    break;
                }
                edge.attrs.insert(name.clone(), value.clone());
            }
        }
        if let Some(bad) = take_weight(edge) {
            let line = edge.line;
            reader.warn(reader.offset(), "weights that are not numbers", || {
                format!(
                    "the weight \"{bad}\" of the edge on line {line} is not a number; kept as an attribute"
                )
            });
        }
    }
}

/// The key a data id refers to for an owner in `domain`: the declaration for that domain, else
/// one for all, else the last one.
fn lookup_key(
    keys: &[Key],
    key_ids: &HashMap<String, Vec<usize>>,
    id: &str,
    domain: Domain,
) -> Option<usize> {
    let slots = key_ids.get(id)?;
    let find = |d: Domain| slots.iter().copied().find(|&i| keys.get(i).is_some_and(|k| k.domain == d));
    find(domain).or_else(|| find(Domain::All)).or_else(|| slots.last().copied())
}

/// At most 40 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// A data value typed as its key says; `None` for an empty number or boolean.
fn convert(
    reader: &mut XmlReader<'_>,
    text: &str,
    ty: KeyType,
    name: &str,
    offset: usize,
) -> Option<AttrValue> {
    let trimmed = text.trim();
    match ty {
        KeyType::Text => Some(AttrValue::Text(trimmed.to_owned())),
        _ if trimmed.is_empty() => None,
        KeyType::Number => Some(match parse_xml_number(trimmed) {
            Some(number) => AttrValue::Number(number),
            None => {
                reader.warn(offset, "values that do not fit their type", || {
                    format!(
                        "\"{}\" is not a number but {name} is declared numeric; kept as text",
                        shorten(trimmed)
                    )
                });
                AttrValue::Text(trimmed.to_owned())
            }
        }),
        KeyType::Bool => Some(match parse_xml_bool(trimmed) {
            Some(value) => AttrValue::Bool(value),
            None => {
                reader.warn(offset, "values that do not fit their type", || {
                    format!(
                        "\"{}\" is not true or false but {name} is declared boolean; kept as text",
                        shorten(trimmed)
                    )
                });
                AttrValue::Text(trimmed.to_owned())
            }
        }),
    }
}

/// Moves the first non-empty `label` (exact, then any case) or `name` (any case) attribute out
/// of `attrs` and returns it; empty candidates are dropped on the way.
fn take_label(attrs: &mut crate::io::raw::Attrs) -> Option<String> {
    loop {
        let key = attrs
            .keys()
            .find(|k| k.as_str() == "label")
            .or_else(|| attrs.keys().find(|k| k.eq_ignore_ascii_case("label")))
            .or_else(|| attrs.keys().find(|k| k.eq_ignore_ascii_case("name")))?
            .clone();
        let value = attrs.remove(&key)?;
        let text = value.to_text();
        if !text.trim().is_empty() {
            return Some(text);
        }
    }
}

/// The key of a numeric attribute named `name` (any case).
fn numeric_key(attrs: &crate::io::raw::Attrs, name: &str) -> Option<(String, f64)> {
    attrs
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case(name) && v.as_number().is_some())
        .and_then(|(k, v)| Some((k.clone(), v.as_number()?)))
}

/// Gephi's `x`, `y`, `r`, `g`, `b`, `size` node attributes become position (y flipped to point
/// down), colour and size.
fn take_gephi_viz(node: &mut RawNode) {
    // Most nodes have none of these: check cheaply first.
    let candidate = |k: &String| {
        k.len() <= 4 && ["x", "y", "r", "g", "b", "size"].iter().any(|n| k.eq_ignore_ascii_case(n))
    };
    if !node.attrs.keys().any(candidate) {
        return;
    }
    if node.position.is_none()
        && let (Some((xk, x)), Some((yk, y))) = (numeric_key(&node.attrs, "x"), numeric_key(&node.attrs, "y"))
    {
        node.attrs.remove(&xk);
        node.attrs.remove(&yk);
        node.position = Some([x, 0.0 - y]);
    }
    if node.colour.is_none() {
        let channel = |name| numeric_key(&node.attrs, name).filter(|(_, v)| (0.0..=255.0).contains(v));
        if let (Some((rk, r)), Some((gk, g)), Some((bk, b))) = (channel("r"), channel("g"), channel("b")) {
            node.attrs.remove(&rk);
            node.attrs.remove(&gk);
            node.attrs.remove(&bk);
            node.colour = Some([r.round() as u8, g.round() as u8, b.round() as u8]);
        }
    }
    if node.size.is_none()
        && let Some((key, size)) = numeric_key(&node.attrs, "size")
    {
        node.attrs.remove(&key);
        node.size = Some(size);
    }
}

/// Moves a numeric `weight` attribute (any case) to `weight`; returns the text of a weight that
/// is not a number (it stays an attribute).
fn take_weight(edge: &mut RawEdge) -> Option<String> {
    if edge.weight.is_some() {
        return None;
    }
    let key = edge.attrs.keys().find(|k| k.eq_ignore_ascii_case("weight"))?.clone();
    let value = edge.attrs.get(&key)?;
    match value.as_number() {
        Some(weight) => {
            edge.attrs.remove(&key);
            edge.weight = Some(weight);
            None
        }
        None => Some(value.to_text()),
    }
}

mod write;
pub use write::write_graphml;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
