//! Who the people are, by sector, tenure band and age band: (a) everyone visible, (b) the most
//! named (top quartile of in-degree) and (c) weighted by in-degree (whose voices are heard).

use serde::Serialize;

use crate::model::{AgeBand, Network, Person, Sector, TenureBand};

use super::adjacency::Adjacency;
use super::filter::Filtered;

/// One value's count and share.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Share {
    /// Value key (`public`, `<4`, `unknown`, ...).
    pub key: &'static str,
    /// People with this value (for the weighted breakdown: nominations received by them).
    pub count: usize,
    /// count / total, unknown included; `None` when the total is 0.
    pub share: Option<f64>,
    /// count / total of known values; `None` for the unknown value and when nothing is known.
    pub share_of_known: Option<f64>,
}

/// Counts and shares for the three attributes, each in the enum's `ALL` order (unknown last).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Breakdown {
    /// The denominator: people (or, weighted, nominations).
    pub total: usize,
    /// By [`Sector::ALL`].
    pub sector: Vec<Share>,
    /// By [`TenureBand::ALL`].
    pub tenure: Vec<Share>,
    /// By [`AgeBand::ALL`].
    pub age: Vec<Share>,
}

/// The three compositions.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Composition {
    /// (a) Every visible person counts once.
    pub all: Breakdown,
    /// (b) The most named: every visible person whose in-degree is at least
    /// [`Composition::most_named_threshold`].
    pub most_named: Breakdown,
    /// The in-degree of the person ranked ceil(n / 4) when everyone is sorted by in-degree,
    /// highest first, but at least 1. Everyone at that in-degree is included, so ties at the
    /// boundary can make the group larger than a quarter; people nobody named are never included.
    /// `None` when nobody is named.
    pub most_named_threshold: Option<usize>,
    /// (c) Each person counts as many times as they were named (visible ties): the share of all
    /// nominations that went to each group. `total` = number of visible ties.
    pub weighted: Breakdown,
}

/// Compositions over the visible people and ties.
pub fn composition(network: &Network, visible: Option<&Filtered>) -> Composition {
    composition_on(network, &Adjacency::new(network, visible))
}

/// [`composition`] over an already built [`Adjacency`].
pub fn composition_on(network: &Network, adjacency: &Adjacency) -> Composition {
    let people: Vec<(&Person, usize)> = adjacency
        .person_ids()
        .iter()
        .enumerate()
        .filter_map(|(v, &id)| network.person(id).map(|p| (p, adjacency.in_degree(v))))
        .collect();
    let mut degrees: Vec<usize> = people.iter().map(|&(_, d)| d).collect();
    degrees.sort_unstable_by(|a, b| b.cmp(a));
    let rank = degrees.len().div_ceil(4);
    let threshold = rank.checked_sub(1).and_then(|i| degrees.get(i)).map(|&d| d.max(1));
    let threshold = threshold.filter(|&t| degrees.first().is_some_and(|&top| top >= t));
    Composition {
        all: breakdown(people.iter().map(|&(p, _)| (p, 1))),
        most_named: breakdown(
            people.iter().filter(|&&(_, d)| threshold.is_some_and(|t| d >= t)).map(|&(p, _)| (p, 1)),
        ),
        most_named_threshold: threshold,
        weighted: breakdown(people.iter().copied()),
    }
}

/// Counts of (person, weight) pairs by sector, tenure band and age band.
fn breakdown<'p>(items: impl Iterator<Item = (&'p Person, usize)>) -> Breakdown {
    let mut sector = [0usize; 4];
    let mut tenure = [0usize; 4];
    let mut age = [0usize; 4];
    let mut total = 0;
    for (p, w) in items {
        total += w;
        for (counts, i) in [
            (&mut sector, p.sector.index()),
            (&mut tenure, p.tenure.band.index()),
            (&mut age, p.age.band.index()),
        ] {
            if let Some(c) = counts.get_mut(i) {
                *c += w;
            }
        }
    }
    Breakdown {
        total,
        sector: shares(&Sector::ALL.map(Sector::key), &sector),
        tenure: shares(&TenureBand::ALL.map(TenureBand::key), &tenure),
        age: shares(&AgeBand::ALL.map(AgeBand::key), &age),
    }
}

/// Shares for four values, the last of which is "unknown".
fn shares(keys: &[&'static str; 4], counts: &[usize; 4]) -> Vec<Share> {
    let total: usize = counts.iter().sum();
    let known: usize = counts.iter().take(3).sum();
    let ratio = |c: usize, of: usize| (of > 0).then(|| c as f64 / of as f64);
    keys.iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (&key, &count))| Share {
            key,
            count,
            share: ratio(count, total),
            share_of_known: if i < 3 { ratio(count, known) } else { None },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Age, Tenure, Tie};

    #[test]
    fn quartile_with_ties_at_the_boundary() {
        // 8 people; in-degrees a3 b2 c2 d1 e0 f0 g0 h0. ceil(8/4) = 2nd highest = 2, so the most
        // named are a, b, c (3 people, more than a quarter because b and c tie).
        let mut n = Network::new("t");
        let mk = |k: &str, s, t: f64, a: f64| Person {
            sector: s,
            tenure: Tenure::from_number(t),
            age: Age::from_number(a),
            ..Person::new(k)
        };
        let a = n.add_person(mk("a", Sector::Public, 20.0, 50.0)).expect("add");
        let b = n.add_person(mk("b", Sector::Private, 2.0, 25.0)).expect("add");
        let c = n.add_person(mk("c", Sector::Public, 5.0, 35.0)).expect("add");
        let d = n.add_person(mk("d", Sector::Unknown, 15.0, 45.0)).expect("add");
        let rest: Vec<_> = ["e", "f", "g", "h"]
            .iter()
            .map(|k| n.add_person(mk(k, Sector::Private, 1.0, 20.0)).expect("add"))
            .collect();
        let (e, f, g) = (rest[0], rest[1], rest[2]);
        for (s, t) in [(e, a), (f, a), (g, a), (e, b), (f, b), (e, c), (f, c), (g, d)] {
            n.add_tie(s, t, Tie::default()).expect("tie");
        }
        let comp = composition(&n, None);
        assert_eq!(comp.most_named_threshold, Some(2));
        assert_eq!(comp.most_named.total, 3);
        // Most named: public a, c; private b.
        assert_eq!(comp.most_named.sector[0].count, 2);
        assert_eq!(comp.most_named.sector[1].count, 1);
        assert_eq!(comp.most_named.sector[0].share, Some(2.0 / 3.0));
        // All: public 2, private 5, other 0, unknown 1 of 8; known 7.
        assert_eq!(comp.all.total, 8);
        assert_eq!(comp.all.sector[1].share, Some(5.0 / 8.0));
        assert_eq!(comp.all.sector[1].share_of_known, Some(5.0 / 7.0));
        assert_eq!(comp.all.sector[3].share_of_known, None);
        // Weighted: 8 nominations: public a3 + c2 = 5, private b2 = 2, unknown d1 = 1.
        assert_eq!(comp.weighted.total, 8);
        assert_eq!(comp.weighted.sector.iter().map(|s| s.count).collect::<Vec<_>>(), [5, 2, 0, 1]);
        // Tenure weighted: <4: b2 -> 2; 4-9: c2 -> 2; 10+: a3 + d1 = 4.
        assert_eq!(comp.weighted.tenure.iter().map(|s| s.count).collect::<Vec<_>>(), [2, 2, 4, 0]);
        assert_eq!(comp.weighted.age[2].share, Some(0.5));
    }

    #[test]
    fn nobody_named() {
        let mut n = Network::new("t");
        n.add_person(Person::new("a")).expect("add");
        let comp = composition(&n, None);
        assert_eq!(comp.most_named_threshold, None);
        assert_eq!(comp.most_named.total, 0);
        assert_eq!(comp.most_named.sector[0].share, None);
        assert_eq!(composition(&Network::new("e"), None).all.total, 0);
    }
}
