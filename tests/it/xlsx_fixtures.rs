//! The .xlsx fixtures made by `tests/fixtures/make_xlsx.py` (openpyxl): workbook reading, table
//! finding, positions in messages, surveys in sheets, and corrupted workbooks.

use std::path::PathBuf;

use infonet::io::build_network;
use infonet::io::survey::{Similarity, build_survey, survey_from_sheet};
use infonet::io::xlsx::{load_workbook_tables, read_workbook, sheet_to_csv};
use infonet::model::{Sector, TenureBand};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(row: &[&str]) -> Vec<String> {
    row.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn cells_read_as_typed() {
    let workbook = read_workbook(&fixture("pair.xlsx")).expect("pair.xlsx");
    let names: Vec<&str> = workbook.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Personer", "bånd", "Notater"]);
    let people = workbook.sheets.first().expect("people sheet");
    let rows: Vec<Vec<String>> = people.rows.clone();
    assert_eq!(
        rows,
        [
            strings(&["id", "navn", "sektor", "botid", "alder", "svarte", "notat", "født", "aktiv"]),
            strings(&[
                "1",
                "Åse Ødegård",
                "kommune",
                "9.5",
                "41",
                "ja",
                "leder, skole",
                "1983-05-17",
                "true"
            ]),
            strings(&[
                "2",
                "Bjørn Æsøy",
                "næringsliv",
                "3.99",
                "30",
                "nei",
                "",
                "1994-01-02T08:30:00",
                "false"
            ]),
            strings(&["3", "Kåre", "frivillig", "10", "29", "", "  mellomrom  "]),
            strings(&["4", "Per \"Pelle\" Ås", "privat", "0.3", "55", "ja", "linje1\nlinje2", "08:30:00"]),
            strings(&[]),
            strings(&["5", "Liv"]),
        ]
    );
    let warnings: Vec<String> = workbook.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["7:7: sheet Personer, row 7, column G: the cell holds the error #N/A; it is read as empty"]
    );
    assert!(sheet_to_csv(people).starts_with("id,navn,sektor,botid,alder,svarte,notat,født,aktiv\r\n"));
}

#[test]
fn people_and_ties_sheets_by_name() {
    let tables = load_workbook_tables(&fixture("pair.xlsx")).expect("tables");
    assert_eq!(tables.survey, None);
    let people = tables.people.expect("people");
    let lines: Vec<u32> = people.rows.iter().map(|r| r.line).collect();
    // Row 5 holds a line break: CSV lines no longer equal rows, the table still says rows.
    assert_eq!(lines, [2, 3, 4, 5, 7]);
    let ase = &people.rows.first().expect("Åse").person;
    assert_eq!((ase.key.as_str(), ase.name.as_str(), ase.sector), ("1", "Åse Ødegård", Sector::Public));
    assert_eq!((ase.tenure.years, ase.tenure.band), (Some(9.5), TenureBand::From4To9));
    assert_eq!(ase.attributes.get("født").map(String::as_str), Some("1983-05-17"));
    let kare = &people.rows.get(2).expect("Kåre").person;
    assert_eq!(kare.attributes.get("notat").map(String::as_str), Some("  mellomrom  "));
    // The workbook's warning (the error cell) comes first in the people table's warnings.
    let first = people.warnings.first().expect("warning");
    assert_eq!((first.line, first.column), (7, 7));
    let ties = tables.ties.expect("ties");
    assert_eq!(ties.rows.len(), 4);
    assert_eq!(ties.rows.first().map(|r| r.tie.weight), Some(1.5));
    let (network, report) = build_network("Værøy", Some(people), ties);
    assert_eq!(network.person_count(), 6);
    assert_eq!(report.self_ties_dropped, 1);
    assert_eq!(report.self_tie_lines, [5]);
    assert_eq!(report.added_from_ties_keys, ["Øystein"]);
}

#[test]
fn errors_name_sheet_row_and_column() {
    let error = load_workbook_tables(&fixture("errors.xlsx")).expect_err("bad sector");
    assert_eq!((error.line, error.column), (14, 3));
    assert!(
        error.message.starts_with("sheet personer, row 14, column C: sector \"kommunen?\" is not public"),
        "{error}"
    );
    assert!(error.to_string().starts_with("14:3: sheet personer, row 14, column C: "), "{error}");
}

#[test]
fn tables_found_by_header_in_default_named_sheets() {
    let tables = load_workbook_tables(&fixture("unnamed.xlsx")).expect("tables");
    let ties = tables.ties.expect("ties from Ark1");
    assert_eq!(ties.rows.iter().map(|r| r.tie.weight).collect::<Vec<_>>(), [2.0, 0.5]);
    let people = tables.people.expect("people from Ark2");
    // Header on row 2, ids in column B: lines and columns are the sheet's.
    assert_eq!(people.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(people.rows.first().map(|r| r.person.name.as_str()), Some("Anne"));
    let (network, report) = build_network("x", Some(people), ties);
    assert_eq!(
        (network.person_count(), report.added_from_ties_keys.as_slice()),
        (3, ["b".to_owned()].as_slice())
    );
}

#[test]
fn survey_sheet() {
    let tables = load_workbook_tables(&fixture("survey.xlsx")).expect("tables");
    assert!(tables.people.is_none() && tables.ties.is_none());
    let index = tables.survey.expect("survey sheet");
    let sheet = tables.workbook.sheets.get(index).expect("sheet");
    let survey = survey_from_sheet(sheet).expect("survey");
    assert_eq!(survey.name, "Svar");
    let warnings: Vec<String> = survey.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["5:1: sheet Svar, row 5, column A: the respondent id is blank; \"Tor Berg\" is given the key r001"]
    );
    let (network, report, duplicates) = build_survey(&survey, &[]);
    assert_eq!(network.name, "Svar");
    assert_eq!((report.people, report.respondents, report.ties), (9, 5, 10));
    let pairs: Vec<(&str, &str, Similarity)> =
        duplicates.iter().map(|d| (d.a_name.as_str(), d.b_name.as_str(), d.reason)).collect();
    assert_eq!(
        pairs,
        [
            ("Kari Nordmann", "Kari Nordman", Similarity::Spelling),
            ("Kari Nordmann", "Kari", Similarity::Subset),
            ("Bjørg Ås", "Bjørg Aas", Similarity::Spelling),
            ("Kari Nordman", "Kari", Similarity::Subset),
        ]
    );
}

#[test]
fn corrupted_workbooks_fail_cleanly() {
    let bytes = fixture("pair.xlsx");
    // Cut at many places and flip bytes: errors or readings, never a panic.
    for cut in (0..bytes.len()).step_by(97) {
        let truncated = bytes.get(..cut).unwrap_or_default();
        if let Err(error) = read_workbook(truncated) {
            assert_eq!((error.line, error.column), (1, 1));
        }
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..300 {
        let mut mutated = bytes.clone();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % mutated.len() as u64) as usize;
            if let Some(byte) = mutated.get_mut(at) {
                *byte ^= (state >> 32) as u8 | 1;
            }
        }
        if read_workbook(&mutated).is_ok() {
            load_workbook_tables(&mutated).ok();
        }
    }
}
