//! JSON network files: networkx/d3 node-link, graphology (Gephi's JSON export, Gephi Lite) and
//! Cytoscape.js; and a networkx node-link writer.
//!
//! # Shapes read
//!
//! - **node-link** (networkx `node_link_data`, d3): `{"directed": .., "multigraph": .., "graph":
//!   {"name": ..}, "nodes": [{"id": .., ...}], "edges" | "links": [{"source": .., "target": ..}]}`.
//!   `directed` absent means undirected (as networkx reads it). If both `edges` and `links` are
//!   present, `edges` is read and `links` ignored with a warning.
//!   - **Ids or indices**: if every node has an `id`, numbers in `source`/`target` are ids (`1` and
//!     `"1"` are the same node); otherwise numbers are 0-based **indices** into `nodes` (d3 v3,
//!     vega's `miserables.json`), and a node without `id` gets its index as its id. Strings are
//!     always ids. An index outside `nodes` is an error. A d3 link whose `source`/`target` is a
//!     node object (after a d3-force simulation) uses that object's `id`, else its `index`.
//!     (networkx treats numbers as ids in the mixed case; the two rules agree whenever no node or
//!     every node has an id.)
//!   - Node positions from numeric `x` and `y` (d3/SVG coordinates: y points down, kept as is).
//! - **graphology** (Gephi 0.10 JSON export, Gephi Lite, `graph.export()`): `{"attributes": {..},
//!   "options": {"type": "directed" | "undirected" | "mixed", ..}, "nodes": [{"key": .., "attributes":
//!   {..}}], "edges": [{"key": .., "source": .., "target": .., "undirected": true, "attributes":
//!   {..}}]}`. Recognised by an `options` or `attributes` member, or by nodes with `key` and no `id`.
//!   Type `mixed` (graphology's default) and `directed` make a directed graph; an edge with
//!   `"undirected": true` is undirected in a directed graph. Node attributes `x`/`y` are flipped
//!   (y = -y): graphology's and sigma.js's graph space has y pointing **up** (sigma flips it only
//!   when drawing to the screen; Gephi, whose coordinates Gephi's export writes unchanged, is also
//!   y-up), while [`RawNode::position`] points down.
//! - **Cytoscape.js** (and Cytoscape desktop `.cyjs`, networkx `cytoscape_data`): `{"data": {..},
//!   "elements": {"nodes": [{"data": {"id": ..}, "position": {"x": .., "y": ..}}], "edges": [{"data":
//!   {"source": .., "target": ..}}]}}`, or `elements` as one array of elements with `"group":
//!   "nodes" | "edges"` (without `group`, an element whose data has `source` and `target` is an
//!   edge), or such an array as the whole file. Edges are directed unless the file has
//!   `"directed": false` at the top (networkx writes it; Cytoscape's edges always have a source and
//!   a target, so directed is the default here, where networkx's reader would say undirected).
//!   Positions are model coordinates with y pointing down, kept as is.
//!
//! Anything else (for example Batagelj's MWnets multiway JSON) is an error at 1:1 that names the
//! accepted shapes.
//!
//! # Attributes
//!
//! Numbers, booleans and strings become typed attributes; nested objects and arrays become their
//! compact JSON text; `null` is no value. The node label comes from `label`, else `name` (Cytoscape
//! too). Colours `#rgb`, `#rrggbb`, `#rrggbbaa` (alpha dropped) and `rgb(r, g, b)`/`rgba(..)` in
//! `color`/`colour` go to [`RawNode::colour`]; other colour text stays an attribute, with a warning.
//! A numeric `size` goes to [`RawNode::size`], an edge's numeric `weight` to [`RawEdge::weight`]
//! (other edge attributes such as d3's `value` stay attributes), an edge's boolean `directed` to
//! [`RawEdge::directed`].
//!
//! Positions: nodes and edges carry the line where they start; errors and warnings the line and
//! character column of the element (or of the syntax error).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::colour::parse_colour;
use super::diagnostics::{Warnings, warning};
use super::limits::MAX_ITEMS;
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::{ParseError, ParseWarning};

/// The accepted shapes, for error messages.
const ACCEPTED: &str = "accepted JSON shapes: networkx/d3 node-link ({\"nodes\": [{\"id\": ...}], \"edges\" or \
                        \"links\": [{\"source\": ..., \"target\": ...}]}), graphology/Gephi JSON ({\"options\": \
                        {...}, \"nodes\": [{\"key\": ..., \"attributes\": {...}}], \"edges\": [...]}) and \
                        Cytoscape.js ({\"elements\": {\"nodes\": [{\"data\": {\"id\": ...}}], \"edges\": \
                        [{\"data\": {\"source\": ..., \"target\": ...}}]}})";

/// Maps byte offsets of the text to 1-based lines and character columns. Elements are looked up
/// in file order, so it counts on from the last answer (a single pass over the text in all);
/// a look-up before the last one starts again from the beginning.
struct Locator<'a> {
    text: &'a str,
    /// The last answer: byte offset, line, byte offset of that line's start, column.
    cursor: Cell<(usize, u32, usize, u32)>,
}

/// Whether the byte at `i` ends a line (`\n`, or a `\r` not followed by `\n`).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, cursor: Cell::new((0, 1, 0, 1)) }
    }

    /// Byte offset of a slice of the text.
    fn offset_of(&self, slice: &str) -> usize {
        (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize).min(self.text.len())
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> u32 {
        self.position(offset).0
    }

    /// 1-based line and character column of a byte offset.
    fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let (mut from, mut line, mut line_start, mut column) = self.cursor.get();
        if offset < from {
            (from, line, line_start, column) = (0, 1, 0, 1);
        }
        let piece = bytes.get(from..offset).unwrap_or_default();
        let mut last_end = None;
        let mut ends = 0_u32;
        for (i, &b) in piece.iter().enumerate() {
            if (b == b'\n' || b == b'\r') && ends_line(bytes, from + i) {
                ends = ends.saturating_add(1);
                last_end = Some(from + i);
            }
        }
        if let Some(end) = last_end {
            line = line.saturating_add(ends);
            line_start = end + 1;
            column = 1;
            from = line_start;
        }
        let chars = bytes.get(from..offset).unwrap_or_default().iter().filter(|&&b| b & 0xC0 != 0x80).count();
        column = column.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.cursor.set((offset, line, line_start, column));
        (line, column)
    }

    /// A line and column as serde_json gives them (1-based; byte column; lines end at `\n`) within
    /// a slice that starts at `base`, as an absolute byte offset.
    fn serde_offset(&self, base: usize, line: usize, column: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut start = base.min(bytes.len());
        if line > 1 {
            let mut seen = 1;
            let rest = bytes.get(start..).unwrap_or_default();
            start = bytes.len();
            for (i, &b) in rest.iter().enumerate() {
                if b == b'\n' {
                    seen += 1;
                    if seen == line {
                        start = base + i + 1;
                        break;
                    }
                }
            }
        }
        let mut offset = (start + column.saturating_sub(1)).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> ParseError {
        let (line, column) = self.position(offset);
        ParseError::new(line, column, message)
    }

    fn warning(&self, offset: usize, message: impl Into<String>) -> ParseWarning {
        let (line, column) = self.position(offset);
        warning(line, column, message)
    }

    /// A serde_json error inside the slice starting at `base`.
    fn serde_error(&self, base: usize, error: &serde_json::Error) -> ParseError {
        let offset = self.serde_offset(base, error.line(), error.column());
        let mut message = error.to_string();
        // serde_json appends " at line L column C" (relative to the slice): drop it.
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        let rest = self.text.get(offset..).unwrap_or_default();
        if ["NaN", "Infinity", "-Infinity"].iter().any(|word| rest.starts_with(word)) {
            message.push_str(
                " (NaN and Infinity are not JSON; Python's json module writes them for missing or infinite \
                 numbers; use null)",
            );
        }
        self.error(offset, format!("invalid JSON: {message}"))
    }
}

/// Parses `raw` into `T`, mapping errors to absolute positions.
fn parse_raw<'a, T: serde::Deserialize<'a>>(
    locator: &Locator<'_>,
    raw: &'a RawValue,
) -> Result<T, ParseError> {
    let base = locator.offset_of(raw.get());
    serde_json::from_str(raw.get()).map_err(|e| locator.serde_error(base, &e))
}

/// A list member (`nodes`, `edges`, ...) as raw elements, or an error naming what it should be.
fn raw_list<'a>(
    locator: &Locator<'_>,
    raw: &'a RawValue,
    what: &str,
) -> Result<Vec<&'a RawValue>, ParseError> {
    let offset = locator.offset_of(raw.get());
    if !raw.get().starts_with('[') {
        return Err(
            locator.error(offset, format!("\"{what}\" must be a list ([...]), found {}", kind_of(raw.get())))
        );
    }
    let list: Vec<&RawValue> = parse_raw(locator, raw)?;
    if list.len() > MAX_ITEMS {
        return Err(locator.error(offset, format!("more than {MAX_ITEMS} {what}; this is too large to read")));
    }
    Ok(list)
}

/// The members of a JSON object in file order, keys borrowed from the text where possible. Much
/// lighter than a `serde_json::Map` for the many small objects of a network file.
#[derive(Clone, Debug, Default)]
struct Members<'t>(Vec<(Cow<'t, str>, Value)>);

impl<'t> Members<'t> {
    fn from_map(map: Map<String, Value>) -> Self {
        Self(map.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect())
    }

    /// The last value of a member (JSON objects with repeated names keep the last, as serde_json does).
    fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    fn contains_key(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Removes every member of that name and returns the last value.
    fn remove(&mut self, name: &str) -> Option<Value> {
        let mut found = None;
        let mut i = 0;
        while i < self.0.len() {
            if self.0.get(i).is_some_and(|(k, _)| k == name) {
                found = Some(self.0.remove(i).1);
            } else {
                i += 1;
            }
        }
        found
    }

    /// Adds a member unless one of that name exists.
    fn insert_missing(&mut self, name: Cow<'t, str>, value: Value) {
        if !self.contains_key(&name) {
            self.0.push((name, value));
        }
    }
}

impl<'de> serde::Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4).min(64));
                while let Some(Key(key)) = map.next_key()? {
                    let value: Value = map.next_value()?;
                    members.push((key, value));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// An object key, borrowed from the text unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// A list element as a JSON object, with its byte offset.
fn object_of<'t>(
    locator: &Locator<'_>,
    raw: &'t RawValue,
    what: &str,
    index: usize,
) -> Result<(Members<'t>, usize), ParseError> {
    let offset = locator.offset_of(raw.get());
    if !raw.get().starts_with('{') {
        return Err(locator.error(
            offset,
            format!("{what} {} must be an object ({{...}}), found {}", index + 1, kind_of(raw.get())),
        ));
    }
    Ok((parse_raw(locator, raw)?, offset))
}

/// "an object", "a list", "a string", ... for the raw text of a value.
fn kind_of(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(_) => "a number",
        None => "nothing",
    }
}

fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The members of the top-level object. On the fast path the `nodes`, `links` and `edges` lists
/// are split into their elements in the same pass that reads the object; everything else is kept
/// raw (with its position).
#[derive(Default)]
struct Top<'a> {
    raw: BTreeMap<String, &'a RawValue>,
    lists: BTreeMap<String, Vec<&'a RawValue>>,
}

/// Top-level members read as element lists on the fast path.
const LIST_MEMBERS: &[&str] = &["nodes", "links", "edges"];

impl<'a> Top<'a> {
    /// One pass: a top-level object whose `nodes`/`links`/`edges` are lists (and not both `links`
    /// and `edges`). `None` sends the caller to [`Top::slow`], which has positions for every member.
    fn fast(text: &'a str) -> Option<Self> {
        let top: TopFast<'a> = serde_json::from_str(text).ok()?;
        let both = top.0.lists.contains_key("links") && top.0.lists.contains_key("edges");
        (!both).then_some(top.0)
    }

    fn slow(locator: &Locator<'_>, raw: &'a RawValue) -> Result<Self, ParseError> {
        Ok(Self { raw: parse_raw(locator, raw)?, lists: BTreeMap::new() })
    }

    fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.raw.get(name).copied()
    }

    fn contains(&self, name: &str) -> bool {
        self.raw.contains_key(name) || self.lists.contains_key(name)
    }

    fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.raw.keys().chain(self.lists.keys()).map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// A list member's elements (`None` when absent).
    fn list(&self, locator: &Locator<'_>, name: &str) -> Result<Option<Vec<&'a RawValue>>, ParseError> {
        if let Some(list) = self.lists.get(name) {
            if list.len() > MAX_ITEMS {
                let offset = list.first().map_or(0, |raw| locator.offset_of(raw.get()));
                return Err(
                    locator.error(offset, format!("more than {MAX_ITEMS} {name}; this is too large to read"))
                );
            }
            return Ok(Some(list.clone()));
        }
        self.get(name).map(|raw| raw_list(locator, raw, name)).transpose()
    }
}

/// [`Top`] as read on the fast path.
struct TopFast<'a>(Top<'a>);

impl<'de> serde::Deserialize<'de> for TopFast<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TopFast<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut top = Top::default();
                while let Some(Key(key)) = map.next_key()? {
                    if LIST_MEMBERS.contains(&key.as_ref()) {
                        // Anything but a list fails here, and the caller takes the slow path.
                        let list: Vec<&'de RawValue> = map.next_value()?;
                        top.lists.insert(key.into_owned(), list);
                    } else {
                        let raw: &'de RawValue = map.next_value()?;
                        top.raw.insert(key.into_owned(), raw);
                    }
                }
                Ok(TopFast(top))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// Parses a JSON network file (see the module documentation for the shapes).
pub fn parse_json_graph(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let text = super::text::decode_as(bytes, "a JSON network")?;
    let locator = Locator::new(&text);
    let mut reader = Reader { locator: &locator, warnings: Warnings::default() };
    if text.trim_start().starts_with('{')
        && let Some(top) = Top::fast(&text)
    {
        let graph = reader.object(&top)?;
        return Ok(RawFile { graphs: vec![graph], warnings: reader.warnings.finish() });
    }
    let top: &RawValue = serde_json::from_str(&text).map_err(|e| locator.serde_error(0, &e))?;
    let graph = match top.get().as_bytes().first() {
        Some(b'{') => reader.object(&Top::slow(&locator, top)?)?,
        Some(b'[') => {
            let elements = raw_list(&locator, top, "elements")?;
            reader.cytoscape_elements(&elements, None, true)?
        }
        _ => {
            return Err(ParseError::new(
                1,
                1,
                format!("this JSON file holds {}, not a network; {ACCEPTED}", kind_of(top.get())),
            ));
        }
    };
    Ok(RawFile { graphs: vec![graph], warnings: reader.warnings.finish() })
}

struct Reader<'l, 't> {
    locator: &'l Locator<'t>,
    warnings: Warnings,
}

impl Reader<'_, '_> {
    /// Dispatches on the members of the top-level object.
    fn object(&mut self, members: &Top<'_>) -> Result<RawGraph, ParseError> {
        let locator = self.locator;
        if let Some(format) = members.get("format")
            && format.get().contains("MWnets")
        {
            return Err(ParseError::new(
                1,
                1,
                format!(
                    "this is an MWnets multiway network (Batagelj's \"format\": [\"MWnets\"] JSON, with \"ways\" \
                     and links that join one node of every way); Infonet reads networks of people naming \
                     people: export one two-way relation as an edge list, Pajek or GraphML file; {ACCEPTED}"
                ),
            ));
        }
        if let Some(elements) = members.get("elements") {
            let directed = match members.get("directed").map(|raw| raw.get()) {
                Some("false") => false,
                Some(_) | None => true,
            };
            let name = members.get("data").and_then(graph_name);
            let graph = if elements.get().starts_with('{') {
                let groups: BTreeMap<String, &RawValue> = parse_raw(locator, elements)?;
                let mut list = Vec::new();
                let mut nodes = Vec::new();
                let mut edges = Vec::new();
                if let Some(raw) = groups.get("nodes") {
                    nodes = raw_list(locator, raw, "nodes")?;
                    list.extend(nodes.iter().map(|r| (*r, Some(true))));
                }
                if let Some(raw) = groups.get("edges") {
                    edges = raw_list(locator, raw, "edges")?;
                    list.extend(edges.iter().map(|r| (*r, Some(false))));
                }
                if nodes.is_empty() && edges.is_empty() && !groups.contains_key("nodes") {
                    return Err(locator.error(
                        locator.offset_of(elements.get()),
                        format!("\"elements\" has neither \"nodes\" nor \"edges\"; {ACCEPTED}"),
                    ));
                }
                self.cytoscape(&list, name, directed)?
            } else {
                let list = raw_list(locator, elements, "elements")?;
                self.cytoscape_elements(&list, name, directed)?
            };
            return Ok(graph);
        }
        if !members.contains("nodes") {
            let keys: Vec<String> = members.keys().into_iter().take(12).map(|k| format!("{k:?}")).collect();
            return Err(ParseError::new(
                1,
                1,
                format!(
                    "this JSON object has no \"nodes\" and no \"elements\" (found {}); {ACCEPTED}",
                    if keys.is_empty() { "no members".to_owned() } else { keys.join(", ") }
                ),
            ));
        }
        if let Some(nodes_raw) = members.get("nodes")
            && !nodes_raw.get().starts_with('[')
        {
            return Err(locator.error(
                locator.offset_of(nodes_raw.get()),
                format!("\"nodes\" must be a list ([...]), found {}; {ACCEPTED}", kind_of(nodes_raw.get())),
            ));
        }
        let nodes = members.list(locator, "nodes")?.unwrap_or_default();
        let graphology_members = members.contains("options") || members.contains("attributes");
        let first_node: Option<Members<'_>> = match nodes.first() {
            Some(raw) if raw.get().starts_with('{') => Some(parse_raw(locator, raw)?),
            _ => None,
        };
        let keyed = first_node.as_ref().is_some_and(|n| n.contains_key("key") && !n.contains_key("id"));
        if graphology_members || keyed {
            self.graphology(members, &nodes)
        } else {
            self.node_link(members, &nodes)
        }
    }

    fn edge_list_member<'a>(&mut self, members: &Top<'a>) -> Result<Vec<&'a RawValue>, ParseError> {
        let locator = self.locator;
        // Both present happens only on the slow path, where every member has its position.
        if members.contains("edges")
            && let Some(links) = members.get("links")
        {
            self.warnings.push_warning(locator.warning(
                locator.offset_of(links.get()),
                "the file has both \"edges\" and \"links\"; \"edges\" is read and \"links\" ignored",
            ));
        }
        if members.contains("edges") {
            return Ok(members.list(locator, "edges")?.unwrap_or_default());
        }
        Ok(members.list(locator, "links")?.unwrap_or_default())
    }

    /// networkx / d3 node-link.
    fn node_link(&mut self, members: &Top<'_>, raw_nodes: &[&RawValue]) -> Result<RawGraph, ParseError> {
        let locator = self.locator;
        let directed = match members.get("directed").map(|raw| raw.get()) {
            Some("true") => true,
            Some("false") | None => false,
            Some(other) => {
                let offset = members.get("directed").map_or(0, |raw| locator.offset_of(raw.get()));
                self.warnings.push_warning(locator.warning(
                    offset,
                    format!("\"directed\" is {other}, not true or false; the graph is read as undirected"),
                ));
                false
            }
        };
        let name = members.get("graph").and_then(graph_name);
        let mut objects = Vec::with_capacity(raw_nodes.len());
        for (index, raw) in raw_nodes.iter().enumerate() {
            objects.push(object_of(locator, raw, "node", index)?);
        }
        let all_have_ids = objects.iter().all(|(object, _)| object.get("id").is_some_and(|v| !v.is_null()));
        // The id of every node, by index (for index links).
        let mut ids = Vec::with_capacity(objects.len());
        let mut graph = RawGraph { name, directed, ..RawGraph::default() };
        graph.nodes.reserve(objects.len());
        let mut seen: HashSet<String> = HashSet::with_capacity(objects.len());
        for (index, (mut object, offset)) in objects.into_iter().enumerate() {
            let id = match object.remove("id") {
                Some(Value::Null) | None => index.to_string(),
                Some(value) => id_text(value),
            };
            ids.push(id.clone());
            if !seen.insert(id.clone()) {
                self.warnings.push_warning(
                    locator.warning(
                        offset,
                        format!("node id {id:?} appears again; this second node is ignored"),
                    ),
                );
                continue;
            }
            let node = self.node(id, object, offset, NodeStyle::Plain);
            graph.nodes.push(node);
        }
        let raw_edges = self.edge_list_member(members)?;
        graph.edges.reserve(raw_edges.len());
        for (index, raw) in raw_edges.iter().enumerate() {
            let (mut object, offset) = object_of(locator, raw, "link", index)?;
            let mut endpoint = |which: &str| -> Result<String, ParseError> {
                let Some(value) = object.remove(which) else {
                    return Err(locator.error(offset, format!("link {} has no \"{which}\"", index + 1)));
                };
                link_end(value, all_have_ids, &ids).map_err(|message| {
                    locator.error(offset, format!("link {}: \"{which}\" {message}", index + 1))
                })
            };
            let source = endpoint("source")?;
            let target = endpoint("target")?;
            let edge = self.edge(source, target, object, offset);
            graph.edges.push(edge);
        }
        Ok(graph)
    }

    /// graphology / Gephi JSON.
    fn graphology(&mut self, members: &Top<'_>, raw_nodes: &[&RawValue]) -> Result<RawGraph, ParseError> {
        let locator = self.locator;
        let options: Map<String, Value> = match members.get("options") {
            Some(raw) if raw.get().starts_with('{') => parse_raw(locator, raw)?,
            _ => Map::new(),
        };
        let kind = options.get("type").and_then(Value::as_str).unwrap_or("mixed");
        let directed = match kind {
            "undirected" => false,
            "directed" | "mixed" => true,
            other => {
                let offset = members.get("options").map_or(0, |raw| locator.offset_of(raw.get()));
                self.warnings.push_warning(locator.warning(
                    offset,
                    format!("graph type {other:?} is not directed, undirected or mixed; read as mixed"),
                ));
                true
            }
        };
        let name = members.get("attributes").and_then(graph_name);
        let mut graph = RawGraph { name, directed, ..RawGraph::default() };
        let mut seen: HashSet<String> = HashSet::with_capacity(raw_nodes.len());
        for (index, raw) in raw_nodes.iter().enumerate() {
            let (mut object, offset) = object_of(locator, raw, "node", index)?;
            let id = match object.remove("key") {
                Some(Value::Null) | None => {
                    return Err(locator.error(offset, format!("node {} has no \"key\"", index + 1)));
                }
                Some(value) => id_text(value),
            };
            if !seen.insert(id.clone()) {
                self.warnings.push_warning(
                    locator.warning(
                        offset,
                        format!("node key {id:?} appears again; this second node is ignored"),
                    ),
                );
                continue;
            }
            let attributes = self.attributes_member(&mut object, offset);
            let node = self.node(id, attributes, offset, NodeStyle::YUp);
            graph.nodes.push(node);
        }
        let raw_edges = members.list(locator, "edges")?.unwrap_or_default();
        graph.edges.reserve(raw_edges.len());
        for (index, raw) in raw_edges.iter().enumerate() {
            let (mut object, offset) = object_of(locator, raw, "edge", index)?;
            let mut endpoint = |which: &str| -> Result<String, ParseError> {
                match object.remove(which) {
                    Some(Value::String(key)) => Ok(key),
                    Some(value @ (Value::Number(_) | Value::Bool(_))) => Ok(id_text(value)),
                    Some(other) => Err(locator.error(
                        offset,
                        format!("edge {}: \"{which}\" is {}, not a node key", index + 1, value_kind(&other)),
                    )),
                    None => Err(locator.error(offset, format!("edge {} has no \"{which}\"", index + 1))),
                }
            };
            let source = endpoint("source")?;
            let target = endpoint("target")?;
            let undirected = object.remove("undirected").and_then(|v| v.as_bool()).unwrap_or(false);
            let key = object.remove("key");
            let mut attributes = self.attributes_member(&mut object, offset);
            if let Some(key) = key.filter(|k| !k.is_null()) {
                attributes.insert_missing(Cow::Borrowed("key"), key);
            }
            let mut edge = self.edge(source, target, attributes, offset);
            if undirected && directed {
                edge.directed = Some(false);
            }
            graph.edges.push(edge);
        }
        Ok(graph)
    }

    /// The `attributes` object of a graphology node or edge (other members are kept too, with a
    /// warning, so that nothing is lost).
    fn attributes_member<'t>(&mut self, object: &mut Members<'t>, offset: usize) -> Members<'t> {
        let mut attributes = match object.remove("attributes") {
            Some(Value::Object(attributes)) => Members::from_map(attributes),
            Some(Value::Null) | None => Members::default(),
            Some(other) => {
                self.warnings.push_warning(self.locator.warning(
                    offset,
                    format!("\"attributes\" is {}, not an object; ignored", value_kind(&other)),
                ));
                Members::default()
            }
        };
        for (name, value) in std::mem::take(&mut object.0) {
            attributes.insert_missing(name, value);
        }
        attributes
    }

    /// Cytoscape.js elements as one list (`group` says which, else `source` + `target` = edge).
    fn cytoscape_elements(
        &mut self,
        elements: &[&RawValue],
        name: Option<String>,
        directed: bool,
    ) -> Result<RawGraph, ParseError> {
        let list: Vec<(&RawValue, Option<bool>)> = elements.iter().map(|raw| (*raw, None)).collect();
        self.cytoscape(&list, name, directed)
    }

    /// Cytoscape.js elements; `Some(true)` = known node, `Some(false)` = known edge, `None` = look.
    fn cytoscape(
        &mut self,
        elements: &[(&RawValue, Option<bool>)],
        name: Option<String>,
        directed: bool,
    ) -> Result<RawGraph, ParseError> {
        let locator = self.locator;
        let mut graph = RawGraph { name, directed, ..RawGraph::default() };
        let mut seen: HashSet<String> = HashSet::new();
        for (index, (raw, known)) in elements.iter().enumerate() {
            let (mut object, offset) = object_of(locator, raw, "element", index)?;
            let mut data = match object.remove("data") {
                Some(Value::Object(data)) => Members::from_map(data),
                Some(Value::Null) | None => Members::default(),
                Some(other) => {
                    return Err(locator.error(
                        offset,
                        format!("element {}: \"data\" is {}, not an object", index + 1, value_kind(&other)),
                    ));
                }
            };
            let is_node = match (known, object.get("group").and_then(Value::as_str)) {
                (Some(known), _) => *known,
                (None, Some("nodes")) => true,
                (None, Some("edges")) => false,
                (None, _) => !(data.contains_key("source") && data.contains_key("target")),
            };
            if is_node {
                let id = match data.remove("id") {
                    Some(Value::Null) | None => {
                        return Err(locator.error(
                            offset,
                            format!("node element {} has no \"data\": {{\"id\": ...}}", index + 1),
                        ));
                    }
                    Some(value) => id_text(value),
                };
                if !seen.insert(id.clone()) {
                    self.warnings.push_warning(locator.warning(
                        offset,
                        format!("node id {id:?} appears again; this second node is ignored"),
                    ));
                    continue;
                }
                let mut node = self.node(id, data, offset, NodeStyle::Plain);
                if let Some(Value::Object(position)) = object.get("position")
                    && let (Some(x), Some(y)) =
                        (position.get("x").and_then(Value::as_f64), position.get("y").and_then(Value::as_f64))
                    && x.is_finite()
                    && y.is_finite()
                {
                    node.position = Some([x, y]);
                }
                graph.nodes.push(node);
            } else {
                let mut endpoint = |which: &str| -> Result<String, ParseError> {
                    match data.remove(which) {
                        Some(value @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
                            Ok(id_text(value))
                        }
                        Some(other) => Err(locator.error(
                            offset,
                            format!(
                                "edge element {}: \"{which}\" is {}, not a node id",
                                index + 1,
                                value_kind(&other)
                            ),
                        )),
                        None => Err(locator.error(
                            offset,
                            format!("edge element {} has no \"data\": {{\"{which}\": ...}}", index + 1),
                        )),
                    }
                };
                let source = endpoint("source")?;
                let target = endpoint("target")?;
                let edge = self.edge(source, target, data, offset);
                graph.edges.push(edge);
            }
            if graph.nodes.len() + graph.edges.len() > 2 * MAX_ITEMS {
                return Err(locator.error(offset, "too many elements; this is too large to read"));
            }
        }
        Ok(graph)
    }

    /// A node from its attributes (the id already removed).
    fn node(&mut self, id: String, mut attributes: Members<'_>, offset: usize, style: NodeStyle) -> RawNode {
        let line = self.locator.line(offset);
        let mut node = RawNode { id, line, ..RawNode::default() };
        let label_key = ["label", "name"].into_iter().find(|key| {
            attributes
                .get(key)
                .is_some_and(|v| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)))
        });
        if let Some(value) = label_key.and_then(|key| attributes.remove(key)) {
            node.label = Some(id_text(value));
        }
        let x = attributes.get("x").and_then(Value::as_f64).filter(|v| v.is_finite());
        let y = attributes.get("y").and_then(Value::as_f64).filter(|v| v.is_finite());
        if let (Some(x), Some(y)) = (x, y) {
            attributes.remove("x");
            attributes.remove("y");
            node.position = Some([x, if style == NodeStyle::YUp { -y } else { y }]);
        }
        if let Some(size) = attributes.get("size").and_then(Value::as_f64).filter(|v| v.is_finite()) {
            attributes.remove("size");
            node.size = Some(size);
        }
        for key in ["color", "colour"] {
            if node.colour.is_some() {
                break;
            }
            let Some(Value::String(text)) = attributes.get(key) else {
                continue;
            };
            match parse_colour(text) {
                Some(colour) => {
                    node.colour = Some(colour);
                    attributes.remove(key);
                }
                None => {
                    let message = format!(
                        "node {:?}: colour {text:?} is not #rrggbb or rgb(r, g, b); kept as the attribute {key:?}",
                        node.id
                    );
                    self.warnings.push_warning(self.locator.warning(offset, message));
                }
            }
        }
        node.attrs = attributes_of(attributes);
        node
    }

    /// An edge from its attributes (source and target already removed).
    fn edge(
        &mut self,
        source: String,
        target: String,
        mut attributes: Members<'_>,
        offset: usize,
    ) -> RawEdge {
        let mut edge = RawEdge { source, target, line: self.locator.line(offset), ..RawEdge::default() };
        match attributes.get("weight") {
            Some(Value::Number(number)) => {
                if let Some(weight) = number.as_f64().filter(|w| w.is_finite()) {
                    edge.weight = Some(weight);
                    attributes.remove("weight");
                }
            }
            Some(Value::String(text)) => {
                if let Some(weight) = super::parse_number(text) {
                    edge.weight = Some(weight);
                    attributes.remove("weight");
                } else {
                    let message = format!(
                        "edge {:?} -> {:?}: weight {text:?} is not a number; kept as an attribute",
                        edge.source, edge.target
                    );
                    self.warnings.push_warning(self.locator.warning(offset, message));
                }
            }
            _ => {}
        }
        if let Some(Value::Bool(directed)) = attributes.get("directed") {
            edge.directed = Some(*directed);
            attributes.remove("directed");
        }
        edge.attrs = attributes_of(attributes);
        edge
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeStyle {
    /// Positions with y pointing down (d3, networkx, Cytoscape).
    Plain,
    /// Positions with y pointing up (graphology, Gephi): flipped.
    YUp,
}

/// The graph name from a `graph`/`attributes`/`data` object.
fn graph_name(raw: &RawValue) -> Option<String> {
    if !raw.get().starts_with('{') {
        return None;
    }
    let object: Map<String, Value> = serde_json::from_str(raw.get()).ok()?;
    match object.get("name")? {
        Value::String(name) if !name.trim().is_empty() => Some(name.clone()),
        _ => None,
    }
}

/// A node id or label as text: strings as they are, numbers and booleans as written, lists and
/// objects (networkx tuple ids) as compact JSON.
fn id_text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        Value::Number(number) => number.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

/// The node id a link end refers to.
fn link_end(value: Value, numbers_are_ids: bool, ids: &[String]) -> Result<String, String> {
    match value {
        Value::String(id) => Ok(id),
        Value::Number(number) if numbers_are_ids => Ok(number.to_string()),
        Value::Number(number) => {
            let index = number
                .as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .ok_or_else(|| format!("{number} is not a node index (0, 1, 2, ...)"))?;
            ids.get(index).cloned().ok_or_else(|| {
                format!(
                    "{index} is not a node index: there are {} nodes (indices 0 to {}); numbers in links are \
                     indices because not every node has an \"id\"",
                    ids.len(),
                    ids.len().saturating_sub(1)
                )
            })
        }
        Value::Object(mut node) => match (node.remove("id"), node.remove("index")) {
            (Some(id), _) if !id.is_null() => link_end(id, true, ids),
            (_, Some(index @ Value::Number(_))) => link_end(index, false, ids),
            _ => Err("is an object without \"id\" or \"index\"".to_owned()),
        },
        Value::Bool(b) => Ok(b.to_string()),
        Value::Array(_) => Ok(value.to_string()),
        Value::Null => Err("is null, not a node id".to_owned()),
    }
}

/// JSON values as typed attributes (null dropped; nested values as compact JSON).
fn attributes_of(attributes: Members<'_>) -> crate::io::raw::Attrs {
    attributes
        .0
        .into_iter()
        .filter_map(|(name, value)| {
            let value = match value {
                Value::Null => return None,
                Value::Bool(b) => AttrValue::Bool(b),
                Value::Number(number) => match number.as_f64() {
                    Some(v) if v.is_finite() => AttrValue::Number(v),
                    _ => AttrValue::Text(number.to_string()),
                },
                Value::String(text) => AttrValue::Text(text),
                nested @ (Value::Array(_) | Value::Object(_)) => AttrValue::Text(nested.to_string()),
            };
            Some((name.into_owned(), value))
        })
        .collect()
}

/// Writes a graph as networkx node-link JSON with the `edges` key, as `networkx.node_link_graph(data,
/// edges="edges")` (the default in networkx 3.6) reads it.
///
/// `{"directed", "multigraph", "graph": {"name"}, "nodes": [{"id", "label", attributes..., "x", "y",
/// "color": "#rrggbb", "size"}], "edges": [{"source", "target", "weight", attributes...}]}`. Ids are
/// strings. `multigraph` is true when two edges join the same pair (in the same direction, or either
/// way in an undirected graph), so that networkx keeps both. An edge whose direction differs from
/// the graph's gets a boolean `directed` attribute (networkx cannot mix directions; [`parse_json_graph`]
/// reads it back). Positions are written with y pointing down, as stored, as node attributes `x`
/// and `y` (so numeric attributes named `x` and `y` of a node without a position come back as its
/// position). Attributes named like the
/// reserved members (`id`, `source`, `target`) are not written; `label`, `x`, `y`, `color`, `size`,
/// `weight` and `directed` from the fields win over attributes of the same name.
pub fn write_node_link(graph: &RawGraph) -> String {
    let value_of = |value: &AttrValue| -> Option<Value> {
        match value {
            AttrValue::Text(text) => Some(Value::String(text.clone())),
            AttrValue::Number(number) => serde_json::Number::from_f64(*number).map(Value::Number),
            AttrValue::Bool(b) => Some(Value::Bool(*b)),
        }
    };
    let number = |v: f64| serde_json::Number::from_f64(v).map(Value::Number);
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .map(|node| {
            let mut object = Map::new();
            for (name, value) in &node.attrs {
                if name != "id"
                    && let Some(value) = value_of(value)
                {
                    object.insert(name.clone(), value);
                }
            }
            if let Some(label) = &node.label {
                object.insert("label".into(), Value::String(label.clone()));
            }
            if let Some([x, y]) = node.position
                && let (Some(x), Some(y)) = (number(x), number(y))
            {
                object.insert("x".into(), x);
                object.insert("y".into(), y);
            }
            if let Some([r, g, b]) = node.colour {
                object.insert("color".into(), Value::String(format!("#{r:02x}{g:02x}{b:02x}")));
            }
            if let Some(size) = node.size.and_then(number) {
                object.insert("size".into(), size);
            }
            object.insert("id".into(), Value::String(node.id.clone()));
            Value::Object(object)
        })
        .collect();
    let mut pairs: HashSet<(&str, &str)> = HashSet::with_capacity(graph.edges.len());
    let mut multigraph = false;
    let edges: Vec<Value> = graph
        .edges
        .iter()
        .map(|edge| {
            let directed = edge.directed.unwrap_or(graph.directed);
            // networkx knows only the graph's direction, so pairs are compared by it.
            let pair = if graph.directed || edge.source <= edge.target {
                (edge.source.as_str(), edge.target.as_str())
            } else {
                (edge.target.as_str(), edge.source.as_str())
            };
            multigraph |= !pairs.insert(pair);
            let mut object = Map::new();
            for (name, value) in &edge.attrs {
                if name != "source"
                    && name != "target"
                    && let Some(value) = value_of(value)
                {
                    object.insert(name.clone(), value);
                }
            }
            if let Some(weight) = edge.weight.and_then(number) {
                object.insert("weight".into(), weight);
            }
            if directed != graph.directed {
                object.insert("directed".into(), Value::Bool(directed));
            }
            object.insert("source".into(), Value::String(edge.source.clone()));
            object.insert("target".into(), Value::String(edge.target.clone()));
            Value::Object(object)
        })
        .collect();
    let mut graph_attributes = Map::new();
    if let Some(name) = &graph.name {
        graph_attributes.insert("name".into(), Value::String(name.clone()));
    }
    let mut top = Map::new();
    top.insert("directed".into(), Value::Bool(graph.directed));
    top.insert("multigraph".into(), Value::Bool(multigraph));
    top.insert("graph".into(), Value::Object(graph_attributes));
    top.insert("nodes".into(), Value::Array(nodes));
    top.insert("edges".into(), Value::Array(edges));
    serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
