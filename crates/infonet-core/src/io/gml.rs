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

use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::{ParseError, ParseWarning};

/// Deepest nesting of `[ ... ]` lists accepted.
pub const MAX_DEPTH: usize = 256;

/// Most nodes or edges in one file.
pub const MAX_ITEMS: usize = 10_000_000;

/// Most warnings listed one by one; the rest are counted in a last warning.
const MAX_WARNINGS: usize = 200;

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

/// `#rrggbb` or `#rgb` (the `#` optional).
fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => {
            let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
            Some([channel(0)?, channel(2)?, channel(4)?])
        }
        3 => {
            let channel =
                |i: usize| hex.get(i..=i).and_then(|h| u8::from_str_radix(h, 16).ok()).map(|v| v * 17);
            Some([channel(0)?, channel(1)?, channel(2)?])
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Warnings

#[derive(Default)]
struct Warnings {
    list: Vec<ParseWarning>,
    dropped: usize,
}

impl Warnings {
    fn push(&mut self, line: u32, column: u32, message: String) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(ParseWarning { file: String::new(), line, column, message });
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Vec<ParseWarning> {
        if self.dropped > 0 {
            let (line, column) = self.list.last().map_or((1, 1), |w| (w.line, w.column));
            self.list.push(ParseWarning {
                file: String::new(),
                line,
                column,
                message: format!("{} more warnings not listed", self.dropped),
            });
        }
        self.list
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
mod tests {
    use super::*;

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
        let latin1 =
            encoding_rs::WINDOWS_1252.encode("graph [ node [ id 1 label \"Bjørn\" ] ]").0.into_owned();
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
        assert_eq!(
            g.nodes.get(3).and_then(|n| n.attrs.get("Foo")),
            Some(&AttrValue::Text("bar & baz".into()))
        );
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
        assert_eq!(
            file.warnings.first().map(|w| (w.line, w.message.contains("used again"))),
            Some((2, true))
        );
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
        let file =
            parse("Version 3\ngraph [\n    directed 2\n    node [ ] node  [ ]\n    composite [ a 1 ]\n]");
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
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "graph",
        "Graph",
        "node",
        "edge",
        "id",
        "label",
        "source",
        "target",
        "directed",
        "graphics",
        "x",
        "y",
        "w",
        "fill",
        "weight",
        "value",
        "[",
        "]",
        "[",
        "]",
        "1",
        "2",
        "-Inf",
        "NaN",
        "1.5e3",
        "\"a\"",
        "\"#ff0000\"",
        "\"\\\"",
        "\"&amp;",
        "#",
        "\n",
        "\r",
        " ",
        "\t",
        "A",
        "ø",
        "\"",
        "\\",
        "&#230;",
    ];

    fn gml_like() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..120)
            .prop_map(|pieces| pieces.join(" "))
    }

    fn check(bytes: &[u8]) {
        if let Err(error) = parse_gml(bytes) {
            assert!(error.line > 0 && error.column > 0, "{error:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check(&bytes);
        }

        #[test]
        fn gml_like_text_never_panics(text in gml_like()) {
            check(text.as_bytes());
            let framed = format!("graph [ {text} ]");
            check(framed.as_bytes());
            let nodes = format!("graph [ node [ {text} ] edge [ source 1 target 2 {text} ] ]");
            check(nodes.as_bytes());
        }

        #[test]
        fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
            check(text.as_bytes());
            check(format!("graph [ node [ id 1 label \"{text}\" ] ]").as_bytes());
        }
    }
}
