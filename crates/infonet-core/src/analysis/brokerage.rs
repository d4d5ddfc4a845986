//! Gould-Fernandez brokerage roles (Gould & Fernandez 1989, Sociological Methodology 19:89-126),
//! with the same counting rule, expectations and z-scores as R `sna::brokerage()` (sna 2.7).
//!
//! **Counting.** Person v brokers the two-path a -> v -> b when a, v, b are distinct and there is
//! no tie a -> b. With X the broker's group, the triple (group of a, group of v, group of b) is:
//!
//! | role | triple | sna column |
//! |---|---|---|
//! | coordinator | (X, X, X) | `w_I` |
//! | itinerant (consultant) | (Y, X, Y) | `w_O` |
//! | representative | (X, X, Y) | `b_IO` |
//! | gatekeeper | (Y, X, X) | `b_OI` |
//! | liaison | (Y, X, Z) | `b_O` |
//!
//! Each ordered pair (a, b) counts once per broker v; `total` is the sum of the five.
//!
//! **Direction.** With [`Direction::Nomination`] (the default) the arrows are the nominations,
//! seeker -> source, exactly as in the file (this is what sna computes on the nomination matrix).
//! Information flows the other way (b -> v -> a), so a *gatekeeper* here is named by an out-group
//! seeker and names an in-group source: in information terms they carry their *own* group's
//! information *out*; a *representative* here brings *outside* information *into* their own group.
//! [`Direction::InformationFlow`] reverses every arrow first (source -> seeker), which swaps exactly
//! these two roles (and nothing else: coordinator, itinerant and liaison are symmetric), so that
//! gatekeeper = "lets outside information in" and representative = "passes own group's information
//! out", the usual reading in the literature.
//!
//! **Groups.** Any [`Partition`]; for sectors the third sector, `other`, is the natural third
//! ("external") group that makes liaison possible. People with an unknown group are either left out
//! (as if removed with their ties: the result equals sna on the subgraph of people with a known
//! group) or put in a group of their own ([`BrokerageOptions::unknown_as`], e.g. `"external"`);
//! sna itself treats `NA` as a group of its own.
//!
//! **Expectations** (sna): under a random graph with the observed density d = m / (N (N - 1)),
//! N = people included, for a broker in group i with n_i members, every two-path with a missing
//! closing tie has probability d^2 (1 - d): E(w_I) = d^2 (1-d) (n_i - 1)(n_i - 2), etc.; the
//! variances are sna's formulas (see the source). z = (raw - expected) / sd, `None` when sd = 0.

use serde::Serialize;

use crate::model::Network;

use super::adjacency::Adjacency;
use super::explain::{MeasureKey, explain};
use super::filter::Filtered;
use super::partition::{Groups, Partition};

/// Which way the arrows point when counting two-paths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// As nominated: seeker -> source (the file's direction; sna on the nomination matrix).
    #[default]
    Nomination,
    /// Reversed: source -> seeker, the way information travels.
    InformationFlow,
}

/// A brokerage role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// (X, X, X), sna `w_I`.
    Coordinator,
    /// (Y, X, Y), sna `w_O`; also called consultant.
    Itinerant,
    /// (X, X, Y), sna `b_IO`.
    Representative,
    /// (Y, X, X), sna `b_OI`.
    Gatekeeper,
    /// (Y, X, Z), sna `b_O`.
    Liaison,
}

impl Role {
    /// All roles in sna's column order.
    pub const ALL: [Self; 5] =
        [Self::Coordinator, Self::Itinerant, Self::Representative, Self::Gatekeeper, Self::Liaison];

    /// Stable machine key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Itinerant => "itinerant",
            Self::Representative => "representative",
            Self::Gatekeeper => "gatekeeper",
            Self::Liaison => "liaison",
        }
    }
}

/// One plain-language sentence about a role for the chosen direction: (English, Norwegian bokmål).
pub fn role_explanation(role: Role, direction: Direction) -> (&'static str, &'static str) {
    match (role, direction) {
        (Role::Gatekeeper, Direction::InformationFlow) => (
            "Passes information from someone in another group on to someone in their own group.",
            "Bringer informasjon fra noen i en annen gruppe videre til noen i egen gruppe.",
        ),
        (Role::Representative, Direction::InformationFlow) => (
            "Passes information from someone in their own group on to someone in another group.",
            "Bringer informasjon fra noen i egen gruppe videre til noen i en annen gruppe.",
        ),
        (Role::Coordinator, _) => explain(MeasureKey::Coordinator),
        (Role::Itinerant, _) => explain(MeasureKey::Itinerant),
        (Role::Representative, _) => explain(MeasureKey::Representative),
        (Role::Gatekeeper, _) => explain(MeasureKey::Gatekeeper),
        (Role::Liaison, _) => explain(MeasureKey::Liaison),
    }
}

/// A value per role plus the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Roles<T> {
    /// (X, X, X).
    pub coordinator: T,
    /// (Y, X, Y).
    pub itinerant: T,
    /// (X, X, Y).
    pub representative: T,
    /// (Y, X, X).
    pub gatekeeper: T,
    /// (Y, X, Z).
    pub liaison: T,
    /// All five.
    pub total: T,
}

impl<T: Copy> Roles<T> {
    /// The value of one role.
    pub fn get(&self, role: Role) -> T {
        match role {
            Role::Coordinator => self.coordinator,
            Role::Itinerant => self.itinerant,
            Role::Representative => self.representative,
            Role::Gatekeeper => self.gatekeeper,
            Role::Liaison => self.liaison,
        }
    }

    fn from_array(v: [T; 6]) -> Self {
        let [coordinator, itinerant, representative, gatekeeper, liaison, total] = v;
        Self { coordinator, itinerant, representative, gatekeeper, liaison, total }
    }
}

/// Options for [`brokerage`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BrokerageOptions {
    /// Arrow direction; see the module docs.
    pub direction: Direction,
    /// `None`: leave people with an unknown group out. `Some(key)`: put them in one more group
    /// with this key (e.g. `"external"`).
    pub unknown_as: Option<String>,
}

/// Brokerage of one person.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PersonBrokerage {
    /// Person index.
    pub index: usize,
    /// Person key.
    pub key: String,
    /// Group key; `None` when the group is unknown and unknowns are left out (then all zero).
    pub group: Option<String>,
    /// Raw counts.
    pub raw: Roles<u64>,
    /// sna's expected counts for a broker of this group; `None` when left out.
    pub expected: Option<Roles<f64>>,
    /// (raw - expected) / sd; `None` when left out or sd = 0.
    pub z: Roles<Option<f64>>,
}

/// Brokerage of the visible network.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Brokerage {
    /// [`Partition::key`].
    pub partition: String,
    /// Arrow direction used.
    pub direction: Direction,
    /// Group keys (plus the unknown group's key when [`BrokerageOptions::unknown_as`] is set).
    pub groups: Vec<String>,
    /// Members per group.
    pub group_sizes: Vec<usize>,
    /// N: people included.
    pub people: usize,
    /// Ties among them.
    pub ties: usize,
    /// Visible people left out because their group is unknown.
    pub excluded_people: usize,
    /// By ascending person index (every visible person, left-out ones with zeros).
    pub persons: Vec<PersonBrokerage>,
    /// Sum over people.
    pub totals: Roles<u64>,
    /// sna's expected network totals.
    pub expected: Roles<f64>,
    /// (totals - expected) / sd; `None` when sd = 0.
    pub z: Roles<Option<f64>>,
}

/// Brokerage roles over the visible people and ties.
pub fn brokerage(
    network: &Network,
    visible: Option<&Filtered>,
    partition: &Partition,
    options: &BrokerageOptions,
) -> Brokerage {
    let adjacency = Adjacency::new(network, visible);
    let groups = partition.groups(network, &adjacency);
    let mut result = brokerage_on(&adjacency, &groups, options);
    result.partition = partition.key();
    for p in &mut result.persons {
        if let Some(id) = adjacency.person_id(p.index) {
            p.index = id.index();
            p.key = network.person(id).map(|x| x.key.clone()).unwrap_or_default();
        }
    }
    result
}

/// Brokerage over an [`Adjacency`] with given groups (by dense index). `persons[i].index` is the
/// dense index and `key` is empty; [`brokerage`] fills in person indices and keys.
pub fn brokerage_on(adjacency: &Adjacency, groups: &Groups, options: &BrokerageOptions) -> Brokerage {
    let groups = match &options.unknown_as {
        Some(key) => groups.with_unknown_as_group(key),
        None => groups.clone(),
    };
    let n = adjacency.node_count();
    let group = |v: usize| groups.get(v);
    let included = |v: usize| group(v).is_some();
    let people = (0..n).filter(|&v| included(v)).count();
    let ties = adjacency.edges().filter(|&(a, b)| included(a) && included(b)).count();
    let sizes = groups.sizes();

    let mut raw = vec![[0u64; 6]; n];
    for (v, counts) in raw.iter_mut().enumerate() {
        let Some(x) = group(v) else { continue };
        // a -> v -> b in the nomination graph; reversed, b -> v -> a, so swap the two lists.
        let (ins, outs) = match options.direction {
            Direction::Nomination => (adjacency.in_neighbours(v), adjacency.out_neighbours(v)),
            Direction::InformationFlow => (adjacency.out_neighbours(v), adjacency.in_neighbours(v)),
        };
        for &a in ins {
            let a = a as usize;
            let Some(ga) = group(a) else { continue };
            for &b in outs {
                let b = b as usize;
                if a == b {
                    continue;
                }
                let Some(gb) = group(b) else { continue };
                let closed = match options.direction {
                    Direction::Nomination => adjacency.has_edge(a, b),
                    Direction::InformationFlow => adjacency.has_edge(b, a),
                };
                if closed {
                    continue;
                }
                let slot = if ga == x {
                    if gb == x { 0 } else { 2 }
                } else if gb == x {
                    3
                } else if ga == gb {
                    1
                } else {
                    4
                };
                if let Some(c) = counts.get_mut(slot) {
                    *c += 1;
                }
                counts[5] += 1;
            }
        }
    }

    let d = if people >= 2 { ties as f64 / (people as f64 * (people - 1) as f64) } else { 0.0 };
    let per_group: Vec<([f64; 6], [f64; 6])> =
        (0..groups.count()).map(|i| expected_for_group(d, &sizes, i)).collect();
    let z_of = |value: f64, e: f64, var: f64| (var > 0.0).then(|| (value - e) / var.sqrt());

    let mut persons = Vec::with_capacity(n);
    let mut totals = [0u64; 6];
    for (v, counts) in raw.iter().enumerate() {
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c;
        }
        let g = group(v);
        let stats = g.and_then(|g| per_group.get(g));
        let z = stats.map_or([None; 6], |(e, var)| {
            std::array::from_fn(|k| {
                z_of(
                    counts.get(k).copied().unwrap_or(0) as f64,
                    e.get(k).copied().unwrap_or(0.0),
                    var.get(k).copied().unwrap_or(0.0),
                )
            })
        });
        persons.push(PersonBrokerage {
            index: v,
            key: String::new(),
            group: g.and_then(|g| groups.keys.get(g).cloned()),
            raw: Roles::from_array(*counts),
            expected: stats.map(|(e, _)| Roles::from_array(*e)),
            z: Roles::from_array(z),
        });
    }
    let (e_net, v_net) = expected_network(d, &sizes);
    let z = std::array::from_fn(|k| {
        z_of(
            totals.get(k).copied().unwrap_or(0) as f64,
            e_net.get(k).copied().unwrap_or(0.0),
            v_net.get(k).copied().unwrap_or(0.0),
        )
    });
    Brokerage {
        partition: String::new(),
        direction: options.direction,
        groups: groups.keys.clone(),
        group_sizes: sizes,
        people,
        ties,
        excluded_people: n - people,
        persons,
        totals: Roles::from_array(totals),
        expected: Roles::from_array(e_net),
        z: Roles::from_array(z),
    }
}

fn choose2(x: f64) -> f64 {
    x * (x - 1.0) / 2.0
}

/// sna's expected value and variance of each count for a broker in group `i`
/// (`ebr`, `vbr` in `sna::brokerage`).
fn expected_for_group(d: f64, sizes: &[usize], i: usize) -> ([f64; 6], [f64; 6]) {
    let n: Vec<f64> = sizes.iter().map(|&s| s as f64).collect();
    let big_n: f64 = n.iter().sum();
    let ni = n.get(i).copied().unwrap_or(0.0);
    let others = || n.iter().enumerate().filter(move |&(j, _)| j != i).map(|(_, &x)| x);
    let p = d * d * (1.0 - d);
    let q = d.powi(3) * (1.0 - d).powi(3);
    let shrink = 1.0 - p;
    let mut e = [0.0; 6];
    let mut v = [0.0; 6];
    e[0] = p * (ni - 1.0) * (ni - 2.0);
    v[0] = e[0] * shrink + 2.0 * (ni - 1.0) * (ni - 2.0) * (ni - 3.0) * q;
    e[1] = p * others().map(|x| x * (x - 1.0)).sum::<f64>();
    v[1] = e[1] * shrink + 2.0 * others().map(|x| x * (x - 1.0) * (x - 2.0)).sum::<f64>() * q;
    e[2] = p * (big_n - ni) * (ni - 1.0);
    v[2] = e[2] * shrink + 2.0 * ((ni - 1.0) * choose2(big_n - ni) + (big_n - ni) * choose2(ni - 1.0)) * q;
    e[3] = e[2];
    v[3] = v[2];
    let outer: f64 = others().map(|x| x * others().sum::<f64>()).sum();
    let squares: f64 = others().map(|x| x * x).sum();
    e[4] = p * (outer - squares);
    v[4] = e[4] * shrink + 4.0 * others().map(|x| x * choose2(big_n - x - ni) * q).sum::<f64>();
    e[5] = p * (big_n - 1.0) * (big_n - 2.0);
    v[5] = e[5] * shrink + 2.0 * (big_n - 1.0) * (big_n - 2.0) * (big_n - 3.0) * q;
    (e, v)
}

/// sna's expected network totals and their variances (`egbr`, `vgbr` in `sna::brokerage`).
fn expected_network(d: f64, sizes: &[usize]) -> ([f64; 6], [f64; 6]) {
    let n: Vec<f64> = sizes.iter().map(|&s| s as f64).collect();
    let big_n: f64 = n.iter().sum();
    let p = d * d * (1.0 - d);
    let shrink = 1.0 - p;
    let d3 = d.powi(3) * (1.0 - d).powi(3);
    let d4 = d.powi(4) * (1.0 - d).powi(2);
    let d5 = d.powi(5) * (1.0 - d);
    let mut e = [0.0; 6];
    let mut v = [0.0; 6];
    e[0] = p * n.iter().map(|x| x * (x - 1.0) * (x - 2.0)).sum::<f64>();
    v[0] = e[0] * shrink
        + n.iter()
            .map(|x| {
                x * (x - 1.0) * (x - 2.0) * ((4.0 * x - 10.0) * d3 - 4.0 * (x - 3.0) * d4 + (x - 3.0) * d5)
            })
            .sum::<f64>();
    e[1] = p * n.iter().map(|x| x * (big_n - x) * (x - 1.0)).sum::<f64>();
    let mut outer = 0.0;
    for &x in &n {
        for &y in &n {
            outer += x * y * (x - 1.0) * ((2.0 * x + 2.0 * y - 6.0) * d3 + (big_n - x - 1.0) * d5);
        }
    }
    let diag: f64 =
        n.iter().map(|x| x * x * (x - 1.0) * ((4.0 * x - 6.0) * d3 + (big_n - x - 1.0) * d5)).sum();
    v[1] = e[1] * shrink + (outer - diag);
    e[2] = p * n.iter().map(|x| x * (big_n - x) * (x - 1.0)).sum::<f64>();
    v[2] = e[2] * shrink
        + n.iter().map(|x| x * (big_n - x) * (x - 1.0) * ((big_n - 3.0) * d3 + (x - 2.0) * d5)).sum::<f64>();
    e[3] = e[2];
    v[3] = v[2];
    let mut outer5 = 0.0;
    for &x in &n {
        for &y in &n {
            outer5 += x * y * (big_n - x - y);
        }
    }
    let diag5: f64 = n.iter().map(|x| x * x * (big_n - 2.0 * x)).sum();
    e[4] = p * (outer5 - diag5);
    v[4] = e[4] * shrink;
    for (i, &ni) in n.iter().enumerate() {
        for (j, &nj) in n.iter().enumerate() {
            for (k, &nk) in n.iter().enumerate() {
                if i != j && j != k && i != k {
                    v[4] += ni
                        * nj
                        * nk
                        * ((4.0 * (big_n - nj) - 2.0 * (ni + nk + 1.0)) * d3
                            - (4.0 * (big_n - nk) - 2.0 * (ni + nj + 1.0)) * d4
                            + (big_n - (ni + nk + 1.0)) * d5);
                }
            }
        }
    }
    e[5] = p * big_n * (big_n - 1.0) * (big_n - 2.0);
    v[5] = e[5] * shrink
        + big_n
            * (big_n - 1.0)
            * (big_n - 2.0)
            * ((4.0 * big_n - 10.0) * d3 - 4.0 * (big_n - 3.0) * d4 + (big_n - 3.0) * d5);
    (e, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups: 0 = {0, 1}, 1 = {2, 3}, 2 = {4}.
    fn groups() -> Groups {
        Groups {
            keys: vec!["x".into(), "y".into(), "z".into()],
            of: vec![Some(0), Some(0), Some(1), Some(1), Some(2)],
        }
    }

    #[test]
    fn each_role_once() {
        // Broker 1 (group x):
        //   0 -> 1 -> 0? no (a = b). Paths a -> 1 -> b:
        //   0(x) -> 1 -> 2(y): representative (X, X, Y)
        //   3(y) -> 1 -> 0(x): gatekeeper (Y, X, X)
        //   3(y) -> 1 -> 2(y): itinerant (Y, X, Y)
        //   4(z) -> 1 -> 2(y): liaison (Y, X, Z)
        //   4(z) -> 1 -> 0(x): gatekeeper, but 4 -> 0 exists: closed, not counted.
        let edges = [(0, 1), (1, 2), (3, 1), (1, 0), (4, 1), (4, 0)];
        let adj = Adjacency::from_edges(5, &edges);
        let b = brokerage_on(&adj, &groups(), &BrokerageOptions::default());
        let p = b.persons[1].raw;
        assert_eq!(
            (p.coordinator, p.itinerant, p.representative, p.gatekeeper, p.liaison, p.total),
            (0, 1, 1, 1, 1, 4)
        );
        // Broker 0: 1 -> 0 -> 1 is a = b; 4 -> 0 -> 1: (Z, X, X) gatekeeper, 4 -> 1 exists: closed.
        assert_eq!(b.persons[0].raw.total, 0);
        assert_eq!(b.totals.total, 4);
        // Information flow swaps gatekeeper and representative only.
        let f = brokerage_on(
            &adj,
            &groups(),
            &BrokerageOptions { direction: Direction::InformationFlow, unknown_as: None },
        );
        let q = f.persons[1].raw;
        assert_eq!((q.representative, q.gatekeeper, q.itinerant, q.liaison), (1, 1, 1, 1));
        // Coordinator: 0 -> 1 -> 5 with 5 in x.
        let mut g = groups();
        g.of.push(Some(0));
        let adj = Adjacency::from_edges(6, &[(0, 1), (1, 5)]);
        let c = brokerage_on(&adj, &g, &BrokerageOptions::default());
        assert_eq!(c.persons[1].raw.coordinator, 1);
        assert_eq!(
            role_explanation(Role::Coordinator, Direction::Nomination),
            explain(MeasureKey::Coordinator)
        );
    }

    #[test]
    fn unknown_left_out_or_grouped() {
        let g = Groups { keys: vec!["x".into()], of: vec![Some(0), Some(0), None] };
        // 2 -> 0 -> 1: with 2 unknown.
        let adj = Adjacency::from_edges(3, &[(2, 0), (0, 1)]);
        let left_out = brokerage_on(&adj, &g, &BrokerageOptions::default());
        assert_eq!(left_out.totals.total, 0);
        assert_eq!((left_out.people, left_out.ties, left_out.excluded_people), (2, 1, 1));
        let grouped = brokerage_on(
            &adj,
            &g,
            &BrokerageOptions { direction: Direction::Nomination, unknown_as: Some("external".into()) },
        );
        assert_eq!(grouped.persons[0].raw.gatekeeper, 1);
        assert_eq!(grouped.groups, ["x", "external"]);
        assert_eq!(grouped.persons[0].group.as_deref(), Some("x"));
    }
}
