//! OCAI scoring (Cameron & Quinn, Competing Values Framework; `docs/measures.md`).
//!
//! **Instrument.** Six dimensions (1 dominant characteristics, 2 organizational leadership,
//! 3 management of employees, 4 organization glue, 5 strategic emphases, 6 criteria of success),
//! each with statements A-D; the respondent divides 100 points among A-D per dimension, once for
//! *now* and once for *preferred*. A = clan, B = adhocracy, C = market, D = hierarchy.
//!
//! **Input** (text already decoded, read by the tables' tokenizer [`crate::io::Tokenizer`]:
//! delimiter `,`, `;` or tab from an Excel `sep=` line or the header line; RFC 4180 quotes;
//! numbers as [`crate::io::parse_number`] reads them, decimal comma included). Culture files are
//! opened by [`crate::io::open_culture`], the one route of the window and the command line. Three layouts,
//! told apart by the header:
//!
//! - *long*: one row per (municipality, respondent, dimension):
//!   `municipality,respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred`
//! - *wide*: one row per respondent: `municipality,respondent,1a_now,1b_now,...,6d_preferred`
//!   (48 value columns; `a1_now`, `now_1a`, `q1a_now`, `dim1a_now`, `spm1a_nå` work too);
//! - *profiles* (already scored): `municipality[,respondent],clan_now,adhocracy_now,market_now,
//!   hierarchy_now,clan_preferred,...`. With a respondent column each row is one respondent's
//!   profile; without, each row is a municipality's group profile (n, SD etc. unknown).
//!
//! Header words are matched ignoring case, spaces, `_`, `-` and `.`, with æ/ø/å folded
//! (ae/o/aa): municipality = `municipality`, `kommune`, `organisation`, `unit`, `enhet`, `group`,
//! `gruppe`; respondent = `respondent`, `id`, `person`, `informant`, `deltaker`, `participant`;
//! dimension = `dimension`, `dimensjon`, `dim`; now = `now`, `current`, `nå`, `naa`, `na`,
//! `nåværende`; preferred = `preferred`, `pref`, `desired`, `future`, `ønsket`, `onsket`, `ønska`;
//! cultures = `clan`/`klan`, `adhocracy`/`adhokrati`, `market`/`marked`, `hierarchy`/`hierarki`.
//! The municipality column is optional (everyone in one group named `""`). Other columns are
//! ignored.
//!
//! **Errors** ([`ParseError`], line and field number, 1-based) stop the parse: a quote never
//! closed, headers that match
//! no layout, missing columns, a value that is not a number between 0 and 100, a dimension that
//! is not 1-6, a blank respondent in the long layout, a repeated (respondent, dimension) row.
//!
//! **Validation** (reported as [`Issue`]s, scoring goes on): each dimension's A-D must sum to 100
//! (within [`OcaiOptions::tolerance`]); for profiles the four types must. A blank cell in a
//! dimension that has other values is read as 0 (reported). Then, per [`SumPolicy`]:
//! `Rescale` multiplies the four values by 100 / sum (a sum of 0 cannot be rescaled: the
//! respondent is excluded); `Exclude` leaves the whole respondent out of both *now* and
//! *preferred*, so both profiles cover the same people. A respondent lacking a whole dimension is
//! always excluded.
//!
//! **Scores.** Individual: type score = mean of its points over the 6 dimensions (the four sum to
//! 100). Group: the mean of the respondents' scores, with the sample SD (n - 1 in the
//! denominator; `None` for n < 2), min, max and median (mean of the middle two for even n). Gap =
//! preferred - now. Dominant culture = highest score (all tied types are listed). Groups are sorted
//! by municipality; respondents stay in file order.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::io::{ParseError, Tokenizer, parse_number};

/// A culture type (statement letter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Culture {
    /// A: collaborate, "an extended family".
    Clan,
    /// B: create, "dynamic entrepreneurial".
    Adhocracy,
    /// C: compete, "results oriented".
    Market,
    /// D: control, "controlled and structured".
    Hierarchy,
}

impl Culture {
    /// A, B, C, D.
    pub const ALL: [Self; 4] = [Self::Clan, Self::Adhocracy, Self::Market, Self::Hierarchy];

    /// Stable machine key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Clan => "clan",
            Self::Adhocracy => "adhocracy",
            Self::Market => "market",
            Self::Hierarchy => "hierarchy",
        }
    }

    /// The statement letter.
    pub fn letter(self) -> char {
        match self {
            Self::Clan => 'A',
            Self::Adhocracy => 'B',
            Self::Market => 'C',
            Self::Hierarchy => 'D',
        }
    }
}

/// Now or preferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// The culture as it is now.
    Now,
    /// The culture wanted in about five years.
    Preferred,
}

/// Four type scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Profile {
    /// A.
    pub clan: f64,
    /// B.
    pub adhocracy: f64,
    /// C.
    pub market: f64,
    /// D.
    pub hierarchy: f64,
}

impl Profile {
    /// From scores in A-D order.
    pub fn from_array([clan, adhocracy, market, hierarchy]: [f64; 4]) -> Self {
        Self { clan, adhocracy, market, hierarchy }
    }

    /// Scores in A-D order.
    pub fn to_array(self) -> [f64; 4] {
        [self.clan, self.adhocracy, self.market, self.hierarchy]
    }

    /// The score of one type.
    pub fn get(&self, culture: Culture) -> f64 {
        match culture {
            Culture::Clan => self.clan,
            Culture::Adhocracy => self.adhocracy,
            Culture::Market => self.market,
            Culture::Hierarchy => self.hierarchy,
        }
    }

    /// The type(s) with the highest score (several when tied within 1e-9).
    pub fn dominant(&self) -> Vec<Culture> {
        let values = self.to_array();
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Culture::ALL.iter().zip(values).filter(|&(_, v)| max - v <= 1e-9).map(|(&c, _)| c).collect()
    }

    fn minus(self, other: Self) -> Self {
        let (a, b) = (self.to_array(), other.to_array());
        Self::from_array(std::array::from_fn(|i| {
            a.get(i).copied().unwrap_or(0.0) - b.get(i).copied().unwrap_or(0.0)
        }))
    }
}

/// Which layout the file had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OcaiFormat {
    /// One row per (respondent, dimension).
    Long,
    /// One row per respondent, 48 value columns.
    Wide,
    /// Already scored profiles (per respondent, or per municipality).
    Profiles,
}

/// Every error found, in file order (at most [`MAX_ERRORS`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct OcaiErrors(pub Vec<ParseError>);

/// Parsing stops collecting errors after this many.
pub const MAX_ERRORS: usize = 100;

/// A gap (preferred − now) of at least this many points is read as a meaningful desire for
/// change (practitioners' rule of thumb, `docs/measures.md`).
pub const MEANINGFUL_GAP: f64 = 10.0;

/// Points of one state: by dimension (0..6), by letter (A-D); `None` = blank cell.
pub type Points = [[Option<f64>; 4]; 6];

/// What one row (or group of long rows) holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answers {
    /// Raw points (long or wide layout), with the line of each dimension (0 = not given).
    Points {
        /// Now.
        now: Box<Points>,
        /// Preferred.
        preferred: Box<Points>,
        /// Line of each dimension's row (0 when the dimension is missing).
        lines: [u32; 6],
    },
    /// Already scored profile; `None` = blank cell.
    Profile {
        /// Now, A-D.
        now: [Option<f64>; 4],
        /// Preferred, A-D.
        preferred: [Option<f64>; 4],
    },
}

/// One respondent (or, for profiles without a respondent column, one municipality).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Response {
    /// Municipality ("" without that column).
    pub municipality: String,
    /// Respondent id; `None` for a pre-aggregated group profile.
    pub respondent: Option<String>,
    /// First line of the response.
    pub line: u32,
    /// The numbers.
    pub answers: Answers,
}

/// A parsed OCAI file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OcaiInput {
    /// The layout.
    pub format: OcaiFormat,
    /// Responses in file order.
    pub responses: Vec<Response>,
}

/// What to do when a dimension (or a profile) does not sum to 100.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SumPolicy {
    /// Scale the four values to sum to 100 (respondent kept).
    #[default]
    Rescale,
    /// Leave the respondent out of both now and preferred.
    Exclude,
}

/// Scoring options.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OcaiOptions {
    /// Rescale or exclude.
    pub policy: SumPolicy,
    /// |sum - 100| up to this counts as 100.
    pub tolerance: f64,
}

impl Default for OcaiOptions {
    fn default() -> Self {
        Self { policy: SumPolicy::default(), tolerance: 1e-6 }
    }
}

/// What kind of problem an [`Issue`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// The four values do not sum to 100.
    SumNot100,
    /// A blank cell next to filled ones, read as 0.
    BlankAsZero,
    /// A whole dimension (or profile state) is blank or missing.
    Missing,
}

/// What was done about an [`Issue`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Values used as they are (blank read as 0).
    Kept,
    /// Values scaled to sum to 100.
    Rescaled,
    /// The respondent (or group row) was left out.
    Excluded,
}

/// A validation finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// Line of the row concerned.
    pub line: u32,
    /// Municipality.
    pub municipality: String,
    /// Respondent, if any.
    pub respondent: Option<String>,
    /// Dimension 1-6 (`None` for profiles).
    pub dimension: Option<u8>,
    /// Now or preferred (`None` when a whole dimension row is missing).
    pub state: Option<State>,
    /// What is wrong.
    pub kind: IssueKind,
    /// The sum found, for [`IssueKind::SumNot100`].
    pub sum: Option<f64>,
    /// What was done.
    pub action: Action,
}

/// Statistics of one type over a group's respondents.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CultureStats {
    /// The type.
    pub culture: Culture,
    /// Mean of the respondents' scores (or the given group score).
    pub mean: f64,
    /// Sample standard deviation (n - 1); `None` for n < 2 or pre-aggregated groups.
    pub sd: Option<f64>,
    /// Lowest respondent score; `None` for pre-aggregated groups.
    pub min: Option<f64>,
    /// Highest respondent score; `None` for pre-aggregated groups.
    pub max: Option<f64>,
    /// Median respondent score; `None` for pre-aggregated groups.
    pub median: Option<f64>,
}

/// One respondent's scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndividualProfile {
    /// Respondent id.
    pub respondent: String,
    /// First line.
    pub line: u32,
    /// Now.
    pub now: Profile,
    /// Preferred.
    pub preferred: Profile,
    /// Preferred - now.
    pub gap: Profile,
    /// Highest now.
    pub dominant_now: Vec<Culture>,
    /// Highest preferred.
    pub dominant_preferred: Vec<Culture>,
    /// Some dimension was rescaled.
    pub rescaled: bool,
}

/// Group means of one dimension (for the six small congruence kites).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionProfile {
    /// 1-6.
    pub dimension: u8,
    /// Mean points now.
    pub now: Profile,
    /// Mean points preferred.
    pub preferred: Profile,
    /// Highest now.
    pub dominant_now: Vec<Culture>,
}

/// One municipality's profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupProfile {
    /// Municipality.
    pub municipality: String,
    /// Respondents included, in file order (empty for a pre-aggregated group row).
    pub respondents: Vec<IndividualProfile>,
    /// Number of respondents included; `None` for a pre-aggregated group row.
    pub respondent_count: Option<usize>,
    /// Respondents of this municipality left out (see the issues).
    pub excluded: usize,
    /// Per type, A-D order.
    pub now: Vec<CultureStats>,
    /// Per type, A-D order.
    pub preferred: Vec<CultureStats>,
    /// Mean now.
    pub now_mean: Profile,
    /// Mean preferred.
    pub preferred_mean: Profile,
    /// Preferred mean - now mean.
    pub gap: Profile,
    /// Highest mean now.
    pub dominant_now: Vec<Culture>,
    /// Highest mean preferred.
    pub dominant_preferred: Vec<Culture>,
    /// Mean points per dimension (raw layouts only, empty for profiles).
    pub dimensions: Vec<DimensionProfile>,
}

/// The scored file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OcaiReport {
    /// Layout of the file.
    pub format: OcaiFormat,
    /// Options used.
    pub options: OcaiOptions,
    /// By municipality (sorted); municipalities whose every respondent was excluded are absent.
    pub groups: Vec<GroupProfile>,
    /// Validation findings in file order.
    pub issues: Vec<Issue>,
    /// Respondents (or group rows) left out.
    pub excluded: usize,
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Municipality,
    Respondent,
    Dimension,
    /// Long: letter, state.
    Letter(usize, State),
    /// Wide: dimension 0..6, letter, state.
    Cell(usize, usize, State),
    /// Profiles: culture, state.
    Type(usize, State),
}

/// Lower-case, fold æ/ø/å, keep only ASCII letters and digits.
fn normalise(header: &str) -> String {
    let mut out = String::new();
    for c in header.trim().trim_start_matches('\u{feff}').chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' | 'ö' => out.push('o'),
            'å' => out.push_str("aa"),
            'ä' => out.push('a'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

const NOW_WORDS: &[&str] = &["naavaerende", "navarende", "current", "today", "now", "naa", "na"];
const PREFERRED_WORDS: &[&str] = &[
    "preferred",
    "fremtidig",
    "onskelig",
    "desired",
    "fremtid",
    "future",
    "onsket",
    "onska",
    "ideal",
    "pref",
];

fn classify(header: &str) -> Option<Column> {
    let h = normalise(header);
    match h.as_str() {
        "municipality" | "kommune" | "kommunenavn" | "organisation" | "organization" | "org" | "unit"
        | "enhet" | "group" | "gruppe" | "team" => return Some(Column::Municipality),
        "respondent" | "respondentid" | "id" | "person" | "informant" | "deltaker" | "participant"
        | "svarer" => return Some(Column::Respondent),
        "dimension" | "dimensjon" | "dim" | "question" | "sporsmaal" | "sporsmal" => {
            return Some(Column::Dimension);
        }
        _ => {}
    }
    let states = NOW_WORDS
        .iter()
        .map(|w| (*w, State::Now))
        .chain(PREFERRED_WORDS.iter().map(|w| (*w, State::Preferred)));
    let mut candidates: Vec<(&str, State)> = states.collect();
    candidates.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    for &(word, state) in &candidates {
        for core in [h.strip_suffix(word), h.strip_prefix(word)].into_iter().flatten() {
            if let Some(column) = classify_core(core, state) {
                return Some(column);
            }
        }
    }
    None
}

fn letter_index(c: char) -> Option<usize> {
    match c {
        'a' => Some(0),
        'b' => Some(1),
        'c' => Some(2),
        'd' => Some(3),
        _ => None,
    }
}

fn classify_core(core: &str, state: State) -> Option<Column> {
    let chars: Vec<char> = core.chars().collect();
    match chars.as_slice() {
        [l] => letter_index(*l).map(|i| Column::Letter(i, state)),
        [x, y] => {
            let digit = |c: char| c.to_digit(10).filter(|d| (1..=6).contains(d)).map(|d| d as usize - 1);
            match (digit(*x), letter_index(*y), letter_index(*x), digit(*y)) {
                (Some(d), Some(l), _, _) | (_, _, Some(l), Some(d)) => Some(Column::Cell(d, l, state)),
                _ => None,
            }
        }
        _ if ["dimensjon", "dimension", "dim", "spm", "q", "d"].iter().any(|p| {
            core.strip_prefix(p)
                .is_some_and(|rest| rest.len() == 2 && rest.starts_with(|c: char| c.is_ascii_digit()))
        }) =>
        {
            // "q1a", "dim1a", "spm1a": a prefix before dimension + letter.
            let rest = core.get(core.len() - 2..)?;
            classify_core(rest, state)
        }
        _ => {
            let culture = if core.starts_with("clan") || core.starts_with("klan") {
                0
            } else if core.starts_with("adhoc") || core.starts_with("adhok") {
                1
            } else if core.starts_with("market") || core.starts_with("marked") {
                2
            } else if core.starts_with("hierar") {
                3
            } else {
                return None;
            };
            Some(Column::Type(culture, state))
        }
    }
}

/// One record: its line and fields.
struct Record {
    line: u32,
    fields: Vec<String>,
}

/// The records of the text, read by the tables' tokenizer: RFC 4180 quotes, CRLF, LF or CR line
/// ends, blank lines skipped, the delimiter from an Excel `sep=` line or the header.
fn records(text: &str) -> Result<Vec<Record>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for fields in Tokenizer::sniffed(text) {
        let fields = fields?;
        let line = fields.first().map_or(1, |f| f.line);
        out.push(Record { line, fields: fields.into_iter().map(|f| f.text).collect() });
    }
    Ok(out)
}

/// A number of points: blank = `None`; decimal comma accepted; 0..=100.
fn points(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match parse_number(t) {
        Some(v) if (0.0..=100.0).contains(&v) => Ok(Some(v)),
        Some(_) => Err(format!("\"{t}\" is outside 0-100 (points out of 100)")),
        None => Err(format!("\"{t}\" is not a number (expected points 0-100)")),
    }
}

fn col_u32(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Parses an OCAI file in the long, wide or profiles layout.
pub fn parse(text: &str) -> Result<OcaiInput, OcaiErrors> {
    let mut rows = records(text).map_err(|error| OcaiErrors(vec![error]))?.into_iter();
    let Some(header) = rows.next() else {
        return Err(OcaiErrors(vec![ParseError::new(1, 1, "the file is empty")]));
    };
    let mut errors = Vec::new();
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.fields.len());
    for (i, h) in header.fields.iter().enumerate() {
        let c = classify(h);
        if let Some(c) = c
            && let Some(first) = columns.iter().position(|&x| x == Some(c))
        {
            errors.push(ParseError::new(
                header.line,
                col_u32(i),
                format!(
                    "\"{}\" means the same as column {} (\"{}\")",
                    h.trim(),
                    first + 1,
                    header.fields.get(first).map_or("", |s| s.trim())
                ),
            ));
        }
        columns.push(c);
    }
    let has = |pred: &dyn Fn(Column) -> bool| columns.iter().flatten().any(|&c| pred(c));
    let format = if has(&|c| matches!(c, Column::Cell(..))) {
        OcaiFormat::Wide
    } else if has(&|c| matches!(c, Column::Letter(..))) {
        OcaiFormat::Long
    } else if has(&|c| matches!(c, Column::Type(..))) {
        OcaiFormat::Profiles
    } else {
        return Err(OcaiErrors(vec![ParseError::new(
            header.line,
            1,
            "no OCAI columns found: expected a_now ... d_preferred with a dimension column (long), \
             1a_now ... 6d_preferred (wide), or clan_now ... hierarchy_preferred (profiles)",
        )]));
    };
    let find = |c: Column| columns.iter().position(|&x| x == Some(c));
    let mut missing = Vec::new();
    let states = [State::Now, State::Preferred];
    let state_word = |s: State| if s == State::Now { "now" } else { "preferred" };
    match format {
        OcaiFormat::Long => {
            if find(Column::Respondent).is_none() {
                missing.push("respondent".to_owned());
            }
            if find(Column::Dimension).is_none() {
                missing.push("dimension".to_owned());
            }
            for s in states {
                for l in 0..4 {
                    if find(Column::Letter(l, s)).is_none() {
                        missing.push(format!(
                            "{}_{}",
                            ['a', 'b', 'c', 'd'].get(l).copied().unwrap_or('?'),
                            state_word(s)
                        ));
                    }
                }
            }
        }
        OcaiFormat::Wide => {
            for s in states {
                for d in 0..6 {
                    for l in 0..4 {
                        if find(Column::Cell(d, l, s)).is_none() {
                            missing.push(format!(
                                "{}{}_{}",
                                d + 1,
                                ['a', 'b', 'c', 'd'].get(l).copied().unwrap_or('?'),
                                state_word(s)
                            ));
                        }
                    }
                }
            }
        }
        OcaiFormat::Profiles => {
            for s in states {
                for c in Culture::ALL {
                    if find(Column::Type(c as usize, s)).is_none() {
                        missing.push(format!("{}_{}", c.key(), state_word(s)));
                    }
                }
            }
        }
    }
    if !missing.is_empty() {
        errors.push(ParseError::new(header.line, 1, format!("missing column(s): {}", missing.join(", "))));
    }
    let mixed = columns.iter().flatten().any(|c| match format {
        OcaiFormat::Wide => matches!(c, Column::Letter(..) | Column::Type(..)),
        OcaiFormat::Long => matches!(c, Column::Type(..)),
        OcaiFormat::Profiles => false,
    });
    if mixed {
        errors.push(ParseError::new(header.line, 1, "the header mixes layouts (long, wide, profiles)"));
    }
    if !errors.is_empty() {
        return Err(OcaiErrors(errors));
    }

    let municipality_col = find(Column::Municipality);
    let respondent_col = find(Column::Respondent);
    let dimension_col = find(Column::Dimension);
    let mut responses: Vec<Response> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    for row in rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        if row.fields.len() > columns.len()
            && row.fields.iter().skip(columns.len()).any(|f| !f.trim().is_empty())
        {
            errors.push(ParseError::new(
                row.line,
                col_u32(columns.len()),
                format!("{} fields, but the header has {}", row.fields.len(), columns.len()),
            ));
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.fields.get(i)).map_or("", |s| s.trim());
        let municipality = cell(municipality_col).to_owned();
        let respondent = cell(respondent_col).to_owned();
        let value = |col: Column, errors: &mut Vec<ParseError>| -> Option<f64> {
            let i = find(col)?;
            match points(row.fields.get(i).map_or("", String::as_str)) {
                Ok(v) => v,
                Err(message) => {
                    errors.push(ParseError::new(row.line, col_u32(i), message));
                    None
                }
            }
        };
        match format {
            OcaiFormat::Long => {
                if respondent.is_empty() {
                    errors.push(ParseError::new(
                        row.line,
                        respondent_col.map_or(1, col_u32),
                        "the respondent is blank",
                    ));
                    continue;
                }
                let dim_text = cell(dimension_col);
                let Some(dim) = dim_text.parse::<usize>().ok().filter(|d| (1..=6).contains(d)) else {
                    errors.push(ParseError::new(
                        row.line,
                        dimension_col.map_or(1, col_u32),
                        format!("\"{dim_text}\" is not a dimension (expected 1-6)"),
                    ));
                    continue;
                };
                let now: [Option<f64>; 4] =
                    std::array::from_fn(|l| value(Column::Letter(l, State::Now), &mut errors));
                let preferred: [Option<f64>; 4] =
                    std::array::from_fn(|l| value(Column::Letter(l, State::Preferred), &mut errors));
                let key = (municipality.clone(), respondent.clone());
                let slot = *index.entry(key).or_insert_with(|| {
                    responses.push(Response {
                        municipality: municipality.clone(),
                        respondent: Some(respondent.clone()),
                        line: row.line,
                        answers: Answers::Points {
                            now: Box::new([[None; 4]; 6]),
                            preferred: Box::new([[None; 4]; 6]),
                            lines: [0; 6],
                        },
                    });
                    responses.len() - 1
                });
                if let Some(Response { answers: Answers::Points { now: n, preferred: p, lines }, .. }) =
                    responses.get_mut(slot)
                    && let (Some(line_slot), Some(n_slot), Some(p_slot)) =
                        (lines.get_mut(dim - 1), n.get_mut(dim - 1), p.get_mut(dim - 1))
                {
                    if *line_slot != 0 {
                        errors.push(ParseError::new(
                            row.line,
                            dimension_col.map_or(1, col_u32),
                            format!("respondent \"{respondent}\" has dimension {dim} twice (first on line {line_slot})"),
                        ));
                        continue;
                    }
                    *line_slot = row.line;
                    *n_slot = now;
                    *p_slot = preferred;
                }
            }
            OcaiFormat::Wide | OcaiFormat::Profiles => {
                let respondent = match respondent_col {
                    None => None,
                    Some(_) if respondent.is_empty() => Some(format!("(line {})", row.line)),
                    Some(_) => Some(respondent),
                };
                let key = (municipality.clone(), respondent.clone().unwrap_or_default());
                if let Some(&first) = index.get(&key) {
                    let first_line = responses.get(first).map_or(0, |r| r.line);
                    let what = respondent.as_ref().map_or_else(
                        || format!("municipality \"{municipality}\""),
                        |r| format!("respondent \"{r}\""),
                    );
                    errors.push(ParseError::new(
                        row.line,
                        respondent_col.or(municipality_col).map_or(1, col_u32),
                        format!("{what} appears twice (first on line {first_line})"),
                    ));
                    continue;
                }
                index.insert(key, responses.len());
                let answers = if format == OcaiFormat::Wide {
                    let grid = |s: State, errors: &mut Vec<ParseError>| -> Points {
                        let mut out = [[None; 4]; 6];
                        for (d, dim) in out.iter_mut().enumerate() {
                            for (l, slot) in dim.iter_mut().enumerate() {
                                *slot = value(Column::Cell(d, l, s), errors);
                            }
                        }
                        out
                    };
                    let now = grid(State::Now, &mut errors);
                    let preferred = grid(State::Preferred, &mut errors);
                    Answers::Points {
                        now: Box::new(now),
                        preferred: Box::new(preferred),
                        lines: [row.line; 6],
                    }
                } else {
                    let now = std::array::from_fn(|c| value(Column::Type(c, State::Now), &mut errors));
                    let preferred =
                        std::array::from_fn(|c| value(Column::Type(c, State::Preferred), &mut errors));
                    Answers::Profile { now, preferred }
                };
                responses.push(Response { municipality, respondent, line: row.line, answers });
            }
        }
    }
    if errors.is_empty() {
        Ok(OcaiInput { format, responses })
    } else {
        errors.truncate(MAX_ERRORS);
        Err(OcaiErrors(errors))
    }
}

// ---------------------------------------------------------------------------------------------
// Scoring

/// Checks and fixes the four values of one dimension (or profile state). Returns the values to use,
/// or `None` when the respondent must be excluded; pushes issues; sets `rescaled`.
#[expect(clippy::too_many_arguments, reason = "one call site with the issue's context")]
fn check_four(
    values: [Option<f64>; 4],
    options: &OcaiOptions,
    response: &Response,
    line: u32,
    dimension: Option<u8>,
    state: State,
    issues: &mut Vec<Issue>,
    rescaled: &mut bool,
) -> Option<[f64; 4]> {
    let issue = |kind, sum, action| Issue {
        line,
        municipality: response.municipality.clone(),
        respondent: response.respondent.clone(),
        dimension,
        state: Some(state),
        kind,
        sum,
        action,
    };
    if values.iter().all(Option::is_none) {
        issues.push(issue(IssueKind::Missing, None, Action::Excluded));
        return None;
    }
    if values.iter().any(Option::is_none) {
        issues.push(issue(IssueKind::BlankAsZero, None, Action::Kept));
    }
    let v = values.map(|x| x.unwrap_or(0.0));
    let sum: f64 = v.iter().sum();
    if (sum - 100.0).abs() <= options.tolerance {
        return Some(v);
    }
    match options.policy {
        SumPolicy::Rescale if sum > 0.0 => {
            issues.push(issue(IssueKind::SumNot100, Some(sum), Action::Rescaled));
            *rescaled = true;
            Some(v.map(|x| x * 100.0 / sum))
        }
        _ => {
            issues.push(issue(IssueKind::SumNot100, Some(sum), Action::Excluded));
            None
        }
    }
}

/// Points used for scoring: by dimension, A-D.
type Grid = [[f64; 4]; 6];

/// One response after validation.
struct Scored {
    municipality: String,
    individual: Option<IndividualProfile>,
    /// Per dimension points (raw layouts), for the congruence means.
    dims: Option<(Grid, Grid)>,
    /// A pre-aggregated group row.
    group_row: Option<(Profile, Profile)>,
}

fn score_response(response: &Response, options: &OcaiOptions, issues: &mut Vec<Issue>) -> Option<Scored> {
    let mut rescaled = false;
    let mut ok = true;
    let (now, preferred, dims) = match &response.answers {
        Answers::Points { now, preferred, lines } => {
            let mut fixed = [[[0.0; 4]; 6]; 2];
            for (d, &line) in lines.iter().enumerate() {
                let dimension = u8::try_from(d + 1).ok();
                if line == 0 {
                    issues.push(Issue {
                        line: response.line,
                        municipality: response.municipality.clone(),
                        respondent: response.respondent.clone(),
                        dimension,
                        state: None,
                        kind: IssueKind::Missing,
                        sum: None,
                        action: Action::Excluded,
                    });
                    ok = false;
                    continue;
                }
                for (s, (state, grid)) in
                    [(State::Now, now), (State::Preferred, preferred)].into_iter().enumerate()
                {
                    let values = grid.get(d).copied().unwrap_or([None; 4]);
                    match check_four(values, options, response, line, dimension, state, issues, &mut rescaled)
                    {
                        Some(v) => {
                            if let Some(slot) = fixed.get_mut(s).and_then(|g| g.get_mut(d)) {
                                *slot = v;
                            }
                        }
                        None => ok = false,
                    }
                }
            }
            let mean = |grid: &Grid| {
                Profile::from_array(std::array::from_fn(|l| {
                    grid.iter().map(|dim| dim.get(l).copied().unwrap_or(0.0)).sum::<f64>() / 6.0
                }))
            };
            let [n, p] = fixed;
            (mean(&n), mean(&p), Some((n, p)))
        }
        Answers::Profile { now, preferred } => {
            let mut get = |values: [Option<f64>; 4], state| {
                check_four(values, options, response, response.line, None, state, issues, &mut rescaled)
            };
            let n = get(*now, State::Now);
            let p = get(*preferred, State::Preferred);
            match (n, p) {
                (Some(n), Some(p)) => (Profile::from_array(n), Profile::from_array(p), None),
                _ => {
                    ok = false;
                    (Profile::default(), Profile::default(), None)
                }
            }
        }
    };
    if !ok {
        return None;
    }
    let municipality = response.municipality.clone();
    match &response.respondent {
        None => {
            Some(Scored { municipality, individual: None, dims: None, group_row: Some((now, preferred)) })
        }
        Some(respondent) => Some(Scored {
            municipality,
            individual: Some(IndividualProfile {
                respondent: respondent.clone(),
                line: response.line,
                now,
                preferred,
                gap: preferred.minus(now),
                dominant_now: now.dominant(),
                dominant_preferred: preferred.dominant(),
                rescaled,
            }),
            dims,
            group_row: None,
        }),
    }
}

fn stats(culture: Culture, values: &[f64]) -> CultureStats {
    let n = values.len();
    let mean = if n == 0 { 0.0 } else { values.iter().sum::<f64>() / n as f64 };
    let sd = (n >= 2).then(|| {
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (ss / (n - 1) as f64).sqrt()
    });
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => match (sorted.get(n / 2 - 1), sorted.get(n / 2)) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        },
    };
    CultureStats { culture, mean, sd, min: sorted.first().copied(), max: sorted.last().copied(), median }
}

/// Validates and scores parsed responses.
pub fn score(input: &OcaiInput, options: &OcaiOptions) -> OcaiReport {
    let mut issues = Vec::new();
    let mut excluded_by_group: BTreeMap<String, usize> = BTreeMap::new();
    let mut scored_by_group: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    let mut excluded = 0;
    for response in &input.responses {
        match score_response(response, options, &mut issues) {
            Some(s) => scored_by_group.entry(s.municipality.clone()).or_default().push(s),
            None => {
                excluded += 1;
                *excluded_by_group.entry(response.municipality.clone()).or_default() += 1;
            }
        }
    }
    let mut groups = Vec::new();
    for (municipality, scored) in scored_by_group {
        let excluded_here = excluded_by_group.get(&municipality).copied().unwrap_or(0);
        let row = scored.iter().find_map(|s| s.group_row);
        if let Some((now, preferred)) = row {
            let given = |p: Profile| {
                Culture::ALL
                    .iter()
                    .map(|&c| CultureStats {
                        culture: c,
                        mean: p.get(c),
                        sd: None,
                        min: None,
                        max: None,
                        median: None,
                    })
                    .collect()
            };
            groups.push(GroupProfile {
                municipality,
                respondents: Vec::new(),
                respondent_count: None,
                excluded: excluded_here,
                now: given(now),
                preferred: given(preferred),
                now_mean: now,
                preferred_mean: preferred,
                gap: preferred.minus(now),
                dominant_now: now.dominant(),
                dominant_preferred: preferred.dominant(),
                dimensions: Vec::new(),
            });
            continue;
        }
        let individuals: Vec<IndividualProfile> =
            scored.iter().filter_map(|s| s.individual.clone()).collect();
        let column = |state: State| -> Vec<CultureStats> {
            Culture::ALL
                .iter()
                .map(|&c| {
                    let values: Vec<f64> = individuals
                        .iter()
                        .map(|p| if state == State::Now { p.now.get(c) } else { p.preferred.get(c) })
                        .collect();
                    stats(c, &values)
                })
                .collect()
        };
        let now = column(State::Now);
        let preferred = column(State::Preferred);
        let means = |s: &[CultureStats]| {
            Profile::from_array(std::array::from_fn(|i| s.get(i).map_or(0.0, |x| x.mean)))
        };
        let (now_mean, preferred_mean) = (means(&now), means(&preferred));
        let dims: Vec<&(Grid, Grid)> = scored.iter().filter_map(|s| s.dims.as_ref()).collect();
        let dimensions = if dims.is_empty() {
            Vec::new()
        } else {
            let k = dims.len() as f64;
            (0..6)
                .map(|d| {
                    let mean = |pick: &dyn Fn(&(Grid, Grid)) -> Grid| {
                        Profile::from_array(std::array::from_fn(|l| {
                            dims.iter()
                                .map(|x| pick(x).get(d).and_then(|r| r.get(l)).copied().unwrap_or(0.0))
                                .sum::<f64>()
                                / k
                        }))
                    };
                    let now = mean(&|x| x.0);
                    DimensionProfile {
                        dimension: u8::try_from(d + 1).unwrap_or(0),
                        now,
                        preferred: mean(&|x| x.1),
                        dominant_now: now.dominant(),
                    }
                })
                .collect()
        };
        groups.push(GroupProfile {
            municipality,
            respondent_count: Some(individuals.len()),
            respondents: individuals,
            excluded: excluded_here,
            now,
            preferred,
            now_mean,
            preferred_mean,
            gap: preferred_mean.minus(now_mean),
            dominant_now: now_mean.dominant(),
            dominant_preferred: preferred_mean.dominant(),
            dimensions,
        });
    }
    OcaiReport { format: input.format, options: *options, groups, issues, excluded }
}

/// [`parse`] then [`score`].
pub fn parse_and_score(text: &str, options: &OcaiOptions) -> Result<OcaiReport, OcaiErrors> {
    parse(text).map(|input| score(&input, options))
}
