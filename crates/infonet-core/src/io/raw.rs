//! The shape every peer-format parser (GraphML, GEXF, GML, Pajek, UCINET DL, JSON, edge
//! lists, spreadsheets) returns: nodes and edges with their attributes as the file had them.
//! A separate step maps attributes to sector, tenure and age and builds a [`crate::model::Network`].

use serde::Serialize;

use super::ParseWarning;

/// A node's or an edge's attributes, by name.
pub type Attrs = crate::model::AttrMap<AttrValue>;

/// An attribute value as the file typed it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AttrValue {
    /// Text.
    Text(String),
    /// A number (integers too).
    Number(f64),
    /// A boolean.
    Bool(bool),
}

impl AttrValue {
    /// The value as text (numbers without a trailing ".0").
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => integer_text(*n as i64),
            Self::Number(n) => format!("{n}"),
            Self::Bool(b) => b.to_string(),
        }
    }

    /// [`Self::to_text`], borrowing text instead of copying it.
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Text(t) => std::borrow::Cow::Borrowed(t),
            other => std::borrow::Cow::Owned(other.to_text()),
        }
    }

    /// [`Self::to_text`], moving text instead of copying it.
    pub fn into_text(self) -> String {
        match self {
            Self::Text(t) => t,
            other => other.to_text(),
        }
    }

    /// The value as a number, if it is one (or text that reads as one).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Self::Number(n) => Some(*n).filter(|v| v.is_finite()),
            Self::Text(t) => super::parse_number(t),
            Self::Bool(_) => None,
        }
    }
}

/// One node of a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RawNode {
    /// The file's node id (unique within the graph).
    pub id: String,
    /// A display label, when the file has one.
    pub label: Option<String>,
    /// Every other attribute, by name as in the file.
    pub attrs: Attrs,
    /// Position from the file (GEXF viz:position, GML graphics, Pajek coordinates), in the
    /// file's own units with y pointing down (flip Gephi's y-up when reading).
    pub position: Option<[f64; 2]>,
    /// Colour from the file (viz:color, graphics fill), RGB.
    pub colour: Option<[u8; 3]>,
    /// Size from the file (viz:size).
    pub size: Option<f64>,
    /// 1-based line where the node is defined (0 if unknown).
    pub line: u32,
}

/// One edge of a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RawEdge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Per-edge direction where the format allows mixing (GraphML `directed`, GEXF `type`,
    /// Pajek `*Arcs` vs `*Edges`); `None` means the graph's default.
    pub directed: Option<bool>,
    /// Weight, when given.
    pub weight: Option<f64>,
    /// Every other attribute.
    pub attrs: Attrs,
    /// 1-based line where the edge is defined (0 if unknown).
    pub line: u32,
}

/// One graph (or one relation of a multi-relation file).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RawGraph {
    /// Name of the graph or relation, when the file gives one.
    pub name: Option<String>,
    /// Default direction of edges.
    pub directed: bool,
    /// Nodes in file order.
    pub nodes: Vec<RawNode>,
    /// Edges in file order. Endpoints not among `nodes` are allowed (they become nodes).
    pub edges: Vec<RawEdge>,
}

/// Everything a file held: one or more graphs (several relations or networks) and warnings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RawFile {
    /// The graphs, in file order; most files have exactly one.
    pub graphs: Vec<RawGraph>,
    /// Recoverable problems, with positions.
    pub warnings: Vec<ParseWarning>,
}

/// `n` in decimal: what `format!("{n}")` gives, without the formatting machinery (a big file
/// turns 200,000 ages and years into text).
fn integer_text(n: i64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    let mut text = String::with_capacity(digits.len() - at + 1);
    if n < 0 {
        text.push('-');
    }
    for &d in digits.get(at..).unwrap_or_default() {
        text.push(char::from(d));
    }
    text
}

#[cfg(test)]
mod integer_tests {
    #[test]
    fn integers_read_as_format_writes_them() {
        for n in
            [0, 7, -7, 10, 63, -100, 1_000_000, 999_999_999_999_999, -999_999_999_999_999, i64::MIN, i64::MAX]
        {
            assert_eq!(super::integer_text(n), format!("{n}"));
        }
    }
}
