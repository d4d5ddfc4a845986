//! Excel workbooks (`.xlsx`): sheets as rows of text, and the people/ties/survey tables in them.
//!
//! - [`read_workbook`] reads every worksheet with calamine's streaming cell reader into rows of
//!   text, each cell as a user would type it: integers without `.0`, other numbers with a decimal
//!   point and at most 15 significant digits (`0.30000000000000004` reads `0.3`, as Excel shows
//!   it), dates as ISO text (`2024-03-01`, `2024-03-01T08:30:00`, times `08:30:00`), booleans as
//!   `true`/`false`, error cells (`#DIV/0!`, `#N/A`) as empty with a warning. Text is NFC. Row
//!   `r` of the sheet is `rows[r - 1]` and column `c` (A = 1) is `rows[r - 1][c - 1]`: leading
//!   blank rows and columns are kept so that positions are the sheet's; trailing empty cells of a
//!   row and trailing empty rows are dropped.
//! - [`sheet_to_csv`] writes a sheet as RFC 4180 CSV (comma, CRLF) that the CSV table parsers
//!   ([`crate::io::parse_people`], [`crate::io::parse_ties`]) read unchanged.
//! - [`load_workbook_tables`] finds the tables of `docs/formats.md` §1/§2 in a workbook (see there).
//!
//! Errors and warnings use line = sheet row and column = sheet column number, and their message
//! starts with the sheet, row and column letter: `sheet personer, row 14, column C: ...`.
//!
//! Old `.xls` files, encrypted workbooks (both OLE files) and OpenDocument `.ods` files are
//! recognised and rejected with a message that says to save as `.xlsx`. Limits: the archive may
//! unpack to at most [`MAX_UNPACKED_BYTES`], the workbook may hold at most [`MAX_CELLS`] rows and
//! cells (counting blanks left of the last value of each row), within Excel's 1,048,576 rows and
//! 16,384 columns per sheet. calamine is third-party code: a panic inside it is caught and reported as an error.

use std::io::Cursor;

use calamine::{DataRef, Reader as _, Xlsx};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::table::{PeopleTable, Table, TiesTable, parse_table};
use super::{ParseError, ParseWarning, parse_people, parse_ties};

/// Largest total unpacked size of the archive's members.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// Most cells a workbook may hold, counting every row and every cell up to the last value of its
/// row (blank ones too), over all sheets.
pub const MAX_CELLS: usize = 10_000_000;

/// Excel's row limit.
const MAX_ROWS: u32 = 1_048_576;

/// Excel's column limit.
const MAX_COLUMNS: u32 = 16_384;

/// Sheet names of a people table (`docs/formats.md` §1), compared lower-cased and trimmed.
const PEOPLE_SHEETS: &[&str] = &["people", "personer"];

/// Sheet names of a ties table.
const TIES_SHEETS: &[&str] = &["ties", "bånd", "baand", "relasjoner"];

/// One worksheet as rows of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name as in the workbook.
    pub name: String,
    /// Row 1 first; cells from column A; trailing empty cells and rows dropped.
    pub rows: Vec<Vec<String>>,
}

/// The worksheets of a workbook, in workbook order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workbook {
    /// The worksheets (chart and macro sheets are left out).
    pub sheets: Vec<Sheet>,
    /// Error cells read as empty, sheets left out, and similar, with sheet row and column.
    pub warnings: Vec<ParseWarning>,
}

/// The tables [`load_workbook_tables`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkbookTables {
    /// The people table, when there is one.
    pub people: Option<PeopleTable>,
    /// The ties table, when there is one.
    pub ties: Option<TiesTable>,
    /// Index into `workbook.sheets` of the survey sheet (`docs/formats.md` §2), when there is no ties
    /// table; read it with [`crate::io::survey::survey_from_sheet`].
    pub survey: Option<usize>,
    /// The workbook itself (its warnings are also in the tables' warnings).
    pub workbook: Workbook,
}

/// Column letters of a 1-based column number: 1 = A, 27 = AA.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// "sheet personer, row 14, column C: " (without the column part when `column` is 0).
pub fn cell_prefix(sheet: &str, row: u32, column: u32) -> String {
    if column == 0 {
        format!("sheet {sheet}, row {row}: ")
    } else {
        format!("sheet {sheet}, row {row}, column {}: ", column_letters(column))
    }
}

fn workbook_error(message: impl Into<String>) -> ParseError {
    ParseError::new(1, 1, message)
}

/// Reads every worksheet of an `.xlsx` workbook as text (see the module documentation).
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, ParseError> {
    check_container(bytes)?;
    // calamine is third-party code over untrusted bytes: a panic in it becomes an error.
    std::panic::catch_unwind(|| read_checked(bytes)).unwrap_or_else(|_| {
        Err(workbook_error("the workbook could not be read (the xlsx reader failed on this file); open it in Excel and save it again"))
    })
}

/// Recognises non-xlsx files and checks the archive's unpacked size before calamine reads it.
fn check_container(bytes: &[u8]) -> Result<(), ParseError> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Err(workbook_error(
            "this is an old Excel .xls workbook or a password-protected .xlsx; save it as .xlsx (Excel Workbook) \
             without a password",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(workbook_error("this is not an .xlsx workbook (an .xlsx file is a zip archive)"));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        workbook_error(format!("this is not a readable .xlsx workbook (the zip archive is damaged: {e})"))
    })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(member) = archive.by_index_raw(index) else {
            continue;
        };
        total = total.saturating_add(member.size());
        if member.name().is_ok_and(|name| name == "mimetype") {
            drop(member);
            if let Ok(mut member) = archive.by_index(index) {
                let mut mimetype = String::new();
                let _ =
                    std::io::Read::read_to_string(&mut std::io::Read::take(&mut member, 200), &mut mimetype);
                if mimetype.contains("opendocument") {
                    return Err(workbook_error(
                        "this is an OpenDocument spreadsheet (.ods); save it as .xlsx (Excel Workbook)",
                    ));
                }
            }
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(workbook_error(format!(
            "the workbook unpacks to {} MB; at most {} MB can be read",
            total >> 20,
            MAX_UNPACKED_BYTES >> 20
        )));
    }
    // Sizes in the archive can lie, and one cell can hold a gigabyte: streamed and counted first.
    super::xlsx_cells::check_cells(bytes)
}

fn read_checked(bytes: &[u8]) -> Result<Workbook, ParseError> {
    let mut xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        let message = e.to_string();
        workbook_error(if message.contains("password") {
            "the workbook is password protected; save it without a password".to_owned()
        } else {
            format!("this is not a readable .xlsx workbook: {message}")
        })
    })?;
    let mut workbook = Workbook::default();
    let mut cells = 0_usize;
    let sheets: Vec<(String, calamine::SheetType)> =
        xlsx.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    for (name, typ) in sheets {
        if typ != calamine::SheetType::WorkSheet {
            workbook.warnings.push(ParseWarning {
                file: String::new(),
                line: 1,
                column: 1,
                message: format!("sheet {name} is not a worksheet ({typ:?}); it is left out"),
            });
            continue;
        }
        let mut reader = match xlsx.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(calamine::XlsxError::NotAWorksheet(kind)) => {
                workbook.warnings.push(ParseWarning {
                    file: String::new(),
                    line: 1,
                    column: 1,
                    message: format!("sheet {name} is not a worksheet ({kind}); it is left out"),
                });
                continue;
            }
            Err(e) => return Err(workbook_error(format!("sheet {name} cannot be read: {e}"))),
        };
        let name = nfc(&name);
        let mut rows: Vec<Vec<String>> = Vec::new();
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(e) => return Err(workbook_error(format!("sheet {name} cannot be read: {e}"))),
            };
            let (row, column) = cell.get_position();
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(workbook_error(format!(
                    "sheet {name} has a cell outside Excel's {MAX_ROWS} rows and {MAX_COLUMNS} columns"
                )));
            }
            let (line, column_number) = (row + 1, column + 1);
            let Some(text) = cell_text(cell.get_value(), |message| {
                workbook.warnings.push(ParseWarning {
                    file: String::new(),
                    line,
                    column: column_number,
                    message: format!("{}{message}", cell_prefix(&name, line, column_number)),
                });
            }) else {
                continue;
            };
            let (row, column) = (row as usize, column as usize);
            if rows.len() <= row {
                cells += row + 1 - rows.len();
                if cells > MAX_CELLS {
                    return Err(too_many_cells(&name));
                }
                rows.resize_with(row + 1, Vec::new);
            }
            let Some(cells_of_row) = rows.get_mut(row) else {
                continue;
            };
            if cells_of_row.len() <= column {
                cells += column + 1 - cells_of_row.len();
                if cells > MAX_CELLS {
                    return Err(too_many_cells(&name));
                }
                cells_of_row.resize_with(column + 1, String::new);
            }
            if let Some(slot) = cells_of_row.get_mut(column) {
                *slot = text;
            }
        }
        while rows.last().is_some_and(Vec::is_empty) {
            rows.pop();
        }
        workbook.sheets.push(Sheet { name, rows });
    }
    Ok(workbook)
}

fn too_many_cells(sheet: &str) -> ParseError {
    workbook_error(format!(
        "the workbook has more than {MAX_CELLS} cells (counting blank ones left of values) by sheet {sheet}; \
         this is too large to read"
    ))
}

fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        IsNormalized::No | IsNormalized::Maybe => text.nfc().collect(),
    }
}

/// A cell as text; `None` for empty cells and error cells (which call `warn`).
fn cell_text(value: &DataRef<'_>, mut warn: impl FnMut(String)) -> Option<String> {
    let text = match value {
        DataRef::Empty => return None,
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => nfc(s),
        DataRef::SharedString(s) => nfc(s),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(datetime) => {
            if datetime.is_duration() {
                duration_text(datetime.as_f64())
            } else {
                date_text(datetime)
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(error) => {
            warn(format!("the cell holds the error {error}; it is read as empty"));
            return None;
        }
    };
    (!text.is_empty()).then_some(text)
}

/// A number as a user would type it: integers without `.0`, others with at most 15 significant
/// digits (Excel's precision) and no exponent.
pub fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        return format!("{}", rounded as i64);
    }
    format!("{rounded}")
}

/// An Excel date/time serial as ISO 8601 text: date, date and time, or a time of day.
fn date_text(datetime: &calamine::ExcelDateTime) -> String {
    let serial = datetime.as_f64();
    let (year, month, day, hour, minute, second, milli) = datetime.to_ymd_hms_milli();
    let time = if milli > 0 {
        format!("{hour:02}:{minute:02}:{second:02}.{milli:03}")
    } else {
        format!("{hour:02}:{minute:02}:{second:02}")
    };
    if (0.0..1.0).contains(&serial) {
        time
    } else if serial.fract() == 0.0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{time}")
    }
}

/// A duration in days as `H:MM:SS` (hours can exceed 24, as Excel's `[h]:mm:ss`).
fn duration_text(days: f64) -> String {
    if !days.is_finite() {
        return String::new();
    }
    let total = (days.abs() * 86_400.0).round().min(1e15) as u64;
    let sign = if days < 0.0 { "-" } else { "" };
    format!("{sign}{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60)
}

/// Writes a sheet as RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold
/// a comma, semicolon, tab, quote or line break, start or end with blanks, or start with `sep=`.
/// One line per row (more where a cell holds a line break); blank rows are empty lines.
pub fn sheet_to_csv(sheet: &Sheet) -> String {
    sheet_to_csv_with_rows(sheet).0
}

/// [`sheet_to_csv`] and, for every CSV line (index = line - 1), the sheet row it belongs to.
fn sheet_to_csv_with_rows(sheet: &Sheet) -> (String, Vec<u32>) {
    let mut csv = String::new();
    let mut line_rows = Vec::with_capacity(sheet.rows.len());
    for (index, row) in sheet.rows.iter().enumerate() {
        let row_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (column, cell) in row.iter().enumerate() {
            if column > 0 {
                csv.push(',');
            }
            let needs_quotes = cell.contains([',', ';', '\t', '"', '\n', '\r'])
                || cell.starts_with(char::is_whitespace)
                || cell.ends_with(char::is_whitespace)
                || cell.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sep="));
            if needs_quotes {
                csv.push('"');
                csv.push_str(&cell.replace('"', "\"\""));
                csv.push('"');
                let breaks =
                    cell.matches('\n').count() + cell.matches('\r').count() - cell.matches("\r\n").count();
                line_rows.extend(std::iter::repeat_n(row_number, breaks));
            } else {
                csv.push_str(cell);
            }
        }
        csv.push_str("\r\n");
        line_rows.push(row_number);
    }
    (csv, line_rows)
}

/// Maps CSV lines back to sheet rows and names the sheet in messages.
pub(crate) struct RowMap<'a> {
    sheet: &'a str,
    rows: Vec<u32>,
}

impl<'a> RowMap<'a> {
    /// The sheet as CSV text (see [`sheet_to_csv`]) and the map from its lines to sheet rows.
    pub(crate) fn csv_of(sheet: &'a Sheet) -> (String, Self) {
        let (csv, rows) = sheet_to_csv_with_rows(sheet);
        (csv, Self { sheet: &sheet.name, rows })
    }

    /// The sheet row of a CSV line.
    pub(crate) fn row(&self, line: u32) -> u32 {
        line.checked_sub(1).and_then(|i| self.rows.get(i as usize)).copied().unwrap_or(line)
    }

    /// The error at its sheet row, the sheet and cell named in the message.
    pub(crate) fn error(&self, error: &ParseError) -> ParseError {
        let row = self.row(error.line);
        ParseError::new(
            row,
            error.column,
            format!("{}{}", cell_prefix(self.sheet, row, error.column), error.message),
        )
    }

    fn warnings(&self, warnings: &mut [ParseWarning]) {
        for warning in warnings {
            warning.line = self.row(warning.line);
            warning.message =
                format!("{}{}", cell_prefix(self.sheet, warning.line, warning.column), warning.message);
        }
    }
}

fn people_from_sheet(sheet: &Sheet) -> Result<PeopleTable, ParseError> {
    let (csv, rows) = sheet_to_csv_with_rows(sheet);
    let map = RowMap { sheet: &sheet.name, rows };
    let mut table = parse_people(csv.as_bytes()).map_err(|e| map.error(&e))?;
    map.warnings(&mut table.warnings);
    for row in &mut table.rows {
        row.line = map.row(row.line);
    }
    Ok(table)
}

fn ties_from_sheet(sheet: &Sheet) -> Result<TiesTable, ParseError> {
    let (csv, rows) = sheet_to_csv_with_rows(sheet);
    let map = RowMap { sheet: &sheet.name, rows };
    let mut table = parse_ties(csv.as_bytes()).map_err(|e| map.error(&e))?;
    map.warnings(&mut table.warnings);
    for row in &mut table.rows {
        row.line = map.row(row.line);
    }
    Ok(table)
}

/// The sheet's name as compared with the accepted names: trimmed, lower case.
fn sheet_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Reads a workbook and finds its tables:
///
/// 1. A sheet named `ties`/`bånd`/`baand`/`relasjoner` (any case) is the ties table and a sheet
///    named `people`/`personer` the people table (`docs/formats.md` §1).
/// 2. Without a ties sheet by name, sheets are looked at in order by their header (first
///    non-blank row): named columns (`named_1`, `navn 2`, `kilde3`, ...) make a survey
///    (`docs/formats.md` §2; the first such sheet is returned as `survey` and nothing else is read);
///    source and target columns a ties table; an id column a people table (the first of each).
/// 3. A workbook with none of these, or with people but neither ties nor a survey, is an error at
///    1:1 that lists the sheets and what was looked for.
///
/// The tables' rows and warnings carry sheet rows as lines. The workbook's own warnings (error
/// cells, left-out sheets) are put first in the people table's warnings, else the ties table's; for
/// a survey they stay in `workbook.warnings` only.
pub fn load_workbook_tables(bytes: &[u8]) -> Result<WorkbookTables, ParseError> {
    let workbook = read_workbook(bytes)?;
    let find =
        |names: &[&str]| workbook.sheets.iter().position(|s| names.contains(&sheet_key(&s.name).as_str()));
    let people_sheet = find(PEOPLE_SHEETS);
    let ties_sheet = find(TIES_SHEETS);
    let mut tables = WorkbookTables::default();
    if let Some(ties_index) = ties_sheet {
        if let Some(sheet) = workbook.sheets.get(ties_index) {
            tables.ties = Some(ties_from_sheet(sheet)?);
        }
        if let Some(sheet) = people_sheet.and_then(|i| workbook.sheets.get(i)) {
            tables.people = Some(people_from_sheet(sheet)?);
        }
    } else {
        let mut people_index = people_sheet;
        let mut ties_index = None;
        for (index, sheet) in workbook.sheets.iter().enumerate() {
            if Some(index) == people_sheet {
                continue;
            }
            let Some(header) = sheet.rows.iter().find(|row| row.iter().any(|c| !c.trim().is_empty())) else {
                continue;
            };
            if super::survey::is_survey_header(header) {
                tables.survey = Some(index);
                break;
            }
            let csv = sheet_to_csv(&Sheet { name: String::new(), rows: vec![header.clone()] });
            match parse_table(csv.as_bytes()) {
                Ok(Table::Ties(_)) if ties_index.is_none() => ties_index = Some(index),
                Ok(Table::People(_)) if people_index.is_none() => people_index = Some(index),
                _ => {}
            }
        }
        if tables.survey.is_none() {
            let Some(ties_index) = ties_index else {
                let names: Vec<String> = workbook.sheets.iter().map(|s| format!("{:?}", s.name)).collect();
                let found =
                    if people_index.is_some() { "a people table but no ties table" } else { "no table" };
                return Err(workbook_error(format!(
                    "found {found} in this workbook (sheets: {}); expected a sheet named ties/bånd/baand/relasjoner \
                     or with source and target columns (and optionally a people/personer sheet), or a survey sheet \
                     with named_1, named_2, ... columns",
                    if names.is_empty() { "none".to_owned() } else { names.join(", ") }
                )));
            };
            if let Some(sheet) = workbook.sheets.get(ties_index) {
                tables.ties = Some(ties_from_sheet(sheet)?);
            }
            if let Some(sheet) = people_index.and_then(|i| workbook.sheets.get(i)) {
                tables.people = Some(people_from_sheet(sheet)?);
            }
        }
    }
    let target = match (&mut tables.people, &mut tables.ties) {
        (Some(people), _) => Some(&mut people.warnings),
        (None, Some(ties)) => Some(&mut ties.warnings),
        (None, None) => None,
    };
    if let Some(warnings) = target {
        let tail = std::mem::replace(warnings, workbook.warnings.clone());
        warnings.extend(tail);
    }
    tables.workbook = workbook;
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(number_text(41.0), "41");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(9.5), "9.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(3.99), "3.99");
        assert_eq!(number_text(1e-7), "0.0000001");
        assert_eq!(number_text(123_456_789_012.5), "123456789012.5");
        assert_eq!(number_text(2.000_000_000_000_000_4), "2");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(f64::NAN), "");
    }

    #[test]
    fn column_letters_and_prefixes() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16_384), "XFD");
        assert_eq!(column_letters(0), "");
        assert_eq!(cell_prefix("personer", 14, 3), "sheet personer, row 14, column C: ");
        assert_eq!(cell_prefix("bånd", 2, 0), "sheet bånd, row 2: ");
    }

    #[test]
    fn durations() {
        assert_eq!(duration_text(1.5), "36:00:00");
        assert_eq!(duration_text(1.0 / 24.0 / 60.0), "0:01:00");
        assert_eq!(duration_text(-0.5), "-12:00:00");
    }

    #[test]
    fn csv_quotes_what_the_tokenizer_would_change() {
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![
                vec!["id".into(), "navn".into(), "notat".into()],
                vec!["1".into(), "Nordmann, Kari".into(), "sier \"hei\"".into()],
                vec![],
                vec!["2".into(), " Ola ".into(), "a;b\tc".into()],
                vec!["sep=;".into()],
                vec!["3".into(), String::new(), "linje1\nlinje2".into()],
            ],
        };
        let csv = sheet_to_csv(&sheet);
        assert_eq!(
            csv,
            "id,navn,notat\r\n1,\"Nordmann, Kari\",\"sier \"\"hei\"\"\"\r\n\r\n2,\" Ola \",\"a;b\tc\"\r\n\"sep=;\"\r\n\
             3,,\"linje1\nlinje2\"\r\n"
        );
        let records: Vec<Vec<String>> = crate::io::Tokenizer::sniffed(&csv)
            .map(|r| r.expect("valid").into_iter().map(|f| f.text).collect())
            .collect();
        let expected: Vec<Vec<String>> = sheet.rows.iter().filter(|r| !r.is_empty()).cloned().collect();
        assert_eq!(records, expected);
        let (_, rows) = sheet_to_csv_with_rows(&sheet);
        assert_eq!(rows, [1, 2, 3, 4, 5, 6, 6]);
    }

    /// Moved from the command line's culture reader, which had its own copy of the row map.
    #[test]
    fn csv_lines_follow_line_breaks_in_cells() {
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![vec!["a".into(), "b\nc".into()], vec![], vec!["x\r\ny\rz".into()]],
        };
        assert_eq!(sheet_to_csv_with_rows(&sheet).1, vec![1, 1, 2, 3, 3, 3]);
    }

    #[test]
    fn non_xlsx_files_are_named() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let error = read_workbook(&ole).expect_err("xls");
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains(".xls"), "{error}");
        let error = read_workbook(b"id,name\n1,a\n").expect_err("csv");
        assert!(error.message.contains("not an .xlsx workbook"), "{error}");
        let error = read_workbook(b"PK\x03\x04garbage").expect_err("broken zip");
        assert!(error.message.contains("damaged"), "{error}");
        assert!(read_workbook(b"").is_err());
    }

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut out);
            let options =
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            for (name, bytes) in files {
                writer.start_file(*name, options).expect("zip entry");
                writer.write_all(bytes).expect("zip write");
            }
            writer.finish().expect("zip finish");
        }
        out.into_inner()
    }

    #[test]
    fn ods_and_other_zips_are_rejected() {
        let ods = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", b"<x/>"),
        ]);
        let error = read_workbook(&ods).expect_err("ods");
        assert!(error.message.contains("OpenDocument"), "{error}");
        let other = zip_of(&[("hello.txt", b"hi")]);
        let error = read_workbook(&other).expect_err("not a workbook");
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains("not a readable .xlsx workbook"), "{error}");
    }

    /// A minimal workbook written by hand, with a dimension that ends before it starts and a cell
    /// far away: no panic, no huge allocation.
    fn hand_made(sheet_xml: &str) -> Vec<u8> {
        hand_made_with(sheet_xml, &[])
    }

    fn hand_made_with(sheet_xml: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
        let content_types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
        let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ark ø" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let workbook_rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let mut members: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", workbook_rels),
            ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
        ];
        members.extend_from_slice(extra);
        zip_of(&members)
    }

    /// A cell longer than Excel allows is refused by sheet and cell before calamine reads it
    /// (a 1 MB workbook with a 0.95 GB cell took 5 GB), inline or shared, split in runs or not.
    #[test]
    fn cells_over_excels_limit_are_refused_by_sheet_and_cell() {
        let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
        let long = "å".repeat(32_768);
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="7"><c r="B7" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData></worksheet>"#
        );
        let error = read_workbook(&hand_made(&sheet)).expect_err("inline cell too long");
        assert_eq!((error.line, error.column), (7, 2));
        assert_eq!(
            error.message,
            "sheet Ark ø, row 7, column B: the cell holds more than 32767 characters, more than an Excel \
             cell can hold; shorten it"
        );
        // Exactly at the limit, with entities counted as one character: read.
        let at_limit = format!("{}&amp;", "x".repeat(32_766));
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{at_limit}</t></is></c></row></sheetData></worksheet>"#
        );
        let workbook = read_workbook(&hand_made(&sheet)).expect("32,767 characters fit");
        let cell = workbook.sheets.first().and_then(|s| s.rows.first()).and_then(|r| r.first());
        assert_eq!(cell.map(|c| c.chars().count()), Some(32_767));
        // A shared string in two runs of 20,000: found through the cell that shows it.
        let run = "y".repeat(20_000);
        let shared =
            format!(r#"<sst {ns}><si><t>id</t></si><si><r><t>{run}</t></r><r><t>{run}</t></r></si></sst>"#);
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="C3" t="s"><v>1</v></c></row></sheetData></worksheet>"#
        );
        let book = hand_made_with(&sheet, &[("xl/sharedStrings.xml", shared.as_bytes())]);
        let error = read_workbook(&book).expect_err("shared string too long");
        assert_eq!((error.line, error.column), (3, 3), "{error}");
        assert!(
            error.message.starts_with("sheet Ark ø, row 3, column C: the cell holds more than"),
            "{error}"
        );
    }

    #[test]
    fn hand_made_workbooks() {
        let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>navn</t></is></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="inlineStr"><is><t>Åse</t></is></c></row></sheetData></worksheet>"#
        );
        let workbook = read_workbook(&hand_made(&sheet)).expect("minimal workbook");
        let [only] = workbook.sheets.as_slice() else { panic!("one sheet") };
        assert_eq!(only.name, "Ark ø");
        assert_eq!(
            only.rows,
            [vec!["id".to_owned(), "navn".to_owned()], vec!["7".to_owned(), "Åse".to_owned()]]
        );
        // A reversed dimension: calamine overflows (a panic in debug builds, caught and reported as
        // an error at 1:1; it wraps in release builds and reads on).
        let sheet = format!(
            r#"<worksheet {ns}><dimension ref="B2:A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#
        );
        match read_workbook(&hand_made(&sheet)) {
            Ok(workbook) => assert_eq!(workbook.sheets.first().map(|s| s.rows.len()), Some(1)),
            Err(error) => assert_eq!((error.line, error.column), (1, 1)),
        }
        // A far-away cell.
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#
        );
        let workbook = read_workbook(&hand_made(&sheet)).expect("far cell");
        let rows = workbook.sheets.first().map(|s| s.rows.len());
        assert_eq!(rows, Some(1_048_576));
        // Out of Excel's range.
        let sheet = format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>"#
        );
        let error = read_workbook(&hand_made(&sheet)).expect_err("column past XFD");
        assert!(error.message.contains("outside Excel's"), "{error}");
        // Too many cells.
        let mut cells = String::new();
        for row in 1..=1300_u32 {
            cells.push_str(&format!(r#"<row r="{row}"><c r="XFD{row}"><v>1</v></c></row>"#));
        }
        let sheet = format!(r#"<worksheet {ns}><sheetData>{cells}</sheetData></worksheet>"#);
        let error = read_workbook(&hand_made(&sheet)).expect_err("too many cells");
        assert!(error.message.contains("more than 10000000 cells"), "{error}");
        // Malformed sheet XML.
        let error = read_workbook(&hand_made("<worksheet><sheetData><row>")).expect_err("broken xml");
        assert_eq!((error.line, error.column), (1, 1));
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            read_workbook(&bytes).ok();
            load_workbook_tables(&bytes).ok();
            let mut zip = b"PK\x03\x04".to_vec();
            zip.extend_from_slice(&bytes);
            read_workbook(&zip).ok();
        }

        #[test]
        fn sheets_round_trip_through_csv(rows in proptest::collection::vec(proptest::collection::vec("[a-zæø ,;\"\t\n1.]{0,6}", 0..4), 0..5)) {
            let sheet = Sheet { name: "s".into(), rows: rows.clone() };
            let csv = sheet_to_csv(&sheet);
            let parsed: Vec<Vec<String>> = crate::io::Tokenizer::new(&csv, crate::io::Delimiter::Comma)
                .map(|r| r.map(|fields| fields.into_iter().map(|f| f.text).collect()))
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let expected: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    let mut row: Vec<String> = row.iter().map(|c| if c.contains(['"', ',', ';', '\t', '\n']) || c.starts_with(' ') || c.ends_with(' ') { c.clone() } else { c.trim().to_owned() }).collect();
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
