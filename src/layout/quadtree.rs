//! A Barnes-Hut quadtree for O(n log n) repulsion.
//!
//! Built fresh every step into reused buffers. Cells are stored in one flat arena; a cell is
//! either empty, a leaf holding one body (or several at the same point), or an inner cell with
//! four children. Coincident bodies stop splitting at `MAX_DEPTH` and share a leaf.

const NO_CHILD: u32 = u32::MAX;
const MAX_DEPTH: u32 = 24;

#[derive(Clone, Copy, Debug)]
struct Cell {
    // Square bounds: centre and half width.
    centre: [f32; 2],
    half: f32,
    // Sum of masses and mass-weighted position (divide by mass for the centre of mass).
    mass: f32,
    weighted: [f32; 2],
    // First child index (four consecutive cells), or NO_CHILD for leaves.
    children: u32,
    // For leaves: first body in `bodies_next` chain, or NO_CHILD when empty.
    body: u32,
    depth: u32,
}

impl Cell {
    fn new(centre: [f32; 2], half: f32, depth: u32) -> Self {
        Self { centre, half, mass: 0.0, weighted: [0.0, 0.0], children: NO_CHILD, body: NO_CHILD, depth }
    }
}

/// Reusable quadtree. `build` then `repulsion_on` for each body.
#[derive(Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    // Linked list of bodies sharing a leaf (coincident points at max depth).
    next_body: Vec<u32>,
    stack: Vec<u32>,
}

impl QuadTree {
    /// Builds the tree over `positions` with per-body `masses`. Non-finite positions are skipped.
    pub fn build(&mut self, positions: &[[f32; 2]], masses: &[f32]) {
        self.cells.clear();
        self.next_body.clear();
        self.next_body.resize(positions.len(), NO_CHILD);
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for p in positions.iter().filter(|p| p[0].is_finite() && p[1].is_finite()) {
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        if min[0] > max[0] {
            return;
        }
        let half = ((max[0] - min[0]).max(max[1] - min[1]) * 0.5).max(1e-3) * 1.0001;
        let centre = [(min[0] + max[0]) * 0.5, (min[1] + max[1]) * 0.5];
        self.cells.push(Cell::new(centre, half, 0));
        for (i, p) in positions.iter().enumerate() {
            if p[0].is_finite() && p[1].is_finite() {
                let m = masses.get(i).copied().unwrap_or(1.0);
                self.insert(i as u32, *p, m);
            }
        }
    }

    fn insert(&mut self, body: u32, p: [f32; 2], mass: f32) {
        let mut cell_index = 0usize;
        loop {
            let first = self.cells.len() as u32;
            let Some(cell) = self.cells.get_mut(cell_index) else { return };
            if cell.children != NO_CHILD {
                cell.mass += mass;
                cell.weighted[0] += p[0] * mass;
                cell.weighted[1] += p[1] * mass;
                cell_index = cell.children as usize + quadrant(cell.centre, p);
                continue;
            }
            if cell.body == NO_CHILD || cell.depth >= MAX_DEPTH {
                // Empty leaf, or (nearly) coincident bodies at max depth: chain into this leaf.
                cell.mass += mass;
                cell.weighted[0] += p[0] * mass;
                cell.weighted[1] += p[1] * mass;
                let previous = cell.body;
                cell.body = body;
                if let Some(slot) = self.next_body.get_mut(body as usize) {
                    *slot = previous;
                }
                return;
            }
            // Split an occupied leaf: its resident chain (all at one point) moves to one child,
            // then the loop continues at this cell, which is now an inner cell.
            let (centre, half, depth) = (cell.centre, cell.half * 0.5, cell.depth + 1);
            let (resident, resident_mass, resident_weighted) = (cell.body, cell.mass, cell.weighted);
            cell.body = NO_CHILD;
            cell.children = first;
            for q in 0..4 {
                let c = [
                    centre[0] + if q & 1 == 1 { half } else { -half },
                    centre[1] + if q & 2 == 2 { half } else { -half },
                ];
                self.cells.push(Cell::new(c, half, depth));
            }
            if resident_mass > 0.0 {
                let rp = [resident_weighted[0] / resident_mass, resident_weighted[1] / resident_mass];
                if let Some(child) = self.cells.get_mut(first as usize + quadrant(centre, rp)) {
                    child.mass = resident_mass;
                    child.weighted = resident_weighted;
                    child.body = resident;
                }
            }
        }
    }

    /// Repulsive displacement on body `i` at `p` from all others: sum of `strength * m / d`
    /// along the away direction (FR's k^2/d with `strength` = k^2). Cells whose width over
    /// distance is below `theta` count as one body at their centre of mass.
    pub fn repulsion_on(
        &mut self,
        i: u32,
        p: [f32; 2],
        own_mass: f32,
        strength: f32,
        theta: f32,
    ) -> [f32; 2] {
        let mut force = [0.0f32, 0.0];
        if self.cells.is_empty() {
            return force;
        }
        self.stack.clear();
        self.stack.push(0);
        let theta2 = theta * theta;
        while let Some(ci) = self.stack.pop() {
            let Some(cell) = self.cells.get(ci as usize) else { continue };
            if cell.mass <= 0.0 {
                continue;
            }
            let com = [cell.weighted[0] / cell.mass, cell.weighted[1] / cell.mass];
            let dx = p[0] - com[0];
            let dy = p[1] - com[1];
            let d2 = dx * dx + dy * dy;
            let width = cell.half * 2.0;
            if cell.children == NO_CHILD {
                // Leaf: exact. A leaf holding this body counts the others in its chain only.
                let mut mass = cell.mass;
                let mut holds_self = false;
                let mut b = cell.body;
                while b != NO_CHILD {
                    if b == i {
                        holds_self = true;
                    }
                    b = self.next_body.get(b as usize).copied().unwrap_or(NO_CHILD);
                }
                if holds_self {
                    mass -= own_mass;
                }
                if mass > 1e-6 {
                    add_repulsion(&mut force, dx, dy, d2, mass * strength, i);
                }
            } else if width * width < theta2 * d2
                && ((p[0] - cell.centre[0]).abs() > cell.half || (p[1] - cell.centre[1]).abs() > cell.half)
            {
                // Far enough, and the body is outside the cell (never approximate its own cell).
                add_repulsion(&mut force, dx, dy, d2, cell.mass * strength, i);
            } else {
                let first = cell.children;
                self.stack.extend([first, first + 1, first + 2, first + 3]);
            }
        }
        force
    }
}

fn quadrant(centre: [f32; 2], p: [f32; 2]) -> usize {
    usize::from(p[0] >= centre[0]) | (usize::from(p[1] >= centre[1]) << 1)
}

/// Smallest distance used in forces; closer pairs are pushed apart in a fixed direction.
pub const MIN_DISTANCE: f32 = 0.01;

/// Adds `strength / d` along (dx, dy). Zero distance gets a direction derived from the body
/// index, so coincident people separate deterministically instead of producing NaN.
pub fn add_repulsion(force: &mut [f32; 2], dx: f32, dy: f32, d2: f32, strength: f32, i: u32) {
    if d2 > MIN_DISTANCE * MIN_DISTANCE {
        // strength / d * (dx, dy) / d
        let f = strength / d2;
        force[0] += dx * f;
        force[1] += dy * f;
    } else {
        let angle = (i as f32) * 2.399_963; // golden angle: distinct directions per body
        let f = strength / MIN_DISTANCE;
        force[0] += angle.cos() * f;
        force[1] += angle.sin() * f;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(positions: &[[f32; 2]], i: usize, strength: f32) -> [f32; 2] {
        let mut f = [0.0, 0.0];
        let pi = positions[i];
        for (j, pj) in positions.iter().enumerate() {
            if j != i {
                let (dx, dy) = (pi[0] - pj[0], pi[1] - pj[1]);
                add_repulsion(&mut f, dx, dy, dx * dx + dy * dy, strength, i as u32);
            }
        }
        f
    }

    #[test]
    fn theta_zero_equals_exact_sum() {
        let positions: Vec<[f32; 2]> =
            (0..200).map(|i| [((i * 37) % 101) as f32 * 1.3, ((i * 53) % 97) as f32 * 0.7]).collect();
        let masses = vec![1.0; positions.len()];
        let mut tree = QuadTree::default();
        tree.build(&positions, &masses);
        for i in [0usize, 17, 199] {
            let bh = tree.repulsion_on(i as u32, positions[i], 1.0, 100.0, 0.0);
            let ex = exact(&positions, i, 100.0);
            for k in 0..2 {
                assert!((bh[k] - ex[k]).abs() <= 1e-3 * ex[k].abs().max(1.0), "{i}: {bh:?} vs {ex:?}");
            }
        }
    }

    #[test]
    fn approximation_is_close_at_theta_0_9() {
        let positions: Vec<[f32; 2]> =
            (0..1000).map(|i| [((i * 7919) % 1009) as f32, ((i * 104_729) % 1013) as f32]).collect();
        let masses = vec![1.0; positions.len()];
        let mut tree = QuadTree::default();
        tree.build(&positions, &masses);
        let mut worst = 0.0f32;
        for i in (0..1000).step_by(50) {
            let bh = tree.repulsion_on(i as u32, positions[i], 1.0, 1.0, 0.9);
            let ex = exact(&positions, i, 1.0);
            let err = ((bh[0] - ex[0]).powi(2) + (bh[1] - ex[1]).powi(2)).sqrt();
            let norm = (ex[0].powi(2) + ex[1].powi(2)).sqrt().max(1e-3);
            worst = worst.max(err / norm);
        }
        assert!(worst < 0.2, "relative error {worst}");
    }

    #[test]
    fn coincident_points_are_finite_and_separate() {
        let positions = vec![[5.0, 5.0]; 50];
        let masses = vec![1.0; 50];
        let mut tree = QuadTree::default();
        tree.build(&positions, &masses);
        let f0 = tree.repulsion_on(0, positions[0], 1.0, 1.0, 0.9);
        let f1 = tree.repulsion_on(1, positions[1], 1.0, 1.0, 0.9);
        assert!(f0.iter().chain(&f1).all(|v| v.is_finite()));
        assert!(f0[0].abs() + f0[1].abs() > 0.0);
        assert!((f0[0] - f1[0]).abs() + (f0[1] - f1[1]).abs() > 1e-3, "different directions");
    }

    #[test]
    fn non_finite_positions_are_ignored() {
        let positions = vec![[0.0, 0.0], [f32::NAN, 1.0], [3.0, 4.0], [f32::INFINITY, 0.0]];
        let masses = vec![1.0; 4];
        let mut tree = QuadTree::default();
        tree.build(&positions, &masses);
        let f = tree.repulsion_on(0, positions[0], 1.0, 25.0, 0.9);
        // Only body 2 counts: 25 / 5 along (-3, -4) / 5.
        assert!((f[0] + 3.0).abs() < 1e-4 && (f[1] + 4.0).abs() < 1e-4, "{f:?}");
    }
}
