//! Culture (OCAI) files: the one way the window and the command line open them.
//!
//! A culture file is a table in the long, wide or profiles layout (see [`crate::analysis::ocai`]),
//! as text in any encoding [`super::decode`] reads, or an Excel workbook whose first sheet holds
//! it. It is read like every other file ([`super::reading::read_file`]: regular files only, at most
//! [`super::MAX_FILE_BYTES`]), read by the tables' tokenizer, and scored. Errors carry the file,
//! the line (for a workbook: the sheet row, with the sheet and cell named) and the column.

use std::path::Path;

use crate::analysis::ocai::{self, OcaiOptions, OcaiReport};

use super::reading::{ReadLimits, read_file};
use super::xlsx::RowMap;
use super::{LoadError, ParseError, Progress};

/// A culture file read and scored.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedCulture {
    /// The scores, with lines of the file (a workbook's: sheet rows).
    pub report: OcaiReport,
    /// The responses as text (a workbook's first sheet as CSV), which a project keeps.
    pub text: String,
}

/// Reads, decodes, parses and scores a culture file with the default options. Every error of the
/// file is returned (at most [`ocai::MAX_ERRORS`]), each as `FILE:LINE:COLUMN: message`.
pub fn open_culture(path: &Path) -> Result<OpenedCulture, Vec<LoadError>> {
    let parse_error = |error: ParseError| LoadError::Parse { path: path.to_owned(), error };
    let bytes = read_file(path, ReadLimits::of("an OCAI file"), &Progress::new()).map_err(|e| vec![e])?;
    let options = OcaiOptions::default();
    if is_workbook(path, &bytes) {
        let workbook = super::xlsx::read_workbook(&bytes).map_err(|e| vec![parse_error(e)])?;
        let Some(sheet) = workbook.sheets.first() else {
            return Err(vec![parse_error(ParseError::new(1, 1, "the workbook has no worksheet"))]);
        };
        let (text, rows) = RowMap::csv_of(sheet);
        let mut report = ocai::parse_and_score(&text, &options)
            .map_err(|errors| errors.0.iter().map(|e| parse_error(rows.error(e))).collect::<Vec<_>>())?;
        for issue in &mut report.issues {
            issue.line = rows.row(issue.line);
        }
        for respondent in report.groups.iter_mut().flat_map(|g| g.respondents.iter_mut()) {
            respondent.line = rows.row(respondent.line);
        }
        Ok(OpenedCulture { report, text })
    } else {
        let text = super::decode(&bytes).map_err(|e| vec![parse_error(e)])?;
        drop(bytes);
        let report = ocai::parse_and_score(&text, &options)
            .map_err(|errors| errors.0.into_iter().map(parse_error).collect::<Vec<_>>())?;
        Ok(OpenedCulture { report, text })
    }
}

/// An `.xlsx`/`.xlsm` name, or a zip archive (what every xlsx is).
fn is_workbook(path: &Path, bytes: &[u8]) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    by_name || bytes.starts_with(b"PK\x03\x04")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_names_the_file_line_and_column() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("ocai.csv");
        std::fs::write(
            &path,
            "respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred\n\
             r,1,x,25,25,25,25,25,25,25\nr,9,25,25,25,25,25,25,25,25\n",
        )
        .expect("write");
        let errors: Vec<String> =
            open_culture(&path).expect_err("bad cells").iter().map(ToString::to_string).collect();
        let file = path.display();
        assert_eq!(
            errors,
            [
                format!("{file}:2:3: \"x\" is not a number (expected points 0-100)"),
                format!("{file}:3:2: \"9\" is not a dimension (expected 1-6)"),
            ]
        );
        let missing = dir.path().join("nothing.csv");
        let errors = open_culture(&missing).expect_err("no file");
        assert!(matches!(errors.as_slice(), [LoadError::Io { .. }]), "{errors:?}");
    }

    #[test]
    fn the_bundled_sample_opens_with_its_text() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-networks/ocai.csv");
        let opened = open_culture(&path).expect("the sample opens");
        assert_eq!(opened.text, std::fs::read_to_string(&path).expect("read"));
        assert!(!opened.report.groups.is_empty());
    }
}
