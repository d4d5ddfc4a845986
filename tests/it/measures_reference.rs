//! Measures against independent reference values (networkx 3.6.1, python-igraph 1.0.0, R sna 2.7-1
//! and hand computations in Python), made once by `tests/reference/compute_reference.py` and
//! stored as `tests/reference/*.json`. Every number is compared to 1e-9 relative (plus 1e-12
//! absolute, for zeros).
//!
//! The networks are built straight from the CSV files with a tiny test-only reader, so the test
//! does not depend on the app's io module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use infonet::analysis::adjacency::Adjacency;
use infonet::analysis::betweenness::betweenness;
use infonet::analysis::brokerage::{BrokerageOptions, brokerage};
use infonet::analysis::filter::{FilterSpec, Filtered, apply};
use infonet::analysis::measures::{Measures, PartitionMeasures, compute, partition_measures};
use infonet::analysis::partition::Partition;
use infonet::model::{Age, Network, Person, Sector, Tenure, Tie};
use serde_json::Value;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Option<PathBuf> {
    crate::corpus_support::corpus()
}

/// The sample networks: `<manifest>/sample-networks` in the app's crate, else (scratch crate)
/// `<manifest>/../../main/sample-networks`.
fn samples_dir() -> PathBuf {
    let local = crate_dir().join("sample-networks");
    if local.is_dir() { local } else { crate_dir().join("../../main/sample-networks") }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Splits one CSV line (no line breaks inside quotes) on `delimiter`, honouring quotes.
fn split(line: &str, delimiter: char) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("at least one field");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => fields.push(String::new()),
            c => field.push(c),
        }
    }
    fields
}

/// Rows as maps from header to value.
fn table(text: &str, delimiter: char) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty());
    let header = split(lines.next().expect("header"), delimiter);
    lines
        .map(|l| {
            header.iter().cloned().zip(split(l, delimiter).into_iter().map(|s| s.trim().to_owned())).collect()
        })
        .collect()
}

fn add_ties(network: &mut Network, pairs: impl IntoIterator<Item = (String, String)>) {
    for (s, t) in pairs {
        let a = network.find(&s).unwrap_or_else(|| panic!("no person {s}"));
        let b = network.find(&t).unwrap_or_else(|| panic!("no person {t}"));
        network.add_tie(a, b, Tie::default()).expect("simple graph");
    }
}

fn krackhardt(corpus: &Path) -> Network {
    let dir = corpus.join("krackhardt-hightech-csv");
    let mut network = Network::new("krackhardt");
    let mut rows = table(&read(&dir.join("Krack-High-Tec-Attributes.csv")), ';');
    rows.sort_by_key(|r| r["ID"].parse::<u32>().expect("numeric id"));
    for row in rows {
        let mut p = Person { respondent: true, ..Person::new(row["ID"].clone()) };
        p.attributes.insert("DEPT".into(), row["DEPT"].clone());
        network.add_person(p).expect("unique id");
    }
    let advice = table(&read(&dir.join("Advice.csv")), ';');
    add_ties(
        &mut network,
        advice
            .into_iter()
            .filter(|r| r["edge"] == "1" && r["ego"] != r["alter"])
            .map(|r| (r["ego"].clone(), r["alter"].clone())),
    );
    network
}

fn lazega(corpus: &Path) -> Network {
    let dir = corpus.join("derived-informant-csv");
    let mut network = Network::new("lazega");
    for row in table(&read(&dir.join("lazega_nodes.csv")), ',') {
        let mut p = Person { respondent: true, ..Person::new(row["id"].clone()) };
        p.attributes.insert("office".into(), row["office"].clone());
        network.add_person(p).expect("unique id");
    }
    let edges = table(&read(&dir.join("lazega_edges.csv")), ',');
    add_ties(
        &mut network,
        edges
            .into_iter()
            .filter(|r| r["relation"] == "advice")
            .map(|r| (r["source"].clone(), r["target"].clone())),
    );
    network
}

fn sample(name: &str) -> Network {
    let dir = samples_dir();
    let mut network = Network::new(name);
    for row in table(&read(&dir.join(format!("{name}.people.csv"))), ',') {
        let number = |k: &str| row[k].parse::<f64>().ok();
        network
            .add_person(Person {
                name: row["name"].clone(),
                sector: Sector::parse(&row["sector"]).expect("sector word"),
                tenure: number("tenure").map(Tenure::from_number).unwrap_or_default(),
                age: number("age").map(Age::from_number).unwrap_or_default(),
                respondent: row["respondent"] == "yes",
                ..Person::new(row["id"].clone())
            })
            .expect("unique id");
    }
    let ties = table(&read(&dir.join(format!("{name}.ties.csv"))), ',');
    add_ties(&mut network, ties.into_iter().map(|r| (r["source"].clone(), r["target"].clone())));
    network
}

fn reference(name: &str) -> Value {
    let path = crate_dir().join("tests/reference").join(format!("{name}.json"));
    serde_json::from_str(&read(&path)).expect("reference JSON")
}

#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    let ok = (actual - expected).abs() <= 1e-9 * expected.abs() + 1e-12;
    assert!(ok, "{what}: got {actual:.17e}, expected {expected:.17e}");
}

#[track_caller]
fn close_opt(actual: Option<f64>, expected: &Value, what: &str) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(e)) => close(a, e, what),
        (None, None) => {}
        (a, _) => panic!("{what}: got {a:?}, expected {expected}"),
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn count(v: &Value) -> usize {
    usize::try_from(v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))).expect("fits")
}

fn sizes(v: &Value) -> Vec<usize> {
    v.as_array().expect("array").iter().map(count).collect()
}

/// Network-level and per-person measures, with betweenness.
fn check_measures(network: &Network, visible: Option<&Filtered>, r: &Value) -> Measures {
    let name = r["name"].as_str().expect("name");
    let mut m = compute(network, visible);
    let adjacency = Adjacency::new(network, visible);
    assert!(m.set_betweenness(&betweenness(&adjacency)));
    assert_eq!((m.people, m.ties), (count(&r["n"]), count(&r["m"])), "{name}: n, m");
    close_opt(m.density, &r["density"], &format!("{name} density"));
    close_opt(m.reciprocity.edgewise, &r["reciprocity_edgewise"], &format!("{name} reciprocity edgewise"));
    close_opt(m.reciprocity.dyadic, &r["reciprocity_dyadic"], &format!("{name} reciprocity dyadic"));
    assert_eq!(m.reciprocity.mutual_dyads, count(&r["mutual_dyads"]), "{name}: mutual");
    assert_eq!(m.reciprocity.asymmetric_dyads, count(&r["asymmetric_dyads"]), "{name}: asymmetric");
    close_opt(
        m.in_degree_centralization,
        &r["in_degree_centralization"],
        &format!("{name} in-degree centralization"),
    );
    close_opt(
        m.betweenness_centralization,
        &r["betweenness_centralization"],
        &format!("{name} betweenness centralization"),
    );
    assert_eq!(m.weak_components.sizes, sizes(&r["weak_components"]), "{name}: weak components");
    assert_eq!(m.weak_components.count, m.weak_components.sizes.len());
    assert_eq!(m.strong_components.sizes, sizes(&r["strong_components"]), "{name}: strong components");
    let isolates: Vec<String> =
        m.isolates.iter().map(|&i| m.person(i).expect("isolate is a visible person").key.clone()).collect();
    let expected_isolates: Vec<String> = r["isolates"]
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("key").to_owned())
        .collect();
    assert_eq!(isolates, expected_isolates, "{name}: isolates");
    let nodes = r["nodes"].as_object().expect("nodes");
    assert_eq!(nodes.len(), m.persons.len());
    for p in &m.persons {
        let e = &nodes[&p.key];
        let what = |x: &str| format!("{name} {} {x}", p.key);
        assert_eq!(p.in_degree, count(&e["in_degree"]), "{}", what("in-degree"));
        match p.out_degree {
            Some(d) => assert_eq!(d, count(&e["out_degree"]), "{}", what("out-degree")),
            None => assert_eq!(count(&e["out_degree"]), 0, "{}", what("named-only out-degree")),
        }
        close(p.pagerank, num(&e["pagerank"]), &what("pagerank"));
        close(p.betweenness.expect("set"), num(&e["betweenness"]), &what("betweenness"));
        close(
            p.betweenness_normalised.expect("set"),
            num(&e["betweenness_normalized"]),
            &what("betweenness normalised"),
        );
    }
    m
}

fn check_mixing(pm: &PartitionMeasures, r: &Value, name: &str) {
    let e = &r["mixing"];
    assert_eq!(pm.known_people, count(&e["known_people"]), "{name}: known people");
    assert_eq!(pm.unknown_people, count(&e["unknown_people"]), "{name}: unknown people");
    assert_eq!(pm.excluded_ties, count(&e["excluded_ties"]), "{name}: excluded ties");
    assert_eq!(
        (pm.internal_ties, pm.external_ties),
        (count(&e["internal_ties"]), count(&e["external_ties"]))
    );
    close_opt(pm.ei, &e["ei"], &format!("{name} E-I"));
    close_opt(pm.ei_expected, &e["ei_expected"], &format!("{name} expected E-I (tie-weighted)"));
    close_opt(pm.ei_expected_by_size, &e["ei_expected_by_size"], &format!("{name} expected E-I (by size)"));
    close_opt(pm.assortativity, &e["assortativity"], &format!("{name} assortativity"));
    let groups = e["groups"].as_object().expect("groups");
    // Empty groups exist only on the Rust side (fixed sector list); every group with members
    // must match.
    let nonempty: Vec<_> = pm.groups.iter().filter(|g| g.size > 0).collect();
    assert_eq!(nonempty.len(), groups.len(), "{name}: group count");
    for (gi, g) in pm.groups.iter().enumerate() {
        if g.size == 0 {
            assert!(!groups.contains_key(&g.key));
            continue;
        }
        let x = &groups[&g.key];
        let what = |w: &str| format!("{name} group {} {w}", g.key);
        assert_eq!(
            (g.size, g.sent, g.received, g.internal),
            (count(&x["size"]), count(&x["sent"]), count(&x["received"]), count(&x["internal"])),
            "{}",
            what("counts")
        );
        close_opt(g.ei_sent, &x["ei_sent"], &what("E-I sent"));
        close_opt(g.ei_received, &x["ei_received"], &what("E-I received"));
        close_opt(g.ei_expected, &x["ei_expected"], &what("expected E-I"));
        close_opt(g.coleman, &x["coleman"], &what("Coleman"));
        for (hi, h) in pm.groups.iter().enumerate() {
            let expected = e["matrix"].get(&g.key).and_then(|row| row.get(&h.key)).map_or(0, count);
            assert_eq!(pm.mixing[gi][hi], expected, "{}", what(&format!("-> {}", h.key)));
        }
    }
}

/// Brokerage against sna: with unknowns as a group of their own (`r["brokerage"]`) or left out
/// (`r["brokerage_known_only"]`, sna on the subgraph of people with a known group).
fn check_brokerage(
    network: &Network,
    visible: Option<&Filtered>,
    partition: &Partition,
    unknown_as: Option<&str>,
    r: &Value,
) {
    let name = r["name"].as_str().expect("name");
    let options =
        BrokerageOptions { unknown_as: unknown_as.map(str::to_owned), ..BrokerageOptions::default() };
    let b = brokerage(network, visible, partition, &options);
    let e = if unknown_as.is_some() { &r["brokerage"] } else { &r["brokerage_known_only"] };
    let six = |v: &Value| -> Vec<Value> { v.as_array().expect("6 numbers").clone() };
    let compare =
        |raw: [u64; 6], expected: Option<[f64; 6]>, z: [Option<f64>; 6], reference: &Value, what: &str| {
            for (k, x) in six(&reference["raw"]).iter().enumerate() {
                assert_eq!(raw[k] as f64, num(x), "{what} raw[{k}]");
            }
            if let Some(expected) = expected {
                for (k, x) in six(&reference["expected"]).iter().enumerate() {
                    close(expected[k], num(x), &format!("{what} expected[{k}]"));
                }
            }
            for (k, x) in six(&reference["z"]).iter().enumerate() {
                // sna gives NaN / Inf where the SD is 0; we give None.
                close_opt(z[k], x, &format!("{what} z[{k}]"));
            }
        };
    let arr = |r: infonet::analysis::brokerage::Roles<u64>| {
        [r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison, r.total]
    };
    let arr_f = |r: infonet::analysis::brokerage::Roles<f64>| {
        [r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison, r.total]
    };
    let arr_z = |r: infonet::analysis::brokerage::Roles<Option<f64>>| {
        [r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison, r.total]
    };
    let nodes = e["nodes"].as_object().expect("nodes");
    assert_eq!(b.people, nodes.len(), "{name}: people in brokerage ({unknown_as:?})");
    for p in &b.persons {
        if p.group.is_none() {
            assert!(!nodes.contains_key(&p.key) && p.raw.total == 0, "{name} {}: left out", p.key);
            continue;
        }
        compare(
            arr(p.raw),
            p.expected.map(arr_f),
            arr_z(p.z),
            &e["nodes"][&p.key],
            &format!("{name} {} brokerage", p.key),
        );
    }
    compare(
        arr(b.totals),
        Some(arr_f(b.expected)),
        arr_z(b.z),
        &e["network"],
        &format!("{name} network brokerage"),
    );
}

#[test]
fn krackhardt_advice_by_department() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip(
            "note: no corpus found (set INFONET_CORPUS); Krackhardt reference skipped",
        );
        return;
    };
    let r = reference("krackhardt_advice");
    let network = krackhardt(&corpus);
    check_measures(&network, None, &r);
    let partition = Partition::Attribute("DEPT".into());
    let adjacency = Adjacency::new(&network, None);
    let pm = partition_measures(&network, &adjacency, &partition);
    assert_eq!(pm.partition, "attribute:DEPT");
    check_mixing(&pm, &r, "krackhardt");
    check_brokerage(&network, None, &partition, None, &r);
}

#[test]
fn lazega_advice_by_office() {
    let Some(corpus) = corpus() else {
        crate::corpus_support::skip("note: no corpus found (set INFONET_CORPUS); Lazega reference skipped");
        return;
    };
    let r = reference("lazega_advice");
    let network = lazega(&corpus);
    check_measures(&network, None, &r);
    let partition = Partition::Attribute("office".into());
    let pm = partition_measures(&network, &Adjacency::new(&network, None), &partition);
    check_mixing(&pm, &r, "lazega");
    check_brokerage(&network, None, &partition, None, &r);
}

fn check_sample(name: &str, reference_name: &str, filter: Option<&str>) {
    let r = reference(reference_name);
    let network = sample(name);
    let filtered = filter.map(|f| apply(&network, &FilterSpec::parse(f).expect("filter")));
    let m = check_measures(&network, filtered.as_ref(), &r);
    check_mixing(m.partition("sector").expect("sector"), &r, reference_name);
    check_brokerage(&network, filtered.as_ref(), &Partition::Sector, Some("unknown"), &r);
    check_brokerage(&network, filtered.as_ref(), &Partition::Sector, None, &r);
}

#[test]
fn fjellvik_by_sector() {
    check_sample("fjellvik", "fjellvik", None);
}

#[test]
fn solboen_by_sector() {
    check_sample("solboen", "solboen", None);
}

#[test]
fn asdalen_by_sector() {
    check_sample("asdalen", "asdalen", None);
}

#[test]
fn fjellvik_filtered_to_tenure_10_plus() {
    check_sample("fjellvik", "fjellvik_tenure10", Some("tenure=10+"));
}
