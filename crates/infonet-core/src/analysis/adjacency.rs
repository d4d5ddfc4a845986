//! A compact, read-only copy of the visible part of a network for the measures: people renumbered
//! densely (0..n in ascending person index) and ties as sorted out- and in-neighbour lists.
//!
//! Owned and `Send`, so the app can hand it to a background thread (betweenness).

use crate::model::{Network, PersonId};

use super::filter::{Filtered, Visibility};

/// The visible people and ties, renumbered `0..n` in ascending [`PersonId::index`] order.
///
/// A person is visible when no [`Filtered`] is given or their visibility is
/// [`Visibility::Shown`]; a tie is visible when it is `Shown` (or no filter is given) and both
/// of its ends are visible. Faded and hidden people and ties are left out of every measure.
///
/// An undirected tie (`Tie::undirected`, from a file without direction) becomes two arcs, a -> b
/// and b -> a, i.e. a mutual nomination, in line with `Network::in_degree`, which counts it for
/// both ends. So m counts arcs: an undirected tie counts twice (density then equals the
/// undirected density 2E / (n (n - 1)) for a wholly undirected network).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjacency {
    ids: Vec<PersonId>,
    /// Person index -> dense index + 1 (0 = not visible).
    dense: Vec<u32>,
    out_start: Vec<usize>,
    out: Vec<u32>,
    in_start: Vec<usize>,
    inn: Vec<u32>,
}

impl Adjacency {
    /// The visible subgraph of `network` (the whole network when `visible` is `None`).
    pub fn new(network: &Network, visible: Option<&Filtered>) -> Self {
        let shown_person = |index: usize| visible.is_none_or(|f| f.person(index) == Visibility::Shown);
        let shown_tie = |index: usize| visible.is_none_or(|f| f.tie(index) == Visibility::Shown);
        let mut ids = Vec::with_capacity(network.person_count());
        let mut dense = vec![0u32; network.person_bound()];
        for (id, _) in network.people() {
            if shown_person(id.index())
                && let Some(slot) = dense.get_mut(id.index())
                && let Ok(next) = u32::try_from(ids.len() + 1)
            {
                *slot = next;
                ids.push(id);
            }
        }
        let lookup = |id: PersonId| dense.get(id.index()).copied().filter(|&d| d > 0).map(|d| d - 1);
        let mut edges = Vec::with_capacity(network.tie_count());
        for (id, s, t, tie) in network.ties() {
            if !shown_tie(id.index()) {
                continue;
            }
            if let (Some(a), Some(b)) = (lookup(s), lookup(t)) {
                edges.push((a, b));
                if tie.undirected {
                    edges.push((b, a));
                }
            }
        }
        let mut adjacency = Self::from_dense_edges(ids.len(), edges);
        adjacency.ids = ids;
        adjacency.dense = dense;
        adjacency
    }

    /// A graph on `n` nodes `0..n` from (source, target) pairs, for synthetic networks and tests.
    /// Self-loops, duplicates and pairs with an end `>= n` are dropped. Node `i` stands for person
    /// index `i`.
    pub fn from_edges(n: usize, edges: &[(usize, usize)]) -> Self {
        let mut dense_edges = Vec::with_capacity(edges.len());
        for &(s, t) in edges {
            if s < n
                && t < n
                && let (Ok(a), Ok(b)) = (u32::try_from(s), u32::try_from(t))
            {
                dense_edges.push((a, b));
            }
        }
        let mut adjacency = Self::from_dense_edges(n, dense_edges);
        adjacency.ids = (0..n).map(PersonId::new).collect();
        adjacency.dense = (0..n).map(|i| u32::try_from(i + 1).unwrap_or(0)).collect();
        adjacency
    }

    fn from_dense_edges(n: usize, mut edges: Vec<(u32, u32)>) -> Self {
        edges.retain(|&(a, b)| a != b);
        edges.sort_unstable();
        edges.dedup();
        let mut out_start = vec![0usize; n + 1];
        let mut in_start = vec![0usize; n + 1];
        for &(a, b) in &edges {
            if let Some(c) = out_start.get_mut(a as usize + 1) {
                *c += 1;
            }
            if let Some(c) = in_start.get_mut(b as usize + 1) {
                *c += 1;
            }
        }
        for i in 0..n {
            let (o, p) = (out_start.get(i).copied().unwrap_or(0), in_start.get(i).copied().unwrap_or(0));
            if let Some(c) = out_start.get_mut(i + 1) {
                *c += o;
            }
            if let Some(c) = in_start.get_mut(i + 1) {
                *c += p;
            }
        }
        // Edges are sorted by (source, target), so the out-lists come out sorted.
        let out: Vec<u32> = edges.iter().map(|&(_, b)| b).collect();
        // In-lists: fill by source order, which keeps each list sorted.
        let mut inn = vec![0u32; edges.len()];
        let mut fill = in_start.clone();
        for &(a, b) in &edges {
            if let Some(pos) = fill.get_mut(b as usize)
                && let Some(slot) = inn.get_mut(*pos)
            {
                *slot = a;
                *pos += 1;
            }
        }
        Self { ids: Vec::new(), dense: Vec::new(), out_start, out, in_start, inn }
    }

    /// Number of visible people, n.
    pub fn node_count(&self) -> usize {
        self.out_start.len().saturating_sub(1)
    }

    /// Number of visible ties, m.
    pub fn edge_count(&self) -> usize {
        self.out.len()
    }

    /// The person behind dense node `v`.
    pub fn person_id(&self, v: usize) -> Option<PersonId> {
        self.ids.get(v).copied()
    }

    /// The persons behind dense nodes `0..n`, in ascending index order.
    pub fn person_ids(&self) -> &[PersonId] {
        &self.ids
    }

    /// The dense node of a person, if visible.
    pub fn dense_of(&self, id: PersonId) -> Option<usize> {
        self.dense.get(id.index()).copied().filter(|&d| d > 0).map(|d| d as usize - 1)
    }

    /// Whom `v` named (sorted dense indices).
    pub fn out_neighbours(&self, v: usize) -> &[u32] {
        slice(&self.out_start, &self.out, v)
    }

    /// Who named `v` (sorted dense indices).
    pub fn in_neighbours(&self, v: usize) -> &[u32] {
        slice(&self.in_start, &self.inn, v)
    }

    /// Out-degree of `v` within the visible subgraph.
    pub fn out_degree(&self, v: usize) -> usize {
        self.out_neighbours(v).len()
    }

    /// In-degree of `v` within the visible subgraph.
    pub fn in_degree(&self, v: usize) -> usize {
        self.in_neighbours(v).len()
    }

    /// Whether the tie `a -> b` is visible.
    pub fn has_edge(&self, a: usize, b: usize) -> bool {
        u32::try_from(b).is_ok_and(|b| self.out_neighbours(a).binary_search(&b).is_ok())
    }

    /// All visible ties as dense (source, target), sorted.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.node_count()).flat_map(move |a| self.out_neighbours(a).iter().map(move |&b| (a, b as usize)))
    }
}

fn slice<'a>(start: &[usize], items: &'a [u32], v: usize) -> &'a [u32] {
    match (start.get(v), start.get(v + 1)) {
        (Some(&a), Some(&b)) => items.get(a..b).unwrap_or(&[]),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::{FilterSpec, apply};
    use crate::model::{Person, Sector, Tie};

    #[test]
    fn from_edges_sorts_and_drops_loops_and_duplicates() {
        let a = Adjacency::from_edges(4, &[(2, 0), (0, 3), (0, 1), (0, 1), (1, 1), (3, 0), (5, 0)]);
        assert_eq!((a.node_count(), a.edge_count()), (4, 4));
        assert_eq!(a.out_neighbours(0), &[1, 3]);
        assert_eq!(a.in_neighbours(0), &[2, 3]);
        assert!(a.has_edge(2, 0) && !a.has_edge(0, 2));
        assert_eq!(a.edges().collect::<Vec<_>>(), [(0, 1), (0, 3), (2, 0), (3, 0)]);
        assert_eq!(a.in_degree(1), 1);
        assert_eq!(a.out_degree(9), 0);
    }

    #[test]
    fn visible_subgraph_follows_the_filter() {
        let mut n = Network::new("t");
        let mk = |k: &str, s| Person { sector: s, ..Person::new(k) };
        let a = n.add_person(mk("a", Sector::Public)).expect("add");
        let b = n.add_person(mk("b", Sector::Private)).expect("add");
        let c = n.add_person(mk("c", Sector::Public)).expect("add");
        for (s, t) in [(a, b), (b, c), (c, a), (a, c)] {
            n.add_tie(s, t, Tie::default()).expect("tie");
        }
        let whole = Adjacency::new(&n, None);
        assert_eq!((whole.node_count(), whole.edge_count()), (3, 4));
        let spec = FilterSpec::parse("sector=public").expect("spec");
        let f = apply(&n, &spec);
        let vis = Adjacency::new(&n, Some(&f));
        assert_eq!((vis.node_count(), vis.edge_count()), (2, 2));
        assert_eq!(vis.person_ids(), &[a, c]);
        assert_eq!(vis.dense_of(c), Some(1));
        assert_eq!(vis.dense_of(b), None);
        assert_eq!(vis.person_id(1), Some(c));
    }
}
