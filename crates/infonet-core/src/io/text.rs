//! Text details every table reader shares (`docs/formats.md` §3): decoding, delimiter sniffing, and a small
//! RFC 4180 tokenizer that keeps the line and column of every field.
//!
//! The tokenizer is hand-written rather than taken from the `csv` crate because every error has to
//! name the line and field where it happened, including the line where an unclosed quote opened.

use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::ParseError;

/// The message for files that are not text at all (an `.xlsx` workbook, an image, ...).
const BINARY_MESSAGE: &str = "this is not a text table (binary data); save it as CSV from Excel";

/// The message for a quoted field that never ends.
const UNCLOSED_QUOTE_MESSAGE: &str = "unclosed quote: a field that starts with \" must end with \"";

pub use super::limits::MAX_COLUMNS;

/// Decodes a file's bytes to NFC-normalised text.
///
/// Accepts UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Excel "Unicode text"; also without BOM
/// when the zero bytes make it obvious), and Windows-1252 (Norwegian Excel's "CSV") when the bytes
/// say so (see [`encoding_note`]). A file that is UTF-8 but for a few bytes stays UTF-8, with
/// U+FFFD in their place. Binary data (NUL bytes outside UTF-16, or many control characters) is
/// an error at its first NUL or control character.
pub fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    decode_as(bytes, TABLE)
}

/// What a table is called in [`decode_as`]: its binary-data message keeps the advice for tables.
pub const TABLE: &str = "a text table";

/// [`decode`] for a file meant to be `kind` ("a GML file", "a Pajek file" …): the error for
/// binary data names that format.
pub fn decode_as(bytes: &[u8], kind: &str) -> Result<String, ParseError> {
    let binary = |text: &[u8], at: usize| {
        let (line, column) = position_of(text, at);
        let message = if kind == TABLE {
            BINARY_MESSAGE.to_owned()
        } else {
            format!(
                "this is not {kind}: it holds binary data (a NUL or control byte here); open the file itself, not a copy in another format"
            )
        };
        ParseError::new(line, column, message)
    };
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        if let Some(at) = memchr::memchr(0, rest) {
            return Err(binary(rest, at));
        }
        // The BOM says UTF-8: bad bytes stay bad bytes.
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    } else {
        if let Some(at) = memchr::memchr(0, bytes) {
            return Err(binary(bytes, at));
        }
        match classify(bytes) {
            Eight::Utf8 | Eight::Utf8Lossy { .. } => String::from_utf8_lossy(bytes).into_owned(),
            Eight::Windows1252 { .. } => {
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
            }
        }
    };
    // A byte-order mark says text: then only a NUL makes it binary, not a share of control
    // characters (names may hold them; Infonet's own CSV starts with a BOM).
    let marked = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    if let Some(at) = binary_at(&text, !marked) {
        return Err(binary(text.as_bytes(), at));
    }
    // A second BOM (a file saved twice with BOM) would otherwise stick to the first header.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.trim_start_matches('\u{feff}').to_owned(),
        None => text,
    };
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        IsNormalized::No | IsNormalized::Maybe => text.nfc().collect(),
    })
}

/// How [`decode`] reads bytes that are not all valid UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Eight {
    /// Valid UTF-8.
    Utf8,
    /// UTF-8 but for `bad` invalid sequences, the first at byte `first`.
    Utf8Lossy { first: usize, bad: usize },
    /// No valid multi-byte UTF-8 among more invalid bytes: Windows-1252, first non-ASCII at `first`.
    Windows1252 { first: usize },
}

/// UTF-8 when the bytes are, or when their valid multi-byte characters outnumber the invalid
/// sequences (a UTF-8 file with a stray byte) or `utf8` is known (a BOM); Windows-1252 otherwise
/// (Excel's "CSV" on a Norwegian Windows, where every æ, ø and å is one byte that is never valid
/// UTF-8).
fn classify_as(bytes: &[u8], utf8: bool) -> Eight {
    if std::str::from_utf8(bytes).is_ok() {
        return Eight::Utf8;
    }
    let (mut valid, mut bad, mut at) = (0_usize, 0_usize, 0_usize);
    let mut first_bad = None;
    let mut first_high = None;
    for chunk in bytes.utf8_chunks() {
        let text = chunk.valid();
        if first_high.is_none()
            && let Some(i) = text.bytes().position(|b| b >= 0x80)
        {
            first_high = Some(at + i);
        }
        valid += text.chars().filter(|c| !c.is_ascii()).count();
        at += text.len();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first_bad.get_or_insert(at);
            first_high.get_or_insert(at);
            at += chunk.invalid().len();
        }
    }
    if utf8 || valid > bad {
        Eight::Utf8Lossy { first: first_bad.unwrap_or(0), bad }
    } else {
        Eight::Windows1252 { first: first_high.unwrap_or(0) }
    }
}

fn classify(bytes: &[u8]) -> Eight {
    classify_as(bytes, false)
}

/// The warning [`decode`] owes a file that is not plain UTF-8 (or UTF-16 with a BOM): which
/// encoding was chosen and where the first byte that made the choice is. `None` for UTF-8 and
/// UTF-16 files.
pub fn encoding_note(bytes: &[u8]) -> Option<super::ParseWarning> {
    let (rest, with_bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if !with_bom
        && (bytes.starts_with(&[0xFF, 0xFE])
            || bytes.starts_with(&[0xFE, 0xFF])
            || utf16_without_bom(bytes).is_some())
    {
        return None;
    }
    let (at, message) = match classify_as(rest, with_bom) {
        Eight::Utf8 => return None,
        Eight::Utf8Lossy { first, bad } => {
            let byte = rest.get(first).copied().unwrap_or(0);
            let more = if bad > 1 { format!(" ({bad} places in all)") } else { String::new() };
            (
                first,
                format!(
                    "byte 0x{byte:02X} is not UTF-8; the file is read as UTF-8 with \u{FFFD} in its place{more}; \
                     save the file as UTF-8 to keep that letter"
                ),
            )
        }
        Eight::Windows1252 { first } => (
            first,
            "the file is not UTF-8: it is read as Windows-1252 (Western European, as Excel saves CSV on \
             Windows); check that æ, ø and å look right, or save the file as UTF-8"
                .to_owned(),
        ),
    };
    let (line, column) = position_of(rest, at);
    Some(super::ParseWarning { file: String::new(), line, column, message })
}

/// 1-based line and column (in characters) of byte `at`.
pub(crate) fn position_of(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column =
        before.get(line_start..).unwrap_or_default().iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

/// UTF-16 without a BOM: in the first 4 KB, one byte of (nearly) every pair is zero and the other
/// never is. Plain text in that shape is ASCII or Latin-1 written as UTF-16.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let mut pairs = 0_usize;
    let mut zero_first = 0_usize;
    let mut zero_second = 0_usize;
    for pair in sample.chunks_exact(2) {
        if let [first, second] = pair {
            pairs += 1;
            zero_first += usize::from(*first == 0);
            zero_second += usize::from(*second == 0);
        }
    }
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        None
    } else if zero_first == 0 && zero_second * 10 >= pairs * 9 {
        Some(encoding_rs::UTF_16LE)
    } else if zero_second == 0 && zero_first * 10 >= pairs * 9 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Where a text is binary: its first NUL, or its first control character when more than a
/// tenth are control characters (line ends and tabs aside). A byte offset.
fn binary_at(text: &str, count_controls: bool) -> Option<usize> {
    let mut total = 0_usize;
    let mut control = 0_usize;
    let mut first_control = None;
    for (i, c) in text.char_indices() {
        if c == '\0' {
            return Some(i);
        }
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            control += 1;
            first_control.get_or_insert(i);
        }
    }
    if count_controls && control * 10 > total { first_control } else { None }
}

/// The field separator of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (Norwegian Excel)
    Semicolon,
    /// Tab (Excel "Unicode text", `.tsv`)
    Tab,
}

impl Delimiter {
    /// The delimiter byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
        }
    }

    /// The delimiter from an Excel `sep=;` hint character.
    fn from_hint(c: char) -> Option<Self> {
        match c {
            ',' => Some(Self::Comma),
            ';' => Some(Self::Semicolon),
            '\t' => Some(Self::Tab),
            _ => None,
        }
    }

    /// Sniffs the delimiter from the header (the first non-blank line): the one of tab, semicolon
    /// and comma that occurs most often outside quotes. Ties are broken tab > semicolon > comma, so a
    /// header with none of them (a single column) reads as tab-separated and keeps commas in values.
    pub fn sniff(text: &str) -> Self {
        let bytes = text.as_bytes();
        let header_start = first_non_blank_line(bytes);
        let (mut tab, mut semicolon, mut comma) = (0_usize, 0_usize, 0_usize);
        let mut in_quotes = false;
        for &b in bytes.get(header_start..).unwrap_or_default() {
            match b {
                b'"' => in_quotes = !in_quotes,
                b'\r' | b'\n' if !in_quotes => break,
                b'\t' if !in_quotes => tab += 1,
                b';' if !in_quotes => semicolon += 1,
                b',' if !in_quotes => comma += 1,
                _ => {}
            }
        }
        if tab >= semicolon && tab >= comma {
            Self::Tab
        } else if semicolon >= comma {
            Self::Semicolon
        } else {
            Self::Comma
        }
    }
}

/// Byte offset of the first line that has anything but whitespace (or the end).
fn first_non_blank_line(bytes: &[u8]) -> usize {
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' | b'\n' => line_start = i + 1,
            b' ' | b'\t' => {}
            _ => return line_start,
        }
    }
    bytes.len()
}

/// An Excel `sep=;` first line: the delimiter and the byte offset of the next line.
fn sep_hint(text: &str) -> Option<(Delimiter, usize)> {
    let bytes = text.as_bytes();
    let end = bytes.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(bytes.len());
    let line = text.get(..end)?;
    let line = line.trim_matches(' ');
    let rest = line.get(..4).filter(|p| p.eq_ignore_ascii_case("sep=")).and_then(|_| line.get(4..))?;
    let mut chars = rest.chars();
    let delimiter = Delimiter::from_hint(chars.next()?)?;
    if chars.next().is_some() {
        return None;
    }
    let next = match (bytes.get(end), bytes.get(end + 1)) {
        (Some(b'\r'), Some(b'\n')) => end + 2,
        (Some(_), _) => end + 1,
        (None, _) => end,
    };
    Some((delimiter, next))
}

/// Takes off the apostrophe that CSV writers (Infonet's own, as OWASP recommends) put before a
/// cell starting with `=`, `+`, `-`, `@`, tab or carriage return so that spreadsheets do not run it.
fn unescape_formula(field: &mut String) {
    let formula = |c: char| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r');
    let Some(rest) = field.strip_prefix('\'') else { return };
    // `''=x` is a value `'=x` that was escaped in turn.
    let after = rest.strip_prefix('\'').unwrap_or(rest);
    if after.starts_with(formula) {
        field.remove(0);
    }
}

/// One field of a record, with its position.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Field {
    /// The text: unquoted fields trimmed, quoted ones unescaped and kept as written (line breaks
    /// inside become `\n`).
    pub text: String,
    /// 1-based line of the field's first character (the opening quote for quoted fields).
    pub line: u32,
    /// 1-based field number within the record.
    pub column: u32,
}

/// A record whose field buffers are reused from one record to the next, so that reading a large
/// table allocates only when a field grows past anything seen before.
#[derive(Clone, Debug, Default)]
pub struct Record {
    fields: Vec<Field>,
    len: usize,
    overflow: String,
}

impl Record {
    /// The fields of the current record, without trailing empty ones.
    pub fn fields(&self) -> &[Field] {
        self.fields.get(..self.len).unwrap_or_default()
    }

    /// Line of the first field (0 before the first record).
    pub fn line(&self) -> u32 {
        self.fields().first().map_or(0, |f| f.line)
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// A cleared buffer for the next field. Fields past [`MAX_COLUMNS`] go to a scratch buffer
    /// that the caller checks.
    fn next_field(&mut self, line: u32, column: u32) -> &mut String {
        if column as usize > MAX_COLUMNS {
            self.overflow.clear();
            return &mut self.overflow;
        }
        if self.len >= self.fields.len() {
            self.fields.push(Field::default());
        }
        let index = self.len;
        self.len += 1;
        match self.fields.get_mut(index) {
            Some(field) => {
                field.text.clear();
                field.line = line;
                field.column = column;
                &mut field.text
            }
            None => &mut self.overflow,
        }
    }

    fn drop_trailing_empty(&mut self) {
        while self.len > 0 && self.fields.get(self.len - 1).is_some_and(|f| f.text.is_empty()) {
            self.len -= 1;
        }
    }

    fn into_fields(mut self) -> Vec<Field> {
        self.fields.truncate(self.len);
        self.fields
    }
}

/// An RFC 4180 reader over decoded text.
///
/// Handles quoted fields with embedded delimiters, doubled quotes and line breaks; CRLF, LF and
/// CR-only line ends; trims whitespace around unquoted fields; drops trailing empty fields and skips
/// records with no non-empty field (blank lines). Linear in the length of the text.
///
/// As an [`Iterator`] it yields each record as a new `Vec<Field>` and stops after the first error;
/// [`Tokenizer::read_record`] reuses one [`Record`] instead.
#[derive(Clone, Debug)]
pub struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    delimiter: Delimiter,
    failed: bool,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer with a known delimiter, starting at line 1.
    pub fn new(text: &'a str, delimiter: Delimiter) -> Self {
        Self { text, pos: 0, line: 1, delimiter, failed: false }
    }

    /// A tokenizer with the delimiter taken from an Excel `sep=;` first line (which is then
    /// skipped) or else sniffed from the header line.
    pub fn sniffed(text: &'a str) -> Self {
        match sep_hint(text) {
            Some((delimiter, start)) => Self { text, pos: start, line: 2, delimiter, failed: false },
            None => Self::new(text, Delimiter::sniff(text)),
        }
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> Delimiter {
        self.delimiter
    }

    /// Byte offset of the next unread character, for progress reports.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Length of the whole text in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// Reads the next non-blank record into `record`; `Ok(false)` at the end of the text.
    pub fn read_record(&mut self, record: &mut Record) -> Result<bool, ParseError> {
        loop {
            if self.failed || self.pos >= self.text.len() {
                return Ok(false);
            }
            record.clear();
            let mut column = 0_u32;
            loop {
                column = column.saturating_add(1);
                let out = record.next_field(self.line, column);
                let field_line = self.line;
                if let Err(error) = self.read_field(out, column) {
                    self.failed = true;
                    return Err(error);
                }
                unescape_formula(out);
                if column as usize > MAX_COLUMNS && !record.overflow.is_empty() {
                    self.failed = true;
                    return Err(ParseError::new(
                        field_line,
                        column,
                        format!("more than {MAX_COLUMNS} columns on one line; this is not a table"),
                    ));
                }
                if !self.end_field() {
                    break;
                }
            }
            record.drop_trailing_empty();
            if record.len > 0 {
                return Ok(true);
            }
        }
    }

    fn byte_at(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// Position of the next delimiter or line end at or after `self.pos`, or the end of the text.
    fn field_end(&self) -> usize {
        let delimiter = self.delimiter.byte();
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        rest.iter()
            .position(|&b| b == delimiter || b == b'\n' || b == b'\r')
            .map_or(self.text.len(), |offset| self.pos + offset)
    }

    fn read_field(&mut self, out: &mut String, column: u32) -> Result<(), ParseError> {
        let tab_is_blank = self.delimiter != Delimiter::Tab;
        while let Some(b) = self.byte_at(self.pos) {
            if b == b' ' || (tab_is_blank && b == b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.byte_at(self.pos) == Some(b'"') {
            self.read_quoted(out, column)?;
            // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
            let end = self.field_end();
            out.push_str(self.text.get(self.pos..end).unwrap_or_default().trim());
            self.pos = end;
        } else {
            let end = self.field_end();
            out.push_str(self.text.get(self.pos..end).unwrap_or_default().trim());
            self.pos = end;
        }
        Ok(())
    }

    /// Reads a quoted field starting at the opening quote; leaves `pos` after the closing quote.
    fn read_quoted(&mut self, out: &mut String, column: u32) -> Result<(), ParseError> {
        let open_line = self.line;
        self.pos += 1;
        loop {
            let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
            let Some(offset) = rest.iter().position(|&b| b == b'"' || b == b'\n' || b == b'\r') else {
                return Err(ParseError::new(open_line, column, UNCLOSED_QUOTE_MESSAGE));
            };
            let stop = self.pos + offset;
            out.push_str(self.text.get(self.pos..stop).unwrap_or_default());
            self.pos = stop + 1;
            match self.byte_at(stop) {
                Some(b'"') => {
                    if self.byte_at(self.pos) == Some(b'"') {
                        out.push('"');
                        self.pos += 1;
                    } else {
                        return Ok(());
                    }
                }
                Some(b'\r') => {
                    if self.byte_at(self.pos) == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push('\n');
                    self.line = self.line.saturating_add(1);
                }
                _ => {
                    out.push('\n');
                    self.line = self.line.saturating_add(1);
                }
            }
        }
    }

    /// Consumes what ends a field. True if another field of the same record follows.
    fn end_field(&mut self) -> bool {
        match self.byte_at(self.pos) {
            None => false,
            Some(b'\r') => {
                self.pos += 1;
                if self.byte_at(self.pos) == Some(b'\n') {
                    self.pos += 1;
                }
                self.line = self.line.saturating_add(1);
                false
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line = self.line.saturating_add(1);
                false
            }
            Some(_) => {
                // The delimiter (`field_end` stops only there or at a line end).
                self.pos += 1;
                true
            }
        }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Result<Vec<Field>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut record = Record::default();
        match self.read_record(&mut record) {
            Ok(true) => Some(Ok(record.into_fields())),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<Vec<(String, u32, u32)>> {
        Tokenizer::sniffed(text)
            .map(|r| {
                r.expect("valid csv").into_iter().map(|f| (f.text, f.line, f.column)).collect::<Vec<_>>()
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<Vec<String>> {
        records(text).into_iter().map(|r| r.into_iter().map(|(t, _, _)| t).collect()).collect()
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("id,navn\n1,Åse Bø".as_bytes()).expect("utf-8"), "id,navn\n1,Åse Bø");
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("id,navn\n1,Ærlig Øystein".as_bytes());
        assert_eq!(decode(&bytes).expect("utf-8 bom"), "id,navn\n1,Ærlig Øystein");
    }

    #[test]
    fn decodes_utf16_le_and_be_with_bom() {
        let text = "id\tnavn\r\n1\tKåre Ødegård\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).expect("utf-16le"), text);
        assert_eq!(decode(&be).expect("utf-16be"), text);
    }

    #[test]
    fn decodes_utf16_le_without_bom() {
        let text = "id,navn\n1,Åse\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).expect("utf-16le without bom"), text);
    }

    #[test]
    fn decodes_windows_1252_norwegian_letters() {
        // æ ø å Æ Ø Å in Windows-1252.
        let bytes = [b'i', b'd', b'\n', 0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, b' ', 0x80];
        assert_eq!(decode(&bytes).expect("windows-1252"), "id\næøåÆØÅ €");
    }

    #[test]
    fn normalises_to_nfc() {
        // "å" as a + combining ring above.
        let decomposed = "id\na\u{30A}se";
        assert_eq!(decode(decomposed.as_bytes()).expect("nfc"), "id\nåse");
    }

    #[test]
    fn strips_repeated_bom() {
        assert_eq!(decode("\u{feff}\u{feff}id".as_bytes()).expect("bom"), "id");
    }

    /// One stray byte in a UTF-8 file: the rest stays UTF-8 (it all became mojibake before,
    /// silently), with a warning at the byte's line and column.
    #[test]
    fn a_stray_byte_keeps_utf8_and_is_reported_where_it_is() {
        let mut bytes = Vec::new();
        for i in 1..10 {
            bytes.extend_from_slice(format!("p{i},Jon Gjærde {i}\n").as_bytes());
        }
        bytes.extend_from_slice(b"p10,Kari \xE6s\n");
        let text = decode(&bytes).expect("decodes");
        assert!(text.starts_with("p1,Jon Gjærde 1\n"), "{text}");
        assert!(text.ends_with("p10,Kari \u{FFFD}s\n"), "{text}");
        let note = encoding_note(&bytes).expect("a warning");
        assert_eq!((note.line, note.column), (10, 10));
        assert_eq!(
            note.message,
            "byte 0xE6 is not UTF-8; the file is read as UTF-8 with \u{FFFD} in its place; save the file as \
             UTF-8 to keep that letter"
        );
        // A BOM says UTF-8 even when no letter is.
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(b"id\nK\xE5re\n");
        assert_eq!(decode(&with_bom).expect("bom"), "id\nK\u{FFFD}re\n");
        assert_eq!(encoding_note(&with_bom).map(|n| (n.line, n.column)), Some((2, 2)));
        // Windows-1252 only when the bytes say so, and always said.
        let cp1252 = b"id,navn\n1,Jon Gj\xE6rde\n2,\xC5se\n";
        assert_eq!(decode(cp1252).expect("cp1252"), "id,navn\n1,Jon Gjærde\n2,Åse\n");
        let note = encoding_note(cp1252).expect("a warning");
        assert_eq!((note.line, note.column), (2, 9));
        assert!(
            note.message.starts_with("the file is not UTF-8: it is read as Windows-1252"),
            "{}",
            note.message
        );
        assert_eq!(encoding_note("id\nÅse\n".as_bytes()), None);
        assert_eq!(encoding_note(b"\xFF\xFEi\x00d\x00"), None);
    }

    /// Binary data is reported where it is and in the words of the format being read.
    #[test]
    fn binary_data_is_reported_at_its_place_for_its_format() {
        let error =
            decode_as(b"graph [\n  node [ id 1 label \"a\x00\" ]\n]\n", "a GML file").expect_err("nul");
        assert_eq!((error.line, error.column), (2, 23));
        assert_eq!(
            error.message,
            "this is not a GML file: it holds binary data (a NUL or control byte here); open the file itself, \
             not a copy in another format"
        );
        assert!(!error.message.contains("table"));
    }

    #[test]
    fn rejects_binary_data() {
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
        let error = decode(zip).expect_err("zip is binary");
        assert_eq!((error.line, error.column), (1, 6));
        assert_eq!(error.message, BINARY_MESSAGE);
        let controls: Vec<u8> = (1_u8..=8).cycle().take(200).collect();
        assert_eq!(decode(&controls).expect_err("control characters").message, BINARY_MESSAGE);
        // A stray control character in real text is fine.
        assert!(decode(b"id,name\n1,Kari\x0bNordmann\n2,Ola\n").is_ok());
        // Many, after a BOM (a name full of them, written by Infonet): text all the same.
        let mut marked = vec![0xEF, 0xBB, 0xBF];
        marked.extend_from_slice(b"id,name\nk,\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x0e\x0e\n");
        assert_eq!(decode(&marked).expect("marked as text").chars().filter(|c| *c == '\u{e}').count(), 12);
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(Delimiter::sniff("id,name,sector\n1,a,b"), Delimiter::Comma);
        assert_eq!(Delimiter::sniff("id;navn;botid\n1;a;9,5"), Delimiter::Semicolon);
        assert_eq!(Delimiter::sniff("id\tnavn\n1\ta,b;c"), Delimiter::Tab);
        // Delimiters inside quotes do not count.
        assert_eq!(Delimiter::sniff("\"a,b,c\";\"d,e\"\n"), Delimiter::Semicolon);
        // Ties: tab > semicolon > comma.
        assert_eq!(Delimiter::sniff("a,b;c\n"), Delimiter::Semicolon);
        assert_eq!(Delimiter::sniff("a,b\tc\n"), Delimiter::Tab);
        assert_eq!(Delimiter::sniff("id\n"), Delimiter::Tab);
        // Blank lines before the header are skipped.
        assert_eq!(Delimiter::sniff("\n  \r\nid;name\n"), Delimiter::Semicolon);
    }

    #[test]
    fn excel_sep_hint_sets_delimiter_and_is_skipped() {
        let recs = records("sep=,\r\nid,navn;x\r\n1,a;b\r\n");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs.first().expect("header").first(), Some(&("id".to_owned(), 2, 1)));
        assert_eq!(texts("sep=,\nid,navn;x\n1,a;b\n"), [["id", "navn;x"], ["1", "a;b"]]);
    }

    #[test]
    fn quoted_fields_with_delimiter_quote_and_newline() {
        let text = "id,name,note\n1,\"Nordmann, Kari\",\"says \"\"hi\"\"\"\n2,\"Ola\nNordmann\",x\n3,c,d";
        let recs = records(text);
        assert_eq!(recs.len(), 4);
        assert_eq!(
            recs.get(1).expect("row 1"),
            &[("1".to_owned(), 2, 1), ("Nordmann, Kari".to_owned(), 2, 2), ("says \"hi\"".to_owned(), 2, 3)]
        );
        assert_eq!(
            recs.get(2).expect("row 2"),
            &[("2".to_owned(), 3, 1), ("Ola\nNordmann".to_owned(), 3, 2), ("x".to_owned(), 4, 3)]
        );
        // The line count continues correctly after the embedded line break.
        assert_eq!(recs.get(3).expect("row 3").first(), Some(&("3".to_owned(), 5, 1)));
    }

    #[test]
    fn crlf_lf_and_cr_line_ends() {
        for text in ["a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4\n", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\n3,4"] {
            let recs = records(text);
            assert_eq!(
                recs,
                [
                    vec![("a".to_owned(), 1, 1), ("b".to_owned(), 1, 2)],
                    vec![("1".to_owned(), 2, 1), ("2".to_owned(), 2, 2)],
                    vec![("3".to_owned(), 3, 1), ("4".to_owned(), 3, 2)],
                ],
                "{text:?}"
            );
        }
        // A CRLF inside quotes becomes one \n and one line.
        let recs = records("a,b\r\n\"x\r\ny\",2\r\n3,4\r\n");
        assert_eq!(recs.get(1).expect("row").first(), Some(&("x\ny".to_owned(), 2, 1)));
        assert_eq!(recs.get(2).expect("row").first(), Some(&("3".to_owned(), 4, 1)));
    }

    #[test]
    fn blank_lines_and_trailing_empty_columns_are_ignored() {
        let text = "\n\nid;navn;;\n1;Kari;;\n\n  \n;;;\n2;Ola\n";
        assert_eq!(texts(text), [vec!["id", "navn"], vec!["1", "Kari"], vec!["2", "Ola"]]);
        let recs = records(text);
        assert_eq!(recs.first().expect("header").first(), Some(&("id".to_owned(), 3, 1)));
        assert_eq!(recs.get(2).expect("row").first(), Some(&("2".to_owned(), 8, 1)));
        // Empty fields in the middle stay, so columns keep their numbers.
        assert_eq!(texts("a,,c\n"), [["a", "", "c"]]);
    }

    #[test]
    fn unquoted_fields_are_trimmed_quoted_are_not() {
        assert_eq!(texts("a , b ,\t c\n\" x \", y\n"), [vec!["a", "b", "c"], vec![" x ", "y"]]);
        // Tab-separated: a tab is a delimiter, not blank space.
        assert_eq!(texts("a\t\tc\n"), [["a", "", "c"]]);
        // Text after a closing quote is kept.
        assert_eq!(texts("\"ab\"c,d\n"), [["abc", "d"]]);
    }

    #[test]
    fn unclosed_quote_error_points_at_the_opening_quote() {
        let text = "id,name\n1,Kari\n2,\"Ola\n3,Per\n4,Liv\n";
        let error = Tokenizer::sniffed(text).collect::<Result<Vec<_>, _>>().expect_err("unclosed quote");
        assert_eq!((error.line, error.column), (3, 2));
        assert_eq!(error.message, UNCLOSED_QUOTE_MESSAGE);
        // After an error the iterator ends.
        let mut tokens = Tokenizer::sniffed("a\n\"b\n");
        assert!(matches!(tokens.next(), Some(Ok(_))));
        assert!(matches!(tokens.next(), Some(Err(_))));
        assert!(tokens.next().is_none());
    }

    #[test]
    fn too_many_columns_is_an_error_but_many_empty_ones_are_not() {
        let wide = "a,".repeat(MAX_COLUMNS + 1);
        let error = Tokenizer::new(&wide, Delimiter::Comma).next().expect("a record").expect_err("too wide");
        assert_eq!((error.line, error.column), (1, 16_385));
        let mut padded = "a".to_owned();
        padded.push_str(&",".repeat(MAX_COLUMNS * 2));
        let recs: Vec<_> = Tokenizer::new(&padded, Delimiter::Comma).collect();
        assert_eq!(recs.len(), 1);
    }

    #[test]
    fn reused_record_buffers_give_the_same_fields() {
        let text = "a,b,c\n1\n\"x\",y\n";
        let mut tokens = Tokenizer::sniffed(text);
        let mut record = Record::default();
        let mut seen = Vec::new();
        while tokens.read_record(&mut record).expect("valid") {
            seen.push(record.fields().iter().map(|f| f.text.clone()).collect::<Vec<_>>());
        }
        assert_eq!(seen, [vec!["a", "b", "c"], vec!["1"], vec!["x", "y"]]);
        assert_eq!(tokens.position(), text.len());
    }

    #[test]
    fn ten_megabyte_single_lines_tokenize() {
        let one_field = "x".repeat(10 << 20);
        assert_eq!(Tokenizer::sniffed(&one_field).count(), 1);
        let quoted = format!("\"{}", "y,".repeat(5 << 20));
        let error = Tokenizer::sniffed(&quoted).next().expect("record").expect_err("unclosed");
        assert_eq!((error.line, error.column), (1, 1));
        let many_quotes = "\"\"".repeat(5 << 20);
        assert_eq!(Tokenizer::sniffed(&many_quotes).count(), 1);
    }
}
