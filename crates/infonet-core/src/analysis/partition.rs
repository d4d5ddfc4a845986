//! Partitions of people into groups (sector, tenure band, age band or any attribute column) for the
//! group measures: mixing matrix, E-I index, Coleman homophily, brokerage.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{AgeBand, Network, Person, Sector, TenureBand};

use super::adjacency::Adjacency;

/// How people are put in groups.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partition {
    /// Groups `public`, `private`, `other`; [`Sector::Unknown`] has no group.
    Sector,
    /// Groups `<4`, `4-9`, `10+`; unknown tenure has no group.
    Tenure,
    /// Groups `<30`, `30-40`, `>40`; unknown age has no group.
    Age,
    /// Groups = the distinct values of this attribute column (header matched exactly, else
    /// ignoring ASCII case), trimmed. Blank, `-`, `na`, `n/a`, `unknown`, `ukjent` (any case) have no
    /// group. Groups are sorted numerically when every value is a number, else by text.
    Attribute(String),
}

impl Partition {
    /// The three partitions of the study, in display order.
    pub const STUDY: [Self; 3] = [Self::Sector, Self::Tenure, Self::Age];

    /// Machine key: `sector`, `tenure`, `age` or `attribute:NAME`.
    pub fn key(&self) -> String {
        match self {
            Self::Sector => "sector".to_owned(),
            Self::Tenure => "tenure".to_owned(),
            Self::Age => "age".to_owned(),
            Self::Attribute(name) => format!("attribute:{name}"),
        }
    }

    /// The group of every visible person (by dense index of `adjacency`).
    pub fn groups(&self, network: &Network, adjacency: &Adjacency) -> Groups {
        let people: Vec<Option<&Person>> =
            adjacency.person_ids().iter().map(|&id| network.person(id)).collect();
        match self {
            Self::Sector => fixed(&people, &Sector::ALL.map(Sector::key), |p| p.sector.index()),
            Self::Tenure => fixed(&people, &TenureBand::ALL.map(TenureBand::key), |p| p.tenure.band.index()),
            Self::Age => fixed(&people, &AgeBand::ALL.map(AgeBand::key), |p| p.age.band.index()),
            Self::Attribute(name) => by_attribute(&people, name),
        }
    }
}

/// Group membership of the visible people.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Groups {
    /// Group keys in display order; group `g` is `keys[g]`.
    pub keys: Vec<String>,
    /// By dense person index: the group, or `None` when unknown.
    pub of: Vec<Option<usize>>,
}

impl Groups {
    /// Number of groups (known values).
    pub fn count(&self) -> usize {
        self.keys.len()
    }

    /// The group of dense person `v`.
    pub fn get(&self, v: usize) -> Option<usize> {
        self.of.get(v).copied().flatten()
    }

    /// Members per group.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.keys.len()];
        for g in self.of.iter().flatten() {
            if let Some(s) = sizes.get_mut(*g) {
                *s += 1;
            }
        }
        sizes
    }

    /// People without a group.
    pub fn unknown_count(&self) -> usize {
        self.of.iter().filter(|g| g.is_none()).count()
    }

    /// The same groups plus one more group, `key`, holding everyone whose group was unknown
    /// (e.g. `"external"` or `"unknown"` for brokerage).
    pub fn with_unknown_as_group(&self, key: &str) -> Self {
        let extra = self.keys.len();
        let mut keys = self.keys.clone();
        keys.push(key.to_owned());
        Self { keys, of: self.of.iter().map(|g| Some(g.unwrap_or(extra))).collect() }
    }
}

/// The fixed groups of an enum whose last value (index `keys.len() - 1`) is "unknown".
fn fixed(people: &[Option<&Person>], keys: &[&'static str; 4], index: impl Fn(&Person) -> usize) -> Groups {
    let known = keys.len() - 1;
    Groups {
        keys: keys.iter().take(known).map(|&k| k.to_owned()).collect(),
        of: people.iter().map(|p| p.map(&index).filter(|&i| i < known)).collect(),
    }
}

fn attribute<'p>(person: &'p Person, name: &str) -> Option<&'p str> {
    let value = person
        .attributes
        .get(name)
        .or_else(|| person.attributes.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))?;
    let value = value.trim();
    let lower = value.to_lowercase();
    if matches!(lower.as_str(), "" | "-" | "na" | "n/a" | "unknown" | "ukjent") { None } else { Some(value) }
}

fn by_attribute(people: &[Option<&Person>], name: &str) -> Groups {
    let values: Vec<Option<&str>> = people.iter().map(|p| p.and_then(|p| attribute(p, name))).collect();
    let distinct: BTreeSet<&str> = values.iter().flatten().copied().collect();
    let mut keys: Vec<&str> = distinct.into_iter().collect();
    let numbers: Option<Vec<f64>> = keys.iter().map(|k| k.parse::<f64>().ok()).collect();
    if let Some(numbers) = numbers {
        let mut paired: Vec<(f64, &str)> = numbers.into_iter().zip(keys.iter().copied()).collect();
        paired.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        keys = paired.into_iter().map(|(_, k)| k).collect();
    }
    let of = values.iter().map(|v| v.and_then(|v| keys.iter().position(|&k| k == v))).collect();
    Groups { keys: keys.into_iter().map(str::to_owned).collect(), of }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sector_and_attribute_groups() {
        let mut n = Network::new("t");
        let mut mk = |k: &str, s, dept: &str| {
            let mut p = Person { sector: s, ..Person::new(k) };
            p.attributes.insert("DEPT".into(), dept.into());
            n.add_person(p).expect("add")
        };
        mk("a", Sector::Public, "10");
        mk("b", Sector::Unknown, "2");
        mk("c", Sector::Other, " NA ");
        mk("d", Sector::Private, "2");
        let adj = Adjacency::new(&n, None);
        let g = Partition::Sector.groups(&n, &adj);
        assert_eq!(g.keys, ["public", "private", "other"]);
        assert_eq!(g.of, [Some(0), None, Some(2), Some(1)]);
        assert_eq!(g.sizes(), [1, 1, 1]);
        assert_eq!(g.unknown_count(), 1);
        let d = Partition::Attribute("dept".into()).groups(&n, &adj);
        assert_eq!(d.keys, ["2", "10"], "numeric order");
        assert_eq!(d.of, [Some(1), Some(0), None, Some(0)]);
        let e = d.with_unknown_as_group("external");
        assert_eq!(e.of, [Some(1), Some(0), Some(2), Some(0)]);
        assert_eq!(Partition::Attribute("x".into()).key(), "attribute:x");
    }
}
