//! The people and ties tables of `docs/formats.md` §1: header recognition and row parsing.
//!
//! Each table is parsed on its own into plain rows; [`super::build`] puts them together.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::model::{Age, AgeBand, Person, Sector, Tenure, TenureBand, Tie, TieKind};

use super::diagnostics::{Warnings, warning};
use super::number::parse_number;
use super::text::{Field, Record, Tokenizer, decode};
use super::{ParseError, ParseWarning};

/// Accepted header names, after [`header_key`] (lower case, `_` for spaces, no trailing `?`).
const ID_HEADERS: &[&str] = &["id", "person", "person_id", "navn_id"];
pub(crate) const NAME_HEADERS: &[&str] = &["name", "label", "navn"];
pub(crate) const SECTOR_HEADERS: &[&str] = &["sector", "sektor"];
pub(crate) const TENURE_HEADERS: &[&str] =
    &["tenure", "years_in_municipality", "botid", "år_i_kommunen", "ar_i_kommunen"];
pub(crate) const AGE_HEADERS: &[&str] = &["age", "alder"];
const RESPONDENT_HEADERS: &[&str] = &["respondent", "svarte"];
const SOURCE_HEADERS: &[&str] =
    &["source", "from", "respondent", "kilde_fra", "fra", "ego", "sender", "vertex_1"];
const TARGET_HEADERS: &[&str] = &["target", "to", "named", "til", "alter", "receiver", "vertex_2"];
const KIND_HEADERS: &[&str] = &["kind", "type", "contact", "kontakt"];
const WEIGHT_HEADERS: &[&str] = &["weight", "vekt", "edge", "value"];

/// How often (in bytes of text) parsing reports progress.
const PROGRESS_STEP_BYTES: usize = 64 * 1024;

/// Longest excerpt of a cell or header quoted in a message.
const MAX_QUOTED_CHARS: usize = 40;

/// A progress callback: (bytes of text parsed, bytes of text in all).
pub(crate) type ProgressFn<'p> = &'p mut dyn FnMut(usize, usize);

/// One row of the people table.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    /// Line of the row in its file.
    pub line: u32,
    /// The person; `respondent` is decided later by [`super::build_network`].
    pub person: Person,
    /// The respondent column's value: `None` when blank or when there is no such column.
    pub respondent: Option<bool>,
}

/// A parsed people table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeopleTable {
    /// The file name used in warnings (empty for in-memory data; set by `load`).
    pub file: String,
    /// The rows in file order; ids are unique.
    pub rows: Vec<PersonRow>,
    /// Whether the table has a respondent column.
    pub has_respondent_column: bool,
    /// Recoverable problems found while parsing.
    pub warnings: Vec<ParseWarning>,
}

/// One row of the ties table.
#[derive(Clone, Debug, PartialEq)]
pub struct TieRow {
    /// Line of the row in its file.
    pub line: u32,
    /// Who named (the source column's id).
    pub source: String,
    /// Field number of the source column.
    pub source_column: u32,
    /// Who was named; `None` when the target cell is blank: the source answered but named no one.
    pub target: Option<String>,
    /// Field number of the target column.
    pub target_column: u32,
    /// Declared kind and weight.
    pub tie: Tie,
}

/// A parsed ties table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TiesTable {
    /// The file name used in warnings (empty for in-memory data; set by `load`).
    pub file: String,
    /// The rows in file order, including self-nominations and duplicates (dropped when building).
    pub rows: Vec<TieRow>,
    /// Recoverable problems found while parsing.
    pub warnings: Vec<ParseWarning>,
}

/// A table whose kind was recognised from its header.
#[derive(Clone, Debug, PartialEq)]
pub enum Table {
    /// It has an id column.
    People(PeopleTable),
    /// It has source and target columns.
    Ties(TiesTable),
}

/// A parsed table's warnings, for notes found outside the parser (the encoding).
pub(crate) trait Warned {
    /// The warnings, in file order.
    fn warnings_mut(&mut self) -> &mut Vec<ParseWarning>;
}

impl Warned for PeopleTable {
    fn warnings_mut(&mut self) -> &mut Vec<ParseWarning> {
        &mut self.warnings
    }
}

impl Warned for TiesTable {
    fn warnings_mut(&mut self) -> &mut Vec<ParseWarning> {
        &mut self.warnings
    }
}

impl Warned for Table {
    fn warnings_mut(&mut self) -> &mut Vec<ParseWarning> {
        match self {
            Self::People(table) => &mut table.warnings,
            Self::Ties(table) => &mut table.warnings,
        }
    }
}

impl PeopleTable {
    /// Sets the file name used in warnings, here and in every warning without one.
    pub fn with_file(mut self, file: &str) -> Self {
        file.clone_into(&mut self.file);
        name_warnings(&mut self.warnings, file);
        self
    }
}

impl TiesTable {
    /// Sets the file name used in warnings, here and in every warning without one.
    pub fn with_file(mut self, file: &str) -> Self {
        file.clone_into(&mut self.file);
        name_warnings(&mut self.warnings, file);
        self
    }
}

impl Table {
    /// Sets the file name used in warnings.
    pub fn with_file(self, file: &str) -> Self {
        match self {
            Self::People(table) => Self::People(table.with_file(file)),
            Self::Ties(table) => Self::Ties(table.with_file(file)),
        }
    }
}

fn name_warnings(warnings: &mut [ParseWarning], file: &str) {
    for warning in warnings.iter_mut().filter(|w| w.file.is_empty()) {
        file.clone_into(&mut warning.file);
    }
}

/// Parses a people table (any encoding and delimiter of `docs/formats.md` §3).
pub fn parse_people(bytes: &[u8]) -> Result<PeopleTable, ParseError> {
    people_from_text(&decode(bytes)?, &mut |_, _| {})
}

/// Parses a ties table (any encoding and delimiter of `docs/formats.md` §3).
pub fn parse_ties(bytes: &[u8]) -> Result<TiesTable, ParseError> {
    ties_from_text(&decode(bytes)?, &mut |_, _| {})
}

/// Parses a table and tells people from ties by its header: source and target columns make a ties
/// table, an id column a people table.
pub fn parse_table(bytes: &[u8]) -> Result<Table, ParseError> {
    table_from_text(&decode(bytes)?, &mut |_, _| {})
}

pub(crate) fn people_from_text(text: &str, progress: ProgressFn<'_>) -> Result<PeopleTable, ParseError> {
    let mut reader = TableReader::start(text)?;
    let columns = PeopleColumns::from_header(&reader.header)?;
    read_people(&mut reader, columns, progress)
}

pub(crate) fn ties_from_text(text: &str, progress: ProgressFn<'_>) -> Result<TiesTable, ParseError> {
    let mut reader = TableReader::start(text)?;
    let columns = TiesColumns::from_header(&reader.header)?;
    read_ties(&mut reader, &columns, progress)
}

pub(crate) fn table_from_text(text: &str, progress: ProgressFn<'_>) -> Result<Table, ParseError> {
    let mut reader = TableReader::start(text)?;
    let keys = header_keys(&reader.header);
    if has_ties_columns(&keys) {
        let columns = TiesColumns::from_header(&reader.header)?;
        Ok(Table::Ties(read_ties(&mut reader, &columns, progress)?))
    } else if has_any(&keys, ID_HEADERS) {
        let columns = PeopleColumns::from_header(&reader.header)?;
        Ok(Table::People(read_people(&mut reader, columns, progress)?))
    } else {
        Err(ParseError::new(
            reader.header_line(),
            1,
            format!(
                "this table has neither an id column (a people table: {}) nor source and target columns \
                 (a ties table: {} and {}); found {}",
                ID_HEADERS.join(", "),
                SOURCE_HEADERS.join(", "),
                TARGET_HEADERS.join(", "),
                found_headers(&reader.header)
            ),
        ))
    }
}

/// A tokenizer positioned after the header, with the header's fields.
struct TableReader<'a> {
    tokens: Tokenizer<'a>,
    header: Vec<Field>,
    record: Record,
    last_report: usize,
}

impl<'a> TableReader<'a> {
    fn start(text: &'a str) -> Result<Self, ParseError> {
        let mut tokens = Tokenizer::sniffed(text);
        let mut record = Record::default();
        if !tokens.read_record(&mut record)? {
            return Err(ParseError::new(1, 1, "the file is empty"));
        }
        let header = record.fields().to_vec();
        Ok(Self { tokens, header, record, last_report: 0 })
    }

    fn header_line(&self) -> u32 {
        self.header.first().map_or(1, |f| f.line)
    }

    /// Reads the next data record into `self.record`, reporting progress now and then.
    fn next_record(&mut self, progress: ProgressFn<'_>) -> Result<bool, ParseError> {
        let more = self.tokens.read_record(&mut self.record)?;
        let position = self.tokens.position();
        if position - self.last_report.min(position) >= PROGRESS_STEP_BYTES || !more {
            self.last_report = position;
            progress(position, self.tokens.len_bytes());
        }
        Ok(more)
    }
}

/// Normalised header: trimmed, lower case, without a trailing `?`, with runs of `_` and whitespace
/// as one `_`. Every table reader (people, ties, survey) matches headers by this key.
pub(crate) fn header_key(header: &str) -> String {
    let trimmed = header.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let trimmed = trimmed.strip_suffix('?').unwrap_or(trimmed).trim_end();
    let mut key = String::with_capacity(trimmed.len());
    let mut after_separator = false;
    for c in trimmed.chars().flat_map(char::to_lowercase) {
        if c == '_' || c.is_whitespace() {
            if !after_separator {
                key.push('_');
            }
            after_separator = true;
        } else {
            key.push(c);
            after_separator = false;
        }
    }
    key
}

fn header_keys(header: &[Field]) -> Vec<String> {
    header.iter().map(|f| header_key(&f.text)).collect()
}

fn has_any(keys: &[String], accepted: &[&str]) -> bool {
    keys.iter().any(|k| accepted.contains(&k.as_str()))
}

fn has_ties_columns(keys: &[String]) -> bool {
    has_any(keys, SOURCE_HEADERS) && has_any(keys, TARGET_HEADERS)
}

/// Quotes a cell for a message, cut to a readable length.
pub(crate) fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{:?}", format!("{}…", text.get(..cut).unwrap_or_default())),
        None => format!("{text:?}"),
    }
}

/// The header texts for a message: `"a", "b", "c"` (at most eight).
fn found_headers(header: &[Field]) -> String {
    let mut shown: Vec<String> = header.iter().take(8).map(|f| quoted(&f.text)).collect();
    if header.len() > 8 {
        shown.push(format!("and {} more", header.len() - 8));
    }
    if shown.is_empty() { "no headers".to_owned() } else { shown.join(", ") }
}

fn error_at(field: &Field, message: String) -> ParseError {
    ParseError::new(field.line, field.column, message)
}

fn header_warning(field: &Field, message: String) -> ParseWarning {
    warning(field.line, field.column, message)
}

/// Column roles of a people table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PeopleRole {
    Id,
    Name,
    Sector,
    Tenure,
    Age,
    Respondent,
    /// Index into [`PeopleColumns::attribute_names`].
    Attribute(usize),
}

struct PeopleColumns {
    roles: Vec<PeopleRole>,
    id_column: u32,
    attribute_names: Vec<String>,
    has_respondent: bool,
    warnings: Vec<ParseWarning>,
}

impl PeopleColumns {
    fn from_header(header: &[Field]) -> Result<Self, ParseError> {
        let keys = header_keys(header);
        let line = header.first().map_or(1, |f| f.line);
        let Some(id_index) = keys.iter().position(|k| ID_HEADERS.contains(&k.as_str())) else {
            let hint = if has_ties_columns(&keys) {
                "; this looks like a ties table (it has source and target columns)"
            } else {
                ""
            };
            return Err(ParseError::new(
                line,
                1,
                format!(
                    "no id column: a people table needs a column named one of {} (found {}){hint}",
                    ID_HEADERS.join(", "),
                    found_headers(header)
                ),
            ));
        };
        let mut columns = Self {
            roles: Vec::with_capacity(header.len()),
            id_column: header.get(id_index).map_or(1, |f| f.column),
            attribute_names: Vec::new(),
            has_respondent: false,
            warnings: Vec::new(),
        };
        let roles: [(&[&str], PeopleRole); 6] = [
            (ID_HEADERS, PeopleRole::Id),
            (NAME_HEADERS, PeopleRole::Name),
            (SECTOR_HEADERS, PeopleRole::Sector),
            (TENURE_HEADERS, PeopleRole::Tenure),
            (AGE_HEADERS, PeopleRole::Age),
            (RESPONDENT_HEADERS, PeopleRole::Respondent),
        ];
        for (field, key) in header.iter().zip(&keys) {
            let role = roles.iter().find(|(names, _)| names.contains(&key.as_str())).map(|(_, role)| *role);
            let role = match role {
                Some(role) if !columns.roles.contains(&role) => role,
                Some(_) => {
                    columns.warnings.push(header_warning(
                        field,
                        format!(
                            "column {} is a second {} column; the first one is used and this one is kept \
                             as an attribute",
                            quoted(&field.text),
                            quoted(key)
                        ),
                    ));
                    columns.attribute(field)
                }
                None => columns.attribute(field),
            };
            columns.has_respondent |= role == PeopleRole::Respondent;
            columns.roles.push(role);
        }
        Ok(columns)
    }

    /// Registers an attribute column under its trimmed header text, made unique.
    fn attribute(&mut self, field: &Field) -> PeopleRole {
        let text = field.text.trim();
        let mut name = if text.is_empty() { format!("column {}", field.column) } else { text.to_owned() };
        if self.attribute_names.contains(&name) {
            name = format!("{name} (column {})", field.column);
        }
        self.attribute_names.push(name);
        PeopleRole::Attribute(self.attribute_names.len() - 1)
    }
}

fn read_people(
    reader: &mut TableReader<'_>,
    columns: PeopleColumns,
    progress: ProgressFn<'_>,
) -> Result<PeopleTable, ParseError> {
    let mut table = PeopleTable { has_respondent_column: columns.has_respondent, ..PeopleTable::default() };
    let mut warnings = Warnings::default();
    warnings.extend(columns.warnings);
    let mut first_line_of_id: HashMap<String, u32> = HashMap::new();
    let mut extra = ExtraFields::default();
    while reader.next_record(progress)? {
        let record = &reader.record;
        let line = record.line();
        let mut person = Person::new(String::new());
        let mut key = "";
        let mut name = "";
        let mut respondent = None;
        for (field, role) in record.fields().iter().zip(&columns.roles) {
            let text = field.text.as_str();
            match *role {
                PeopleRole::Id => key = text.trim(),
                PeopleRole::Name => name = text.trim(),
                PeopleRole::Sector => person.sector = parse_sector(text).map_err(|m| error_at(field, m))?,
                PeopleRole::Tenure => person.tenure = parse_tenure(text).map_err(|m| error_at(field, m))?,
                PeopleRole::Age => person.age = parse_age(text).map_err(|m| error_at(field, m))?,
                PeopleRole::Respondent => {
                    respondent = parse_respondent(text).map_err(|m| error_at(field, m))?;
                }
                PeopleRole::Attribute(index) => {
                    if let Some(attribute) = columns.attribute_names.get(index)
                        && !text.is_empty()
                    {
                        person.attributes.insert(attribute.clone(), text.to_owned());
                    }
                }
            }
        }
        extra.check(record, columns.roles.len());
        if key.is_empty() {
            return Err(ParseError::new(
                line,
                columns.id_column,
                "the id is blank; every person needs an id (any text, unique in the file)",
            ));
        }
        match first_line_of_id.entry(key.to_owned()) {
            Entry::Occupied(first) => {
                return Err(ParseError::new(
                    line,
                    columns.id_column,
                    format!(
                        "person id {} appears twice; it was first used on line {}",
                        quoted(key),
                        first.get()
                    ),
                ));
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        key.clone_into(&mut person.key);
        if name.is_empty() { key } else { name }.clone_into(&mut person.name);
        table.rows.push(PersonRow { line, person, respondent });
    }
    table.warnings = warnings.finish();
    table.warnings.extend(extra.warning(columns.roles.len()));
    Ok(table)
}

/// Rows with non-empty fields right of the last header column: counted, one warning.
#[derive(Default)]
struct ExtraFields {
    first: Option<(u32, u32)>,
    rows: usize,
}

impl ExtraFields {
    fn check(&mut self, record: &Record, header_len: usize) {
        // Trailing empty fields are already dropped, so any field past the header is non-empty.
        if let Some(field) = record.fields().get(header_len) {
            self.first.get_or_insert((field.line, field.column));
            self.rows += 1;
        }
    }

    fn warning(&self, header_len: usize) -> Option<ParseWarning> {
        let (line, column) = self.first?;
        let rows = if self.rows == 1 { "1 row has".to_owned() } else { format!("{} rows have", self.rows) };
        Some(ParseWarning {
            file: String::new(),
            line,
            column,
            message: format!(
                "{rows} values right of the last of the {header_len} header columns; they are ignored"
            ),
        })
    }
}

struct TiesColumns {
    source: usize,
    target: usize,
    kind: Option<usize>,
    weight: Option<usize>,
    len: usize,
    warnings: Vec<ParseWarning>,
}

impl TiesColumns {
    fn from_header(header: &[Field]) -> Result<Self, ParseError> {
        let keys = header_keys(header);
        let line = header.first().map_or(1, |f| f.line);
        let find = |accepted: &[&str]| keys.iter().position(|k| accepted.contains(&k.as_str()));
        let source = find(SOURCE_HEADERS);
        let target = find(TARGET_HEADERS);
        let (Some(source), Some(target)) = (source, target) else {
            let missing = match (source, target) {
                (None, None) => "no source and no target column",
                (None, Some(_)) => "no source column",
                _ => "no target column",
            };
            let hint = if has_any(&keys, ID_HEADERS) {
                "; this looks like a people table (it has an id column)"
            } else {
                ""
            };
            return Err(ParseError::new(
                line,
                1,
                format!(
                    "{missing}: a ties table needs a source column ({}) and a target column ({}) (found {}){hint}",
                    SOURCE_HEADERS.join(", "),
                    TARGET_HEADERS.join(", "),
                    found_headers(header)
                ),
            ));
        };
        let mut columns = Self {
            source,
            target,
            kind: find(KIND_HEADERS),
            weight: find(WEIGHT_HEADERS),
            len: header.len(),
            warnings: Vec::new(),
        };
        let used = [Some(source), Some(target), columns.kind, columns.weight];
        for (index, field) in header.iter().enumerate() {
            if !used.contains(&Some(index)) {
                columns.warnings.push(header_warning(
                    field,
                    format!(
                        "column {} is not used: a ties table keeps only source, target, kind and weight",
                        quoted(&field.text)
                    ),
                ));
            }
        }
        Ok(columns)
    }
}

fn read_ties(
    reader: &mut TableReader<'_>,
    columns: &TiesColumns,
    progress: ProgressFn<'_>,
) -> Result<TiesTable, ParseError> {
    let mut table = TiesTable::default();
    let mut warnings = Warnings::default();
    warnings.extend(columns.warnings.iter().cloned());
    let mut extra = ExtraFields::default();
    let column_number = |index: usize| u32::try_from(index + 1).unwrap_or(u32::MAX);
    while reader.next_record(progress)? {
        let record = &reader.record;
        let line = record.line();
        let fields = record.fields();
        let text_of = |index: usize| fields.get(index).map_or("", |f| f.text.trim());
        let source = text_of(columns.source);
        let target = text_of(columns.target);
        let (source_column, target_column) = (column_number(columns.source), column_number(columns.target));
        extra.check(record, columns.len);
        if source.is_empty() {
            if target.is_empty() {
                warnings.push(line, source_column, "this row has no source and no target; it is skipped");
                continue;
            }
            return Err(ParseError::new(
                line,
                source_column,
                format!(
                    "the source is blank; every tie needs the id of the person who named {}",
                    quoted(target)
                ),
            ));
        }
        let mut tie = Tie::default();
        if let Some(field) = columns.kind.and_then(|index| fields.get(index)) {
            tie.declared_kind = parse_kind(&field.text).map_err(|m| error_at(field, m))?;
        }
        if let Some(field) = columns.weight.and_then(|index| fields.get(index)) {
            tie.weight = parse_weight(&field.text).map_err(|m| error_at(field, m))?;
        }
        table.rows.push(TieRow {
            line,
            source: source.to_owned(),
            source_column,
            target: (!target.is_empty()).then(|| target.to_owned()),
            target_column,
            tie,
        });
    }
    table.warnings = warnings.finish();
    // The summary of extra values is listed whatever the cap left out.
    table.warnings.extend(extra.warning(columns.len));
    Ok(table)
}

/// A sector word, or the error message naming the accepted words.
pub fn parse_sector(text: &str) -> Result<Sector, String> {
    Sector::parse(text).map_err(|_| {
        format!(
            "sector {} is not public, private or other (use public/offentlig/kommune, \
             private/privat/næringsliv, other/annet/frivillig, or leave it blank)",
            quoted(text.trim())
        )
    })
}

/// A tenure: a number of years (decimal comma allowed), a band text, or blank for unknown.
pub fn parse_tenure(text: &str) -> Result<Tenure, String> {
    let text = text.trim();
    match parse_number(text) {
        Some(years) if years < 0.0 => Err(format!(
            "tenure {} is negative; expected years living in the municipality (0 or more), \
             a band (<4, 4-9, 10+) or blank",
            quoted(text)
        )),
        Some(years) => Ok(Tenure::from_number(years)),
        None => match TenureBand::parse_band(text) {
            Some(band) => Ok(Tenure { years: None, band }),
            None => Err(format!(
                "tenure {} is not a number of years or a band (expected a number such as 9 or 9,5, \
                 a band <4, 4-9 or 10+, or blank)",
                quoted(text)
            )),
        },
    }
}

/// An age: a number of years (decimal comma allowed), a band text, or blank for unknown.
pub fn parse_age(text: &str) -> Result<Age, String> {
    let text = text.trim();
    match parse_number(text) {
        Some(years) if years < 0.0 => Err(format!(
            "age {} is negative; expected years (0 or more), a band (<30, 30-40, >40) or blank",
            quoted(text)
        )),
        Some(years) => Ok(Age::from_number(years)),
        None => match AgeBand::parse_band(text) {
            Some(band) => Ok(Age { years: None, band }),
            None => Err(format!(
                "age {} is not a number of years or a band (expected a number such as 35, \
                 a band <30, 30-40 or >40, or blank)",
                quoted(text)
            )),
        },
    }
}

/// yes/no in English or Norwegian; `None` for blank (derive it from the ties).
pub fn parse_respondent(text: &str) -> Result<Option<bool>, String> {
    const YES: &[&str] = &["yes", "ja", "true", "1", "y", "j", "sant"];
    const NO: &[&str] = &["no", "nei", "false", "0", "n", "usant"];
    let text = text.trim();
    let is = |words: &[&str]| words.iter().any(|w| text.eq_ignore_ascii_case(w));
    match text {
        "" => Ok(None),
        _ if is(YES) => Ok(Some(true)),
        _ if is(NO) => Ok(Some(false)),
        _ => Err(format!(
            "respondent {} is not yes or no (use yes/no, ja/nei, true/false or 1/0, or leave it blank \
             to count everyone who named someone)",
            quoted(text)
        )),
    }
}

/// A tie kind word; `None` for blank (derive it from the sectors).
pub fn parse_kind(text: &str) -> Result<Option<TieKind>, String> {
    TieKind::parse(text).map_err(|_| {
        format!(
            "kind {} is not internal or external (use internal/intern, external/ekstern, or leave it \
             blank to derive it from the sectors)",
            quoted(text.trim())
        )
    })
}

/// A tie weight: a number of 0 or more; blank = 1.
pub fn parse_weight(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(1.0);
    }
    match parse_number(text) {
        Some(weight) if weight >= 0.0 => Ok(weight),
        Some(_) => Err(format!("weight {} is negative; expected a number of 0 or more", quoted(text))),
        None => Err(format!(
            "weight {} is not a number (expected a number such as 1 or 2,5, or blank for 1)",
            quoted(text)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> PeopleTable {
        parse_people(text.as_bytes()).expect("valid people table")
    }

    fn ties(text: &str) -> TiesTable {
        parse_ties(text.as_bytes()).expect("valid ties table")
    }

    fn people_error(text: &str) -> String {
        parse_people(text.as_bytes()).expect_err("invalid people table").to_string()
    }

    fn ties_error(text: &str) -> String {
        parse_ties(text.as_bytes()).expect_err("invalid ties table").to_string()
    }

    fn row<'t>(table: &'t PeopleTable, key: &str) -> &'t PersonRow {
        table.rows.iter().find(|r| r.person.key == key).expect("row with this key")
    }

    #[test]
    fn header_keys_normalise_case_space_underscore_and_question_mark() {
        assert_eq!(header_key("  Person ID "), "person_id");
        assert_eq!(header_key("Respondent?"), "respondent");
        assert_eq!(header_key("År i  kommunen"), "år_i_kommunen");
        assert_eq!(header_key("years__in municipality"), "years_in_municipality");
        assert_eq!(header_key("\u{feff}id"), "id");
    }

    #[test]
    fn english_people_table() {
        let table = people(
            "id,name,sector,tenure,age,respondent,role\n\
             p1,Kari Nordmann,public,12,45,yes,mayor\n\
             p2,,private,3.5,29,no,\n\
             p3,Per,,,,,\n",
        );
        assert_eq!(table.rows.len(), 3);
        assert!(table.has_respondent_column);
        assert!(table.warnings.is_empty(), "{:?}", table.warnings);
        let kari = row(&table, "p1");
        assert_eq!(kari.line, 2);
        assert_eq!(kari.person.name, "Kari Nordmann");
        assert_eq!(kari.person.sector, Sector::Public);
        assert_eq!(kari.person.tenure, Tenure { years: Some(12.0), band: TenureBand::TenPlus });
        assert_eq!(kari.person.age, Age { years: Some(45.0), band: AgeBand::Over40 });
        assert_eq!(kari.respondent, Some(true));
        assert_eq!(kari.person.attributes.get("role").map(String::as_str), Some("mayor"));
        let p2 = row(&table, "p2");
        assert_eq!(p2.person.name, "p2", "a blank name defaults to the id");
        assert_eq!(p2.person.tenure.band, TenureBand::Under4);
        assert_eq!(p2.person.age.band, AgeBand::Under30);
        assert_eq!(p2.respondent, Some(false));
        assert!(p2.person.attributes.is_empty(), "blank attributes are not stored");
        let per = row(&table, "p3");
        assert_eq!(per.person.sector, Sector::Unknown);
        assert_eq!(per.person.tenure, Tenure::default());
        assert_eq!(per.person.age, Age::default());
        assert_eq!(per.respondent, None);
    }

    #[test]
    fn norwegian_headers_and_values_in_a_semicolon_file() {
        let table = people(
            "navn_id;navn;sektor;botid;alder;svarte;kommentar\r\n\
             1;Åse Ødegård;kommune;9,5;30;ja;leder\r\n\
             2;Bjørn;næringsliv;under 4;over 40;nei;\r\n\
             3;Ærlige Per;frivillig;10+;30–40;;\r\n",
        );
        assert_eq!(table.rows.len(), 3);
        let ase = row(&table, "1");
        assert_eq!(ase.person.name, "Åse Ødegård");
        assert_eq!(ase.person.sector, Sector::Public);
        assert_eq!(ase.person.tenure, Tenure { years: Some(9.5), band: TenureBand::From4To9 });
        assert_eq!(ase.person.age, Age { years: Some(30.0), band: AgeBand::From30To40 });
        assert_eq!(ase.respondent, Some(true));
        assert_eq!(ase.person.attributes.get("kommentar").map(String::as_str), Some("leder"));
        let bjorn = row(&table, "2");
        assert_eq!(bjorn.person.sector, Sector::Private);
        assert_eq!(bjorn.person.tenure, Tenure { years: None, band: TenureBand::Under4 });
        assert_eq!(bjorn.person.age, Age { years: None, band: AgeBand::Over40 });
        assert_eq!(bjorn.respondent, Some(false));
        let per = row(&table, "3");
        assert_eq!(per.person.sector, Sector::Other);
        assert_eq!(per.person.tenure.band, TenureBand::TenPlus);
        assert_eq!(per.person.age.band, AgeBand::From30To40);
        assert_eq!(per.respondent, None);
    }

    #[test]
    fn other_accepted_header_names() {
        for header in ["person", "Person_ID", "person id", "ID"] {
            assert_eq!(people(&format!("{header}\nx\n")).rows.len(), 1, "{header}");
        }
        let table = people("Person,Label,Sector,Years in municipality,Age,Respondent?\nx,X,p,4,40,1\n");
        let x = row(&table, "x");
        assert_eq!(x.person.name, "X");
        assert_eq!(x.person.tenure.band, TenureBand::From4To9);
        assert_eq!(x.respondent, Some(true));
        let table = people("id;ar_i_kommunen\nx;10\n");
        assert_eq!(row(&table, "x").person.tenure.band, TenureBand::TenPlus);
        let table = people("id;År i kommunen\nx;3,99\n");
        assert_eq!(row(&table, "x").person.tenure.band, TenureBand::Under4);
    }

    #[test]
    fn tenure_band_boundaries_through_the_parser() {
        let table = people("id;botid\na;3,99\nb;4\nc;9,99\nd;10\ne;0\n");
        let bands: Vec<_> = table.rows.iter().map(|r| r.person.tenure.band).collect();
        assert_eq!(
            bands,
            [
                TenureBand::Under4,
                TenureBand::From4To9,
                TenureBand::From4To9,
                TenureBand::TenPlus,
                TenureBand::Under4
            ]
        );
        assert_eq!(row(&table, "c").person.tenure.years, Some(9.99));
    }

    #[test]
    fn age_band_boundaries_through_the_parser() {
        let table = people("id,age\na,29\nb,30\nc,40\nd,41\ne,29.9\nf,40.5\n");
        let bands: Vec<_> = table.rows.iter().map(|r| r.person.age.band).collect();
        assert_eq!(
            bands,
            [
                AgeBand::Under30,
                AgeBand::From30To40,
                AgeBand::From30To40,
                AgeBand::Over40,
                AgeBand::Under30,
                AgeBand::Over40
            ]
        );
    }

    #[test]
    fn unknown_sector_is_an_error_at_its_line_and_column() {
        let mut text = "id,name,sector\n".to_owned();
        for i in 2..14 {
            text.push_str(&format!("p{i},Name {i},public\n"));
        }
        text.push_str("p14,Kari,kommunen?\n");
        assert_eq!(
            people_error(&text),
            "14:3: sector \"kommunen?\" is not public, private or other (use public/offentlig/kommune, \
             private/privat/næringsliv, other/annet/frivillig, or leave it blank)"
        );
    }

    #[test]
    fn bad_tenure_age_and_respondent_values() {
        assert!(people_error("id,tenure\na,lots\n").starts_with("2:2: tenure \"lots\" is not a number"));
        assert!(people_error("id,tenure\na,-3\n").starts_with("2:2: tenure \"-3\" is negative"));
        assert!(people_error("id,x,age\na,,old\n").starts_with("2:3: age \"old\" is not a number"));
        assert!(people_error("id;alder\na;-1\n").starts_with("2:2: age \"-1\" is negative"));
        assert!(people_error("id,respondent\na,yes\nb,maybe\n").starts_with("3:2: respondent \"maybe\""));
        let table = people("id,respondent\na,Y\nb,n\nc,J\nd,TRUE\ne,False\nf,0\n");
        let values: Vec<_> = table.rows.iter().map(|r| r.respondent).collect();
        assert_eq!(values, [Some(true), Some(false), Some(true), Some(true), Some(false), Some(false)]);
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(1000);
        let message = people_error(&format!("id,sector\na,{long}\n"));
        assert!(message.len() < 300, "{message}");
        assert!(message.contains("xxx…"), "{message}");
    }

    #[test]
    fn duplicate_id_names_the_first_line() {
        assert_eq!(
            people_error("id,name\na,A\nb,B\n\na,Again\n"),
            "5:1: person id \"a\" appears twice; it was first used on line 2"
        );
        assert_eq!(
            people_error("name,id\nA,a\nB, a \n"),
            "3:2: person id \"a\" appears twice; it was first used on line 2"
        );
    }

    #[test]
    fn blank_id_is_an_error() {
        assert!(people_error("name,id\nKari,\nOla,b\n").starts_with("2:2: the id is blank"));
    }

    #[test]
    fn missing_id_column_lists_accepted_names() {
        let message = people_error("\nnavn,sektor\nKari,kommune\n");
        assert_eq!(
            message,
            "2:1: no id column: a people table needs a column named one of id, person, person_id, navn_id \
             (found \"navn\", \"sektor\")"
        );
        assert!(
            people_error("source,target\na,b\n")
                .ends_with("this looks like a ties table (it has source and target columns)")
        );
    }

    #[test]
    fn empty_files() {
        for text in ["", "\n\n", "  \r\n ; ; \r\n", "\u{feff}", ",,,\n,,\n"] {
            assert_eq!(people_error(text), "1:1: the file is empty", "{text:?}");
            assert_eq!(ties_error(text), "1:1: the file is empty", "{text:?}");
        }
        assert_eq!(
            parse_people(&[0xEF, 0xBB, 0xBF]).expect_err("only a BOM").to_string(),
            "1:1: the file is empty"
        );
        // A header alone is a valid, empty table.
        assert!(people("id,name\n").rows.is_empty());
    }

    #[test]
    fn duplicate_roles_and_attribute_names() {
        let table = people("id,navn,name,note,note,\nx,Kari,K. Nordmann,a,b\n");
        let x = row(&table, "x");
        assert_eq!(x.person.name, "Kari");
        assert_eq!(x.person.attributes.get("name").map(String::as_str), Some("K. Nordmann"));
        assert_eq!(x.person.attributes.get("note").map(String::as_str), Some("a"));
        assert_eq!(x.person.attributes.get("note (column 5)").map(String::as_str), Some("b"));
        assert_eq!(table.warnings.len(), 1);
        let warning = table.warnings.first().expect("warning");
        assert_eq!((warning.line, warning.column), (1, 3));
        assert!(warning.message.contains("second \"name\" column"), "{}", warning.message);
        // An unnamed column with values becomes "column N".
        let table = people("id,,x\na,b,c\n");
        assert_eq!(row(&table, "a").person.attributes.get("column 2").map(String::as_str), Some("b"));
    }

    #[test]
    fn values_right_of_the_header_are_a_warning() {
        let table = people("id,name\na,A,stray\nb,B\nc,C,x,y\n");
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.warnings.len(), 1);
        let warning = table.warnings.first().expect("warning");
        assert_eq!((warning.line, warning.column), (2, 3));
        assert!(warning.message.starts_with("2 rows have values right of the last of the 2 header columns"));
    }

    #[test]
    fn ties_table_with_kind_and_weight() {
        let table = ties("source,target,kind,weight\na,b,internal,2\nb,c,,\nc,a,ekstern,\"1,5\"\n");
        let rows: Vec<_> = table
            .rows
            .iter()
            .map(|r| (r.line, r.source.as_str(), r.target.as_deref(), r.tie.declared_kind, r.tie.weight))
            .collect();
        assert_eq!(
            rows,
            [
                (2, "a", Some("b"), Some(TieKind::Internal), 2.0),
                (3, "b", Some("c"), None, 1.0),
                (4, "c", Some("a"), Some(TieKind::External), 1.5)
            ]
        );
    }

    #[test]
    fn norwegian_ties_headers() {
        let table = ties("fra;til;kontakt;vekt\nÅse;Bjørn;intern;2,5\n");
        let tie = table.rows.first().expect("row");
        assert_eq!((tie.source.as_str(), tie.target.as_deref()), ("Åse", Some("Bjørn")));
        assert_eq!(tie.tie.declared_kind, Some(TieKind::Internal));
        assert_eq!(tie.tie.weight, 2.5);
        for header in ["from\tto", "respondent\tnamed", "kilde_fra\ttil", "Kilde fra\tTo"] {
            assert_eq!(ties(&format!("{header}\na\tb\n")).rows.len(), 1, "{header}");
        }
    }

    #[test]
    fn bad_tie_values() {
        assert_eq!(
            ties_error("source,target,weight\na,b,1\nb,c,-2\n"),
            "3:3: weight \"-2\" is negative; expected a number of 0 or more"
        );
        assert!(
            ties_error("source,target,weight\na,b,heavy\n")
                .starts_with("2:3: weight \"heavy\" is not a number")
        );
        assert!(
            ties_error("source,target,kind\na,b,sideways\n")
                .starts_with("2:3: kind \"sideways\" is not internal")
        );
        assert!(ties_error("source,target\n,b\n").starts_with("2:1: the source is blank"));
    }

    #[test]
    fn blank_target_means_named_no_one_and_blank_row_is_a_warning() {
        let table = ties("source,target,note\na,,x\n,,only a note\nb,c\n");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows.first().expect("row").target, None);
        let messages: Vec<_> =
            table.warnings.iter().map(|w| (w.line, w.column, w.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    1,
                    3,
                    "column \"note\" is not used: a ties table keeps only source, target, kind and weight"
                ),
                (3, 1, "this row has no source and no target; it is skipped")
            ]
        );
    }

    #[test]
    fn missing_ties_columns() {
        assert!(ties_error("source,weight\na,1\n").starts_with("1:1: no target column: a ties table needs"));
        assert!(ties_error("id,to\na,b\n").starts_with("1:1: no source column"));
        let message = ties_error("id,name\na,b\n");
        assert!(message.starts_with("1:1: no source and no target column"), "{message}");
        assert!(message.contains("source, from, respondent, kilde_fra, fra"), "{message}");
        assert!(message.contains("target, to, named, til"), "{message}");
        assert!(message.ends_with("this looks like a people table (it has an id column)"), "{message}");
    }

    #[test]
    fn parse_table_tells_people_from_ties() {
        assert!(matches!(parse_table(b"id,name\na,A\n"), Ok(Table::People(t)) if t.rows.len() == 1));
        assert!(matches!(parse_table(b"fra;til\na;b\n"), Ok(Table::Ties(t)) if t.rows.len() == 1));
        // "respondent" is a people column unless there is also a target column.
        assert!(matches!(parse_table(b"id,respondent\na,ja\n"), Ok(Table::People(_))));
        assert!(matches!(parse_table(b"respondent,named\na,b\n"), Ok(Table::Ties(_))));
        let error = parse_table(b"a,b\n1,2\n").expect_err("neither");
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.starts_with("this table has neither an id column"), "{}", error.message);
    }

    #[test]
    fn quoted_fields_in_tables() {
        let table =
            people("id,name,note\n1,\"Nordmann, Kari\",\"line one\nline two\"\n2,\"Ola \"\"Olsen\"\"\",\n");
        assert_eq!(row(&table, "1").person.name, "Nordmann, Kari");
        assert_eq!(
            row(&table, "1").person.attributes.get("note").map(String::as_str),
            Some("line one\nline two")
        );
        assert_eq!(row(&table, "2").person.name, "Ola \"Olsen\"");
        assert_eq!(row(&table, "2").line, 4);
    }

    #[test]
    fn parsing_reports_progress_about_every_64_kb() {
        let mut text = "source,target\n".to_owned();
        for i in 0..20_000 {
            text.push_str(&format!("person{i},person{}\n", i + 1));
        }
        let mut calls = Vec::new();
        let table = ties_from_text(&text, &mut |done, total| calls.push((done, total))).expect("ties");
        assert_eq!(table.rows.len(), 20_000);
        assert!(calls.len() >= text.len() / PROGRESS_STEP_BYTES, "{} calls", calls.len());
        assert!(calls.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)), "increasing");
        assert_eq!(calls.last(), Some(&(text.len(), text.len())));
    }

    #[test]
    fn with_file_names_warnings() {
        let table = people("id,name,name\na,b,c\n").with_file("people.csv");
        assert_eq!(table.file, "people.csv");
        assert_eq!(table.warnings.first().map(|w| w.file.as_str()), Some("people.csv"));
    }
}
