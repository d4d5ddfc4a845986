//! The adapter to fdg-sim: the only file that names `fdg_sim` or `glam` types.
//!
//! fdg-sim stays the simulation framework (graph storage, `Simulation::update`, the `Force`
//! dictionary the sliders edit); our own `Force` does the maths: Fruchterman-Reingold
//! attraction, repulsion exact for small networks and Barnes-Hut above a threshold, gravity
//! towards the centre, and a temperature that caps every move. fdg-sim's built-in
//! `fruchterman_reingold` is O(n^2), divides by zero for coincident nodes and diverged to NaN
//! on 10,000 nodes here, so it is not used.
//!
//! A step copies positions out of fdg-sim's graph once into flat arrays, computes every force
//! there and writes the new positions back once. What does not change between steps (the
//! ties, degrees and repulsion masses) is cached in the per-thread scratch, keyed by the
//! simulation's id, which [`Sim`] keeps in the force dictionary; no step allocates once warm.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use fdg_sim::force::{Force, LinkedHashMap, Value};
use fdg_sim::glam::Vec3;
use fdg_sim::petgraph::Undirected;
use fdg_sim::petgraph::stable_graph::NodeIndex;
use fdg_sim::petgraph::visit::{EdgeRef as _, IntoEdgeReferences as _, NodeIndexable as _};
use fdg_sim::{Dimensions, ForceGraph, ForceGraphHelper as _, Simulation, SimulationParameters};

use super::quadtree::{
    BarnesHut, DEFAULT_GROUP_SIZE, DEFAULT_LEAF_SIZE, DEFAULT_THETA, TreeParams, add_repulsion,
};

/// Per-node data stored in fdg-sim's graph.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeData {
    /// Dense index (0..n) of the node in the engine's order.
    pub index: u32,
    /// Pinned nodes never move by force.
    pub pinned: bool,
    /// Held nodes do not move either, but are not shown as pinned: people kept in place while
    /// new people settle in after an edit or reload.
    pub held: bool,
    /// Drawn radius in world units; others are pushed out of it (0: a point).
    pub radius: f32,
    /// Room kept free around the disc for the person's name, in world units (Gephi's "Label
    /// Adjust"): other discs are kept this much further out.
    pub room: f32,
}

/// How hard overlapping discs push apart, per world unit of overlap, as a share of the tie
/// length (strong enough to beat the pull of a hub's many ties).
const COLLISION_STIFFNESS: f32 = 0.15;
/// Room left between two discs, as a share of the tie length.
const COLLISION_GAP: f32 = 0.05;

// Dictionary keys of our force; the values are what the sliders change.
pub const LINK_DISTANCE: &str = "Link distance";
pub const REPULSION: &str = "Repulsion";
pub const GRAVITY: &str = "Gravity";
pub const TEMPERATURE: &str = "Temperature";
pub const THETA: &str = "Theta";
pub const EXACT_BELOW: &str = "Exact repulsion below";
pub const HUB_REPULSION: &str = "Hub repulsion";
/// Bodies per Barnes-Hut leaf bucket.
pub const LEAF_SIZE: &str = "Barnes-Hut leaf size";
/// Bodies per Barnes-Hut group (one tree walk each).
pub const GROUP_SIZE: &str = "Barnes-Hut group size";
// The simulation's id in 24-bit halves (exact in f32): the key of the cached ties.
const GRAPH_ID_HIGH: &str = "Graph id (high)";
const GRAPH_ID_LOW: &str = "Graph id (low)";

/// Ids of simulations, for the per-thread cache; 0 means "none".
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// fdg-sim simulation over our node data; undirected (a tie pulls both ends alike).
pub struct Sim {
    sim: Simulation<NodeData, f32, Undirected>,
    n: usize,
    id: u64,
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

/// What the last step of a simulation did (for benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StepStats {
    /// Whether repulsion used the Barnes-Hut tree (false: exact pairs).
    pub barnes_hut: bool,
    /// Bodies in the tree.
    pub bodies: usize,
    /// Tree nodes.
    pub tree_nodes: usize,
    /// Groups of bodies that share one tree walk.
    pub groups: usize,
    /// Pairwise force evaluations (exact path: n(n-1)/2).
    pub interactions: u64,
    /// Tree nodes tested by the walks.
    pub tree_visits: u64,
}

impl Sim {
    /// Builds the simulation with `n` nodes, the given undirected `edges` (weights) and start
    /// `positions`. fdg-sim randomises placement in `from_graph`; we overwrite it afterwards
    /// (nodes without a finite start position go to the origin) so the layout depends only on
    /// our input.
    pub fn new(n: usize, edges: &[(u32, u32, f32)], positions: &[[f32; 2]], values: ForceValues) -> Self {
        let mut graph: ForceGraph<NodeData, f32, Undirected> = ForceGraph::with_capacity(n, edges.len());
        for i in 0..n {
            graph.add_force_node(
                "",
                NodeData { index: i as u32, pinned: false, held: false, radius: 0.0, room: 0.0 },
            );
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
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut sim = Self { sim: Simulation::from_graph(graph, params), n, id };
        sim.set_values(values);
        let dict = sim.sim.parameters_mut().force_mut().dict_mut();
        set_number(dict, GRAPH_ID_HIGH, ((id >> 24) & 0xFF_FFFF) as f32);
        set_number(dict, GRAPH_ID_LOW, (id & 0xFF_FFFF) as f32);
        for i in 0..n {
            let p = positions.get(i).copied().filter(|p| p[0].is_finite() && p[1].is_finite());
            sim.set_position(i, p.unwrap_or([0.0, 0.0]));
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

    /// Sets the Barnes-Hut bucket sizes: bodies per leaf, bodies per group walk.
    pub fn set_tree_shape(&mut self, leaf_size: usize, group_size: usize) {
        let dict = self.sim.parameters_mut().force_mut().dict_mut();
        set_number(dict, LEAF_SIZE, leaf_size.max(1) as f32);
        set_number(dict, GROUP_SIZE, group_size.max(1) as f32);
    }

    /// Sets only the temperature (every step, as it cools).
    pub fn set_temperature(&mut self, t: f32) {
        set_number(self.sim.parameters_mut().force_mut().dict_mut(), TEMPERATURE, t);
    }

    /// One simulation step through fdg-sim. Returns (sum of moves, largest move).
    pub fn step(&mut self) -> (f64, f32) {
        self.sim.update(1.0);
        // The force recorded the moves while writing them; fall back to measuring them.
        let recorded = SCRATCH.with(|cell| {
            cell.try_borrow().ok().and_then(|s| s.last_moves.filter(|m| m.0 == self.id).map(|m| (m.1, m.2)))
        });
        if let Some(moves) = recorded {
            return moves;
        }
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

    /// What the last step did, if it ran on this thread.
    pub fn last_stats(&self) -> Option<StepStats> {
        SCRATCH.with(|cell| {
            cell.try_borrow().ok().and_then(|s| s.last_stats.filter(|m| m.0 == self.id).map(|m| m.1))
        })
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

    /// Holds node `i` in place (or lets it go) without pinning it.
    pub fn set_held(&mut self, i: usize, held: bool) {
        if let Some(node) = self.sim.get_graph_mut().node_weight_mut(NodeIndex::new(i)) {
            node.data.held = held;
        }
    }

    /// Sets the room kept free around node `i` for its name.
    pub fn set_room(&mut self, i: usize, room: f32) {
        if let Some(node) = self.sim.get_graph_mut().node_weight_mut(NodeIndex::new(i)) {
            node.data.room = if room.is_finite() { room.max(0.0) } else { 0.0 };
        }
    }

    /// Sets node `i`'s drawn radius, which the others are kept out of.
    pub fn set_radius(&mut self, i: usize, radius: f32) {
        if let Some(node) = self.sim.get_graph_mut().node_weight_mut(NodeIndex::new(i)) {
            node.data.radius = if radius.is_finite() { radius.max(0.0) } else { 0.0 };
        }
    }

    /// Lets every held node go.
    pub fn release_all(&mut self) {
        for node in self.sim.get_graph_mut().node_weights_mut() {
            node.data.held = false;
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

/// The simulation id stored in the dictionary, or 0 (nothing is cached then).
fn graph_id(dict: &LinkedHashMap<String, Value>) -> u64 {
    let part = |key| {
        let v = number(dict, key, -1.0);
        if (0.0..16_777_216.0).contains(&v) && v.fract() == 0.0 { Some(v as u64) } else { None }
    };
    match (part(GRAPH_ID_HIGH), part(GRAPH_ID_LOW)) {
        (Some(high), Some(low)) => (high << 24) | low,
        _ => 0,
    }
}

/// The force's parameters for one step, read from the dictionary.
#[derive(Clone, Copy, Debug)]
struct StepParams {
    k: f32,
    repulsion: f32,
    gravity: f32,
    temperature: f32,
    theta: f32,
    exact_below: usize,
    hub: f32,
    leaf_size: usize,
    group_size: usize,
    graph_id: u64,
}

impl StepParams {
    fn from_dict(dict: &LinkedHashMap<String, Value>) -> Self {
        Self {
            k: number(dict, LINK_DISTANCE, 60.0).max(1e-3),
            repulsion: number(dict, REPULSION, 1.0).max(0.0),
            gravity: number(dict, GRAVITY, 1.0).max(0.0),
            temperature: number(dict, TEMPERATURE, 0.0).max(0.0),
            theta: number(dict, THETA, DEFAULT_THETA).max(0.0),
            exact_below: number(dict, EXACT_BELOW, 1500.0) as usize,
            hub: number(dict, HUB_REPULSION, 0.0).clamp(0.0, 1.0),
            leaf_size: number(dict, LEAF_SIZE, DEFAULT_LEAF_SIZE as f32).clamp(1.0, 4096.0) as usize,
            group_size: number(dict, GROUP_SIZE, DEFAULT_GROUP_SIZE as f32).clamp(1.0, 4096.0) as usize,
            graph_id: graph_id(dict),
        }
    }
}

/// Reused per-thread buffers, so a step allocates nothing once warm.
#[derive(Default)]
struct Scratch {
    /// Simulation whose topology is cached below (0 = none), with its node and edge counts.
    topology_of: u64,
    node_bound: usize,
    edge_count: usize,
    /// Node index of each node weight, in the graph's iteration order.
    slots: Vec<u32>,
    /// Ties as flat arrays, in fdg-sim's edge order.
    edge_a: Vec<u32>,
    edge_b: Vec<u32>,
    edge_w: Vec<f32>,
    /// Ties + 1 per node.
    degree_mass: Vec<f32>,
    /// Hub exponent the masses below were computed for (None = stale).
    masses_for: Option<f32>,
    masses: Vec<f32>,
    gravity_factor: Vec<f32>,
    /// Per step: positions, radii and forces by node index.
    pos: Vec<[f32; 2]>,
    radius: Vec<f32>,
    room: Vec<f32>,
    force: Vec<[f32; 2]>,
    tree: BarnesHut,
    /// (simulation id, sum of moves, largest move) of the last step.
    last_moves: Option<(u64, f64, f32)>,
    last_stats: Option<(u64, StepStats)>,
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
    dict.insert(THETA.to_owned(), Value::Number(DEFAULT_THETA, 0.0..=2.0));
    dict.insert(EXACT_BELOW.to_owned(), Value::Number(1500.0, 0.0..=f32::MAX));
    dict.insert(HUB_REPULSION.to_owned(), Value::Number(0.0, 0.0..=1.0));
    dict.insert(LEAF_SIZE.to_owned(), Value::Number(DEFAULT_LEAF_SIZE as f32, 1.0..=256.0));
    dict.insert(GROUP_SIZE.to_owned(), Value::Number(DEFAULT_GROUP_SIZE as f32, 1.0..=1024.0));
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
    let params = StepParams::from_dict(dict);
    SCRATCH.with(|cell| {
        if let Ok(mut scratch) = cell.try_borrow_mut() {
            scratch.step(&params, graph);
        }
    });
}

impl Scratch {
    /// Caches the ties, degrees and node slots of `graph` unless they are cached already.
    fn sync_topology(&mut self, id: u64, graph: &ForceGraph<NodeData, f32, Undirected>) {
        let (bound, edges) = (graph.node_bound(), graph.edge_count());
        if id != 0 && id == self.topology_of && bound == self.node_bound && edges == self.edge_count {
            return;
        }
        self.topology_of = id;
        self.node_bound = bound;
        self.edge_count = edges;
        self.slots.clear();
        self.slots.extend(graph.node_indices().map(|i| i.index() as u32));
        self.edge_a.clear();
        self.edge_b.clear();
        self.edge_w.clear();
        // Masses = ties + 1 (isolates keep 1).
        self.degree_mass.clear();
        self.degree_mass.resize(bound, 1.0);
        for edge in graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            self.edge_a.push(a as u32);
            self.edge_b.push(b as u32);
            self.edge_w.push(*edge.weight());
            for end in [a, b] {
                if let Some(m) = self.degree_mass.get_mut(end) {
                    *m += 1.0;
                }
            }
        }
        self.masses_for = None;
    }

    /// Repulsion masses and gravity factors for hub exponent `hub`.
    fn sync_masses(&mut self, hub: f32) {
        if self.masses_for.is_some_and(|h| h.to_bits() == hub.to_bits()) {
            return;
        }
        self.masses_for = Some(hub);
        // Gravity factor per node: people with no ties at all are pulled in harder, so they
        // sit at the edge of the network instead of drifting far out and shrinking the view.
        self.gravity_factor.clear();
        self.gravity_factor.extend(self.degree_mass.iter().map(|&m| if m <= 1.0 { 2.0 } else { 1.0 }));
        // Hubs push harder (ForceAtlas2's "mass = degree + 1", softened by an exponent), so
        // the most-named people can get room around them; 0 = plain Fruchterman-Reingold.
        self.masses.clear();
        self.masses.extend(self.degree_mass.iter().map(|&m| if hub > 0.0 { m.powf(hub) } else { 1.0 }));
    }

    fn step(&mut self, p: &StepParams, graph: &mut ForceGraph<NodeData, f32, Undirected>) {
        self.sync_topology(p.graph_id, graph);
        self.sync_masses(p.hub);
        let n = self.node_bound;

        // Positions in (vacant slots stay NaN and take no part), forces zeroed.
        self.pos.clear();
        self.pos.resize(n, [f32::NAN; 2]);
        self.radius.clear();
        self.radius.resize(n, 0.0);
        self.room.clear();
        self.room.resize(n, 0.0);
        for (node, &slot) in graph.node_weights().zip(&self.slots) {
            if let Some(p) = self.pos.get_mut(slot as usize) {
                *p = [node.location.x, node.location.y];
            }
            if let Some(r) = self.radius.get_mut(slot as usize) {
                *r = node.data.radius;
            }
            if let Some(r) = self.room.get_mut(slot as usize) {
                *r = node.data.room;
            }
        }
        self.force.clear();
        self.force.resize(n, [0.0; 2]);

        // Repulsion: FR's k^2 / d between every pair.
        let strength = p.repulsion * p.k * p.k;
        let stats = if graph.node_count() < p.exact_below {
            self.exact_repulsion(strength, p.k)
        } else {
            let shape = TreeParams { theta: p.theta, leaf_size: p.leaf_size, group_size: p.group_size };
            self.tree.build(&self.pos, &self.masses, shape);
            self.tree.add_forces(strength, &mut self.force);
            let t = self.tree.stats();
            StepStats {
                barnes_hut: true,
                bodies: t.bodies,
                tree_nodes: t.nodes,
                groups: t.groups,
                interactions: t.interactions,
                tree_visits: t.visits,
            }
        };
        self.attraction(p.k);
        self.gravity(p.gravity);
        let (sum, max) = self.move_nodes(graph, p.temperature);
        // Cool: a few passes so that chains of touching discs come apart too before it settles.
        let cool = p.temperature < p.k * 0.05;
        let passes = if cool { 4 } else { 1 };
        for pass in 0..passes {
            // The grid pass of big networks once per step: it is the expensive one.
            let grid = cool && pass == 0;
            if !self.separate(graph, p.k * COLLISION_GAP, graph.node_count() >= p.exact_below, grid) {
                break;
            }
        }
        self.last_moves = Some((p.graph_id, sum, max));
        self.last_stats = Some((p.graph_id, stats));
    }

    /// Exact pairwise repulsion (small networks); every pair once, in a fixed order. People
    /// drawn big also push apart while their discs (plus a small gap) overlap, so the most
    /// named do not cover each other in dense networks (Gephi users run "Noverlap" for that).
    fn exact_repulsion(&mut self, strength: f32, k: f32) -> StepStats {
        let Self { pos, masses, force, radius, room, .. } = self;
        let n = pos.len();
        let stiffness = k * COLLISION_STIFFNESS;
        let gap = k * COLLISION_GAP;
        for i in 0..n {
            let Some(&[xi, yi]) = pos.get(i) else { continue };
            if !(xi.is_finite() && yi.is_finite()) {
                continue;
            }
            let mi = masses.get(i).copied().unwrap_or(1.0);
            let ri = radius.get(i).copied().unwrap_or(0.0);
            let room_i = room.get(i).copied().unwrap_or(0.0);
            let mut fi = [0.0f32, 0.0];
            let others = pos
                .iter()
                .zip(masses.iter())
                .zip(radius.iter().zip(room.iter()))
                .zip(force.iter_mut())
                .skip(i + 1);
            for (((&[xj, yj], &mj), (&rj, &room_j)), fj) in others {
                if !(xj.is_finite() && yj.is_finite()) {
                    continue;
                }
                let (dx, dy) = (xi - xj, yi - yj);
                let d2 = dx * dx + dy * dy;
                let mut pair = [0.0f32, 0.0];
                add_repulsion(&mut pair, dx, dy, d2, strength * mi * mj, i as u32);
                // A name's room is kept free of the other disc; rooms themselves may overlap.
                let clear = ri + rj + room_i.max(room_j);
                if clear > 0.0 {
                    let reach = clear + gap;
                    if d2 < reach * reach && d2 > 0.0 {
                        let d = d2.sqrt();
                        let push = (reach - d) * stiffness / d;
                        pair[0] += dx * push;
                        pair[1] += dy * push;
                    }
                }
                fi[0] += pair[0];
                fi[1] += pair[1];
                fj[0] -= pair[0];
                fj[1] -= pair[1];
            }
            if let Some(f) = force.get_mut(i) {
                f[0] += fi[0];
                f[1] += fi[1];
            }
        }
        let n = n as u64;
        StepStats { interactions: n * n.saturating_sub(1) / 2, bodies: n as usize, ..StepStats::default() }
    }

    /// Attraction along ties: d^2 / k, times the tie weight.
    fn attraction(&mut self, k: f32) {
        let Self { pos, force, edge_a, edge_b, edge_w, .. } = self;
        for ((&a, &b), &w) in edge_a.iter().zip(edge_b.iter()).zip(edge_w.iter()) {
            let (a, b) = (a as usize, b as usize);
            let (Some(&[xa, ya]), Some(&[xb, yb])) = (pos.get(a), pos.get(b)) else { continue };
            let (dx, dy) = (xa - xb, ya - yb);
            let d = (dx * dx + dy * dy).sqrt();
            if !d.is_finite() {
                continue;
            }
            let f = d * w / k; // (d^2/k) * (dx/d)
            if let Some(fa) = force.get_mut(a) {
                fa[0] -= dx * f;
                fa[1] -= dy * f;
            }
            if let Some(fb) = force.get_mut(b) {
                fb[0] += dx * f;
                fb[1] += dy * f;
            }
        }
    }

    /// Gravity towards the origin keeps separate components and isolates in view.
    fn gravity(&mut self, gravity: f32) {
        let Self { pos, force, gravity_factor, .. } = self;
        for ((p, f), &g) in pos.iter().zip(force.iter_mut()).zip(gravity_factor.iter()) {
            f[0] -= gravity * g * p[0];
            f[1] -= gravity * g * p[1];
        }
    }

    /// Moves each node along its force, at most `temperature` far, writing the graph once.
    /// Returns (sum of moves, largest move).
    fn move_nodes(&self, graph: &mut ForceGraph<NodeData, f32, Undirected>, temperature: f32) -> (f64, f32) {
        let mut sum = 0.0f64;
        let mut max = 0.0f32;
        for (node, &slot) in graph.node_weights_mut().zip(&self.slots) {
            node.old_location = node.location;
            if node.data.pinned || node.data.held {
                continue;
            }
            let Some(&[f0, f1]) = self.force.get(slot as usize) else { continue };
            let len = (f0 * f0 + f1 * f1).sqrt();
            if !len.is_finite() || len <= 0.0 {
                continue;
            }
            let scale = len.min(temperature) / len;
            let moved = Vec3::new(node.location.x + f0 * scale, node.location.y + f1 * scale, 0.0);
            if moved.is_finite() {
                node.location = moved;
                let d = node.location.distance(node.old_location);
                if d.is_finite() {
                    sum += f64::from(d);
                    max = max.max(d);
                }
            }
        }
        (sum, max)
    }

    /// Moves overlapping discs apart by their overlap (half each; all of it for the free one
    /// when the other is pinned or held), one pass per step. Unlike the forces this is not
    /// capped by the temperature, so big people end up clear of each other however the
    /// layout cooled. Small networks only (the pass is quadratic, like the exact repulsion).
    fn separate(
        &mut self,
        graph: &mut ForceGraph<NodeData, f32, Undirected>,
        gap: f32,
        only_rooms: bool,
        cool: bool,
    ) -> bool {
        if !self.radius.iter().chain(&self.room).any(|&r| r > 0.0) {
            return false;
        }
        // Big networks: only the few people with room for a name, against everyone (linear).
        let firsts: Vec<usize> = if only_rooms {
            (0..self.pos.len()).filter(|&i| self.room.get(i).is_some_and(|&r| r > 0.0)).collect()
        } else {
            (0..self.pos.len()).collect()
        };
        if firsts.is_empty() {
            return false;
        }
        let n = self.pos.len();
        let mut fixed = vec![false; n];
        for (node, &slot) in graph.node_weights().zip(&self.slots) {
            if let (Some(p), Some(f)) = (self.pos.get_mut(slot as usize), fixed.get_mut(slot as usize)) {
                *p = [node.location.x, node.location.y];
                *f = node.data.pinned || node.data.held;
            }
        }
        let mut moved = false;
        // The furthest any pair with `i` can reach, so most pairs are dismissed by two
        // subtractions (the rooms pass of a big network meets everyone, four times a step).
        let largest_radius = self.radius.iter().copied().filter(|r| r.is_finite()).fold(0.0f32, f32::max);
        let largest_room = self.room.iter().copied().filter(|r| r.is_finite()).fold(0.0f32, f32::max);
        for &i in &firsts {
            let max_reach = self.radius.get(i).copied().unwrap_or(0.0) + largest_radius + largest_room + gap;
            for j in if only_rooms { 0 } else { i + 1 }..n {
                if j == i {
                    continue;
                }
                let (Some(&[xi, yi]), Some(&[xj, yj])) = (self.pos.get(i), self.pos.get(j)) else { continue };
                // Not a NaN-safe "far" test on purpose: a NaN goes on to the exact test below,
                // which skips it.
                if (xi - xj).abs() >= max_reach || (yi - yj).abs() >= max_reach {
                    continue;
                }
                let room =
                    self.room.get(i).copied().unwrap_or(0.0).max(self.room.get(j).copied().unwrap_or(0.0));
                let reach = self.radius.get(i).copied().unwrap_or(0.0)
                    + self.radius.get(j).copied().unwrap_or(0.0)
                    + room;
                if reach <= 0.0 {
                    continue;
                }
                let reach = reach + gap;
                let (dx, dy) = (xi - xj, yi - yj);
                let d2 = dx * dx + dy * dy;
                // Coincident people are the repulsion's job (it picks a direction).
                if !(d2 > 0.0 && d2 < reach * reach) {
                    continue;
                }
                let d = d2.sqrt();
                let (ux, uy) = (dx / d, dy / d);
                let overlap = reach - d;
                let (fi, fj) = (fixed.get(i).copied().unwrap_or(true), fixed.get(j).copied().unwrap_or(true));
                let (si, sj) = match (fi, fj) {
                    (false, false) => (0.5, 0.5),
                    (false, true) => (1.0, 0.0),
                    (true, false) => (0.0, 1.0),
                    (true, true) => continue,
                };
                if let Some(p) = self.pos.get_mut(i) {
                    *p = [xi + ux * overlap * si, yi + uy * overlap * si];
                }
                if let Some(p) = self.pos.get_mut(j) {
                    *p = [xj - ux * overlap * sj, yj - uy * overlap * sj];
                }
                moved = true;
            }
        }
        // The grid pass for big networks runs once the layout is cool: while hot, everyone
        // moves further than any overlap anyway (3,000 people took 0.64 s to settle with it on
        // every step, 0.08 s without).
        if only_rooms && cool && n <= GRID_SEPARATION_MAX {
            moved |= self.separate_by_grid(&fixed, gap, largest_radius);
        }
        if !moved {
            return false;
        }
        for (node, &slot) in graph.node_weights_mut().zip(&self.slots) {
            if let Some(&[x, y]) = self.pos.get(slot as usize)
                && x.is_finite()
                && y.is_finite()
            {
                node.location = Vec3::new(x, y, 0.0);
            }
        }
        true
    }
}

/// Networks up to this size (laid out with Barnes-Hut) also get the disc separation, through
/// a grid: above it a pass per step costs more than it is worth on screen.
const GRID_SEPARATION_MAX: usize = 20_000;

impl Scratch {
    /// Pushes overlapping discs apart like [`Self::separate`], for networks too big for the
    /// quadratic pass: each disc meets only those in its own and the eight neighbouring cells
    /// of a grid as wide as the biggest pair can reach (`largest`: the biggest finite radius).
    fn separate_by_grid(&mut self, fixed: &[bool], gap: f32, largest: f32) -> bool {
        if largest <= 0.0 {
            return false;
        }
        let cell = 2.0 * largest + gap;
        let key = |p: [f32; 2]| ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
        let mut cells: foldhash::HashMap<(i64, i64), Vec<u32>> = foldhash::HashMap::default();
        for (i, p) in self.pos.iter().enumerate() {
            if p[0].is_finite() && p[1].is_finite() {
                cells.entry(key(*p)).or_default().push(i as u32);
            }
        }
        let mut moved = false;
        for i in 0..self.pos.len() {
            let Some(&pi) = self.pos.get(i) else { continue };
            if !(pi[0].is_finite() && pi[1].is_finite()) {
                continue;
            }
            let (cx, cy) = key(pi);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let Some(members) = cells.get(&(cx + dx, cy + dy)) else { continue };
                    for &j in members {
                        let j = j as usize;
                        if j <= i {
                            continue;
                        }
                        let (Some(&[xi, yi]), Some(&[xj, yj])) = (self.pos.get(i), self.pos.get(j)) else {
                            continue;
                        };
                        let reach = self.radius.get(i).copied().unwrap_or(0.0)
                            + self.radius.get(j).copied().unwrap_or(0.0)
                            + gap;
                        let (ddx, ddy) = (xi - xj, yi - yj);
                        let d2 = ddx * ddx + ddy * ddy;
                        if !(d2 > 0.0 && d2 < reach * reach) {
                            continue;
                        }
                        let d = d2.sqrt();
                        let (ux, uy) = (ddx / d, ddy / d);
                        let overlap = reach - d;
                        let (si, sj) = match (
                            fixed.get(i).copied().unwrap_or(true),
                            fixed.get(j).copied().unwrap_or(true),
                        ) {
                            (false, false) => (0.5, 0.5),
                            (false, true) => (1.0, 0.0),
                            (true, false) => (0.0, 1.0),
                            (true, true) => continue,
                        };
                        if let Some(p) = self.pos.get_mut(i) {
                            *p = [xi + ux * overlap * si, yi + uy * overlap * si];
                        }
                        if let Some(p) = self.pos.get_mut(j) {
                            *p = [xj - ux * overlap * sj, yj - uy * overlap * sj];
                        }
                        moved = true;
                    }
                }
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::{LayoutEngine, LayoutGraph, LayoutParams};

    /// A deterministic scale-free-ish graph: node i ties to two earlier nodes.
    fn graph(n: usize) -> LayoutGraph {
        let mut s = 0x9E37_79B9u64;
        let mut next = |bound: usize| {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((s >> 33) as usize) % bound.max(1)
        };
        let mut edges = Vec::new();
        for i in 1..n {
            for _ in 0..2 {
                let j = next(i);
                edges.push((j as u32, i as u32, 1.0));
            }
        }
        LayoutGraph {
            keys: (0..n).map(|i| format!("n{i}")).collect(),
            edges,
            radii: Vec::new(),
            rooms: Vec::new(),
        }
    }

    fn start(n: usize) -> Vec<[f32; 2]> {
        (0..n).map(|i| [((i * 7919) % 1009) as f32 * 3.0, ((i * 104_729) % 1013) as f32 * 3.0]).collect()
    }

    fn bits(p: &[[f32; 2]]) -> Vec<u32> {
        p.iter().flatten().map(|v| v.to_bits()).collect()
    }

    fn all_finite(p: &[[f32; 2]]) -> bool {
        p.iter().flatten().all(|v| v.is_finite())
    }

    #[test]
    fn barnes_hut_is_deterministic_bit_for_bit() {
        let g = graph(4000);
        let run = || {
            let mut e = LayoutEngine::with_positions(&g, &start(4000), LayoutParams::default(), 40);
            for _ in 0..40 {
                e.step();
            }
            assert!(e.last_step_stats().is_some_and(|s| s.barnes_hut));
            e.positions()
        };
        let a = run();
        // Another network stepped on this thread in between must not leak into the next run.
        let mut other = LayoutEngine::with_positions(&graph(2500), &start(2500), LayoutParams::default(), 5);
        other.step();
        let b = run();
        assert!(all_finite(&a));
        assert_eq!(bits(&a), bits(&b));
        // And the same on another thread (its own scratch).
        let c = std::thread::scope(|scope| scope.spawn(run).join().map_err(|_| "thread panicked"));
        assert_eq!(Ok(bits(&a)), c.map(|c| bits(&c)));
    }

    #[test]
    fn barnes_hut_at_theta_zero_moves_like_the_exact_path() {
        let g = graph(600);
        let step_once = |params: LayoutParams| {
            let mut e = LayoutEngine::with_positions(&g, &start(600), params, 100);
            e.step();
            e.positions()
        };
        let exact = step_once(LayoutParams { barnes_hut_from: usize::MAX, ..LayoutParams::default() });
        let tree = step_once(LayoutParams { barnes_hut_from: 0, theta: 0.0, ..LayoutParams::default() });
        let rough = step_once(LayoutParams { barnes_hut_from: 0, ..LayoutParams::default() });
        let worst = |p: &[[f32; 2]]| {
            p.iter()
                .zip(&exact)
                .map(|(a, b)| (a[0] - b[0]).abs().max((a[1] - b[1]).abs()))
                .fold(0.0f32, f32::max)
        };
        assert!(worst(&tree) < 0.05, "theta 0 differs from exact by {}", worst(&tree));
        // The default theta is an approximation, but a close one.
        assert!(worst(&rough) < 5.0, "default theta differs from exact by {}", worst(&rough));
    }

    #[test]
    fn non_finite_and_coincident_starts_stay_finite_on_both_paths() {
        for n in [200, 1600] {
            let g = graph(n);
            let mut start = vec![[7.0, 7.0]; n];
            for (i, p) in start.iter_mut().enumerate().step_by(7) {
                *p = match i % 3 {
                    0 => [f32::NAN, 1.0],
                    1 => [f32::INFINITY, f32::NEG_INFINITY],
                    _ => [1e30, -1e30],
                };
            }
            let run = || {
                let mut e = LayoutEngine::with_positions(&g, &start, LayoutParams::default(), 25);
                for _ in 0..25 {
                    e.step();
                    assert!(all_finite(&e.positions()), "n = {n}, step {}", e.steps());
                }
                e.positions()
            };
            let a = run();
            assert_eq!(bits(&a), bits(&run()), "n = {n}: deterministic");
            // The people who started on one spot were pushed apart.
            assert_ne!(a[1], a[2]);
        }
    }

    #[test]
    fn pinned_people_stay_put_on_the_barnes_hut_path() {
        let g = graph(2000);
        let mut e = LayoutEngine::with_positions(&g, &start(2000), LayoutParams::default(), 50);
        e.drag_to(5, [123.0, -45.0]);
        for _ in 0..50 {
            e.step();
        }
        assert_eq!(e.position(5), [123.0, -45.0]);
        assert!(all_finite(&e.positions()));
    }
}
