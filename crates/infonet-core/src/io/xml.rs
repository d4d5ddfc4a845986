//! XML plumbing shared by the GraphML and GEXF readers and writers: decoding the bytes, line and
//! column positions, a simplified event stream over quick-xml (entities resolved, CDATA as text,
//! empty elements expanded, nesting capped), warnings (under [`super::diagnostics`]' one policy), and escaping for the writers.
//!
//! Entities: the five predefined ones and numeric character references are resolved; anything
//! declared in a DOCTYPE is never expanded (the reference stays as written, with a warning).

use std::borrow::Cow;
use std::collections::BTreeMap;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::diagnostics::{Warnings, warning};
use super::limits::MAX_DEPTH;
use super::raw::AttrValue;
use super::{ParseError, ParseWarning};

/// Decodes an XML file to text: UTF-8 (with or without BOM), UTF-16 (BOM, or `<` and a NUL), or the
/// encoding the XML declaration names (ISO-8859-1, Windows-1252, ...). Bytes that are not valid
/// UTF-8 and declare nothing are read as Windows-1252 with a warning. The result is NFC.
/// NUL bytes outside UTF-16 mean binary data, an error at the first one.
pub fn decode_xml<'a>(
    bytes: &'a [u8],
    format: &str,
    warnings: &mut Vec<ParseWarning>,
) -> Result<Cow<'a, str>, ParseError> {
    let text: Cow<'a, str> = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Cow::Owned(encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0.into_owned())
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0.into_owned())
    } else if bytes.starts_with(&[b'<', 0]) {
        // UTF-16 without a BOM: XML starts with `<`, and no other encoding puts a NUL after it.
        Cow::Owned(encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0.into_owned())
    } else if bytes.starts_with(&[0, b'<']) {
        Cow::Owned(encoding_rs::UTF_16BE.decode_without_bom_handling(bytes).0.into_owned())
    } else {
        let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        let declared = declared_encoding(rest);
        match std::str::from_utf8(rest) {
            Ok(text) => {
                if let Some(encoding) = declared
                    && encoding != encoding_rs::UTF_8
                    && !text.is_ascii()
                {
                    warnings.push(warning(
                        1,
                        1,
                        format!(
                            "the file says it is {} but it is valid UTF-8; read as UTF-8",
                            encoding.name()
                        ),
                    ));
                }
                Cow::Borrowed(text)
            }
            Err(_) => {
                let encoding = match declared {
                    Some(encoding) if encoding != encoding_rs::UTF_8 => encoding,
                    _ => {
                        warnings.push(warning(
                            1,
                            1,
                            "the file is not valid UTF-8 and names no other encoding; read as Windows-1252"
                                .to_owned(),
                        ));
                        encoding_rs::WINDOWS_1252
                    }
                };
                Cow::Owned(encoding.decode_without_bom_handling(rest).0.into_owned())
            }
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        let (line, column) = super::text::position_of(text.as_bytes(), at);
        return Err(ParseError::new(
            line,
            column,
            format!("this is not a {format} file: it contains binary data (a NUL character here)"),
        ));
    }
    let text = match text {
        Cow::Owned(owned) => match owned.strip_prefix('\u{feff}') {
            Some(rest) => Cow::Owned(rest.to_owned()),
            None => Cow::Owned(owned),
        },
        borrowed => borrowed,
    };
    // Every character below U+0300 is NFC as it stands, and they all encode with lead bytes
    // below 0xCC: most files never need the full check.
    let high = |chunk: &[u8]| chunk.iter().fold(false, |any, &b| any | (b >= 0xCC));
    if !text.as_bytes().chunks(256).any(high) {
        return Ok(text);
    }
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(text.nfc().collect()),
    })
}

/// The encoding named by `<?xml ... encoding="..."?>`, when the file starts with a declaration.
/// UTF-16 labels are ignored: a file that really is UTF-16 was caught by its shape.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(1024))?;
    let head = head.strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = head.get(..end)?;
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let after = decl.get(at + 8..)?;
    let after = after.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let quote = *after.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = after.get(1..)?;
    let close = value.iter().position(|&b| b == quote)?;
    let encoding = encoding_rs::Encoding::for_label(value.get(..close)?)?;
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE).then_some(encoding)
}

/// Turns byte offsets into 1-based lines and character columns. Offsets asked for in increasing
/// order cost time linear in the text overall; an earlier offset starts counting again.
struct Positions<'a> {
    text: &'a [u8],
    /// Lines are counted up to here.
    offset: usize,
    line: u32,
    /// Start of the line that holds `offset`.
    line_start: usize,
    /// Characters between `line_start` and `column_offset`.
    column_offset: usize,
    column_chars: u32,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Self { text: text.as_bytes(), offset: 0, line: 1, line_start: 0, column_offset: 0, column_chars: 0 }
    }

    fn advance(&mut self, offset: usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
            self.line_start = 0;
            self.column_offset = 0;
            self.column_chars = 0;
        }
        let Some(slice) = self.text.get(self.offset..offset) else {
            return;
        };
        // Count in blocks so that the compiler vectorises the comparison.
        let newlines: usize = slice
            .chunks(255)
            .map(|chunk| usize::from(chunk.iter().fold(0_u8, |n, &b| n + u8::from(b == b'\n'))))
            .sum();
        if newlines > 0 {
            self.line = self.line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            // Where this line starts is found when a column is asked for.
            self.line_start = usize::MAX;
        }
        self.offset = offset;
    }

    fn line(&mut self, offset: usize) -> u32 {
        self.advance(offset);
        self.line
    }

    fn line_column(&mut self, offset: usize) -> (u32, u32) {
        self.advance(offset);
        let offset = self.offset;
        if self.line_start == usize::MAX {
            let before = self.text.get(..offset).unwrap_or_default();
            self.line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            self.column_offset = self.line_start;
            self.column_chars = 0;
        }
        if self.column_offset < self.line_start || self.column_offset > offset {
            self.column_offset = self.line_start;
            self.column_chars = 0;
        }
        if let Some(slice) = self.text.get(self.column_offset..offset) {
            // Count characters: every byte that does not continue a UTF-8 sequence.
            let chars = slice.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            self.column_chars = self.column_chars.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
            self.column_offset = offset;
        }
        (self.line, self.column_chars.saturating_add(1))
    }
}

/// An element start, with its byte offset in the text.
pub struct Element<'a> {
    start: BytesStart<'a>,
    /// Offset of its `<`.
    pub offset: usize,
    /// The name without any namespace prefix.
    local: &'a str,
}

impl Element<'_> {
    /// The name without any namespace prefix (`y:NodeLabel` -> `NodeLabel`).
    pub fn local(&self) -> &str {
        self.local
    }
}

/// The part of `input` that `bytes` is, when `bytes` lies inside it (as everything quick-xml
/// borrows from the input does). Slicing the text is cheaper than checking UTF-8 again.
fn within<'a>(input: &'a str, bytes: &[u8]) -> Option<&'a str> {
    if bytes.is_empty() {
        return Some("");
    }
    let start = bytes.as_ptr().addr().checked_sub(input.as_ptr().addr())?;
    input.get(start..start.checked_add(bytes.len())?)
}

/// What the readers see of the XML.
pub enum XmlEvent<'a> {
    /// An element opens (empty elements give `Start` then `End`).
    Start(Element<'a>),
    /// The innermost open element closes.
    End,
    /// A piece of text, with entities and character references resolved, CDATA included.
    Text(Cow<'a, str>),
    /// The root element has closed (anything after it is ignored, with a warning).
    Eof,
}

/// quick-xml with positions, nesting checks, entity handling and warnings.
pub struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    input: &'a str,
    positions: Positions<'a>,
    /// Offsets of the open elements.
    open: Vec<usize>,
    root_seen: bool,
    done: bool,
    /// Where the last event started.
    event_offset: usize,
    /// What the file should be, e.g. "GraphML".
    format: &'static str,
    /// The root element expected, e.g. "graphml".
    root: &'static str,
    /// The warnings so far.
    pub warnings: Warnings,
}

impl<'a> XmlReader<'a> {
    /// A reader over decoded text that expects the root element `root` (local name).
    pub fn new(text: &'a str, format: &'static str, root: &'static str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.allow_dangling_amp = true;
        config.check_end_names = true;
        Self {
            reader,
            input: text,
            positions: Positions::new(text),
            open: Vec::new(),
            root_seen: false,
            done: false,
            event_offset: 0,
            format,
            root,
            warnings: Warnings::default(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&mut self, offset: usize) -> u32 {
        self.positions.line(offset)
    }

    /// An error at a byte offset.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) -> ParseError {
        let (line, column) = self.positions.line_column(offset);
        ParseError::new(line, column, message)
    }

    /// A warning at a byte offset, kept unless this kind is over its cap. `kind` is a short
    /// description of the problem used in the closing count.
    pub fn warn(&mut self, offset: usize, kind: &'static str, message: impl FnOnce() -> String) {
        self.warnings.push_kind(kind, || self.positions.line_column(offset), message);
    }

    /// The byte offset where the last event started.
    pub fn offset(&self) -> usize {
        self.event_offset
    }

    /// The next event.
    pub fn next(&mut self) -> Result<XmlEvent<'a>, ParseError> {
        if self.done {
            return Ok(XmlEvent::Eof);
        }
        loop {
            let offset = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            self.event_offset = offset;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
                    let message = self.describe(&error);
                    return Err(self.error(at, message));
                }
            };
            match event {
                Event::Start(start) | Event::Empty(start) => {
                    let name = start.name().0;
                    let local =
                        name.iter().rposition(|&b| b == b':').and_then(|i| name.get(i + 1..)).unwrap_or(name);
                    let local = within(self.input, local).unwrap_or_default();
                    let element = Element { start, offset, local };
                    if self.open.is_empty() {
                        if self.root_seen {
                            self.after_root(offset);
                            return Ok(XmlEvent::Eof);
                        }
                        if !element.local().eq_ignore_ascii_case(self.root) {
                            let found = String::from_utf8_lossy(element.start.name().0).into_owned();
                            return Err(self.error(
                                offset,
                                format!(
                                    "this is not a {} file: it starts with <{found}>, expected <{}>",
                                    self.format, self.root
                                ),
                            ));
                        }
                        self.root_seen = true;
                    }
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.error(
                            offset,
                            format!("elements are nested more than {MAX_DEPTH} deep; this file is not a usable {}", self.format),
                        ));
                    }
                    self.open.push(offset);
                    return Ok(XmlEvent::Start(element));
                }
                Event::End(_) => {
                    self.open.pop();
                    if self.open.is_empty() {
                        self.check_trailing();
                        return Ok(XmlEvent::Eof);
                    }
                    return Ok(XmlEvent::End);
                }
                Event::Text(text) => {
                    if self.open.is_empty() {
                        if !text.trim_ascii().is_empty() {
                            return Err(self.error(
                                offset,
                                format!(
                                    "this is not a {} file: it starts with text, expected <{}>",
                                    self.format, self.root
                                ),
                            ));
                        }
                        continue;
                    }
                    let Some(text) = within(self.input, &text) else {
                        continue;
                    };
                    return Ok(XmlEvent::Text(if text.contains('\r') {
                        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
                    } else {
                        Cow::Borrowed(text)
                    }));
                }
                Event::CData(data) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    return match data.xml10_content() {
                        Ok(text) => Ok(XmlEvent::Text(text)),
                        Err(_) => Err(self.error(offset, "text that is not UTF-8")),
                    };
                }
                Event::GeneralRef(reference) => {
                    if self.open.is_empty() {
                        continue;
                    }
                    let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                        Ok(None) => predefined(&name).map(Cow::Borrowed),
                        Err(_) => None,
                    };
                    if let Some(text) = resolved {
                        return Ok(XmlEvent::Text(text));
                    }
                    self.warn(offset, "unknown entity references kept as written", || {
                        format!("&{name}; is not a character this reader knows; kept as written")
                    });
                    return Ok(XmlEvent::Text(Cow::Owned(format!("&{name};"))));
                }
                Event::DocType(doctype) => {
                    if doctype.windows(8).any(|w| w == b"<!ENTITY") {
                        self.warn(offset, "DOCTYPE entity declarations ignored", || {
                            "the DOCTYPE declares entities; they are not expanded".to_owned()
                        });
                    }
                }
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
                Event::Eof => {
                    if let Some(&opened) = self.open.last() {
                        let name = self.name_at(opened);
                        let opened_line = self.positions.line(opened);
                        let end = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
                        return Err(self.error(
                            end,
                            format!(
                                "the file ends inside <{name}> (opened on line {opened_line}); expected </{name}>"
                            ),
                        ));
                    }
                    if !self.root_seen {
                        return Err(self.error(
                            offset,
                            format!(
                                "this is not a {} file: it has no <{}> element (the file is empty)",
                                self.format, self.root
                            ),
                        ));
                    }
                    self.done = true;
                    return Ok(XmlEvent::Eof);
                }
            }
        }
    }

    /// The name of the element whose `<` is at `offset`.
    fn name_at(&self, offset: usize) -> String {
        let tail = self.positions.text.get(offset + 1..).unwrap_or_default();
        let end = tail
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
            .unwrap_or(tail.len())
            .min(200);
        String::from_utf8_lossy(tail.get(..end).unwrap_or_default()).into_owned()
    }

    /// After the root closes: anything but whitespace, comments and processing instructions is
    /// ignored with a warning.
    fn check_trailing(&mut self) {
        self.done = true;
        loop {
            let offset = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
            match self.reader.read_event() {
                Ok(Event::Eof) | Err(_) => {
                    if self.reader.buffer_position() as usize != self.positions.text.len() {
                        self.after_root(offset);
                    }
                    return;
                }
                Ok(Event::Text(text)) if text.trim_ascii().is_empty() => {}
                Ok(Event::Comment(_) | Event::PI(_)) => {}
                Ok(_) => {
                    self.after_root(offset);
                    return;
                }
            }
        }
    }

    fn after_root(&mut self, offset: usize) {
        self.done = true;
        let root = self.root;
        self.warn(offset, "content after the root element ignored", || {
            format!("there is more after </{root}>; it is ignored")
        });
    }

    /// A message for a quick-xml error that says what was expected.
    fn describe(&self, error: &XmlError) -> String {
        match error {
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                format!(
                    "</{found}> closes <{expected}>; expected </{expected}> first (is a tag missing or misspelt?)"
                )
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
                format!("</{tag}> closes an element that was never opened")
            }
            XmlError::Syntax(SyntaxError::UnclosedTag) => {
                "a tag is not closed: expected '>' before the end of the file".to_owned()
            }
            XmlError::Syntax(SyntaxError::UnclosedComment) => {
                "a comment is not closed: expected -->".to_owned()
            }
            other => format!("this is not well-formed XML: {other}"),
        }
    }

    /// Calls `f` with each attribute of `element` that has no namespace prefix (foreign
    /// attributes such as `xmlns:y` or `y:attr.uri` are skipped), with its value unescaped.
    /// Duplicate attributes are not checked (the last one wins).
    pub fn attributes<'e>(
        &mut self,
        element: &'e Element<'_>,
        mut f: impl FnMut(&'e str, Cow<'e, str>),
    ) -> Result<(), ParseError>
    where
        'a: 'e,
    {
        let mut attributes = element.start.attributes();
        attributes.with_checks(false);
        for attribute in attributes {
            let attribute = match attribute {
                Ok(attribute) => attribute,
                Err(error) => {
                    let message = format!("<{}> has a malformed attribute: {error}", element.local());
                    return Err(self.error(element.offset, message));
                }
            };
            let key = attribute.key.0;
            if key.contains(&b':') || key == b"xmlns" {
                continue;
            }
            let (Some(key), Some(raw)) = (within(self.input, key), utf8_cow(self.input, attribute.value))
            else {
                continue;
            };
            // Attribute-value normalisation: literal tabs and line ends are spaces; character
            // references (`&#10;`) keep theirs.
            let raw = if raw.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
                Cow::Owned(raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " "))
            } else {
                raw
            };
            if !raw.contains('&') {
                f(key, raw);
                continue;
            }
            match quick_xml::escape::unescape(&raw) {
                Ok(value) => {
                    let value = value.into_owned();
                    f(key, Cow::Owned(value));
                }
                Err(_) => {
                    self.warn(element.offset, "unknown entity references kept as written", || {
                        format!("the {key} attribute has an unknown &...; reference; kept as written")
                    });
                    f(key, raw);
                }
            }
        }
        Ok(())
    }
}

/// Bytes of UTF-8 text as text, borrowed when they were.
fn utf8_cow<'e>(input: &'e str, bytes: Cow<'e, [u8]>) -> Option<Cow<'e, str>> {
    match bytes {
        Cow::Borrowed(bytes) => within(input, bytes).map(Cow::Borrowed),
        Cow::Owned(bytes) => String::from_utf8(bytes).ok().map(Cow::Owned),
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        _ => None,
    }
}

/// Parses a number as XML formats write them (`1.5`, `-3`, `1e-5`, `INF`, `-INF`, `NaN`),
/// falling back to a decimal comma (`1,5`).
pub fn parse_xml_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(value) = text.parse::<f64>() {
        return Some(value);
    }
    match text.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        _ => super::parse_number(text),
    }
}

/// Parses a boolean: true/false, 1/0, yes/no (any case, surrounding whitespace ignored).
pub fn parse_xml_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    ["true", "1", "yes", "t", "y"].iter().any(|t| text.eq_ignore_ascii_case(t)).then_some(true).or_else(
        || ["false", "0", "no", "f", "n"].iter().any(|t| text.eq_ignore_ascii_case(t)).then_some(false),
    )
}

/// Whether every character may appear in an XML 1.0 document.
pub(crate) fn xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Where escaped text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// Element content of a data file: line ends kept (a carriage return as `&#13;`).
    Text,
    /// A double-quoted attribute value of a data file: tabs and line ends as character references,
    /// so that readers do not turn them into spaces.
    Attribute,
    /// Text and attribute values of a picture or a page (SVG, HTML): the five special characters
    /// escaped, control characters dropped.
    Markup,
}

/// The one escaping of XML and HTML output. Characters XML 1.0 cannot hold become U+FFFD in data
/// files and are dropped from pictures and pages.
fn escape(text: &str, out: &mut String, context: Context) {
    for c in text.chars() {
        match (c, context) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', Context::Attribute | Context::Markup) => out.push_str("&quot;"),
            ('\'', Context::Markup) => out.push_str("&apos;"),
            (c, Context::Markup) if c.is_control() || !xml_char(c) => {}
            ('\t', Context::Attribute) => out.push_str("&#9;"),
            ('\n', Context::Attribute) => out.push_str("&#10;"),
            ('\r', Context::Text | Context::Attribute) => out.push_str("&#13;"),
            (c, _) if xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
}

/// Appends `text` escaped for element content of a data file (GraphML, GEXF).
pub fn escape_text(text: &str, out: &mut String) {
    escape(text, out, Context::Text);
}

/// Appends `text` escaped for a double-quoted attribute value of a data file (GraphML, GEXF).
pub fn escape_attr(text: &str, out: &mut String) {
    escape(text, out, Context::Attribute);
}

/// Appends `text` escaped for an SVG picture or an HTML page: `&`, `<`, `>`, `"` and `'` as
/// entities, control characters dropped, everything else (æøå included) as it is.
pub fn escape_markup(out: &mut String, text: &str) {
    escape(text, out, Context::Markup);
}

/// A number as text that reads back to the same value (`INF`, `-INF` and `NaN` for the rest).
pub fn number_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value == f64::INFINITY {
        "INF".to_owned()
    } else if value == f64::NEG_INFINITY {
        "-INF".to_owned()
    } else {
        format!("{value}")
    }
}

/// The type every value of one attribute shares, for declaring it in a written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Every value is a whole number that fits a 64-bit integer exactly.
    Integer,
    /// Every value is a number.
    Number,
    /// Every value is a boolean.
    Bool,
    /// Text, or a mix of kinds.
    Text,
}

impl ColumnType {
    /// The type of one value.
    pub fn of(value: &AttrValue) -> Self {
        match value {
            AttrValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Self::Integer,
            AttrValue::Number(_) => Self::Number,
            AttrValue::Bool(_) => Self::Bool,
            AttrValue::Text(_) => Self::Text,
        }
    }

    /// The type that holds both.
    pub fn join(self, other: Self) -> Self {
        match (self, other) {
            (a, b) if a == b => a,
            (Self::Integer | Self::Number, Self::Integer | Self::Number) => Self::Number,
            _ => Self::Text,
        }
    }
}

/// A value as text for a written file (numbers read back exactly, `INF`/`-INF`/`NaN` too).
pub fn value_text(value: &AttrValue) -> String {
    match value {
        AttrValue::Number(n) => number_text(*n),
        other => other.to_text(),
    }
}

/// Every attribute name in `maps` with the type all its values share, in name order.
pub fn columns<'a>(maps: impl Iterator<Item = &'a crate::io::raw::Attrs>) -> Vec<(String, ColumnType)> {
    let mut columns: BTreeMap<&'a str, ColumnType> = BTreeMap::new();
    for attrs in maps {
        for (name, value) in attrs {
            let ty = ColumnType::of(value);
            columns.entry(name.as_str()).and_modify(|t| *t = t.join(ty)).or_insert(ty);
        }
    }
    columns.into_iter().map(|(name, ty)| (name.to_owned(), ty)).collect()
}

/// How many nodes and edges a big XML graph file holds, counted from `<node` and `<edge`
/// openings (a guess: prefixed or other elements are missed or counted). Reserving that much up
/// front saves growing the lists by doubling, which copies them and leaves a third of the
/// memory unused. Small files are not worth the scan.
pub fn expected_items(text: &str) -> (usize, usize) {
    if text.len() < 1 << 20 {
        return (0, 0);
    }
    let bytes = text.as_bytes();
    let count = |needle: &[u8]| memchr::memmem::find_iter(bytes, needle).count();
    // Capped: a file of nothing but `<node` openings must not reserve more than it could hold.
    let cap = MAX_RESERVE.min(bytes.len() / 8);
    (count(b"<node").min(cap), count(b"<edge").min(cap))
}

/// Most nodes or edges reserved from a guess.
const MAX_RESERVE: usize = 5_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Result<Vec<String>, ParseError> {
        let mut reader = XmlReader::new(text, "GraphML", "graphml");
        let mut out = Vec::new();
        loop {
            match reader.next()? {
                XmlEvent::Start(element) => out.push(format!("<{}", element.local())),
                XmlEvent::End => out.push(">".to_owned()),
                XmlEvent::Text(text) => out.push(text.into_owned()),
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn entities_character_references_and_cdata_become_text() {
        let out = events("<graphml>a&amp;b&#230;&#xF8;<![CDATA[<å>]]>&foo;</graphml>").expect("well-formed");
        assert_eq!(out.concat(), "<graphmla&bæø<å>&foo;");
    }

    #[test]
    fn positions_are_lines_and_character_columns() {
        let error = events("<graphml>\n  <æøå>\n  </graph>\n</graphml>").expect_err("mismatched");
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.contains("</graph> closes <æøå>"), "{error}");
        let mut positions = Positions::new("ab\næøå x\n");
        assert_eq!(positions.line_column(7), (2, 3));
        assert_eq!(positions.line_column(10), (2, 5));
        assert_eq!(positions.line_column(1), (1, 2));
    }

    #[test]
    fn unclosed_and_wrong_roots_are_errors() {
        let error = events("<graphml>\n<graph>\n").expect_err("unclosed");
        assert_eq!(error.line, 3);
        assert!(error.message.contains("ends inside <graph> (opened on line 2)"), "{error}");
        let error = events("id,name\n1,2\n").expect_err("csv");
        assert_eq!((error.line, error.column), (1, 1));
        let error = events("<gexf/>").expect_err("gexf");
        assert!(error.message.contains("expected <graphml>"), "{error}");
        let error = events("").expect_err("empty");
        assert_eq!(error.line, 1);
    }

    #[test]
    fn depth_is_capped() {
        let deep = format!("<graphml>{}", "<a>".repeat(MAX_DEPTH + 5));
        let error = events(&deep).expect_err("too deep");
        assert!(error.message.contains("nested more than"), "{error}");
    }

    #[test]
    fn decoding_handles_boms_declarations_and_latin1() {
        let mut warnings = Vec::new();
        let utf8 = "\u{feff}<graphml>æ</graphml>".as_bytes();
        assert_eq!(decode_xml(utf8, "GraphML", &mut warnings).expect("utf-8"), "<graphml>æ</graphml>");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<?xml version=\"1.0\"?><g>ø</g>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode_xml(&utf16, "GraphML", &mut warnings).expect("utf-16"),
            "<?xml version=\"1.0\"?><g>ø</g>"
        );
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><g>\xe6\xf8\xe5</g>";
        assert_eq!(
            decode_xml(latin1, "GraphML", &mut warnings).expect("latin-1"),
            "<?xml version='1.0' encoding='ISO-8859-1'?><g>æøå</g>"
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let undeclared = b"<g>\xe6</g>";
        assert_eq!(decode_xml(undeclared, "GraphML", &mut warnings).expect("1252"), "<g>æ</g>");
        assert_eq!(warnings.len(), 1);
        let error = decode_xml(b"<\0\0\0a", "GraphML", &mut warnings).expect_err("binary");
        assert_eq!((error.line, error.column), (1, 2), "UTF-16: the second character is NUL");
        // Decomposed å becomes the composed character.
        assert_eq!(
            decode_xml("<g>a\u{30a}</g>".as_bytes(), "GraphML", &mut warnings).expect("nfc"),
            "<g>å</g>"
        );
    }

    #[test]
    fn numbers_and_booleans() {
        assert_eq!(parse_xml_number(" 1.5 "), Some(1.5));
        assert_eq!(parse_xml_number("INF"), Some(f64::INFINITY));
        assert_eq!(parse_xml_number("-INF"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_xml_number("1,5"), Some(1.5));
        assert_eq!(parse_xml_number("x"), None);
        assert_eq!(parse_xml_bool("  True "), Some(true));
        assert_eq!(parse_xml_bool("0"), Some(false));
        assert_eq!(parse_xml_bool("maybe"), None);
    }

    #[test]
    fn escaping() {
        let mut out = String::new();
        escape_attr("a\"<&>\n\t\u{1}æ", &mut out);
        assert_eq!(out, "a&quot;&lt;&amp;&gt;&#10;&#9;\u{fffd}æ");
        out.clear();
        escape_text("a<&>\r\n", &mut out);
        assert_eq!(out, "a&lt;&amp;&gt;&#13;\n");
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(f64::NEG_INFINITY), "-INF");
    }
}

/// Random graphs for the writers' round-trip properties: only values that come back unchanged
/// (no reserved attribute names, trimmed non-empty labels and text, one type per column).
#[cfg(test)]
pub mod arbitrary {

    use proptest::prelude::*;

    use crate::io::raw::{AttrValue, RawEdge, RawGraph, RawNode};

    const CHARS: &[char] = &[
        'a', 'b', 'Z', '1', ' ', 'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '\n', '\t', '\r', '<', '>', '&', '"', '\'',
        ']', ';', '#', '😀', '\u{85}', '\u{2028}', '中', '=',
    ];

    /// Text of `len` characters from a mix of letters, markup and whitespace.
    pub fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(CHARS), len)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// Text with no surrounding whitespace and at least one other character.
    fn trimmed() -> impl Strategy<Value = String> {
        text(1..12)
            .prop_map(|t| t.trim().to_owned())
            .prop_filter("non-empty", |t| !t.is_empty() && t != "null")
    }

    const RESERVED: [&str; 9] = ["label", "name", "x", "y", "r", "g", "b", "size", "weight"];

    fn attribute_name() -> impl Strategy<Value = String> {
        "[a-zæøå][a-zæøå _]{0,6}"
            .prop_filter("not reserved", |n| !RESERVED.iter().any(|r| n.eq_ignore_ascii_case(r)))
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-1000_i64..1000).prop_map(|n| n as f64),
            -1e6..1e6_f64,
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(1e300),
            Just(-2.5e-300),
        ]
    }

    /// Columns: a name and a kind (0 number, 1 bool, 2 text).
    fn columns() -> impl Strategy<Value = Vec<(String, u8)>> {
        proptest::collection::btree_map(attribute_name(), 0_u8..3, 0..4).prop_map(|m| m.into_iter().collect())
    }

    fn value(kind: u8) -> BoxedStrategy<AttrValue> {
        match kind {
            0 => number().prop_map(AttrValue::Number).boxed(),
            1 => any::<bool>().prop_map(AttrValue::Bool).boxed(),
            _ => trimmed().prop_map(AttrValue::Text).boxed(),
        }
    }

    fn attrs(columns: Vec<(String, u8)>) -> impl Strategy<Value = crate::io::raw::Attrs> {
        let cells: Vec<_> = columns
            .into_iter()
            .map(|(name, kind)| proptest::option::of(value(kind)).prop_map(move |v| (name.clone(), v)))
            .collect();
        cells.prop_map(|cells| cells.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
    }

    fn finite() -> impl Strategy<Value = f64> {
        prop_oneof![(-1000_i64..1000).prop_map(|n| n as f64), -1e4..1e4_f64]
    }

    /// A graph whose written form must read back equal (lines aside).
    pub fn raw_graph() -> impl Strategy<Value = RawGraph> {
        (columns(), columns(), proptest::option::of(trimmed()), any::<bool>()).prop_flat_map(
            |(node_columns, edge_columns, name, directed)| {
                let node = (
                    text(0..6),
                    proptest::option::of(trimmed()),
                    attrs(node_columns.clone()),
                    proptest::option::of((finite(), finite())),
                    proptest::option::of(any::<[u8; 3]>()),
                    proptest::option::of(finite()),
                )
                    .prop_map(|(id, label, attrs, position, colour, size)| RawNode {
                        id,
                        label,
                        attrs,
                        position: position.map(|(x, y)| [x, y]),
                        colour,
                        size,
                        line: 0,
                    });
                let edge = (
                    text(0..4),
                    text(0..4),
                    proptest::option::of(any::<bool>()),
                    proptest::option::of(finite()),
                    attrs(edge_columns.clone()),
                )
                    .prop_map(|(source, target, directed, weight, attrs)| RawEdge {
                        source,
                        target,
                        directed,
                        weight,
                        attrs,
                        line: 0,
                    });
                (
                    proptest::collection::vec(node, 0..6),
                    proptest::collection::vec(edge, 0..6),
                    Just(name.clone()),
                    Just(directed),
                )
                    .prop_map(|(mut nodes, edges, name, directed)| {
                        let mut seen = std::collections::HashSet::new();
                        nodes.retain(|n| seen.insert(n.id.clone()));
                        RawGraph { name, directed, nodes, edges }
                    })
            },
        )
    }

    /// Random text shaped like XML: tags and attributes of both formats, entities, CDATA.
    pub fn xml_like() -> impl Strategy<Value = String> {
        let pieces = proptest::sample::select(vec![
            "<graphml>",
            "</graphml>",
            "<graph edgedefault=\"undirected\">",
            "</graph>",
            "<key id=\"d0\" for=\"node\" attr.name=\"x\" attr.type=\"double\">",
            "</key>",
            "<default>",
            "</default>",
            "<node id=\"a\">",
            "</node>",
            "<node id='b'/>",
            "<edge source=\"a\" target=\"b\">",
            "</edge>",
            "<data key=\"d0\">",
            "</data>",
            "<y:NodeLabel>",
            "</y:NodeLabel>",
            "<y:Geometry x='1' y='2'/>",
            "<gexf version=\"1.3\">",
            "</gexf>",
            "<nodes>",
            "</nodes>",
            "<edges>",
            "</edges>",
            "<attributes class=\"node\">",
            "</attributes>",
            "<attribute id=\"0\" title=\"t\" type=\"integer\"/>",
            "<attvalues>",
            "</attvalues>",
            "<attvalue for=\"0\" value=\"1\"/>",
            "<viz:color r='1' g='2' b='3'/>",
            "<viz:position x='1' y='2'/>",
            "<graph>",
            "<!-- c -->",
            "<![CDATA[x<y]]>",
            "&amp;",
            "&#230;",
            "&foo;",
            "&",
            "<",
            ">",
            "\"",
            "text",
            " ",
            "\n",
            "<?xml version=\"1.0\"?>",
            "<!DOCTYPE g [<!ENTITY e \"x\">]>",
            "<meta><title>T</title></meta>",
            "\u{feff}",
            "<port/>",
            "<hyperedge/>",
            "<node id=\"a\"><graph>",
        ]);
        proptest::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
    }
}
