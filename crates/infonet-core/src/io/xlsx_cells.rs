//! A check of a workbook's cells before calamine reads it: no cell may hold more than Excel's
//! own limit of 32,767 characters.
//!
//! calamine holds every shared string and every cell's text in memory, so a 1 MB workbook with
//! one 0.95 GB cell (text compresses well) took 5 GB. This scan streams each sheet and the
//! shared strings through the unzipper with a small buffer, counts the characters of each
//! cell's text, and stops at the first cell over the limit, naming its sheet and cell.

use std::io::{Cursor, Read};

use super::ParseError;
use super::xlsx::{MAX_UNPACKED_BYTES, cell_prefix};

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Longest tag (element with its attributes) the scan accepts; real ones are under 1 KB.
const MAX_TAG_BYTES: usize = 1 << 20;

/// Most bytes of `xl/workbook.xml` and its relationships read for the sheet names.
const MAX_NAMES_BYTES: u64 = 16 << 20;

/// Checks every cell of a workbook (a valid zip, see [`super::xlsx::read_workbook`]).
pub(super) fn check_cells(bytes: &[u8]) -> Result<(), ParseError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let names = sheet_names(&mut archive);
    let mut budget = MAX_UNPACKED_BYTES;
    let long_shared = match archive.by_name("xl/sharedStrings.xml") {
        Ok(member) => {
            let mut scan = Scan::new(Part::SharedStrings);
            scan.run(member, &mut budget)?;
            scan.long_shared
        }
        Err(_) => None,
    };
    let mut sheets: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    sheets.sort();
    for member_name in sheets {
        let Ok(member) = archive.by_name(&member_name) else { continue };
        let sheet = names
            .iter()
            .find(|(path, _)| *path == member_name)
            .map_or_else(|| member_name.clone(), |(_, name)| name.clone());
        let mut scan = Scan::new(Part::Sheet { sheet, long_shared });
        scan.run(member, &mut budget)?;
    }
    match long_shared {
        Some(index) => Err(ParseError::new(
            1,
            1,
            format!(
                "the workbook holds a text of more than {MAX_CELL_CHARS} characters (shared string {}), more \
                 than an Excel cell can hold; this is not a table Infonet can read",
                index + 1
            ),
        )),
        None => Ok(()),
    }
}

/// (member path, sheet name) from `xl/workbook.xml` and `xl/_rels/workbook.xml.rels`.
fn sheet_names(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(String, String)> {
    let mut read = |name: &str| -> String {
        let mut text = String::new();
        if let Ok(member) = archive.by_name(name) {
            member.take(MAX_NAMES_BYTES).read_to_string(&mut text).ok();
        }
        text
    };
    let workbook = read("xl/workbook.xml");
    let rels = read("xl/_rels/workbook.xml.rels");
    let mut targets = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&rels);
    while let Ok(event) = reader.read_event() {
        match event {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let (mut id, mut target) = (None, None);
                for attr in e.attributes().flatten() {
                    let value = attr.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                    match attr.key.local_name().as_ref() {
                        b"Id" => id = Some(value),
                        b"Target" => target = Some(value),
                        _ => {}
                    }
                }
                if let (Some(id), Some(target)) = (id, target) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None => format!("xl/{target}"),
                    };
                    targets.push((id, path));
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&workbook);
    while let Ok(event) = reader.read_event() {
        match event {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.local_name().as_ref() == b"sheet" =>
            {
                let (mut id, mut name) = (None, None);
                for attr in e.attributes().flatten() {
                    let value = attr.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                    match attr.key.local_name().as_ref() {
                        b"id" => id = Some(value),
                        b"name" => name = Some(value),
                        _ => {}
                    }
                }
                if let (Some(id), Some(name)) = (id, name)
                    && let Some((_, path)) = targets.iter().find(|(i, _)| *i == id)
                {
                    out.push((path.clone(), name));
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

enum Part {
    SharedStrings,
    Sheet { sheet: String, long_shared: Option<usize> },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    Entity,
    Tag,
    /// Inside `<![CDATA[`: how many of `]]>` were just seen.
    CData(u8),
    /// Inside `<!--`: how many of `-->` were just seen.
    Comment(u8),
}

/// The streaming scan of one part.
struct Scan {
    part: Part,
    state: State,
    tag: Vec<u8>,
    quote: Option<u8>,
    /// Inside `<t>` or `<v>`: characters count.
    counting: bool,
    in_value: bool,
    /// Characters of the current cell (sheet) or string item (shared strings).
    chars: usize,
    /// Index of the current `<si>` (shared strings).
    item: Option<usize>,
    long_shared: Option<usize>,
    /// The current cell's reference and type (sheets).
    cell: String,
    cell_type: String,
    /// The first bytes of the current `<v>`, for shared string indexes.
    value: Vec<u8>,
}

impl Scan {
    fn new(part: Part) -> Self {
        Self {
            part,
            state: State::Text,
            tag: Vec::new(),
            quote: None,
            counting: false,
            in_value: false,
            chars: 0,
            item: None,
            long_shared: None,
            cell: String::new(),
            cell_type: String::new(),
            value: Vec::new(),
        }
    }

    fn run(&mut self, member: impl Read, budget: &mut u64) -> Result<(), ParseError> {
        let mut reader = member.take(budget.saturating_add(1));
        let mut buffer = vec![0_u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                // calamine reports damaged members with its own message.
                Err(_) => return Ok(()),
            };
            if n as u64 > *budget {
                return Err(ParseError::new(
                    1,
                    1,
                    format!(
                        "the workbook unpacks to more than {} MB; at most that can be read",
                        MAX_UNPACKED_BYTES >> 20
                    ),
                ));
            }
            *budget -= n as u64;
            for &byte in buffer.get(..n).unwrap_or_default() {
                self.byte(byte)?;
                if matches!(self.part, Part::SharedStrings) && self.long_shared.is_some() {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn byte(&mut self, b: u8) -> Result<(), ParseError> {
        match self.state {
            State::Text => match b {
                b'<' => {
                    self.state = State::Tag;
                    self.tag.clear();
                    self.quote = None;
                }
                b'&' => {
                    self.state = State::Entity;
                    self.text_char(b)?;
                }
                _ => self.text_char(b)?,
            },
            State::Entity => {
                if b == b';' {
                    self.state = State::Text;
                }
            }
            State::CData(seen) => {
                self.state = match (seen, b) {
                    (_, b']') if seen < 2 => State::CData(seen + 1),
                    (2, b']') => State::CData(2),
                    (2, b'>') => State::Text,
                    _ => {
                        self.text_char(b)?;
                        State::CData(0)
                    }
                };
            }
            State::Comment(seen) => {
                self.state = match (seen, b) {
                    (_, b'-') if seen < 2 => State::Comment(seen + 1),
                    (2, b'-') => State::Comment(2),
                    (2, b'>') => State::Text,
                    _ => State::Comment(0),
                };
            }
            State::Tag => {
                match (self.quote, b) {
                    (Some(q), _) if q == b => self.quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => self.quote = Some(b),
                    (None, b'>') => {
                        self.state = State::Text;
                        return self.tag_done();
                    }
                    _ => {}
                }
                if self.tag.len() >= MAX_TAG_BYTES {
                    return Err(self.error(&format!("an XML tag longer than {} KB", MAX_TAG_BYTES >> 10)));
                }
                self.tag.push(b);
                if self.tag.as_slice() == b"![CDATA[" {
                    self.state = State::CData(0);
                } else if self.tag.as_slice() == b"!--" {
                    self.state = State::Comment(0);
                }
            }
        }
        Ok(())
    }

    /// One byte of text: counts a character (continuation bytes of UTF-8 are not characters).
    fn text_char(&mut self, b: u8) -> Result<(), ParseError> {
        if !self.counting {
            return Ok(());
        }
        if self.in_value && self.value.len() < 24 {
            self.value.push(b);
        }
        if b & 0xC0 != 0x80 {
            self.chars += 1;
            if self.chars > MAX_CELL_CHARS {
                return self.too_long();
            }
        }
        Ok(())
    }

    fn too_long(&mut self) -> Result<(), ParseError> {
        match &self.part {
            Part::SharedStrings => {
                self.long_shared = Some(self.item.unwrap_or(0));
                self.counting = false;
                Ok(())
            }
            Part::Sheet { .. } => Err(self.error(&format!(
                "the cell holds more than {MAX_CELL_CHARS} characters, more than an Excel cell can hold; \
                 shorten it"
            ))),
        }
    }

    /// An error at the current cell.
    fn error(&self, message: &str) -> ParseError {
        let (row, column) = cell_position(&self.cell);
        match &self.part {
            Part::Sheet { sheet, .. } if row > 0 => {
                ParseError::new(row, column, format!("{}{message}", cell_prefix(sheet, row, column)))
            }
            Part::Sheet { sheet, .. } => ParseError::new(1, 1, format!("sheet {sheet}: {message}")),
            Part::SharedStrings => ParseError::new(1, 1, format!("the shared strings: {message}")),
        }
    }

    fn tag_done(&mut self) -> Result<(), ParseError> {
        let tag = std::mem::take(&mut self.tag);
        let (closing, body) = match tag.strip_prefix(b"/") {
            Some(rest) => (true, rest),
            None => (false, tag.as_slice()),
        };
        if body.first().is_some_and(|b| matches!(b, b'?' | b'!')) {
            self.tag = tag;
            return Ok(());
        }
        let self_closing = body.last() == Some(&b'/');
        let name_end = body.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(body.len());
        let name = body.get(..name_end).unwrap_or_default();
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        match (local, closing) {
            (b"si", false) => {
                self.item = Some(self.item.map_or(0, |i| i + 1));
                self.chars = 0;
            }
            (b"c", false) => {
                self.finish_cell()?;
                self.cell = attribute(body, b"r").unwrap_or_default();
                self.cell_type = attribute(body, b"t").unwrap_or_default();
                self.chars = 0;
                if self_closing {
                    self.cell.clear();
                }
            }
            (b"c", true) => self.finish_cell()?,
            (b"t" | b"v", false) if !self_closing => {
                self.counting = true;
                self.in_value = local == b"v";
                if self.in_value {
                    self.value.clear();
                }
            }
            (b"t" | b"v", true) => {
                self.counting = false;
                self.in_value = false;
            }
            _ => {}
        }
        self.tag = tag;
        Ok(())
    }

    /// At the end of a cell: a shared string over the limit, when this cell shows it.
    fn finish_cell(&mut self) -> Result<(), ParseError> {
        if let Part::Sheet { long_shared: Some(index), .. } = &self.part
            && self.cell_type == "s"
            && std::str::from_utf8(&self.value).ok().and_then(|v| v.trim().parse::<usize>().ok())
                == Some(*index)
        {
            let error = self.error(&format!(
                "the cell holds more than {MAX_CELL_CHARS} characters, more than an Excel cell can hold; \
                 shorten it"
            ));
            return Err(error);
        }
        self.cell_type.clear();
        self.value.clear();
        Ok(())
    }
}

/// An attribute's value in a tag's bytes (`r="B7"`), without unescaping.
fn attribute(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(found) = tag.get(at..).and_then(|rest| find(rest, name)) {
        let start = at + found;
        let before_ok = start > 0 && tag.get(start - 1).is_some_and(u8::is_ascii_whitespace);
        let rest = tag.get(start + name.len()..).unwrap_or_default();
        let rest_trimmed: &[u8] = rest.trim_ascii_start();
        if before_ok && let Some(after_eq) = rest_trimmed.strip_prefix(b"=") {
            let after_eq = after_eq.trim_ascii_start();
            let quote = *after_eq.first()?;
            let value = after_eq.get(1..)?;
            let end = value.iter().position(|b| *b == quote)?;
            return value.get(..end).map(|v| String::from_utf8_lossy(v).into_owned());
        }
        at = start + name.len();
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// (row, column) of a cell reference like `B7`; (0, 0) when there is none.
fn cell_position(reference: &str) -> (u32, u32) {
    let letters: String = reference.chars().take_while(char::is_ascii_alphabetic).collect();
    let row = reference.get(letters.len()..).and_then(|r| r.parse::<u32>().ok()).unwrap_or(0);
    let column = letters.bytes().try_fold(0_u32, |acc, b| {
        acc.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    (row, column.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_position("B7"), (7, 2));
        assert_eq!(cell_position("AA10"), (10, 27));
        assert_eq!(cell_position(""), (0, 0));
        assert_eq!(attribute(br#"c r="B7" t="s""#, b"t"), Some("s".into()));
        assert_eq!(attribute(br#"c r="B7" t="s""#, b"r"), Some("B7".into()));
        assert_eq!(attribute(br#"c xr="B7""#, b"r"), None);
    }
}
