//! Criterion benches of the network measures on 10,000 people and 30,000 ties (the issue's
//! "under 100 ms but betweenness" budget): `cargo bench --bench analysis`.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU32};

use criterion::{Criterion, criterion_group, criterion_main};
use infonet_core::analysis::adjacency::Adjacency;
use infonet_core::analysis::betweenness::betweenness_with_progress;
use infonet_core::analysis::brokerage::{BrokerageOptions, brokerage};
use infonet_core::analysis::composition::composition;
use infonet_core::analysis::filter::{FilterSpec, apply};
use infonet_core::analysis::measures::compute;
use infonet_core::analysis::partition::Partition;
use infonet_core::model::{Age, Network, Person, Sector, Tenure, Tie};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Deterministic pseudo-random numbers (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// n people, m ties; a quarter are named-only; targets skewed towards low indices (hubs).
fn synthetic(n: usize, m: usize) -> Network {
    let mut rng = Lcg(42);
    let mut network = Network::new("synthetic");
    let ids: Vec<_> = (0..n)
        .map(|i| {
            network
                .add_person(Person {
                    sector: Sector::ALL[rng.next(4)],
                    tenure: Tenure::from_number(rng.next(40) as f64),
                    age: Age::from_number(18.0 + rng.next(60) as f64),
                    respondent: i % 4 != 0,
                    ..Person::new(format!("p{i}"))
                })
                .expect("unique")
        })
        .collect();
    let respondents: Vec<_> = (0..n).filter(|i| i % 4 != 0).collect();
    let mut added = 0;
    while added < m {
        let s = respondents[rng.next(respondents.len())];
        let t = if rng.next(3) == 0 { rng.next(n / 20) } else { rng.next(n) };
        if network.add_tie(ids[s], ids[t], Tie::default()).is_ok() {
            added += 1;
        }
    }
    network
}

fn measures(c: &mut Criterion) {
    let network = synthetic(10_000, 30_000);
    let mut group = c.benchmark_group("measures_10000");
    group.sample_size(20);
    group.bench_function("compute", |b| b.iter(|| black_box(compute(&network, None))));
    let filtered = apply(&network, &FilterSpec::parse("tenure=10+").expect("filter"));
    group.bench_function("compute_filtered", |b| b.iter(|| black_box(compute(&network, Some(&filtered)))));
    group.bench_function("composition", |b| b.iter(|| black_box(composition(&network, None))));
    group.bench_function("brokerage_sector", |b| {
        b.iter(|| black_box(brokerage(&network, None, &Partition::Sector, &BrokerageOptions::default())));
    });
    let adjacency = Adjacency::new(&network, None);
    group.sample_size(10);
    group.bench_function("betweenness", |b| {
        b.iter(|| {
            black_box(betweenness_with_progress(&adjacency, &AtomicU32::new(0), &AtomicBool::new(false)))
        });
    });
    group.finish();
}

criterion_group!(benches, measures);
criterion_main!(benches);
