//! From a peer format's [`RawGraph`] to a [`Network`]: attribute mapping (which attribute
//! plays sector, tenure, age), then the same building, dropping and reporting as the people
//! + ties tables.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Age, AgeBand, Network, Person, Sector, Tenure, TenureBand, Tie};

use super::raw::{AttrValue, RawGraph, RawNode};
use super::table::{PeopleTable, PersonRow, TieRow, TiesTable};
use super::{ImportReport, ParseWarning, build_network};

/// Which attributes of a file play sector, tenure, age and respondent, and how sector values
/// map to public / private / other. Remembered per file by the app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttributeMapping {
    /// The attribute read as sector.
    pub sector: Option<String>,
    /// Sector of each value of that attribute (value text as in the file, trimmed). Values not
    /// listed are read as sector words (public, privat, …) and otherwise unknown.
    pub sector_values: BTreeMap<String, Sector>,
    /// The attribute read as years in the municipality (number or band text).
    pub tenure: Option<String>,
    /// The attribute read as age (number or band text).
    pub age: Option<String>,
    /// The attribute read as "answered the survey" (yes/no, true/false, 1/0).
    pub respondent: Option<String>,
    /// Colour people by this categorical attribute instead of by sector; ties are then
    /// internal or external to its groups.
    pub colour_by: Option<String>,
}

impl AttributeMapping {
    /// Whether nothing is mapped.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Parses the command line form: `--sector ATTR[:VALUE=public,VALUE=private,...]`,
    /// `--tenure ATTR`, `--age ATTR`.
    pub fn parse_sector_arg(&mut self, arg: &str) -> Result<(), String> {
        let (attr, values) = match arg.split_once(':') {
            Some((a, v)) => (a.trim(), Some(v)),
            None => (arg.trim(), None),
        };
        if attr.is_empty() {
            return Err("--sector needs an attribute name, e.g. --sector office".into());
        }
        self.sector = Some(attr.to_owned());
        for pair in values.into_iter().flat_map(|v| v.split(',')).map(str::trim).filter(|p| !p.is_empty()) {
            let Some((value, sector)) = pair.rsplit_once('=') else {
                return Err(format!("\"{pair}\" is not VALUE=public|private|other"));
            };
            let sector = Sector::parse(sector)
                .map_err(|_| format!("\"{sector}\" is not public, private, other or unknown"))?;
            self.sector_values.insert(value.trim().to_owned(), sector);
        }
        Ok(())
    }
}

/// Attribute names, with how many nodes have each and up to a few distinct values, for the
/// import dialog.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AttributeSummary {
    /// Attribute name.
    pub name: String,
    /// Nodes with a value.
    pub count: usize,
    /// Distinct values (text), sorted; at most [`MAX_DISTINCT`].
    pub values: Vec<String>,
    /// Whether every value is a number.
    pub numeric: bool,
    /// Whether there were more distinct values than listed.
    pub more: bool,
}

/// Most distinct values listed per attribute.
pub const MAX_DISTINCT: usize = 40;

/// The node attributes of a graph, sorted by name.
pub fn node_attributes(graph: &RawGraph) -> Vec<AttributeSummary> {
    let mut map: BTreeMap<&str, (usize, BTreeSet<String>, bool, bool)> = BTreeMap::new();
    for node in &graph.nodes {
        for (name, value) in &node.attrs {
            let entry = map.entry(name.as_str()).or_insert_with(|| (0, BTreeSet::new(), true, false));
            entry.0 += 1;
            entry.2 &= value.as_number().is_some();
            // Past the cap only the count and numeric flag change.
            if entry.3 {
                continue;
            }
            // Most values repeat: look before copying.
            let text = value.as_text();
            if !entry.1.contains(text.as_ref()) {
                if entry.1.len() < MAX_DISTINCT {
                    entry.1.insert(text.into_owned());
                } else {
                    entry.3 = true;
                }
            }
        }
    }
    map.into_iter()
        .map(|(name, (count, values, numeric, more))| AttributeSummary {
            name: name.to_owned(),
            count,
            values: values.into_iter().collect(),
            numeric,
            more,
        })
        .collect()
}

fn norm(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}

/// A mapping guessed from attribute names: the study's own names in English and Norwegian,
/// then common names in peer files (Krackhardt's TENURE and AGE, Lazega's
/// years_within_the_firm …). Sector is only guessed from names that mean sector.
pub fn guess_mapping(graph: &RawGraph) -> AttributeMapping {
    guess_mapping_from(&node_attributes(graph))
}

/// [`guess_mapping`] from the graph's [`node_attributes`], when they are at hand anyway.
pub fn guess_mapping_from(attributes: &[AttributeSummary]) -> AttributeMapping {
    let names: Vec<String> = attributes.iter().map(|a| norm(&a.name)).collect();
    let find = |candidates: &[&str]| {
        candidates.iter().find_map(|c| {
            names.iter().position(|n| n == c).and_then(|i| attributes.get(i)).map(|a| a.name.clone())
        })
    };
    AttributeMapping {
        sector: find(&["sector", "sektor"]),
        tenure: find(&[
            "tenure",
            "years_in_municipality",
            "botid",
            "år_i_kommunen",
            "ar_i_kommunen",
            "tenureyears",
            "years_within_the_firm",
            "years_with_firm",
            "seniority_years",
        ]),
        age: find(&["age", "alder"]),
        respondent: find(&["respondent", "respondent?", "svarte"]),
        ..AttributeMapping::default()
    }
}

fn attr_text<'a>(attrs: &'a crate::io::raw::Attrs, name: &Option<String>) -> Option<&'a AttrValue> {
    name.as_ref().and_then(|n| attrs.get(n))
}

/// Builds the network of one graph with a mapping. `file` names the file in warnings.
pub fn to_network(
    name: &str,
    file: &str,
    graph: &RawGraph,
    mapping: &AttributeMapping,
) -> (Network, ImportReport) {
    into_network(name, file, graph.clone(), mapping)
}

/// [`to_network`], moving the graph's ids and values into the network instead of copying them.
pub fn into_network(
    name: &str,
    file: &str,
    graph: RawGraph,
    mapping: &AttributeMapping,
) -> (Network, ImportReport) {
    let RawGraph { nodes, edges, directed, .. } = graph;
    let mut warnings = Vec::new();
    let mut bad_sector: BTreeMap<String, usize> = BTreeMap::new();
    // Nodes defined twice are left to `build_network`, which keeps the first and says so.
    let mut rows = Vec::with_capacity(nodes.len());
    for node in nodes {
        let RawNode { id, label, attrs, line, .. } = node;
        // The name is the label, else the id (copied only then).
        let name = match label.filter(|l| !l.trim().is_empty()) {
            Some(label) => match label.trim() {
                trimmed if trimmed.len() == label.len() => label,
                trimmed => trimmed.to_owned(),
            },
            None => id.clone(),
        };
        let mut person = Person { name, ..Person::new(String::new()) };
        person.key = id;
        if let Some(value) = attr_text(&attrs, &mapping.sector) {
            let text = value.as_text();
            let key = text.trim();
            person.sector = match mapping.sector_values.get(key) {
                Some(&s) => s,
                None => Sector::parse(key).unwrap_or_else(|_| {
                    *bad_sector.entry(key.to_owned()).or_default() += 1;
                    Sector::Unknown
                }),
            };
        }
        if let Some(value) = attr_text(&attrs, &mapping.tenure) {
            person.tenure = match value.as_number() {
                Some(y) => Tenure::from_number(y),
                None => {
                    Tenure { years: None, band: TenureBand::parse_band(&value.as_text()).unwrap_or_default() }
                }
            };
        }
        if let Some(value) = attr_text(&attrs, &mapping.age) {
            person.age = match value.as_number() {
                Some(y) => Age::from_number(y),
                None => Age { years: None, band: AgeBand::parse_band(&value.as_text()).unwrap_or_default() },
            };
        }
        let respondent = attr_text(&attrs, &mapping.respondent).and_then(|v| match v {
            AttrValue::Bool(b) => Some(*b),
            AttrValue::Number(n) => Some(*n != 0.0),
            AttrValue::Text(t) => super::table::parse_respondent(t).ok().flatten(),
        });
        // Already sorted by name: collecting builds the map in bulk.
        person.attributes = attrs.map_values(AttrValue::into_text);
        rows.push(PersonRow { line, person, respondent });
    }
    if !bad_sector.is_empty() {
        let list: Vec<String> = bad_sector.iter().take(8).map(|(v, n)| format!("\"{v}\" ({n})")).collect();
        warnings.push(ParseWarning {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: format!(
                "sector values not mapped to public, private or other were read as unknown: {}{}",
                list.join(", "),
                if bad_sector.len() > 8 { ", …" } else { "" }
            ),
        });
    }
    let people = PeopleTable {
        file: file.to_owned(),
        rows,
        has_respondent_column: mapping.respondent.is_some(),
        warnings,
    };
    let ties = TiesTable {
        file: file.to_owned(),
        rows: edges
            .into_iter()
            .map(|e| TieRow {
                line: e.line,
                source: e.source,
                source_column: 1,
                target: Some(e.target),
                target_column: 1,
                tie: Tie {
                    declared_kind: None,
                    weight: e.weight.filter(|w| w.is_finite()).unwrap_or(1.0),
                    undirected: !e.directed.unwrap_or(directed),
                },
            })
            .collect(),
        warnings: Vec::new(),
    };
    let (network, mut report) = build_network(name, Some(people), ties);
    // Nodes created from edges are expected in peer formats: say so once, not per node.
    if report.added_from_ties > 0 {
        let n = report.added_from_ties;
        report.warnings.retain(|w| !w.message.contains("only in the ties"));
        report.warnings.push(ParseWarning {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: format!("{n} nodes appear only in edges and were added with unknown attributes"),
        });
    }
    (network, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::raw::RawEdge;

    fn node(id: &str, attrs: &[(&str, AttrValue)]) -> RawNode {
        RawNode {
            id: id.into(),
            attrs: attrs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
            ..RawNode::default()
        }
    }

    fn edge(a: &str, b: &str) -> RawEdge {
        RawEdge { source: a.into(), target: b.into(), ..RawEdge::default() }
    }

    #[test]
    fn mapping_reads_sector_tenure_age_and_undirected_edges_count_once() {
        let g = RawGraph {
            name: None,
            directed: false,
            nodes: vec![
                node("1", &[("office", AttrValue::Number(1.0)), ("years", AttrValue::Number(12.0))]),
                node("2", &[("office", AttrValue::Number(2.0)), ("years", AttrValue::Number(3.0))]),
                node(
                    "3",
                    &[("office", AttrValue::Text("3".into())), ("AGE", AttrValue::Text("30-40".into()))],
                ),
            ],
            edges: vec![edge("1", "2"), edge("2", "1"), edge("2", "3"), edge("3", "3"), edge("3", "9")],
        };
        let mut m = AttributeMapping {
            tenure: Some("years".into()),
            age: Some("AGE".into()),
            ..AttributeMapping::default()
        };
        m.parse_sector_arg("office:1=public,2=private").expect("valid");
        let (n, report) = to_network("T", "t.graphml", &g, &m);
        assert_eq!(n.person_count(), 4);
        assert_eq!(n.tie_count(), 3, "1-2, 2-3, 3-9; 2-1 duplicates 1-2; 3-3 is a self-tie");
        assert_eq!(report.duplicate_ties_dropped, 1);
        assert_eq!(report.self_ties_dropped, 1);
        let p = |k: &str| n.person(n.find(k).expect("exists")).expect("exists").clone();
        assert_eq!(p("1").sector, Sector::Public);
        assert_eq!(p("2").sector, Sector::Private);
        assert_eq!(p("3").sector, Sector::Unknown);
        assert_eq!(p("1").tenure.band, TenureBand::TenPlus);
        assert_eq!(p("2").tenure.band, TenureBand::Under4);
        assert_eq!(p("3").age.band, AgeBand::From30To40);
        // Undirected: degree counts both ends.
        assert_eq!(n.in_degree(n.find("2").expect("2")), 2);
        assert!(!n.has_directed_ties());
        assert!(report.warnings.iter().any(|w| w.message.contains("\"3\" (1)")), "{:?}", report.warnings);
    }

    #[test]
    fn a_node_defined_twice_keeps_its_first_definition_and_says_so() {
        let first = RawNode { line: 3, ..node("a", &[("sector", AttrValue::Text("public".into()))]) };
        let again = RawNode { line: 7, ..node("a", &[("sector", AttrValue::Text("private".into()))]) };
        let g = RawGraph {
            nodes: vec![first, again, node("b", &[])],
            edges: vec![edge("a", "b")],
            ..RawGraph::default()
        };
        let mapping = AttributeMapping { sector: Some("sector".into()), ..AttributeMapping::default() };
        let (network, report) = to_network("N", "n.graphml", &g, &mapping);
        assert_eq!((network.person_count(), network.tie_count()), (2, 1));
        let a = network.find("a").and_then(|id| network.person(id)).expect("a");
        assert_eq!(a.sector, Sector::Public);
        let warning = report.warnings.iter().find(|w| w.message.contains("defined twice")).expect("warned");
        assert_eq!((warning.file.as_str(), warning.line), ("n.graphml", 7));
    }

    #[test]
    fn guesses_common_attribute_names() {
        let g = RawGraph {
            nodes: vec![node(
                "a",
                &[
                    ("TENURE", AttrValue::Number(9.3)),
                    ("AGE", AttrValue::Number(33.0)),
                    ("Sektor", AttrValue::Text("kommune".into())),
                ],
            )],
            ..RawGraph::default()
        };
        let m = guess_mapping(&g);
        assert_eq!(m.tenure.as_deref(), Some("TENURE"));
        assert_eq!(m.age.as_deref(), Some("AGE"));
        assert_eq!(m.sector.as_deref(), Some("Sektor"));
        let g2 =
            RawGraph { nodes: vec![node("a", &[("years_within_the_firm", AttrValue::Number(3.0))])], ..g };
        assert_eq!(guess_mapping(&g2).tenure.as_deref(), Some("years_within_the_firm"));
    }

    #[test]
    fn sector_arg_errors() {
        let mut m = AttributeMapping::default();
        assert!(m.parse_sector_arg("").is_err());
        assert!(m.parse_sector_arg("dept:1").is_err());
        assert!(m.parse_sector_arg("dept:1=blue").is_err());
        m.parse_sector_arg("dept").expect("attribute alone is fine");
        assert_eq!(m.sector.as_deref(), Some("dept"));
    }
}
