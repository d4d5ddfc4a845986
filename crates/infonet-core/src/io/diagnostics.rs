//! What every reader shares to say where and what went wrong: warnings under one cap policy,
//! lines with their numbers, and character columns. Errors are [`ParseError`] (line, column,
//! message; the load adds the file); the ceilings are in [`super::limits`].
//!
//! The warning policy, for every reader: a file lists at most [`MAX_WARNINGS`] warnings, and the
//! rest are counted in one closing warning ("N more warnings not listed") at the last listed one.
//! A reader may name the kind of a warning (the XML readers do, since one odd element can repeat
//! a million times): then at most [`WARNINGS_PER_KIND`] of that kind are listed and the rest are
//! counted in "N more warnings like this: KIND" at the first one left out, so one noisy kind
//! does not hide the others.

use super::limits::{MAX_WARNINGS, WARNINGS_PER_KIND};
use super::{ParseError, ParseWarning};

/// A warning at a position, about no file yet (the load names it).
pub fn warning(line: u32, column: u32, message: impl Into<String>) -> ParseWarning {
    ParseWarning { file: String::new(), line, column, message: message.into() }
}

/// How many of one kind were reported, and where the first one left out was.
#[derive(Debug)]
struct KindCount {
    kind: &'static str,
    count: usize,
    first_left_out: (u32, u32),
}

/// A reader's warnings, capped as the module documentation says.
#[derive(Debug, Default)]
pub struct Warnings {
    list: Vec<ParseWarning>,
    /// Warnings past [`MAX_WARNINGS`].
    dropped: usize,
    kinds: Vec<KindCount>,
}

impl Warnings {
    /// Warnings made before parsing began (by decoding), listed first.
    pub fn extend(&mut self, earlier: impl IntoIterator<Item = ParseWarning>) {
        for warning in earlier {
            self.push_warning(warning);
        }
    }

    /// A warning at a line and column.
    pub fn push(&mut self, line: u32, column: u32, message: impl Into<String>) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(warning(line, column, message));
        } else {
            self.dropped += 1;
        }
    }

    /// A warning already made.
    pub fn push_warning(&mut self, warning: ParseWarning) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(warning);
        } else {
            self.dropped += 1;
        }
    }

    /// A warning of a kind (a short description used in the closing count). The position and
    /// the message are only worked out when the warning is listed, or is the first of its kind
    /// left out.
    pub fn push_kind(
        &mut self,
        kind: &'static str,
        at: impl FnOnce() -> (u32, u32),
        message: impl FnOnce() -> String,
    ) {
        let index = match self.kinds.iter().position(|k| k.kind == kind) {
            Some(index) => index,
            None => {
                self.kinds.push(KindCount { kind, count: 0, first_left_out: (0, 0) });
                self.kinds.len() - 1
            }
        };
        let Some(entry) = self.kinds.get_mut(index) else { return };
        entry.count += 1;
        if entry.count <= WARNINGS_PER_KIND {
            if self.list.len() < MAX_WARNINGS {
                let (line, column) = at();
                self.list.push(warning(line, column, message()));
            } else {
                self.dropped += 1;
            }
        } else if entry.count == WARNINGS_PER_KIND + 1 {
            entry.first_left_out = at();
        }
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.dropped == 0
    }

    /// The listed warnings, then a closing count for each kind over its cap, then the count of
    /// those past the overall cap.
    pub fn finish(mut self) -> Vec<ParseWarning> {
        let last = self.list.last().map_or((1, 1), |w| (w.line, w.column));
        for kind in &self.kinds {
            if kind.count > WARNINGS_PER_KIND {
                let more = kind.count - WARNINGS_PER_KIND;
                let noun = if more == 1 { "warning" } else { "warnings" };
                let (line, column) = kind.first_left_out;
                self.list.push(warning(line, column, format!("{more} more {noun} like this: {}", kind.kind)));
            }
        }
        if self.dropped > 0 {
            let (line, column) = last;
            self.list.push(warning(line, column, format!("{} more warnings not listed", self.dropped)));
        }
        self.list
    }
}

/// The 1-based character column of byte offset `pos` in `line` (past the end: one past the last
/// character).
pub fn char_column(line: &str, pos: usize) -> u32 {
    let chars = line.get(..pos.min(line.len())).map_or(0, |s| s.chars().count());
    u32::try_from(chars).unwrap_or(u32::MAX).saturating_add(1)
}

/// One line of a text, without its line end.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// The text of the line.
    pub text: &'a str,
    /// 1-based line number.
    pub number: u32,
    /// Byte offset of the line's first character in the whole text.
    pub start: usize,
}

impl Line<'_> {
    /// 1-based character column of byte offset `pos` within the line.
    pub fn column(&self, pos: usize) -> u32 {
        char_column(self.text, pos)
    }

    /// An error at byte offset `pos` within the line.
    pub fn error(&self, pos: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(self.number, self.column(pos), message)
    }

    /// A warning at byte offset `pos` within the line.
    pub fn warning(&self, pos: usize, message: impl Into<String>) -> ParseWarning {
        warning(self.number, self.column(pos), message)
    }
}

/// The lines of a text with their numbers: `\n`, `\r\n` and a lone `\r` (old Mac files) end a
/// line; a line end at the very end of the text starts no empty last line.
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    text: &'a str,
    pos: usize,
    number: u32,
}

/// The lines of `text`.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, pos: 0, number: 0 }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(self.pos..).filter(|rest| !rest.is_empty())?;
        self.number = self.number.saturating_add(1);
        let start = self.pos;
        let end = memchr::memchr2(b'\n', b'\r', rest).map_or(bytes.len(), |p| start + p);
        let skip = match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(_), _) => 1,
            (None, _) => 0,
        };
        self.pos = end + skip;
        Some(Line { text: self.text.get(start..end).unwrap_or_default(), number: self.number, start })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_every_kind_of_line_end() {
        let found: Vec<(u32, &str, usize)> =
            lines("a\r\nbø\rc\n\nd").map(|l| (l.number, l.text, l.start)).collect();
        assert_eq!(found, [(1, "a", 0), (2, "bø", 3), (3, "c", 7), (4, "", 9), (5, "d", 10)]);
        assert_eq!(lines("x\n").count(), 1);
        assert_eq!(lines("").count(), 0);
        let line = lines("  æøå x").next().expect("a line");
        assert_eq!(line.column(8), 6);
        assert_eq!(line.column(100), 8);
        assert_eq!(line.error(2, "m").to_string(), "1:3: m");
    }

    #[test]
    fn one_cap_overall_and_one_per_named_kind() {
        let mut warnings = Warnings::default();
        for i in 0..30 {
            warnings.push_kind("odd keys", || (i + 1, 2), || format!("odd {i}"));
        }
        warnings.push(40, 1, "another kind still shows");
        for i in 0..300 {
            warnings.push(50 + i, 1, "plain");
        }
        let list = warnings.finish();
        assert_eq!(list.len(), MAX_WARNINGS + 2);
        assert_eq!(list.get(20).map(|w| w.message.as_str()), Some("another kind still shows"));
        let closing: Vec<String> = list.iter().rev().take(2).map(ToString::to_string).collect();
        assert_eq!(
            closing,
            ["228:1: 121 more warnings not listed", "21:2: 10 more warnings like this: odd keys"]
        );
    }
}
