//! UCINET DL files: a keyword header, optional label lists, then `data:`.
//!
//! ```text
//! dl n=3 format=fullmatrix
//! labels:
//! anna,bo,cafe
//! data:
//! 0 1 0
//! 1 0 1
//! 0 0 0
//! ```
//!
//! What is read, and the policies:
//! - Header keywords are case-insensitive with free spacing around `=` and commas between them:
//!   `n`, `nr`/`nc` (a rectangular matrix), `nm` (several stacked matrices), `format`, `diagonal =
//!   present|absent`, `labels embedded` (also `row labels embedded`, `column labels embedded`).
//!   Sections: `labels:` (one list for rows and columns), `row labels:`, `column labels:`,
//!   `level labels:` / `matrix labels:` (the names of the stacked matrices), `data:`. Labels are
//!   separated by commas or line ends; when that does not give the expected count, spaces separate
//!   them too (UCINET's rule: quote labels with spaces). Quotes around labels are removed.
//! - Formats: `fullmatrix` (the default), `upperhalf`, `lowerhalf`, `edgelist1`, `nodelist1`.
//!   The two-mode list formats (`edgelist2`, `nodelist2`) and the rest are an error that names
//!   them.
//! - Nodes: one per row (`n`), in order; the id is the label when labels are given and unique
//!   (UCINET's labels are its names; `edgelist1` with embedded labels refers to nodes by them),
//!   else the 1-based number; the label goes to `label` as well. `edgelist1`/`nodelist1` with
//!   embedded labels add nodes in order of first appearance.
//! - Matrices: values are read as one stream, so rows may wrap over several lines. A non-zero
//!   cell is an edge with the cell as weight; 0 is no edge. Diagonal cells are self-loops and are
//!   kept (the build step drops them). A matrix that is symmetric becomes undirected edges from
//!   its upper triangle (Zachary's club reads as 78 edges), an asymmetric one directed arcs;
//!   `upperhalf`/`lowerhalf` are undirected. A rectangular (`nr` x `nc`, two-mode) matrix gives
//!   undirected edges from row nodes to column nodes; column nodes get ids after the rows (as in
//!   Pajek) unless they have labels of their own, and every node has `mode` = 1 or 2.
//!   Missing values are an error; values after the last matrix are ignored with a warning.
//! - `edgelist1` (`a b [weight]` per line) and `nodelist1` (`ego alter alter ...`) give directed
//!   arcs, as listed; a zero weight is no edge. Without embedded labels, numbers 1..n refer to
//!   nodes; a number above n is kept with a warning (the build step adds it), and a word that is
//!   not a number is taken as a label. In these formats a line `!` separates stacked matrices.
//! - Several matrices (`nm` > 1): one [`RawGraph`] per matrix, named by the level labels, or by
//!   its number when there are none.

use std::collections::HashMap;

use super::ParseError;
use super::diagnostics::{Warnings, char_column, lines};
use super::limits::MAX_ITEMS;
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};

/// Reads a UCINET DL file.
pub fn parse_dl(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let text = super::text::decode_as(bytes, "a UCINET DL file")?;
    let mut warnings = Warnings::default();
    let header = Header::parse(&text, &mut warnings)?;
    let graphs = read_data(&text, &header, &mut warnings)?;
    Ok(RawFile { graphs, warnings: warnings.finish() })
}

// ---------------------------------------------------------------------------------------------
// Positions and warnings

/// A piece of text with its position.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    quoted: bool,
    line: u32,
    /// Byte offset of the line's start in the file.
    line_start: usize,
    /// Byte offset of the token in the file.
    pos: usize,
}

impl Token<'_> {
    fn column(&self, text: &str) -> u32 {
        column(text, self.line_start, self.pos)
    }

    fn error(&self, text: &str, message: impl Into<String>) -> ParseError {
        ParseError::new(self.line, self.column(text), message)
    }

    fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }

    fn is(&self, word: &str) -> bool {
        !self.quoted && self.text.eq_ignore_ascii_case(word)
    }
}

fn column(text: &str, line_start: usize, pos: usize) -> u32 {
    char_column(text.get(line_start..).unwrap_or_default(), pos.saturating_sub(line_start))
}

fn warn_at(warnings: &mut Warnings, text: &str, token: &Token<'_>, message: impl Into<String>) {
    warnings.push(token.line, token.column(text), message);
}

/// Splits `text[start..end]` into tokens at whitespace and commas; `=` and `:` are tokens of their
/// own when `punctuation`; `"..."` is one token. Lines are counted from `line` at `line_start`.
struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    line: u32,
    line_start: usize,
    punctuation: bool,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, start: usize, end: usize, line: u32, line_start: usize, punctuation: bool) -> Self {
        Self { text, pos: start, end, line, line_start, punctuation }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        loop {
            if self.pos >= self.end {
                return None;
            }
            let b = *bytes.get(self.pos)?;
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line = self.line.saturating_add(1);
                    self.line_start = self.pos;
                }
                b'\r' => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line = self.line.saturating_add(1);
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b',' | 0x0B | 0x0C => self.pos += 1,
                _ => break,
            }
        }
        let start = self.pos;
        let token =
            |text, quoted| Token { text, quoted, line: self.line, line_start: self.line_start, pos: start };
        let b = *bytes.get(start)?;
        if b == b'"' || b == b'\'' {
            // A quoted label runs to the closing quote on the same line.
            let content = start + 1;
            let mut stop = content;
            while let Some(&c) = bytes.get(stop) {
                if c == b || c == b'\n' || c == b'\r' || stop >= self.end {
                    break;
                }
                stop += 1;
            }
            let result = token(self.text.get(content..stop).unwrap_or_default(), true);
            self.pos = if bytes.get(stop) == Some(&b) { stop + 1 } else { stop };
            return Some(result);
        }
        if self.punctuation && (b == b'=' || b == b':') {
            self.pos += 1;
            return Some(token(self.text.get(start..start + 1).unwrap_or_default(), false));
        }
        while let Some(&c) = bytes.get(self.pos) {
            if self.pos >= self.end
                || matches!(c, b' ' | b'\t' | b',' | b'\n' | b'\r' | 0x0B | 0x0C)
                || (self.punctuation && (c == b'=' || c == b':'))
            {
                break;
            }
            self.pos += 1;
        }
        Some(token(self.text.get(start..self.pos).unwrap_or_default(), false))
    }
}

// ---------------------------------------------------------------------------------------------
// Header

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    FullMatrix,
    UpperHalf,
    LowerHalf,
    EdgeList1,
    NodeList1,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LabelKind {
    Both,
    Rows,
    Columns,
    Levels,
}

/// The pieces of text of one label section: (line, line start, start, end).
type Pieces = Vec<(u32, usize, usize, usize)>;

struct Header {
    rows: usize,
    columns: usize,
    /// `nr`/`nc` were given (a rectangular matrix) rather than `n`.
    rectangular: bool,
    matrices: usize,
    format: Format,
    diagonal: bool,
    row_labels_embedded: bool,
    column_labels_embedded: bool,
    row_labels: Option<Vec<String>>,
    column_labels: Option<Vec<String>>,
    level_labels: Option<Vec<String>>,
    /// Byte offset where the data starts, and its line and line start.
    data: (usize, u32, usize),
    /// The `dl` token, for errors about the header as a whole.
    dl_line: u32,
}

impl Header {
    fn parse(text: &str, warnings: &mut Warnings) -> Result<Self, ParseError> {
        let mut n = None;
        let mut nr = None;
        let mut nc = None;
        let mut nm = None;
        let mut format = None;
        let mut diagonal = true;
        let mut row_embedded = false;
        let mut column_embedded = false;
        let mut sections: Vec<(LabelKind, Pieces, u32)> = Vec::new();
        let mut in_labels = false;
        let mut seen_dl = false;
        let mut data = None;
        let mut dl_line = 1;
        'lines: for line in lines(text) {
            let (number, start, end) = (line.number, line.start, line.start + line.text.len());
            let tokens: Vec<Token<'_>> = Tokens::new(text, start, end, number, start, true).collect();
            let mut skip = 0;
            if tokens.is_empty() {
                continue;
            }
            if in_labels && !is_keyword_line(&tokens) {
                if let Some((_, pieces, _)) = sections.last_mut() {
                    pieces.push((number, start, start, end));
                }
                continue;
            }
            in_labels = false;
            if !seen_dl {
                let Some(first) = tokens.first() else { continue };
                if !first.is("dl") {
                    return Err(first.error(
                        text,
                        "this is not a UCINET DL file: it must start with DL (expected dl n=...)",
                    ));
                }
                seen_dl = true;
                dl_line = number;
                skip = 1;
            }
            let mut i = skip;
            while let Some(token) = tokens.get(i).copied() {
                let next = |k: usize| tokens.get(i + k).copied();
                let word = token.lower();
                let is_colon = |t: Option<Token<'_>>| t.is_some_and(|t| t.text == ":" && !t.quoted);
                // `key = value` or `key value`.
                let value_after = |i: usize| -> (Option<Token<'_>>, usize) {
                    match tokens.get(i + 1) {
                        Some(eq) if eq.text == "=" && !eq.quoted => (tokens.get(i + 2).copied(), i + 3),
                        other => (other.copied(), i + 2),
                    }
                };
                match word.as_str() {
                    "n" | "nr" | "nc" | "nm" | "nmat" | "nmats" => {
                        let (value, after) = value_after(i);
                        let Some(value) = value else {
                            return Err(token.error(
                                text,
                                format!("{} has no value (expected {}=NUMBER)", token.text, token.text),
                            ));
                        };
                        let count = value.text.parse::<usize>().map_err(|_| {
                            value.error(
                                text,
                                format!("expected a count after {}=, found {:?}", token.text, value.text),
                            )
                        })?;
                        if count > MAX_ITEMS {
                            return Err(value.error(
                                text,
                                format!("{}={count} is too large: more than {MAX_ITEMS} is beyond what this program reads", token.text),
                            ));
                        }
                        match word.as_str() {
                            "n" => n = Some((count, value)),
                            "nr" => nr = Some((count, value)),
                            "nc" => nc = Some((count, value)),
                            _ => nm = Some((count, value)),
                        }
                        i = after;
                    }
                    "format" => {
                        let (value, after) = value_after(i);
                        let Some(value) = value else {
                            return Err(token.error(
                                text,
                                "format has no value (expected format=fullmatrix, edgelist1 or nodelist1)",
                            ));
                        };
                        format = Some(parse_format(text, &value)?);
                        i = after;
                    }
                    "fullmatrix" | "fm" | "upperhalf" | "uh" | "lowerhalf" | "lh" | "edgelist1" | "el1"
                    | "nodelist1" | "nl1" => {
                        format = Some(parse_format(text, &token)?);
                        i += 1;
                    }
                    "diagonal" => {
                        let (value, after) = value_after(i);
                        match value.map(|v| v.lower()).as_deref() {
                            Some("present") => diagonal = true,
                            Some("absent") => diagonal = false,
                            _ => {
                                let at = value.unwrap_or(token);
                                return Err(at.error(text, "expected diagonal present or diagonal absent"));
                            }
                        }
                        i = after;
                    }
                    "labels" | "row" | "col" | "column" | "level" | "matrix" | "rows" | "columns"
                    | "cols" => {
                        let (kind, labels_at) = match word.as_str() {
                            "labels" => (LabelKind::Both, i),
                            _ if !next(1).is_some_and(|t| t.is("labels")) => {
                                return Err(token.error(
                                    text,
                                    format!(
                                        "expected labels after {} (as in {} labels:)",
                                        token.text, token.text
                                    ),
                                ));
                            }
                            "row" | "rows" => (LabelKind::Rows, i + 1),
                            "level" | "matrix" => (LabelKind::Levels, i + 1),
                            _ => (LabelKind::Columns, i + 1),
                        };
                        let after = tokens.get(labels_at + 1).copied();
                        if after.is_some_and(|t| t.is("embedded")) {
                            match kind {
                                LabelKind::Both => {
                                    row_embedded = true;
                                    column_embedded = true;
                                }
                                LabelKind::Rows => row_embedded = true,
                                LabelKind::Columns => column_embedded = true,
                                LabelKind::Levels => {
                                    warn_at(
                                        warnings,
                                        text,
                                        &token,
                                        "level labels cannot be embedded; ignored".to_owned(),
                                    );
                                }
                            }
                            i = labels_at + 2;
                            if is_colon(tokens.get(i).copied()) {
                                i += 1;
                            }
                        } else if is_colon(after) {
                            let colon = after.map_or(end, |t| t.pos + 1);
                            sections.push((kind, vec![(number, start, colon, end)], number));
                            in_labels = true;
                            continue 'lines;
                        } else {
                            return Err(token.error(
                                text,
                                format!("expected : after {} labels (as in labels:)", token.text),
                            ));
                        }
                    }
                    "data" if is_colon(next(1)) => {
                        let colon = next(1).map_or(end, |t| t.pos + 1);
                        data = Some((colon, number, start));
                        break 'lines;
                    }
                    "title" | "symmetric" | "embedded" => {
                        let (_, after) = value_after(i);
                        i = if word == "title" { after } else { i + 1 };
                    }
                    _ => {
                        let with_value = next(1).is_some_and(|t| t.text == "=" && !t.quoted);
                        let what = if with_value { " (and its value)" } else { "" };
                        warn_at(
                            warnings,
                            text,
                            &token,
                            format!("{:?} is not a DL keyword; ignored{what}", token.text),
                        );
                        i = if with_value { value_after(i).1 } else { i + 1 };
                    }
                }
            }
        }
        if !seen_dl {
            return Err(ParseError::new(
                1,
                1,
                "the file is empty (expected a UCINET DL file starting with dl n=...)",
            ));
        }
        let Some(data) = data else {
            return Err(ParseError::new(
                dl_line,
                1,
                "no data: line found (expected data: before the values)",
            ));
        };
        let matrices = nm.map_or(1, |(m, _)| m);
        let (rows, columns, rectangular) = match (n, nr, nc) {
            (Some((n, _)), _, _) => (n, n, false),
            (None, Some((r, _)), Some((c, _))) => (r, c, r != c),
            (None, Some((r, _)), None) | (None, None, Some((r, _))) => (r, r, false),
            (None, None, None) => {
                return Err(ParseError::new(
                    dl_line,
                    1,
                    "the header has no size (expected n=NUMBER after dl)",
                ));
            }
        };
        let format = format.unwrap_or(Format::FullMatrix);
        if rectangular && format != Format::FullMatrix {
            return Err(ParseError::new(
                dl_line,
                1,
                "nr and nc differ, which only the fullmatrix format can read here (expected n= for a list format)",
            ));
        }
        let mut header = Self {
            rows,
            columns,
            rectangular,
            matrices,
            format,
            diagonal,
            row_labels_embedded: row_embedded,
            column_labels_embedded: column_embedded,
            row_labels: None,
            column_labels: None,
            level_labels: None,
            data,
            dl_line,
        };
        for (kind, pieces, line) in sections {
            let expected = match kind {
                LabelKind::Both | LabelKind::Rows => rows,
                LabelKind::Columns => columns,
                LabelKind::Levels => matrices,
            };
            let labels = split_labels(text, &pieces, expected, line, warnings);
            let slot = match kind {
                LabelKind::Both => {
                    header.column_labels = Some(labels.clone());
                    &mut header.row_labels
                }
                LabelKind::Rows => &mut header.row_labels,
                LabelKind::Columns => &mut header.column_labels,
                LabelKind::Levels => &mut header.level_labels,
            };
            *slot = Some(labels);
        }
        Ok(header)
    }
}

fn parse_format(text: &str, token: &Token<'_>) -> Result<Format, ParseError> {
    match token.lower().as_str() {
        "fullmatrix" | "fm" | "full" => Ok(Format::FullMatrix),
        "upperhalf" | "uh" => Ok(Format::UpperHalf),
        "lowerhalf" | "lh" => Ok(Format::LowerHalf),
        "edgelist1" | "el1" | "edgelist" => Ok(Format::EdgeList1),
        "nodelist1" | "nl1" | "nodelist" => Ok(Format::NodeList1),
        other => Err(token.error(
            text,
            format!(
                "the DL format {other:?} is not supported (expected fullmatrix, upperhalf, lowerhalf, edgelist1 or nodelist1)"
            ),
        )),
    }
}

/// A line that starts a new header part inside a label section.
fn is_keyword_line(tokens: &[Token<'_>]) -> bool {
    let word = |i: usize| tokens.get(i).filter(|t| !t.quoted).map(Token::lower).unwrap_or_default();
    let (first, second) = (word(0), word(1));
    match first.as_str() {
        "data" => second == ":",
        "labels" => second == ":" || second == "embedded",
        "row" | "rows" | "col" | "cols" | "column" | "columns" | "level" | "matrix" => second == "labels",
        "n" | "nr" | "nc" | "nm" | "format" => second == "=",
        "diagonal" => second == "=" || second == "present" || second == "absent",
        _ => false,
    }
}

/// Labels of a section: separated by commas and line ends, or also by spaces when that gives
/// the expected count.
fn split_labels(
    text: &str,
    pieces: &Pieces,
    expected: usize,
    line: u32,
    warnings: &mut Warnings,
) -> Vec<String> {
    let mut by_comma: Vec<String> = Vec::new();
    for &(_, _, start, end) in pieces {
        let piece = text.get(start..end).unwrap_or_default();
        by_comma.extend(
            split_commas(piece).into_iter().map(unquote).filter(|l| !l.is_empty()).map(str::to_owned),
        );
    }
    if by_comma.len() == expected {
        return by_comma;
    }
    let by_space: Vec<String> = pieces
        .iter()
        .flat_map(|&(number, line_start, start, end)| {
            Tokens::new(text, start, end, number, line_start, false)
        })
        .map(|t| t.text.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let mut labels =
        if by_space.len() == expected || by_comma.len() > expected { by_space } else { by_comma };
    if labels.len() != expected {
        warnings.push(
            line,
            1,
            format!(
                "{} labels for {expected} {}; {}",
                labels.len(),
                if expected == 1 { "item" } else { "items" },
                if labels.len() > expected { "the extra ones are ignored" } else { "the rest have none" }
            ),
        );
        labels.truncate(expected);
    }
    labels
}

/// Splits at commas outside double quotes.
fn split_commas(piece: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in piece.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                parts.push(piece.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(piece.get(start..).unwrap_or_default());
    parts
}

fn unquote(label: &str) -> &str {
    let label = label.trim();
    label
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .or_else(|| label.strip_prefix('\'').and_then(|l| l.strip_suffix('\'')))
        .unwrap_or(label)
        .trim()
}

// ---------------------------------------------------------------------------------------------
// Data

/// Nodes of the file, and how tokens find them.
struct Nodes {
    nodes: Vec<RawNode>,
    /// Id -> index.
    index: HashMap<String, usize>,
    /// Label -> index of the first node with it.
    labels: HashMap<String, usize>,
    /// Whether ids are labels (else numbers).
    by_label: bool,
}

impl Nodes {
    fn push(&mut self, id: String, label: Option<String>, line: u32) {
        self.index.entry(id.clone()).or_insert(self.nodes.len());
        // Labels that are also the id are found through `index`.
        if let Some(label) = label.as_ref().filter(|l| **l != id) {
            self.labels.entry(label.clone()).or_insert(self.nodes.len());
        }
        self.nodes.push(RawNode { id, label, line, ..RawNode::default() });
    }
}

/// Builds the nodes of a one-mode network from the labels (ids = labels when unique).
fn one_mode_nodes(count: usize, labels: Option<&[String]>, line: u32, warnings: &mut Warnings) -> Nodes {
    let mut nodes = Nodes {
        nodes: Vec::with_capacity(count),
        index: HashMap::with_capacity(count),
        labels: HashMap::new(),
        by_label: false,
    };
    let unique = labels.is_some_and(|labels| {
        let mut seen = std::collections::HashSet::with_capacity(labels.len());
        labels.iter().all(|l| seen.insert(l.as_str()))
    });
    if labels.is_some() && !unique {
        warnings.push(
            line,
            1,
            "the labels are not unique; nodes are numbered and keep their labels".to_owned(),
        );
    }
    nodes.by_label = unique;
    for i in 0..count {
        let label = labels.and_then(|l| l.get(i)).cloned();
        let id = match (&label, unique) {
            (Some(label), true) => label.clone(),
            _ => (i + 1).to_string(),
        };
        nodes.push(id, label, line);
    }
    nodes
}

/// One non-zero cell or one listed edge: (source index, target index, weight, token).
struct Cell<'a> {
    source: usize,
    target: usize,
    weight: Option<f64>,
    token: Token<'a>,
}

fn read_data(text: &str, header: &Header, warnings: &mut Warnings) -> Result<Vec<RawGraph>, ParseError> {
    let (start, line, line_start) = header.data;
    let mut tokens = Tokens::new(text, start, text.len(), line, line_start, false).peekable();
    match header.format {
        Format::FullMatrix | Format::UpperHalf | Format::LowerHalf => {
            let (r, c) = (header.rows, header.columns);
            let cells_per_matrix = match header.format {
                Format::FullMatrix if header.diagonal || header.rectangular => r.saturating_mul(c),
                Format::FullMatrix => r.saturating_mul(c).saturating_sub(r),
                _ if header.diagonal => r.saturating_mul(r.saturating_add(1)) / 2,
                _ => r.saturating_mul(r.saturating_sub(1)) / 2,
            };
            // Every value takes at least one byte.
            let available = text.len().saturating_sub(start);
            if cells_per_matrix.saturating_mul(header.matrices) > available {
                return Err(ParseError::new(
                    header.dl_line,
                    1,
                    format!(
                        "the header declares {} matrices of {} x {}, more values than the {available} bytes of data can hold",
                        header.matrices, header.rows, header.columns
                    ),
                ));
            }
            if header.rows.saturating_mul(header.matrices) > MAX_ITEMS {
                return Err(ParseError::new(header.dl_line, 1, too_many()));
            }
            matrices(text, header, &mut tokens, warnings)
        }
        Format::EdgeList1 | Format::NodeList1 => {
            if header.rows.saturating_mul(header.matrices) > MAX_ITEMS {
                return Err(ParseError::new(header.dl_line, 1, too_many()));
            }
            // Lists need not name every node, but a tiny file with millions of nodes is a mistake.
            let plausible = text.len().saturating_mul(100).saturating_add(1_000);
            if header.rows > plausible {
                return Err(ParseError::new(
                    header.dl_line,
                    1,
                    format!("n={} is far more than a file of {} bytes can describe", header.rows, text.len()),
                ));
            }
            if header.rows > super::limits::max_people() {
                let what =
                    format!("n={} declares {} people", header.rows, super::limits::thousands(header.rows));
                return Err(ParseError::new(header.dl_line, 1, super::limits::too_many_people(&what)));
            }
            lists(text, header, &mut tokens, warnings)
        }
    }
}

fn too_many() -> String {
    format!("the file is too large: more than {MAX_ITEMS} nodes and edges is beyond what this program reads")
}

fn level_name(header: &Header, k: usize) -> Option<String> {
    match header.level_labels.as_ref().and_then(|l| l.get(k)) {
        Some(label) => Some(label.clone()),
        None if header.matrices > 1 => Some((k + 1).to_string()),
        None => None,
    }
}

fn matrices<'a>(
    text: &'a str,
    header: &Header,
    tokens: &mut std::iter::Peekable<Tokens<'a>>,
    warnings: &mut Warnings,
) -> Result<Vec<RawGraph>, ParseError> {
    let (rows, columns) = (header.rows, header.columns);
    let one_mode = !header.rectangular;
    let mut row_labels = header.row_labels.clone();
    let mut column_labels = header.column_labels.clone();
    let mut all_cells: Vec<Vec<Cell<'a>>> = Vec::with_capacity(header.matrices.min(1024));
    let mut total = 0_usize;
    // The last token read, for the position of an early end.
    let mut last: Option<Token<'a>> = None;
    let (_, data_line, _) = header.data;
    let mut next_value =
        |tokens: &mut std::iter::Peekable<Tokens<'a>>, what: &str| -> Result<Token<'a>, ParseError> {
            match tokens.next() {
                Some(token) => {
                    last = Some(token);
                    Ok(token)
                }
                None => {
                    let message = format!("the data ends early: expected {what}");
                    Err(match last {
                        Some(token) => {
                            let after = token
                                .column(text)
                                .saturating_add(u32::try_from(token.text.chars().count()).unwrap_or(0));
                            ParseError::new(token.line, after, message)
                        }
                        None => ParseError::new(data_line, 1, message),
                    })
                }
            }
        };
    for k in 0..header.matrices {
        let mut cells = Vec::new();
        if header.column_labels_embedded {
            let mut labels = Vec::with_capacity(columns);
            for j in 0..columns {
                let token =
                    next_value(tokens, &format!("the label of column {} of matrix {}", j + 1, k + 1))?;
                labels.push(token.text.to_owned());
            }
            if column_labels.is_none() {
                column_labels = Some(labels);
            }
        }
        let mut embedded_rows = Vec::new();
        for i in 0..rows {
            if header.row_labels_embedded {
                let token = next_value(tokens, &format!("the label of row {} of matrix {}", i + 1, k + 1))?;
                embedded_rows.push(token.text.to_owned());
            }
            let range = match header.format {
                Format::UpperHalf => i..columns,
                Format::LowerHalf => 0..(i + 1).min(columns),
                _ => 0..columns,
            };
            for j in range {
                if !header.diagonal && one_mode && i == j {
                    continue;
                }
                let token = next_value(
                    tokens,
                    &format!(
                        "row {} column {} of matrix {} ({rows} x {columns} values each)",
                        i + 1,
                        j + 1,
                        k + 1
                    ),
                )?;
                let value = token
                    .text
                    .parse::<f64>()
                    .ok()
                    .filter(|v| !token.quoted && !v.is_nan())
                    .ok_or_else(|| {
                        token.error(text, format!("expected a number in the matrix, found {:?}", token.text))
                    })?;
                if value != 0.0 {
                    total += 1;
                    if total > MAX_ITEMS {
                        return Err(token.error(text, too_many()));
                    }
                    cells.push(Cell { source: i, target: j, weight: Some(value), token });
                }
            }
        }
        if row_labels.is_none() && header.row_labels_embedded {
            row_labels = Some(embedded_rows);
        }
        all_cells.push(cells);
    }
    if let Some(extra) = tokens.next() {
        warn_at(warnings, text, &extra, "values after the last matrix are ignored".to_owned());
    }
    // Nodes.
    let line = header.dl_line;
    let mut nodes;
    if one_mode {
        if let (Some(rows), Some(columns)) = (&row_labels, &column_labels)
            && rows != columns
        {
            warnings.push(
                line,
                1,
                "the column labels differ from the row labels; the row labels are used".to_owned(),
            );
        }
        let labels = row_labels.as_deref().or(column_labels.as_deref());
        nodes = one_mode_nodes(rows, labels, line, warnings);
    } else {
        let row_nodes = one_mode_nodes(rows, row_labels.as_deref(), line, warnings);
        let column_nodes = one_mode_nodes(columns, column_labels.as_deref(), line, warnings);
        let clash = column_nodes.by_label
            && row_nodes.by_label
            && column_nodes.nodes.iter().any(|n| row_nodes.index.contains_key(&n.id));
        if clash {
            warnings.push(line, 1, "a column label is also a row label; nodes are numbered".to_owned());
        }
        nodes = Nodes {
            nodes: Vec::with_capacity(rows + columns),
            index: HashMap::new(),
            labels: HashMap::new(),
            by_label: false,
        };
        for (i, node) in row_nodes.nodes.into_iter().enumerate() {
            let id = if row_nodes.by_label && !clash { node.id } else { (i + 1).to_string() };
            nodes.push(id, node.label, line);
        }
        for (j, node) in column_nodes.nodes.into_iter().enumerate() {
            let id = if column_nodes.by_label && !clash { node.id } else { (rows + j + 1).to_string() };
            nodes.push(id, node.label, line);
        }
        for (i, node) in nodes.nodes.iter_mut().enumerate() {
            node.attrs.insert("mode".to_owned(), AttrValue::Number(if i < rows { 1.0 } else { 2.0 }));
        }
    }
    let mut graphs = Vec::with_capacity(all_cells.len());
    let count = all_cells.len();
    let mut template = Some(nodes.nodes);
    for (k, cells) in all_cells.into_iter().enumerate() {
        let offset = if one_mode { 0 } else { rows };
        let half = matches!(header.format, Format::UpperHalf | Format::LowerHalf);
        let symmetric = !one_mode || half || {
            let lookup: HashMap<(usize, usize), f64> =
                cells.iter().filter_map(|c| Some(((c.source, c.target), c.weight?))).collect();
            cells.iter().all(|c| lookup.get(&(c.target, c.source)).copied() == c.weight)
        };
        let source_ids = template.as_deref().unwrap_or_default();
        let id = |i: usize| source_ids.get(i).map(|n| n.id.clone()).unwrap_or_else(|| (i + 1).to_string());
        let edges = cells
            .into_iter()
            .filter(|c| !(symmetric && one_mode && !half && c.target < c.source))
            .map(|c| RawEdge {
                source: id(c.source),
                target: id(c.target + offset),
                directed: None,
                weight: c.weight,
                attrs: Default::default(),
                line: c.token.line,
            })
            .collect();
        let graph_nodes = if k + 1 == count {
            template.take().unwrap_or_default()
        } else {
            template.clone().unwrap_or_default()
        };
        graphs.push(RawGraph {
            name: level_name(header, k),
            directed: !symmetric,
            nodes: graph_nodes,
            edges,
        });
    }
    Ok(graphs)
}

fn lists<'a>(
    text: &'a str,
    header: &Header,
    tokens: &mut std::iter::Peekable<Tokens<'a>>,
    warnings: &mut Warnings,
) -> Result<Vec<RawGraph>, ParseError> {
    let embedded = header.row_labels_embedded || header.column_labels_embedded;
    let line = header.dl_line;
    let mut nodes = if embedded && header.row_labels.is_none() {
        Nodes { nodes: Vec::new(), index: HashMap::new(), labels: HashMap::new(), by_label: true }
    } else {
        one_mode_nodes(header.rows, header.row_labels.as_deref(), line, warnings)
    };
    let mut beyond_warned = false;
    let mut all_edges: Vec<Vec<RawEdge>> = vec![Vec::new()];
    let mut total = 0_usize;
    let mut line_tokens: Vec<Token<'a>> = Vec::new();
    // Resolves a token to a node id, adding nodes named by embedded labels.
    let mut resolve = |token: &Token<'a>,
                       nodes: &mut Nodes,
                       warnings: &mut Warnings|
     -> Result<String, ParseError> {
        if !embedded
            && !token.quoted
            && let Ok(number) = token.text.parse::<i64>()
        {
            if number < 1 {
                return Err(token.error(
                    text,
                    format!("node number {number} is out of range (expected 1 to {})", header.rows),
                ));
            }
            let index = usize::try_from(number).unwrap_or(usize::MAX) - 1;
            if let Some(node) = nodes.nodes.get(index) {
                return Ok(node.id.clone());
            }
            if !beyond_warned {
                beyond_warned = true;
                warn_at(
                    warnings,
                    text,
                    token,
                    format!("node {number} is beyond n={}; the edge is kept and the node added", header.rows),
                );
            }
            return Ok(number.to_string());
        }
        let label = token.text;
        if let Some(&i) = nodes.index.get(label).or_else(|| nodes.labels.get(label)) {
            return Ok(nodes.nodes.get(i).map_or_else(|| label.to_owned(), |n| n.id.clone()));
        }
        if nodes.nodes.len() >= MAX_ITEMS {
            return Err(token.error(text, too_many()));
        }
        nodes.push(label.to_owned(), Some(label.to_owned()), token.line);
        Ok(label.to_owned())
    };
    loop {
        line_tokens.clear();
        let Some(first) = tokens.next() else { break };
        line_tokens.push(first);
        while let Some(token) = tokens.next_if(|t| t.line == first.line) {
            line_tokens.push(token);
        }
        if first.text == "!" && !first.quoted && line_tokens.len() == 1 {
            all_edges.push(Vec::new());
            continue;
        }
        let Some(source_token) = line_tokens.first().copied() else { continue };
        let source = resolve(&source_token, &mut nodes, warnings)?;
        match header.format {
            Format::EdgeList1 => {
                let Some(target_token) = line_tokens.get(1).copied() else {
                    return Err(
                        source_token.error(text, "expected two nodes on the line (source target [weight])")
                    );
                };
                let target = resolve(&target_token, &mut nodes, warnings)?;
                let weight = match line_tokens.get(2) {
                    Some(w) => Some(w.text.parse::<f64>().ok().filter(|_| !w.quoted).ok_or_else(|| {
                        w.error(
                            text,
                            format!("expected a weight (a number) after the two nodes, found {:?}", w.text),
                        )
                    })?),
                    None => None,
                };
                if let Some(extra) = line_tokens.get(3) {
                    warn_at(
                        warnings,
                        text,
                        extra,
                        "more than three values on an edgelist1 line; the rest are ignored".to_owned(),
                    );
                }
                if weight != Some(0.0) {
                    total += 1;
                    if total > MAX_ITEMS {
                        return Err(source_token.error(text, too_many()));
                    }
                    if let Some(edges) = all_edges.last_mut() {
                        edges.push(RawEdge {
                            source,
                            target,
                            weight,
                            line: source_token.line,
                            ..RawEdge::default()
                        });
                    }
                }
            }
            _ => {
                for token in line_tokens.get(1..).unwrap_or_default() {
                    let target = resolve(token, &mut nodes, warnings)?;
                    total += 1;
                    if total > MAX_ITEMS {
                        return Err(token.error(text, too_many()));
                    }
                    if let Some(edges) = all_edges.last_mut() {
                        edges.push(RawEdge {
                            source: source.clone(),
                            target,
                            line: source_token.line,
                            ..RawEdge::default()
                        });
                    }
                }
            }
        }
    }
    if all_edges.len() != header.matrices {
        warnings.push(
            line,
            1,
            format!(
                "the header says nm={} but the data has {} lists (separated by !)",
                header.matrices,
                all_edges.len()
            ),
        );
    }
    if embedded && header.row_labels.is_none() && nodes.nodes.len() > header.rows {
        warnings.push(
            line,
            1,
            format!("the data names {} nodes but the header says n={}", nodes.nodes.len(), header.rows),
        );
    }
    let count = all_edges.len();
    if nodes.nodes.len().saturating_mul(count) > MAX_ITEMS {
        return Err(ParseError::new(line, 1, too_many()));
    }
    let mut template = Some(nodes.nodes);
    let mut graphs = Vec::with_capacity(count);
    for (k, edges) in all_edges.into_iter().enumerate() {
        let graph_nodes = if k + 1 == count {
            template.take().unwrap_or_default()
        } else {
            template.clone().unwrap_or_default()
        };
        graphs.push(RawGraph { name: level_name(header, k), directed: true, nodes: graph_nodes, edges });
    }
    Ok(graphs)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
