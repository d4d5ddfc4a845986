//! The adapter to fdg-sim: the only file that names `fdg_sim` or `glam` types.
//!
//! fdg-sim stays the simulation framework (graph storage, `Simulation::update`, the `Force`
//! dictionary the sliders edit); our own `Force` does the maths: Fruchterman-Reingold
//! attraction, repulsion exact for small networks and Barnes-Hut above a threshold, gravity
//! towards the centre, and a temperature that caps every move. fdg-sim's built-in
//! `fruchterman_reingold` is O(n^2), divides by zero for coincident nodes and diverged to NaN
//! on 10,000 nodes here, so it is not used.

use std::cell::RefCell;

use fdg_sim::force::{Force, LinkedHashMap, Value};
use fdg_sim::glam::Vec3;
use fdg_sim::petgraph::Undirected;
use fdg_sim::petgraph::stable_graph::NodeIndex;
use fdg_sim::petgraph::visit::{EdgeRef as _, IntoEdgeReferences as _, NodeIndexable as _};
use fdg_sim::{Dimensions, ForceGraph, ForceGraphHelper as _, Simulation, SimulationParameters};

use super::quadtree::{QuadTree, add_repulsion};

/// Per-node data stored in fdg-sim's graph.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeData {
    /// Dense index (0..n) of the node in the engine's order.
    pub index: u32,
    /// Pinned nodes never move by force.
    pub pinned: bool,
}

// Dictionary keys of our force; the values are what the sliders change.
pub const LINK_DISTANCE: &str = "Link distance";
pub const REPULSION: &str = "Repulsion";
pub const GRAVITY: &str = "Gravity";
pub const TEMPERATURE: &str = "Temperature";
pub const THETA: &str = "Theta";
pub const EXACT_BELOW: &str = "Exact repulsion below";
pub const HUB_REPULSION: &str = "Hub repulsion";

/// fdg-sim simulation over our node data; undirected (a tie pulls both ends alike).
pub struct Sim {
    sim: Simulation<NodeData, f32, Undirected>,
    n: usize,
}

/// Force parameters written into the force dictionary.
#[derive(Clone, Copy, Debug)]
pub struct ForceValues {
    pub link_distance: f32,
    pub repulsion: f32,
    pub gravity: f32,
    pub temperature: f32,
    pub theta: f32,
    pub exact_below: usize,
    pub hub_repulsion: f32,
}

impl Sim {
    /// Builds the simulation with `n` nodes, the given undirected `edges` (weights) and start
    /// `positions`. fdg-sim randomises placement in `from_graph`; we overwrite it afterwards so
    /// the layout depends only on our seed.
    pub fn new(n: usize, edges: &[(u32, u32, f32)], positions: &[[f32; 2]], values: ForceValues) -> Self {
        let mut graph: ForceGraph<NodeData, f32, Undirected> = ForceGraph::default();
        for i in 0..n {
            graph.add_force_node("", NodeData { index: i as u32, pinned: false });
        }
        for &(a, b, w) in edges {
            if (a as usize) < n && (b as usize) < n && a != b {
                // A weight that is not a finite positive number counts as 1, so it cannot
                // poison the forces.
                let w = if w.is_finite() && w > 0.0 { w.min(10.0) } else { 1.0 };
                graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), w);
            }
        }
        let params = SimulationParameters::new(1.0, Dimensions::Two, infonet_force());
        let mut sim = Self { sim: Simulation::from_graph(graph, params), n };
        sim.set_values(values);
        for (i, p) in positions.iter().enumerate().take(n) {
            sim.set_position(i, *p);
        }
        sim
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Writes the force parameters into fdg-sim's force dictionary.
    pub fn set_values(&mut self, v: ForceValues) {
        let dict = self.sim.parameters_mut().force_mut().dict_mut();
        set_number(dict, LINK_DISTANCE, v.link_distance);
        set_number(dict, REPULSION, v.repulsion);
        set_number(dict, GRAVITY, v.gravity);
        set_number(dict, TEMPERATURE, v.temperature);
        set_number(dict, THETA, v.theta);
        set_number(dict, EXACT_BELOW, v.exact_below as f32);
        set_number(dict, HUB_REPULSION, v.hub_repulsion);
    }

    /// Sets only the temperature (every step, as it cools).
    pub fn set_temperature(&mut self, t: f32) {
        set_number(self.sim.parameters_mut().force_mut().dict_mut(), TEMPERATURE, t);
    }

    /// One simulation step through fdg-sim. Returns (sum of moves, largest move).
    pub fn step(&mut self) -> (f64, f32) {
        self.sim.update(1.0);
        let mut sum = 0.0f64;
        let mut max = 0.0f32;
        for node in self.sim.get_graph().node_weights() {
            let d = node.location.distance(node.old_location);
            if d.is_finite() {
                sum += f64::from(d);
                max = max.max(d);
            }
        }
        (sum, max)
    }

    /// Position of node `i`.
    pub fn position(&self, i: usize) -> [f32; 2] {
        self.sim
            .get_graph()
            .node_weight(NodeIndex::new(i))
            .map_or([0.0, 0.0], |n| [n.location.x, n.location.y])
    }

    /// Copies all positions into `out` (resized to n).
    pub fn write_positions(&self, out: &mut Vec<[f32; 2]>) {
        out.clear();
        out.resize(self.n, [0.0, 0.0]);
        for node in self.sim.get_graph().node_weights() {
            if let Some(slot) = out.get_mut(node.data.index as usize) {
                *slot = [node.location.x, node.location.y];
            }
        }
    }

    /// Moves node `i` to `p` (ignored if `p` is not finite) and clears its velocity.
    pub fn set_position(&mut self, i: usize, p: [f32; 2]) {
        if !(p[0].is_finite() && p[1].is_finite()) {
            return;
        }
        if let Some(node) = self.sim.get_graph_mut().node_weight_mut(NodeIndex::new(i)) {
            node.location = Vec3::new(p[0], p[1], 0.0);
            node.old_location = node.location;
            node.velocity = Vec3::ZERO;
        }
    }

    /// Pins or unpins node `i`.
    pub fn set_pinned(&mut self, i: usize, pinned: bool) {
        if let Some(node) = self.sim.get_graph_mut().node_weight_mut(NodeIndex::new(i)) {
            node.data.pinned = pinned;
        }
    }

    /// Whether node `i` is pinned.
    pub fn pinned(&self, i: usize) -> bool {
        self.sim.get_graph().node_weight(NodeIndex::new(i)).is_some_and(|n| n.data.pinned)
    }
}

fn set_number(dict: &mut LinkedHashMap<String, Value>, key: &str, value: f32) {
    if let Some(n) = dict.get_mut(key).and_then(Value::number_mut) {
        *n = value;
    } else {
        dict.insert(key.to_owned(), Value::Number(value, 0.0..=f32::MAX));
    }
}

fn number(dict: &LinkedHashMap<String, Value>, key: &str, default: f32) -> f32 {
    dict.get(key).and_then(Value::number).filter(|v| v.is_finite()).unwrap_or(default)
}

/// Reused per-thread buffers, so a step allocates nothing once warm.
#[derive(Default)]
struct Scratch {
    positions: Vec<[f32; 2]>,
    forces: Vec<[f32; 2]>,
    masses: Vec<f32>,
    gravity_factor: Vec<f32>,
    tree: QuadTree,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Our force, in fdg-sim's `Force` shape.
fn infonet_force() -> Force<NodeData, f32, Undirected> {
    let mut dict = LinkedHashMap::new();
    dict.insert(LINK_DISTANCE.to_owned(), Value::Number(60.0, 10.0..=300.0));
    dict.insert(REPULSION.to_owned(), Value::Number(1.0, 0.1..=5.0));
    dict.insert(GRAVITY.to_owned(), Value::Number(1.0, 0.0..=5.0));
    dict.insert(TEMPERATURE.to_owned(), Value::Number(10.0, 0.0..=f32::MAX));
    dict.insert(THETA.to_owned(), Value::Number(0.9, 0.0..=2.0));
    dict.insert(EXACT_BELOW.to_owned(), Value::Number(1500.0, 0.0..=f32::MAX));
    dict.insert(HUB_REPULSION.to_owned(), Value::Number(0.0, 0.0..=1.0));
    Force {
        dict: dict.clone(),
        dict_default: dict,
        name: "Infonet (Fruchterman-Reingold with Barnes-Hut)",
        continuous: true,
        info: Some("Spring attraction along ties, k^2/d repulsion (Barnes-Hut for large networks), gravity."),
        update: update_force,
    }
}

fn update_force(
    dict: &LinkedHashMap<String, Value>,
    graph: &mut ForceGraph<NodeData, f32, Undirected>,
    _dt: f32,
) {
    let k = number(dict, LINK_DISTANCE, 60.0).max(1e-3);
    let repulsion = number(dict, REPULSION, 1.0).max(0.0);
    let gravity = number(dict, GRAVITY, 1.0).max(0.0);
    let temperature = number(dict, TEMPERATURE, 0.0).max(0.0);
    let theta = number(dict, THETA, 0.9).max(0.0);
    let exact_below = number(dict, EXACT_BELOW, 1500.0) as usize;
    let hub = number(dict, HUB_REPULSION, 0.0).clamp(0.0, 1.0);

    SCRATCH.with(|cell| {
        let Ok(mut scratch) = cell.try_borrow_mut() else { return };
        let Scratch { positions, forces, masses, gravity_factor, tree } = &mut *scratch;
        let n = graph.node_bound();
        positions.clear();
        positions.resize(n, [0.0, 0.0]);
        forces.clear();
        forces.resize(n, [0.0, 0.0]);
        masses.clear();
        masses.resize(n, 1.0);
        for idx in graph.node_indices() {
            if let (Some(node), Some(slot)) = (graph.node_weight(idx), positions.get_mut(idx.index())) {
                *slot = [node.location.x, node.location.y];
            }
        }
        // masses = ties + 1 for now (isolates keep 1).
        for edge in graph.edge_references() {
            for end in [edge.source().index(), edge.target().index()] {
                if let Some(m) = masses.get_mut(end) {
                    *m += 1.0;
                }
            }
        }
        // Gravity factor per node: people with no ties at all are pulled in harder, so they
        // sit at the edge of the network instead of drifting far out and shrinking the view.
        gravity_factor.clear();
        gravity_factor.extend(masses.iter().map(|&m| if m <= 1.0 { 2.0 } else { 1.0 }));
        // Hubs push harder (ForceAtlas2's "mass = degree + 1", softened by an exponent), so
        // the most-named people can get room around them; 0 = plain Fruchterman-Reingold.
        masses.iter_mut().for_each(|m| *m = if hub > 0.0 { m.powf(hub) } else { 1.0 });

        // Repulsion: FR's k^2 / d between every pair.
        let strength = repulsion * k * k;
        if graph.node_count() < exact_below {
            for i in 0..n {
                let Some(&pi) = positions.get(i) else { continue };
                let mi = masses.get(i).copied().unwrap_or(1.0);
                let mut fi = [0.0f32, 0.0];
                for (j, (pj, mj)) in positions.iter().zip(masses.iter()).enumerate().skip(i + 1) {
                    let (dx, dy) = (pi[0] - pj[0], pi[1] - pj[1]);
                    let mut pair = [0.0f32, 0.0];
                    add_repulsion(&mut pair, dx, dy, dx * dx + dy * dy, strength * mi * mj, i as u32);
                    fi[0] += pair[0];
                    fi[1] += pair[1];
                    if let Some(fj) = forces.get_mut(j) {
                        fj[0] -= pair[0];
                        fj[1] -= pair[1];
                    }
                }
                if let Some(f) = forces.get_mut(i) {
                    f[0] += fi[0];
                    f[1] += fi[1];
                }
            }
        } else {
            tree.build(positions, masses);
            for (i, ((p, f), m)) in positions.iter().zip(forces.iter_mut()).zip(masses.iter()).enumerate() {
                let r = tree.repulsion_on(i as u32, *p, *m, strength * m, theta);
                f[0] += r[0];
                f[1] += r[1];
            }
        }

        // Attraction along ties: d^2 / k, times the tie weight.
        for edge in graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            let (Some(&pa), Some(&pb)) = (positions.get(a), positions.get(b)) else { continue };
            let (dx, dy) = (pa[0] - pb[0], pa[1] - pb[1]);
            let d = (dx * dx + dy * dy).sqrt();
            let w = *edge.weight();
            let f = d * w / k; // (d^2/k) * (dx/d)
            if let Some(fa) = forces.get_mut(a) {
                fa[0] -= dx * f;
                fa[1] -= dy * f;
            }
            if let Some(fb) = forces.get_mut(b) {
                fb[0] += dx * f;
                fb[1] += dy * f;
            }
        }

        // Gravity towards the origin keeps separate components and isolates in view.
        for ((p, f), g) in positions.iter().zip(forces.iter_mut()).zip(gravity_factor.iter()) {
            f[0] -= gravity * g * p[0];
            f[1] -= gravity * g * p[1];
        }

        // Move: each node goes along its force, at most `temperature` far.
        for node in graph.node_weights_mut() {
            let Some(&f) = forces.get(node.data.index as usize) else { continue };
            node.old_location = node.location;
            if node.data.pinned {
                continue;
            }
            let len = (f[0] * f[0] + f[1] * f[1]).sqrt();
            if !len.is_finite() || len <= 0.0 {
                continue;
            }
            let scale = len.min(temperature) / len;
            let moved = Vec3::new(node.location.x + f[0] * scale, node.location.y + f[1] * scale, 0.0);
            if moved.is_finite() {
                node.location = moved;
            }
        }
    });
}
