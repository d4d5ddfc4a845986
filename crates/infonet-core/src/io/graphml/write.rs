//! The GraphML writer: one graph as GraphML that networkx and igraph read back the same.

use std::fmt::Write as _;

use super::super::raw::RawGraph;
use super::super::xml::{ColumnType, columns, escape_attr, escape_text, number_text, value_text};

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
