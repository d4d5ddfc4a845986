//! The headless command line: `infonet stats`, its exit codes and its error format.

use std::path::{Path, PathBuf};
use std::process::Command;

fn infonet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_infonet"))
}

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

#[test]
fn stats_json_has_the_documented_fields() {
    let out = infonet().args(["stats", "--json"]).arg(sample("fjellvik.ties.csv")).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["people"], 91);
    assert_eq!(v["ties"], 204);
    assert_eq!(v["respondents"], 45);
    assert_eq!(v["named_only"], 46);
    assert_eq!(v["sectors"]["public"], 44);
    assert_eq!(v["sectors"]["private"], 41);
    assert_eq!(v["sectors"]["other"], 4);
    assert_eq!(v["sectors"]["unknown"], 2);
    assert_eq!(v["tenure"]["<4"], 9);
    assert_eq!(v["tenure"]["4-9"], 16);
    assert_eq!(v["tenure"]["10+"], 64);
    assert_eq!(v["tenure"]["unknown"], 2);
    assert_eq!(v["age"]["<30"], 2);
    assert_eq!(v["age"]["30-40"], 24);
    assert_eq!(v["age"][">40"], 63);
    assert_eq!(v["ties_by_kind"]["internal"], 122);
    assert_eq!(v["ties_by_kind"]["external"], 75);
    assert_eq!(v["ties_by_kind"]["unknown"], 7);
    assert_eq!(v["in_degree"]["p085"], 19);
    assert_eq!(v["in_degree"].as_object().map(|o| o.len()), Some(91));
}

#[test]
fn bad_files_print_file_line_column_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people = write(dir.path(), "bad.people.csv", b"id,name,sector\np1,Kari,public\np2,Ola,kommunen?\n");
    write(dir.path(), "bad.ties.csv", b"source,target\np1,p2\n");
    let out = infonet().args(["stats", "--json"]).arg(&people).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let expected = format!("{}:3:3: sector \"kommunen?\"", people.display());
    assert!(err.starts_with(&expected), "stderr was: {err}");
    assert!(out.stdout.is_empty());

    // An unclosed quote, binary garbage, an empty file: each a positioned error, never a panic.
    let cases: [(&str, &[u8]); 3] = [
        ("quote.ties.csv", b"source,target\np1,\"p2\np3,p4\n"),
        ("garbage.ties.csv", &[0u8, 159, 146, 150, 0, 1, 2, 255, 254, 0, 0, 7]),
        ("empty.ties.csv", b""),
    ];
    for (name, bytes) in cases {
        let path = write(dir.path(), name, bytes);
        let out = infonet().args(["stats"]).arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        let prefix = format!("{}:", path.display());
        assert!(err.starts_with(&prefix), "{name}: {err}");
        let rest = &err[prefix.len()..];
        let mut parts = rest.splitn(3, ':');
        let line: u32 = parts.next().and_then(|l| l.parse().ok()).unwrap_or_else(|| panic!("{name}: {err}"));
        let column: u32 =
            parts.next().and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("{name}: {err}"));
        assert!(line >= 1 && column >= 1, "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn a_ten_megabyte_single_line_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"source,target,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    let path = write(dir.path(), "long.ties.csv", &bytes);
    let out = infonet().args(["stats", "--json"]).arg(&path).output().expect("runs");
    // One header and no rows: a valid, empty network or a positioned error; never a crash.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_tie_to_nobody_adds_a_named_only_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people =
        write(dir.path(), "people.csv", "id;navn;sektor;botid;alder\n1;Åse;kommune;12,5;44\n".as_bytes());
    write(dir.path(), "ties.csv", b"fra;til\n1;99\n");
    let out = infonet().args(["stats", "--json"]).arg(&people).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["people"], 2);
    assert_eq!(v["named_only"], 1);
    assert_eq!(v["in_degree"]["99"], 1);
    assert_eq!(v["tenure"]["10+"], 1);
}

#[test]
fn wrong_usage_exits_2() {
    let out = infonet().args(["stats"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = infonet().args(["stats", "x.csv", "--no-such-flag"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_file_is_exit_1_with_its_name() {
    let out = infonet().args(["stats", "no/such/file.ties.csv"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("file.ties.csv"));
}

#[test]
fn a_semicolon_windows_1252_pair_with_aeoeaa_opens_right() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vestby.ties.csv");
    let bytes = std::fs::read(path.with_file_name("vestby.people.csv")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is Windows-1252");
    let out = infonet().args(["stats", "--json"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["name"], "Vestby");
    assert_eq!(v["people"], 6);
    // 9 rows: one self-nomination (5;5) and one duplicate (4;1) dropped.
    assert_eq!(v["ties"], 7);
    assert_eq!(v["respondents"], 4);
    assert_eq!(v["sectors"]["public"], 2);
    assert_eq!(v["sectors"]["private"], 2);
    assert_eq!(v["sectors"]["other"], 1);
    assert_eq!(v["sectors"]["unknown"], 1);
    // 12,5 -> 10+; 3,99 -> <4; 4 -> 4-9; 9,99 -> 4-9; 10 -> 10+; blank -> unknown.
    assert_eq!(v["tenure"]["<4"], 1);
    assert_eq!(v["tenure"]["4-9"], 2);
    assert_eq!(v["tenure"]["10+"], 2);
    assert_eq!(v["tenure"]["unknown"], 1);
    // 44 -> >40; 29 -> <30; 30 and 40 -> 30-40; 41 -> >40.
    assert_eq!(v["age"]["<30"], 1);
    assert_eq!(v["age"]["30-40"], 2);
    assert_eq!(v["age"][">40"], 2);
    assert_eq!(v["in_degree"]["1"], 3);
    let loaded = infonet::io::load(&path).expect("loads");
    let names: Vec<String> = loaded.network.people().map(|(_, p)| p.name.clone()).collect();
    assert_eq!(names, ["Åse Ærøy", "Øystein Bråten", "Kåre Sæther", "Mari Løkken", "Bjørg Ås", "Pål Øvrebø"]);
}

#[test]
fn anonymized_exports_contain_no_real_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people = sample("fjellvik.people.csv");
    let loaded = infonet::io::load(&people).expect("sample");
    let names: Vec<String> = loaded.network.people().map(|(_, p)| p.name.clone()).collect();
    let surnames: Vec<String> =
        names.iter().filter_map(|n| n.split_whitespace().last().map(str::to_owned)).collect();
    for out in ["a.graphml", "a.gexf", "a.json", "a.csv"] {
        let path = dir.path().join(out);
        let status =
            infonet().args(["convert", "--anonymize"]).arg(&people).arg(&path).status().expect("runs");
        assert!(status.success(), "{out}");
    }
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.path()).expect("ls") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8 output");
        for name in names.iter().chain(&surnames) {
            assert!(!text.contains(name.as_str()), "{name} found in an anonymised export");
        }
        assert!(text.contains("Public 1") || text.contains("public-1"), "pseudonyms written");
        checked += 1;
    }
    assert_eq!(checked, 5, "graphml, gexf, json and the csv pair");
    let out = infonet().args(["stats", "--json", "--anonymize"]).arg(&people).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("p085"), "ids are replaced too");
    assert!(text.contains("\"public-1\""));
}

#[test]
fn convert_keeps_the_drawing_a_file_came_with() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gexf = r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed"><nodes>
    <node id="a" label="Åse"><viz:position x="12.5" y="300" z="0"/></node>
    <node id="b" label="Bjørn"><viz:position x="-40" y="7" z="0"/></node>
  </nodes><edges><edge source="a" target="b"/></edges></graph>
</gexf>"#;
    let input = write(dir.path(), "drawn.gexf", gexf.as_bytes());
    let output = dir.path().join("out.gexf");
    let status = infonet().arg("convert").arg(&input).arg(&output).status().expect("runs");
    assert!(status.success());
    let written = std::fs::read_to_string(&output).expect("written");
    // The same coordinates, in Gephi's orientation, not a fresh layout.
    assert!(written.contains(r#"<viz:position x="12.5" y="300" z="0.0"/>"#), "{written}");
    assert!(written.contains(r#"<viz:position x="-40" y="7" z="0.0"/>"#), "{written}");
}
