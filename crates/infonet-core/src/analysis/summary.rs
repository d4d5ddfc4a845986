//! Headline counts of a network: what `infonet stats --json` prints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{AgeBand, Network, Sector, TenureBand, TieKind};

/// Counts by sector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SectorCounts {
    /// Public / municipal.
    pub public: usize,
    /// Private business.
    pub private: usize,
    /// Other (voluntary).
    pub other: usize,
    /// Unknown.
    pub unknown: usize,
}

/// Counts by tie kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// Same sector.
    pub internal: usize,
    /// Across sectors.
    pub external: usize,
    /// Unknown.
    pub unknown: usize,
}

/// The headline numbers of a network.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Network name.
    pub name: String,
    /// Number of people.
    pub people: usize,
    /// Number of ties (nominations).
    pub ties: usize,
    /// People who answered the survey.
    pub respondents: usize,
    /// People who were only named.
    pub named_only: usize,
    /// People by sector.
    pub sectors: SectorCounts,
    /// People by tenure band: "<4", "4-9", "10+", "unknown".
    pub tenure: BTreeMap<&'static str, usize>,
    /// People by age band: "<30", "30-40", ">40", "unknown".
    pub age: BTreeMap<&'static str, usize>,
    /// Ties by kind.
    pub ties_by_kind: KindCounts,
    /// Mutual pairs (a named b and b named a), each pair counted once.
    pub mutual_pairs: usize,
    /// How many named each person, by person id.
    pub in_degree: BTreeMap<String, usize>,
}

/// Computes the summary.
pub fn summarize(network: &Network) -> Summary {
    let mut s = Summary {
        name: network.name.clone(),
        people: network.person_count(),
        ties: network.tie_count(),
        tenure: TenureBand::ALL.iter().map(|b| (b.key(), 0)).collect(),
        age: AgeBand::ALL.iter().map(|b| (b.key(), 0)).collect(),
        ..Summary::default()
    };
    // One pass over the ties instead of walking every person's edge lists.
    let in_deg = in_degrees(network);
    let mut in_degree = Vec::with_capacity(network.person_count());
    for (id, p) in network.people() {
        if p.respondent {
            s.respondents += 1;
        } else {
            s.named_only += 1;
        }
        match p.sector {
            Sector::Public => s.sectors.public += 1,
            Sector::Private => s.sectors.private += 1,
            Sector::Other => s.sectors.other += 1,
            Sector::Unknown => s.sectors.unknown += 1,
        }
        *s.tenure.entry(p.tenure.band.key()).or_default() += 1;
        *s.age.entry(p.age.band.key()).or_default() += 1;
        in_degree.push((p.key.clone(), in_deg.get(id.index()).map_or(0, |&d| d as usize)));
    }
    // Keys are unique; sorted pairs make the map in one pass, not one search per insert.
    in_degree.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    s.in_degree = in_degree.into_iter().collect();
    for (_, a, b, tie) in network.ties() {
        match network.tie_kind(a, b, tie) {
            TieKind::Internal => s.ties_by_kind.internal += 1,
            TieKind::External => s.ties_by_kind.external += 1,
            TieKind::Unknown => s.ties_by_kind.unknown += 1,
        }
        if a < b && network.find_tie(b, a).is_some() {
            s.mutual_pairs += 1;
        }
    }
    s
}

/// In-degree of every person, by person index (0 for unused indices).
pub fn in_degrees(network: &Network) -> Vec<u32> {
    let mut v = vec![0u32; network.person_bound()];
    for (_, s, t, tie) in network.ties() {
        if let Some(slot) = v.get_mut(t.index()) {
            *slot += 1;
        }
        // An undirected tie counts for both ends.
        if tie.undirected
            && let Some(slot) = v.get_mut(s.index())
        {
            *slot += 1;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Age, Person, Tenure, Tie};

    #[test]
    fn counts_add_up() {
        let mut n = Network::new("Test");
        let a = n
            .add_person(Person {
                sector: Sector::Public,
                tenure: Tenure::from_number(10.0),
                age: Age::from_number(41.0),
                respondent: true,
                ..Person::new("a")
            })
            .expect("add");
        let b = n
            .add_person(Person {
                sector: Sector::Private,
                tenure: Tenure::from_number(3.99),
                age: Age::from_number(30.0),
                respondent: true,
                ..Person::new("b")
            })
            .expect("add");
        let c = n.add_person(Person::new("c")).expect("add");
        n.add_tie(a, b, Tie::default()).expect("tie");
        n.add_tie(b, a, Tie::default()).expect("tie");
        n.add_tie(a, c, Tie::default()).expect("tie");
        let s = summarize(&n);
        assert_eq!((s.people, s.ties, s.respondents, s.named_only), (3, 3, 2, 1));
        assert_eq!(s.sectors, SectorCounts { public: 1, private: 1, other: 0, unknown: 1 });
        assert_eq!(s.tenure["10+"], 1);
        assert_eq!(s.tenure["<4"], 1);
        assert_eq!(s.tenure["unknown"], 1);
        assert_eq!(s.age[">40"], 1);
        assert_eq!(s.age["30-40"], 1);
        assert_eq!(s.ties_by_kind, KindCounts { internal: 0, external: 2, unknown: 1 });
        assert_eq!(s.mutual_pairs, 1);
        assert_eq!(s.in_degree["a"], 1);
        assert_eq!(s.in_degree["c"], 1);
        assert_eq!(in_degrees(&n), vec![1, 1, 1]);
    }
}
