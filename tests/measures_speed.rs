//! Speed of the measures on a synthetic network of 10,000 people and 30,000 ties. Ignored by
//! default; run in release and read the printed times (nothing is asserted about time):
//!
//! `cargo test --release --test measures_speed -- --ignored --nocapture`

use std::sync::atomic::{AtomicBool, AtomicU32};
use std::time::Instant;

use infonet::analysis::adjacency::Adjacency;
use infonet::analysis::betweenness::betweenness_with_progress;
use infonet::analysis::brokerage::{BrokerageOptions, brokerage};
use infonet::analysis::composition::composition;
use infonet::analysis::filter::{FilterSpec, apply};
use infonet::analysis::measures::compute;
use infonet::analysis::partition::Partition;
use infonet::model::{Age, Network, Person, Sector, Tenure, Tie};

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

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn ten_thousand_people_thirty_thousand_ties() {
    let network = synthetic(10_000, 30_000);
    // Warm-up, then the best of five.
    let _ = compute(&network, None);
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let m = compute(&network, None);
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!((m.people, m.ties), (10_000, 30_000));
    }
    eprintln!("measures::compute (10k people, 30k ties): {:.1} ms (best of 5)", best * 1e3);

    let filtered = apply(&network, &FilterSpec::parse("tenure=10+").expect("filter"));
    let start = Instant::now();
    let m = compute(&network, Some(&filtered));
    eprintln!(
        "measures::compute filtered to tenure 10+ ({} people): {:.1} ms",
        m.people,
        start.elapsed().as_secs_f64() * 1e3
    );

    let start = Instant::now();
    let c = composition(&network, None);
    eprintln!(
        "composition: {:.1} ms (most named threshold {:?})",
        start.elapsed().as_secs_f64() * 1e3,
        c.most_named_threshold
    );

    let start = Instant::now();
    let b = brokerage(&network, None, &Partition::Sector, &BrokerageOptions::default());
    eprintln!(
        "brokerage by sector: {:.1} ms (total {})",
        start.elapsed().as_secs_f64() * 1e3,
        b.totals.total
    );

    let adjacency = Adjacency::new(&network, None);
    let start = Instant::now();
    let raw = betweenness_with_progress(&adjacency, &AtomicU32::new(0), &AtomicBool::new(false))
        .expect("not cancelled");
    eprintln!("betweenness (Brandes, 1 thread): {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
    assert_eq!(raw.len(), 10_000);
}
