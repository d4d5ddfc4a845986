//! `infonet render`: pictures of networks and saved projects without a window.

use std::path::PathBuf;
use std::process::Command;

use infonet::project::{ProjectFile, SavedCamera, SavedNetwork, SavedScene};

fn infonet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_infonet"))
}

fn sample(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(file)
}

fn circles(svg: &str) -> usize {
    svg.matches("<circle").count()
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn a_network_renders_as_svg_and_png_with_every_person() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg_path = dir.path().join("solboen.svg");
    let out = infonet()
        .arg("render")
        .arg(sample("solboen.people.csv"))
        .arg("-o")
        .arg(&svg_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&svg_path).expect("written");
    // 46 people plus the legend's 4 sector and 3 size samples.
    assert_eq!(circles(&svg), 46 + 7);
    assert!(svg.contains("Ellinor Mørk"), "names with æøå are drawn");
    assert!(svg.contains("Solboen"), "the legend's title");

    let png_path = dir.path().join("solboen.png");
    let out = infonet()
        .arg("render")
        .arg(sample("solboen.people.csv"))
        .args(["--width", "1200", "--transparent", "-o"])
        .arg(&png_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(png_size(&std::fs::read(&png_path).expect("written")), (1200, 800));
}

#[test]
fn filters_and_pseudonyms_change_what_is_drawn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("public.svg");
    let out = infonet()
        .arg("render")
        .arg(sample("solboen.people.csv"))
        .args(["--filter", "sector:hide=public", "--anonymize", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&path).expect("written");
    // The 23 public people, and the legend's sector samples for the 4 sectors shown in counts.
    assert_eq!(circles(&svg), 23 + 4);
    assert!(!svg.contains("Ellinor"), "no real name survives --anonymize");
    assert!(svg.contains("Public 1"), "pseudonyms are drawn");
}

#[test]
fn a_project_scene_renders_its_saved_filter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = infonet::io::samples::load("solboen").expect("bundled").expect("parses");
    let mut project = ProjectFile::new();
    project.networks.push(SavedNetwork::from_network(
        &loaded.network,
        None,
        Default::default(),
        None,
        Default::default(),
        Vec::new(),
    ));
    project.scenes.push(SavedScene {
        name: "Private only".into(),
        network: 0,
        filter: infonet::analysis::FilterSpec::parse("sector:hide=private").expect("spec"),
        focus: None,
        ego_depth: 0,
        camera: SavedCamera::default(),
        positions: Default::default(),
        chart: None,
        legend_corner: None,
        extra: Default::default(),
    });
    let project_path = dir.path().join("study.infonet");
    project.write(&project_path).expect("saved");

    let whole = dir.path().join("whole.svg");
    let out = infonet().arg("render").arg(&project_path).arg("-o").arg(&whole).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(circles(&std::fs::read_to_string(&whole).expect("written")), 46 + 7);

    let scene = dir.path().join("scene.svg");
    let out = infonet()
        .arg("render")
        .arg(&project_path)
        .args(["--scene", "private ONLY", "-o"])
        .arg(&scene)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&scene).expect("written");
    assert!(
        circles(&svg) >= 20 && circles(&svg) < 46,
        "20 private people and the legend, got {}",
        circles(&svg)
    );

    let out = infonet()
        .arg("render")
        .arg(&project_path)
        .args(["--scene", "Nope", "-o"])
        .arg(dir.path().join("x.svg"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no scene \"Nope\"") && err.contains("Private only"), "{err}");
    assert!(!dir.path().join("x.svg").exists());
}

#[test]
fn a_wrong_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = infonet()
        .arg("render")
        .arg(sample("solboen.people.csv"))
        .arg("-o")
        .arg(dir.path().join("x.jpg"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".svg or .png"));
}
