//! Criterion benches of the GML, Pajek and UCINET DL readers on generated 100,000-node /
//! 300,000-edge files: `cargo bench --bench readers`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use infonet::io::gml::parse_gml;
use infonet::io::pajek::parse_pajek;
use infonet::io::ucinet_dl::parse_dl;

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

criterion_group!(benches, readers);
criterion_main!(benches);
