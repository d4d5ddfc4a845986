//! Hostile and faulty files (devices, expanding files, files that change while read, stray
//! bytes, planted links …): each gets a clear error or a correct network, never a hang,
//! unbounded memory, lost work or a leaked name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn infonet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_infonet"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stats_json(path: &Path, extra: &[&str]) -> Output {
    infonet().args(["stats", "--json"]).args(extra).arg(path).output().expect("runs")
}

/// A link to /dev/zero named like a GraphML file, and a named pipe: refused at once by name
/// (the link used to be read until memory ran out, the pipe blocked forever).
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let link = dir.path().join("z.graphml");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let out = stats_json(&link, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "{}: is a device, pipe or socket, not a file; save the network to a file and open that",
            link.display()
        )
    );
    let fifo = dir.path().join("p.ties.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = stats_json(&fifo, &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is a device, pipe or socket, not a file"), "{}", stderr(&out));
    }
    let out = stats_json(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is a folder, not a file"), "{}", stderr(&out));
}

/// A 101 KB Pajek file that declares 9,999,000 vertices is refused before anything is
/// allocated, naming the ceiling and the option that raises it; the option works both ways.
#[test]
fn a_small_file_cannot_declare_millions_of_people() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("*Vertices 9999000\n*Arcs\n");
    while text.len() < 101 * 1024 {
        text.push_str("1 2\n");
    }
    let big = write(dir.path(), "huge.net", text.as_bytes());
    let out = stats_json(&big, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "{}:1:11: *Vertices 9999000 declares 9,999,000 people; Infonet reads at most 1,000,000 people per \
             network (raise the ceiling with --max-people N, or INFONET_MAX_PEOPLE=N for the window)",
            big.display()
        )
    );

    let small = write(dir.path(), "small.net", b"*Vertices 1500\n*Arcs\n1 2\n");
    let out = stats_json(&small, &["--max-people", "1000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("declares 1,500 people; Infonet reads at most 1,000 people"),
        "{}",
        stderr(&out)
    );
    let out = stats_json(&small, &["--max-people", "2000"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["people"], 1500);

    // Tables and edge lists hold their people row by row: the ceiling holds there too.
    let edges: String = (0..1200).map(|i| format!("a{i} b{i}\n")).collect();
    let list = write(dir.path(), "many.edges", edges.as_bytes());
    let out = stats_json(&list, &["--max-people", "2000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("holds more than 2,000 people"), "{}", stderr(&out));
    let out = infonet()
        .args(["stats", "--json"])
        .arg(&list)
        .env("INFONET_MAX_PEOPLE", "3000")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// One stray byte in a UTF-8 file: names stay UTF-8 (they all became "GjÃ¦rde" before, in
/// tables, DL, edge lists, GML and Pajek alike) and the warning names the byte's line and column.
#[test]
fn a_stray_byte_leaves_names_intact_and_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pairs = String::new();
    for i in 1..=8 {
        pairs.push_str(&format!("\"Jon Gjærde {i}\" \"Åse {i}\"\n"));
    }
    let mut edges = pairs.clone().into_bytes();
    edges.extend_from_slice(b"\"Kari \xE6\" \"Ola\"\n");
    let mut gml = String::from("graph [\n directed 1\n");
    for i in 1..=8 {
        gml.push_str(&format!(" node [ id {i} label \"Jon Gjærde {i}\" ]\n"));
    }
    let mut gml = gml.into_bytes();
    gml.extend_from_slice(b" node [ id 9 label \"Kari \xE6\" ]\n edge [ source 1 target 2 ]\n]\n");
    let mut pajek = String::from("*Vertices 9\n");
    for i in 1..=8 {
        pajek.push_str(&format!("{i} \"Jon Gjærde {i}\"\n"));
    }
    let mut pajek = pajek.into_bytes();
    pajek.extend_from_slice(b"9 \"Kari \xE6\"\n*Arcs\n1 2\n");
    let mut people = String::from("id,name\n");
    for i in 1..=8 {
        people.push_str(&format!("p{i},Jon Gjærde {i}\n"));
    }
    let mut people = people.into_bytes();
    people.extend_from_slice(b"p9,Kari \xE6\n");
    write(dir.path(), "x.ties.csv", b"source,target\np1,p2\n");
    let cases: [(&str, &[u8], u32, u32); 4] = [
        ("x.edges", &edges, 9, 7),
        ("x.gml", &gml, 11, 26),
        ("x.net", &pajek, 10, 9),
        ("x.people.csv", &people, 10, 9),
    ];
    for (name, bytes, line, column) in cases {
        let path = write(dir.path(), name, bytes);
        let out = infonet().arg("stats").arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("Ã"), "{name}: mojibake in {text}");
        assert!(
            text.contains(&format!(
                "{}:{line}:{column}: byte 0xE6 is not UTF-8; the file is read as UTF-8",
                path.display()
            )),
            "{name}: {text}"
        );
    }
    let out = infonet().args(["stats", "--json"]).arg(dir.path().join("x.net")).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["people"], 9);
}

/// A NUL byte in a GML, Pajek, DL, JSON or edge-list file is reported where it is, in the words of
/// that format (it was "not a text table … save it as CSV from Excel" at 1:1), and a file over
/// the size limit is named as what it is.
#[test]
fn errors_name_the_format_and_the_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8], &str); 5] = [
        ("a.gml", b"graph [\n node [ id 1 label \"a\0\" ]\n]\n", "2:22: this is not a GML file"),
        ("a.net", b"*Vertices 2\n1 \"a\"\n2 \"b\0\"\n", "3:5: this is not a Pajek file"),
        ("a.dl", b"dl n=2\nformat=edgelist1\ndata:\n1 \x002\n", "4:3: this is not a UCINET DL file"),
        ("a.json", b"{\"nodes\": [{\"id\": \"a\0\"}], \"links\": []}", "1:21: this is not a JSON network"),
        ("a.edges", b"a b\nc d\0\n", "2:4: this is not an edge list"),
    ];
    for (name, bytes, expected) in cases {
        let path = write(dir.path(), name, bytes);
        let out = infonet().arg("stats").arg(&path).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("{}:{expected}: it holds binary data", path.display())),
            "{name}: {err}"
        );
        assert!(!err.contains("table"), "{name}: {err}");
    }
    let huge = dir.path().join("huge.graphml");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(600 << 20).expect("sparse file");
    let out = infonet().arg("stats").arg(&huge).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        format!("{} is too large to be a GraphML file (600 MB; the limit is 512 MB)", huge.display())
    );
}

/// Ctrl-C or SIGTERM during a save removes the temporary file (it held every name) and leaves
/// the old file as it was.
#[cfg(unix)]
#[test]
fn an_interrupted_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "in.ties.csv", b"source,target\nKari Nordmann,Ola Nordmann\n");
    let output = write(dir.path(), "out.graphml", b"old");
    for signal in ["TERM", "INT"] {
        let mut child = infonet()
            .arg("convert")
            .arg(&input)
            .arg(&output)
            .arg("--no-layout")
            .env("INFONET_TEST_SAVE_PAUSE_MS", "20000")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        let temp_files = || {
            std::fs::read_dir(dir.path())
                .expect("ls")
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count()
        };
        let start = std::time::Instant::now();
        while temp_files() == 0 && start.elapsed() < std::time::Duration::from_secs(20) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(temp_files(), 1, "the save is under way");
        let killed = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status();
        assert!(killed.is_ok_and(|s| s.success()));
        let status = child.wait().expect("ends");
        assert_eq!(status.code(), Some(130), "{signal}");
        assert_eq!(temp_files(), 0, "{signal}: the temporary file is removed");
        assert_eq!(std::fs::read(&output).expect("read"), b"old");
    }
}

/// Every string of the name, id, email and note columns, and the file's own name.
const SECRETS: &[&str] = &[
    "Kari",
    "Nordmann",
    "kari_nordmann",
    "Ola",
    "Per Hansen",
    "kari@example.no",
    "lives at",
    "Storgata",
    "p1",
    "p2",
    "p3",
];

fn assert_no_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} leaks {secret:?}:\n{}",
            text.get(..text.len().min(3000)).unwrap_or(text)
        );
    }
}

/// `--anonymize` leaves nothing of a name column, of free text, of exact ages or of the file
/// and graph names in any output (they leaked through titles, e-mail and note columns).
#[test]
fn anonymised_outputs_keep_no_names_titles_or_free_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people = write(
        dir.path(),
        "kari_nordmann.people.csv",
        "id,name,sector,tenure,age,email,note\n\
         p1,Kari Nordmann,public,12,47,kari@example.no,lives at Storgata 5\n\
         p2,Ola Nordmann,private,3,29,,\n\
         p3,Per Hansen,other,7,35,,\n"
            .as_bytes(),
    );
    write(dir.path(), "kari_nordmann.ties.csv", b"source,target\np1,p2\np2,p3\np3,p1\n");
    for out_name in ["anon.graphml", "anon.gexf", "anon.json", "anon.csv"] {
        let out = dir.path().join(out_name);
        let run = infonet().arg("convert").arg(&people).arg(&out).arg("--anonymize").output().expect("runs");
        assert_eq!(run.status.code(), Some(0), "{out_name}: {}", stderr(&run));
        // The temporary folder's random name ("/tmp/.tmp1PVttY") is no secret of the network.
        let folder = dir.path().display().to_string();
        assert_no_secrets(&format!("{out_name} (stderr)"), &stderr(&run).replace(&folder, "FOLDER"));
        for file in std::fs::read_dir(dir.path()).expect("ls").filter_map(Result::ok) {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.starts_with("anon") {
                assert_no_secrets(&name, &std::fs::read_to_string(file.path()).expect("text"));
            }
        }
        let written: String = std::fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(Result::ok)
            .filter(|f| f.file_name().to_string_lossy().starts_with("anon"))
            .filter_map(|f| std::fs::read_to_string(f.path()).ok())
            .collect();
        for exact in ["\"age\": 47", ">47<", ",47,", "\"47\"", "\"tenure\": 12", ">12<", ",12,", "\"12\""] {
            assert!(!written.contains(exact), "{out_name}: exact age or tenure {exact}");
        }
        // The bands stay, for the pictures and the measures.
        let back = stats_json(
            &out.with_file_name(if out_name == "anon.csv" { "anon.ties.csv" } else { out_name }),
            &[],
        );
        let v: serde_json::Value = serde_json::from_slice(&back.stdout).expect("json");
        assert_eq!(v["people"], 3, "{out_name}");
        assert_eq!(v["age"][">40"], 1, "{out_name}");
        assert_eq!(v["tenure"]["10+"], 1, "{out_name}");
    }
    let svg = dir.path().join("anon.svg");
    let run =
        infonet().arg("render").arg(&people).arg("-o").arg(&svg).arg("--anonymize").output().expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let svg_text = std::fs::read_to_string(&svg).expect("svg");
    // The embedded font's base64 is not text of the network.
    let without_font = match (svg_text.find("<defs>"), svg_text.find("</defs>")) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{}", svg_text.get(..a).unwrap_or_default(), svg_text.get(b..).unwrap_or_default())
        }
        _ => svg_text.clone(),
    };
    assert_no_secrets("anon.svg", &without_font);
    for args in [&["stats"][..], &["stats", "--json"][..]] {
        let run = infonet().args(args).arg(&people).arg("--anonymize").output().expect("runs");
        let folder = dir.path().display().to_string();
        assert_no_secrets("stats", &String::from_utf8_lossy(&run.stdout).replace(&folder, "FOLDER"));
    }
    // Named attributes are kept.
    let kept = dir.path().join("kept.json");
    let run = infonet()
        .arg("convert")
        .arg(&people)
        .arg(&kept)
        .args(["--anonymize", "--keep-attribute", "note"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = std::fs::read_to_string(&kept).expect("json");
    assert!(text.contains("lives at Storgata 5") && !text.contains("kari@example.no"), "{text}");

    // A graph title that names someone (Pajek *Network, GML label, JSON graph name, GraphML id).
    let titled: [(&str, &str); 4] = [
        ("t.net", "*Network Kari Nordmann ego\n*Vertices 2\n1 \"p1\"\n2 \"p2\"\n*Arcs\n1 2\n"),
        (
            "t.gml",
            "graph [ label \"Kari Nordmann ego\" directed 1 node [ id 1 label \"p1\" ] node [ id 2 label \"p2\" ] edge [ source 1 target 2 ] ]",
        ),
        (
            "t.json",
            "{\"directed\": true, \"graph\": {\"name\": \"Kari Nordmann ego\"}, \"nodes\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}], \"links\": [{\"source\": \"p1\", \"target\": \"p2\"}]}",
        ),
        (
            "t.graphml",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph id=\"Kari Nordmann ego\" edgedefault=\"directed\"><node id=\"p1\"/><node id=\"p2\"/><edge source=\"p1\" target=\"p2\"/></graph></graphml>",
        ),
    ];
    for (name, text) in titled {
        let input = write(dir.path(), name, text.as_bytes());
        for out_name in ["t-out.graphml", "t-out.gexf", "t-out.json"] {
            let out = dir.path().join(out_name);
            let run =
                infonet().arg("convert").arg(&input).arg(&out).arg("--anonymize").output().expect("runs");
            assert_eq!(run.status.code(), Some(0), "{name}: {}", stderr(&run));
            assert_no_secrets(
                &format!("{name} -> {out_name}"),
                &std::fs::read_to_string(&out).expect("text"),
            );
        }
        let run = infonet().args(["stats", "--json"]).arg(&input).arg("--anonymize").output().expect("runs");
        let folder = dir.path().display().to_string();
        assert_no_secrets(
            &format!("{name} stats"),
            &String::from_utf8_lossy(&run.stdout).replace(&folder, "FOLDER"),
        );
    }
}

/// Pseudonym numbers do not follow the order of the file.
#[test]
fn pseudonyms_do_not_follow_the_file_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut people = String::from("id,name,sector\n");
    let mut ties = String::from("source,target\n");
    for i in 0..40 {
        people.push_str(&format!("id{i},Name {i},public\n"));
        ties.push_str(&format!("id{i},id{}\n", (i + 1) % 40));
    }
    let path = write(dir.path(), "order.people.csv", people.as_bytes());
    write(dir.path(), "order.ties.csv", ties.as_bytes());
    let out = dir.path().join("anon.csv");
    let run = infonet().arg("convert").arg(&path).arg(&out).arg("--anonymize").output().expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = std::fs::read_to_string(dir.path().join("anon.people.csv")).expect("people");
    let names: Vec<&str> = text.lines().skip(1).filter_map(|l| l.split(',').nth(1)).collect();
    let in_order: Vec<String> = (1..=40).map(|n| format!("Public {n}")).collect();
    assert_eq!(names.len(), 40);
    assert_ne!(names, in_order.iter().map(String::as_str).collect::<Vec<_>>());
}

/// `infonet ocai --anonymize` prints no respondent id.
#[test]
fn ocai_anonymised_prints_no_respondent() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks");
    let Some(file) = std::fs::read_dir(&path)
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.eq_ignore_ascii_case("ocai.csv")))
    else {
        panic!("the samples hold an OCAI file");
    };
    let plain = infonet().args(["ocai", "--json"]).arg(&file).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    let ids: Vec<String> = v["municipalities"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|m| m["respondents"].as_array().into_iter().flatten())
        .filter_map(|r| r["respondent"].as_str().map(str::to_owned))
        .collect();
    assert!(!ids.is_empty());
    for args in [&["ocai", "--json", "--anonymize"][..], &["ocai", "--anonymize"][..]] {
        let out = infonet().args(args).arg(&file).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for id in &ids {
            assert!(
                !text.contains(&format!("\"{id}\"")) && !text.contains(&format!(" {id} ")),
                "{id} in {text}"
            );
        }
        assert!(text.contains("Respondent "), "{text}");
    }
}

/// `convert X.people.csv X.csv --anonymize` named its own input as output and wrote the
/// pseudonyms over the real names; no command writes over a file it reads.
#[test]
fn no_command_writes_over_its_own_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let people_text = b"id,name,sector\np1,Kari Nordmann,public\np2,Ola Nordmann,private\n";
    let ties_text = b"source,target\np1,p2\n";
    let people = write(dir.path(), "x.people.csv", people_text);
    let ties = write(dir.path(), "x.ties.csv", ties_text);
    for output in ["x.csv", "x.people.csv", "./x.ties.csv"] {
        let run = infonet()
            .current_dir(dir.path())
            .args(["convert", "x.people.csv", output, "--anonymize"])
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(1), "{output}");
        assert!(stderr(&run).contains("this is a file the command reads"), "{output}: {}", stderr(&run));
        assert_eq!(std::fs::read(&people).expect("read"), people_text);
        assert_eq!(std::fs::read(&ties).expect("read"), ties_text);
    }
    let graphml = write(
        dir.path(),
        "n.graphml",
        b"<graphml><graph edgedefault=\"directed\"><node id=\"a\"/></graph></graphml>",
    );
    let run = infonet().arg("convert").arg(&graphml).arg(&graphml).output().expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let run = infonet().arg("render").arg(&people).arg("-o").arg(&people).output().expect("runs");
    assert_ne!(run.status.code(), Some(0));
    assert_eq!(std::fs::read(&people).expect("read"), people_text);
    // Another name in the same folder is fine.
    let run =
        infonet().current_dir(dir.path()).args(["convert", "x.people.csv", "y.csv"]).output().expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// `convert` writes a file's coordinates back exactly (they passed through f32: 123.4567890123
/// became 123.456787109375, 16777217 became 16777216, and ±1e308 was dropped).
#[test]
fn convert_writes_file_coordinates_back_exactly() {
    use infonet::io::open::{Format, parse_raw};
    let dir = tempfile::tempdir().expect("tempdir");
    let coordinates: [[f64; 2]; 4] =
        [[123.456_789_012_3, -0.1], [16_777_217.0, 2.5e-7], [1e308, -1e308], [-7.0, 0.333_333_333_333_333_3]];
    let mut gexf = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\"><graph defaultedgetype=\"directed\"><nodes>",
    );
    for (i, [x, y]) in coordinates.iter().enumerate() {
        gexf.push_str(&format!(
            "<node id=\"n{i}\" label=\"n{i}\"><viz:position x=\"{x}\" y=\"{y}\"/></node>"
        ));
    }
    gexf.push_str("</nodes><edges><edge source=\"n0\" target=\"n1\"/></edges></graph></gexf>");
    let input = write(dir.path(), "in.gexf", gexf.as_bytes());
    let expected = |raw: &infonet::io::raw::RawFile| -> Vec<(String, [f64; 2])> {
        raw.graphs.first().map_or_else(Vec::new, |g| {
            g.nodes.iter().filter_map(|n| Some((n.id.clone(), n.position?))).collect()
        })
    };
    let original = expected(&parse_raw(Format::Gexf, gexf.as_bytes()).expect("reads"));
    assert_eq!(original.len(), 4);
    assert!(original.iter().any(|(_, p)| p[0] == 16_777_217.0));
    for (name, format) in
        [("out.gexf", Format::Gexf), ("out.graphml", Format::GraphMl), ("out.json", Format::Json)]
    {
        let out = dir.path().join(name);
        let run = infonet().arg("convert").arg(&input).arg(&out).output().expect("runs");
        assert_eq!(run.status.code(), Some(0), "{name}: {}", stderr(&run));
        let back = expected(&parse_raw(format, &std::fs::read(&out).expect("read")).expect("reads back"));
        if format == Format::Json {
            // node-link JSON has no standard position; where it is written, it must be exact.
            for (id, p) in &back {
                assert!(original.contains(&(id.clone(), *p)), "{name}: {id} {p:?}");
            }
        } else {
            assert_eq!(back, original, "{name}");
        }
    }
}

/// A NUL in GraphML is reported at its line and column too (it was 1:1).
#[test]
fn graphml_binary_data_is_reported_where_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path =
        write(dir.path(), "a.graphml", b"<graphml>\n<graph>\n  <node id=\"a\0\"/>\n</graph>\n</graphml>\n");
    let out = infonet().arg("stats").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!(
            "{}:3:14: this is not a GraphML file: it contains binary data",
            path.display()
        )),
        "{}",
        stderr(&out)
    );
}
