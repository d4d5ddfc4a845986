//! What Infonet writes opens in networkx and igraph with the same people, ties and attributes
//! (and æøå intact). Needs a Python with networkx 3.6.1 and python-igraph 1.0.0: `.ci/run`
//! makes one and sets `$INFONET_PYTHON`; without it the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("INFONET_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("python3")])
        .collect();
    candidates.into_iter().find(|p| {
        Command::new(p).args(["-c", "import networkx, igraph"]).output().is_ok_and(|o| o.status.success())
    })
}

const READER: &str = r#"
import json, sys
import networkx as nx, igraph as ig
path, kind = sys.argv[1], sys.argv[2]
if kind == "graphml":
    g = nx.read_graphml(path)
    h = ig.Graph.Read_GraphML(path)
    ig_info = {"n": h.vcount(), "m": h.ecount(), "names": sorted(h.vs["label"])}
elif kind == "gexf":
    g = nx.read_gexf(path)
    ig_info = None
else:
    with open(path, encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), edges="edges")
    ig_info = None
p = g.nodes["p085"]
print(json.dumps({
    "n": g.number_of_nodes(), "m": g.number_of_edges(), "directed": g.is_directed(),
    "p085": {k: p[k] for k in ("label", "sector", "tenure", "age", "role") if k in p},
    "labels": sorted(d.get("label", "") for _, d in g.nodes(data=True)),
    "igraph": ig_info,
}, ensure_ascii=False))
"#;

#[test]
fn networkx_and_igraph_read_what_we_write() {
    let Some(python) = python() else {
        crate::corpus_support::skip(
            "note: no Python with networkx and igraph; set INFONET_PYTHON (.ci/run does); skipped",
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let people = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks/fjellvik.people.csv");
    let original = infonet::io::load(&people).expect("sample");
    let mut names: Vec<String> = original.network.people().map(|(_, p)| p.name.clone()).collect();
    names.sort();
    let p085 = original.network.person(original.network.find("p085").expect("p085")).expect("p085").clone();
    for (file, kind) in [("f.graphml", "graphml"), ("f.gexf", "gexf"), ("f.json", "json")] {
        let out = dir.path().join(file);
        let status = Command::new(env!("CARGO_BIN_EXE_infonet"))
            .arg("convert")
            .arg(&people)
            .arg(&out)
            .status()
            .expect("runs");
        assert!(status.success(), "{file}");
        let read =
            Command::new(&python).arg("-c").arg(READER).arg(&out).arg(kind).output().expect("python runs");
        assert!(read.status.success(), "{file}: {}", String::from_utf8_lossy(&read.stderr));
        let v: serde_json::Value = serde_json::from_slice(&read.stdout).expect("reader JSON");
        assert_eq!(v["n"], 91, "{file}");
        assert_eq!(v["m"], 204, "{file}");
        assert_eq!(v["directed"], true, "{file}");
        assert_eq!(v["p085"]["label"].as_str(), Some(p085.name.as_str()), "{file}");
        assert_eq!(v["p085"]["sector"], "public", "{file}");
        assert_eq!(v["p085"]["role"].as_str(), p085.attributes.get("role").map(String::as_str), "{file}");
        assert_eq!(v["p085"]["tenure"].as_f64(), p085.tenure.years, "{file}");
        assert_eq!(v["p085"]["age"].as_f64(), p085.age.years, "{file}");
        let labels: Vec<String> = v["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .filter_map(|l| l.as_str().map(str::to_owned))
            .collect();
        assert_eq!(labels, names, "{file}: every name, æøå intact");
        if kind == "graphml" {
            assert_eq!(v["igraph"]["n"], 91);
            assert_eq!(v["igraph"]["m"], 204);
            let ig_names: Vec<String> = v["igraph"]["names"]
                .as_array()
                .expect("names")
                .iter()
                .filter_map(|l| l.as_str().map(str::to_owned))
                .collect();
            assert_eq!(ig_names, names, "igraph reads the same names");
        }
    }
}
