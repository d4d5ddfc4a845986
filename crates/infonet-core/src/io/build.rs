//! Turns parsed people and ties tables into a [`Network`] and an [`ImportReport`].

use crate::model::{Network, Person, PersonId, TieError};

use super::table::{PeopleTable, TiesTable, quoted};
use super::{ImportReport, ParseWarning};

/// How many keys or line numbers a report lists before "…".
pub const LIST_CAP: usize = 10;

/// Builds the network: people first, in file order, then ties in file order.
///
/// - A tie endpoint missing from the people table becomes a person with unknown attributes,
///   appended in order of first appearance and reported. Without a people table, everyone comes
///   from the ties that way (and is not reported as added).
/// - Self-nominations and exact duplicates (the same source naming the same target again) are
///   dropped, counted, and reported with their lines; the first occurrence is kept.
/// - Respondents: the people table's respondent column where it is given; where it is blank or
///   missing, everyone who named at least one other person, or who has a ties row at all (a row with
///   a blank target, or a dropped self-nomination, means they answered but named no one else).
///   Someone marked "no" who names others is counted as a respondent, with a warning.
pub fn build_network(
    name: &str,
    people: Option<PeopleTable>,
    mut ties: TiesTable,
) -> (Network, ImportReport) {
    let mut report = ImportReport::default();
    let people_rows = people.as_ref().map_or(0, |p| p.rows.len());
    let mut network = Network::with_capacity(name, people_rows, ties.rows.len());
    let people_file = people.as_ref().map(|p| p.file.clone());
    let has_people = people.is_some();
    let ties_file = ties.file.clone();
    let ties_warnings = std::mem::take(&mut ties.warnings);

    // People of the people table with their respondent cell, in file order.
    let mut listed: Vec<(PersonId, Option<bool>, u32)> = Vec::with_capacity(people_rows);
    if let Some(people) = people {
        report.warnings.extend(people.warnings);
        for row in people.rows {
            let line = row.line;
            match network.add_person(row.person) {
                Ok(id) => listed.push((id, row.respondent, line)),
                // Parsed tables have unique ids; a graph file may define a node twice.
                Err(id) => {
                    let key = network.person(id).map(|p| p.key.as_str()).unwrap_or_default();
                    report.warnings.push(ParseWarning {
                        file: people_file.clone().unwrap_or_default(),
                        line,
                        column: 1,
                        message: format!("node \"{key}\" is defined twice; the first definition is used"),
                    });
                }
            }
        }
    }

    // Ties in file order; ends missing from the people table are added as they appear. Per
    // person (by index): where they first named someone else, and whether they answered at all
    // (a blank target, a self-nomination or a weight of 0 still means they answered).
    let mut first_naming: Vec<Option<(u32, u32, usize)>> = vec![None; network.person_count()];
    let mut answered: Vec<bool> = vec![false; network.person_count()];
    let mut added: Vec<(PersonId, u32, u32)> = Vec::new();
    let mut find_or_add = |network: &mut Network, key: &str, line: u32, column: u32| -> PersonId {
        if let Some(id) = network.find(key) {
            return id;
        }
        match network.add_person(Person::new(key)) {
            Ok(id) | Err(id) => {
                added.push((id, line, column));
                id
            }
        }
    };
    let mut self_lines: Vec<(u32, u32)> = Vec::new();
    let mut duplicate_lines: Vec<(u32, u32)> = Vec::new();
    let mut zero_weight = 0usize;
    // Files list a person's ties together: the last source saves most lookups.
    let mut last_source: Option<(&str, PersonId)> = None;
    for (row_index, row) in ties.rows.iter().enumerate() {
        let source = match last_source {
            Some((key, id)) if key == row.source => id,
            _ => {
                let id = find_or_add(&mut network, &row.source, row.line, row.source_column);
                last_source = Some((row.source.as_str(), id));
                id
            }
        };
        let slot = source.index();
        if slot >= answered.len() {
            answered.resize(slot + 1, false);
            first_naming.resize(slot + 1, None);
        }
        let Some(target_key) = row.target.as_deref() else {
            answered[slot] = true;
            continue;
        };
        let target = find_or_add(&mut network, target_key, row.line, row.target_column);
        // A weight of 0 means "no tie" (matrices written as lists of every pair).
        if row.tie.weight == 0.0 {
            answered[slot] = true;
            zero_weight += 1;
            continue;
        }
        if source == target {
            answered[slot] = true;
        } else if first_naming[slot].is_none() {
            first_naming[slot] = Some((row.line, row.source_column, row_index));
        }
        match network.add_tie(source, target, row.tie.clone()) {
            Ok(_) => {}
            Err(TieError::SelfTie) => self_lines.push((row.line, row.source_column)),
            // Both ends were just found or added, so `NoSuchPerson` cannot happen.
            Err(TieError::Duplicate | TieError::NoSuchPerson) => {
                duplicate_lines.push((row.line, row.source_column));
            }
        }
    }

    // Respondents: the people table's cell where given, else whoever answered in the ties.
    let derived = |id: PersonId| {
        first_naming.get(id.index()).is_some_and(Option::is_some) || answered.get(id.index()) == Some(&true)
    };
    report.warnings.extend(ties_warnings);
    let mut respondents: Vec<(PersonId, bool)> = Vec::with_capacity(listed.len() + added.len());
    for &(id, cell, people_line) in &listed {
        let respondent = match cell {
            Some(true) => true,
            Some(false) => match first_naming.get(id.index()).copied().flatten() {
                Some((line, column, row_index)) => {
                    let key = network.person(id).map(|p| p.key.as_str()).unwrap_or_default();
                    let target =
                        ties.rows.get(row_index).and_then(|r| r.target.as_deref()).unwrap_or_default();
                    report.warnings.push(ParseWarning {
                        file: ties_file.clone(),
                        line,
                        column,
                        message: format!(
                            "{} is marked as not a respondent in {} (line {}) but names {} here; \
                             counted as a respondent",
                            quoted(key),
                            people_file.as_deref().filter(|f| !f.is_empty()).unwrap_or("the people table"),
                            people_line,
                            quoted(target)
                        ),
                    });
                    true
                }
                None => false,
            },
            None => derived(id),
        };
        respondents.push((id, respondent));
    }
    for &(id, _, _) in &added {
        respondents.push((id, derived(id)));
    }
    for (id, respondent) in respondents {
        if let Some(person) = network.person_mut(id) {
            person.respondent = respondent;
        }
    }
    // Without a people table everyone comes from the ties, which is not worth a warning.
    let added: Vec<(String, u32, u32)> = if has_people {
        added
            .iter()
            .filter_map(|&(id, line, column)| network.person(id).map(|p| (p.key.clone(), line, column)))
            .collect()
    } else {
        Vec::new()
    };

    if let Some(&(_, line, column)) = added.first() {
        let keys: Vec<&str> = added.iter().map(|(key, _, _)| key.as_str()).collect();
        report.warnings.push(ParseWarning {
            file: ties_file.clone(),
            line,
            column,
            message: format!(
                "added {} named only in the ties file: {}",
                count(added.len(), "person", "people"),
                capped_list(&keys)
            ),
        });
        report.added_from_ties = added.len();
        report.added_from_ties_keys = keys.iter().take(LIST_CAP).map(|k| (*k).to_owned()).collect();
    }
    if let Some(&(line, column)) = self_lines.first() {
        report.warnings.push(ParseWarning {
            file: ties_file.clone(),
            line,
            column,
            message: format!(
                "dropped {} (a person naming themselves) on {}",
                count(self_lines.len(), "self-nomination", "self-nominations"),
                lines_list(&self_lines)
            ),
        });
    }
    let ties_file_for_zero = ties_file.clone();
    if let Some(&(line, column)) = duplicate_lines.first() {
        report.warnings.push(ParseWarning {
            file: ties_file,
            line,
            column,
            message: format!(
                "dropped {} (the same source naming the same target again) on {}",
                count(duplicate_lines.len(), "duplicate tie", "duplicate ties"),
                lines_list(&duplicate_lines)
            ),
        });
    }

    if zero_weight > 0 {
        report.warnings.push(ParseWarning {
            file: ties_file_for_zero,
            line: 0,
            column: 0,
            message: format!("skipped {} with weight 0 (no tie)", count(zero_weight, "row", "rows")),
        });
    }
    report.zero_weight_skipped = zero_weight;
    report.self_ties_dropped = self_lines.len();
    report.self_tie_lines = self_lines.iter().take(LIST_CAP).map(|(line, _)| *line).collect();
    report.duplicate_ties_dropped = duplicate_lines.len();
    report.duplicate_tie_lines = duplicate_lines.iter().take(LIST_CAP).map(|(line, _)| *line).collect();
    report.people = network.person_count();
    report.ties = network.tie_count();
    report.respondents = network.people().filter(|(_, p)| p.respondent).count();
    report.named_only = report.people - report.respondents;
    (network, report)
}

/// "1 person", "3 people".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a, b, c" with at most [`LIST_CAP`] items, then "…".
fn capped_list(items: &[&str]) -> String {
    let mut text = items.iter().take(LIST_CAP).copied().collect::<Vec<_>>().join(", ");
    if items.len() > LIST_CAP {
        text.push('…');
    }
    text
}

/// "line 7" or "lines 12, 40, …".
fn lines_list(lines: &[(u32, u32)]) -> String {
    let shown: Vec<String> = lines.iter().take(LIST_CAP).map(|(line, _)| line.to_string()).collect();
    let more = if lines.len() > LIST_CAP { ", …" } else { "" };
    let word = if lines.len() == 1 { "line" } else { "lines" };
    format!("{word} {}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{parse_people, parse_ties};
    use crate::model::{Sector, TieKind};

    fn build(people: Option<&str>, ties: &str) -> (Network, ImportReport) {
        let people = people.map(|p| parse_people(p.as_bytes()).expect("people").with_file("people.csv"));
        let ties = parse_ties(ties.as_bytes()).expect("ties").with_file("ties.csv");
        build_network("Test", people, ties)
    }

    fn keys(network: &Network) -> Vec<String> {
        network.people().map(|(_, p)| p.key.clone()).collect()
    }

    fn respondent(network: &Network, key: &str) -> bool {
        let id = network.find(key).expect("person");
        network.person(id).expect("person").respondent
    }

    fn tie_pairs(network: &Network) -> Vec<(String, String)> {
        let key = |id| network.person(id).map(|p| p.key.clone()).unwrap_or_default();
        network.ties().map(|(_, s, t, _)| (key(s), key(t))).collect()
    }

    #[test]
    fn people_first_then_added_in_order_of_first_appearance() {
        let (network, report) = build(
            Some("id,name,sector\na,Anne,public\nb,Bo,private\nc,Cato,public\n"),
            "source,target\na,b\nb,x\ny,a\nx,z\nc,a\n",
        );
        assert_eq!(network.name, "Test");
        assert_eq!(keys(&network), ["a", "b", "c", "x", "y", "z"]);
        assert_eq!(tie_pairs(&network).len(), 5);
        assert_eq!(report.people, 6);
        assert_eq!(report.ties, 5);
        assert_eq!(report.added_from_ties, 3);
        assert_eq!(report.added_from_ties_keys, ["x", "y", "z"]);
        let added = report.warnings.iter().find(|w| w.message.starts_with("added")).expect("added warning");
        assert_eq!(added.to_string(), "ties.csv:3:2: added 3 people named only in the ties file: x, y, z");
        // An added person has unknown attributes; the derived kind of ties to them is unknown.
        let x = network.find("x").expect("x");
        assert_eq!(network.person(x).expect("x").sector, Sector::Unknown);
        let a = network.find("a").expect("a");
        let b = network.find("b").expect("b");
        let c = network.find("c").expect("c");
        let kind = |s, t| {
            let id = network.find_tie(s, t).expect("tie");
            let (_, _, _, tie) = network.ties().find(|(i, _, _, _)| *i == id).expect("tie");
            network.tie_kind(s, t, tie)
        };
        assert_eq!(kind(a, b), TieKind::External);
        assert_eq!(kind(c, a), TieKind::Internal);
        assert_eq!(kind(b, x), TieKind::Unknown);
    }

    #[test]
    fn derived_respondents_and_named_only() {
        let (network, report) =
            build(Some("id\na\nb\nc\nd\ne\n"), "source,target\na,b\nb,c\nb,a\nx,a\nd,\ne,e\n");
        // a, b and x named someone; d and e answered naming no one else; c was only named.
        for (key, expected) in [("a", true), ("b", true), ("c", false), ("d", true), ("e", true), ("x", true)]
        {
            assert_eq!(respondent(&network, key), expected, "{key}");
        }
        assert_eq!(report.respondents, 5);
        assert_eq!(report.named_only, 1);
        assert_eq!(report.ties, 4);
    }

    #[test]
    fn respondent_column_wins_where_given_and_no_plus_naming_flips_with_a_warning() {
        let (network, report) =
            build(Some("id,respondent\na,ja\nb,nei\nc,\nd,no\ne,yes\n"), "source,target\nb,a\nc,a\na,e\n");
        for (key, expected) in [("a", true), ("b", true), ("c", true), ("d", false), ("e", true)] {
            assert_eq!(respondent(&network, key), expected, "{key}");
        }
        let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "ties.csv:2:1: \"b\" is marked as not a respondent in people.csv (line 3) but names \"a\" here; \
              counted as a respondent"
            ]
        );
    }

    #[test]
    fn self_ties_and_duplicates_are_dropped_and_counted() {
        let (network, report) =
            build(Some("id\na\nb\n"), "source;target;weight\na;b;1\na;a;1\nb;a;1\na;b;2\nb;b;1\na;b;1\n");
        assert_eq!(tie_pairs(&network), [("a".to_owned(), "b".to_owned()), ("b".to_owned(), "a".to_owned())]);
        // The first occurrence is kept, with its weight.
        assert!(network.ties().all(|(_, _, _, tie)| tie.weight == 1.0));
        assert_eq!(report.self_ties_dropped, 2);
        assert_eq!(report.self_tie_lines, [3, 6]);
        assert_eq!(report.duplicate_ties_dropped, 2);
        assert_eq!(report.duplicate_tie_lines, [5, 7]);
        let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "ties.csv:3:1: dropped 2 self-nominations (a person naming themselves) on lines 3, 6",
                "ties.csv:5:1: dropped 2 duplicate ties (the same source naming the same target again) on lines 5, 7"
            ]
        );
        assert_eq!(report.summary(), "2 people, 2 ties; 2 self-nominations and 2 duplicates dropped");
    }

    #[test]
    fn ties_alone_make_people_in_order_of_first_appearance() {
        let (network, report) = build(None, "fra,til\nc,a\na,b\nb,c\nd,a\n");
        assert_eq!(keys(&network), ["c", "a", "b", "d"]);
        assert_eq!(report.added_from_ties, 0);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(report.respondents, 4);
        assert_eq!(report.summary(), "4 people, 4 ties");
        let (network, report) = build(None, "source,target\na,b\n");
        assert!(!respondent(&network, "b"));
        assert_eq!(report.named_only, 1);
    }

    #[test]
    fn long_lists_are_capped() {
        let mut ties = "source,target\n".to_owned();
        for i in 0..15 {
            ties.push_str(&format!("s,t{i}\ns,s\n"));
        }
        let (_, report) = build(Some("id\ns\n"), &ties);
        assert_eq!(report.added_from_ties, 15);
        assert_eq!(report.added_from_ties_keys.len(), LIST_CAP);
        assert_eq!(report.self_ties_dropped, 15);
        assert_eq!(report.self_tie_lines.len(), LIST_CAP);
        let added = report.warnings.iter().find(|w| w.message.starts_with("added")).expect("added");
        assert!(added.message.ends_with("t8, t9…"), "{}", added.message);
        let dropped = report.warnings.iter().find(|w| w.message.contains("self-")).expect("self");
        assert!(
            dropped.message.ends_with("lines 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, …"),
            "{}",
            dropped.message
        );
        assert_eq!(
            report.summary(),
            "16 people, 15 ties; 15 self-nominations dropped; 15 people only named in the ties file"
        );
    }

    #[test]
    fn summary_singular_forms() {
        let (_, report) = build(Some("id\na\n"), "source,target\na,b\na,b\nb,b\n");
        assert_eq!(
            report.summary(),
            "2 people, 1 tie; 1 self-nomination and 1 duplicate dropped; 1 person only named in the ties file"
        );
    }
}
