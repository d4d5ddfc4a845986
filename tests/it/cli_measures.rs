//! `infonet stats --json` against numbers computed independently with networkx 3.6.1 and by
//! hand in Python (tests/reference/compute_reference.py, its header says how): the
//! Krackhardt high-tech managers' advice network and the Lazega law firm's advice network.
//! Skipped with a note when the shared corpus is not next to the checkout.

use crate::corpus_support;

use std::path::Path;
use std::process::Command;

fn reference(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference").join(format!("{name}.json"));
    serde_json::from_slice(&std::fs::read(path).expect("reference file")).expect("reference JSON")
}

fn stats(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_infonet")).args(args).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn close(a: &serde_json::Value, b: &serde_json::Value, what: &str) {
    let (x, y) = (a.as_f64().expect(what), b.as_f64().expect(what));
    assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{what}: {x} vs reference {y}");
}

fn compare(ours: &serde_json::Value, reference: &serde_json::Value) {
    assert_eq!(ours["measured_people"], reference["n"]);
    assert_eq!(ours["measured_ties"], reference["m"]);
    close(&ours["density"], &reference["density"], "density");
    close(&ours["reciprocity"]["edgewise"], &reference["reciprocity_edgewise"], "edgewise reciprocity");
    close(&ours["reciprocity"]["dyadic"], &reference["reciprocity_dyadic"], "dyadic reciprocity");
    close(&ours["centralization_in"], &reference["in_degree_centralization"], "in-degree centralization");
    let count = |v: &serde_json::Value| v.as_array().map(Vec::len).expect("component list");
    assert_eq!(ours["components"]["weak"].as_u64(), Some(count(&reference["weak_components"]) as u64));
    assert_eq!(ours["components"]["strong"].as_u64(), Some(count(&reference["strong_components"]) as u64));
    let nodes = reference["nodes"].as_object().expect("nodes");
    assert_eq!(ours["betweenness"].as_object().map(|o| o.len()), Some(nodes.len()));
    for (key, node) in nodes {
        close(&ours["betweenness"][key], &node["betweenness"], &format!("betweenness of {key}"));
        assert_eq!(ours["in_degree"][key], node["in_degree"], "in-degree of {key}");
    }
}

#[test]
fn krackhardt_advice_matches_networkx() {
    let Some(corpus) = corpus_support::corpus() else {
        crate::corpus_support::skip("note: no corpus next to the checkout; skipped");
        return;
    };
    let advice = corpus.join("krackhardt-hightech-csv/Advice.csv");
    let ours = stats(&["stats", "--json", advice.to_str().expect("utf-8 path")]);
    compare(&ours, &reference("krackhardt_advice"));
}

#[test]
fn lazega_advice_matches_networkx() {
    let Some(corpus) = corpus_support::corpus() else {
        crate::corpus_support::skip("note: no corpus next to the checkout; skipped");
        return;
    };
    let paj = corpus.join("lazega-lawfirm-pajek/Lazega-Law-Firm.paj");
    let ours = stats(&["stats", "--json", "--relation", "advice", paj.to_str().expect("utf-8 path")]);
    let reference = reference("lazega_advice");
    // The Pajek project numbers people 1..71 (labels L1..L71); the reference is keyed by label.
    let mut renamed = ours.clone();
    for field in ["betweenness", "in_degree"] {
        let map = ours[field].as_object().expect("map");
        renamed[field] = map.iter().map(|(k, v)| (format!("L{k}"), v.clone())).collect();
    }
    compare(&renamed, &reference);
}
