//! GML (Graph Modelling Language): the key-value lists written by Newman's data sets, LEDA, OGDF,
//! yFiles/yEd, Cytoscape, igraph, networkx, TinkerPop and the Topology Zoo.
//!
//! ```text
//! Creator "someone"
//! graph [
//!   directed 1
//!   node [ id 1 label "Anna K." sector "municipal" graphics [ x -50.0 y 20.0 fill "#D62728" ] ]
//!   node [ id 2 label "Bo L." ]
//!   edge [ source 1 target 2 weight 1 ]
//! ]
//! ```
//!
//! What is read, and the policies where readers differ:
//! - Every top-level `graph [ ... ]` becomes one [`RawGraph`] (igraph and networkx read only the
//!   first; a second one is rare and is kept rather than silently dropped). Keys before `graph`
//!   (`Creator`, `Version`) are skipped; `directed 1` outside `graph [` applies to every graph that
//!   does not set its own. A graph's `label` (or `name`) becomes its name.
//! - The structural keys are matched without regard to case (`Graph`, `Directed`, `Node`, `Edge`,
//!   `Id`, `Label`, `Source`, `Target`, `graphics`, `x`, `y`, `w`, `h`, `fill`, `weight`); other keys
//!   keep their spelling as attribute names.
//! - Node ids are kept as their text (`id 1` -> `"1"`, `id A` -> `"A"`). A bare word as a value is
//!   allowed only for `id`, `label`, `source` and `target` (as networkx does); any other bare word
//!   that is not a number (`inf`, `-Inf`, `NaN` are numbers) is a syntax error, which is how the
//!   malformed igraph regression files fail.
//! - A node without `id`: we follow igraph and keep it, with a generated id `node-K` (K = its
//!   position among the graph's nodes) and a warning; networkx rejects the file. A later node with
//!   an id already used is dropped with a warning (the first one wins).
//! - An edge needs exactly one `source` and one `target` (an error otherwise, as in both peers).
//!   Edges to undeclared nodes, self-loops and parallel edges (with or without `multigraph 1`) are
//!   kept; the build step counts and drops them.
//! - Edge weight: `weight`; when an edge has no `weight`, a numeric `value` (Newman's convention in
//!   lesmis, celegansneural) is also used as the weight (and stays an attribute too).
//! - `graphics [ x y w h fill ]` of a node gives position (as in the file: GML tools draw with y
//!   pointing down), size (`w`, else `h`) and colour (`#rrggbb` or `#rgb`). Other graphics keys,
//!   edge graphics and `LabelGraphics` are ignored. Any other nested list becomes dotted attributes
//!   (`a [ b 1 ]` -> `a.b` = 1). Nesting deeper than [`MAX_DEPTH`] is an error.
//! - A repeated attribute key keeps its first value, with a warning.
//! - Strings: `\"`, `\\` and `\n` escapes (yEd, gml4gtk), HTML entities (`&amp;`, `&quot;`,
//!   `&#230;`, `&#xE6;` and the Latin-1 names such as `&aring;`); unknown entities stay as written.
//!   Strings may span lines. `#` starts a comment that runs to the end of the line.

use std::borrow::Cow;
use std::collections::HashSet;

use super::ParseError;
use super::colour::parse_colour;
use super::diagnostics::Warnings;
use super::limits::{MAX_DEPTH, MAX_ITEMS};
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};

/// Reads a GML file.
pub fn parse_gml(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let text = super::text::decode_as(bytes, "a GML file")?;
    let mut parser = Parser { lexer: Lexer::new(&text), warnings: Warnings::default(), items: 0 };
    let graphs = parser.file()?;
    Ok(RawFile { graphs, warnings: parser.warnings.finish() })
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A bare word: a key, a number or an unquoted value.
    Word,
    /// A quoted string; `text` is what is between the quotes, still escaped.
    Str,
    Open,
    Close,
    End,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    /// Byte offset of the token's first character.
    pos: usize,
    /// 1-based line of the token's first character.
    line: u32,
    /// Byte offset where that line starts.
    line_start: usize,
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0, line: 1, line_start: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// 1-based character column of byte offset `pos` on the line starting at `line_start`.
    fn column(&self, line_start: usize, pos: usize) -> u32 {
        let chars = self.text.get(line_start..pos).map_or(0, |s| s.chars().count());
        u32::try_from(chars).unwrap_or(u32::MAX).saturating_add(1)
    }

    fn error(&self, token: &Token<'_>, message: impl Into<String>) -> ParseError {
        ParseError::new(token.line, self.column(token.line_start, token.pos), message)
    }

    /// Consumes a line end at `self.pos` (`\n`, `\r\n` or a lone `\r`), if there is one.
    fn newline(&mut self, byte: u8) -> bool {
        match byte {
            b'\n' => {
                self.pos += 1;
            }
            b'\r' => {
                self.pos += 1;
                if self.bytes().get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            _ => return false,
        }
        self.line = self.line.saturating_add(1);
        self.line_start = self.pos;
        true
    }

    fn next(&mut self) -> Result<Token<'a>, ParseError> {
        let bytes = self.bytes();
        // Whitespace and comments.
        while let Some(&b) = bytes.get(self.pos) {
            if self.newline(b) {
                continue;
            }
            if matches!(b, b' ' | b'\t' | 0x0C | 0x0B) {
                self.pos += 1;
            } else if b == b'#' {
                while let Some(&c) = bytes.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let start = self.pos;
        let (line, line_start) = (self.line, self.line_start);
        let token = |kind, text| Token { kind, text, pos: start, line, line_start };
        let Some(&b) = bytes.get(start) else {
            return Ok(token(Kind::End, ""));
        };
        match b {
            b'[' => {
                self.pos += 1;
                Ok(token(Kind::Open, "["))
            }
            b']' => {
                self.pos += 1;
                Ok(token(Kind::Close, "]"))
            }
            b'"' => {
                self.pos += 1;
                let content_start = self.pos;
                loop {
                    let Some(&c) = bytes.get(self.pos) else {
                        let open = token(Kind::Str, "");
                        return Err(self.error(
                            &open,
                            "unclosed string: the \" here is never closed (expected a closing \")",
                        ));
                    };
                    match c {
                        b'"' => break,
                        b'\\' => {
                            // Skip the escaped character (an escaped quote does not end the string).
                            self.pos += 1;
                            match bytes.get(self.pos) {
                                Some(&e) if self.newline(e) => {}
                                Some(_) => self.pos += 1,
                                None => {}
                            }
                        }
                        _ => {
                            if !self.newline(c) {
                                self.pos += 1;
                            }
                        }
                    }
                }
                let content = self.text.get(content_start..self.pos).unwrap_or_default();
                self.pos += 1;
                Ok(token(Kind::Str, content))
            }
            _ => {
                while let Some(&c) = bytes.get(self.pos) {
                    if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0C | 0x0B | b'[' | b']' | b'"') {
                        break;
                    }
                    self.pos += 1;
                }
                // Stop only at ASCII bytes, so the end is always a character boundary.
                Ok(token(Kind::Word, self.text.get(start..self.pos).unwrap_or_default()))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// A scalar value as the file wrote it.
#[derive(Clone, Copy, Debug)]
enum Scalar<'a> {
    /// A bare word (number or, for id/label/source/target, text).
    Word(&'a str),
    /// A quoted string, still escaped.
    Str(&'a str),
}

impl<'a> Scalar<'a> {
    /// The text of the value (numbers as written, strings unescaped).
    fn text(self) -> Cow<'a, str> {
        match self {
            Self::Word(w) => Cow::Borrowed(w),
            Self::Str(s) => unescape(s),
        }
    }

    fn number(self) -> Option<f64> {
        match self {
            Self::Word(w) => w.parse::<f64>().ok(),
            Self::Str(_) => None,
        }
    }

    fn attr(self) -> AttrValue {
        match self.number() {
            Some(n) => AttrValue::Number(n),
            None => AttrValue::Text(self.text().into_owned()),
        }
    }
}

/// Keys whose value may be a bare (unquoted, non-numeric) word.
fn allows_bare_word(key: &str) -> bool {
    ["id", "label", "source", "target"].iter().any(|k| key.eq_ignore_ascii_case(k))
}

fn is_key(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Resolves `\"`, `\\`, `\n` and HTML entities.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['\\', '&']) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['\\', '&']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        if let Some(after) = tail.strip_prefix('\\') {
            let mut chars = after.chars();
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some(c) => {
                    out.push('\\');
                    out.push(c);
                }
                None => out.push('\\'),
            }
            rest = chars.as_str();
        } else {
            match entity(tail) {
                Some((c, len)) => {
                    out.push(c);
                    rest = tail.get(len..).unwrap_or_default();
                }
                None => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or_default();
                }
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of an HTML entity at the start of `text` (which starts with `&`) and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = text.get(1..end)?;
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_entity(name)?
    };
    Some((c, end + 1))
}

/// The XML entities and the Latin-1 (ISO 8859-1) named entities of HTML.
fn named_entity(name: &str) -> Option<char> {
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
        "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
        "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute",
        "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave",
        "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute",
        "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave",
        "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
        "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let index = LATIN1.iter().position(|n| *n == name)?;
            char::from_u32(0xA0 + u32::try_from(index).ok()?)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parser

/// A value after a key.
enum Value<'a> {
    Scalar(Scalar<'a>),
    /// A list; the `[` token.
    List(Token<'a>),
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    warnings: Warnings,
    /// Nodes and edges read so far (for the size cap).
    items: usize,
}

impl<'a> Parser<'a> {
    fn warn(&mut self, token: &Token<'_>, message: String) {
        let column = self.lexer.column(token.line_start, token.pos);
        self.warnings.push(token.line, column, message);
    }

    fn count_item(&mut self, token: &Token<'_>) -> Result<(), ParseError> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(self.lexer.error(
                token,
                format!("too many nodes and edges: more than {MAX_ITEMS} is beyond what this program reads"),
            ));
        }
        Ok(())
    }

    /// The next key of a list, or `None` at `]` (or the end of the file when `top`).
    fn key(&mut self, top: bool, open: Option<&Token<'_>>) -> Result<Option<Token<'a>>, ParseError> {
        let token = self.lexer.next()?;
        match token.kind {
            Kind::Word if is_key(token.text) => Ok(Some(token)),
            Kind::Close if !top => Ok(None),
            Kind::End if top => Ok(None),
            Kind::End => {
                let (line, what) = open.map_or((0, ""), |o| (o.line, "list"));
                Err(self.lexer.error(
                    &token,
                    format!("the file ends inside the {what} opened with [ on line {line} (expected ])"),
                ))
            }
            Kind::Close => Err(self.lexer.error(&token, "unexpected ]: there is no open [ to close")),
            Kind::Open => Err(self.lexer.error(&token, "unexpected [: expected a key before it")),
            Kind::Word => Err(self.lexer.error(
                &token,
                format!("expected a key (a name such as node, id or label), found {}", shorten(token.text)),
            )),
            Kind::Str => Err(self.lexer.error(
                &token,
                format!(
                    "expected a key (a name such as node, id or label), found the string \"{}\"",
                    shorten(token.text)
                ),
            )),
        }
    }

    /// The value after `key`.
    fn value(&mut self, key: &Token<'a>) -> Result<Value<'a>, ParseError> {
        let token = self.lexer.next()?;
        match token.kind {
            Kind::Open => Ok(Value::List(token)),
            Kind::Str => Ok(Value::Scalar(Scalar::Str(token.text))),
            Kind::Word if allows_bare_word(key.text) || token.text.parse::<f64>().is_ok() => {
                Ok(Value::Scalar(Scalar::Word(token.text)))
            }
            Kind::Word => Err(self.lexer.error(
                &token,
                format!(
                    "expected a number, a quoted string or [ after the key {}, found {}",
                    shorten(key.text),
                    shorten(token.text)
                ),
            )),
            Kind::Close | Kind::End => Err(self.lexer.error(
                &token,
                format!(
                    "the key {} has no value (expected a number, a quoted string or [)",
                    shorten(key.text)
                ),
            )),
        }
    }

    /// Skips the rest of a list whose `[` was just read.
    fn skip_list(&mut self, open: &Token<'a>, depth: usize) -> Result<(), ParseError> {
        self.check_depth(open, depth)?;
        while let Some(key) = self.key(false, Some(open))? {
            if let Value::List(inner) = self.value(&key)? {
                self.skip_list(&inner, depth + 1)?;
            }
        }
        Ok(())
    }

    fn check_depth(&self, open: &Token<'_>, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.lexer.error(open, format!("lists are nested more than {MAX_DEPTH} deep")));
        }
        Ok(())
    }

    fn file(&mut self) -> Result<Vec<RawGraph>, ParseError> {
        let mut graphs = Vec::new();
        let mut top_directed: Option<bool> = None;
        // Graphs that did not say whether they are directed (the top-level `directed` may follow).
        let mut undeclared = Vec::new();
        while let Some(key) = self.key(true, None)? {
            let value = self.value(&key)?;
            if key.text.eq_ignore_ascii_case("graph") {
                let Value::List(open) = value else {
                    return Err(self.lexer.error(&key, "graph must be followed by [ (graph [ ... ])"));
                };
                let (graph, declared) = self.graph(&open)?;
                if !declared {
                    undeclared.push(graphs.len());
                }
                graphs.push(graph);
            } else if key.text.eq_ignore_ascii_case("directed") {
                if let Value::Scalar(scalar) = value {
                    top_directed = Some(self.directed(&key, scalar));
                }
            } else if let Value::List(open) = value {
                self.skip_list(&open, 1)?;
            }
        }
        if graphs.is_empty() {
            return Err(ParseError::new(
                1,
                1,
                "this is not a GML graph: no graph [ ... ] block found (expected graph [ node [ id 1 ] ... ])",
            ));
        }
        if let Some(directed) = top_directed {
            for index in undeclared {
                if let Some(graph) = graphs.get_mut(index) {
                    graph.directed = directed;
                }
            }
        }
        Ok(graphs)
    }

    fn directed(&mut self, key: &Token<'_>, value: Scalar<'_>) -> bool {
        match value.number() {
            Some(0.0) => false,
            Some(1.0) => true,
            _ => {
                let directed = value.number().is_some_and(|n| n != 0.0);
                self.warn(
                    key,
                    format!(
                        "directed should be 0 or 1, found {}; read as {}",
                        shorten(&value.text()),
                        if directed { "directed" } else { "undirected" }
                    ),
                );
                directed
            }
        }
    }

    /// A `graph [ ... ]` whose `[` was just read; also whether it said `directed`.
    fn graph(&mut self, open: &Token<'a>) -> Result<(RawGraph, bool), ParseError> {
        let mut graph = RawGraph::default();
        let mut declared = false;
        let mut name_from_label = false;
        // Nodes that came without an id (indices into graph.nodes).
        let mut without_id = Vec::new();
        while let Some(key) = self.key(false, Some(open))? {
            let value = self.value(&key)?;
            let k = key.text;
            match value {
                Value::List(inner) if k.eq_ignore_ascii_case("node") => {
                    self.count_item(&key)?;
                    let node = self.node(&key, &inner)?;
                    if node.id.is_empty() {
                        without_id.push(graph.nodes.len());
                    }
                    graph.nodes.push(node);
                }
                Value::List(inner) if k.eq_ignore_ascii_case("edge") => {
                    self.count_item(&key)?;
                    let edge = self.edge(&key, &inner)?;
                    graph.edges.push(edge);
                }
                Value::List(inner) => self.skip_list(&inner, 2)?,
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("directed") => {
                    graph.directed = self.directed(&key, scalar);
                    declared = true;
                }
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("label") => {
                    let text = scalar.text();
                    if !text.trim().is_empty() {
                        graph.name = Some(text.into_owned());
                        name_from_label = true;
                    }
                }
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("name") && !name_from_label => {
                    let text = scalar.text();
                    if !text.trim().is_empty() {
                        graph.name = Some(text.into_owned());
                    }
                }
                Value::Scalar(_) => {}
            }
        }
        self.fix_ids(&mut graph, &without_id);
        Ok((graph, declared))
    }

    /// Gives nodes without id a generated one and drops nodes whose id was used before.
    fn fix_ids(&mut self, graph: &mut RawGraph, without_id: &[usize]) {
        let mut duplicates = Vec::new();
        {
            let mut seen: HashSet<&str> = HashSet::with_capacity(graph.nodes.len());
            for (index, node) in graph.nodes.iter().enumerate() {
                if !node.id.is_empty() && !seen.insert(node.id.as_str()) {
                    duplicates.push(index);
                }
            }
        }
        for &index in &duplicates {
            if let Some(node) = graph.nodes.get(index) {
                let message = format!(
                    "node id {} is used again here; this node is dropped (the first one is kept)",
                    shorten(&node.id)
                );
                self.warnings.push(node.line, 1, message);
            }
        }
        if !without_id.is_empty() {
            let mut used: HashSet<String> = graph.nodes.iter().map(|n| n.id.clone()).collect();
            for &index in without_id {
                let Some(node) = graph.nodes.get_mut(index) else { continue };
                let mut id = format!("node-{}", index + 1);
                while used.contains(&id) {
                    id.push('_');
                }
                used.insert(id.clone());
                let message = format!("node without id: given the id {id} (edges cannot refer to it)");
                self.warnings.push(node.line, 1, message);
                node.id = id;
            }
        }
        if !duplicates.is_empty() {
            let mut index = 0;
            graph.nodes.retain(|_| {
                let keep = duplicates.binary_search(&index).is_err();
                index += 1;
                keep
            });
        }
    }

    fn node(&mut self, key: &Token<'a>, open: &Token<'a>) -> Result<RawNode, ParseError> {
        let mut node = RawNode { line: key.line, ..RawNode::default() };
        let mut has_id = false;
        let mut has_label = false;
        while let Some(key) = self.key(false, Some(open))? {
            let value = self.value(&key)?;
            let k = key.text;
            match value {
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("id") => {
                    if has_id {
                        return Err(self.lexer.error(&key, "a node has two ids (expected one id per node)"));
                    }
                    has_id = true;
                    node.id = scalar.text().into_owned();
                    if node.id.is_empty() {
                        return Err(self.lexer.error(&key, "empty node id (expected id 1 or id \"name\")"));
                    }
                }
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("label") => {
                    if has_label {
                        self.warn(&key, "a node has two labels; the first is kept".to_owned());
                    } else {
                        has_label = true;
                        let text = scalar.text();
                        if !text.is_empty() {
                            node.label = Some(text.into_owned());
                        }
                    }
                }
                Value::List(inner) if k.eq_ignore_ascii_case("graphics") => {
                    self.graphics(&inner, &mut node)?;
                }
                Value::List(inner) if k.eq_ignore_ascii_case("LabelGraphics") => self.skip_list(&inner, 3)?,
                Value::List(inner) => {
                    self.nested_attrs(k, &inner, &mut node.attrs, 3)?;
                }
                Value::Scalar(scalar) => self.insert_attr(&key, k.to_owned(), scalar.attr(), &mut node.attrs),
            }
        }
        Ok(node)
    }

    fn insert_attr(
        &mut self,
        key: &Token<'_>,
        name: String,
        value: AttrValue,
        attrs: &mut crate::io::raw::Attrs,
    ) {
        match attrs.entry(name) {
            crate::model::AttrEntry::Occupied(entry) => {
                let message =
                    format!("the key {} is repeated; the first value is kept", shorten(entry.key()));
                self.warn(key, message);
            }
            crate::model::AttrEntry::Vacant(entry) => {
                entry.insert(value);
            }
        }
    }

    /// A list other than graphics: its scalars become `prefix.key` attributes.
    fn nested_attrs(
        &mut self,
        prefix: &str,
        open: &Token<'a>,
        attrs: &mut crate::io::raw::Attrs,
        depth: usize,
    ) -> Result<(), ParseError> {
        self.check_depth(open, depth)?;
        while let Some(key) = self.key(false, Some(open))? {
            let name = format!("{prefix}.{}", key.text);
            match self.value(&key)? {
                Value::Scalar(scalar) => self.insert_attr(&key, name, scalar.attr(), attrs),
                Value::List(inner) => self.nested_attrs(&name, &inner, attrs, depth + 1)?,
            }
        }
        Ok(())
    }

    fn graphics(&mut self, open: &Token<'a>, node: &mut RawNode) -> Result<(), ParseError> {
        let (mut x, mut y, mut w, mut h) = (None, None, None, None);
        while let Some(key) = self.key(false, Some(open))? {
            let value = self.value(&key)?;
            let k = key.text;
            match value {
                Value::List(inner) => self.skip_list(&inner, 4)?,
                Value::Scalar(scalar) => {
                    let number = scalar.number().filter(|n| n.is_finite());
                    if k.eq_ignore_ascii_case("x") {
                        x = number;
                    } else if k.eq_ignore_ascii_case("y") {
                        y = number;
                    } else if k.eq_ignore_ascii_case("w") {
                        w = number;
                    } else if k.eq_ignore_ascii_case("h") {
                        h = number;
                    } else if k.eq_ignore_ascii_case("fill") {
                        let text = scalar.text();
                        match parse_colour(&text) {
                            Some(colour) => node.colour = Some(colour),
                            None => self.warn(
                                &key,
                                format!("fill colour {} is not #rrggbb; ignored", shorten(&text)),
                            ),
                        }
                    }
                }
            }
        }
        if let (Some(x), Some(y)) = (x, y) {
            node.position = Some([x, y]);
        }
        if let Some(size) = w.or(h).filter(|s| *s > 0.0) {
            node.size = Some(size);
        }
        Ok(())
    }

    fn edge(&mut self, edge_key: &Token<'a>, open: &Token<'a>) -> Result<RawEdge, ParseError> {
        let mut edge = RawEdge { line: edge_key.line, ..RawEdge::default() };
        let (mut source, mut target) = (None, None);
        let mut weight_key = false;
        while let Some(key) = self.key(false, Some(open))? {
            let value = self.value(&key)?;
            let k = key.text;
            match value {
                Value::Scalar(scalar)
                    if k.eq_ignore_ascii_case("source") || k.eq_ignore_ascii_case("target") =>
                {
                    let slot = if k.eq_ignore_ascii_case("source") { &mut source } else { &mut target };
                    if slot.is_some() {
                        return Err(self.lexer.error(
                            &key,
                            format!(
                                "an edge has two {}s (expected one source and one target)",
                                k.to_lowercase()
                            ),
                        ));
                    }
                    *slot = Some(scalar.text().into_owned());
                }
                Value::Scalar(_) if k.eq_ignore_ascii_case("weight") && weight_key => {
                    self.warn(&key, "an edge has two weights; the first is kept".to_owned());
                }
                Value::Scalar(scalar) if k.eq_ignore_ascii_case("weight") => {
                    weight_key = true;
                    match scalar.number() {
                        Some(n) => edge.weight = Some(n),
                        None => {
                            let text = scalar.text().into_owned();
                            self.warn(
                                &key,
                                format!("weight {} is not a number; kept as an attribute", shorten(&text)),
                            );
                            edge.attrs.insert(k.to_owned(), AttrValue::Text(text));
                        }
                    }
                }
                Value::List(inner)
                    if k.eq_ignore_ascii_case("graphics") || k.eq_ignore_ascii_case("LabelGraphics") =>
                {
                    self.skip_list(&inner, 3)?;
                }
                Value::List(inner) => self.nested_attrs(k, &inner, &mut edge.attrs, 3)?,
                Value::Scalar(scalar) => self.insert_attr(&key, k.to_owned(), scalar.attr(), &mut edge.attrs),
            }
        }
        if edge.weight.is_none() && !weight_key {
            edge.weight = edge.attrs.get("value").and_then(|v| match v {
                AttrValue::Number(n) => Some(*n),
                AttrValue::Text(_) | AttrValue::Bool(_) => None,
            });
        }
        let missing = |what: &str| {
            self.lexer.error(
                edge_key,
                format!("an edge without {what} (expected source ID and target ID inside edge [ ... ])"),
            )
        };
        edge.source = source.ok_or_else(|| missing("source"))?;
        edge.target = target.ok_or_else(|| missing("target"))?;
        Ok(edge)
    }
}

/// Text for a message: at most 40 characters.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() { format!("{short}...") } else { short }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
