//! The survey export of `docs/formats.md` §2: one row per respondent, with the people they named in
//! `named_1`, `named_2`, ... columns; and how it becomes a network.
//!
//! # Columns (header names compared trimmed, lower case, runs of blanks and `_` as one `_`)
//!
//! - respondent id: `respondent`, `respondent_id`, `id`, `person`, `person_id`, `navn_id`;
//! - name: `name`, `navn`, `label`; sector, tenure, age: as in the people table (`sector`/`sektor`,
//!   `tenure`/`botid`/..., `age`/`alder`), read with the people table's value parsers;
//! - named columns: a header that starts with `named`, `source`, `navn`, `kilde` or `person`
//!   followed by a number, with `_`, `-`, `.`, `#` or blanks between allowed (`named_1`, `navn 2`,
//!   `kilde3`, `Person #4`); `navn` alone is the name column, `person` alone the id column;
//! - any other column is kept as a person attribute (text).
//!
//! A survey needs at least one named column and an id or a name column. A row without an id gets
//! a generated key `r001`, `r002`, ... (with a warning when the sheet has an id column); a row with
//! neither id nor name is skipped with a warning; an id used twice is an error.
//!
//! # Matching named cells ([`build_survey`])
//!
//! Each non-blank named cell is, in this order:
//! 1. a respondent whose id is exactly the cell (trimmed);
//! 2. a respondent whose given name equals the cell after normalisation (trimmed, Unicode NFC,
//!    lower case, runs of whitespace as one space, diacritics folded: å = a, ø = o, æ = e); with several such respondents, the first, and
//!    a warning;
//! 3. a named-only person created for an earlier cell with the same normalised name;
//! 4. otherwise a new named-only person, key `n001`, `n002`, ... (skipping keys respondents use),
//!    name = the cell as first written (trimmed).
//!
//! A match by name that is not letter-for-letter the respondent's name gets a warning with the
//! cell's position, and so does a new named-only person whose name has no letters (`17`: an id
//! that no respondent has?). Self-nominations and the same person named twice by one respondent are
//! dropped and reported by [`crate::io::build_network`], which builds the network.
//!
//! # Possible duplicates
//!
//! Pairs of distinct people whose given names are similar are listed, never merged silently:
//! - [`Similarity::SameName`]: equal normalised names (two respondents with different ids);
//! - [`Similarity::Spelling`]: Damerau-Levenshtein distance (optimal string alignment: insert,
//!   delete, substitute, swap two neighbours) of the normalised names at most 2 when the shorter
//!   name has 8 or more characters, at most 1 when shorter ("Kari Nordman" / "Kari Nordmann",
//!   "Ola" / "Ole");
//! - [`Similarity::Subset`]: the words of one name are some but not all of the words of the other
//!   ("Kari" / "Kari Nordmann", "Nordmann" / "Kari Nordmann").
//!
//! People without a given name (keys only) are not compared. Candidates come from an index of
//! deletion variants and of words, so the check is near-linear; beyond [`MAX_DUPLICATE_CHECK`]
//! people it is skipped with a warning. The user's choices come back as `merges`: `(a, b)` merges
//! `b` into `a` (ties re-pointed, `a`'s unknown sector, tenure, age and attributes filled from `b`;
//! resulting duplicate ties and self-nominations dropped and reported).

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use std::hash::{Hash as _, Hasher as _};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization as _;

use crate::model::{Network, Person, Sector, Tie};

use super::diagnostics::Warnings;
use super::table::{
    AGE_HEADERS, NAME_HEADERS, PeopleTable, PersonRow, SECTOR_HEADERS, TENURE_HEADERS, TieRow, TiesTable,
    header_key, parse_age, parse_sector, parse_tenure, quoted,
};
use super::text::{Field, Record, Tokenizer, decode};
use super::xlsx::{Sheet, cell_prefix};
use super::{ImportReport, ParseError, ParseWarning, build_network};

/// Beyond this many people the possible-duplicate check is skipped.
pub const MAX_DUPLICATE_CHECK: usize = 50_000;

/// Candidate buckets larger than this are not paired (very short names would pair everyone).
pub const MAX_BUCKET: usize = 2_000;

/// Names longer than this (in characters) are compared for spelling only when equal.
const MAX_VARIANT_CHARS: usize = 64;

const ID_HEADERS: &[&str] = &["respondent", "respondent_id", "id", "person", "person_id", "navn_id"];
const NAMED_PREFIXES: &[&str] = &["named", "source", "navn", "kilde", "person"];

/// A named cell: the text as written (trimmed) and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedCell {
    /// The cell's text, trimmed.
    pub text: String,
    /// 1-based line (CSV) or row (sheet).
    pub line: u32,
    /// 1-based field or column number.
    pub column: u32,
}

/// One respondent's row.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyRow {
    /// 1-based line (CSV) or row (sheet).
    pub line: u32,
    /// Column of the id (or of the name when there is no id column).
    pub key_column: u32,
    /// The respondent: key (the id, or a generated `r001`), name (or the key), sector, tenure, age
    /// and other columns as attributes.
    pub person: Person,
    /// Whether the row gave a name (people without one are not matched or compared by name).
    pub name_given: bool,
    /// The non-blank named cells, left to right.
    pub named: Vec<NamedCell>,
}

/// A parsed survey export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Survey {
    /// The file name used in warnings (empty for in-memory data).
    pub file: String,
    /// The network's name ("Survey" when empty).
    pub name: String,
    /// The respondents in file order.
    pub rows: Vec<SurveyRow>,
    /// Recoverable problems found while parsing.
    pub warnings: Vec<ParseWarning>,
}

impl Survey {
    /// Sets the file name used in warnings, here and in every warning without one.
    pub fn with_file(mut self, file: &str) -> Self {
        file.clone_into(&mut self.file);
        for warning in self.warnings.iter_mut().filter(|w| w.file.is_empty()) {
            file.clone_into(&mut warning.file);
        }
        self
    }
}

/// Why two people may be the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Similarity {
    /// Equal normalised names.
    SameName,
    /// Names within the Damerau-Levenshtein limit.
    Spelling,
    /// One name's words are some of the other's.
    Subset,
}

/// Two people who may be the same person; `a` comes first in the network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PossibleDuplicate {
    /// Key of the first person.
    pub a_key: String,
    /// Name of the first person.
    pub a_name: String,
    /// Key of the second person.
    pub b_key: String,
    /// Name of the second person.
    pub b_name: String,
    /// Damerau-Levenshtein distance of the normalised names.
    pub distance: usize,
    /// Which rule found the pair.
    pub reason: Similarity,
}

/// Whether a header names a "named" column: `named_1`, `navn 2`, `kilde3`, `Person #4`, ...
pub fn is_named_header(header: &str) -> bool {
    let key = header_key(header);
    NAMED_PREFIXES.iter().any(|prefix| {
        key.strip_prefix(prefix).is_some_and(|rest| {
            let digits = rest.trim_start_matches(['_', '-', '.', '#']);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// Whether a header row is a survey's: a named column and an id or a name column.
pub fn is_survey_header(header: &[String]) -> bool {
    header.iter().any(|h| is_named_header(h))
        && header.iter().any(|h| {
            let key = header_key(h);
            ID_HEADERS.contains(&key.as_str()) || NAME_HEADERS.contains(&key.as_str())
        })
}

/// Column roles of a survey.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Role {
    Id,
    Name,
    Sector,
    Tenure,
    Age,
    Named,
    Attribute(String),
    /// A second id/name/... column: kept as an attribute under its header.
    Ignored,
}

fn roles_of(header: &[Field]) -> Result<(Vec<Role>, Vec<ParseWarning>), ParseError> {
    let line = header.first().map_or(1, |f| f.line);
    let mut roles: Vec<Role> = Vec::with_capacity(header.len());
    let mut warnings = Vec::new();
    let mut attribute_names: HashSet<String> = HashSet::new();
    for field in header {
        let key = header_key(&field.text);
        let role = if is_named_header(&field.text) {
            Role::Named
        } else if ID_HEADERS.contains(&key.as_str()) {
            Role::Id
        } else if NAME_HEADERS.contains(&key.as_str()) {
            Role::Name
        } else if SECTOR_HEADERS.contains(&key.as_str()) {
            Role::Sector
        } else if TENURE_HEADERS.contains(&key.as_str()) {
            Role::Tenure
        } else if AGE_HEADERS.contains(&key.as_str()) {
            Role::Age
        } else {
            let text = field.text.trim();
            let mut name = if text.is_empty() { format!("column {}", field.column) } else { text.to_owned() };
            if !attribute_names.insert(name.clone()) {
                name = format!("{name} (column {})", field.column);
                attribute_names.insert(name.clone());
            }
            Role::Attribute(name)
        };
        let role = if role != Role::Named && !matches!(role, Role::Attribute(_)) && roles.contains(&role) {
            warnings.push(ParseWarning {
                file: String::new(),
                line: field.line,
                column: field.column,
                message: format!(
                    "column {} repeats an earlier column of the same kind; it is ignored",
                    quoted(&field.text)
                ),
            });
            Role::Ignored
        } else {
            role
        };
        roles.push(role);
    }
    if !roles.contains(&Role::Named) || !(roles.contains(&Role::Id) || roles.contains(&Role::Name)) {
        let found: Vec<String> = header.iter().take(8).map(|f| quoted(&f.text)).collect();
        return Err(ParseError::new(
            line,
            1,
            format!(
                "this is not a survey table: it needs a respondent column ({} or a name column: {}) and named \
                 columns (named_1, named_2, ...; also navn 1, kilde 1, source 1, person 1); found {}",
                ID_HEADERS.join(", "),
                NAME_HEADERS.join(", "),
                if found.is_empty() { "no headers".to_owned() } else { found.join(", ") }
            ),
        ));
    }
    Ok((roles, warnings))
}

/// Parses a survey export in CSV (any encoding and delimiter of `docs/formats.md` §3).
pub fn parse_survey(bytes: &[u8]) -> Result<Survey, ParseError> {
    let text = decode(bytes)?;
    let mut tokens = Tokenizer::sniffed(&text);
    let mut record = Record::default();
    let mut records = Vec::new();
    while tokens.read_record(&mut record)? {
        records.push(record.fields().to_vec());
    }
    survey_from_records(records)
}

/// Reads a survey from a worksheet ([`crate::io::xlsx::read_workbook`]); positions are sheet rows and
/// columns, and messages start with `sheet NAME, row R, column C: `.
pub fn survey_from_sheet(sheet: &Sheet) -> Result<Survey, ParseError> {
    let records: Vec<Vec<Field>> = sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().any(|cell| !cell.trim().is_empty()))
        .map(|(index, row)| {
            let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let mut fields: Vec<Field> = row
                .iter()
                .enumerate()
                .map(|(column, cell)| Field {
                    text: cell.clone(),
                    line,
                    column: u32::try_from(column + 1).unwrap_or(u32::MAX),
                })
                .collect();
            while fields.last().is_some_and(|f| f.text.trim().is_empty()) {
                fields.pop();
            }
            fields
        })
        .collect();
    let prefix = |line: u32, column: u32| cell_prefix(&sheet.name, line, column);
    let mut survey = survey_from_records(records).map_err(|e| {
        let message = format!("{}{}", prefix(e.line, e.column), e.message);
        ParseError::new(e.line, e.column, message)
    })?;
    for warning in &mut survey.warnings {
        warning.message = format!("{}{}", prefix(warning.line, warning.column), warning.message);
    }
    survey.name.clone_from(&sheet.name);
    Ok(survey)
}

fn survey_from_records(records: Vec<Vec<Field>>) -> Result<Survey, ParseError> {
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(ParseError::new(1, 1, "the file is empty"));
    };
    let (roles, header_warnings) = roles_of(&header)?;
    let mut warnings = Warnings::default();
    warnings.extend(header_warnings);
    let has_id_column = roles.contains(&Role::Id);
    let name_column = header.iter().zip(&roles).find(|(_, r)| **r == Role::Name).map_or(1, |(f, _)| f.column);
    let id_column =
        header.iter().zip(&roles).find(|(_, r)| **r == Role::Id).map_or(name_column, |(f, _)| f.column);
    let mut rows: Vec<SurveyRow> = Vec::new();
    let mut first_line_of_id: HashMap<String, u32> = HashMap::new();
    let mut extra: Option<(u32, u32, usize)> = None;
    for fields in records {
        let line = fields.first().map_or(0, |f| f.line);
        let mut person = Person::new(String::new());
        let mut id = "";
        let mut name = "";
        let mut named = Vec::new();
        for (field, role) in fields.iter().zip(&roles) {
            let text = field.text.trim();
            let at = |message: String| ParseError::new(field.line, field.column, message);
            match role {
                Role::Id => id = text,
                Role::Name => name = text,
                Role::Sector => person.sector = parse_sector(text).map_err(at)?,
                Role::Tenure => person.tenure = parse_tenure(text).map_err(at)?,
                Role::Age => person.age = parse_age(text).map_err(at)?,
                Role::Named if !text.is_empty() => {
                    named.push(NamedCell { text: text.to_owned(), line: field.line, column: field.column });
                }
                Role::Attribute(attribute) if !text.is_empty() => {
                    person.attributes.insert(attribute.clone(), text.to_owned());
                }
                Role::Named | Role::Attribute(_) | Role::Ignored => {}
            }
        }
        if let Some(field) = fields.get(roles.len()).filter(|f| !f.text.trim().is_empty()) {
            let (first_line, first_column, count) = extra.unwrap_or((field.line, field.column, 0));
            extra = Some((first_line, first_column, count + 1));
        }
        if id.is_empty() && name.is_empty() {
            warnings.push_warning(ParseWarning {
                file: String::new(),
                line,
                column: id_column,
                message: if named.is_empty() {
                    "this row has no respondent id and no name; it is skipped".to_owned()
                } else {
                    format!(
                        "this row names {} but has no respondent id and no name; it is skipped",
                        named.iter().map(|n| quoted(&n.text)).collect::<Vec<_>>().join(", ")
                    )
                },
            });
            continue;
        }
        if !id.is_empty() {
            if let Some(first) = first_line_of_id.get(id) {
                return Err(ParseError::new(
                    line,
                    id_column,
                    format!("respondent id {} appears twice; it was first used on line {first}", quoted(id)),
                ));
            }
            first_line_of_id.insert(id.to_owned(), line);
        }
        id.clone_into(&mut person.key);
        name.clone_into(&mut person.name);
        rows.push(SurveyRow {
            line,
            key_column: if id.is_empty() { name_column } else { id_column },
            person,
            name_given: !name.is_empty(),
            named,
        });
    }
    // Keys for rows without an id: r001, r002, ... not used by any id.
    let mut next = 1_usize;
    for row in rows.iter_mut().filter(|r| r.person.key.is_empty()) {
        let key = loop {
            let key = format!("r{next:03}");
            next += 1;
            if !first_line_of_id.contains_key(&key) {
                break key;
            }
        };
        if has_id_column {
            warnings.push_warning(ParseWarning {
                file: String::new(),
                line: row.line,
                column: id_column,
                message: format!(
                    "the respondent id is blank; {} is given the key {key}",
                    quoted(&row.person.name)
                ),
            });
        }
        row.person.key = key;
    }
    for row in &mut rows {
        if row.person.name.is_empty() {
            row.person.name.clone_from(&row.person.key);
        }
    }
    let mut warnings = warnings.finish();
    // The summary of extra values is listed whatever the cap left out.
    if let Some((line, column, count)) = extra {
        warnings.push(ParseWarning {
            file: String::new(),
            line,
            column,
            message: format!(
                "{} values right of the last of the {} header columns; they are ignored",
                if count == 1 { "1 row has".to_owned() } else { format!("{count} rows have") },
                roles.len()
            ),
        });
    }
    Ok(Survey { file: String::new(), name: String::new(), rows, warnings })
}

/// A name for comparing spellings: trimmed, NFC, lower case, runs of whitespace as one space.
pub fn normalise_name(text: &str) -> String {
    let folded: String = text.nfc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key a named cell is matched by: [`normalise_name`] with diacritics folded too ("Åse
/// Bråten" and "ase braten" are one person: people type names on phones and keyboards without
/// æøå).
pub fn match_key(text: &str) -> String {
    crate::model::fold(&normalise_name(text))
}

/// One person of the network being built from a survey.
struct Entry {
    person: Person,
    respondent: bool,
    name_given: bool,
    line: u32,
    column: u32,
}

/// Builds the network of a survey (see the module documentation), applying `merges` (`(a, b)`:
/// merge `b` into `a`), and lists the possible duplicates that remain.
pub fn build_survey(
    survey: &Survey,
    merges: &[(String, String)],
) -> (Network, ImportReport, Vec<PossibleDuplicate>) {
    let mut warnings = survey.warnings.clone();
    let warn = |warnings: &mut Vec<ParseWarning>, line: u32, column: u32, message: String| {
        warnings.push(ParseWarning { file: survey.file.clone(), line, column, message });
    };
    let mut entries: Vec<Entry> = survey
        .rows
        .iter()
        .map(|row| Entry {
            person: Person { respondent: true, ..row.person.clone() },
            respondent: true,
            name_given: row.name_given,
            line: row.line,
            column: row.key_column,
        })
        .collect();
    let mut by_key: HashMap<String, usize> =
        entries.iter().enumerate().map(|(i, e)| (e.person.key.clone(), i)).collect();
    let mut respondents_by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        if entry.name_given {
            respondents_by_name.entry(match_key(&entry.person.name)).or_default().push(index);
        }
    }
    let mut named_only_by_name: HashMap<String, usize> = HashMap::new();
    let mut next_named = 1_usize;
    let mut ties: Vec<TieRow> = Vec::new();
    for row in &survey.rows {
        for cell in &row.named {
            let target = if let Some(&index) = by_key.get(&cell.text).filter(|&&i| i < survey.rows.len()) {
                index
            } else {
                let normalised = match_key(&cell.text);
                if let Some(matches) = respondents_by_name.get(&normalised)
                    && let Some(&index) = matches.first()
                {
                    let matched = entries.get(index).map(|e| (e.person.key.clone(), e.person.name.clone()));
                    if let Some((key, name)) = matched {
                        if matches.len() > 1 {
                            warn(
                                &mut warnings,
                                cell.line,
                                cell.column,
                                format!(
                                    "{} matches the names of {} respondents; it is read as the first, {} ({key})",
                                    quoted(&cell.text),
                                    matches.len(),
                                    quoted(&name)
                                ),
                            );
                        } else if cell.text != name {
                            warn(
                                &mut warnings,
                                cell.line,
                                cell.column,
                                format!(
                                    "{} is read as the respondent {} ({key}), matched by name ignoring case and \
                                     spacing{}",
                                    quoted(&cell.text),
                                    quoted(&name),
                                    if normalise_name(&cell.text) == normalise_name(&name) {
                                        ""
                                    } else {
                                        " and accents"
                                    }
                                ),
                            );
                        }
                    }
                    index
                } else if let Some(&index) = named_only_by_name.get(&normalised) {
                    index
                } else {
                    if !cell.text.chars().any(char::is_alphabetic) {
                        warn(
                            &mut warnings,
                            cell.line,
                            cell.column,
                            format!(
                                "{} has no letters and is no respondent's id; it is read as the name of someone \
                                 only named",
                                quoted(&cell.text)
                            ),
                        );
                    }
                    let key = loop {
                        let key = format!("n{next_named:03}");
                        next_named += 1;
                        if !by_key.contains_key(&key) {
                            break key;
                        }
                    };
                    let index = entries.len();
                    entries.push(Entry {
                        person: Person { name: cell.text.clone(), ..Person::new(key.clone()) },
                        respondent: false,
                        name_given: true,
                        line: cell.line,
                        column: cell.column,
                    });
                    by_key.insert(key, index);
                    named_only_by_name.insert(normalised, index);
                    index
                }
            };
            let target_key = entries.get(target).map(|e| e.person.key.clone()).unwrap_or_default();
            ties.push(TieRow {
                line: cell.line,
                source: row.person.key.clone(),
                source_column: row.key_column,
                target: Some(target_key),
                target_column: cell.column,
                tie: Tie::default(),
            });
        }
    }

    // Merges: b into a. `representative[i]` is the entry that i was merged into.
    let mut representative: Vec<usize> = (0..entries.len()).collect();
    let find = |representative: &[usize], mut i: usize| {
        let mut steps = 0;
        while let Some(&next) = representative.get(i) {
            if next == i || steps > representative.len() {
                break;
            }
            i = next;
            steps += 1;
        }
        i
    };
    for (a_key, b_key) in merges {
        let (Some(&a), Some(&b)) = (by_key.get(a_key), by_key.get(b_key)) else {
            let missing = if by_key.contains_key(a_key) { b_key } else { a_key };
            warn(
                &mut warnings,
                1,
                1,
                format!(
                    "merge of {} into {} ignored: there is no person with the key {}",
                    quoted(b_key),
                    quoted(a_key),
                    quoted(missing)
                ),
            );
            continue;
        };
        let (a, b) = (find(&representative, a), find(&representative, b));
        if a == b {
            continue;
        }
        if let Some(slot) = representative.get_mut(b) {
            *slot = a;
        }
        let Some(merged) = entries.get(b).map(|e| (e.person.clone(), e.respondent, e.line, e.column)) else {
            continue;
        };
        let (b_person, b_respondent, b_line, b_column) = merged;
        if let Some(target) = entries.get_mut(a) {
            let person = &mut target.person;
            if person.sector == Sector::Unknown {
                person.sector = b_person.sector;
            }
            if person.tenure.years.is_none() && person.tenure.band == crate::model::TenureBand::Unknown {
                person.tenure = b_person.tenure;
            }
            if person.age.years.is_none() && person.age.band == crate::model::AgeBand::Unknown {
                person.age = b_person.age;
            }
            for (name, value) in &b_person.attributes {
                person.attributes.entry(name.clone()).or_insert_with(|| value.clone());
            }
            target.respondent |= b_respondent;
            target.person.respondent = target.respondent;
            let message = format!(
                "merged {} ({}) into {} ({}) as asked; ties to and from {} now belong to {}",
                quoted(&b_person.name),
                b_person.key,
                quoted(&target.person.name),
                target.person.key,
                b_person.key,
                target.person.key
            );
            warn(&mut warnings, b_line, b_column, message);
        }
    }
    let key_of = |index: usize| entries.get(find(&representative, index)).map(|e| e.person.key.clone());
    let resolved: HashMap<String, String> = by_key
        .iter()
        .filter_map(|(key, &index)| {
            let to = key_of(index)?;
            (to != *key).then(|| (key.clone(), to))
        })
        .collect();
    for tie in &mut ties {
        if let Some(to) = resolved.get(&tie.source) {
            tie.source.clone_from(to);
        }
        if let Some(to) = tie.target.as_ref().and_then(|t| resolved.get(t)) {
            tie.target = Some(to.clone());
        }
    }

    let kept: Vec<&Entry> =
        entries.iter().enumerate().filter(|(i, _)| find(&representative, *i) == *i).map(|(_, e)| e).collect();
    let duplicates = possible_duplicates(&kept, &mut warnings, &survey.file);
    if let Some(first) = duplicates.first() {
        let position =
            kept.iter().find(|e| e.person.key == first.b_key).map_or((1, 1), |e| (e.line, e.column));
        warn(
            &mut warnings,
            position.0,
            position.1,
            format!(
                "{} possible {} (similar names), for example {} ({}) and {} ({}); they are not merged unless you \
                 choose to",
                duplicates.len(),
                if duplicates.len() == 1 { "duplicate" } else { "duplicates" },
                quoted(&first.a_name),
                first.a_key,
                quoted(&first.b_name),
                first.b_key
            ),
        );
    }
    let people = PeopleTable {
        file: survey.file.clone(),
        rows: kept
            .iter()
            .map(|entry| PersonRow {
                line: entry.line,
                person: Person { respondent: entry.respondent, ..entry.person.clone() },
                respondent: entry.respondent.then_some(true),
            })
            .collect(),
        has_respondent_column: true,
        warnings,
    };
    let ties = TiesTable { file: survey.file.clone(), rows: ties, warnings: Vec::new() };
    let name = if survey.name.trim().is_empty() { "Survey" } else { survey.name.as_str() };
    let (network, report) = build_network(name, Some(people), ties);
    (network, report, duplicates)
}

/// Damerau-Levenshtein distance (optimal string alignment) of two char slices.
pub fn damerau_levenshtein(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut previous2 = vec![0_usize; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0_usize; width];
    for (i, &ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let insertion = current.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            let substitution = previous.get(j).copied().unwrap_or(usize::MAX).saturating_add(cost);
            let mut best = deletion.min(insertion).min(substitution);
            if i > 0
                && j > 0
                && a.get(i - 1) == Some(&cb)
                && b.get(j - 1) == Some(&ca)
                && let Some(&before) = previous2.get(j - 1)
            {
                best = best.min(before + 1);
            }
            if let Some(slot) = current.get_mut(j + 1) {
                *slot = best;
            }
        }
        std::mem::swap(&mut previous2, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(b.len()).copied().unwrap_or(0)
}

fn hash_of(chars: &[char]) -> u64 {
    let mut hasher = DefaultHasher::new();
    chars.hash(&mut hasher);
    hasher.finish()
}

/// Every variant of `chars` with up to `deletions` characters deleted, as hashes.
fn deletion_variants(chars: &[char], deletions: usize, out: &mut HashSet<u64>) {
    out.insert(hash_of(chars));
    if deletions == 0 {
        return;
    }
    let mut shorter = Vec::with_capacity(chars.len());
    for skip in 0..chars.len() {
        shorter.clear();
        shorter.extend(chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c));
        deletion_variants(&shorter, deletions - 1, out);
    }
}

/// The spelling limit for two names: 2 when the shorter has 8 or more characters, else 1.
fn spelling_limit(a: usize, b: usize) -> usize {
    if a.min(b) >= 8 { 2 } else { 1 }
}

/// Two names of a list that may be one person (see the module documentation for the rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimilarPair {
    /// Index of the first name (the smaller index).
    pub a: usize,
    /// Index of the second name.
    pub b: usize,
    /// Damerau-Levenshtein distance of the two names.
    pub distance: usize,
    /// Which rule found the pair.
    pub reason: Similarity,
}

/// The pairs of `names` that may be one person: equal, within the spelling limit (2 edits when
/// the shorter has 8 or more characters, else 1), or one's words some of the other's. The names
/// are compared as given: normalise them first ([`normalise_name`], [`match_key`]); empty names
/// are skipped. Near-linear: candidates come from an index of deletion variants and of words,
/// and buckets of more than [`MAX_BUCKET`] names (very short names would pair everyone) are not
/// paired. Sorted by `(a, b)`.
pub fn similar_names(names: &[String]) -> Vec<SimilarPair> {
    let named: Vec<(usize, Vec<char>, Vec<&str>)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (i, name.chars().collect::<Vec<char>>(), name.split(' ').collect()))
        .filter(|(_, chars, _)| !chars.is_empty())
        .collect();
    // Found pairs (indices into `named`, smaller first) with their distance and reason.
    let mut found: BTreeMap<(usize, usize), (usize, Similarity)> = BTreeMap::new();
    // Spelling: names within the limit share a variant with at most `limit` deletions from each.
    let mut by_variant: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut variants = HashSet::new();
    for (k, (_, chars, _)) in named.iter().enumerate() {
        variants.clear();
        let deletions = if chars.len() > MAX_VARIANT_CHARS {
            0
        } else if chars.len() >= 8 {
            2
        } else {
            1
        };
        deletion_variants(chars, deletions, &mut variants);
        for variant in variants.iter().copied() {
            by_variant.entry(variant).or_default().push(k);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for bucket in by_variant.values().filter(|b| b.len() > 1 && b.len() <= MAX_BUCKET) {
        for (i, &x) in bucket.iter().enumerate() {
            for &y in bucket.iter().skip(i + 1) {
                candidates.push((x.min(y), x.max(y)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    for (x, y) in candidates {
        let (Some((_, a, _)), Some((_, b, _))) = (named.get(x), named.get(y)) else {
            continue;
        };
        let distance = damerau_levenshtein(a, b);
        if distance == 0 {
            found.insert((x, y), (0, Similarity::SameName));
        } else if distance <= spelling_limit(a.len(), b.len()) {
            found.insert((x, y), (distance, Similarity::Spelling));
        }
    }
    // Subsets: every word of the name with fewer words is in the other; the candidates share the
    // first name's rarest word.
    let word_sets: Vec<BTreeSet<&str>> =
        named.iter().map(|(_, _, words)| words.iter().copied().collect()).collect();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, words) in word_sets.iter().enumerate() {
        for word in words {
            by_word.entry(word).or_default().push(k);
        }
    }
    for (x, words) in word_sets.iter().enumerate() {
        let Some(bucket) = words.iter().filter_map(|w| by_word.get(w)).min_by_key(|b| b.len()) else {
            continue;
        };
        if bucket.len() > MAX_BUCKET {
            continue;
        }
        for &y in bucket {
            let Some(other) = word_sets.get(y) else {
                continue;
            };
            if words.len() < other.len() && words.is_subset(other) {
                let key = (x.min(y), x.max(y));
                if !found.contains_key(&key)
                    && let (Some((_, a, _)), Some((_, b, _))) = (named.get(x), named.get(y))
                {
                    found.insert(key, (damerau_levenshtein(a, b), Similarity::Subset));
                }
            }
        }
    }
    found
        .into_iter()
        .filter_map(|((x, y), (distance, reason))| {
            let (a, b) = (named.get(x)?.0, named.get(y)?.0);
            Some(SimilarPair { a: a.min(b), b: a.max(b), distance, reason })
        })
        .collect()
}

fn possible_duplicates(
    entries: &[&Entry],
    warnings: &mut Vec<ParseWarning>,
    file: &str,
) -> Vec<PossibleDuplicate> {
    let given: Vec<&Entry> = entries.iter().copied().filter(|e| e.name_given).collect();
    if given.len() > MAX_DUPLICATE_CHECK {
        warnings.push(ParseWarning {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "{} people: too many to check for possible duplicates (at most {MAX_DUPLICATE_CHECK})",
                given.len()
            ),
        });
        return Vec::new();
    }
    let names: Vec<String> = given.iter().map(|e| normalise_name(&e.person.name)).collect();
    similar_names(&names)
        .into_iter()
        .filter_map(|pair| {
            let (a, b) = (given.get(pair.a)?, given.get(pair.b)?);
            Some(PossibleDuplicate {
                a_key: a.person.key.clone(),
                a_name: a.person.name.clone(),
                b_key: b.person.key.clone(),
                b_name: b.person.name.clone(),
                distance: pair.distance,
                reason: pair.reason,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
