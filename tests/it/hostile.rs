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
