//! Plain edge lists (networkx `write_edgelist`, SNAP, the layout benchmark's `.edges`, hand-made
//! `a;b;2` lists) and the layout benchmark's `.init` start positions.
//!
//! # Edge lists
//!
//! One edge per line: two node ids, then optionally more columns.
//!
//! - **Separator**: sniffed from the first data line, outside double quotes: a tab if it has one,
//!   else `;`, else `,`, else runs of blanks (spaces and tabs). With `,`/`;`/tab, blanks around
//!   fields are trimmed and ids may contain spaces; with blanks, ids containing spaces must be
//!   quoted (`"Kari Nordmann" "Ola Hansen"`; `""` is a quote inside quotes).
//! - **Ids** are text exactly as written (trimmed): `007` and `7` are different nodes.
//! - **Comments**: lines whose first non-blank character is `#` or `%` (networkx, SNAP, Pajek-style
//!   tools), and a ` #` comment at the end of a data line (networkx strips those too).
//! - **Header comments** (before the first data line):
//!   - `# nodes N edges M` (the layout benchmark) and SNAP's `# Nodes: N Edges: M` declare counts.
//!     A different number of edges, or of distinct ids, gives a warning. When every id is a plain
//!     non-negative integer below N (no sign, no leading zeros), the nodes are listed as `0`..`N-1`
//!     in numeric order, including isolated ones the header counts (the benchmark numbers its
//!     `.init` lines that way); otherwise nodes are in order of first appearance.
//!   - The word `directed` (SNAP: `# Directed graph (each unordered pair ...)`) makes the graph
//!     directed. Otherwise an edge list is **undirected**, as networkx's `read_edgelist` reads it
//!     by default and as the benchmark's files are; the word `undirected` changes nothing.
//! - **Header line**: a first data line whose first two fields are `source`/`target`, `from`/`to`,
//!   `fra`/`til`, `node1`/`node2` or `u`/`v` (any case) names the columns; then a column named
//!   `weight`/`vekt` is the weight, a column named `type` with `directed`/`undirected` values gives
//!   the edge's direction (Gephi), and other columns are attributes under their header names.
//! - **Without a header line**: the third column is the weight when every third-column value in
//!   the file is a number (decimal comma allowed in `;` and tab files); otherwise it is the text
//!   attribute `col3`. Columns 4, 5, ... are attributes `col4`, `col5`, ... (numbers, `true`/`false`,
//!   or text). A networkx data dict after the two ids (`1 2 {'weight': 3, 'kind': 'x'}`, as
//!   `write_edgelist` writes it) gives the weight and the attributes.
//! - A line with a single id declares a node without edges (one warning for all such lines).
//! - Duplicate edges and self-loops are kept (the build step counts and drops them).
//!
//! Parsing borrows ids from the decoded text and interns them once, so a 300,000-edge file takes
//! a few tens of milliseconds in a release build.
//!
//! # Layout start positions (`.init`)
//!
//! [`parse_layout_init`]: exactly N lines `x y` (finite floats, exponent form allowed), line i for
//! node i.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::diagnostics::{Line, Warnings, char_column, lines, warning};
use super::limits::{MAX_COLUMNS, MAX_ITEMS};
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};
use super::{ParseError, ParseWarning, decode, parse_number};

/// How the fields of a line are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Separator {
    Blanks,
    Tab,
    Semicolon,
    Comma,
}

impl Separator {
    fn byte(self) -> Option<u8> {
        match self {
            Self::Blanks => None,
            Self::Tab => Some(b'\t'),
            Self::Semicolon => Some(b';'),
            Self::Comma => Some(b','),
        }
    }

    /// Sniffs the separator from a data line, outside double quotes and before a networkx data
    /// dict (`{...}`).
    fn sniff(line: &str) -> Self {
        let (mut tab, mut semicolon, mut comma) = (false, false, false);
        let mut quoted = false;
        for b in line.bytes() {
            match b {
                b'"' => quoted = !quoted,
                b'{' if !quoted => break,
                b'\t' if !quoted => tab = true,
                b';' if !quoted => semicolon = true,
                b',' if !quoted => comma = true,
                _ => {}
            }
        }
        if tab {
            Self::Tab
        } else if semicolon {
            Self::Semicolon
        } else if comma {
            Self::Comma
        } else {
            Self::Blanks
        }
    }
}

/// One field of a line: its text and the byte offset of its first character in the line.
#[derive(Clone, Debug)]
struct Token<'a> {
    text: Cow<'a, str>,
    offset: usize,
}

fn error_at(line_number: u32, line: &str, offset: usize, message: impl Into<String>) -> ParseError {
    ParseError::new(line_number, char_column(line, offset), message)
}

fn warning_at(line_number: u32, line: &str, offset: usize, message: impl Into<String>) -> ParseWarning {
    warning(line_number, char_column(line, offset), message)
}

/// Whether a line is a comment (`#` or `%` first) or blank.
fn is_comment_or_blank(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('%')
}

/// The line without a trailing ` #...` comment (a `#` after a blank, outside quotes).
fn strip_trailing_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    if !bytes.contains(&b'#') {
        return line;
    }
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'#' if !quoted && i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\t')) => {
                return line.get(..i).unwrap_or(line);
            }
            _ => {}
        }
    }
    line
}

/// Splits one line into fields. Reuses `out`; unquoted fields borrow from `line`.
fn split_fields<'a>(
    line: &'a str,
    separator: Separator,
    line_number: u32,
    out: &mut Vec<Token<'a>>,
    stop_at_dict: bool,
) -> Result<Option<usize>, ParseError> {
    out.clear();
    let bytes = line.as_bytes();
    let mut pos = 0_usize;
    let is_blank = |b: u8| b == b' ' || b == b'\t';
    loop {
        // Skip blanks before the field.
        while bytes.get(pos).is_some_and(|&b| is_blank(b) && Some(b) != separator.byte()) {
            pos += 1;
        }
        if pos >= bytes.len() {
            // A separator at the very end leaves an empty last field: dropped below.
            if separator != Separator::Blanks && line_ends_with_separator(line, separator) {
                out.push(Token { text: Cow::Borrowed(""), offset: pos });
            }
            break;
        }
        if out.len() >= MAX_COLUMNS {
            return Err(error_at(
                line_number,
                line,
                pos,
                format!("more than {MAX_COLUMNS} columns on one line"),
            ));
        }
        // After two ids, a networkx data dict takes the rest of the line.
        if stop_at_dict && out.len() >= 2 && bytes.get(pos) == Some(&b'{') {
            return Ok(Some(pos));
        }
        let start = pos;
        let text = if bytes.get(pos) == Some(&b'"') {
            let (text, end) = read_quoted(line, pos, line_number)?;
            pos = end;
            // Text after the closing quote up to the separator is kept, as spreadsheets do.
            let tail_end = field_end(bytes, pos, separator);
            let tail = line.get(pos..tail_end).unwrap_or_default().trim_end();
            pos = tail_end;
            if tail.is_empty() { text } else { Cow::Owned(format!("{text}{tail}")) }
        } else {
            let end = field_end(bytes, pos, separator);
            let text = line.get(pos..end).unwrap_or_default().trim_end();
            pos = end;
            Cow::Borrowed(text)
        };
        out.push(Token { text, offset: start });
        match separator.byte() {
            Some(sep) => {
                if bytes.get(pos) == Some(&sep) {
                    pos += 1;
                    if pos >= bytes.len() {
                        out.push(Token { text: Cow::Borrowed(""), offset: pos });
                        break;
                    }
                } else {
                    break;
                }
            }
            None => {
                if pos >= bytes.len() {
                    break;
                }
            }
        }
    }
    while out.last().is_some_and(|t| t.text.is_empty()) {
        out.pop();
    }
    Ok(None)
}

fn line_ends_with_separator(line: &str, separator: Separator) -> bool {
    separator.byte().is_some_and(|sep| line.trim_end_matches([' ', '\t']).as_bytes().last() == Some(&sep))
}

/// End of an unquoted field: the separator (or, for blanks, the next blank) or the end of line.
fn field_end(bytes: &[u8], from: usize, separator: Separator) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    let found = match separator.byte() {
        Some(sep) => rest.iter().position(|&b| b == sep),
        None => rest.iter().position(|&b| b == b' ' || b == b'\t'),
    };
    found.map_or(bytes.len(), |i| from + i)
}

/// A quoted field starting at `start` (the quote): its text and the offset after the closing quote.
fn read_quoted(line: &str, start: usize, line_number: u32) -> Result<(Cow<'_, str>, usize), ParseError> {
    let bytes = line.as_bytes();
    let mut pos = start + 1;
    let mut owned: Option<String> = None;
    let mut chunk_start = pos;
    loop {
        let Some(offset) = bytes.get(pos..).and_then(|rest| rest.iter().position(|&b| b == b'"')) else {
            return Err(error_at(
                line_number,
                line,
                start,
                "unclosed quote: an id that starts with \" must end with \" on the same line",
            ));
        };
        let quote = pos + offset;
        if bytes.get(quote + 1) == Some(&b'"') {
            let text = owned.get_or_insert_with(String::new);
            text.push_str(line.get(chunk_start..quote).unwrap_or_default());
            text.push('"');
            pos = quote + 2;
            chunk_start = pos;
        } else {
            let piece = line.get(chunk_start..quote).unwrap_or_default();
            let text = match owned {
                Some(mut text) => {
                    text.push_str(piece);
                    Cow::Owned(text)
                }
                None => Cow::Borrowed(piece),
            };
            return Ok((text, quote + 1));
        }
    }
}

/// A typed attribute value from a cell: number, `true`/`false`, or text.
fn typed_value(text: &str) -> AttrValue {
    if let Some(number) = parse_number(text) {
        AttrValue::Number(number)
    } else if text.eq_ignore_ascii_case("true") {
        AttrValue::Bool(true)
    } else if text.eq_ignore_ascii_case("false") {
        AttrValue::Bool(false)
    } else {
        AttrValue::Text(text.to_owned())
    }
}

/// What the header comments said.
#[derive(Debug, Default)]
struct Declared {
    nodes: Option<(usize, u32)>,
    edges: Option<(usize, u32)>,
    directed: bool,
}

impl Declared {
    /// Reads `nodes N`, `edges M` (also `Nodes: N Edges: M`) and the word `directed`.
    fn read_comment(&mut self, line: &str, from: usize, line_number: u32) -> Result<(), ParseError> {
        let comment = line.get(from..).unwrap_or_default();
        let mut words = comment.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
        while let Some(word) = words.next() {
            let lower = word.to_lowercase();
            let slot = match lower.as_str() {
                "directed" => {
                    self.directed = true;
                    continue;
                }
                "nodes" | "vertices" => &mut self.nodes,
                "edges" | "arcs" => &mut self.edges,
                _ => continue,
            };
            let Some(number) = words.peek().filter(|w| w.bytes().all(|b| b.is_ascii_digit())) else {
                continue;
            };
            let offset = from + comment.find(*number).unwrap_or(0);
            let count = match number.parse::<usize>() {
                Ok(count) if count <= MAX_ITEMS => count,
                _ => {
                    return Err(error_at(
                        line_number,
                        line,
                        offset,
                        format!("the header declares {number} {lower}; at most {MAX_ITEMS} are supported"),
                    ));
                }
            };
            if slot.is_none() {
                *slot = Some((count, line_number));
            }
            words.next();
        }
        Ok(())
    }
}

/// The roles of columns 3, 4, ... named by a header line.
#[derive(Debug)]
enum ColumnRole {
    Weight,
    Type,
    Attribute(String),
}

fn header_pair(a: &str, b: &str) -> bool {
    const PAIRS: &[(&str, &str)] =
        &[("source", "target"), ("from", "to"), ("fra", "til"), ("node1", "node2"), ("u", "v")];
    PAIRS.iter().any(|(x, y)| a.eq_ignore_ascii_case(x) && b.eq_ignore_ascii_case(y))
}

/// A fast non-cryptographic hash for short ids (the multiply-rotate scheme of rustc's FxHasher).
/// Hash flooding is not a concern for a local file; speed is.
#[derive(Clone, Copy, Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut hash = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0_u8; 8];
            if let Some(slot) = word.get_mut(..rest.len()) {
                slot.copy_from_slice(rest);
            }
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        self.0 = hash;
    }

    fn write_u8(&mut self, byte: u8) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Interned node ids in order of first appearance.
#[derive(Default)]
struct Interner<'a> {
    index: HashMap<Cow<'a, str>, u32, BuildHasherDefault<IdHasher>>,
    /// Fast path for plain integer ids (no sign, no leading zeros) below `numeric_limit`: the
    /// interned index + 1 by value (0 = not seen).
    numeric: Vec<u32>,
    numeric_limit: usize,
    ids: Vec<(Cow<'a, str>, u32)>,
}

/// The value of a plain non-negative integer id (`0`, `17`; not `007`, `+1`, `1.0`).
fn plain_integer(id: &str) -> Option<usize> {
    let bytes = id.as_bytes();
    if bytes.is_empty() || bytes.len() > 9 || (bytes.len() > 1 && bytes.first() == Some(&b'0')) {
        return None;
    }
    let mut value = 0_usize;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + usize::from(b - b'0');
    }
    Some(value)
}

impl<'a> Interner<'a> {
    /// An interner for a text of `text_len` bytes: integer ids up to that length take the fast
    /// path (so its table is never larger than 4 bytes per byte of text).
    fn with_capacity(capacity: usize, text_len: usize) -> Self {
        Self {
            index: HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default()),
            numeric: Vec::new(),
            numeric_limit: text_len.min(MAX_ITEMS),
            ids: Vec::with_capacity(capacity),
        }
    }

    fn intern(&mut self, id: Cow<'a, str>, line: u32) -> Result<u32, ()> {
        let numeric = plain_integer(&id).filter(|&value| value < self.numeric_limit);
        if let Some(value) = numeric {
            if let Some(&slot) = self.numeric.get(value)
                && slot > 0
            {
                return Ok(slot - 1);
            }
        } else if let Some(&index) = self.index.get(id.as_ref()) {
            return Ok(index);
        }
        if self.ids.len() >= MAX_ITEMS {
            return Err(());
        }
        let index = u32::try_from(self.ids.len()).map_err(|_| ())?;
        match numeric {
            Some(value) => {
                if self.numeric.len() <= value {
                    let wanted = (value + 1).max(self.numeric.len() * 2).min(self.numeric_limit);
                    self.numeric.resize(wanted.max(value + 1), 0);
                }
                if let Some(slot) = self.numeric.get_mut(value) {
                    *slot = index + 1;
                }
            }
            None => {
                self.index.insert(id.clone(), index);
            }
        }
        self.ids.push((id, line));
        Ok(index)
    }
}

/// Parses an edge list (see the module documentation for the accepted shapes).
pub fn parse_edge_list(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let text = super::text::decode_as(bytes, "an edge list")?;
    parse_edge_list_text(&text)
}

fn parse_edge_list_text(text: &str) -> Result<RawFile, ParseError> {
    let mut warnings = Warnings::default();
    let mut declared = Declared::default();
    let mut separator: Option<Separator> = None;
    let mut header: Option<Vec<ColumnRole>> = None;
    // Room for one edge per line (a line with an edge has at least 4 bytes).
    let line_ends = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let guess = line_ends.min(text.len() / 4 + 1).min(MAX_ITEMS);
    let mut interner = Interner::with_capacity(guess / 2, text.len());
    let mut edges: Vec<RawEdge> = Vec::with_capacity(guess);
    let mut fields: Vec<Token<'_>> = Vec::new();
    let mut seen_data = false;
    // Column 3 without a header: weight unless some value is not a number.
    let mut third_is_text = false;
    let mut third_values: Vec<(usize, f64)> = Vec::new();
    // Lines with a single id: the first one's line and column, and how many.
    let mut single_ids: Option<(u32, u32, usize)> = None;

    for Line { number: line_number, text: line, .. } in lines(text) {
        if is_comment_or_blank(line) {
            if !seen_data && !line.trim().is_empty() {
                // Skip the blanks and the `#` or `%`.
                let start = line.len() - line.trim_start().len() + 1;
                declared.read_comment(line, start, line_number)?;
            }
            continue;
        }
        let data = strip_trailing_comment(line);
        let separator = *separator.get_or_insert_with(|| Separator::sniff(data));
        let dict_at = split_fields(data, separator, line_number, &mut fields, header.is_none())?;
        let first_data = !seen_data;
        seen_data = true;
        if first_data
            && let [a, b, rest @ ..] = fields.as_slice()
            && header_pair(&a.text, &b.text)
        {
            header = Some(
                rest.iter()
                    .map(|t| {
                        let name = t.text.trim();
                        if name.eq_ignore_ascii_case("weight") || name.eq_ignore_ascii_case("vekt") {
                            ColumnRole::Weight
                        } else if name.eq_ignore_ascii_case("type") {
                            ColumnRole::Type
                        } else {
                            ColumnRole::Attribute(name.to_owned())
                        }
                    })
                    .collect(),
            );
            continue;
        }
        let (source, target) = match fields.as_slice() {
            [] => continue,
            [only] => {
                if only.text.is_empty() {
                    continue;
                }
                interner
                    .intern(only.text.clone(), line_number)
                    .map_err(|()| error_at(line_number, line, only.offset, too_many("nodes")))?;
                single_ids = Some(match single_ids {
                    Some((first_line, column, count)) => (first_line, column, count + 1),
                    None => (line_number, char_column(line, only.offset), 1),
                });
                continue;
            }
            [source, target, ..] => (source, target),
        };
        for (token, what) in [(source, "source"), (target, "target")] {
            if token.text.is_empty() {
                return Err(error_at(
                    line_number,
                    line,
                    token.offset,
                    format!("the {what} id is empty; every line needs two ids (source and target)"),
                ));
            }
        }
        if edges.len() >= MAX_ITEMS {
            return Err(error_at(line_number, line, 0, too_many("edges")));
        }
        interner
            .intern(source.text.clone(), line_number)
            .map_err(|()| error_at(line_number, line, source.offset, too_many("nodes")))?;
        interner
            .intern(target.text.clone(), line_number)
            .map_err(|()| error_at(line_number, line, target.offset, too_many("nodes")))?;
        let mut edge = RawEdge {
            source: source.text.as_ref().to_owned(),
            target: target.text.as_ref().to_owned(),
            line: line_number,
            ..RawEdge::default()
        };
        if let Some(dict_offset) = dict_at {
            let dict_text = data.get(dict_offset..).unwrap_or_default();
            let entries = parse_python_dict(dict_text)
                .map_err(|(offset, message)| error_at(line_number, line, dict_offset + offset, message))?;
            for (key, value) in entries {
                match (key.as_str(), value) {
                    ("weight", AttrValue::Number(weight)) => edge.weight = Some(weight),
                    (_, value) => {
                        edge.attrs.insert(key, value);
                    }
                }
            }
        } else if let Some(roles) = &header {
            for (token, role) in fields.iter().skip(2).zip(roles) {
                let value = token.text.as_ref();
                if value.is_empty() {
                    continue;
                }
                match role {
                    ColumnRole::Weight => match parse_number(value) {
                        Some(weight) => edge.weight = Some(weight),
                        None => {
                            return Err(error_at(
                                line_number,
                                line,
                                token.offset,
                                format!("weight {value:?} is not a number"),
                            ));
                        }
                    },
                    ColumnRole::Type if value.eq_ignore_ascii_case("directed") => edge.directed = Some(true),
                    ColumnRole::Type if value.eq_ignore_ascii_case("undirected") => {
                        edge.directed = Some(false);
                    }
                    ColumnRole::Type => {
                        edge.attrs.insert("type".to_owned(), typed_value(value));
                    }
                    ColumnRole::Attribute(name) => {
                        edge.attrs.insert(name.clone(), typed_value(value));
                    }
                }
            }
            if let Some(extra) = fields.get(2 + roles.len()) {
                warnings.push_warning(warning_at(
                    line_number,
                    line,
                    extra.offset,
                    "this line has more columns than the header; the extra values are ignored",
                ));
            }
        } else {
            for (index, token) in fields.iter().enumerate().skip(2) {
                let value = token.text.as_ref();
                if value.is_empty() {
                    continue;
                }
                if index == 2 {
                    match parse_number(value) {
                        Some(weight) if !third_is_text => {
                            third_values.push((edges.len(), weight));
                            edge.weight = Some(weight);
                        }
                        Some(weight) => {
                            edge.attrs.insert("col3".to_owned(), AttrValue::Number(weight));
                        }
                        None => {
                            if !third_is_text {
                                third_is_text = true;
                                warnings.push_warning(warning_at(
                                    line_number,
                                    line,
                                    token.offset,
                                    format!(
                                        "column 3 holds {value:?}, not a number, so column 3 is read as \
                                         the attribute col3 instead of a weight"
                                    ),
                                ));
                            }
                            edge.attrs.insert("col3".to_owned(), AttrValue::Text(value.to_owned()));
                        }
                    }
                } else {
                    edge.attrs.insert(format!("col{}", index + 1), typed_value(value));
                }
            }
        }
        edges.push(edge);
    }

    if third_is_text {
        for (index, weight) in third_values {
            if let Some(edge) = edges.get_mut(index) {
                edge.weight = None;
                edge.attrs.insert("col3".to_owned(), AttrValue::Number(weight));
            }
        }
    }
    if let Some((line, column, count)) = single_ids {
        warnings.push_warning(ParseWarning {
            file: String::new(),
            line,
            column,
            message: format!(
                "{} a single id; read as {} without edges",
                if count == 1 { "1 line has".to_owned() } else { format!("{count} lines have") },
                if count == 1 { "a node" } else { "nodes" }
            ),
        });
    }
    if !seen_data && declared.nodes.is_none() && declared.edges.is_none() {
        return Err(ParseError::new(
            1,
            1,
            "no edges found: an edge list has one \"source target\" pair per line (lines starting with # or % \
             are comments)",
        ));
    }
    if let Some((count, line)) = declared.edges
        && count != edges.len()
    {
        warnings.push_warning(ParseWarning {
            file: String::new(),
            line,
            column: 1,
            message: format!("the header declares {count} edges but the file lists {}", edges.len()),
        });
    }
    let graph = build_graph(&interner, edges, &declared, &mut warnings);
    Ok(RawFile { graphs: vec![graph], warnings: warnings.finish() })
}

fn too_many(what: &str) -> String {
    format!("more than {MAX_ITEMS} {what}; this is too large to read")
}

/// Turns the interned ids into nodes and adds the edges: a [`RawGraph`].
fn build_graph(
    interner: &Interner<'_>,
    edges: Vec<RawEdge>,
    declared: &Declared,
    warnings: &mut Warnings,
) -> RawGraph {
    let distinct = interner.ids.len();
    let numbered = declared.nodes.and_then(|(count, _)| numeric_order(&interner.ids, count, distinct));
    let nodes: Vec<RawNode> = match &numbered {
        Some(lines) => lines
            .iter()
            .enumerate()
            .map(|(i, &line)| RawNode { id: i.to_string(), line, ..RawNode::default() })
            .collect(),
        None => interner
            .ids
            .iter()
            .map(|(id, line)| RawNode { id: id.as_ref().to_owned(), line: *line, ..RawNode::default() })
            .collect(),
    };
    if let Some((count, line)) = declared.nodes
        && count != distinct
        && !(numbered.is_some() && count > distinct)
    {
        warnings.push_warning(ParseWarning {
            file: String::new(),
            line,
            column: 1,
            message: format!("the header declares {count} nodes but the file names {distinct} distinct ids"),
        });
    }
    RawGraph { name: None, directed: declared.directed, nodes, edges }
}

/// When every id is a canonical integer below `count` (and `count` is plausible), the first line
/// of each node `0..count` (0 for nodes only the header counts).
fn numeric_order(ids: &[(Cow<'_, str>, u32)], count: usize, distinct: usize) -> Option<Vec<u32>> {
    // Isolated nodes come only from the header; do not let a tiny file declare millions.
    if count > distinct.saturating_mul(4).saturating_add(10_000) {
        return None;
    }
    let mut lines = vec![0_u32; count];
    for (id, line) in ids {
        let id = id.as_ref();
        let canonical = !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && (id == "0" || !id.starts_with('0'))
            && id.len() <= 12;
        if !canonical {
            return None;
        }
        let value: usize = id.parse().ok()?;
        *lines.get_mut(value)? = *line;
    }
    Some(lines)
}

/// Parses a Python dict literal as networkx writes it (`{'weight': 2.5, 'kind': 'x'}`): string
/// keys; values numbers, strings, `True`/`False` (`None` is skipped); lists, tuples and nested
/// dicts are kept as their text. Returns the entries, or the byte offset and message of an error.
fn parse_python_dict(text: &str) -> Result<Vec<(String, AttrValue)>, (usize, String)> {
    let expected = "expected a Python dict such as {'weight': 2} after the two ids".to_owned();
    let bytes = text.as_bytes();
    let mut pos = 0;
    if bytes.first() != Some(&b'{') {
        return Err((0, expected));
    }
    pos += 1;
    let mut entries = Vec::new();
    let skip_blanks = |pos: &mut usize| {
        while bytes.get(*pos).is_some_and(|b| b.is_ascii_whitespace()) {
            *pos += 1;
        }
    };
    loop {
        skip_blanks(&mut pos);
        match bytes.get(pos) {
            Some(b'}') => {
                pos += 1;
                break;
            }
            Some(b'\'' | b'"') => {}
            _ => return Err((pos, expected)),
        }
        let (key, after) =
            python_string(text, pos).ok_or((pos, "unclosed string in the data dict".to_owned()))?;
        pos = after;
        skip_blanks(&mut pos);
        if bytes.get(pos) != Some(&b':') {
            return Err((pos, "expected ':' after the key in the data dict".to_owned()));
        }
        pos += 1;
        skip_blanks(&mut pos);
        let value_start = pos;
        let value = match bytes.get(pos) {
            Some(b'\'' | b'"') => {
                let (value, after) =
                    python_string(text, pos).ok_or((pos, "unclosed string in the data dict".to_owned()))?;
                pos = after;
                Some(AttrValue::Text(value))
            }
            Some(b'[' | b'(' | b'{') => {
                let end =
                    balanced_end(text, pos).ok_or((pos, "unclosed bracket in the data dict".to_owned()))?;
                pos = end;
                Some(AttrValue::Text(text.get(value_start..end).unwrap_or_default().to_owned()))
            }
            Some(_) => {
                let end = bytes
                    .get(pos..)
                    .and_then(|rest| rest.iter().position(|&b| b == b',' || b == b'}'))
                    .map_or(bytes.len(), |i| pos + i);
                let word = text.get(pos..end).unwrap_or_default().trim();
                pos = end;
                match word {
                    "True" => Some(AttrValue::Bool(true)),
                    "False" => Some(AttrValue::Bool(false)),
                    "None" => None,
                    _ => match word.parse::<f64>() {
                        Ok(number) => Some(AttrValue::Number(number)),
                        Err(_) => {
                            return Err((
                                value_start,
                                format!(
                                    "value {word:?} in the data dict is not a number, \
                                 string, True, False or None"
                                ),
                            ));
                        }
                    },
                }
            }
            None => return Err((pos, expected)),
        };
        if let Some(value) = value {
            entries.push((key, value));
        }
        skip_blanks(&mut pos);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b'}') => {
                pos += 1;
                break;
            }
            _ => return Err((pos, "expected ',' or '}' in the data dict".to_owned())),
        }
    }
    skip_blanks(&mut pos);
    if pos < bytes.len() {
        return Err((pos, "unexpected text after the data dict".to_owned()));
    }
    Ok(entries)
}

/// A Python string literal starting at `start` (the quote): its value and the offset after it.
fn python_string(text: &str, start: usize) -> Option<(String, usize)> {
    let quote = *text.as_bytes().get(start)?;
    let mut value = String::new();
    let mut chars = text.get(start + 1..)?.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, escaped) = chars.next()?;
                value.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    other => other,
                });
            }
            c if c as u32 == u32::from(quote) => return Some((value, start + 1 + i + 1)),
            c => value.push(c),
        }
    }
    None
}

/// End offset (after the closing bracket) of a bracketed Python value, skipping strings.
fn balanced_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut pos = start;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(pos + 1);
                }
            }
            b'\'' | b'"' => {
                let (_, after) = python_string(text, pos)?;
                pos = after;
                continue;
            }
            _ => {}
        }
        pos += 1;
    }
    None
}

/// Parses the layout benchmark's start positions: exactly `n` lines `x y` (finite floats; exponent
/// form allowed; blanks or a tab between), line i for node i. Blank lines at the end are ignored.
pub fn parse_layout_init(bytes: &[u8], n: usize) -> Result<Vec<[f64; 2]>, ParseError> {
    if n > MAX_ITEMS {
        return Err(ParseError::new(
            1,
            1,
            format!("{n} positions asked for; at most {MAX_ITEMS} are supported"),
        ));
    }
    let text = decode(bytes)?;
    let mut positions = Vec::with_capacity(n);
    let mut last_line = 0;
    let mut trailing_blank: Option<u32> = None;
    for Line { number: line_number, text: line, .. } in lines(&text) {
        last_line = line_number;
        if line.trim().is_empty() {
            trailing_blank.get_or_insert(line_number);
            continue;
        }
        if let Some(blank) = trailing_blank {
            return Err(ParseError::new(blank, 1, "blank line; expected one \"x y\" line per node"));
        }
        if positions.len() == n {
            return Err(ParseError::new(
                line_number,
                1,
                format!("more than {n} lines: expected exactly one \"x y\" line per node ({n} nodes)"),
            ));
        }
        let mut coordinates = [0.0_f64; 2];
        let mut fields = line.split_ascii_whitespace();
        for (axis, slot) in ["x", "y"].iter().zip(coordinates.iter_mut()) {
            let Some(field) = fields.next() else {
                return Err(error_at(
                    line_number,
                    line,
                    line.len(),
                    format!("missing {axis}: expected two numbers \"x y\""),
                ));
            };
            let offset = field.as_ptr() as usize - line.as_ptr() as usize;
            *slot = field.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                error_at(line_number, line, offset, format!("{axis} {field:?} is not a finite number"))
            })?;
        }
        if let Some(extra) = fields.next() {
            let offset = extra.as_ptr() as usize - line.as_ptr() as usize;
            return Err(error_at(line_number, line, offset, "expected two numbers \"x y\", found more"));
        }
        positions.push(coordinates);
    }
    if positions.len() < n {
        return Err(ParseError::new(
            last_line.saturating_add(1).max(1),
            1,
            format!("expected {n} lines of \"x y\" (one per node), found {}", positions.len()),
        ));
    }
    Ok(positions)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
