//! Barnes-Hut repulsion over a flat, Morton-ordered quadtree.
//!
//! Built fresh every step into reused buffers (no allocation once warm):
//!
//! 1. every finite body gets a 24-bit Morton code (12 bits per axis over the bounding square)
//!    and the bodies are radix-sorted by it, so the bodies of every tree cell are one
//!    contiguous range of the sorted array;
//! 2. the tree is built top down into one flat array, breadth first, so the children of a node
//!    are contiguous. A node splits at the highest bit pair where the codes of its range differ
//!    (no chains of one-child cells). Leaves are buckets of up to `leaf_size` bodies, or any
//!    number of bodies with one code (coincident points). Each node stores its centre of mass,
//!    mass and squared opening distance;
//! 3. bodies are handled in *groups* (subtrees of up to `group_size` bodies): one walk per
//!    group collects an interaction list (accepted cells and the bodies of opened leaves) that
//!    holds for every body of the group. The walk goes level by level; the children of an
//!    opened node are tested as one block of four, without branches. Then a tight loop
//!    evaluates the list for four bodies at a time (the bodies are the SIMD lanes; the
//!    compiler vectorises it), so the list is read once per four bodies.
//!
//! Opening criterion: a cell whose bodies' bounding box has larger side `s` and whose centre of
//! mass is `c` is used as one body for a whole group when `s < theta * dist(c, group box)`; the
//! group and its ancestors are always opened. `theta = 0` therefore gives the exact sum.
//!
//! Zero distances: a pair closer than [`MIN_DISTANCE`] counts at that distance, and a body with
//! others within [`MIN_DISTANCE`] gets a push in a direction derived from its index (like the
//! exact path), so coincident people separate deterministically and nothing becomes NaN.

/// Smallest distance used in forces; closer pairs are pushed apart in a fixed direction.
pub const MIN_DISTANCE: f32 = 0.01;
const MIN_D2: f32 = MIN_DISTANCE * MIN_DISTANCE;

/// Default opening angle.
pub const DEFAULT_THETA: f32 = 1.2;
/// Default number of bodies per leaf bucket.
pub const DEFAULT_LEAF_SIZE: usize = 8;
/// Default number of bodies per group (one walk each).
pub const DEFAULT_GROUP_SIZE: usize = 32;

/// Bodies evaluated together (the SIMD lanes of the evaluation loop).
const LANES: usize = 4;

/// Golden angle in radians: consecutive indices get well separated directions.
const GOLDEN_ANGLE: f32 = 2.399_963;

/// Adds `strength / d` along (dx, dy). Zero distance gets a direction derived from the body
/// index, so coincident people separate deterministically instead of producing NaN.
pub fn add_repulsion(force: &mut [f32; 2], dx: f32, dy: f32, d2: f32, strength: f32, i: u32) {
    if d2 > MIN_DISTANCE * MIN_DISTANCE {
        // strength / d * (dx, dy) / d
        let f = strength / d2;
        force[0] += dx * f;
        force[1] += dy * f;
    } else {
        let angle = (i as f32) * GOLDEN_ANGLE; // distinct directions per body
        let f = strength / MIN_DISTANCE;
        force[0] += angle.cos() * f;
        force[1] += angle.sin() * f;
    }
}

/// A point mass as the evaluation loop reads it: x, y, mass (and a fourth value it ignores).
type Entry = [f32; 4];

/// One tree node, 32 bytes (one half cache line). Nodes are stored breadth first, so the
/// children of a node are contiguous: `first_child .. first_child + child_count`.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(32))]
struct Node {
    /// Centre of mass x, y, total mass, squared opening distance ((side / theta)^2): the
    /// first three are the node's list entry when it is accepted.
    entry: Entry,
    /// Range of its bodies in the sorted order.
    start: u32,
    end: u32,
    /// Children (none for a leaf).
    first_child: u32,
    child_count: u32,
}

/// A group of bodies that shares one walk: a subtree, and the tight box of its bodies.
#[derive(Clone, Copy, Debug, Default)]
struct Group {
    node: u32,
    start: u32,
    end: u32,
    min: [f32; 2],
    max: [f32; 2],
}

/// What a build produced and a force pass cost (for benchmarks and tests).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TreeStats {
    /// Bodies in the tree (finite positions).
    pub bodies: usize,
    /// Tree nodes.
    pub nodes: usize,
    /// Groups (walks per force pass).
    pub groups: usize,
    /// Pairwise evaluations in the last force pass (list entries times group bodies rounded
    /// up to whole lanes).
    pub interactions: u64,
    /// Tree nodes tested in the last force pass.
    pub visits: u64,
}

/// Totals of a subtree while building.
#[derive(Clone, Copy)]
struct Agg {
    mass: f64,
    mx: f64,
    my: f64,
    min: [f32; 2],
    max: [f32; 2],
}

impl Agg {
    const EMPTY: Self =
        Self { mass: 0.0, mx: 0.0, my: 0.0, min: [f32::INFINITY; 2], max: [f32::NEG_INFINITY; 2] };

    fn merge(self, o: Self) -> Self {
        Self {
            mass: self.mass + o.mass,
            mx: self.mx + o.mx,
            my: self.my + o.my,
            min: [smaller(self.min[0], o.min[0]), smaller(self.min[1], o.min[1])],
            max: [larger(self.max[0], o.max[0]), larger(self.max[1], o.max[1])],
        }
    }
}

/// Shape of the tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TreeParams {
    /// Opening angle: a cell counts as one body when its side is below `theta` times its
    /// distance to the group (0 = exact).
    pub theta: f32,
    /// Largest leaf bucket (bodies of an opened leaf are summed one by one).
    pub leaf_size: usize,
    /// Largest group of bodies that shares one walk (at least the leaf size).
    pub group_size: usize,
}

impl Default for TreeParams {
    fn default() -> Self {
        Self { theta: DEFAULT_THETA, leaf_size: DEFAULT_LEAF_SIZE, group_size: DEFAULT_GROUP_SIZE }
    }
}

/// The interaction list of one group and the walk's buffers, all sized by the build so the
/// walk writes without growing anything.
#[derive(Default)]
struct Walk {
    /// Interaction list; the first `len` entries are valid.
    list: Vec<Entry>,
    len: usize,
    /// Walk results, node indices: accepted cells from the front (`accepted` of them), leaves
    /// to open from the back (from `opened_from` on).
    found: Vec<u32>,
    accepted: usize,
    opened_from: usize,
    /// Inner nodes to open at the current and the next level.
    current: Vec<u32>,
    next: Vec<u32>,
    /// The group's ancestors by depth, ending with the group's own node.
    chain: Vec<u32>,
}

impl Walk {
    /// Room for `entries` list entries and walks over `nodes` nodes.
    fn prepare(&mut self, entries: usize, nodes: usize) {
        if self.list.len() < entries {
            self.list.resize(entries, [0.0; 4]);
        }
        for v in [&mut self.found, &mut self.current, &mut self.next] {
            if v.len() < nodes + 8 {
                v.resize(nodes + 8, 0);
            }
        }
    }

    /// Appends entries to the list.
    fn append(&mut self, entries: &[Entry]) {
        let end = self.len + entries.len();
        if let Some(dst) = self.list.get_mut(self.len..end) {
            dst.iter_mut().zip(entries).for_each(|(d, s)| *d = *s);
            self.len = end;
        }
    }
}

/// Reusable Barnes-Hut tree: [`BarnesHut::build`], then [`BarnesHut::add_forces`].
#[derive(Default)]
pub struct BarnesHut {
    /// Radix sort buffers: (code << 32) | body index.
    keys: Vec<u64>,
    keys_tmp: Vec<u64>,
    /// Sorted: Morton codes, input indices, bodies (x, y, mass, and 1 when the body shares
    /// its code with a neighbour, else 0).
    codes: Vec<u32>,
    order: Vec<u32>,
    bodies: Vec<Entry>,
    nodes: Vec<Node>,
    /// Parent of each node (the root's is itself).
    parents: Vec<u32>,
    /// Per node while building: subtree totals, and whether an ancestor is a group.
    aggs: Vec<Agg>,
    in_group: Vec<bool>,
    groups: Vec<Group>,
    walk: Walk,
    stats: TreeStats,
}

/// Morton code resolution: 12 bits per axis (24-bit codes, two radix passes). Bodies closer
/// than 1/4096 of the layout's extent share a code and a leaf, which stays exact.
const AXIS_MAX: u32 = (1 << 12) - 1;
const CELLS_PER_AXIS: f32 = AXIS_MAX as f32;

/// Spreads the low 16 bits of `v` to the even bits.
fn spread(v: u32) -> u32 {
    let mut x = v & 0xFFFF;
    x = (x | (x << 8)) & 0x00FF_00FF;
    x = (x | (x << 4)) & 0x0F0F_0F0F;
    x = (x | (x << 2)) & 0x3333_3333;
    (x | (x << 1)) & 0x5555_5555
}

/// Stable LSD radix sort of `keys` by bits 32..56 (the Morton code; 2 passes of 12 bits, a
/// pass whose digit is the same for every key is skipped). `tmp` is scratch of any length.
fn radix_sort_codes(keys: &mut Vec<u64>, tmp: &mut Vec<u64>) {
    const BITS: u32 = 12;
    const BUCKETS: usize = 1 << BITS;
    const MASK: u64 = (BUCKETS as u64) - 1;
    let n = keys.len();
    let mut counts = [[0u32; BUCKETS]; 2];
    for &k in keys.iter() {
        for (pass, c) in counts.iter_mut().enumerate() {
            let digit = ((k >> (32 + BITS * pass as u32)) & MASK) as usize;
            if let Some(slot) = c.get_mut(digit) {
                *slot += 1;
            }
        }
    }
    tmp.clear();
    tmp.resize(n, 0);
    for (pass, c) in counts.iter_mut().enumerate() {
        if c.iter().any(|&v| v as usize == n) {
            continue; // every key has the same digit here
        }
        let mut sum = 0u32;
        for v in c.iter_mut() {
            let count = *v;
            *v = sum;
            sum += count;
        }
        let shift = 32 + BITS * pass as u32;
        for &k in keys.iter() {
            let digit = ((k >> shift) & MASK) as usize;
            if let Some(pos) = c.get_mut(digit) {
                if let Some(slot) = tmp.get_mut(*pos as usize) {
                    *slot = k;
                }
                *pos += 1;
            }
        }
        std::mem::swap(keys, tmp);
    }
}

/// The larger of `a` and `b` (one instruction: no NaN handling, none is needed here).
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// The smaller of `a` and `b` (one instruction: no NaN handling, none is needed here).
#[inline]
fn smaller(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}

impl BarnesHut {
    /// Builds the tree over bodies at `pos[i]` with `mass[i]` (extra entries of the longer
    /// slice are ignored). Bodies with a non-finite position or a mass that is not finite and
    /// positive are left out.
    pub fn build(&mut self, pos: &[[f32; 2]], mass: &[f32], params: TreeParams) {
        let leaf_size = params.leaf_size.max(1);
        let group_size = params.group_size.max(leaf_size);
        let theta = params.theta;
        let inv_theta2 = if theta > 0.0 && theta.is_finite() { 1.0 / (theta * theta) } else { f32::INFINITY };
        self.nodes.clear();
        self.parents.clear();
        self.aggs.clear();
        self.in_group.clear();
        self.groups.clear();
        self.keys.clear();
        self.codes.clear();
        self.order.clear();
        self.bodies.clear();
        self.stats = TreeStats::default();

        let valid = |p: &[f32; 2], m: f32| p[0].is_finite() && p[1].is_finite() && m.is_finite() && m > 0.0;
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        let mut finite = 0;
        for (p, &m) in pos.iter().zip(mass) {
            if valid(p, m) {
                finite += 1;
                min = [smaller(min[0], p[0]), smaller(min[1], p[1])];
                max = [larger(max[0], p[0]), larger(max[1], p[1])];
            }
        }
        if min[0] > max[0] {
            return; // no finite body
        }
        let side = larger(max[0] - min[0], max[1] - min[1]);
        // Quantise to 12 bits per axis; `as` saturates, `min` keeps the top edge inside.
        let scale = if side > 0.0 && side.is_finite() { CELLS_PER_AXIS / side } else { 0.0 };
        let key = |(i, (p, _)): (usize, (&[f32; 2], &f32))| {
            let qx = (((p[0] - min[0]) * scale) as u32).min(AXIS_MAX);
            let qy = (((p[1] - min[1]) * scale) as u32).min(AXIS_MAX);
            let code = spread(qx) | (spread(qy) << 1);
            (u64::from(code) << 32) | i as u64
        };
        let bodies = pos.iter().zip(mass).enumerate();
        if finite == pos.len().min(mass.len()) {
            self.keys.extend(bodies.map(key)); // the usual case: a sized, tight loop
        } else {
            self.keys.extend(bodies.filter(|(_, (p, m))| valid(p, **m)).map(key));
        }
        radix_sort_codes(&mut self.keys, &mut self.keys_tmp);
        self.codes.extend(self.keys.iter().map(|&k| (k >> 32) as u32));
        self.order.extend(self.keys.iter().map(|&k| k as u32));
        self.bodies.extend(self.order.iter().map(|&i| {
            let [px, py] = pos.get(i as usize).copied().unwrap_or_default();
            [px, py, mass.get(i as usize).copied().unwrap_or(0.0), 0.0]
        }));
        let n = self.codes.len();
        // Flag bodies that share their code with a neighbour: only those can have others
        // within MIN_DISTANCE (the fourth value of a body's entry is not used by the forces).
        for (p, body) in self.bodies.iter_mut().enumerate() {
            let code = self.codes.get(p);
            let shared = (p > 0 && self.codes.get(p - 1) == code) || self.codes.get(p + 1) == code;
            body[3] = if shared { 1.0 } else { 0.0 };
        }

        // Top down, breadth first: split each node at the highest bit pair where the codes of
        // its range differ (the quadrant digit there is non-decreasing over the sorted range,
        // and at least two quadrants are present).
        self.nodes.push(Node { start: 0, end: n as u32, ..Node::default() });
        self.parents.push(0);
        self.in_group.push(false);
        let mut q = 0;
        while let Some(&node) = self.nodes.get(q) {
            let (start, end) = (node.start as usize, node.end as usize);
            let first = self.codes.get(start).copied().unwrap_or(0);
            let last = self.codes.get(end.saturating_sub(1)).copied().unwrap_or(0);
            let leaf = end - start <= leaf_size || first == last;
            let inherited = self.in_group.get(q).copied().unwrap_or(true);
            let group = !inherited && (leaf || end - start <= group_size);
            if group {
                self.groups.push(Group {
                    node: q as u32,
                    start: start as u32,
                    end: end as u32,
                    ..Group::default()
                });
            }
            if !leaf {
                let shift = (31 - (first ^ last).leading_zeros()) & !1;
                let first_child = self.nodes.len() as u32;
                let mut s = start;
                for quadrant in 0..4u32 {
                    let e = if quadrant == 3 {
                        end
                    } else {
                        let codes = self.codes.get(s..end).unwrap_or_default();
                        s + codes.partition_point(|&k| (k >> shift) & 3 <= quadrant)
                    };
                    if e > s {
                        self.nodes.push(Node { start: s as u32, end: e as u32, ..Node::default() });
                        self.parents.push(q as u32);
                        self.in_group.push(inherited || group);
                    }
                    s = e;
                }
                let child_count = self.nodes.len() as u32 - first_child;
                if let Some(node) = self.nodes.get_mut(q) {
                    node.first_child = first_child;
                    node.child_count = child_count;
                }
            }
            q += 1;
        }

        // Bottom up: children come after their parent, so a reverse pass sees them first.
        self.aggs.resize(self.nodes.len(), Agg::EMPTY);
        for q in (0..self.nodes.len()).rev() {
            let Some(&node) = self.nodes.get(q) else { continue };
            let agg = if node.child_count == 0 {
                let mut agg = Agg::EMPTY;
                for &[px, py, m, _] in
                    self.bodies.get(node.start as usize..node.end as usize).unwrap_or_default()
                {
                    let m64 = f64::from(m);
                    agg.mass += m64;
                    agg.mx += m64 * f64::from(px);
                    agg.my += m64 * f64::from(py);
                    agg.min = [smaller(agg.min[0], px), smaller(agg.min[1], py)];
                    agg.max = [larger(agg.max[0], px), larger(agg.max[1], py)];
                }
                agg
            } else {
                let children = node.first_child as usize..(node.first_child + node.child_count) as usize;
                self.aggs.get(children).unwrap_or_default().iter().fold(Agg::EMPTY, |a, &c| a.merge(c))
            };
            let (cx, cy) = if agg.mass > 0.0 {
                ((agg.mx / agg.mass) as f32, (agg.my / agg.mass) as f32)
            } else {
                ((agg.min[0] + agg.max[0]) * 0.5, (agg.min[1] + agg.max[1]) * 0.5)
            };
            let side = larger(agg.max[0] - agg.min[0], agg.max[1] - agg.min[1]);
            let open2 = if inv_theta2.is_finite() { side * side * inv_theta2 } else { f32::INFINITY };
            if let Some(slot) = self.nodes.get_mut(q) {
                slot.entry = [cx, cy, agg.mass as f32, open2];
            }
            if let Some(slot) = self.aggs.get_mut(q) {
                *slot = agg;
            }
        }
        for g in &mut self.groups {
            if let Some(agg) = self.aggs.get(g.node as usize) {
                g.min = agg.min;
                g.max = agg.max;
            }
        }
        // Padding, so the walk can always read four children as one block.
        let real_nodes = self.nodes.len();
        self.nodes.extend([Node::default(); 3]);
        // Groups in body (Morton) order: consecutive walks see nearly the same tree.
        self.groups.sort_unstable_by_key(|g| g.start);
        self.walk.prepare(n + real_nodes, real_nodes);
        self.stats.bodies = n;
        self.stats.nodes = real_nodes;
        self.stats.groups = self.groups.len();
    }

    /// What the last build and force pass did.
    pub fn stats(&self) -> TreeStats {
        self.stats
    }

    /// Adds the repulsion on every body of the last build to `force` (indexed like the build's
    /// input): `strength * m_i * sum_j m_j / d_ij` along the direction away from j (FR's
    /// k^2 / d with `strength` = k^2, masses as weights).
    pub fn add_forces(&mut self, strength: f32, force: &mut [[f32; 2]]) {
        let Self { codes, order, bodies, nodes, parents, groups, walk, stats, .. } = self;
        stats.interactions = 0;
        stats.visits = 0;
        for group in groups.iter() {
            let (start, end) = (group.start as usize, group.end as usize);
            let (Some(own), Some(index), Some(own_codes)) =
                (bodies.get(start..end), order.get(start..end), codes.get(start..end))
            else {
                continue;
            };
            // The group's own bodies first (each body itself included: a zero offset adds
            // nothing), then the accepted cells and the bodies of the opened leaves.
            walk.len = 0;
            walk.append(own);
            walk.chain.clear();
            let mut up = group.node;
            walk.chain.push(up);
            while up != 0 {
                up = parents.get(up as usize).copied().unwrap_or(0);
                walk.chain.push(up);
            }
            walk.chain.reverse();
            stats.visits += collect(nodes, group, walk);
            for k in 0..walk.accepted {
                let cell = walk.found.get(k).and_then(|&i| nodes.get(i as usize));
                if let (Some(cell), Some(slot)) = (cell, walk.list.get_mut(walk.len)) {
                    *slot = cell.entry;
                    walk.len += 1;
                }
            }
            for k in walk.opened_from..walk.found.len() {
                let leaf = walk.found.get(k).and_then(|&i| nodes.get(i as usize));
                if let Some(leaf_bodies) = leaf.and_then(|l| bodies.get(l.start as usize..l.end as usize)) {
                    walk.append(leaf_bodies);
                }
            }
            let list = walk.list.get(..walk.len).unwrap_or_default();
            stats.interactions += (list.len() * own.len().div_ceil(LANES) * LANES) as u64;

            // LANES bodies at a time against the whole list; a short last chunk repeats its
            // first body in the spare lanes (their sums are dropped).
            for (c, chunk) in own.chunks(LANES).enumerate() {
                let Some(&first) = chunk.first() else { continue };
                let mut px = [first[0]; LANES];
                let mut py = [first[1]; LANES];
                for ((x, y), b) in px.iter_mut().zip(py.iter_mut()).zip(chunk) {
                    *x = b[0];
                    *y = b[1];
                }
                let (ax, ay) = sum_list(&px, &py, list);
                for (k, (mut ax, mut ay)) in ax.into_iter().zip(ay).enumerate().take(chunk.len()) {
                    let p = c * LANES + k;
                    let (Some(&body), Some(b)) = (index.get(p), own.get(p)) else { continue };
                    let near = if b[3] != 0.0 { near_mass(p, own_codes, own) } else { 0.0 };
                    if near > 0.0 {
                        // Others at (nearly) the same point: a push in a direction of this
                        // body's own, so they separate deterministically.
                        let angle = (body as f32) * GOLDEN_ANGLE;
                        ax += angle.cos() * near / MIN_DISTANCE;
                        ay += angle.sin() * near / MIN_DISTANCE;
                    }
                    let scale = strength * b[2];
                    if let Some(f) = force.get_mut(body as usize) {
                        f[0] += ax * scale;
                        f[1] += ay * scale;
                    }
                }
            }
        }
    }
}

/// Mass of the other bodies within [`MIN_DISTANCE`] of body `p` of a group. Such bodies have
/// the same Morton code, so they sit right next to `p` in the sorted order.
fn near_mass(p: usize, codes: &[u32], bodies: &[Entry]) -> f32 {
    let (Some(&code), Some(&[px, py, _, _])) = (codes.get(p), bodies.get(p)) else { return 0.0 };
    let same = |&(c, _): &(&u32, usize)| *c == code;
    let before = codes.get(..p).unwrap_or_default().iter().zip(0..p).rev().take_while(same);
    let after = codes.get(p + 1..).unwrap_or_default().iter().zip(p + 1..).take_while(same);
    let mut near = 0.0f32;
    for (_, q) in before.chain(after) {
        let Some(&[qx, qy, qm, _]) = bodies.get(q) else { continue };
        let (dx, dy) = (px - qx, py - qy);
        if dx * dx + dy * dy <= MIN_D2 {
            near += qm;
        }
    }
    near
}

/// The walk for `group` (`walk.chain`: its ancestors by depth, ending with its own node),
/// level by level. An opened inner node's children are contiguous, so they are tested as one
/// block of four (spare slots masked off; the node array is padded for that), without
/// branches: results are written unconditionally and counted conditionally. Accepted cells
/// and leaves to open go to `walk.found`. Returns the number of nodes tested.
fn collect(nodes: &[Node], group: &Group, walk: &mut Walk) -> u64 {
    let Walk { found, accepted, opened_from, current, next, chain, .. } = walk;
    let (found, chain) = (found.as_mut_slice(), chain.as_slice());
    let (mut current, mut next) = (current.as_mut_slice(), next.as_mut_slice());
    let ([min_x, min_y], [max_x, max_y]) = (group.min, group.max);
    let (mut front, mut back) = (0usize, found.len());
    let mut visits = 0u64;
    // The root holds every group; it is opened unless it is the group itself.
    let mut parents = usize::from(chain.len() > 1);
    if let Some(root) = current.get_mut(0) {
        *root = 0;
    }
    let mut depth = 1;
    while parents > 0 {
        // The one node of this level that holds the group (never one body), and whether it
        // is the group itself (not opened: its bodies are in the list already).
        let holder = chain.get(depth).copied().unwrap_or(u32::MAX);
        let holder_is_group = depth + 1 == chain.len();
        let mut queued = 0usize;
        for &parent in current.get(..parents).unwrap_or_default() {
            let Some(parent) = nodes.get(parent as usize) else { continue };
            let (first, count) = (parent.first_child, parent.child_count);
            visits += u64::from(count);
            let Some(block) = nodes.get(first as usize..first as usize + 4) else { continue };
            let Ok(block) = <&[Node; 4]>::try_from(block) else { continue };
            for (k, node) in (0u32..).zip(block) {
                let i = first + k;
                let [cx, cy, _, open2] = node.entry;
                // Distance from the node's centre of mass to the group's box (0 inside it).
                let dx = larger(larger(min_x - cx, cx - max_x), 0.0);
                let dy = larger(larger(min_y - cy, cy - max_y), 0.0);
                let d2 = dx * dx + dy * dy;
                let real = k < count;
                let holds = i == holder;
                let accept = real & (d2 > open2) & !holds;
                let open = real & !accept & !(holds & holder_is_group);
                let leaf = node.child_count == 0;
                if let Some(slot) = found.get_mut(front) {
                    *slot = i;
                }
                front += usize::from(accept);
                if let Some(slot) = found.get_mut(back.wrapping_sub(1)) {
                    *slot = i;
                }
                back -= usize::from(open & leaf);
                if let Some(slot) = next.get_mut(queued) {
                    *slot = i;
                }
                queued += usize::from(open & !leaf);
            }
        }
        std::mem::swap(&mut current, &mut next);
        parents = queued;
        depth += 1;
    }
    *accepted = front;
    *opened_from = back;
    visits
}

/// For each of [`LANES`] bodies at (`px[k]`, `py[k]`): `sum_j m_j (p - q_j) / max(|p - q_j|^2,
/// MIN_DISTANCE^2)` over the interaction list. The bodies are the SIMD lanes: each entry is
/// broadcast, so the loop has no horizontal sums and a fixed order (deterministic).
fn sum_list(px: &[f32; LANES], py: &[f32; LANES], list: &[Entry]) -> ([f32; LANES], [f32; LANES]) {
    let mut ax = [0.0f32; LANES];
    let mut ay = [0.0f32; LANES];
    for &[qx, qy, qm, _] in list {
        // Fixed-size arrays indexed by 0..LANES: no bounds checks, one SIMD register each.
        for k in 0..LANES {
            let dx = px[k] - qx;
            let dy = py[k] - qy;
            let d2 = dx * dx + dy * dy;
            let d2 = if d2 > MIN_D2 { d2 } else { MIN_D2 };
            let f = qm / d2;
            ax[k] += dx * f;
            ay[k] += dy * f;
        }
    }
    (ax, ay)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact pairwise sums with the same formula and zero-distance clamp as the tree (f64
    /// accumulation), for bodies without exact duplicates.
    fn exact(pos: &[[f32; 2]], m: &[f32], strength: f32) -> Vec<[f32; 2]> {
        (0..pos.len())
            .map(|i| {
                let (mut ax, mut ay) = (0.0f64, 0.0f64);
                for j in 0..pos.len() {
                    if i != j {
                        let (dx, dy) = (pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
                        let d2 = (dx * dx + dy * dy).max(MIN_D2);
                        ax += f64::from(m[j] * dx / d2);
                        ay += f64::from(m[j] * dy / d2);
                    }
                }
                [ax as f32 * strength * m[i], ay as f32 * strength * m[i]]
            })
            .collect()
    }

    /// Deterministic points in clusters of different density, so the tree is uneven.
    fn scattered(n: usize) -> Vec<[f32; 2]> {
        let mut s = 0x1234_5678u64;
        let mut next = || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((s >> 40) as f32) / (1u64 << 24) as f32
        };
        (0..n)
            .map(|i| {
                let c = (i % 5) as f32 * 300.0;
                let r = if i % 3 == 0 { 40.0 } else { 400.0 };
                [c + next() * r, c * 0.5 + next() * r]
            })
            .collect()
    }

    fn forces(pos: &[[f32; 2]], m: &[f32], params: TreeParams) -> (Vec<[f32; 2]>, TreeStats) {
        let mut bh = BarnesHut::default();
        bh.build(pos, m, params);
        let mut f = vec![[0.0; 2]; pos.len()];
        bh.add_forces(3600.0, &mut f);
        (f, bh.stats())
    }

    fn shape(theta: f32, leaf_size: usize, group_size: usize) -> TreeParams {
        TreeParams { theta, leaf_size, group_size }
    }

    /// Relative error of a force field: (RMS over the field, 99th percentile over bodies).
    fn error(f: &[[f32; 2]], e: &[[f32; 2]]) -> (f32, f32) {
        let (mut num, mut den) = (0.0f64, 0.0f64);
        let mut rel: Vec<f32> = f
            .iter()
            .zip(e)
            .map(|(f, e)| {
                let e2 = (f[0] - e[0]).powi(2) + (f[1] - e[1]).powi(2);
                let n2 = e[0].powi(2) + e[1].powi(2);
                num += f64::from(e2);
                den += f64::from(n2);
                (e2 / n2.max(1e-6)).sqrt()
            })
            .collect();
        rel.sort_by(f32::total_cmp);
        ((num / den.max(1e-12)).sqrt() as f32, rel[rel.len() * 99 / 100])
    }

    #[test]
    fn theta_zero_equals_exact_sum() {
        let pos = scattered(700);
        let m: Vec<f32> = (0..pos.len()).map(|i| 1.0 + (i % 4) as f32).collect();
        let e = exact(&pos, &m, 3600.0);
        for (leaf, group) in [(1, 1), (4, 16), (8, 32), (16, 64), (64, 64)] {
            let (f, _) = forces(&pos, &m, shape(0.0, leaf, group));
            for (i, (f, e)) in f.iter().zip(&e).enumerate() {
                let scale = e[0].abs().max(e[1].abs()).max(1.0);
                assert!(
                    (f[0] - e[0]).abs() <= 1e-4 * scale && (f[1] - e[1]).abs() <= 1e-4 * scale,
                    "leaf {leaf} group {group} body {i}: {f:?} vs {e:?}"
                );
            }
        }
    }

    #[test]
    fn error_is_bounded_at_the_default_theta() {
        // The engine's default is the tree's default.
        let theta = crate::layout::LayoutParams::default().theta;
        assert_eq!(theta, DEFAULT_THETA);
        let pos = scattered(4000);
        let m: Vec<f32> = (0..pos.len()).map(|i| if i % 10 == 0 { 4.0 } else { 1.0 }).collect();
        let e = exact(&pos, &m, 3600.0);
        let (f, _) = forces(&pos, &m, TreeParams::default());
        let (rms, p99) = error(&f, &e);
        // About the accuracy of d3-force's default (theta 0.9 on cell width, per body).
        assert!(rms < 0.04, "RMS relative error {rms} at {:?}", TreeParams::default());
        assert!(p99 < 0.25, "99th percentile relative error {p99} at {:?}", TreeParams::default());
        // A smaller theta is more accurate.
        let (f, _) = forces(&pos, &m, TreeParams { theta: theta * 0.5, ..TreeParams::default() });
        let (rms_half, p99_half) = error(&f, &e);
        assert!(rms_half < rms * 0.5 && p99_half < p99 * 0.5, "{rms_half} vs {rms}, {p99_half} vs {p99}");
    }

    #[test]
    #[ignore = "prints the error and cost of tree shapes; run with --ignored --nocapture"]
    fn probe_error_and_cost() {
        let pos = scattered(4000);
        let m = vec![1.0; pos.len()];
        let e = exact(&pos, &m, 3600.0);
        for theta in [0.5f32, 0.7, 0.9, 1.0, 1.2, 1.5] {
            for (leaf, group) in [(8, 32), (12, 48), (16, 64)] {
                let (f, st) = forces(&pos, &m, shape(theta, leaf, group));
                let (rms, p99) = error(&f, &e);
                eprintln!(
                    "theta {theta} leaf {leaf} group {group}: rms {rms:.4} p99 {p99:.4} interactions/body {:.0}",
                    st.interactions as f64 / pos.len() as f64
                );
            }
        }
    }

    #[test]
    fn coincident_points_are_finite_and_separate() {
        let pos = vec![[5.0, 5.0]; 50];
        let m = vec![1.0; 50];
        let (f, _) = forces(&pos, &m, TreeParams::default());
        assert!(f.iter().flatten().all(|v| v.is_finite()));
        assert!(f[0][0].abs() + f[0][1].abs() > 0.0);
        assert!((f[0][0] - f[1][0]).abs() + (f[0][1] - f[1][1]).abs() > 1e-3, "different directions");
    }

    #[test]
    fn near_and_coincident_mixtures_stay_finite() {
        // Exact duplicates, points closer than MIN_DISTANCE, huge and tiny coordinates.
        let mut pos = vec![
            [0.0, 0.0],
            [0.0, 0.0],
            [1e-4, 0.0],
            [1e-6, 1e-6],
            [3.0, 4.0],
            [3.0, 4.0],
            [3.0, 4.0],
            [1e6, 1e6],
            [-1e6, 1e6],
            [1e-30, -1e-30],
        ];
        pos.extend(scattered(300));
        let m = vec![1.0; pos.len()];
        for theta in [0.0, 0.5, 0.9, 2.0] {
            for (leaf, group) in [(1, 1), (3, 12), (16, 64)] {
                let (f, _) = forces(&pos, &m, shape(theta, leaf, group));
                assert!(f.iter().flatten().all(|v| v.is_finite()), "theta {theta} leaf {leaf}");
                // The duplicates are pushed apart.
                assert!(f[0] != f[1] && f[4] != f[5] && f[5] != f[6]);
            }
        }
    }

    #[test]
    fn non_finite_positions_and_masses_are_ignored() {
        let pos = [
            [0.0, 0.0],
            [f32::NAN, 1.0],
            [3.0, 4.0],
            [f32::INFINITY, 0.0],
            [1.0, f32::NEG_INFINITY],
            [2.0, 2.0],
        ];
        let m = [1.0, 1.0, 1.0, 1.0, 1.0, f32::NAN];
        let mut bh = BarnesHut::default();
        bh.build(&pos, &m, TreeParams::default());
        assert_eq!(bh.stats().bodies, 2);
        let mut f = vec![[0.0; 2]; 6];
        bh.add_forces(25.0, &mut f);
        // Only body 2 counts on body 0: 25 / 5 along (-3, -4) / 5.
        assert!((f[0][0] + 3.0).abs() < 1e-4 && (f[0][1] + 4.0).abs() < 1e-4, "{f:?}");
        assert!(f.iter().flatten().all(|v| v.is_finite()));
        assert_eq!((f[1], f[3], f[4], f[5]), ([0.0; 2], [0.0; 2], [0.0; 2], [0.0; 2]));
    }

    #[test]
    fn empty_and_single_body() {
        let mut bh = BarnesHut::default();
        bh.build(&[], &[], TreeParams::default());
        bh.add_forces(1.0, &mut []);
        bh.build(&[[1.0, 2.0]], &[1.0], TreeParams::default());
        let mut f = [[0.0; 2]];
        bh.add_forces(1.0, &mut f);
        assert_eq!(f[0], [0.0, 0.0]);
    }

    #[test]
    fn deterministic_and_independent_of_previous_builds() {
        let pos = scattered(3000);
        let m = vec![1.0; pos.len()];
        let mut bh = BarnesHut::default();
        let run = |bh: &mut BarnesHut| {
            bh.build(&pos, &m, TreeParams::default());
            let mut f = vec![[0.0; 2]; pos.len()];
            bh.add_forces(3600.0, &mut f);
            f.iter().flatten().map(|v| v.to_bits()).collect::<Vec<_>>()
        };
        let a = run(&mut bh);
        let swapped: Vec<[f32; 2]> = pos.iter().map(|p| [p[1], p[0]]).collect();
        bh.build(&swapped, &m, shape(0.3, 4, 4)); // something else in between
        let b = run(&mut bh);
        let c = run(&mut BarnesHut::default());
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn radix_sort_sorts_by_code_stably() {
        let mut keys: Vec<u64> =
            (0..5000u64).map(|i| ((i.wrapping_mul(2_654_435_761) % 10_000_000) << 32) | (i % 7)).collect();
        let mut expected = keys.clone();
        expected.sort_by_key(|k| k >> 32); // stable
        radix_sort_codes(&mut keys, &mut Vec::new());
        assert_eq!(keys, expected);
    }
}
