//! Files in: the people + ties tables of `docs/formats.md` §1, with the text details of §3.
//!
//! - [`text`]: decoding (UTF-8, UTF-16, Windows-1252), delimiter sniffing, and the CSV tokenizer
//!   that keeps the line and column of every field.
//! - [`number`]: numbers with a decimal point or a decimal comma.
//! - [`table`]: header recognition and row parsing into [`PeopleTable`] and [`TiesTable`].
//! - [`build`]: the tables become a [`Network`] and an [`ImportReport`].
//! - `files`: which files a path means (pairs, Norwegian names) and the network's name.
//!
//! Everything is pure over bytes or text except [`load`], the only file-system access. Nothing here
//! panics on any input: errors carry a line and column, recoverable problems become warnings.

pub mod build;
pub mod colour;
pub mod convert;
pub mod culture;
pub mod diagnostics;
pub mod edge_list;
pub mod export;
mod files;
pub mod gexf;
pub mod gml;
pub mod graphml;
pub mod json_graph;
pub mod limits;
pub mod number;
pub mod open;
pub mod pajek;
mod progress;
pub mod raw;
pub mod reading;
pub mod samples;
pub mod survey;
pub mod table;
pub mod text;
pub mod ucinet_dl;
pub mod xlsx;
mod xlsx_cells;
mod xml;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::Network;

pub use build::build_network;
pub use culture::{OpenedCulture, open_culture};
pub use number::parse_number;
pub use progress::{Progress, Stage};
pub use table::{PeopleTable, PersonRow, Table, TieRow, TiesTable, parse_people, parse_table, parse_ties};
pub use text::{Delimiter, Field, Record, Tokenizer, decode};
pub use xml::escape_markup;

use files::{Naming, Role};

pub use limits::MAX_FILE_BYTES;

/// A problem at a position in one file. Lines and columns are 1-based; the column is the field
/// number within the record. Displays as `LINE:COLUMN: message`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    /// 1-based line.
    pub line: u32,
    /// 1-based field number.
    pub column: u32,
    /// What is wrong and what was expected.
    pub message: String,
}

impl ParseError {
    /// An error at a position.
    pub fn new(line: u32, column: u32, message: impl Into<String>) -> Self {
        Self { line, column, message: message.into() }
    }
}

/// A recoverable problem: the row or value was skipped, changed or added, and the import went on.
/// Displays as `FILE:LINE:COLUMN: message` (without `FILE:` when the file is unnamed).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ParseWarning {
    /// The file, as the path was given (empty for in-memory data).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based field number.
    pub column: u32,
    /// What happened.
    pub message: String,
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}:", self.file)?;
        }
        // Line 0: about the file as a whole, not one place in it.
        if self.line == 0 {
            return write!(f, "{}{}", if self.file.is_empty() { "" } else { " " }, self.message);
        }
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file (or its partner) could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file was read but is not a valid table. Displays as `FILE:LINE:COLUMN: message`.
    #[error("{}:{error}", path.display())]
    Parse {
        /// The file, as the path was given.
        path: PathBuf,
        /// Where and what.
        error: ParseError,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{} is too large to be {kind} ({} MB; the limit is {} MB)",
        path.display(),
        bytes.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size (or the bytes read when that passed the limit).
        bytes: u64,
        /// What it was read as: "a table", "a GraphML file" …
        kind: &'static str,
    },
    /// The path names a folder, a device, a pipe or a socket.
    #[error("{}: is {what}, not a file; {}", path.display(), not_a_file_advice(what))]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// "a folder" or "a device, pipe or socket".
        what: &'static str,
    },
    /// The file changed (another program wrote it) every time it was read.
    #[error(
        "{}: changed while it was being read (another program is writing it: {before} bytes when \
         reading began, {after} at the end); wait until that program has finished, then open it again",
        path.display()
    )]
    Changed {
        /// The file.
        path: PathBuf,
        /// Its size when the last attempt began.
        before: u64,
        /// Its size after that attempt.
        after: u64,
    },
    /// The file cannot be used as it is (for example a people table without its ties file).
    #[error("{}: {message}", path.display())]
    NotATable {
        /// The file.
        path: PathBuf,
        /// What is missing.
        message: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Parse { path, .. }
            | Self::TooLarge { path, .. }
            | Self::NotAFile { path, .. }
            | Self::Changed { path, .. }
            | Self::NotATable { path, .. } => path,
        }
    }
}

fn not_a_file_advice(what: &str) -> &'static str {
    if what == "a folder" { "open a file in it" } else { "save the network to a file and open that" }
}

/// What an import did besides reading rows: counts, dropped and added rows, and warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// People in the network.
    pub people: usize,
    /// Ties in the network.
    pub ties: usize,
    /// People who answered the survey.
    pub respondents: usize,
    /// People who were only named (`people - respondents`).
    pub named_only: usize,
    /// Self-nominations dropped.
    pub self_ties_dropped: usize,
    /// Lines of the first dropped self-nominations (at most [`build::LIST_CAP`]).
    pub self_tie_lines: Vec<u32>,
    /// Exact duplicate ties dropped.
    pub duplicate_ties_dropped: usize,
    /// Lines of the first dropped duplicates (at most [`build::LIST_CAP`]).
    pub duplicate_tie_lines: Vec<u32>,
    /// Rows with weight 0 skipped as "no tie" (matrices written as lists of every pair).
    pub zero_weight_skipped: usize,
    /// People added because the ties file names them but the people file does not.
    pub added_from_ties: usize,
    /// Keys of the first added people (at most [`build::LIST_CAP`]).
    pub added_from_ties_keys: Vec<String>,
    /// Everything worth a look, with positions, in file order: parse warnings of both files, then
    /// respondent corrections, added people, dropped self-nominations and dropped duplicates.
    pub warnings: Vec<ParseWarning>,
}

impl ImportReport {
    /// One line of English, e.g. "87 people, 246 ties; 2 self-nominations and 1 duplicate dropped;
    /// 5 people only named in the ties file".
    pub fn summary(&self) -> String {
        use build::count;
        let mut text =
            format!("{}, {}", count(self.people, "person", "people"), count(self.ties, "tie", "ties"));
        let mut dropped = Vec::new();
        if self.self_ties_dropped > 0 {
            dropped.push(count(self.self_ties_dropped, "self-nomination", "self-nominations"));
        }
        if self.duplicate_ties_dropped > 0 {
            dropped.push(count(self.duplicate_ties_dropped, "duplicate", "duplicates"));
        }
        if !dropped.is_empty() {
            text.push_str(&format!("; {} dropped", dropped.join(" and ")));
        }
        if self.added_from_ties > 0 {
            text.push_str(&format!(
                "; {} only named in the ties file",
                count(self.added_from_ties, "person", "people")
            ));
        }
        text
    }
}

/// A loaded network with its import report and the files it came from.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The network, named after the files.
    pub network: Network,
    /// Counts and warnings.
    pub report: ImportReport,
    /// The files read: the people file (if any), then the ties file.
    pub files: Vec<PathBuf>,
    /// The format read (`None` for in-memory data).
    pub format: Option<open::Format>,
    /// Names of every relation (graph) in the file, when it holds more than tables.
    pub relations: Vec<String>,
    /// The relation shown.
    pub relation: Option<String>,
    /// The attribute mapping applied (peer formats).
    pub mapping: Option<convert::AttributeMapping>,
    /// The file's node attributes, for the import dialog (peer formats).
    pub attributes: Vec<convert::AttributeSummary>,
    /// Possible duplicate names (survey exports), never merged silently.
    pub duplicates: Vec<survey::PossibleDuplicate>,
    /// Positions the file gave, by person key, in the file's units with y pointing down
    /// (Gephi's y already flipped); empty when it gave none. See [`crate::layout::fit_file_positions`].
    pub positions: std::collections::BTreeMap<String, [f32; 2]>,
    /// The same positions exactly as the file wrote them (f64, ±1e308 included), for writing
    /// them back unchanged; `positions` is what the layout can use.
    pub file_positions: std::collections::BTreeMap<String, [f64; 2]>,
}

/// Loads a network from either file of a people + ties pair, or from a ties file alone.
///
/// Pairs live in one folder as `people.csv` + `ties.csv` or `NAME.people.csv` + `NAME.ties.csv`
/// (also `personer`, `baand`/`bånd`/`relasjoner`; `.txt`/`.tsv`; `_`, `-` or space before the word).
/// When the name does not tell, the header does: source and target columns make a ties table, an
/// id column a people table (whose partner is then `NAME.ties.csv` for `NAME.csv`).
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with_progress(path, &Progress::new())
}

/// [`load`], updating `progress` as it reads and parses.
pub fn load_with_progress(path: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    let result = load_files(path, progress);
    progress.finish();
    result
}

fn load_files(path: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    add_totals(progress, &[path]);
    load_tables(Source::read(path, progress)?, progress)
}

/// Loads the people + ties pair of which `first` is one file (or the ties file alone): `first` is
/// already read, and counted in `progress`; its partner, when it has one, is read here. Each file
/// is read once.
pub(crate) fn load_tables(first: Source, progress: &Progress) -> Result<Loaded, LoadError> {
    let path_buf = first.path.clone();
    let path = path_buf.as_path();
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let naming = Naming::of(&file_name);
    let missing_ties = |naming: &Naming| LoadError::NotATable {
        path: path.to_owned(),
        message: format!("found no ties file next to it (expected {})", naming.expected_partner(Role::Ties)),
    };
    let (people, ties) = match naming.role {
        Some(Role::People) => {
            let ties_path =
                files::find_partner(path, &naming, Role::Ties).ok_or_else(|| missing_ties(&naming))?;
            add_totals(progress, &[&ties_path]);
            let people = first.parse(progress, table::people_from_text)?;
            let ties = Source::read(&ties_path, progress)?.parse(progress, table::ties_from_text)?;
            (Some((path.to_owned(), people)), (ties_path, ties))
        }
        Some(Role::Ties) => {
            let people_path = files::find_partner(path, &naming, Role::People)
                .or_else(|| files::find_attributes_file(path));
            add_totals(progress, &people_path.iter().map(PathBuf::as_path).collect::<Vec<_>>());
            // The people file first, as before: its errors are reported before the ties file's.
            let people = match people_path {
                Some(people_path) => {
                    let people =
                        Source::read(&people_path, progress)?.parse(progress, table::people_from_text)?;
                    Some((people_path, people))
                }
                None => None,
            };
            let ties = first.parse(progress, table::ties_from_text)?;
            (people, (path.to_owned(), ties))
        }
        None => match first.parse(progress, table::table_from_text)? {
            Table::People(people) => {
                let ties_path =
                    files::find_partner(path, &naming, Role::Ties).ok_or_else(|| missing_ties(&naming))?;
                add_totals(progress, &[&ties_path]);
                let ties = Source::read(&ties_path, progress)?.parse(progress, table::ties_from_text)?;
                (Some((path.to_owned(), people)), (ties_path, ties))
            }
            Table::Ties(ties) => {
                let people_path = files::find_partner(path, &naming, Role::People)
                    .or_else(|| files::find_attributes_file(path));
                let people = match people_path {
                    Some(people_path) => {
                        add_totals(progress, &[&people_path]);
                        let source = Source::read(&people_path, progress)?;
                        Some((people_path, source.parse(progress, table::people_from_text)?))
                    }
                    None => None,
                };
                (people, (path.to_owned(), ties))
            }
        },
    };

    progress.set_stage(Stage::Building);
    let mut files = Vec::with_capacity(2);
    let people = people.map(|(people_path, table)| {
        let table = table.with_file(&people_path.display().to_string());
        files.push(people_path);
        table
    });
    let (ties_path, ties) = ties;
    let ties = ties.with_file(&ties_path.display().to_string());
    files.push(ties_path);
    check_people(path, people.as_ref().map_or(0, |p| p.rows.len()))?;
    let (network, report) = build_network(&naming.network_name(path), people, ties);
    check_people(path, network.person_count())?;
    Ok(Loaded { network, report, files, format: Some(open::Format::Tables), ..Loaded::default() })
}

/// Refuses a network over the people ceiling (see [`limits`]).
pub(crate) fn check_people(path: &Path, count: usize) -> Result<(), LoadError> {
    limits::check_people(count).map_err(|message| LoadError::NotATable { path: path.to_owned(), message })
}

/// Counts each file twice (read, then parsed) in the progress total.
fn add_totals(progress: &Progress, paths: &[&Path]) {
    for path in paths {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        progress.add_total(bytes.saturating_mul(2));
    }
}

/// A file read into memory.
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
}

impl Source {
    /// Reads a regular file of at most [`MAX_FILE_BYTES`] (see [`reading`]).
    fn read(path: &Path, progress: &Progress) -> Result<Self, LoadError> {
        let bytes = reading::read_file(path, reading::ReadLimits::of("a table"), progress)?;
        Ok(Self { path: path.to_owned(), bytes })
    }

    /// Decodes and parses, updating `progress` as the text is consumed.
    fn parse<T: table::Warned>(
        self,
        progress: &Progress,
        parser: fn(&str, table::ProgressFn<'_>) -> Result<T, ParseError>,
    ) -> Result<T, LoadError> {
        progress.set_stage(Stage::Parsing);
        let parse_error = |error| LoadError::Parse { path: self.path.clone(), error };
        let text = decode(&self.bytes).map_err(parse_error)?;
        let note = text::encoding_note(&self.bytes);
        let raw_bytes = self.bytes.len() as u64;
        drop(self.bytes);
        let base = progress.done_bytes();
        let mut report = |done: usize, total: usize| {
            let fraction = if total == 0 { 1.0 } else { done as f64 / total as f64 };
            progress.set_done(base + (raw_bytes as f64 * fraction) as u64);
        };
        let mut parsed = parser(&text, &mut report).map_err(parse_error)?;
        if let Some(note) = note {
            parsed.warnings_mut().insert(0, note);
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgeBand, Sector, TenureBand};

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    fn keys(network: &Network) -> Vec<String> {
        network.people().map(|(_, p)| p.key.clone()).collect()
    }

    fn person<'n>(network: &'n Network, key: &str) -> &'n crate::model::Person {
        network.find(key).and_then(|id| network.person(id)).expect("person with this key")
    }

    const PEOPLE: &str =
        "id,name,sector,tenure,age\na,Anne,public,12,45\nb,Bo,private,2,29\nc,Cato,other,5,35\n";
    const TIES: &str = "source,target\na,b\nb,c\nc,a\na,x\n";

    #[test]
    fn loads_a_plain_pair_from_either_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("fjellvik");
        std::fs::create_dir(&folder).expect("folder");
        let people = write(&folder, "people.csv", PEOPLE.as_bytes());
        let ties = write(&folder, "ties.csv", TIES.as_bytes());
        for opened in [&people, &ties] {
            let loaded = load(opened).expect("pair loads");
            assert_eq!(loaded.network.name, "Fjellvik");
            assert_eq!(loaded.files, [people.clone(), ties.clone()]);
            assert_eq!(keys(&loaded.network), ["a", "b", "c", "x"]);
            assert_eq!(loaded.network.tie_count(), 4);
            assert_eq!(loaded.report.summary(), "4 people, 4 ties; 1 person only named in the ties file");
            let added = loaded.report.warnings.first().expect("added warning");
            assert_eq!(
                added.to_string(),
                format!("{}:5:2: added 1 person named only in the ties file: x", ties.display())
            );
        }
    }

    #[test]
    fn loads_a_named_pair_from_either_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "øyfjord.people.csv", PEOPLE.as_bytes());
        let ties = write(dir.path(), "øyfjord.ties.csv", TIES.as_bytes());
        // Another municipality in the same folder must not be picked up.
        write(dir.path(), "fjellvik.ties.csv", b"source,target\nq,r\n");
        write(dir.path(), "ties.csv", b"source,target\nq,r\n");
        for opened in [&people, &ties] {
            let loaded = load(opened).expect("pair loads");
            assert_eq!(loaded.network.name, "Øyfjord");
            assert_eq!(loaded.files, [people.clone(), ties.clone()]);
            assert_eq!(loaded.network.person_count(), 4);
            assert_eq!(person(&loaded.network, "a").name, "Anne");
        }
    }

    #[test]
    fn loads_norwegian_file_names_and_other_extensions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "Sørdal.personer.txt", PEOPLE.replace(',', "\t").as_bytes());
        let ties = write(dir.path(), "sørdal.relasjoner.txt", TIES.replace(',', "\t").as_bytes());
        let loaded = load(&ties).expect("pair loads");
        assert_eq!(loaded.network.name, "Sørdal");
        assert_eq!(loaded.files, [people, ties]);
        assert_eq!(person(&loaded.network, "c").sector, Sector::Other);

        let other = tempfile::tempdir().expect("temp dir");
        let people = write(other.path(), "personer.tsv", PEOPLE.replace(',', "\t").as_bytes());
        let ties = write(other.path(), "bånd.tsv", TIES.replace(',', "\t").as_bytes());
        let loaded = load(&people).expect("pair loads");
        assert_eq!(loaded.files, [people, ties]);
        assert_eq!(loaded.network.tie_count(), 4);
    }

    #[test]
    fn a_people_file_needs_its_ties_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "fjellvik.people.csv", PEOPLE.as_bytes());
        let error = load(&people).expect_err("no ties file");
        assert!(matches!(error, LoadError::NotATable { .. }), "{error:?}");
        assert_eq!(error.path(), people);
        assert_eq!(
            error.to_string(),
            format!("{}: found no ties file next to it (expected fjellvik.ties.csv)", people.display())
        );
    }

    #[test]
    fn a_ties_file_alone_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ties = write(dir.path(), "fjellvik.ties.csv", "fra;til\nc;a\na;b\nb;b\n".as_bytes());
        let loaded = load(&ties).expect("ties alone");
        assert_eq!(loaded.files, [ties]);
        assert_eq!(loaded.network.name, "Fjellvik");
        assert_eq!(keys(&loaded.network), ["c", "a", "b"]);
        assert_eq!(loaded.report.summary(), "3 people, 2 ties; 1 self-nomination dropped");
        assert_eq!(loaded.report.respondents, 3);
    }

    #[test]
    fn names_that_do_not_tell_are_sniffed_from_the_header() {
        let dir = tempfile::tempdir().expect("temp dir");
        let survey = write(dir.path(), "survey.csv", TIES.as_bytes());
        let loaded = load(&survey).expect("sniffed ties");
        assert_eq!(loaded.network.name, "Survey");
        assert_eq!(loaded.files, [survey]);
        assert_eq!(loaded.report.added_from_ties, 0);

        let people = write(dir.path(), "kommune.csv", PEOPLE.as_bytes());
        let error = load(&people).expect_err("no ties partner");
        assert!(
            error.to_string().ends_with("found no ties file next to it (expected kommune.ties.csv)"),
            "{error}"
        );
        let ties = write(dir.path(), "kommune.ties.csv", TIES.as_bytes());
        let loaded = load(&people).expect("sniffed people with partner");
        assert_eq!(loaded.files, [people, ties]);
        assert_eq!(loaded.network.name, "Kommune");

        let neither = write(dir.path(), "notes.csv", b"a,b\n1,2\n");
        let error = load(&neither).expect_err("neither kind");
        assert!(error.to_string().contains("notes.csv:1:1: this table has neither"), "{error}");
    }

    #[test]
    fn sector_error_names_file_line_and_column() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut text = "id,name,sector\n".to_owned();
        for i in 2..14 {
            text.push_str(&format!("p{i},Person {i},offentlig\n"));
        }
        text.push_str("p14,Kari,kommunen?\n");
        let people = write(dir.path(), "people.csv", text.as_bytes());
        write(dir.path(), "ties.csv", TIES.as_bytes());
        let error = load(&people).expect_err("bad sector");
        assert_eq!(error.path(), people);
        assert_eq!(
            error.to_string(),
            format!(
                "{}:14:3: sector \"kommunen?\" is not public, private or other (use public/offentlig/kommune, \
                 private/privat/næringsliv, other/annet/frivillig, or leave it blank)",
                people.display()
            )
        );
        assert!(
            error
                .to_string()
                .contains("people.csv:14:3: sector \"kommunen?\" is not public, private or other")
        );
        let LoadError::Parse { error: parse, .. } = error else {
            return;
        };
        assert_eq!((parse.line, parse.column), (14, 3));
    }

    #[test]
    fn errors_in_the_partner_file_name_the_partner() {
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "people.csv", PEOPLE.as_bytes());
        let ties = write(dir.path(), "ties.csv", b"source,target,weight\na,b,1\na,c,\"2\n");
        let error = load(&people).expect_err("unclosed quote in ties");
        assert_eq!(error.path(), ties);
        assert_eq!(
            error.to_string(),
            format!("{}:3:3: unclosed quote: a field that starts with \" must end with \"", ties.display())
        );
    }

    #[test]
    fn empty_and_binary_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let empty = write(dir.path(), "ties.csv", b"\xEF\xBB\xBF\r\n\r\n");
        assert_eq!(
            load(&empty).expect_err("empty").to_string(),
            format!("{}:1:1: the file is empty", empty.display())
        );
        let binary = write(
            dir.path(),
            "x.ties.csv",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
        );
        assert_eq!(
            load(&binary).expect_err("binary").to_string(),
            format!(
                "{}:1:6: this is not a text table (binary data); save it as CSV from Excel",
                binary.display()
            )
        );
    }

    #[test]
    fn missing_file_and_too_large_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("ties.csv");
        let error = load(&missing).expect_err("missing");
        assert!(matches!(error, LoadError::Io { .. }), "{error:?}");
        assert!(error.to_string().starts_with(&format!("cannot read {}: ", missing.display())), "{error}");
        assert_eq!(error.path(), missing);

        let huge = dir.path().join("huge.ties.csv");
        let file = std::fs::File::create(&huge).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
        let error = load(&huge).expect_err("too large");
        assert!(
            matches!(error, LoadError::TooLarge { bytes, .. } if bytes == MAX_FILE_BYTES + 1),
            "{error:?}"
        );
        assert!(
            error.to_string().ends_with("is too large to be a table (513 MB; the limit is 512 MB)"),
            "{error}"
        );
    }

    #[test]
    fn windows_1252_semicolon_pair_with_norwegian_letters() {
        let people = "navn_id;navn;sektor;botid;alder;svarte\r\n\
                      1;Åse Ødegård;kommune;9,5;41;ja\r\n\
                      2;Bjørn Æsøy;næringsliv;3,99;30;nei\r\n\
                      3;Kåre;frivillig;10;29;\r\n";
        let ties = "fra;til;vekt\r\n1;2;1,5\r\n2;1;\r\n3;Øystein;\r\n";
        let encode = |text: &str| {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable, "all characters exist in Windows-1252");
            assert!(std::str::from_utf8(&bytes).is_err(), "the test bytes must not be UTF-8");
            bytes.into_owned()
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let people_path = write(dir.path(), "værøy.personer.csv", &encode(people));
        let ties_path = write(dir.path(), "værøy.bånd.csv", &encode(ties));
        let loaded = load(&people_path).expect("windows-1252 pair");
        assert_eq!(loaded.files, [people_path, ties_path]);
        let network = &loaded.network;
        assert_eq!(network.name, "Værøy");
        let ase = person(network, "1");
        assert_eq!(ase.name, "Åse Ødegård");
        assert_eq!(ase.sector, Sector::Public);
        assert_eq!((ase.tenure.years, ase.tenure.band), (Some(9.5), TenureBand::From4To9));
        assert_eq!(ase.age.band, AgeBand::Over40);
        let bjorn = person(network, "2");
        assert_eq!(bjorn.name, "Bjørn Æsøy");
        assert_eq!(
            (bjorn.sector, bjorn.tenure.band, bjorn.age.band),
            (Sector::Private, TenureBand::Under4, AgeBand::From30To40)
        );
        // Marked "nei" but names 1: counted as a respondent, with a warning.
        assert!(bjorn.respondent);
        let kare = person(network, "3");
        assert_eq!((kare.name.as_str(), kare.sector), ("Kåre", Sector::Other));
        assert_eq!((kare.tenure.band, kare.age.band), (TenureBand::TenPlus, AgeBand::Under30));
        assert!(kare.respondent, "blank respondent + named someone = respondent");
        let oystein = person(network, "Øystein");
        assert!(!oystein.respondent);
        let weights: Vec<f64> = network.ties().map(|(_, _, _, tie)| tie.weight).collect();
        assert_eq!(weights, [1.5, 1.0, 1.0]);
        assert_eq!(loaded.report.summary(), "4 people, 3 ties; 1 person only named in the ties file");
        let messages: Vec<&str> = loaded.report.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        // Each file says which encoding it was read in, at its first æ, ø or å.
        let notes: Vec<(&str, u32, u32)> = loaded
            .report
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("the file is not UTF-8: it is read as Windows-1252"))
            .map(|w| (w.file.as_str(), w.line, w.column))
            .collect();
        let (people_file, ties_file) =
            (loaded.files[0].display().to_string(), loaded.files[1].display().to_string());
        assert_eq!(notes, [(people_file.as_str(), 2, 3), (ties_file.as_str(), 4, 3)]);
        assert!(messages.iter().any(|m| m.contains("\"2\" is marked as not a respondent")), "{messages:?}");
        assert!(messages.iter().any(|m| m.ends_with("named only in the ties file: Øystein")), "{messages:?}");
    }

    #[test]
    fn utf16_pair_from_excel_unicode_text() {
        let encode = |text: &str| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "people.txt", &encode("id\tnavn\r\nå\tÅsa\r\nø\tØrjan\r\n"));
        write(dir.path(), "ties.txt", &encode("fra\ttil\r\nå\tø\r\n"));
        let loaded = load(&people).expect("utf-16 pair");
        assert_eq!(person(&loaded.network, "å").name, "Åsa");
        assert_eq!(loaded.network.tie_count(), 1);
    }

    #[test]
    fn progress_reaches_the_total() {
        let dir = tempfile::tempdir().expect("temp dir");
        let people = write(dir.path(), "people.csv", PEOPLE.as_bytes());
        write(dir.path(), "ties.csv", TIES.as_bytes());
        let progress = std::sync::Arc::new(Progress::new());
        let worker = {
            let progress = std::sync::Arc::clone(&progress);
            std::thread::Builder::new()
                .name("load".into())
                .spawn(move || load_with_progress(&people, &progress).map(|l| l.network.person_count()))
                .expect("spawn")
        };
        assert_eq!(worker.join().expect("join").expect("loads"), 4);
        let total = (PEOPLE.len() + TIES.len()) as u64 * 2;
        assert_eq!((progress.done_bytes(), progress.total_bytes()), (total, total));
        assert_eq!(progress.stage(), Stage::Done);
    }

    #[test]
    fn warning_display() {
        let warning = ParseWarning { file: "ties.csv".into(), line: 3, column: 2, message: "m".into() };
        assert_eq!(warning.to_string(), "ties.csv:3:2: m");
        assert_eq!(ParseWarning { file: String::new(), ..warning }.to_string(), "3:2: m");
        assert_eq!(ParseError::new(14, 3, "x").to_string(), "14:3: x");
    }

    /// A people table of `people` rows and a ties table of `3 * people` rows.
    fn big_tables(people: usize) -> (String, String) {
        let sectors = ["public", "private", "other", ""];
        let mut people_text = String::from("id;name;sector;tenure;age;respondent;note\n");
        for i in 0..people {
            let sector = sectors.get(i % 4).copied().unwrap_or_default();
            people_text.push_str(&format!(
                "p{i};Person number {i};{sector};{},5;{};{};\"note, {i}\"\n",
                i % 30,
                20 + i % 50,
                if i % 3 == 0 { "ja" } else { "" }
            ));
        }
        let mut ties_text = String::from("source;target;kind;weight\n");
        for i in 0..people * 3 {
            ties_text.push_str(&format!(
                "p{};p{};;{}\n",
                i % people,
                (i * 7 + 1) % (people + 100),
                1 + i % 3
            ));
        }
        (people_text, ties_text)
    }

    #[test]
    fn medium_tables_parse_and_build() {
        let (people, ties) = big_tables(5_000);
        let people = parse_people(people.as_bytes()).expect("people");
        let ties = parse_ties(ties.as_bytes()).expect("ties");
        let (network, report) = build_network("Big", Some(people), ties);
        assert_eq!(report.people, network.person_count());
        assert!(network.person_count() > 5_000);
        assert_eq!(report.ties + report.self_ties_dropped + report.duplicate_ties_dropped, 15_000);
    }

    #[test]
    fn ten_megabyte_single_line_tables_give_errors_or_rows() {
        let long_header = "x".repeat(10 << 20);
        let error = parse_people(long_header.as_bytes()).expect_err("no id column");
        assert!(error.message.len() < 400, "the message stays short");
        let wide = "id,".repeat((10 << 20) / 3);
        assert!(parse_table(wide.as_bytes()).is_err());
        let long_value = format!("source,target\na,{}\n", "b".repeat(10 << 20));
        let ties = parse_ties(long_value.as_bytes()).expect("one long target");
        assert_eq!(ties.rows.len(), 1);
        let semicolons = format!("id;name\n{}", ";".repeat(10 << 20));
        assert!(parse_people(semicolons.as_bytes()).expect("blank row").rows.is_empty());
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    const CSV_CHARS: &[char] = &[',', ';', '\t', '"', '\n', '\r', ' ', 'a', 'ø', 'å', '1'];

    fn csv_like() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(CSV_CHARS), 0..300)
            .prop_map(|chars| chars.into_iter().collect())
    }

    fn with_header() -> impl Strategy<Value = String> {
        let headers = proptest::sample::select(vec![
            "",
            "id,name,sector,tenure,age,respondent,x\n",
            "id;navn;sektor;botid;alder;svarte\n",
            "source,target,kind,weight\n",
            "fra\ttil\tkontakt\tvekt\n",
            "sep=;\n",
        ]);
        (headers, csv_like()).prop_map(|(header, body)| format!("{header}{body}"))
    }

    /// Every public parser on the same input; none may panic.
    fn parse_everything(bytes: &[u8]) {
        let people = parse_people(bytes).ok();
        let ties = parse_ties(bytes);
        parse_table(bytes).ok();
        if let Ok(ties) = ties {
            build_network("x", people, ties);
        }
        if let Ok(text) = decode(bytes) {
            Delimiter::sniff(&text);
            Tokenizer::sniffed(&text).for_each(drop);
            for delimiter in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab] {
                Tokenizer::new(&text, delimiter).for_each(drop);
            }
            parse_number(&text);
            for field in text.split([',', ';', '\n']) {
                parse_number(field);
                table::parse_tenure(field).ok();
                table::parse_age(field).ok();
                table::parse_sector(field).ok();
                table::parse_respondent(field).ok();
                table::parse_kind(field).ok();
                table::parse_weight(field).ok();
            }
        }
        files::Naming::of(&String::from_utf8_lossy(bytes));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            parse_everything(&bytes);
        }

        #[test]
        fn csv_like_text_never_panics(text in with_header()) {
            parse_everything(text.as_bytes());
            // The same text in Windows-1252 and UTF-16.
            parse_everything(&encoding_rs::WINDOWS_1252.encode(&text).0);
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            parse_everything(&utf16);
        }

        #[test]
        fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
            parse_everything(text.as_bytes());
            parse_number(&text);
        }

        /// Fields written with quotes come back as written, minus trailing empty fields and rows.
        #[test]
        fn quoted_fields_round_trip(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec(proptest::sample::select(CSV_CHARS), 0..8)
                        .prop_map(|chars| chars.into_iter().collect::<String>()),
                    1..5,
                ),
                1..6,
            ),
            delimiter in proptest::sample::select(vec![Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab]),
        ) {
            let separator = char::from(delimiter.byte()).to_string();
            let text: String = rows
                .iter()
                .map(|row| {
                    row.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(&separator)
                        + "\r\n"
                })
                .collect();
            let parsed: Vec<Vec<String>> = Tokenizer::new(&text, delimiter)
                .map(|r| r.map(|fields| fields.into_iter().map(|f| f.text).collect()))
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let expected: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    let mut row: Vec<String> = row.iter().map(|f| f.replace("\r\n", "\n").replace('\r', "\n")).collect();
                    while row.last().is_some_and(String::is_empty) {
                        row.pop();
                    }
                    row
                })
                .filter(|row| !row.is_empty())
                .collect();
            prop_assert_eq!(parsed, expected);
        }
    }
}
