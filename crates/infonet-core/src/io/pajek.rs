//! Pajek networks (`.net`) and projects (`.paj`).
//!
//! ```text
//! *Vertices 3
//! 1 "Anna K." 0.25 0.40 0.5
//! 2 "Bo L." 0.70 0.30 0.5
//! 3 "Cafe owner"
//! *Arcs
//! 1 2 1
//! 2 3 1
//! ```
//!
//! What is read, and the policies:
//! - Headers are case-insensitive: `*Network name`, `*Vertices N` (or `N N1` for a two-mode network:
//!   the first N1 vertices are mode 1; every node then gets the attribute `mode` = 1 or 2), `*Arcs`,
//!   `*Edges`, `*Arcslist`, `*Edgeslist`, `*Matrix`, `*Partition name`, `*Vector name`. A count after
//!   `*Arcs`/`*Edges` (`*Edges 9`) is ignored. `%` starts a comment line. Text before the first
//!   header is skipped with a warning. Other headers (`*Permutation`, `*Cluster`, ...) are skipped
//!   with a warning.
//! - Node ids are the vertex numbers as text (`"1"` .. `"N"`), labels go to `label`: files written
//!   by networkx have 0-based labels and 1-based numbers, and the numbers are what arcs refer to.
//!   Vertices without a line (or listed without label) are still nodes. A vertex line is
//!   `number label [x y [z]] [shape] [parameters]`: coordinates (Pajek's 0..1, y pointing down, kept
//!   as given) become `position`; Pajek's drawing parameters (`ic`, `bc`, `x_fact`, ...) are
//!   ignored except `ic` (inner colour: `RGBrrggbb` or a Pajek colour name), which gives `colour`;
//!   other `key value` pairs (networkx writes node attributes this way) become attributes.
//! - Arcs (`*Arcs`) are directed, edges (`*Edges`) undirected; a relation with both has per-edge
//!   `directed`. The third number is the weight; `l "text"` becomes the attribute `label`; other
//!   Pajek edge parameters are ignored and other `key value` pairs become attributes. An arc may
//!   name a vertex by its label instead of its number. A vertex number above N is kept with a
//!   warning (the build step adds the node); 0 or a negative number is an error.
//! - Relations: `*Arcs :k "name"` and `k:` prefixes on arc lines (Lazega) put arcs in relation k;
//!   every relation of a network becomes its own [`RawGraph`] named after the relation (or its
//!   number), each with all of the network's nodes. Lines without a prefix go to the section's
//!   relation.
//! - `*Matrix` rows (one per line) become arcs for the non-zero cells, with the cell as weight;
//!   a symmetric one-mode matrix becomes undirected edges from its upper triangle (so Padgett's
//!   marriage matrix reads as 20 edges, not 40 arcs). A two-mode matrix has N1 rows and N - N1
//!   columns and gives undirected edges. Cells beyond the row length are ignored with a warning.
//! - Several `*Network`s in a project: one [`RawGraph`] per network and relation, named
//!   `network` (or `network: relation` when a network has several relations).
//! - `*Partition name` / `*Vector name` + `*Vertices N` + one value per line become a Number
//!   attribute named after the partition without its `.clu`/`.vec` extension. Which network: every
//!   network with exactly N vertices; when several have N vertices and some of their names (without
//!   extension) begin the partition's name (`Korea1_adopters.clu` -> `Korea1.net`), only those.
//!   A partition matching no network is skipped with a warning. Pajek's missing-value code
//!   9999998 is kept as a number, with a warning that says how many vertices have it.
//! - A partition or vector file on its own (`.clu`/`.vec`: `*Vertices N` and one value per line)
//!   is refused with a message that says so, rather than read as N isolated vertices.
//! - Sizes: `*Vertices N` above [`MAX_ITEMS`], or far above what the file's size can describe
//!   (100 vertices per byte plus 1,000), is an error before anything is allocated; so are more
//!   than [`MAX_ITEMS`] edges or output nodes (nodes count once per relation).

use std::collections::{BTreeMap, HashMap};

use super::ParseError;
use super::diagnostics::{Line, Warnings, lines};
use super::limits::MAX_ITEMS;
use super::raw::{AttrValue, RawEdge, RawFile, RawGraph, RawNode};

/// Pajek's code for a missing value in partitions and vectors.
pub const MISSING_VALUE: f64 = 9_999_998.0;

/// Reads a Pajek `.net` network or `.paj` project.
pub fn parse_pajek(bytes: &[u8]) -> Result<RawFile, ParseError> {
    let text = super::text::decode_as(bytes, "a Pajek file")?;
    if let Some(line) = values_file(&text) {
        return Err(ParseError::new(
            line,
            1,
            "this is a Pajek partition or vector file (.clu/.vec: one value per vertex, no arcs or edges); \
             open the network (.net or .paj) instead",
        ));
    }
    let mut parser = Parser { bytes: text.len(), ..Parser::default() };
    for line in lines(&text) {
        parser.line(&line)?;
    }
    parser.finish()
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// A token of a line: its text (without quotes) and its byte offset in the line.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    pos: usize,
    quoted: bool,
}

impl Token<'_> {
    fn number(&self) -> Option<f64> {
        if self.quoted { None } else { self.text.parse::<f64>().ok() }
    }

    fn attr(&self) -> AttrValue {
        match self.number() {
            Some(n) => AttrValue::Number(n),
            None => AttrValue::Text(self.text.to_owned()),
        }
    }
}

/// Splits a line at spaces and tabs; `"..."` is one token (an unclosed quote runs to the end).
fn tokenize<'a>(line: &'a str, out: &mut Vec<Token<'a>>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if b == b' ' || b == b'\t' || b == 0x0C || b == 0x0B {
            i += 1;
        } else if b == b'"' {
            let start = i + 1;
            let end = bytes.get(start..).and_then(|r| r.iter().position(|&c| c == b'"')).map(|p| start + p);
            let stop = end.unwrap_or(bytes.len());
            out.push(Token { text: line.get(start..stop).unwrap_or_default(), pos: i, quoted: true });
            i = stop + 1;
        } else {
            let start = i;
            while let Some(&c) = bytes.get(i) {
                if c == b' ' || c == b'\t' || c == 0x0C || c == 0x0B {
                    break;
                }
                i += 1;
            }
            out.push(Token { text: line.get(start..i).unwrap_or_default(), pos: start, quoted: false });
        }
    }
}

/// The line of `*Vertices` when the file is a partition or vector on its own: no header but
/// `*Vertices`, one number per line, and not simply the vertices `1 2 3 ...` in order.
fn values_file(text: &str) -> Option<u32> {
    let mut vertices_line = None;
    let mut expected = 1_u64;
    let mut in_order = true;
    let mut values = 0_usize;
    for line in lines(text) {
        let trimmed = line.text.trim();
        if trimmed.is_empty() || trimmed.starts_with('%') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('*') {
            let word = header.split_whitespace().next().unwrap_or_default();
            if !word.eq_ignore_ascii_case("vertices") || vertices_line.is_some() {
                return None;
            }
            vertices_line = Some(line.number);
            continue;
        }
        vertices_line?;
        let mut words = trimmed.split_whitespace();
        let (Some(value), None) = (words.next(), words.next()) else { return None };
        value.parse::<f64>().ok()?;
        values += 1;
        if value.parse::<u64>().ok() == Some(expected) {
            expected += 1;
        } else {
            in_order = false;
        }
    }
    vertices_line.filter(|_| values > 0 && !in_order)
}

// ---------------------------------------------------------------------------------------------
// Colours

/// `RGBrrggbb` or one of Pajek's common colour names.
fn pajek_colour(text: &str) -> Option<[u8; 3]> {
    if let Some(hex) = text.get(..3).filter(|p| p.eq_ignore_ascii_case("rgb")).and_then(|_| text.get(3..)) {
        return if hex.len() == 6 { super::colour::parse_colour(hex) } else { None };
    }
    const NAMES: &[(&str, [u8; 3])] = &[
        ("black", [0, 0, 0]),
        ("white", [255, 255, 255]),
        ("red", [237, 27, 35]),
        ("green", [0, 166, 80]),
        ("blue", [45, 47, 146]),
        ("yellow", [255, 242, 0]),
        ("cyan", [0, 174, 239]),
        ("magenta", [236, 0, 140]),
        ("gray", [148, 150, 152]),
        ("grey", [148, 150, 152]),
        ("lightgray", [211, 211, 211]),
        ("orange", [245, 130, 41]),
        ("brown", [121, 37, 0]),
        ("purple", [153, 71, 155]),
        ("pink", [255, 192, 203]),
        ("violet", [88, 66, 155]),
        ("lavender", [244, 158, 196]),
        ("maroon", [175, 50, 53]),
        ("tan", [218, 157, 118]),
        ("salmon", [246, 146, 137]),
        ("turquoise", [0, 180, 206]),
        ("skyblue", [70, 197, 221]),
        ("navyblue", [0, 110, 184]),
        ("royalblue", [0, 113, 188]),
        ("forestgreen", [0, 155, 85]),
        ("limegreen", [141, 199, 62]),
        ("olivegreen", [60, 128, 49]),
        ("pinegreen", [0, 139, 114]),
        ("seagreen", [63, 188, 157]),
        ("yellowgreen", [152, 204, 112]),
        ("orangered", [237, 19, 90]),
        ("redorange", [242, 96, 53]),
        ("goldenrod", [255, 223, 66]),
        ("dandelion", [253, 188, 66]),
        ("apricot", [251, 185, 130]),
        ("peach", [247, 150, 90]),
        ("melon", [248, 158, 123]),
        ("brickred", [182, 50, 28]),
        ("mahogany", [169, 52, 31]),
        ("bittersweet", [192, 79, 23]),
        ("sepia", [103, 24, 0]),
        ("rawsienna", [151, 64, 6]),
        ("plum", [146, 38, 143]),
        ("orchid", [175, 114, 176]),
        ("fuchsia", [140, 54, 140]),
        ("thistle", [216, 131, 183]),
        ("mulberry", [169, 60, 147]),
        ("blueviolet", [71, 57, 146]),
        ("cornflowerblue", [65, 176, 228]),
        ("cadetblue", [116, 114, 154]),
        ("cerulean", [0, 162, 227]),
        ("midnightblue", [0, 103, 149]),
        ("tealblue", [0, 174, 179]),
        ("aquamarine", [0, 181, 190]),
        ("emerald", [0, 169, 157]),
        ("junglegreen", [0, 169, 154]),
        ("springgreen", [198, 220, 103]),
        ("greenyellow", [223, 230, 116]),
        ("lightyellow", [255, 250, 205]),
        ("lightgreen", [144, 238, 144]),
        ("lightcyan", [224, 255, 255]),
        ("lightmagenta", [255, 128, 255]),
        ("lightorange", [255, 200, 120]),
        ("lightpurple", [200, 160, 220]),
    ];
    NAMES.iter().find(|(name, _)| text.eq_ignore_ascii_case(name)).map(|(_, rgb)| *rgb)
}

/// Pajek's vertex shapes, written as a bare word after the coordinates.
fn is_shape(word: &str) -> bool {
    ["ellipse", "box", "diamond", "triangle", "cross", "empty", "circle", "man", "woman", "house"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
}

/// Pajek's vertex drawing parameters (each followed by one value).
fn is_vertex_parameter(word: &str) -> bool {
    ["ic", "bc", "bw", "lc", "la", "lr", "lphi", "fos", "font", "x_fact", "y_fact", "phi", "r", "q", "s_size"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p))
}

/// Pajek's arc and edge drawing parameters (each followed by one value); `l` is the label.
fn is_edge_parameter(word: &str) -> bool {
    [
        "w", "c", "p", "s", "a", "a1", "k1", "a2", "k2", "ap", "lp", "lr", "lphi", "lc", "la", "fos", "font",
        "h1", "h2",
    ]
    .iter()
    .any(|p| word.eq_ignore_ascii_case(p))
}

// ---------------------------------------------------------------------------------------------
// Parser state

#[derive(Default)]
struct Relation {
    name: Option<String>,
    edges: Vec<RawEdge>,
    arcs: usize,
    undirected: usize,
    /// The kind of the last section that named this relation (for empty relations).
    arc_section: bool,
}

#[derive(Default)]
struct Network {
    name: Option<String>,
    line: u32,
    /// Declared vertex count; `None` until `*Vertices`.
    vertices: Option<usize>,
    /// Two-mode: the number of mode-1 vertices.
    mode1: Option<usize>,
    nodes: Vec<RawNode>,
    /// Whether each vertex had its line.
    listed: Vec<bool>,
    /// Relations by number (0 = no number).
    relations: BTreeMap<u64, Relation>,
    /// Relation numbers in order of first mention.
    order: Vec<u64>,
    /// Label -> vertex index, built when an arc names a vertex by label.
    by_label: Option<HashMap<String, Option<usize>>>,
}

impl Network {
    fn relation(&mut self, number: u64) -> &mut Relation {
        if !self.relations.contains_key(&number) {
            self.order.push(number);
        }
        self.relations.entry(number).or_default()
    }
}

struct Partition {
    name: String,
    vector: bool,
    line: u32,
    /// Declared count (from its `*Vertices N`).
    count: Option<usize>,
    values: Vec<f64>,
}

/// A matrix being read.
struct Matrix {
    relation: u64,
    rows: usize,
    columns: usize,
    /// First column is vertex `offset + 1` (two-mode: N1).
    offset: usize,
    row: usize,
    /// Non-zero cells: (row, column, value, line).
    cells: Vec<(usize, usize, f64, u32)>,
    extra_warned: bool,
    wide_warned: bool,
}

enum Section {
    /// Before the first header.
    Preamble,
    Vertices,
    Edges {
        arcs: bool,
        list: bool,
        relation: u64,
    },
    Matrix(Matrix),
    /// After `*Partition`/`*Vector` (waiting for its `*Vertices`), and its values.
    Values,
    /// An unknown or unsupported section.
    Skip,
}

struct Parser {
    networks: Vec<Network>,
    partitions: Vec<Partition>,
    section: Section,
    warnings: Warnings,
    /// Vertices and edges so far, for the size cap.
    items: usize,
    preamble_warned: bool,
    unknown_colours: Vec<String>,
    /// Size of the text, for the plausibility of `*Vertices N`.
    bytes: usize,
}

impl Default for Parser {
    fn default() -> Self {
        Self {
            networks: Vec::new(),
            partitions: Vec::new(),
            section: Section::Preamble,
            warnings: Warnings::default(),
            items: 0,
            preamble_warned: false,
            unknown_colours: Vec::new(),
            bytes: 0,
        }
    }
}

/// The most vertices a file of `bytes` bytes may declare: vertex lines are optional, but a
/// tiny file that declares millions of vertices is a mistake (or an attack), not a network.
fn plausible_vertices(bytes: usize) -> usize {
    bytes.saturating_mul(100).saturating_add(1_000).min(MAX_ITEMS)
}

fn too_many() -> String {
    format!(
        "the file is too large: more than {MAX_ITEMS} vertices and edges is beyond what this program reads"
    )
}

/// A header's name without quotes and without the extension `ext` (e.g. `.net`).
fn clean_name(text: &str, extensions: &[&str]) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text).trim();
    let mut name = text;
    for ext in extensions {
        if let Some(stem) = name.len().checked_sub(ext.len()).and_then(|i| {
            name.get(i..).filter(|tail| tail.eq_ignore_ascii_case(ext)).and_then(|_| name.get(..i))
        }) {
            name = stem;
            break;
        }
    }
    (!name.is_empty()).then(|| name.to_owned())
}

impl Parser {
    fn warn(&mut self, line: &Line<'_>, pos: usize, message: String) {
        self.warnings.push(line.number, line.column(pos), message);
    }

    fn count(&mut self, line: &Line<'_>, pos: usize, n: usize) -> Result<(), ParseError> {
        self.items = self.items.saturating_add(n);
        if self.items > MAX_ITEMS {
            return Err(line.error(pos, too_many()));
        }
        Ok(())
    }

    fn line(&mut self, line: &Line<'_>) -> Result<(), ParseError> {
        let trimmed = line.text.trim_start_matches([' ', '\t', '\u{feff}']);
        if trimmed.is_empty() || trimmed.starts_with('%') {
            return Ok(());
        }
        let indent = line.text.len() - trimmed.len();
        if trimmed.starts_with('*') {
            self.end_section();
            return self.header(line, indent);
        }
        let mut tokens = Vec::new();
        tokenize(line.text, &mut tokens);
        match &mut self.section {
            Section::Preamble => {
                if !self.preamble_warned {
                    self.preamble_warned = true;
                    self.warn(line, indent, "text before the first *Vertices line is ignored".to_owned());
                }
                Ok(())
            }
            Section::Skip => Ok(()),
            Section::Vertices => self.vertex(line, &tokens),
            &mut Section::Edges { arcs, list, relation } => {
                self.edge_line(line, &tokens, arcs, list, relation)
            }
            Section::Matrix(_) => self.matrix_row(line, &tokens),
            Section::Values => self.values(line, &tokens),
        }
    }

    fn network(&mut self) -> Option<&mut Network> {
        self.networks.last_mut()
    }

    fn header(&mut self, line: &Line<'_>, indent: usize) -> Result<(), ParseError> {
        let mut tokens = Vec::new();
        tokenize(line.text, &mut tokens);
        let Some(first) = tokens.first().copied() else { return Ok(()) };
        let word = first.text.get(1..).unwrap_or_default().to_ascii_lowercase();
        // The rest of the line after the keyword, for names with spaces.
        let rest = line.text.get(first.pos + first.text.len()..).unwrap_or_default();
        let args = tokens.get(1..).unwrap_or_default();
        match word.as_str() {
            "network" => {
                self.networks.push(Network {
                    name: clean_name(rest, &[".net"]),
                    line: line.number,
                    ..Network::default()
                });
                self.section = Section::Skip;
                Ok(())
            }
            "vertices" => self.vertices_header(line, indent, args),
            "arcs" | "edges" | "arcslist" | "edgeslist" | "matrix" => {
                let arcs = word.starts_with("arcs") || word == "matrix";
                let list = word.ends_with("list");
                let Some(network) = self.networks.last_mut().filter(|n| n.vertices.is_some()) else {
                    return Err(line.error(
                        indent,
                        format!(
                            "*{} before *Vertices (expected *Vertices N first)",
                            first.text.get(1..).unwrap_or_default()
                        ),
                    ));
                };
                // `:k "name"` and an optional count.
                let mut relation = 0_u64;
                let mut name = None;
                let mut iter = args.iter();
                while let Some(token) = iter.next() {
                    if let Some(k) = token.text.strip_prefix(':').filter(|_| !token.quoted) {
                        let k = if k.is_empty() { iter.next().map_or("", |t| t.text) } else { k };
                        relation = k.parse::<u64>().map_err(|_| {
                            line.error(token.pos, format!("expected a relation number after :, found {k:?}"))
                        })?;
                        let name_tokens: Vec<&str> = iter.by_ref().map(|t| t.text).collect();
                        let joined = name_tokens.join(" ");
                        name = clean_name(&joined, &[]);
                    }
                }
                let rel = network.relation(relation);
                if let Some(name) = name {
                    rel.name = Some(name);
                }
                rel.arc_section = arcs;
                if word == "matrix" {
                    let n = network.vertices.unwrap_or(0);
                    let (rows, columns, offset) = match network.mode1 {
                        Some(n1) => (n1, n - n1, n1),
                        None => (n, n, 0),
                    };
                    self.section = Section::Matrix(Matrix {
                        relation,
                        rows,
                        columns,
                        offset,
                        row: 0,
                        cells: Vec::new(),
                        extra_warned: false,
                        wide_warned: false,
                    });
                } else {
                    self.section = Section::Edges { arcs, list, relation };
                }
                Ok(())
            }
            "partition" | "vector" => {
                let name = clean_name(rest, &[".clu", ".vec"])
                    .unwrap_or_else(|| format!("{word} {}", self.partitions.len() + 1));
                self.partitions.push(Partition {
                    name,
                    vector: word == "vector",
                    line: line.number,
                    count: None,
                    values: Vec::new(),
                });
                self.section = Section::Values;
                Ok(())
            }
            _ => {
                self.warn(
                    line,
                    indent,
                    format!("the section {} is not read; its lines are skipped", first.text),
                );
                self.section = Section::Skip;
                Ok(())
            }
        }
    }

    fn vertices_header(
        &mut self,
        line: &Line<'_>,
        indent: usize,
        args: &[Token<'_>],
    ) -> Result<(), ParseError> {
        let number = |token: Option<&Token<'_>>| -> Result<usize, ParseError> {
            let Some(token) = token else {
                return Err(line.error(indent, "*Vertices without a count (expected *Vertices N)"));
            };
            let n = token.text.parse::<usize>().map_err(|_| {
                line.error(
                    token.pos,
                    format!("expected a vertex count after *Vertices, found {:?}", token.text),
                )
            })?;
            if n > MAX_ITEMS {
                return Err(line.error(
                    token.pos,
                    format!("*Vertices {n} is too many: more than {MAX_ITEMS} vertices is beyond what this program reads"),
                ));
            }
            Ok(n)
        };
        let n = number(args.first())?;
        let mode1 = match args.get(1) {
            Some(token) => {
                let n1 = number(Some(token))?;
                if n1 > n {
                    return Err(line.error(
                        token.pos,
                        format!("*Vertices {n} {n1}: the first mode cannot have more vertices than the network ({n})"),
                    ));
                }
                Some(n1)
            }
            None => None,
        };
        if let Some(extra) = args.get(2) {
            return Err(line.error(
                extra.pos,
                "too many numbers after *Vertices (expected *Vertices N or *Vertices N N1)",
            ));
        }
        // A partition or vector waiting for its count.
        if matches!(self.section, Section::Values)
            && let Some(partition) = self.partitions.last_mut()
            && partition.count.is_none()
        {
            partition.count = Some(n);
            partition.values.reserve(n.min(1 << 20));
            return Ok(());
        }
        self.count(line, indent, n)?;
        if n > plausible_vertices(self.bytes) {
            return Err(line.error(
                args.first().map_or(indent, |t| t.pos),
                format!(
                    "*Vertices {n} is far more than a file of {} bytes can describe (at most {} here)",
                    self.bytes,
                    plausible_vertices(self.bytes)
                ),
            ));
        }
        if n > super::limits::max_people() {
            let what = format!("*Vertices {n} declares {} people", super::limits::thousands(n));
            return Err(
                line.error(args.first().map_or(indent, |t| t.pos), super::limits::too_many_people(&what))
            );
        }
        let needs_new = self.networks.last().is_none_or(|net| net.vertices.is_some());
        if needs_new {
            self.networks.push(Network { line: line.number, ..Network::default() });
        }
        let Some(network) = self.network() else { return Ok(()) };
        network.vertices = Some(n);
        network.mode1 = mode1;
        network.listed = vec![false; n];
        network.nodes = (1..=n)
            .map(|i| {
                let mut node = RawNode { id: i.to_string(), line: line.number, ..RawNode::default() };
                if let Some(n1) = mode1 {
                    node.attrs.insert("mode".to_owned(), AttrValue::Number(if i <= n1 { 1.0 } else { 2.0 }));
                }
                node
            })
            .collect();
        self.section = Section::Vertices;
        Ok(())
    }

    fn vertex(&mut self, line: &Line<'_>, tokens: &[Token<'_>]) -> Result<(), ParseError> {
        let Some(first) = tokens.first() else { return Ok(()) };
        let n = self.networks.last().and_then(|net| net.vertices).unwrap_or(0);
        let number = first.text.parse::<i64>().map_err(|_| {
            line.error(first.pos, format!("expected a vertex number (1 to {n}), found {:?}", first.text))
        })?;
        let index = usize::try_from(number).ok().filter(|i| (1..=n).contains(i)).ok_or_else(|| {
            line.error(first.pos, format!("vertex number {number} is out of range (expected 1 to {n})"))
        })? - 1;
        let mut warnings: Vec<(usize, String)> = Vec::new();
        let mut colour = None;
        let mut label = None;
        let mut coords: Vec<f64> = Vec::new();
        let mut attrs = BTreeMap::new();
        if let Some(token) = tokens.get(1)
            && !token.text.is_empty()
        {
            label = Some(token.text.to_owned());
        }
        let mut rest = tokens.get(2..).unwrap_or_default().iter();
        let mut pairs_started = false;
        while let Some(token) = rest.next() {
            if !pairs_started
                && coords.len() < 3
                && let Some(value) = token.number()
            {
                coords.push(value);
            } else if !token.quoted && is_shape(token.text) {
                // A shape word: drawing only.
            } else if !token.quoted && is_vertex_parameter(token.text) {
                let value = rest.next();
                if token.text.eq_ignore_ascii_case("ic")
                    && let Some(value) = value
                {
                    match pajek_colour(value.text) {
                        Some(rgb) => colour = Some(rgb),
                        // At most 20 distinct names are reported (and looked through).
                        None if self.unknown_colours.len() < 20
                            && !self.unknown_colours.iter().any(|c| c == value.text) =>
                        {
                            self.unknown_colours.push(value.text.to_owned());
                            warnings
                                .push((value.pos, format!("unknown Pajek colour {:?}; ignored", value.text)));
                        }
                        None => {}
                    }
                }
            } else {
                pairs_started = true;
                match rest.next() {
                    Some(value) => {
                        attrs.insert(token.text.to_owned(), value.attr());
                    }
                    None => warnings.push((
                        token.pos,
                        format!("{:?} has no value after it (expected key value pairs); ignored", token.text),
                    )),
                }
            }
        }
        let already = self.networks.last().and_then(|net| net.listed.get(index).copied()).unwrap_or(false);
        if already {
            self.warn(line, first.pos, format!("vertex {number} is listed again; the first line is kept"));
            return Ok(());
        }
        for (pos, message) in warnings {
            self.warn(line, pos, message);
        }
        let Some(network) = self.network() else { return Ok(()) };
        if let Some(flag) = network.listed.get_mut(index) {
            *flag = true;
        }
        if let Some(node) = network.nodes.get_mut(index) {
            node.line = line.number;
            node.label = label;
            if let [x, y, ..] = *coords.as_slice() {
                node.position = Some([x, y]);
            }
            node.colour = colour;
            for (key, value) in attrs {
                node.attrs.entry(key).or_insert(value);
            }
        }
        Ok(())
    }

    /// The node id for an endpoint token: a vertex number, or a label.
    fn endpoint(&mut self, line: &Line<'_>, token: &Token<'_>) -> Result<String, ParseError> {
        let Some(network) = self.networks.last_mut() else {
            return Err(line.error(token.pos, "an arc before *Vertices"));
        };
        let n = network.vertices.unwrap_or(0);
        if !token.quoted
            && let Ok(number) = token.text.parse::<i64>()
        {
            if number < 1 {
                return Err(line.error(
                    token.pos,
                    format!("vertex number {number} is out of range (expected 1 to {n})"),
                ));
            }
            if usize::try_from(number).is_ok_and(|i| i > n) {
                self.warn(
                    line,
                    token.pos,
                    format!("vertex {number} is beyond *Vertices {n}; the arc is kept and the vertex added"),
                );
            }
            return Ok(number.to_string());
        }
        let by_label = network.by_label.get_or_insert_with(|| {
            let mut map: HashMap<String, Option<usize>> = HashMap::new();
            for (i, node) in network.nodes.iter().enumerate() {
                if let Some(label) = &node.label {
                    map.entry(label.clone()).and_modify(|slot| *slot = None).or_insert(Some(i));
                }
            }
            map
        });
        match by_label.get(token.text) {
            Some(Some(i)) => Ok((i + 1).to_string()),
            Some(None) => Err(line.error(
                token.pos,
                format!("{:?} is the label of several vertices (expected a vertex number)", token.text),
            )),
            None => Err(line.error(
                token.pos,
                format!("expected a vertex number (1 to {n}) or a vertex label, found {:?}", token.text),
            )),
        }
    }

    fn edge_line(
        &mut self,
        line: &Line<'_>,
        tokens: &[Token<'_>],
        arcs: bool,
        list: bool,
        section_relation: u64,
    ) -> Result<(), ParseError> {
        let mut tokens = tokens;
        let mut relation = section_relation;
        // `k:` prefix (Lazega) or `k: ` with the number glued to the colon.
        if let Some(first) = tokens.first()
            && !first.quoted
            && let Some(k) = first.text.strip_suffix(':')
            && let Ok(k) = k.parse::<u64>()
        {
            relation = k;
            tokens = tokens.get(1..).unwrap_or_default();
        }
        let Some(source_token) = tokens.first() else {
            return Err(line.error(0, "expected two vertex numbers on the line"));
        };
        let source = self.endpoint(line, source_token)?;
        let mut new_edges = Vec::new();
        if list {
            for token in tokens.get(1..).unwrap_or_default() {
                let target = self.endpoint(line, token)?;
                new_edges.push(RawEdge {
                    source: source.clone(),
                    target,
                    line: line.number,
                    ..RawEdge::default()
                });
            }
        } else {
            let Some(target_token) = tokens.get(1) else {
                return Err(line.error(
                    source_token.pos + source_token.text.len(),
                    "expected two vertex numbers on the line (source target [weight])",
                ));
            };
            let target = self.endpoint(line, target_token)?;
            let mut edge = RawEdge { source, target, line: line.number, ..RawEdge::default() };
            let mut rest = tokens.get(2..).unwrap_or_default().iter().peekable();
            if let Some(weight) = rest.peek().and_then(|t| t.number()) {
                edge.weight = Some(weight);
                rest.next();
            }
            while let Some(key) = rest.next() {
                let value = rest.next();
                if key.text == "l" && !key.quoted {
                    if let Some(value) = value {
                        edge.attrs.insert("label".to_owned(), AttrValue::Text(value.text.to_owned()));
                    }
                } else if !key.quoted && is_edge_parameter(key.text) {
                } else if let Some(value) = value {
                    edge.attrs.entry(key.text.to_owned()).or_insert_with(|| value.attr());
                } else {
                    self.warn(
                        line,
                        key.pos,
                        format!("{:?} has no value after it (expected key value pairs); ignored", key.text),
                    );
                }
            }
            new_edges.push(edge);
        }
        self.count(line, 0, new_edges.len())?;
        let Some(network) = self.network() else { return Ok(()) };
        let rel = network.relation(relation);
        if arcs {
            rel.arcs += new_edges.len();
        } else {
            rel.undirected += new_edges.len();
        }
        for mut edge in new_edges {
            edge.directed = Some(arcs);
            rel.edges.push(edge);
        }
        Ok(())
    }

    fn matrix_row(&mut self, line: &Line<'_>, tokens: &[Token<'_>]) -> Result<(), ParseError> {
        let mut warnings = Vec::new();
        let Section::Matrix(matrix) = &mut self.section else { return Ok(()) };
        if matrix.row >= matrix.rows {
            if !matrix.extra_warned {
                matrix.extra_warned = true;
                warnings.push((
                    0,
                    format!("the matrix has more than {} rows; the extra rows are ignored", matrix.rows),
                ));
            }
        } else {
            for (column, token) in tokens.iter().enumerate() {
                let value = token.number().ok_or_else(|| {
                    line.error(token.pos, format!("expected a number in the matrix, found {:?}", token.text))
                })?;
                if column >= matrix.columns {
                    if !matrix.wide_warned {
                        matrix.wide_warned = true;
                        warnings.push((
                            token.pos,
                            format!(
                                "row {} has more than {} cells (and maybe later rows too); the extra cells are ignored",
                                matrix.row + 1,
                                matrix.columns
                            ),
                        ));
                    }
                    break;
                }
                if value != 0.0 && !value.is_nan() {
                    if matrix.cells.len() >= MAX_ITEMS {
                        return Err(line.error(token.pos, too_many()));
                    }
                    matrix.cells.push((matrix.row, column + matrix.offset, value, line.number));
                }
            }
            matrix.row += 1;
        }
        for (pos, message) in warnings {
            self.warn(line, pos, message);
        }
        Ok(())
    }

    fn values(&mut self, line: &Line<'_>, tokens: &[Token<'_>]) -> Result<(), ParseError> {
        let Some(partition) = self.partitions.last_mut() else { return Ok(()) };
        let Some(count) = partition.count else {
            let pos = tokens.first().map_or(0, |t| t.pos);
            return Err(
                line.error(pos, format!("expected *Vertices N after *Partition/*Vector {}", partition.name))
            );
        };
        for token in tokens {
            let value = token.number().ok_or_else(|| {
                line.error(
                    token.pos,
                    format!("expected a number in {}, found {:?}", partition.name, token.text),
                )
            })?;
            if partition.values.len() >= count {
                let message =
                    format!("{} has more than {count} values; the rest are ignored", partition.name);
                self.warn(line, token.pos, message);
                self.section = Section::Skip;
                return Ok(());
            }
            partition.values.push(value);
        }
        Ok(())
    }

    /// Turns a finished matrix into edges.
    fn end_section(&mut self) {
        let section = std::mem::replace(&mut self.section, Section::Skip);
        let Section::Matrix(matrix) = section else {
            self.section = section;
            return;
        };
        let two_mode = matrix.offset > 0;
        let lookup: HashMap<(usize, usize), f64> = if two_mode {
            HashMap::new()
        } else {
            matrix.cells.iter().map(|&(i, j, w, _)| ((i, j), w)).collect()
        };
        let symmetric = two_mode || matrix.cells.iter().all(|&(i, j, w, _)| lookup.get(&(j, i)) == Some(&w));
        let Some(network) = self.networks.last_mut() else { return };
        let rel = network.relation(matrix.relation);
        for (i, j, w, line) in matrix.cells {
            if symmetric && !two_mode && j < i {
                continue;
            }
            rel.edges.push(RawEdge {
                source: (i + 1).to_string(),
                target: (j + 1).to_string(),
                directed: Some(!symmetric),
                weight: Some(w),
                attrs: crate::io::raw::Attrs::new(),
                line,
            });
            if symmetric {
                rel.undirected += 1;
            } else {
                rel.arcs += 1;
            }
        }
        rel.arc_section = !symmetric;
    }

    fn finish(mut self) -> Result<RawFile, ParseError> {
        self.end_section();
        if self.networks.iter().all(|n| n.vertices.is_none()) {
            return Err(ParseError::new(
                1,
                1,
                "this is not a Pajek network: no *Vertices line found (expected *Vertices N)",
            ));
        }
        if let Some(partition) = self.partitions.iter().find(|p| p.count.is_none()) {
            return Err(ParseError::new(
                partition.line,
                1,
                format!("*Partition/*Vector {} has no *Vertices N line", partition.name),
            ));
        }
        self.apply_partitions();
        let mut graphs = Vec::new();
        let several_networks = self.networks.iter().filter(|n| n.vertices.is_some()).count() > 1;
        let mut output_nodes = 0_usize;
        for mut network in self.networks.into_iter().filter(|n| n.vertices.is_some()) {
            // The unnumbered relation is dropped when it is empty and numbered ones exist (Lazega's
            // `*arcs` header before its `k:` lines).
            if network.relations.len() > 1 && network.relations.get(&0).is_some_and(|r| r.edges.is_empty()) {
                network.relations.remove(&0);
            }
            if network.relations.is_empty() {
                network.relation(0);
            }
            let order: Vec<u64> =
                network.order.iter().copied().filter(|k| network.relations.contains_key(k)).collect();
            let several_relations = order.len() > 1;
            let count = order.len();
            output_nodes = output_nodes.saturating_add(network.nodes.len().saturating_mul(count));
            if output_nodes > MAX_ITEMS {
                return Err(ParseError::new(network.line, 1, too_many()));
            }
            let mut nodes = Some(network.nodes);
            for (position, number) in order.into_iter().enumerate() {
                let Some(relation) = network.relations.remove(&number) else { continue };
                let relation_name =
                    relation.name.clone().or_else(|| (number > 0).then(|| number.to_string()));
                let name = match (&network.name, relation_name) {
                    (Some(net), Some(rel)) if several_networks && several_relations => {
                        Some(format!("{net}: {rel}"))
                    }
                    (Some(net), _) if several_networks => Some(net.clone()),
                    (_, Some(rel)) => Some(rel),
                    (net, None) => net.clone(),
                };
                let mixed = relation.arcs > 0 && relation.undirected > 0;
                let directed = if relation.arcs > 0 {
                    true
                } else if relation.undirected > 0 {
                    false
                } else {
                    relation.arc_section
                };
                let mut edges = relation.edges;
                if !mixed {
                    for edge in &mut edges {
                        edge.directed = None;
                    }
                }
                let nodes = if position + 1 == count {
                    nodes.take().unwrap_or_default()
                } else {
                    nodes.clone().unwrap_or_default()
                };
                graphs.push(RawGraph { name, directed, nodes, edges });
            }
        }
        Ok(RawFile { graphs, warnings: self.warnings.finish() })
    }

    /// Puts every partition and vector on the networks it belongs to.
    fn apply_partitions(&mut self) {
        let partitions = std::mem::take(&mut self.partitions);
        for partition in partitions {
            let count = partition.count.unwrap_or(0);
            let what = if partition.vector { "vector" } else { "partition" };
            if partition.values.len() < count {
                self.warnings.push(
                    partition.line,
                    1,
                    format!(
                        "{what} {} has {} values for {count} vertices; the rest have none",
                        partition.name,
                        partition.values.len()
                    ),
                );
            }
            let missing = partition.values.iter().filter(|v| **v == MISSING_VALUE).count();
            if missing > 0 {
                self.warnings.push(
                    partition.line,
                    1,
                    format!(
                        "{what} {}: {missing} vertices have 9999998, Pajek's code for a missing value (kept as a number)",
                        partition.name
                    ),
                );
            }
            let mut targets: Vec<usize> = (0..self.networks.len())
                .filter(|&i| self.networks.get(i).and_then(|n| n.vertices) == Some(count))
                .collect();
            if targets.len() > 1 {
                let lower = partition.name.to_lowercase();
                let named: Vec<usize> = targets
                    .iter()
                    .copied()
                    .filter(|&i| {
                        self.networks
                            .get(i)
                            .and_then(|n| n.name.as_ref())
                            .is_some_and(|name| lower.starts_with(&name.to_lowercase()))
                    })
                    .collect();
                if !named.is_empty() {
                    targets = named;
                }
            }
            if targets.is_empty() {
                self.warnings.push(
                    partition.line,
                    1,
                    format!(
                        "{what} {} has {count} vertices, but no network has; it is skipped",
                        partition.name
                    ),
                );
                continue;
            }
            for i in targets {
                let Some(network) = self.networks.get_mut(i) else { continue };
                let mut clash = false;
                for (node, value) in network.nodes.iter_mut().zip(&partition.values) {
                    clash |= node.attrs.insert(partition.name.clone(), AttrValue::Number(*value)).is_some();
                }
                if clash {
                    self.warnings.push(
                        partition.line,
                        1,
                        format!("{what} {} replaces a vertex attribute of the same name", partition.name),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
