//! Headless measurements: a made-up informant network of any size (benches, `infonet bench`,
//! tests) and the time a fresh layout takes to settle.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::layout::{self, LayoutEngine, LayoutParams, LayoutStatus};
use crate::model::{Age, Network, Person, Sector, Tenure, Tie};

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A made-up informant network of `n` people: preferential attachment (each newcomer names
/// `m` earlier people, likelier the more named they already are), sectors, tenure and age drawn
/// to look like the study's municipalities. Deterministic for a seed.
pub fn synthetic_network(n: usize, m: usize, seed: u64) -> Network {
    let mut net = Network::new(format!("Synthetic {n}"));
    let mut state = mix(seed);
    let mut next = || {
        state = mix(state);
        state
    };
    let mut ids = Vec::with_capacity(n);
    // Targets repeated by in-degree + 1 (preferential attachment by sampling this list).
    let mut pool: Vec<u32> = Vec::with_capacity(n * (m + 1));
    for i in 0..n {
        let r = next();
        let sector = match r % 100 {
            0..=47 => Sector::Public,
            48..=92 => Sector::Private,
            93..=97 => Sector::Other,
            _ => Sector::Unknown,
        };
        let tenure = match (r >> 8) % 100 {
            0..=9 => 1.0 + ((r >> 16) % 30) as f64 / 10.0,
            10..=27 => 4.0 + ((r >> 16) % 60) as f64 / 10.0,
            _ => 10.0 + ((r >> 16) % 45) as f64,
        };
        let age = match (r >> 24) % 100 {
            0..=2 => 22.0 + ((r >> 32) % 8) as f64,
            3..=29 => 30.0 + ((r >> 32) % 11) as f64,
            _ => 41.0 + ((r >> 32) % 30) as f64,
        };
        let person = Person {
            name: format!("Person {i}"),
            sector,
            tenure: Tenure::from_number(tenure),
            age: Age::from_number(age),
            respondent: i % 2 == 0 || i < m + 1,
            ..Person::new(format!("p{i}"))
        };
        let Ok(id) = net.add_person(person) else { continue };
        ids.push(id);
        pool.push(i as u32);
        if i == 0 {
            continue;
        }
        for _ in 0..m.min(i) {
            let pick = pool.get((next() % pool.len() as u64) as usize).copied().unwrap_or(0) as usize;
            let (Some(&a), Some(&b)) = (ids.get(i), ids.get(pick)) else { continue };
            if net.add_tie(a, b, Tie::default()).is_ok() {
                pool.push(pick as u32);
            }
        }
    }
    net
}

/// The result of a settle benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct SettleReport {
    /// People.
    pub n: usize,
    /// Ties.
    pub m: usize,
    /// Steps until the layout settled.
    pub steps: u64,
    /// Whether it settled within the step limit.
    pub settled: bool,
    /// Computing time for all steps.
    pub compute_s: f64,
    /// Time on screen in the app: steps are paced to 4 per 16 ms frame so people see the
    /// network take shape, or take longer when a step costs more than that.
    pub on_screen_s: f64,
}

/// Runs a fresh layout of `network` until it settles and reports how long it takes.
pub fn settle_bench(network: &Network, seed: u64, max_steps: u64) -> SettleReport {
    let (graph, _) = layout::graph_of(network);
    let mut engine = LayoutEngine::new(&graph, seed, &[], LayoutParams::default());
    let t0 = Instant::now();
    let mut frames = 0u64;
    let mut on_screen = Duration::ZERO;
    while engine.status() == LayoutStatus::Running && engine.steps() < max_steps {
        let frame = Instant::now();
        for _ in 0..4 {
            if engine.step() == LayoutStatus::Settled {
                break;
            }
        }
        frames += 1;
        on_screen += frame.elapsed().max(Duration::from_millis(16));
    }
    let _ = frames;
    SettleReport {
        n: network.person_count(),
        m: network.tie_count(),
        steps: engine.steps(),
        settled: engine.status() == LayoutStatus::Settled,
        compute_s: t0.elapsed().as_secs_f64(),
        on_screen_s: on_screen.as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    #[test]
    fn synthetic_networks_are_deterministic_and_sized() {
        let a = synthetic_network(300, 3, 7);
        let b = synthetic_network(300, 3, 7);
        assert_eq!(a.person_count(), 300);
        assert!(a.tie_count() > 800 && a.tie_count() <= 897, "{}", a.tie_count());
        assert_eq!(analysis::summarize(&a).in_degree, analysis::summarize(&b).in_degree);
    }

    #[test]
    fn a_300_person_network_settles_within_the_step_budget() {
        let net = synthetic_network(300, 3, 1);
        let report = settle_bench(&net, 1, 2_000);
        assert!(report.settled);
        assert!(report.steps <= 320, "{} steps", report.steps);
    }
}
