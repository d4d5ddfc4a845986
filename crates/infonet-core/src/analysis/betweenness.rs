//! Betweenness centrality for directed, unweighted graphs (Brandes 2001), O(nm), with progress
//! and cancellation so the app can run it on a background thread.
//!
//! Conventions (same as networkx `betweenness_centrality(G)` on a `DiGraph`, and igraph
//! `betweenness(directed = TRUE)`):
//!
//! - raw C_B(v) = sum over ordered pairs (s, t), s != v != t, s != t, of sigma_st(v) / sigma_st,
//!   where sigma_st is the number of shortest directed paths from s to t (pairs with no path add
//!   nothing);
//! - normalised = raw / ((n - 1)(n - 2)) for n > 2 (networkx `normalized=True` for directed
//!   graphs), 0 for n <= 2;
//! - betweenness centralization (Freeman) = sum_i (max - raw_i) / ((n - 1)^2 (n - 2)), the
//!   theoretical maximum of a directed graph without loops (igraph
//!   `centralization_betweenness_tmax`), `None` for n < 3.
//!
//! Direction does not matter for the values: reversing every arrow gives the same betweenness
//! (the shortest paths s -> t become t -> s), so it is the same whether arrows are nominations
//! (seeker -> source) or information flow (source -> seeker).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use super::adjacency::Adjacency;

/// Raw betweenness of every node of `adjacency` (by dense index), reporting progress in per-mille
/// (0..=1000, stored after each source node) and checking `cancel` before each source node.
/// Returns `None` when cancelled.
pub fn betweenness_with_progress(
    adjacency: &Adjacency,
    progress: &AtomicU32,
    cancel: &AtomicBool,
) -> Option<Vec<f64>> {
    let n = adjacency.node_count();
    let mut centrality = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![u32::MAX; n];
    let mut delta = vec![0.0f64; n];
    // BFS order; doubles as the stack (visited in non-decreasing distance).
    let mut order: Vec<u32> = Vec::with_capacity(n);
    progress.store(0, Ordering::Relaxed);
    for s in 0..n {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        // Reset only what the previous source reached.
        for &v in &order {
            let v = v as usize;
            if let (Some(a), Some(b), Some(c)) = (sigma.get_mut(v), dist.get_mut(v), delta.get_mut(v)) {
                (*a, *b, *c) = (0.0, u32::MAX, 0.0);
            }
        }
        order.clear();
        let (Some(sig), Some(d), Ok(s32)) = (sigma.get_mut(s), dist.get_mut(s), u32::try_from(s)) else {
            continue;
        };
        *sig = 1.0;
        *d = 0;
        order.push(s32);
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let v = v as usize;
            let (dv, sv) = (dist.get(v).copied().unwrap_or(u32::MAX), sigma.get(v).copied().unwrap_or(0.0));
            for &w in adjacency.out_neighbours(v) {
                let w = w as usize;
                let Some(dw) = dist.get_mut(w) else { continue };
                if *dw == u32::MAX {
                    *dw = dv + 1;
                    order.push(w as u32);
                }
                if *dw == dv + 1
                    && let Some(sw) = sigma.get_mut(w)
                {
                    *sw += sv;
                }
            }
        }
        // Accumulate dependencies in reverse BFS order. Predecessors of w are the in-neighbours v
        // with dist[v] = dist[w] - 1 (unweighted graph), so no predecessor lists are needed.
        for &w in order.iter().rev() {
            let w = w as usize;
            let dw = dist.get(w).copied().unwrap_or(0);
            let sw = sigma.get(w).copied().unwrap_or(1.0);
            let coeff = (1.0 + delta.get(w).copied().unwrap_or(0.0)) / sw;
            if dw == 0 {
                continue;
            }
            for &v in adjacency.in_neighbours(w) {
                let v = v as usize;
                if dist.get(v).copied() == Some(dw - 1)
                    && let (Some(sv), Some(dv)) = (sigma.get(v).copied(), delta.get_mut(v))
                {
                    *dv += sv * coeff;
                }
            }
            if w != s
                && let (Some(c), Some(dlt)) = (centrality.get_mut(w), delta.get(w))
            {
                *c += *dlt;
            }
        }
        let done = (s + 1) * 1000 / n.max(1);
        progress.store(u32::try_from(done).unwrap_or(1000), Ordering::Relaxed);
    }
    progress.store(1000, Ordering::Relaxed);
    Some(centrality)
}

/// Raw betweenness without progress or cancellation.
pub fn betweenness(adjacency: &Adjacency) -> Vec<f64> {
    betweenness_with_progress(adjacency, &AtomicU32::new(0), &AtomicBool::new(false))
        .unwrap_or_else(|| vec![0.0; adjacency.node_count()])
}

/// Raw betweenness divided by (n - 1)(n - 2) (directed); all zeros when n <= 2.
pub fn normalised(raw: &[f64]) -> Vec<f64> {
    let n = raw.len() as f64;
    let scale = (n - 1.0) * (n - 2.0);
    if raw.len() <= 2 { vec![0.0; raw.len()] } else { raw.iter().map(|b| b / scale).collect() }
}

/// Freeman betweenness centralization of a directed graph: sum_i (max - raw_i) / ((n-1)^2 (n-2)),
/// from raw scores; `None` for n < 3. It is 1 for the mutual star (every leaf names the hub and the
/// hub names every leaf), where every shortest path between two others passes through the hub.
pub fn centralization(raw: &[f64]) -> Option<f64> {
    if raw.len() < 3 {
        return None;
    }
    let n = raw.len() as f64;
    let max = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = raw.iter().map(|b| max - b).sum();
    Some(sum / ((n - 1.0) * (n - 1.0) * (n - 2.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * (1.0 + b.abs())
    }

    #[test]
    fn path_and_diamond() {
        // 0 -> 1 -> 2: node 1 is on the only path 0 -> 2.
        let a = Adjacency::from_edges(3, &[(0, 1), (1, 2)]);
        assert_eq!(betweenness(&a), [0.0, 1.0, 0.0]);
        // Diamond 0 -> {1, 2} -> 3: two shortest paths 0 -> 3, half each.
        let d = Adjacency::from_edges(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert_eq!(betweenness(&d), [0.0, 0.5, 0.5, 0.0]);
        assert_eq!(normalised(&[0.0, 0.5, 0.5, 0.0]), [0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0]);
    }

    #[test]
    fn mutual_star_has_centralization_one() {
        let n = 6;
        let mut edges = Vec::new();
        for leaf in 1..n {
            edges.push((0, leaf));
            edges.push((leaf, 0));
        }
        let raw = betweenness(&Adjacency::from_edges(n, &edges));
        // Hub is on every path between the 5 leaves: 5 * 4 ordered pairs.
        assert!(close(raw[0], 20.0));
        assert!(close(centralization(&raw).expect("n>2"), 1.0));
        assert_eq!(centralization(&raw[..2]), None);
    }

    #[test]
    fn cancel_and_progress() {
        let a = Adjacency::from_edges(3, &[(0, 1), (1, 2)]);
        let progress = AtomicU32::new(7);
        assert_eq!(betweenness_with_progress(&a, &progress, &AtomicBool::new(true)), None);
        assert_eq!(progress.load(Ordering::Relaxed), 0);
        assert!(betweenness_with_progress(&a, &progress, &AtomicBool::new(false)).is_some());
        assert_eq!(progress.load(Ordering::Relaxed), 1000);
        assert_eq!(betweenness(&Adjacency::default()), Vec::<f64>::new());
    }
}
