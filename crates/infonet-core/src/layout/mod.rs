//! Headless layout engine over fdg-sim: seeded start positions, positions kept for unchanged
//! people, our own force (Barnes-Hut for large networks), cooling and convergence detection.
//!
//! The engine works on dense indices `0..n`; the app maps them to people. It never touches
//! egui. [`worker::LayoutWorker`] runs it on its own thread for the app.

mod fdg;
mod quadtree;
pub mod size;
pub mod spot;
pub mod worker;

pub use fdg::StepStats;

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::{Network, PersonId};

/// The graph to lay out: one key per node (used to seed its start position) and undirected
/// pairs of dense indices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutGraph {
    /// Stable key of each node (the person's file id).
    pub keys: Vec<String>,
    /// Undirected pairs `(a, b)` with a weight; a mutual pair appears once.
    pub edges: Vec<(u32, u32, f32)>,
    /// Drawn radius of each node in world units, kept clear of the others (empty: points).
    pub radii: Vec<f32>,
    /// Room kept free around each node for its name, screen points (empty: none).
    pub rooms: Vec<f32>,
}

impl LayoutGraph {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The layout graph of a network, and the person of each dense index (in id order). A mutual
/// pair becomes one undirected edge.
pub fn graph_of(network: &Network) -> (LayoutGraph, Vec<PersonId>) {
    graph_of_sized(network, None)
}

/// [`graph_of`] with the user's smallest and largest radius (`None`: automatic sizes), so the
/// layout keeps discs of those sizes apart.
pub fn graph_of_sized(network: &Network, node_sizes: Option<[f32; 2]>) -> (LayoutGraph, Vec<PersonId>) {
    let order: Vec<PersonId> = network.person_ids().collect();
    let mut dense_of = vec![u32::MAX; network.person_bound()];
    for (i, id) in order.iter().enumerate() {
        if let Some(slot) = dense_of.get_mut(id.index()) {
            *slot = i as u32;
        }
    }
    let keys =
        order.iter().map(|&id| network.person(id).map_or_else(String::new, |p| p.key.clone())).collect();
    let mut edges = Vec::with_capacity(network.tie_count());
    let mut in_degree = vec![0u32; order.len()];
    for (_, s, t, _) in network.ties() {
        if let Some(d) = dense_of.get(t.index()).and_then(|&b| in_degree.get_mut(b as usize)) {
            *d += 1;
        }
        if network.find_tie(t, s).is_some() && s > t {
            continue; // the other direction already added this pair
        }
        let (Some(&a), Some(&b)) = (dense_of.get(s.index()), dense_of.get(t.index())) else { continue };
        if a != u32::MAX && b != u32::MAX {
            edges.push((a, b, 1.0));
        }
    }
    let max_in = in_degree.iter().copied().max().unwrap_or(0);
    let radii = in_degree
        .iter()
        .map(|&d| match node_sizes {
            Some(range) => {
                size::node_radius_in(range, if max_in > 0 { d as f32 / max_in as f32 } else { 0.0 })
            }
            None => size::node_radius(d, max_in),
        })
        .collect();
    let names: Vec<&str> =
        order.iter().map(|&id| network.person(id).map_or("", |p| p.name.as_str())).collect();
    let rooms = size::name_rooms(&in_degree, &names);
    (LayoutGraph { keys, edges, radii, rooms }, order)
}

/// Start positions from the file's own drawing (Gephi, yEd, Pajek), per dense index: moved so
/// their centre is the origin and scaled so the median tie is `link_distance` long (without
/// ties: so the spread matches a fresh layout's), which keeps forces, sizes and labels in
/// proportion whatever units the file used. `None` where the file gave no position. All `None`
/// when fewer than two distinct points were given: a file that puts everyone at 0,0 has no
/// drawing to keep.
pub fn fit_file_positions(
    graph: &LayoutGraph,
    file: &std::collections::BTreeMap<String, [f32; 2]>,
    link_distance: f32,
) -> Vec<Option<[f32; 2]>> {
    let n = graph.len();
    let mut raw: Vec<Option<[f32; 2]>> = graph
        .keys
        .iter()
        .map(|k| file.get(k).copied().filter(|p| p[0].is_finite() && p[1].is_finite()))
        .collect();
    let known: Vec<[f32; 2]> = raw.iter().flatten().copied().collect();
    let Some(&first) = known.first() else { return vec![None; n] };
    if known.iter().all(|p| p == &first) {
        return vec![None; n];
    }
    // f64 sums: coordinates in the thousands over 100,000 people lose nothing.
    let (sx, sy) =
        known.iter().fold((0.0f64, 0.0f64), |(x, y), p| (x + f64::from(p[0]), y + f64::from(p[1])));
    let centre = [(sx / known.len() as f64) as f32, (sy / known.len() as f64) as f32];
    let mut lengths: Vec<f32> = graph
        .edges
        .iter()
        .filter_map(|&(a, b, _)| {
            let (pa, pb) = (raw.get(a as usize).copied().flatten()?, raw.get(b as usize).copied().flatten()?);
            let d = (pa[0] - pb[0]).hypot(pa[1] - pb[1]);
            (d > 0.0 && d.is_finite()).then_some(d)
        })
        .collect();
    let k = link_distance.max(1.0);
    let scale = if lengths.is_empty() {
        // The spread of a fresh layout: radius k·√n/2, against the drawing's mean distance from
        // its centre (which is about 2/3 of the radius for a filled disc).
        let mean = known.iter().map(|p| (p[0] - centre[0]).hypot(p[1] - centre[1])).sum::<f32>()
            / known.len() as f32;
        k * (n.max(1) as f32).sqrt() * 0.5 * (2.0 / 3.0) / mean.max(f32::MIN_POSITIVE)
    } else {
        let middle = lengths.len() / 2;
        let (_, median, _) = lengths.select_nth_unstable_by(middle, f32::total_cmp);
        k / *median
    };
    if !scale.is_finite() || scale <= 0.0 {
        return vec![None; n];
    }
    for p in raw.iter_mut().flatten() {
        *p = [(p[0] - centre[0]) * scale, (p[1] - centre[1]) * scale];
    }
    raw
}

/// What the sliders change.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayoutParams {
    /// Ideal tie length in world units (FR's k).
    pub link_distance: f32,
    /// Multiplier on repulsion between all people.
    pub repulsion: f32,
    /// Pull towards the centre.
    pub gravity: f32,
    /// Barnes-Hut opening angle; larger is faster and rougher. A cell counts as one body for
    /// a group of nearby people when its size is below `theta` times its distance to the
    /// group; 0 = exact.
    pub theta: f32,
    /// Networks with at least this many people use Barnes-Hut instead of exact repulsion.
    pub barnes_hut_from: usize,
    /// How much more the well-connected push others away: repulsion mass is
    /// (ties + 1) to this power (0 = plain Fruchterman-Reingold).
    pub hub_repulsion: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            link_distance: 60.0,
            repulsion: 1.0,
            gravity: 1.0,
            theta: 1.2,
            barnes_hut_from: 1500,
            hub_repulsion: 0.0,
        }
    }
}

/// Whether the layout still moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LayoutStatus {
    /// Still cooling down; keep stepping and repainting.
    Running,
    /// Converged; nothing moves until something changes.
    Settled,
}

/// How many steps a fresh layout of `n` nodes is scheduled to take. Small networks get more
/// steps (they are cheap and benefit from a gentle cool-down), huge ones fewer.
pub fn default_iterations(n: usize) -> u32 {
    match n {
        0..=2_000 => 300,
        2_001..=20_000 => 200,
        _ => 120,
    }
}

/// The layout engine: fdg-sim plus our force, cooling schedule and convergence test.
pub struct LayoutEngine {
    sim: fdg::Sim,
    params: LayoutParams,
    temperature: f32,
    cooling: f32,
    steps: u64,
    status: LayoutStatus,
    quiet_steps: u32,
    last_mean_move: f32,
    /// Known people are held in place while new ones settle in (see [`Self::after_edit`]).
    holding: bool,
}

/// Deterministic 64-bit mixer (splitmix64).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a over the key, so a person's start position depends on who they are, not on order.
fn hash_key(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn unit_pair(seed: u64, key: &str) -> (f32, f32) {
    let h = mix(seed ^ hash_key(key));
    let a = (h >> 40) as f32 / (1u64 << 24) as f32;
    let b = ((h >> 16) & 0xFF_FFFF) as f32 / (1u64 << 24) as f32;
    (a, b)
}

impl LayoutEngine {
    /// A layout of `graph`, starting from `previous` where given (reload keeps those people in
    /// place) and from seeded positions elsewhere. People new to a known neighbourhood start
    /// near their placed neighbours.
    pub fn new(graph: &LayoutGraph, seed: u64, previous: &[Option<[f32; 2]>], params: LayoutParams) -> Self {
        let (start, known) = Self::place(graph, seed, previous, params);
        let n = graph.len();
        let k = params.link_distance.max(1.0);
        // A reload with most people known only needs a gentle settle.
        let fresh = known * 2 < n.max(1);
        let mut engine = Self::with_positions(graph, &start, params, default_iterations(n));
        if !fresh {
            engine.temperature = k * 0.5;
        }
        engine
    }

    /// After a live edit or a reload: everyone known stays exactly where they are (held, not
    /// pinned), new people start next to their ties and settle in over a short, cool run, so
    /// nothing else jumps. The holds go when that run ends or the user asks for more movement.
    pub fn after_edit(
        graph: &LayoutGraph,
        seed: u64,
        previous: &[Option<[f32; 2]>],
        pinned: &[bool],
        params: LayoutParams,
    ) -> Self {
        let (start, known) = Self::place(graph, seed, previous, params);
        let mut engine = Self::settled_at(graph, &start, pinned, params);
        if known == graph.len() {
            // Nobody new (a tie or an attribute changed): nothing needs to move.
            return engine;
        }
        for (i, p) in previous.iter().enumerate().take(graph.len()) {
            if p.is_some_and(|p| p[0].is_finite() && p[1].is_finite()) {
                engine.sim.set_held(i, true);
            }
        }
        engine.holding = true;
        engine.reheat_for(0.12, 80);
        engine
    }

    /// Start positions: known ones kept, new people next to placed neighbours, the rest seeded.
    /// Returns the positions and how many were known.
    fn place(
        graph: &LayoutGraph,
        seed: u64,
        previous: &[Option<[f32; 2]>],
        params: LayoutParams,
    ) -> (Vec<[f32; 2]>, usize) {
        let n = graph.len();
        let k = params.link_distance.max(1.0);
        let radius = k * (n.max(1) as f32).sqrt() * 0.5;
        let mut positions: Vec<Option<[f32; 2]>> = (0..n)
            .map(|i| previous.get(i).copied().flatten().filter(|p| p[0].is_finite() && p[1].is_finite()))
            .collect();
        let known = positions.iter().filter(|p| p.is_some()).count();

        // New people next to placed neighbours (two passes reach friends of friends).
        if known > 0 && known < n {
            let mut adjacency: Vec<Vec<u32>> = vec![Vec::new(); n];
            for &(a, b, _) in &graph.edges {
                if let Some(la) = adjacency.get_mut(a as usize) {
                    la.push(b);
                }
                if let Some(lb) = adjacency.get_mut(b as usize) {
                    lb.push(a);
                }
            }
            for _ in 0..2 {
                for i in 0..n {
                    if positions.get(i).copied().flatten().is_some() {
                        continue;
                    }
                    let placed: Vec<[f32; 2]> = adjacency
                        .get(i)
                        .into_iter()
                        .flatten()
                        .filter_map(|&j| positions.get(j as usize).copied().flatten())
                        .collect();
                    if placed.is_empty() {
                        continue;
                    }
                    let c = placed.iter().fold([0.0, 0.0], |acc, p| [acc[0] + p[0], acc[1] + p[1]]);
                    let m = placed.len() as f32;
                    let key = graph.keys.get(i).map_or("", String::as_str);
                    let (a, b) = unit_pair(seed ^ 0x5eed, key);
                    let angle = a * std::f32::consts::TAU;
                    let r = k * (0.3 + 0.4 * b);
                    if let Some(slot) = positions.get_mut(i) {
                        *slot = Some([c[0] / m + r * angle.cos(), c[1] / m + r * angle.sin()]);
                    }
                }
            }
        }
        let start: Vec<[f32; 2]> = positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.unwrap_or_else(|| {
                    let key = graph.keys.get(i).map_or("", String::as_str);
                    let (a, b) = unit_pair(seed, key);
                    let angle = a * std::f32::consts::TAU;
                    let r = radius * b.sqrt();
                    [r * angle.cos(), r * angle.sin()]
                })
            })
            .collect();

        (start, known)
    }

    /// A layout starting exactly at `start`, scheduled to cool over `iterations` steps.
    pub fn with_positions(
        graph: &LayoutGraph,
        start: &[[f32; 2]],
        params: LayoutParams,
        iterations: u32,
    ) -> Self {
        let n = graph.len();
        let k = params.link_distance.max(1.0);
        let t0 = k * (n.max(1) as f32).sqrt() * 0.35 + k;
        let values = fdg::ForceValues {
            link_distance: k,
            repulsion: params.repulsion,
            gravity: params.gravity,
            temperature: t0,
            theta: params.theta,
            exact_below: params.barnes_hut_from,
            hub_repulsion: params.hub_repulsion,
        };
        let mut sim = fdg::Sim::new(n, &graph.edges, start, values);
        for (i, &r) in graph.radii.iter().enumerate().take(n) {
            sim.set_radius(i, r);
        }
        let room_scale = size::room_scale(n, params.link_distance);
        for (i, &r) in graph.rooms.iter().enumerate().take(n) {
            sim.set_room(i, r * room_scale);
        }
        let mut engine = Self {
            sim,
            params,
            temperature: t0,
            cooling: 0.98,
            steps: 0,
            status: if n == 0 { LayoutStatus::Settled } else { LayoutStatus::Running },
            quiet_steps: 0,
            last_mean_move: 0.0,
            holding: false,
        };
        engine.set_iterations(iterations);
        engine
    }

    /// A layout that starts settled at `positions` (a network shown again as it was left).
    /// Pins are restored; nothing moves until something asks it to.
    pub fn settled_at(
        graph: &LayoutGraph,
        positions: &[[f32; 2]],
        pinned: &[bool],
        params: LayoutParams,
    ) -> Self {
        let mut engine = Self::with_positions(graph, positions, params, default_iterations(graph.len()));
        for (i, &p) in pinned.iter().enumerate().take(graph.len()) {
            if p {
                engine.sim.set_pinned(i, true);
            }
        }
        engine.temperature = engine.min_temperature();
        engine.status = LayoutStatus::Settled;
        engine
    }

    fn min_temperature(&self) -> f32 {
        self.params.link_distance.max(1.0) * 0.01
    }

    /// Schedules cooling so the current temperature reaches the minimum in `iterations` steps.
    pub fn set_iterations(&mut self, iterations: u32) {
        let ratio = (self.min_temperature() / self.temperature.max(1e-6)).min(1.0);
        self.cooling = ratio.powf(1.0 / iterations.max(1) as f32).clamp(0.5, 0.999);
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.sim.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.sim.len() == 0
    }

    /// Running or settled.
    pub fn status(&self) -> LayoutStatus {
        self.status
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Current temperature (largest move allowed per step), in world units.
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Mean move in the last step, in world units.
    pub fn last_mean_move(&self) -> f32 {
        self.last_mean_move
    }

    /// The current parameters.
    pub fn params(&self) -> LayoutParams {
        self.params
    }

    /// One step. Does nothing once settled.
    pub fn step(&mut self) -> LayoutStatus {
        if self.status == LayoutStatus::Settled {
            return self.status;
        }
        self.sim.set_temperature(self.temperature);
        let (sum, max) = self.sim.step();
        self.steps += 1;
        let n = self.sim.len().max(1) as f64;
        // While others are held only the new people move: judge them, not the mean over all.
        self.last_mean_move = if self.holding { max } else { (sum / n) as f32 };
        self.temperature *= self.cooling;
        let k = self.params.link_distance.max(1.0);
        if self.last_mean_move < k * 0.002 {
            self.quiet_steps += 1;
        } else {
            self.quiet_steps = 0;
        }
        if self.temperature <= self.min_temperature() || self.quiet_steps >= 10 {
            self.status = LayoutStatus::Settled;
            self.release();
        }
        self.status
    }

    /// Steps until `budget` is used up or the layout settles; returns the status.
    pub fn step_for(&mut self, budget: Duration) -> LayoutStatus {
        let start = Instant::now();
        while self.status == LayoutStatus::Running {
            self.step();
            if start.elapsed() >= budget {
                break;
            }
        }
        self.status
    }

    /// Runs until settled or `max_steps` more steps have run.
    pub fn run_to_settle(&mut self, max_steps: u64) -> LayoutStatus {
        for _ in 0..max_steps {
            if self.step() == LayoutStatus::Settled {
                break;
            }
        }
        self.status
    }

    /// Copies positions into `out`, indexed like the graph.
    pub fn write_positions(&self, out: &mut Vec<[f32; 2]>) {
        self.sim.write_positions(out);
    }

    /// All positions, indexed like the graph.
    pub fn positions(&self) -> Vec<[f32; 2]> {
        let mut out = Vec::new();
        self.sim.write_positions(&mut out);
        out
    }

    /// What the last step did (repulsion path, tree size, force evaluations), if it ran on
    /// this thread.
    pub fn last_step_stats(&self) -> Option<StepStats> {
        self.sim.last_stats()
    }

    /// Sets the Barnes-Hut bucket sizes: people per leaf and per group that shares one tree
    /// walk (tuning; the defaults suit all sizes).
    pub fn set_tree_shape(&mut self, leaf_size: usize, group_size: usize) {
        self.sim.set_tree_shape(leaf_size, group_size);
    }

    /// Position of node `i`.
    pub fn position(&self, i: usize) -> [f32; 2] {
        self.sim.position(i)
    }

    /// Lets held people move again.
    fn release(&mut self) {
        if self.holding {
            self.sim.release_all();
            self.holding = false;
        }
    }

    /// Moves node `i` (a drag) and pins it there. While the layout runs, the others adjust;
    /// once it has settled, only that person moves (the layout resumes when asked).
    pub fn drag_to(&mut self, i: usize, p: [f32; 2]) {
        self.release();
        self.sim.set_position(i, p);
        self.sim.set_pinned(i, true);
        if self.status == LayoutStatus::Settled {
            return;
        }
        // Gentle: neighbours follow the dragged person, the rest barely moves.
        self.reheat_for(0.05, 60);
    }

    /// Puts node `i` at `p` with a pin state (undoing or redoing a move). A settled layout
    /// stays settled, as after a drag.
    pub fn put(&mut self, i: usize, p: [f32; 2], pinned: bool) {
        if self.status == LayoutStatus::Settled {
            self.release();
            self.sim.set_position(i, p);
            self.sim.set_pinned(i, pinned);
            return;
        }
        self.drag_to(i, p);
        self.set_pinned(i, pinned);
    }

    /// Pins or unpins node `i`. Unpinning lets it settle again.
    pub fn set_pinned(&mut self, i: usize, pinned: bool) {
        self.sim.set_pinned(i, pinned);
        if !pinned {
            self.reheat(0.3);
        }
    }

    /// Whether node `i` is pinned.
    pub fn pinned(&self, i: usize) -> bool {
        self.sim.pinned(i)
    }

    /// Indices of pinned nodes.
    pub fn pinned_indices(&self) -> Vec<usize> {
        (0..self.sim.len()).filter(|&i| self.sim.pinned(i)).collect()
    }

    /// Unpins everyone.
    pub fn unpin_all(&mut self) {
        for i in 0..self.sim.len() {
            self.sim.set_pinned(i, false);
        }
        self.reheat(0.3);
    }

    /// Warms the layout up again so it moves: `fraction` of the link distance per step, cooling
    /// over a shorter schedule.
    pub fn reheat(&mut self, fraction: f32) {
        self.release();
        self.reheat_for(fraction, 120);
    }

    /// Like [`Self::reheat`], cooling down again over `iterations` steps.
    pub fn reheat_for(&mut self, fraction: f32, iterations: u32) {
        if self.sim.len() == 0 {
            return;
        }
        let t = self.params.link_distance.max(1.0) * fraction.max(0.0);
        self.temperature = self.temperature.max(t);
        self.status = LayoutStatus::Running;
        self.quiet_steps = 0;
        self.set_iterations(iterations);
    }

    /// Changes the force parameters (sliders) and lets the layout adapt.
    pub fn set_params(&mut self, params: LayoutParams) {
        if params == self.params {
            return;
        }
        self.release();
        self.params = params;
        self.sim.set_values(fdg::ForceValues {
            link_distance: params.link_distance.max(1.0),
            repulsion: params.repulsion,
            gravity: params.gravity,
            temperature: self.temperature,
            theta: params.theta,
            exact_below: params.barnes_hut_from,
            hub_repulsion: params.hub_repulsion,
        });
        self.reheat(0.5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> LayoutGraph {
        LayoutGraph {
            keys: (0..n).map(|i| format!("p{i}")).collect(),
            edges: (0..n).map(|i| (i as u32, ((i + 1) % n) as u32, 1.0)).collect(),
            radii: Vec::new(),
            rooms: Vec::new(),
        }
    }

    fn all_finite(p: &[[f32; 2]]) -> bool {
        p.iter().all(|q| q[0].is_finite() && q[1].is_finite())
    }

    #[test]
    fn same_seed_same_picture_other_seed_other_picture() {
        let g = ring(40);
        let run = |seed| {
            let mut e = LayoutEngine::new(&g, seed, &[], LayoutParams::default());
            e.run_to_settle(5_000);
            e.positions()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn settles_and_stays_finite() {
        let g = ring(100);
        let mut e = LayoutEngine::new(&g, 1, &[], LayoutParams::default());
        assert_eq!(e.status(), LayoutStatus::Running);
        let status = e.run_to_settle(2_000);
        assert_eq!(status, LayoutStatus::Settled);
        assert!(e.steps() <= 400, "settled after {} steps", e.steps());
        let p = e.positions();
        assert!(all_finite(&p));
        // Neighbours on the ring end up roughly one link distance apart.
        let d = |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        let mean: f32 = (0..100).map(|i| d(p[i], p[(i + 1) % 100])).sum::<f32>() / 100.0;
        assert!((20.0..200.0).contains(&mean), "mean tie length {mean}");
        // A settled engine does not move.
        let before = e.positions();
        e.step();
        assert_eq!(before, e.positions());
    }

    #[test]
    fn coincident_start_and_self_loops_stay_finite() {
        let g = LayoutGraph {
            keys: (0..30).map(|i| format!("x{i}")).collect(),
            edges: vec![(0, 0, 1.0), (1, 2, 1.0), (1, 2, 1.0), (3, 4, f32::NAN), (5, 6, f32::INFINITY)],
            radii: vec![f32::NAN, f32::INFINITY, -3.0, 40.0],
            rooms: Vec::new(),
        };
        let start = vec![[0.0, 0.0]; 30];
        let mut e = LayoutEngine::with_positions(&g, &start, LayoutParams::default(), 300);
        e.run_to_settle(1_000);
        let p = e.positions();
        assert!(all_finite(&p));
        // People that started at one point were pushed apart: no two still share a spot.
        let mut closest = f32::INFINITY;
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                closest = closest.min(((p[i][0] - p[j][0]).powi(2) + (p[i][1] - p[j][1]).powi(2)).sqrt());
            }
        }
        assert!(closest > 5.0, "closest pair {closest} apart");
    }

    #[test]
    fn barnes_hut_path_stays_finite_on_coincident_points() {
        let g = ring(3000);
        let start = vec![[1.0, 1.0]; 3000];
        let mut e = LayoutEngine::with_positions(&g, &start, LayoutParams::default(), 20);
        for _ in 0..20 {
            e.step();
        }
        assert!(all_finite(&e.positions()));
    }

    #[test]
    fn file_positions_are_centred_and_scaled_to_the_link_distance() {
        // A path a - b - c drawn in pixels (ties 200 and 400 long), d without a position.
        let g = LayoutGraph {
            keys: ["a", "b", "c", "d"].map(String::from).to_vec(),
            edges: vec![(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)],
            radii: Vec::new(),
            rooms: Vec::new(),
        };
        let file: std::collections::BTreeMap<String, [f32; 2]> =
            [("a", [1000.0, 500.0]), ("b", [1200.0, 500.0]), ("c", [1200.0, 900.0])]
                .into_iter()
                .map(|(k, p)| (k.to_owned(), p))
                .collect();
        let fitted = fit_file_positions(&g, &file, 50.0);
        assert_eq!(fitted[3], None);
        let [a, b, c] = [fitted[0], fitted[1], fitted[2]].map(|p| p.expect("placed"));
        // Median of {200, 400} is 400 (upper middle): scale 50/400.
        assert!(((b[0] - a[0]) - 25.0).abs() < 1e-4, "{a:?} {b:?}");
        assert!(((c[1] - b[1]) - 50.0).abs() < 1e-4, "{b:?} {c:?}");
        let centre = [(a[0] + b[0] + c[0]) / 3.0, (a[1] + b[1] + c[1]) / 3.0];
        assert!(centre[0].abs() < 1e-3 && centre[1].abs() < 1e-3, "{centre:?}");
        // Everyone at one point is no drawing at all.
        let flat: std::collections::BTreeMap<String, [f32; 2]> =
            ["a", "b", "c"].into_iter().map(|k| (k.to_owned(), [0.0, 0.0])).collect();
        assert_eq!(fit_file_positions(&g, &flat, 50.0), vec![None; 4]);
        // The layout started from a full drawing does not move it.
        let full: std::collections::BTreeMap<String, [f32; 2]> =
            file.clone().into_iter().chain([("d".to_owned(), [1400.0, 900.0])]).collect();
        let start = fit_file_positions(&g, &full, 50.0);
        let e = LayoutEngine::after_edit(&g, 1, &start, &[], LayoutParams::default());
        assert_eq!(e.status(), LayoutStatus::Settled);
        let kept: Vec<[f32; 2]> = start.iter().flatten().copied().collect();
        assert_eq!(e.positions(), kept);
    }

    #[test]
    fn reload_keeps_known_positions_and_places_new_near_neighbours() {
        let g = ring(30);
        let mut e = LayoutEngine::new(&g, 3, &[], LayoutParams::default());
        e.run_to_settle(5_000);
        let old = e.positions();
        // Same people plus one new person tied to person 0.
        let mut g2 = g.clone();
        g2.keys.push("new".into());
        g2.edges.push((0, 30, 1.0));
        let previous: Vec<Option<[f32; 2]>> = old.iter().copied().map(Some).chain([None]).collect();
        let e2 = LayoutEngine::new(&g2, 3, &previous, LayoutParams::default());
        let p2 = e2.positions();
        assert_eq!(&p2[..30], &old[..]);
        let d = ((p2[30][0] - old[0][0]).powi(2) + (p2[30][1] - old[0][1]).powi(2)).sqrt();
        assert!(d < 60.0, "new person starts {d} from their neighbour");
        assert_eq!(e2.temperature(), 30.0, "gentle reheat for a reload");
    }

    #[test]
    fn after_an_edit_only_the_new_people_move() {
        let g = ring(30);
        let mut e = LayoutEngine::new(&g, 3, &[], LayoutParams::default());
        e.run_to_settle(5_000);
        let old = e.positions();
        let mut g2 = g.clone();
        g2.keys.extend(["new 1".into(), "new 2".into()]);
        g2.edges.extend([(0, 30, 1.0), (30, 31, 1.0), (15, 31, 1.0)]);
        let previous: Vec<Option<[f32; 2]>> = old.iter().copied().map(Some).chain([None, None]).collect();
        let mut e2 = LayoutEngine::after_edit(&g2, 3, &previous, &[], LayoutParams::default());
        let placed = e2.positions();
        assert_eq!(e2.run_to_settle(5_000), LayoutStatus::Settled);
        let p2 = e2.positions();
        assert_eq!(&p2[..30], &old[..], "nobody known moved");
        assert_ne!(p2[30], placed[30], "the new people settled in");
        assert!((0..32).all(|i| !e2.pinned(i)), "held is not pinned");
        // Settled, a drag moves only the dragged person; once asked to move again, the holds
        // are gone and the others follow.
        e2.drag_to(0, [old[0][0] + 200.0, old[0][1]]);
        assert_eq!(e2.status(), LayoutStatus::Settled);
        e2.run_to_settle(5_000);
        assert_eq!(e2.position(1), old[1]);
        e2.reheat(0.3);
        e2.run_to_settle(5_000);
        assert_ne!(e2.position(1), old[1]);
    }

    #[test]
    fn big_people_do_not_cover_each_other() {
        // A dense core: 12 people who all name each other, drawn at the largest size.
        let n = 12u32;
        let edges = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b, 1.0))).collect();
        let radius = size::node_radius(11, 11);
        let g = LayoutGraph {
            keys: (0..n).map(|i| format!("p{i}")).collect(),
            edges,
            radii: vec![radius; 12],
            rooms: Vec::new(),
        };
        let mut e = LayoutEngine::new(&g, 5, &[], LayoutParams::default());
        e.run_to_settle(5_000);
        let p = e.positions();
        let closest = (0..12)
            .flat_map(|i| (i + 1..12).map(move |j| (i, j)))
            .map(|(i, j)| ((p[i][0] - p[j][0]).powi(2) + (p[i][1] - p[j][1]).powi(2)).sqrt())
            .fold(f32::INFINITY, f32::min);
        assert!(closest >= 2.0 * radius * 0.95, "closest centres {closest}, radius {radius}");
    }

    #[test]
    fn pinned_people_do_not_move() {
        let g = ring(20);
        let mut e = LayoutEngine::new(&g, 1, &[], LayoutParams::default());
        e.drag_to(4, [500.0, -500.0]);
        e.run_to_settle(2_000);
        assert_eq!(e.position(4), [500.0, -500.0]);
        assert!(e.pinned(4));
        assert_eq!(e.pinned_indices(), vec![4]);
        e.unpin_all();
        assert_eq!(e.status(), LayoutStatus::Running);
        e.run_to_settle(2_000);
        assert_ne!(e.position(4), [500.0, -500.0]);
    }
}
