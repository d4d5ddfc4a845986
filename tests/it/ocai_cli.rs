//! `infonet ocai FILE [--json]`: the built binary on the sample file, on XLSX and on bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

fn infonet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_infonet"))
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join("ocai.csv")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn close(v: &serde_json::Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 0.05)
}

#[test]
fn json_has_profiles_gaps_stats_and_the_validation_report() {
    let out = infonet().args(["ocai", "--json"]).arg(sample()).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["format"], "long");
    assert_eq!(v["policy"], "rescale");
    assert_eq!(v["excluded"], 0);
    let m = v["municipalities"].as_array().expect("municipalities");
    let names: Vec<&str> = m.iter().filter_map(|g| g["municipality"].as_str()).collect();
    assert_eq!(names, ["Fjellvik", "Solbøen", "Åsdalen"]);
    let a = &m[2];
    assert_eq!(a["n"], 12);
    assert!(close(&a["now"]["hierarchy"], 46.3), "{}", a["now"]);
    assert!(close(&a["preferred"]["clan"], 38.3), "{}", a["preferred"]);
    assert!(close(&a["gap"]["hierarchy"], -27.1), "{}", a["gap"]);
    assert_eq!(a["dominant_now"], serde_json::json!(["hierarchy"]));
    assert_eq!(a["dominant_preferred"], serde_json::json!(["clan"]));
    assert_eq!(a["meaningful_gaps"], serde_json::json!(["clan", "adhocracy", "hierarchy"]));
    let s = &a["stats"]["now"]["hierarchy"];
    assert!(s["sd"].as_f64().is_some_and(|sd| sd > 0.0), "{s}");
    assert!(s["min"].as_f64() <= s["mean"].as_f64() && s["mean"].as_f64() <= s["max"].as_f64(), "{s}");
    assert_eq!(a["respondents"].as_array().map(Vec::len), Some(12));
    assert_eq!(m[1]["meaningful_gaps"], serde_json::json!([]), "Solbøen is content");
    let issues = v["issues"].as_array().expect("issues");
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["respondent"], "FJ07");
    assert_eq!(issues[0]["dimension"], 4);
    assert_eq!(issues[0]["state"], "now");
    assert_eq!(issues[0]["sum"], 90.0);
    assert_eq!(issues[0]["action"], "rescaled");
    assert_eq!(issues[0]["line"], 41);
    let fj07 = m[0]["respondents"].as_array().and_then(|r| r.iter().find(|r| r["respondent"] == "FJ07"));
    assert_eq!(fj07.map(|r| &r["rescaled"]), Some(&serde_json::json!(true)));
}

#[test]
fn the_table_names_the_gaps_and_the_finding() {
    let out = infonet().arg("ocai").arg(sample()).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("long layout, 27 respondents in 3 municipalities"), "{text}");
    assert!(text.contains("Åsdalen (n = 12)"), "{text}");
    assert!(text.contains("-27.1 *"), "{text}");
    assert!(text.contains("dominant now: hierarchy; preferred: clan"), "{text}");
    assert!(
        text.contains("ocai.csv:41: Fjellvik FJ07 dimension 4 now: sums to 90; rescaled to 100"),
        "{text}"
    );
}

#[test]
fn bad_input_prints_file_line_column_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(
        dir.path(),
        "bad.csv",
        "municipality,respondent,dimension,a_now,b_now,c_now,d_now,a_preferred,b_preferred,c_preferred,d_preferred\n\
         Fjellvik,r1,1,40,20,10,30,50,30,10,10\n\
         Fjellvik,r1,7,40,20,10,30,50,30,10,10\n\
         Fjellvik,r1,2,40,twenty,10,30,50,30,10,10\n"
            .as_bytes(),
    );
    let out = infonet().args(["ocai", "--json"]).arg(&bad).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let file = bad.display().to_string();
    assert!(err.contains(&format!("{file}:3:3: \"7\" is not a dimension")), "{err}");
    assert!(err.contains(&format!("{file}:4:5: \"twenty\" is not a number")), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("nothing.csv", &b"name,age\nKari,40\n"[..]),
        ("binary.csv", &[0u8, 159, 146, 150, 0, 1][..]),
        ("broken.xlsx", &b"PK\x03\x04 not really a workbook"[..]),
    ] {
        let path = write(dir.path(), name, bytes);
        let out = infonet().args(["ocai"]).arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("{}:", path.display())), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }

    let missing = dir.path().join("missing.csv");
    let out = infonet().args(["ocai"]).arg(&missing).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn semicolons_decimal_commas_and_the_wide_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut header = String::from("kommune;respondent");
    let mut row = String::from("Solbøen;s1");
    for state in ["nå", "ønsket"] {
        for d in 1..=6 {
            for l in ['a', 'b', 'c', 'd'] {
                header.push_str(&format!(";{d}{l}_{state}"));
                row.push_str(if l == 'a' {
                    ";32,5"
                } else if l == 'd' {
                    ";17,5"
                } else {
                    ";25"
                });
            }
        }
    }
    let path = write(dir.path(), "wide.csv", format!("{header}\n{row}\n").as_bytes());
    let out = infonet().args(["ocai", "--json"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["format"], "wide");
    assert!(close(&v["municipalities"][0]["now"]["clan"], 32.5));
    assert_eq!(v["municipalities"][0]["stats"]["now"]["clan"]["sd"], serde_json::Value::Null, "n = 1");
}

/// A minimal one-sheet workbook (inline strings), written by hand with the zip crate.
fn xlsx(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    use std::io::Write as _;
    fn escape(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }
    fn column(i: usize) -> String {
        let mut n = i + 1;
        let mut letters = Vec::new();
        while n > 0 {
            letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            data.push_str(&format!(
                r#"<c r="{}{}" t="inlineStr"><is><t>{}</t></is></c>"#,
                column(c),
                r + 1,
                escape(cell)
            ));
        }
        data.push_str("</row>");
    }
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(sheet_name)
    );
    let workbook_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("xl/workbook.xml", workbook.as_str()),
            ("xl/_rels/workbook.xml.rels", workbook_rels),
            ("xl/worksheets/sheet1.xml", sheet.as_str()),
        ] {
            writer.start_file(name, options).expect("zip entry");
            writer.write_all(text.as_bytes()).expect("zip write");
        }
        writer.finish().expect("zip finish");
    }
    out.into_inner()
}

/// The sample's rows (header first) as cells.
fn sample_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(sample()).expect("sample");
    text.lines().map(|l| l.split(',').map(str::to_owned).collect()).collect()
}

#[test]
fn xlsx_first_sheet_scores_like_the_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "ocai.xlsx", &xlsx("Svar", &sample_rows()));
    let from_xlsx = infonet().args(["ocai", "--json"]).arg(&path).output().expect("runs");
    assert_eq!(from_xlsx.status.code(), Some(0), "{}", String::from_utf8_lossy(&from_xlsx.stderr));
    let from_csv = infonet().args(["ocai", "--json"]).arg(sample()).output().expect("runs");
    let mut a: serde_json::Value = serde_json::from_slice(&from_xlsx.stdout).expect("JSON");
    let mut b: serde_json::Value = serde_json::from_slice(&from_csv.stdout).expect("JSON");
    a["file"] = serde_json::Value::Null;
    b["file"] = serde_json::Value::Null;
    assert_eq!(a, b, "one sheet row per CSV line: the same numbers and lines");
}

#[test]
fn xlsx_errors_name_the_sheet_row_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rows: Vec<Vec<String>> = sample_rows().into_iter().take(7).collect();
    if let Some(cell) = rows.get_mut(3).and_then(|r| r.get_mut(4)) {
        *cell = "ti".to_owned();
    }
    let path = write(dir.path(), "bad.xlsx", &xlsx("Svar", &rows));
    let out = infonet().args(["ocai"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:4:5: sheet Svar, row 4, column E: \"ti\" is not a number", path.display())),
        "{err}"
    );
}
