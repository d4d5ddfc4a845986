//! The app's cached analysis: measures of the shown and the whole network, composition,
//! brokerage, betweenness (on a background thread, with progress), size values and one
//! comparison row per municipality. Everything is recomputed only when the network or the
//! filter changes. No egui here.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use crate::analysis::adjacency::Adjacency;
use crate::analysis::brokerage::{self, Brokerage, BrokerageOptions};
use crate::analysis::composition::{self, Composition};
use crate::analysis::measures::{self, Measures};
use crate::analysis::partition::Partition;
use crate::analysis::{FilterSpec, Filtered, betweenness};
use crate::model::Network;
use crate::scene::{SizeBy, SizeValues};

/// Which network a betweenness run is for: (revision, filter or `None` for the whole).
type Key = (u64, Option<FilterSpec>);

struct Job {
    key: Key,
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Option<Vec<(usize, f64)>>>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Analysis results of the active network, cached.
#[derive(Default)]
pub struct Insights {
    key: Option<(u64, FilterSpec)>,
    /// Measures of the people the filters let through.
    pub shown: Option<Measures>,
    /// Measures of the whole network.
    pub whole: Option<Measures>,
    /// Composition of the shown network.
    pub composition: Option<Composition>,
    /// Brokerage roles with sector as the partition, on the shown network.
    pub brokerage: Option<Brokerage>,
    /// Betweenness by person index, per (revision, filter).
    betweenness: Vec<(Key, Vec<(usize, f64)>)>,
    jobs: Vec<Job>,
    size_key: Option<(u64, SizeBy, bool)>,
    /// Values of the chosen size metric.
    pub size: Option<SizeValues>,
}

impl Insights {
    /// Brings the cache up to date for `network` under `filter`. Cheap when nothing changed.
    /// Betweenness starts in the background; poll [`Self::poll`] each frame.
    pub fn update(
        &mut self,
        network: &Network,
        filter: &FilterSpec,
        filtered: &Filtered,
        wake: &Arc<dyn Fn() + Send + Sync>,
    ) {
        let key = (network.revision(), *filter);
        if self.key != Some(key) {
            let adjacency = Adjacency::new(network, Some(filtered));
            let mut shown = measures::compute_on(network, &adjacency);
            let whole = if filter.is_open() { shown.clone() } else { measures::compute(network, None) };
            if let Some(raw) = self.betweenness_of(&(key.0, Some(*filter))) {
                set_betweenness(&mut shown, &adjacency, raw);
            }
            self.shown = Some(shown);
            self.whole = Some(whole);
            self.composition = Some(composition::composition_on(network, &adjacency));
            self.brokerage = Some(brokerage::brokerage(
                network,
                Some(filtered),
                &Partition::Sector,
                &BrokerageOptions::default(),
            ));
            self.key = Some(key);
            self.start_betweenness(network, Some(*filter), Some(filtered), wake);
        }
    }

    fn betweenness_of(&self, key: &Key) -> Option<&Vec<(usize, f64)>> {
        self.betweenness.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Starts betweenness for (network, filter) unless it is known or running.
    fn start_betweenness(
        &mut self,
        network: &Network,
        filter: Option<FilterSpec>,
        filtered: Option<&Filtered>,
        wake: &Arc<dyn Fn() + Send + Sync>,
    ) {
        let key = (network.revision(), filter);
        if self.betweenness_of(&key).is_some() || self.jobs.iter().any(|j| j.key == key) {
            return;
        }
        // Old runs for other revisions are no longer wanted.
        self.jobs.retain(|j| j.key.0 == key.0);
        let adjacency = Adjacency::new(network, filtered);
        let progress = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (p, c, w) = (Arc::clone(&progress), Arc::clone(&cancel), Arc::clone(wake));
        let spawned = std::thread::Builder::new().name("betweenness".into()).spawn(move || {
            let result = betweenness::betweenness_with_progress(&adjacency, &p, &c).map(|raw| {
                adjacency.person_ids().iter().zip(raw).map(|(id, b)| (id.index(), b)).collect::<Vec<_>>()
            });
            tx.send(result).ok();
            w();
        });
        if spawned.is_ok() {
            self.jobs.push(Job { key, progress, cancel, rx });
        }
    }

    /// Takes in finished background results; true when something new arrived.
    pub fn poll(&mut self, network: &Network, filtered: &Filtered) -> bool {
        let mut changed = false;
        let mut done = Vec::new();
        for (i, job) in self.jobs.iter().enumerate() {
            match job.rx.try_recv() {
                Ok(Some(values)) => {
                    done.push((i, Some((job.key, values))));
                }
                Ok(None) | Err(TryRecvError::Disconnected) => done.push((i, None)),
                Err(TryRecvError::Empty) => {}
            }
        }
        for (i, result) in done.into_iter().rev() {
            self.jobs.remove(i);
            if let Some((key, values)) = result {
                self.betweenness.retain(|(k, _)| k.0 == key.0);
                self.betweenness.push((key, values));
                changed = true;
            }
        }
        if changed {
            // Fill the shown measures and refresh sizes by betweenness.
            if let (Some((rev, filter)), Some(shown)) = (self.key, self.shown.as_mut())
                && let Some(values) =
                    self.betweenness.iter().find(|(k, _)| *k == (rev, Some(filter))).map(|(_, v)| v)
            {
                let adjacency = Adjacency::new(network, Some(filtered));
                set_betweenness(shown, &adjacency, values);
                if filter.is_open() {
                    self.whole = Some(shown.clone());
                }
            }
            self.size_key = None;
        }
        changed
    }

    /// Progress (0..1) of the betweenness run for the shown network, if one is running.
    pub fn betweenness_progress(&self) -> Option<f32> {
        let key = self.key?;
        self.jobs
            .iter()
            .find(|j| j.key == (key.0, Some(key.1)))
            .map(|j| j.progress.load(Ordering::Relaxed) as f32 / 1000.0)
    }

    /// Whether a background run is going.
    pub fn is_busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Values for the size metric (`None` for in-degree, which the scene knows itself).
    pub fn update_size(&mut self, network: &Network, size_by: SizeBy, wake: &Arc<dyn Fn() + Send + Sync>) {
        if size_by == SizeBy::InDegree {
            self.size = None;
            self.size_key = None;
            return;
        }
        let whole_key = (network.revision(), None);
        let have_betweenness = self.betweenness_of(&whole_key).is_some();
        let key = (network.revision(), size_by, have_betweenness);
        if self.size_key == Some(key) {
            return;
        }
        let mut values = vec![0.0; network.person_bound()];
        match size_by {
            SizeBy::InDegree => {}
            SizeBy::OutDegree => {
                for (id, _) in network.people() {
                    if let Some(v) = values.get_mut(id.index()) {
                        *v = network.out_degree(id) as f64;
                    }
                }
            }
            SizeBy::PageRank => {
                let whole = self.whole.clone().unwrap_or_else(|| measures::compute(network, None));
                for p in &whole.persons {
                    if let Some(v) = values.get_mut(p.index) {
                        *v = p.pagerank;
                    }
                }
            }
            SizeBy::Betweenness => {
                if let Some(raw) = self.betweenness_of(&whole_key) {
                    for &(index, b) in raw {
                        if let Some(v) = values.get_mut(index) {
                            *v = b;
                        }
                    }
                } else {
                    self.start_betweenness(network, None, None, wake);
                }
            }
        }
        self.size = Some(SizeValues { kind: size_by, values });
        self.size_key = Some(key);
    }
}

fn set_betweenness(measures: &mut Measures, adjacency: &Adjacency, values: &[(usize, f64)]) {
    // In the adjacency's order (the measures' persons are by ascending index, as is the adjacency).
    let by_index: std::collections::HashMap<usize, f64> = values.iter().copied().collect();
    let raw: Vec<f64> =
        adjacency.person_ids().iter().map(|id| by_index.get(&id.index()).copied().unwrap_or(0.0)).collect();
    measures.set_betweenness(&raw);
}

/// One municipality in the comparison table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComparisonRow {
    /// Serial of the open network.
    pub serial: u64,
    /// Name.
    pub name: String,
    /// People.
    pub people: usize,
    /// Ties.
    pub ties: usize,
    /// Density.
    pub density: Option<f64>,
    /// E-I index between sectors.
    pub ei: Option<f64>,
    /// Expected E-I under random mixing.
    pub ei_expected: Option<f64>,
    /// In-degree centralization.
    pub centralization: Option<f64>,
    /// Share with 10+ years (of known tenure).
    pub tenure_10_plus: Option<f64>,
    /// Share over 40 (of known age).
    pub over_40: Option<f64>,
    /// Share under 30 (of known age).
    pub under_30: Option<f64>,
}

/// Comparison rows, cached per (serial, revision).
#[derive(Default)]
pub struct Comparison {
    rows: Mutex<Vec<((u64, u64), ComparisonRow)>>,
}

impl Comparison {
    /// The row of one network (computed once per revision).
    pub fn row(&self, serial: u64, network: &Network) -> ComparisonRow {
        let key = (serial, network.revision());
        if let Ok(rows) = self.rows.lock()
            && let Some((_, row)) = rows.iter().find(|(k, _)| *k == key)
        {
            return row.clone();
        }
        let m = measures::compute(network, None);
        let c = composition::composition(network, None);
        let share = |list: &[composition::Share], key: &str| {
            list.iter().find(|s| s.key == key).and_then(|s| s.share_of_known)
        };
        let sector = m.partition("sector");
        let row = ComparisonRow {
            serial,
            name: network.name.clone(),
            people: m.people,
            ties: m.ties,
            density: m.density,
            ei: sector.and_then(|p| p.ei),
            ei_expected: sector.and_then(|p| p.ei_expected),
            centralization: m.in_degree_centralization,
            tenure_10_plus: share(&c.all.tenure, "10+"),
            over_40: share(&c.all.age, ">40"),
            under_30: share(&c.all.age, "<30"),
        };
        if let Ok(mut rows) = self.rows.lock() {
            rows.retain(|(k, _)| k.0 != serial);
            rows.push((key, row.clone()));
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_rows_have_the_study_numbers() {
        let loaded = crate::io::samples::load("fjellvik").expect("sample").expect("parses");
        let row = Comparison::default().row(1, &loaded.network);
        assert_eq!((row.people, row.ties), (91, 204));
        // 64 of 89 with known tenure have 10+ years; 63 of 89 with known age are over 40.
        assert!((row.tenure_10_plus.expect("known") - 64.0 / 89.0).abs() < 1e-12);
        assert!((row.over_40.expect("known") - 63.0 / 89.0).abs() < 1e-12);
        assert!((row.under_30.expect("known") - 2.0 / 89.0).abs() < 1e-12);
        assert!((row.density.expect("n > 1") - 204.0 / (91.0 * 90.0)).abs() < 1e-12);
    }

    #[test]
    fn betweenness_arrives_in_the_background() {
        let loaded = crate::io::samples::load("solboen").expect("sample").expect("parses");
        let network = &loaded.network;
        let filter = FilterSpec::default();
        let filtered = crate::analysis::filter::apply(network, &filter);
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(|| {});
        let mut insights = Insights::default();
        insights.update(network, &filter, &filtered, &wake);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while insights.is_busy() && std::time::Instant::now() < deadline {
            insights.poll(network, &filtered);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let shown = insights.shown.as_ref().expect("measures");
        let total: f64 = shown.persons.iter().filter_map(|p| p.betweenness).sum();
        assert!(total > 0.0, "betweenness filled in");
        insights.update_size(network, SizeBy::PageRank, &wake);
        let size = insights.size.as_ref().expect("pagerank sizes");
        let sum: f64 = size.values.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6, "PageRank sums to 1: {sum}");
    }
}
