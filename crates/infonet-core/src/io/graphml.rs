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
use std::fmt::Write as _;

use super::ParseError;
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::xml::{
    ColumnType, Element, MAX_ITEMS, XmlEvent, XmlReader, columns, decode_xml, escape_attr, escape_text,
    number_text, parse_hex_colour, parse_xml_bool, parse_xml_number, value_text,
};

/// Most default values filled in for one file; past this, defaults are left out with a warning
/// (a few kilobytes of keys with defaults times many nodes must not fill the memory).
const MAX_DEFAULTS_FILLED: usize = 5_000_000;

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
                        colour = parse_hex_colour(&value);
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

/// Writes one graph as GraphML that networkx and igraph read with the same nodes, edges and
/// attributes. See the module docs for what comes back when it is read again.
pub fn write_graphml(graph: &RawGraph) -> String {
    let node_columns = columns(graph.nodes.iter().map(|n| &n.attrs));
    let edge_columns = columns(graph.edges.iter().map(|e| &e.attrs));
    let has_label = graph.nodes.iter().any(|n| n.label.is_some());
    let has_position = graph.nodes.iter().any(|n| n.position.is_some());
    let has_colour = graph.nodes.iter().any(|n| n.colour.is_some());
    let has_size = graph.nodes.iter().any(|n| n.size.is_some());
    let has_weight = graph.edges.iter().any(|e| e.weight.is_some());

    let mut out = String::with_capacity(256 + graph.nodes.len() * 96 + graph.edges.len() * 80);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let mut next_id = 0_usize;
    let mut key = |out: &mut String, domain: &str, name: &str, ty: &str| {
        let id = format!("d{next_id}");
        next_id += 1;
        out.push_str("  <key id=\"");
        out.push_str(&id);
        out.push_str("\" for=\"");
        out.push_str(domain);
        out.push_str("\" attr.name=\"");
        escape_attr(name, out);
        out.push_str("\" attr.type=\"");
        out.push_str(ty);
        out.push_str("\"/>\n");
        id
    };
    let label_key = has_label.then(|| key(&mut out, "node", "label", "string"));
    // Attributes named like the keys written for label, position, colour, size and weight get a
    // `_` appended, so that no two keys share a name (igraph rejects that).
    let node_reserved: Vec<&str> = [
        (has_label, &["label"][..]),
        (has_position, &["x", "y"][..]),
        (has_colour, &["r", "g", "b"][..]),
        (has_size, &["size"][..]),
    ]
    .iter()
    .filter(|(has, _)| *has)
    .flat_map(|(_, names)| names.iter().copied())
    .collect();
    let node_keys: Vec<(&str, String)> = node_columns
        .iter()
        .map(|(name, ty)| {
            let written = unclash(name, &node_reserved, &node_columns);
            (name.as_str(), key(&mut out, "node", &written, graphml_type(*ty)))
        })
        .collect();
    let position_keys =
        has_position.then(|| (key(&mut out, "node", "x", "double"), key(&mut out, "node", "y", "double")));
    let colour_keys = has_colour.then(|| {
        (
            key(&mut out, "node", "r", "int"),
            key(&mut out, "node", "g", "int"),
            key(&mut out, "node", "b", "int"),
        )
    });
    let size_key = has_size.then(|| key(&mut out, "node", "size", "double"));
    let weight_key = has_weight.then(|| key(&mut out, "edge", "weight", "double"));
    let edge_reserved: &[&str] = if has_weight { &["weight"] } else { &[] };
    let edge_keys: Vec<(&str, String)> = edge_columns
        .iter()
        .map(|(name, ty)| {
            let written = unclash(name, edge_reserved, &edge_columns);
            (name.as_str(), key(&mut out, "edge", &written, graphml_type(*ty)))
        })
        .collect();
    let name_key = graph.name.is_some().then(|| key(&mut out, "graph", "name", "string"));

    out.push_str("  <graph");
    if let Some(name) = &graph.name {
        out.push_str(" id=\"");
        escape_attr(name, &mut out);
        out.push('"');
    }
    out.push_str(" edgedefault=\"");
    out.push_str(if graph.directed { "directed" } else { "undirected" });
    out.push_str("\">\n");
    if let (Some(key), Some(name)) = (&name_key, &graph.name) {
        out.push_str("    <data key=\"");
        out.push_str(key);
        out.push_str("\">");
        escape_text(name, &mut out);
        out.push_str("</data>\n");
    }

    let data = |out: &mut String, key: &str, text: &str| {
        out.push_str("      <data key=\"");
        out.push_str(key);
        out.push_str("\">");
        escape_text(text, out);
        out.push_str("</data>\n");
    };
    for node in &graph.nodes {
        out.push_str("    <node id=\"");
        escape_attr(&node.id, &mut out);
        out.push_str("\">\n");
        if let (Some(key), Some(label)) = (&label_key, &node.label) {
            data(&mut out, key, label);
        }
        for (name, key) in &node_keys {
            if let Some(value) = node.attrs.get(name) {
                data(&mut out, key, &value_text(value));
            }
        }
        if let (Some((xk, yk)), Some([x, y])) = (&position_keys, node.position) {
            data(&mut out, xk, &number_text(x));
            data(&mut out, yk, &number_text(0.0 - y));
        }
        if let (Some((rk, gk, bk)), Some([r, g, b])) = (&colour_keys, node.colour) {
            data(&mut out, rk, &r.to_string());
            data(&mut out, gk, &g.to_string());
            data(&mut out, bk, &b.to_string());
        }
        if let (Some(key), Some(size)) = (&size_key, node.size) {
            data(&mut out, key, &number_text(size));
        }
        out.push_str("    </node>\n");
    }
    for edge in &graph.edges {
        out.push_str("    <edge source=\"");
        escape_attr(&edge.source, &mut out);
        out.push_str("\" target=\"");
        escape_attr(&edge.target, &mut out);
        out.push('"');
        if let Some(directed) = edge.directed {
            let _ = write!(out, " directed=\"{directed}\"");
        }
        out.push_str(">\n");
        if let (Some(key), Some(weight)) = (&weight_key, edge.weight) {
            data(&mut out, key, &number_text(weight));
        }
        for (name, key) in &edge_keys {
            if let Some(value) = edge.attrs.get(name) {
                data(&mut out, key, &value_text(value));
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// `name`, or `name` with `_` appended until it is neither reserved nor another column's name.
fn unclash(name: &str, reserved: &[&str], columns: &[(String, ColumnType)]) -> String {
    let mut written = name.to_owned();
    if !reserved.contains(&name) {
        return written;
    }
    while reserved.contains(&written.as_str()) || columns.iter().any(|(other, _)| *other == written) {
        written.push('_');
    }
    written
}

fn graphml_type(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Integer => "long",
        ColumnType::Number => "double",
        ColumnType::Bool => "boolean",
        ColumnType::Text => "string",
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            a.attrs.get("age"),
            Some(&AttrValue::Number(9.0)),
            "declared after use: retyped and renamed"
        );
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
        let mut text =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY a \"aaaaaaaaaa\">\n");
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
                RawEdge {
                    source: "p1".into(),
                    target: "p1".into(),
                    directed: Some(true),
                    ..RawEdge::default()
                },
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
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;
    use crate::io::xml::arbitrary;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_graphml(&bytes);
        }

        #[test]
        fn xml_like_text_never_panics(text in arbitrary::xml_like()) {
            if let Err(error) = parse_graphml(text.as_bytes()) {
                prop_assert!(error.line > 0 && error.column > 0, "{error:?}");
            }
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            let _ = parse_graphml(&utf16);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn written_files_read_back_the_same(graph in arbitrary::raw_graph()) {
            let written = write_graphml(&graph);
            let file = parse_graphml(written.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
            prop_assert!(file.warnings.is_empty(), "{:?}", file.warnings);
            let mut back = file.graphs.into_iter().next().ok_or_else(|| TestCaseError::fail("no graph"))?;
            back.nodes.iter_mut().for_each(|n| n.line = 0);
            back.edges.iter_mut().for_each(|e| e.line = 0);
            prop_assert_eq!(back, graph, "{}", written);
        }
    }
}
