//! The network: people and who named whom, on a petgraph `StableDiGraph`.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable as _, EdgeRef as _, IntoEdgeReferences as _, NodeIndexable as _};
use serde::{Deserialize, Serialize};

use super::attributes::{Age, Sector, Tenure, UnknownValue};

static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

/// Stable handle of a person inside one [`Network`]; stays valid when others are removed.
pub type PersonId = NodeIndex;
/// Stable handle of a tie inside one [`Network`].
pub type TieId = EdgeIndex;

/// One person: a respondent or someone named by a respondent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The unique key from the file (`id` column), any text.
    pub key: String,
    /// Display name; defaults to the key.
    pub name: String,
    /// Public, private, other or unknown.
    pub sector: Sector,
    /// Years living in the municipality.
    pub tenure: Tenure,
    /// Age in years.
    pub age: Age,
    /// Answered the survey. Named-only people have unknown out-ties.
    pub respondent: bool,
    /// Every other column of the file, by header name.
    pub attributes: super::AttrMap<String>,
}

impl Person {
    /// A person with only a key: name = key, everything else unknown.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        Self {
            name: key.clone(),
            key,
            sector: Sector::Unknown,
            tenure: Tenure::default(),
            age: Age::default(),
            respondent: false,
            attributes: super::AttrMap::new(),
        }
    }
}

/// Whether a tie stays inside a sector or crosses between sectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TieKind {
    /// Same sector (turquoise in the study).
    Internal,
    /// Across sectors (red in the study).
    External,
    /// At least one end's sector is unknown.
    Unknown,
}

impl TieKind {
    /// All values in display order.
    pub const ALL: [Self; 3] = [Self::Internal, Self::External, Self::Unknown];

    /// Derived kind: same sector = internal, different = external, either unknown = unknown.
    pub fn derive(a: Sector, b: Sector) -> Self {
        if a == Sector::Unknown || b == Sector::Unknown {
            Self::Unknown
        } else if a == b {
            Self::Internal
        } else {
            Self::External
        }
    }

    /// Parses a kind word; `Ok(None)` for blank (derive it).
    pub fn parse(text: &str) -> Result<Option<Self>, UnknownValue> {
        let t = text.trim().to_lowercase();
        Ok(Some(match t.as_str() {
            "" => return Ok(None),
            "internal" | "intern" | "internt" | "i" | "same" | "innad" => Self::Internal,
            "external" | "ekstern" | "eksternt" | "e" | "cross" | "utad" => Self::External,
            "unknown" | "ukjent" | "-" | "na" => Self::Unknown,
            _ => return Err(UnknownValue),
        }))
    }

    /// Stable machine key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::External => "external",
            Self::Unknown => "unknown",
        }
    }

    /// Index into [`Self::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One nomination: source named target as an information source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    /// The kind stated in the file; `None` means derive it from the sectors.
    pub declared_kind: Option<TieKind>,
    /// Tie weight, 1 unless the file says otherwise.
    pub weight: f64,
    /// An undirected tie from a file without direction (GraphML, GML, Pajek `*Edges` …):
    /// drawn without arrowheads, counted once, and it counts for both ends' degree.
    #[serde(default)]
    pub undirected: bool,
}

impl Default for Tie {
    fn default() -> Self {
        Self { declared_kind: None, weight: 1.0, undirected: false }
    }
}

/// Why a tie could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TieError {
    /// Source and target are the same person.
    #[error("a person cannot name themselves")]
    SelfTie,
    /// The same source already named the same target.
    #[error("this tie already exists")]
    Duplicate,
    /// One end is not in the network.
    #[error("no such person")]
    NoSuchPerson,
}

/// People and ties of one municipality. Every mutation bumps [`Network::revision`], which
/// caches use as their key.
#[derive(Debug, Default)]
pub struct Network {
    /// Display name (the municipality), usually from the file name.
    pub name: String,
    graph: StableDiGraph<Person, Tie>,
    by_key: foldhash::HashMap<String, PersonId>,
    revision: AtomicU64,
    /// Changed since `revision` was handed out: the next reader takes a new one. Loading
    /// 100,000 people makes 400,000 changes; one shared counter bump each was 3% of a load.
    changed: AtomicBool,
}

impl Clone for Network {
    /// The copy has the same people, ties and revision.
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            graph: self.graph.clone(),
            by_key: self.by_key.clone(),
            revision: AtomicU64::new(self.revision()),
            changed: AtomicBool::new(false),
        }
    }
}

impl Network {
    /// An empty network with a name.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }

    /// An empty network with room for this many people and ties (loading a big file).
    pub fn with_capacity(name: impl Into<String>, people: usize, ties: usize) -> Self {
        let mut network = Self::new(name);
        network.graph.reserve_nodes(people);
        network.graph.reserve_edges(ties);
        network.by_key.reserve(people);
        network
    }

    /// Changes whenever people or ties change.
    pub fn revision(&self) -> u64 {
        // Readers racing here may each take a fresh revision for the same contents (nothing
        // changes while `&self` is shared): any of them is a correct cache key. The flag is
        // cleared only after the new revision is stored, so no reader sees the old one.
        if self.changed.load(Ordering::Acquire) {
            self.revision.store(NEXT_REVISION.fetch_add(1, Ordering::Relaxed), Ordering::Relaxed);
            self.changed.store(false, Ordering::Release);
        }
        self.revision.load(Ordering::Relaxed)
    }

    fn touch(&mut self) {
        // Revisions are unique across all networks of the process, so a cache keyed by revision
        // never mistakes a freshly loaded network for the one it replaced.
        *self.changed.get_mut() = true;
    }

    /// Gives the network (the municipality) another name.
    pub fn rename(&mut self, name: &str) {
        if self.name != name {
            self.name = name.to_owned();
            self.touch();
        }
    }

    /// Number of people.
    pub fn person_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of ties.
    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Adds a person; if the key exists, returns the existing id unchanged as `Err`.
    pub fn add_person(&mut self, person: Person) -> Result<PersonId, PersonId> {
        // One hash: the entry is looked up once whether or not the key exists.
        match self.by_key.entry(person.key.clone()) {
            std::collections::hash_map::Entry::Occupied(entry) => Err(*entry.get()),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let id = self.graph.add_node(person);
                entry.insert(id);
                self.touch();
                Ok(id)
            }
        }
    }

    /// Removes a person and their ties.
    pub fn remove_person(&mut self, id: PersonId) -> Option<Person> {
        let person = self.graph.remove_node(id)?;
        self.by_key.remove(&person.key);
        self.touch();
        Some(person)
    }

    /// Adds a tie from `source` (who named) to `target` (who was named).
    pub fn add_tie(&mut self, source: PersonId, target: PersonId, tie: Tie) -> Result<TieId, TieError> {
        if !self.graph.contains_node(source) || !self.graph.contains_node(target) {
            return Err(TieError::NoSuchPerson);
        }
        if source == target {
            return Err(TieError::SelfTie);
        }
        if self.graph.find_edge(source, target).is_some() {
            return Err(TieError::Duplicate);
        }
        // An undirected tie duplicates an undirected tie the other way round.
        if tie.undirected
            && let Some(back) = self.graph.find_edge(target, source)
            && self.graph.edge_weight(back).is_some_and(|t| t.undirected)
        {
            return Err(TieError::Duplicate);
        }
        let id = self.graph.add_edge(source, target, tie);
        self.touch();
        Ok(id)
    }

    /// Removes a tie.
    pub fn remove_tie(&mut self, id: TieId) -> Option<Tie> {
        let tie = self.graph.remove_edge(id)?;
        self.touch();
        Some(tie)
    }

    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.graph.node_weight(id)
    }

    /// Mutable access to a person. Bumps the revision. The key must not be changed here.
    pub fn person_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        if self.graph.contains_node(id) {
            self.touch();
        }
        self.graph.node_weight_mut(id)
    }

    /// Changes a person's key (for pseudonyms). Returns false if the key is taken by someone
    /// else or the person does not exist.
    pub fn rekey(&mut self, id: PersonId, key: String) -> bool {
        if self.by_key.get(&key).is_some_and(|&other| other != id) {
            return false;
        }
        let Some(person) = self.graph.node_weight_mut(id) else { return false };
        let old = std::mem::replace(&mut person.key, key.clone());
        self.by_key.remove(&old);
        self.by_key.insert(key, id);
        self.touch();
        true
    }

    /// The person with this file key.
    pub fn find(&self, key: &str) -> Option<PersonId> {
        self.by_key.get(key).copied()
    }

    /// All person ids in ascending index order (stable across runs for the same file).
    pub fn person_ids(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.graph.node_indices()
    }

    /// All people with their ids, in index order.
    pub fn people(&self) -> impl Iterator<Item = (PersonId, &Person)> + '_ {
        self.graph.node_indices().filter_map(|id| self.graph.node_weight(id).map(|p| (id, p)))
    }

    /// All ties as (id, source, target, tie), in index order.
    pub fn ties(&self) -> impl Iterator<Item = (TieId, PersonId, PersonId, &Tie)> + '_ {
        self.graph.edge_references().map(|e| (e.id(), e.source(), e.target(), e.weight()))
    }

    /// Source and target of a tie.
    pub fn tie_ends(&self, id: TieId) -> Option<(PersonId, PersonId)> {
        self.graph.edge_endpoints(id)
    }

    /// The tie from `source` to `target`, if any.
    pub fn find_tie(&self, source: PersonId, target: PersonId) -> Option<TieId> {
        self.graph.find_edge(source, target)
    }

    /// Whether both `a -> b` and `b -> a` exist.
    pub fn is_mutual(&self, a: PersonId, b: PersonId) -> bool {
        self.graph.find_edge(a, b).is_some() && self.graph.find_edge(b, a).is_some()
    }

    /// The kind of a tie: declared in the file, else derived from the two sectors.
    pub fn tie_kind(&self, source: PersonId, target: PersonId, tie: &Tie) -> TieKind {
        if let Some(kind) = tie.declared_kind {
            return kind;
        }
        let sector = |id| self.person(id).map_or(Sector::Unknown, |p| p.sector);
        TieKind::derive(sector(source), sector(target))
    }

    /// How many people named this person (the study's node size). Undirected ties count for
    /// both ends.
    pub fn in_degree(&self, id: PersonId) -> usize {
        self.graph.edges_directed(id, Direction::Incoming).count()
            + self.graph.edges_directed(id, Direction::Outgoing).filter(|e| e.weight().undirected).count()
    }

    /// How many people this person named.
    pub fn out_degree(&self, id: PersonId) -> usize {
        self.graph.edges_directed(id, Direction::Outgoing).count()
    }

    /// The people who named this person (and undirected neighbours), in index order.
    pub fn named_by(&self, id: PersonId) -> Vec<PersonId> {
        let mut v: Vec<_> = self.graph.neighbors_directed(id, Direction::Incoming).collect();
        v.extend(
            self.graph
                .edges_directed(id, Direction::Outgoing)
                .filter(|e| e.weight().undirected)
                .map(|e| e.target()),
        );
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The people this person named (and undirected neighbours), in index order.
    pub fn names(&self, id: PersonId) -> Vec<PersonId> {
        let mut v: Vec<_> = self.graph.neighbors_directed(id, Direction::Outgoing).collect();
        v.extend(
            self.graph
                .edges_directed(id, Direction::Incoming)
                .filter(|e| e.weight().undirected)
                .map(|e| e.source()),
        );
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether any tie has a direction (false for a network read from an undirected file).
    pub fn has_directed_ties(&self) -> bool {
        self.graph.edge_weights().any(|t| !t.undirected)
    }

    /// Neighbours in either direction, in index order, without repeats.
    pub fn neighbours(&self, id: PersonId) -> Vec<PersonId> {
        let mut v: Vec<_> = self.graph.neighbors_undirected(id).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// One past the highest person index ever used; sizes dense per-person arrays.
    pub fn person_bound(&self) -> usize {
        self.graph.node_bound()
    }

    /// One past the highest tie index ever used; sizes dense per-tie arrays.
    pub fn tie_bound(&self) -> usize {
        self.graph.edge_bound()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(key: &str, sector: Sector) -> Person {
        Person { sector, ..Person::new(key) }
    }

    #[test]
    fn derived_tie_kinds_and_degrees() {
        let mut n = Network::new("t");
        let a = n.add_person(person("a", Sector::Public)).expect("new");
        let b = n.add_person(person("b", Sector::Public)).expect("new");
        let c = n.add_person(person("c", Sector::Private)).expect("new");
        let d = n.add_person(person("d", Sector::Unknown)).expect("new");
        let ab = n.add_tie(a, b, Tie::default()).expect("tie");
        n.add_tie(b, a, Tie::default()).expect("tie");
        n.add_tie(a, c, Tie::default()).expect("tie");
        n.add_tie(d, c, Tie::default()).expect("tie");
        let kinds: Vec<_> = n.ties().map(|(_, s, t, tie)| n.tie_kind(s, t, tie)).collect();
        assert_eq!(kinds, [TieKind::Internal, TieKind::Internal, TieKind::External, TieKind::Unknown]);
        assert_eq!(n.in_degree(c), 2);
        assert_eq!(n.in_degree(a), 1);
        assert_eq!(n.in_degree(d), 0);
        assert_eq!(n.out_degree(a), 2);
        assert!(n.is_mutual(a, b));
        assert!(!n.is_mutual(a, c));
        assert_eq!(n.add_tie(a, a, Tie::default()), Err(TieError::SelfTie));
        assert_eq!(n.add_tie(a, b, Tie::default()), Err(TieError::Duplicate));
        assert_eq!(n.find_tie(a, b), Some(ab));
        // A declared kind wins over the derived one.
        let e = n.add_person(person("e", Sector::Private)).expect("new");
        let tie = Tie { declared_kind: Some(TieKind::Internal), ..Tie::default() };
        n.add_tie(a, e, tie.clone()).expect("tie");
        assert_eq!(n.tie_kind(a, e, &tie), TieKind::Internal);
    }

    #[test]
    fn revision_changes_on_every_mutation() {
        let mut n = Network::new("t");
        let r0 = n.revision();
        let a = n.add_person(Person::new("a")).expect("new");
        let b = n.add_person(Person::new("b")).expect("new");
        assert!(n.revision() > r0);
        let r1 = n.revision();
        n.add_tie(a, b, Tie::default()).expect("tie");
        assert!(n.revision() > r1);
        let r2 = n.revision();
        n.remove_person(a);
        assert!(n.revision() > r2);
        assert_eq!(n.tie_count(), 0);
        assert_eq!(n.find("a"), None);
        assert_eq!(n.add_person(Person::new("b")), Err(b));
    }
}
