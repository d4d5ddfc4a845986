//! Criterion benches of every reader on generated 100,000-person / 300,000-tie files:
//! `cargo bench --bench readers`. (`infonet stats FILE --json` on a big file times the same
//! from the command line.)

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use infonet_core::io::gml::parse_gml;
use infonet_core::io::pajek::parse_pajek;
use infonet_core::io::ucinet_dl::parse_dl;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NODES: usize = 100_000;
const EDGES: usize = 300_000;

fn target(i: usize) -> usize {
    (i * 7919 + 13) % NODES
}

fn gml() -> String {
    let mut text = String::from("Creator \"speed test\"\ngraph [\n  directed 1\n");
    let sectors = ["public", "private", "other"];
    for i in 0..NODES {
        let sector = sectors.get(i % 3).expect("writing to a String");
        writeln!(
            text,
            "  node [\n    id {i}\n    label \"Person {i} &amp; co\"\n    sector \"{sector}\"\n    age {}\n    graphics [ x {}.5 y {}.25 w 10 fill \"#D62728\" ]\n  ]",
            20 + i % 50,
            i % 1000,
            i / 1000
        )
        .expect("writing to a String");
    }
    for i in 0..EDGES {
        writeln!(
            text,
            "  edge [\n    source {}\n    target {}\n    weight {}\n  ]",
            i % NODES,
            target(i),
            1 + i % 3
        )
        .expect("writing to a String");
    }
    text.push_str("]\n");
    text
}

fn pajek() -> String {
    let mut text = format!("*Network speed\r\n*Vertices {NODES}\r\n");
    for i in 1..=NODES {
        writeln!(text, "{i} \"Person {i}\" 0.{:04} 0.{:04} 0.5000 ic Red\r", i % 10_000, (i * 7) % 10_000)
            .expect("writing to a String");
    }
    text.push_str("*Arcs :1 \"advice\"\r\n");
    for i in 0..EDGES {
        writeln!(text, "{} {} {}\r", i % NODES + 1, target(i) + 1, 1 + i % 3).expect("writing to a String");
    }
    text
}

fn dl() -> String {
    let mut text = format!("dl n={NODES} format=edgelist1\nlabels embedded:\ndata:\n");
    for i in 0..EDGES {
        writeln!(text, "p{} p{} {}", i % NODES, target(i), 1 + i % 3).expect("writing to a String");
    }
    text
}

fn readers(c: &mut Criterion) {
    let (gml, pajek, dl) = (gml(), pajek(), dl());
    let mut group = c.benchmark_group("read_100000");
    group.sample_size(10);
    group.bench_function("gml", |b| b.iter(|| black_box(parse_gml(gml.as_bytes()))));
    group.bench_function("pajek", |b| b.iter(|| black_box(parse_pajek(pajek.as_bytes()))));
    group.bench_function("dl_edgelist1", |b| b.iter(|| black_box(parse_dl(dl.as_bytes()))));
    group.finish();
}

/// GraphML, GEXF and node-link JSON as Infonet writes them, the people + ties CSV pair, and a
/// plain edge list, all of one synthetic 100,000-person network.
fn more_readers(c: &mut Criterion) {
    let network = infonet_core::bench::synthetic_network(NODES, 3, 1);
    let raw = infonet_core::io::export::raw_graph_of(&network, None);
    let graphml = infonet_core::io::graphml::write_graphml(&raw);
    let gexf = infonet_core::io::gexf::write_gexf(&raw);
    let json = infonet_core::io::json_graph::write_node_link(&raw);
    let people = infonet_core::io::export::people_csv(&network);
    let ties = infonet_core::io::export::ties_csv(&network);
    let mut edges = String::from("# an edge list\n");
    for (_, s, t, _) in network.ties() {
        writeln!(edges, "{} {}", s.index(), t.index()).expect("writing to a String");
    }
    let mut group = c.benchmark_group("read_100000");
    group.sample_size(10);
    group.bench_function("graphml", |b| {
        b.iter(|| black_box(infonet_core::io::graphml::parse_graphml(graphml.as_bytes())));
    });
    group.bench_function("gexf", |b| {
        b.iter(|| black_box(infonet_core::io::gexf::parse_gexf(gexf.as_bytes())));
    });
    group.bench_function("node_link_json", |b| {
        b.iter(|| black_box(infonet_core::io::json_graph::parse_json_graph(json.as_bytes())));
    });
    group.bench_function("edge_list", |b| {
        b.iter(|| black_box(infonet_core::io::edge_list::parse_edge_list(edges.as_bytes())));
    });
    group.bench_function("people_ties_csv_to_network", |b| {
        b.iter(|| {
            let people = infonet_core::io::parse_people(people.as_bytes()).ok();
            let ties = infonet_core::io::parse_ties(ties.as_bytes()).ok();
            black_box(ties.map(|t| infonet_core::io::build_network("bench", people, t)))
        });
    });
    // The whole load from disk as the window and the command line do it: find the partner,
    // read both files, tell their format, parse, build.
    let dir = tempfile::tempdir().expect("temporary folder");
    let people_path = dir.path().join("bench.people.csv");
    std::fs::write(&people_path, &people).expect("write people");
    std::fs::write(dir.path().join("bench.ties.csv"), &ties).expect("write ties");
    group.bench_function("open_people_ties_files", |b| {
        b.iter(|| {
            black_box(infonet_core::io::open::open(
                &people_path,
                &infonet_core::io::open::LoadOptions::default(),
                &infonet_core::io::Progress::new(),
            ))
        });
    });
    group.finish();
}

/// Inputs that would expose quadratic work: the unit tests check what these give, this checks
/// how long they take (`cargo bench --bench readers pathological`).
fn pathological(c: &mut Criterion) {
    let one_field = "x".repeat(10 << 20);
    let quotes = "\"\"".repeat(5 << 20);
    let long_value = format!("source,target\na,{}\n", "b".repeat(10 << 20));
    let mut keys = String::from("<graphml>");
    for i in 0..20_000 {
        write!(keys, "<key id='k{i}' for='node' attr.name='a{i}'><default>x</default></key>")
            .expect("String");
    }
    keys.push_str("<graph><node id='n'/></graph></graphml>");
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    group.bench_function("tokenize_10mb_one_field", |b| {
        b.iter(|| black_box(infonet_core::io::Tokenizer::sniffed(&one_field).count()));
    });
    group.bench_function("tokenize_10mb_of_quotes", |b| {
        b.iter(|| black_box(infonet_core::io::Tokenizer::sniffed(&quotes).count()));
    });
    group.bench_function("ties_with_a_10mb_value", |b| {
        b.iter(|| black_box(infonet_core::io::parse_ties(long_value.as_bytes()).is_ok()));
    });
    group.bench_function("graphml_20000_keys", |b| {
        b.iter(|| black_box(infonet_core::io::graphml::parse_graphml(keys.as_bytes()).is_ok()));
    });
    group.finish();
}

criterion_group!(benches, readers, more_readers, pathological);
criterion_main!(benches);
