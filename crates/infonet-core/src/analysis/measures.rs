//! Network measures over the visible people and ties (`docs/measures.md`): counts, density,
//! reciprocity, in-degree centralization, mixing by sector / tenure band / age band (mixing
//! matrix, Krackhardt E-I index with its random-mixing expectation, Coleman homophily, Newman
//! assortativity), components, isolates, the most named, and per person in-degree, out-degree
//! and PageRank. Betweenness is slow (O(nm)) and is computed separately by
//! [`super::betweenness`], then stored with [`Measures::set_betweenness`].
//!
//! Conventions used throughout:
//!
//! - A tie `i -> j` means respondent *i* named *j* as a source of information (seeker -> source);
//!   information flows the other way. An undirected tie counts as two arcs (a mutual pair), see
//!   [`Adjacency`]; `ties` (m) counts arcs. Only [`Visibility::Shown`](super::Visibility) people and
//!   ties count (see [`Adjacency`]); the graph is simple (no self-ties, no duplicates).
//! - Ratios that would divide by zero are `None` (e.g. density with n < 2, reciprocity with no
//!   ties) rather than NaN.
//! - Every list is in a fixed order: people by ascending person index, groups in the partition's
//!   display order, component sizes descending.
//! - Named-only people (non-respondents) have *unknown* out-ties, structurally 0 here. Numbers
//!   that depend on out-ties are flagged in [`Measures::caveats`]; a named-only person's
//!   out-degree is `None`.

use serde::Serialize;

use crate::model::{Network, TieKind};

use super::adjacency::Adjacency;
use super::betweenness;
use super::filter::Filtered;
use super::partition::{Groups, Partition};

pub use super::explain::{MeasureKey, explain};

/// How many people [`Measures::most_named`] lists.
pub const MOST_NAMED: usize = 10;
/// PageRank damping factor (networkx default).
pub const PAGERANK_DAMPING: f64 = 0.85;
/// PageRank stops when the L1 change between two iterations is below this (not scaled by n, so
/// stricter than networkx's `n * tol`).
pub const PAGERANK_TOLERANCE: f64 = 1e-10;
/// PageRank gives up after this many iterations (it converges in about 150 at tolerance 1e-10).
pub const PAGERANK_MAX_ITERATIONS: usize = 1000;
/// Below this many visible people every index is noisy ([`Caveat::SmallNetwork`]).
pub const SMALL_NETWORK: usize = 20;

/// All measures of one (visible) network.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Measures {
    /// n: visible people.
    pub people: usize,
    /// m: visible ties (arcs: an undirected tie counts twice).
    pub ties: usize,
    /// Visible people who answered the survey.
    pub respondents: usize,
    /// Visible people who were only named (out-ties unknown).
    pub named_only: usize,
    /// Directed density m / (n (n - 1)); `None` for n < 2.
    pub density: Option<f64>,
    /// Reciprocity over all visible ties.
    pub reciprocity: Reciprocity,
    /// Density and reciprocity among respondents only (ties between two respondents), where
    /// every out-tie is known.
    pub respondents_only: RespondentsOnly,
    /// Freeman in-degree centralization: sum_i (max_j d_in(j) - d_in(i)) / (n - 1)^2 (the
    /// in-star maximum, igraph `centralization.degree(mode = "in", loops = FALSE)`); `None` for
    /// n < 2. 1 = one person is the source for everyone else and nobody else is named; 0 = all
    /// equally named.
    pub in_degree_centralization: Option<f64>,
    /// Mixing by sector, tenure band and age band ([`Partition::STUDY`] order).
    pub partitions: Vec<PartitionMeasures>,
    /// Weak components (direction ignored).
    pub weak_components: Components,
    /// Strong components (mutual reachability along the arrows).
    pub strong_components: Components,
    /// Person indices of the isolates (in-degree + out-degree = 0 among visible ties), ascending.
    pub isolates: Vec<usize>,
    /// The [`MOST_NAMED`] people with the highest in-degree (in-degree > 0 only), by in-degree
    /// descending then person index ascending. Others may share the last in-degree.
    pub most_named: Vec<Named>,
    /// Per visible person, by ascending person index (= dense index of [`Adjacency`]).
    pub persons: Vec<PersonMeasures>,
    /// Freeman betweenness centralization, once [`Measures::set_betweenness`] has run.
    pub betweenness_centralization: Option<f64>,
    /// Why some numbers should be read with care; sorted, no repeats.
    pub caveats: Vec<Caveat>,
}

/// Reciprocity counts and the two usual ratios.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Reciprocity {
    /// M: pairs who named each other.
    pub mutual_dyads: usize,
    /// A: pairs where only one named the other.
    pub asymmetric_dyads: usize,
    /// Edgewise: share of ties that are returned, 2M / m = 2M / (2M + A) (igraph
    /// `reciprocity(mode = "default")`, networkx `reciprocity`); `None` without ties.
    pub edgewise: Option<f64>,
    /// Dyadic: share of connected pairs that are mutual, M / (M + A) (igraph
    /// `reciprocity(mode = "ratio")`; not sna `grecip(measure = "dyadic")`, which also counts
    /// null dyads); `None` without ties.
    pub dyadic: Option<f64>,
}

/// Density and reciprocity among respondents only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct RespondentsOnly {
    /// Visible respondents.
    pub people: usize,
    /// Visible ties from a respondent to a respondent.
    pub ties: usize,
    /// ties / (people (people - 1)); `None` for fewer than 2 respondents.
    pub density: Option<f64>,
    /// Reciprocity of those ties.
    pub reciprocity: Reciprocity,
}

/// Component count and sizes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Components {
    /// Number of components (isolates count as components of size 1).
    pub count: usize,
    /// Sizes, largest first.
    pub sizes: Vec<usize>,
}

/// One of the most named people.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Named {
    /// Person index.
    pub index: usize,
    /// The person's key.
    pub key: String,
    /// In-degree among visible ties.
    pub in_degree: usize,
}

/// Measures of one person.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PersonMeasures {
    /// Person index (`PersonId::index()`).
    pub index: usize,
    /// The person's key.
    pub key: String,
    /// Answered the survey.
    pub respondent: bool,
    /// How many visible people named this person.
    pub in_degree: usize,
    /// in_degree / (n - 1); `None` for n < 2.
    pub in_degree_normalised: Option<f64>,
    /// How many visible people this person named; `None` for named-only people, whose out-ties
    /// are unknown (not zero).
    pub out_degree: Option<usize>,
    /// PageRank (damping 0.85, directed along the nominations, so it flows to the named;
    /// dangling people, including named-only and isolates, spread their score uniformly over
    /// everyone, as networkx does). Sums to 1 over the visible people.
    pub pagerank: f64,
    /// Index into [`Measures::weak_components`]`.sizes` of this person's weak component.
    pub weak_component: usize,
    /// Raw betweenness (see [`super::betweenness`]); `None` until
    /// [`Measures::set_betweenness`].
    pub betweenness: Option<f64>,
    /// Betweenness / ((n - 1)(n - 2)); `None` until [`Measures::set_betweenness`].
    pub betweenness_normalised: Option<f64>,
}

/// Group measures for one partition.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PartitionMeasures {
    /// [`Partition::key`].
    pub partition: String,
    /// The groups in display order.
    pub groups: Vec<GroupMeasures>,
    /// Mixing matrix: `mixing[g][h]` = ties from a member of group g to a member of group h.
    pub mixing: Vec<Vec<usize>>,
    /// n here: visible people with a known group (the people E-I, Coleman and the expectations
    /// are about).
    pub known_people: usize,
    /// Visible people whose group is unknown.
    pub unknown_people: usize,
    /// IL: ties within a group (both ends known).
    pub internal_ties: usize,
    /// EL: ties between two different known groups.
    pub external_ties: usize,
    /// Ties left out of everything above because an end's group is unknown.
    pub excluded_ties: usize,
    /// Krackhardt E-I index (EL - IL) / (EL + IL); -1 = all ties internal, +1 = all external;
    /// `None` without known ties.
    pub ei: Option<f64>,
    /// Expected E-I under random mixing *given who sends how many ties*: each tie sent by a member
    /// of g lands on one of the other n - 1 known people at random, so it is external with
    /// probability (n - n_g) / (n - 1) and E(EI) = sum_g S_g (n - 2 n_g + 1) / (n - 1) / sum_g
    /// S_g (exact, as EL + IL is fixed); `None` without known ties or for n < 2.
    pub ei_expected: Option<f64>,
    /// Expected E-I when every ordered pair of known people is equally likely to be a tie (all
    /// send alike): 1 - 2 sum_g n_g (n_g - 1) / (n (n - 1)), the E-I of the complete network;
    /// `None` for n < 2.
    pub ei_expected_by_size: Option<f64>,
    /// Newman's assortativity coefficient for categories, r = (sum_g e_gg - sum_g a_g b_g) / (1 -
    /// sum_g a_g b_g) with e the mixing matrix as fractions of known ties, a row sums, b column
    /// sums (igraph `assortativity_nominal(directed = TRUE)`); `None` without known ties or when
    /// the denominator is 0.
    pub assortativity: Option<f64>,
}

/// Measures of one group.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GroupMeasures {
    /// Group key (e.g. `public`, `10+`).
    pub key: String,
    /// n_g: visible members.
    pub size: usize,
    /// S_g: ties sent by members to people with a known group.
    pub sent: usize,
    /// Ties received by members from people with a known group.
    pub received: usize,
    /// W_g: ties from a member to a member.
    pub internal: usize,
    /// E-I of the ties members *sent* (whom they named): (S_g - 2 W_g) / S_g; `None` when S_g = 0.
    /// Only respondents send ties.
    pub ei_sent: Option<f64>,
    /// E-I of the ties members *received* (who named them); `None` without such ties.
    pub ei_received: Option<f64>,
    /// Expected group E-I under random mixing, the same for sent and received ties:
    /// (n - 2 n_g + 1) / (n - 1), n = known people; `None` for n < 2.
    pub ei_expected: Option<f64>,
    /// Coleman's homophily index over sent ties: E_g = S_g (n_g - 1) / (n - 1);
    /// H_g = (W_g - E_g) / (S_g - E_g) if W_g > E_g, else (W_g - E_g) / E_g. -1..1, 0 = random
    /// mixing, 1 = only own group named; `None` when E_g = 0 (no ties sent, or a one-person
    /// group) or n < 2.
    pub coleman: Option<f64>,
}

/// A reason to read some numbers with care. Machine keys via [`Caveat::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Caveat {
    /// Named-only people count in n, which lowers density.
    NamedOnlyDensity,
    /// Ties to named-only people can never be returned, which lowers reciprocity.
    NamedOnlyReciprocity,
    /// Out-degree, sent E-I and Coleman homophily only see respondents' choices.
    NamedOnlyOutDegree,
    /// Named-only people pass their PageRank on uniformly instead of to their own sources.
    NamedOnlyPageRank,
    /// Paths through named-only people are missing, so their betweenness is 0.
    NamedOnlyBetweenness,
    /// Named-only people are always strong components of their own.
    NamedOnlyStrongComponents,
    /// Some people have an unknown sector / band; their ties are left out of the group measures.
    UnknownGroupsExcluded,
    /// Some ties have an internal/external kind in the file that disagrees with the two sectors;
    /// the group measures use the sectors.
    DeclaredKindsDiffer,
    /// Some ties have no direction (from an undirected file); each counts as a mutual pair of
    /// nominations, which raises reciprocity and out-degrees.
    UndirectedTies,
    /// Fewer than [`SMALL_NETWORK`] people: every index is noisy.
    SmallNetwork,
}

impl Caveat {
    /// Stable machine key (as in JSON).
    pub fn key(self) -> &'static str {
        match self {
            Self::NamedOnlyDensity => "named_only_density",
            Self::NamedOnlyReciprocity => "named_only_reciprocity",
            Self::NamedOnlyOutDegree => "named_only_out_degree",
            Self::NamedOnlyPageRank => "named_only_page_rank",
            Self::NamedOnlyBetweenness => "named_only_betweenness",
            Self::NamedOnlyStrongComponents => "named_only_strong_components",
            Self::UnknownGroupsExcluded => "unknown_groups_excluded",
            Self::DeclaredKindsDiffer => "declared_kinds_differ",
            Self::UndirectedTies => "undirected_ties",
            Self::SmallNetwork => "small_network",
        }
    }

    /// The measures this caveat applies to.
    pub fn affects(self) -> &'static [MeasureKey] {
        use MeasureKey as K;
        match self {
            Self::NamedOnlyDensity => &[K::Density],
            Self::NamedOnlyReciprocity => &[K::ReciprocityEdgewise, K::ReciprocityDyadic],
            Self::NamedOnlyOutDegree => &[K::OutDegree, K::EiSent, K::ColemanHomophily, K::EiIndex],
            Self::NamedOnlyPageRank => &[K::PageRank],
            Self::NamedOnlyBetweenness => {
                &[K::Betweenness, K::BetweennessNormalised, K::BetweennessCentralization]
            }
            Self::NamedOnlyStrongComponents => &[K::StrongComponents],
            Self::UnknownGroupsExcluded => &[
                K::MixingMatrix,
                K::EiIndex,
                K::EiExpected,
                K::EiSent,
                K::EiReceived,
                K::ColemanHomophily,
                K::Assortativity,
            ],
            Self::DeclaredKindsDiffer => &[K::MixingMatrix, K::EiIndex],
            Self::UndirectedTies => &[
                K::Ties,
                K::Density,
                K::ReciprocityEdgewise,
                K::ReciprocityDyadic,
                K::OutDegree,
                K::StrongComponents,
            ],
            Self::SmallNetwork => &[],
        }
    }

    /// One plain-language sentence: (English, Norwegian bokmål).
    pub fn explain(self) -> (&'static str, &'static str) {
        match self {
            Self::NamedOnlyDensity => (
                "People who were only named (did not answer) count in the size, so density is lower than among those who answered.",
                "Personer som bare ble nevnt (ikke svarte) teller med i størrelsen, så tettheten blir lavere enn blant dem som svarte.",
            ),
            Self::NamedOnlyReciprocity => (
                "People who did not answer could not name anyone back, so reciprocity is understated.",
                "Personer som ikke svarte kunne ikke nevne noen tilbake, så gjensidigheten blir for lav.",
            ),
            Self::NamedOnlyOutDegree => (
                "Whom people named is only known for those who answered; for the others it is missing, not zero.",
                "Hvem folk nevnte vet vi bare for dem som svarte; for de andre mangler det, det er ikke null.",
            ),
            Self::NamedOnlyPageRank => (
                "People who did not answer pass their PageRank on evenly to everyone, as if they had no sources of their own.",
                "Personer som ikke svarte gir PageRank videre likt til alle, som om de ikke hadde egne kilder.",
            ),
            Self::NamedOnlyBetweenness => (
                "Paths through people who did not answer are missing, so their betweenness is zero and others' may be off.",
                "Stier gjennom personer som ikke svarte mangler, så deres mellomliggende sentralitet er null og andres kan bli skjev.",
            ),
            Self::NamedOnlyStrongComponents => (
                "Each person who did not answer forms a strong component of their own, so there are more strong components.",
                "Hver person som ikke svarte blir en egen sterk komponent, så det blir flere sterke komponenter.",
            ),
            Self::UnknownGroupsExcluded => (
                "Ties to or from people with an unknown group are left out of the group measures.",
                "Bånd til eller fra personer med ukjent gruppe er holdt utenfor gruppemålene.",
            ),
            Self::DeclaredKindsDiffer => (
                "Some ties are marked internal/external in the file differently from the two people's sectors; the group measures use the sectors.",
                "Noen bånd er merket internt/eksternt i filen annerledes enn de to personenes sektorer; gruppemålene bruker sektorene.",
            ),
            Self::UndirectedTies => (
                "Some ties have no direction; each is counted as two people naming each other.",
                "Noen bånd har ingen retning; hvert av dem telles som at to personer nevnte hverandre.",
            ),
            Self::SmallNetwork => (
                "The network is small, so every index is uncertain; look at the counts too.",
                "Nettverket er lite, så alle mål er usikre; se også på antallene.",
            ),
        }
    }
}

impl Measures {
    /// Stores betweenness computed by [`betweenness::betweenness_with_progress`] over the same
    /// [`Adjacency`] (raw scores by dense index = the order of [`Measures::persons`]), with the
    /// normalised scores and the centralization. Returns `false` (and changes nothing) when the
    /// length does not match.
    pub fn set_betweenness(&mut self, raw: &[f64]) -> bool {
        if raw.len() != self.persons.len() {
            return false;
        }
        let normalised = betweenness::normalised(raw);
        for ((p, &b), &nb) in self.persons.iter_mut().zip(raw).zip(&normalised) {
            p.betweenness = Some(b);
            p.betweenness_normalised = Some(nb);
        }
        self.betweenness_centralization = betweenness::centralization(raw);
        true
    }

    /// The measures of the group partition with this key (`"sector"`, `"tenure"`, `"age"`).
    pub fn partition(&self, key: &str) -> Option<&PartitionMeasures> {
        self.partitions.iter().find(|p| p.partition == key)
    }

    /// The `k` most named people (in-degree > 0), by in-degree descending then person index; the
    /// stored [`Measures::most_named`] is `top_named(MOST_NAMED)`.
    pub fn top_named(&self, k: usize) -> Vec<Named> {
        let mut ranked: Vec<&PersonMeasures> = self.persons.iter().filter(|p| p.in_degree > 0).collect();
        ranked.sort_by(|a, b| b.in_degree.cmp(&a.in_degree).then(a.index.cmp(&b.index)));
        ranked
            .iter()
            .take(k)
            .map(|p| Named { index: p.index, key: p.key.clone(), in_degree: p.in_degree })
            .collect()
    }

    /// The measures of a person by person index.
    pub fn person(&self, index: usize) -> Option<&PersonMeasures> {
        self.persons.binary_search_by_key(&index, |p| p.index).ok().and_then(|i| self.persons.get(i))
    }
}

/// Computes every measure except betweenness over the visible people and ties
/// ([`Visibility::Shown`](super::Visibility) only when `visible` is given; the whole network
/// otherwise).
pub fn compute(network: &Network, visible: Option<&Filtered>) -> Measures {
    compute_on(network, &Adjacency::new(network, visible))
}

/// The network-level numbers of [`Measures`] that `infonet stats --json` prints, without the
/// per-person ones (PageRank and the person list cost most of [`compute_on`] and are not printed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Headline {
    /// n: visible people.
    pub people: usize,
    /// m: visible ties (arcs).
    pub ties: usize,
    /// As [`Measures::density`].
    pub density: Option<f64>,
    /// As [`Measures::reciprocity`].
    pub reciprocity: Reciprocity,
    /// As [`Measures::in_degree_centralization`].
    pub in_degree_centralization: Option<f64>,
    /// As [`Measures::partitions`].
    pub partitions: Vec<PartitionMeasures>,
    /// Number of weak components.
    pub weak_components: usize,
    /// Number of strong components.
    pub strong_components: usize,
    /// Number of isolates.
    pub isolates: usize,
}

/// The [`Headline`] numbers, computed exactly as [`compute_on`] computes them.
pub fn headline(network: &Network, adjacency: &Adjacency) -> Headline {
    let n = adjacency.node_count();
    let m = adjacency.edge_count();
    let in_deg: Vec<usize> = (0..n).map(|v| adjacency.in_degree(v)).collect();
    Headline {
        people: n,
        ties: m,
        density: density(n, m),
        reciprocity: reciprocity(adjacency, |_| true),
        in_degree_centralization: in_degree_centralization(&in_deg),
        partitions: Partition::STUDY.iter().map(|p| partition_measures(network, adjacency, p)).collect(),
        weak_components: weak_components(adjacency).1.len(),
        strong_components: strong_component_sizes(adjacency).len(),
        isolates: isolates(adjacency).len(),
    }
}

/// Freeman in-degree centralization of these in-degrees; `None` for n < 2.
fn in_degree_centralization(in_deg: &[usize]) -> Option<f64> {
    let n = in_deg.len();
    let max_in = in_deg.iter().copied().max().unwrap_or(0);
    (n >= 2).then(|| {
        let sum: usize = in_deg.iter().map(|&d| max_in - d).sum();
        sum as f64 / ((n - 1) * (n - 1)) as f64
    })
}

/// Person indices of the isolates, ascending.
fn isolates(adjacency: &Adjacency) -> Vec<usize> {
    (0..adjacency.node_count())
        .filter(|&v| adjacency.in_degree(v) + adjacency.out_degree(v) == 0)
        .filter_map(|v| adjacency.person_id(v).map(|id| id.index()))
        .collect()
}

/// [`compute`] over an already built [`Adjacency`] (reuse it for betweenness).
pub fn compute_on(network: &Network, adjacency: &Adjacency) -> Measures {
    let n = adjacency.node_count();
    let m = adjacency.edge_count();
    let respondent: Vec<bool> =
        adjacency.person_ids().iter().map(|&id| network.person(id).is_some_and(|p| p.respondent)).collect();
    let respondents = respondent.iter().filter(|&&r| r).count();
    let in_deg: Vec<usize> = (0..n).map(|v| adjacency.in_degree(v)).collect();
    let pagerank = pagerank(adjacency, PAGERANK_DAMPING, PAGERANK_TOLERANCE);
    let (weak_of, weak_sizes) = weak_components(adjacency);
    let strong_sizes = strong_component_sizes(adjacency);

    let mut persons = Vec::with_capacity(n);
    for (v, &id) in adjacency.person_ids().iter().enumerate() {
        let is_respondent = respondent.get(v).copied().unwrap_or(false);
        let d_in = in_deg.get(v).copied().unwrap_or(0);
        persons.push(PersonMeasures {
            index: id.index(),
            key: network.person(id).map(|p| p.key.clone()).unwrap_or_default(),
            respondent: is_respondent,
            in_degree: d_in,
            in_degree_normalised: (n >= 2).then(|| d_in as f64 / (n - 1) as f64),
            out_degree: is_respondent.then(|| adjacency.out_degree(v)),
            pagerank: pagerank.get(v).copied().unwrap_or(0.0),
            weak_component: weak_of.get(v).copied().unwrap_or(0),
            betweenness: None,
            betweenness_normalised: None,
        });
    }

    let isolates = isolates(adjacency);
    let in_degree_centralization = in_degree_centralization(&in_deg);

    let all_reciprocity = reciprocity(adjacency, |_| true);
    let resp = |v: usize| respondent.get(v).copied().unwrap_or(false);
    let respondent_ties = adjacency.edges().filter(|&(a, b)| resp(a) && resp(b)).count();
    let respondents_only = RespondentsOnly {
        people: respondents,
        ties: respondent_ties,
        density: density(respondents, respondent_ties),
        reciprocity: reciprocity(adjacency, resp),
    };

    let partitions: Vec<PartitionMeasures> =
        Partition::STUDY.iter().map(|p| partition_measures(network, adjacency, p)).collect();

    let named_only = n - respondents;
    let mut caveats = Vec::new();
    if named_only > 0 {
        caveats.extend([
            Caveat::NamedOnlyDensity,
            Caveat::NamedOnlyReciprocity,
            Caveat::NamedOnlyOutDegree,
            Caveat::NamedOnlyPageRank,
            Caveat::NamedOnlyBetweenness,
            Caveat::NamedOnlyStrongComponents,
        ]);
    }
    if partitions.iter().any(|p| p.unknown_people > 0) {
        caveats.push(Caveat::UnknownGroupsExcluded);
    }
    let (kinds_differ, undirected) = tie_flags(network, adjacency);
    if kinds_differ {
        caveats.push(Caveat::DeclaredKindsDiffer);
    }
    if undirected {
        caveats.push(Caveat::UndirectedTies);
    }
    if n < SMALL_NETWORK {
        caveats.push(Caveat::SmallNetwork);
    }
    caveats.sort_unstable();
    caveats.dedup();

    let mut measures = Measures {
        people: n,
        ties: m,
        respondents,
        named_only,
        density: density(n, m),
        reciprocity: all_reciprocity,
        respondents_only,
        in_degree_centralization,
        partitions,
        weak_components: Components { count: weak_sizes.len(), sizes: weak_sizes },
        strong_components: Components { count: strong_sizes.len(), sizes: strong_sizes },
        isolates,
        most_named: Vec::new(),
        persons,
        betweenness_centralization: None,
        caveats,
    };
    measures.most_named = measures.top_named(MOST_NAMED);
    measures
}

/// Directed density m / (n (n - 1)); `None` for n < 2.
pub fn density(n: usize, m: usize) -> Option<f64> {
    (n >= 2).then(|| m as f64 / (n as f64 * (n - 1) as f64))
}

/// Reciprocity over the ties whose both ends pass `keep`.
pub fn reciprocity(adjacency: &Adjacency, keep: impl Fn(usize) -> bool) -> Reciprocity {
    let mut ties = 0usize;
    let mut mutual = 0usize;
    for (a, b) in adjacency.edges() {
        if !keep(a) || !keep(b) {
            continue;
        }
        ties += 1;
        if a < b && adjacency.has_edge(b, a) {
            mutual += 1;
        }
    }
    let asymmetric = ties - 2 * mutual;
    Reciprocity {
        mutual_dyads: mutual,
        asymmetric_dyads: asymmetric,
        edgewise: (ties > 0).then(|| (2 * mutual) as f64 / ties as f64),
        dyadic: (ties > 0).then(|| mutual as f64 / (mutual + asymmetric) as f64),
    }
}

/// PageRank by power iteration, as networkx `pagerank(G, alpha=damping)`: start at 1/n; each step
/// x' = damping (x W + (sum of x over dangling nodes) / n) + (1 - damping) / n, W the
/// row-normalised adjacency (ties carry weight 1). Stops when sum |x' - x| < `tolerance` or after
/// [`PAGERANK_MAX_ITERATIONS`]. By dense index; empty for n = 0.
pub fn pagerank(adjacency: &Adjacency, damping: f64, tolerance: f64) -> Vec<f64> {
    let n = adjacency.node_count();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let inv_out: Vec<f64> = (0..n)
        .map(|v| match adjacency.out_degree(v) {
            0 => 0.0,
            d => 1.0 / d as f64,
        })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&v| adjacency.out_degree(v) == 0).collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..PAGERANK_MAX_ITERATIONS {
        let dangling_sum: f64 = dangling.iter().map(|&v| x.get(v).copied().unwrap_or(0.0)).sum();
        let base = damping * dangling_sum / nf + (1.0 - damping) / nf;
        let mut err = 0.0;
        for (v, slot) in next.iter_mut().enumerate() {
            let inflow: f64 = adjacency
                .in_neighbours(v)
                .iter()
                .map(|&u| {
                    let u = u as usize;
                    x.get(u).copied().unwrap_or(0.0) * inv_out.get(u).copied().unwrap_or(0.0)
                })
                .sum();
            *slot = base + damping * inflow;
            err += (*slot - x.get(v).copied().unwrap_or(0.0)).abs();
        }
        std::mem::swap(&mut x, &mut next);
        if err < tolerance {
            break;
        }
    }
    x
}

/// Weak component of every node (numbered by size descending, then by lowest member) and the
/// sizes in that order.
fn weak_components(adjacency: &Adjacency) -> (Vec<usize>, Vec<usize>) {
    let n = adjacency.node_count();
    let mut raw = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut queue = Vec::new();
    for root in 0..n {
        if raw.get(root).copied() != Some(usize::MAX) {
            continue;
        }
        let c = sizes.len();
        if let Some(r) = raw.get_mut(root) {
            *r = c;
        }
        queue.clear();
        queue.push(root);
        let mut size = 0;
        while let Some(v) = queue.pop() {
            size += 1;
            for &w in adjacency.out_neighbours(v).iter().chain(adjacency.in_neighbours(v)) {
                if let Some(slot) = raw.get_mut(w as usize)
                    && *slot == usize::MAX
                {
                    *slot = c;
                    queue.push(w as usize);
                }
            }
        }
        sizes.push(size);
    }
    // Components were found in order of their lowest member; a stable sort by size keeps that as
    // the tie-break.
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(sizes.get(c).copied().unwrap_or(0)));
    let mut rank = vec![0; sizes.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(old) {
            *r = new;
        }
    }
    let of = raw.iter().map(|&c| rank.get(c).copied().unwrap_or(0)).collect();
    let sorted = order.iter().map(|&c| sizes.get(c).copied().unwrap_or(0)).collect();
    (of, sorted)
}

/// Sizes of the strong components, largest first (Tarjan's algorithm, iterative).
fn strong_component_sizes(adjacency: &Adjacency) -> Vec<usize> {
    let n = adjacency.node_count();
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut counter = 0usize;
    let mut sizes = Vec::new();
    let get = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(0);
    for root in 0..n {
        if get(&index, root) != UNSEEN {
            continue;
        }
        let mut visit = |v: usize, index: &mut [usize], low: &mut [usize], on: &mut [bool]| {
            if let (Some(i), Some(l), Some(o)) = (index.get_mut(v), low.get_mut(v), on.get_mut(v)) {
                (*i, *l, *o) = (counter, counter, true);
            }
            counter += 1;
        };
        visit(root, &mut index, &mut low, &mut on_stack);
        stack.push(root);
        calls.push((root, 0));
        while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
            if let Some(&w) = adjacency.out_neighbours(v).get(*pos) {
                *pos += 1;
                let w = w as usize;
                if get(&index, w) == UNSEEN {
                    visit(w, &mut index, &mut low, &mut on_stack);
                    stack.push(w);
                    calls.push((w, 0));
                } else if on_stack.get(w).copied().unwrap_or(false) {
                    let lw = get(&index, w).min(get(&low, v));
                    if let Some(l) = low.get_mut(v) {
                        *l = lw;
                    }
                }
                continue;
            }
            calls.pop();
            let lv = get(&low, v);
            if let Some(&(u, _)) = calls.last() {
                let lu = get(&low, u).min(lv);
                if let Some(l) = low.get_mut(u) {
                    *l = lu;
                }
            }
            if lv == get(&index, v) {
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    if let Some(o) = on_stack.get_mut(w) {
                        *o = false;
                    }
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

/// Whether some visible tie (a) has a declared kind that differs from the kind its two sectors
/// give, (b) is undirected.
fn tie_flags(network: &Network, adjacency: &Adjacency) -> (bool, bool) {
    let mut kinds_differ = false;
    let mut undirected = false;
    for (_, s, t, tie) in network.ties() {
        let visible = matches!(
            (adjacency.dense_of(s), adjacency.dense_of(t)),
            (Some(a), Some(b)) if adjacency.has_edge(a, b)
        );
        if !visible {
            continue;
        }
        undirected |= tie.undirected;
        if let Some(declared) = tie.declared_kind {
            let sector = |id| network.person(id).map(|p| p.sector);
            let derived = match (sector(s), sector(t)) {
                (Some(a), Some(b)) => TieKind::derive(a, b),
                _ => TieKind::Unknown,
            };
            kinds_differ |= declared != derived;
        }
        if kinds_differ && undirected {
            break;
        }
    }
    (kinds_differ, undirected)
}

/// Mixing matrix, E-I, Coleman and assortativity for one partition of the visible people.
pub fn partition_measures(
    network: &Network,
    adjacency: &Adjacency,
    partition: &Partition,
) -> PartitionMeasures {
    mixing(adjacency, &partition.groups(network, adjacency), partition.key())
}

/// Mixing matrix, E-I, Coleman and assortativity for given groups (by dense index).
pub fn mixing(adjacency: &Adjacency, groups: &Groups, partition: String) -> PartitionMeasures {
    let k = groups.count();
    let sizes = groups.sizes();
    let mut matrix = vec![vec![0usize; k]; k];
    let mut excluded = 0usize;
    for (a, b) in adjacency.edges() {
        match (groups.get(a), groups.get(b)) {
            (Some(g), Some(h)) => {
                if let Some(c) = matrix.get_mut(g).and_then(|row| row.get_mut(h)) {
                    *c += 1;
                }
            }
            _ => excluded += 1,
        }
    }
    let n = sizes.iter().sum::<usize>();
    let nf = n as f64;
    let cell = |g: usize, h: usize| matrix.get(g).and_then(|r| r.get(h)).copied().unwrap_or(0);
    let row_sum = |g: usize| matrix.get(g).map_or(0, |r| r.iter().sum::<usize>());
    let col_sum = |h: usize| (0..k).map(|g| cell(g, h)).sum::<usize>();
    let internal: usize = (0..k).map(|g| cell(g, g)).sum();
    let known_ties: usize = (0..k).map(row_sum).sum();
    let external = known_ties - internal;
    let ratio = |e: usize, i: usize| (e + i > 0).then(|| (e as f64 - i as f64) / (e + i) as f64);
    let expected_g = |size: usize| (n >= 2).then(|| (nf - 2.0 * size as f64 + 1.0) / (nf - 1.0));

    let mut group_measures = Vec::with_capacity(k);
    for (g, key) in groups.keys.iter().enumerate() {
        let size = sizes.get(g).copied().unwrap_or(0);
        let sent = row_sum(g);
        let received = col_sum(g);
        let w = cell(g, g);
        let coleman = if n >= 2 {
            let e = sent as f64 * (size as f64 - 1.0) / (nf - 1.0);
            let wf = w as f64;
            if e <= 0.0 {
                None
            } else if wf > e {
                Some((wf - e) / (sent as f64 - e))
            } else {
                Some((wf - e) / e)
            }
        } else {
            None
        };
        group_measures.push(GroupMeasures {
            key: key.clone(),
            size,
            sent,
            received,
            internal: w,
            ei_sent: ratio(sent - w, w),
            ei_received: ratio(received - w, w),
            ei_expected: expected_g(size),
            coleman,
        });
    }

    let ei_expected = if n >= 2 && known_ties > 0 {
        let weighted: f64 = group_measures.iter().map(|g| g.sent as f64 * g.ei_expected.unwrap_or(0.0)).sum();
        Some(weighted / known_ties as f64)
    } else {
        None
    };
    let ei_expected_by_size = (n >= 2).then(|| {
        let same: f64 = sizes.iter().map(|&s| s as f64 * (s as f64 - 1.0)).sum();
        1.0 - 2.0 * same / (nf * (nf - 1.0))
    });
    let assortativity = (known_ties > 0)
        .then(|| {
            let t = known_ties as f64;
            let trace = internal as f64 / t;
            let ab: f64 = (0..k).map(|g| (row_sum(g) as f64 / t) * (col_sum(g) as f64 / t)).sum();
            ((1.0 - ab).abs() > 0.0).then(|| (trace - ab) / (1.0 - ab))
        })
        .flatten();

    PartitionMeasures {
        partition,
        groups: group_measures,
        mixing: matrix,
        known_people: n,
        unknown_people: groups.unknown_count(),
        internal_ties: internal,
        external_ties: external,
        excluded_ties: excluded,
        ei: ratio(external, internal),
        ei_expected,
        ei_expected_by_size,
        assortativity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::{FilterSpec, apply};
    use crate::model::{Age, Person, Sector, Tenure, Tie};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12
    }

    /// a(pub) <-> b(pub), a -> c(priv), c -> d(priv), d -> a, e(unknown) -> a; f isolate (priv).
    fn net() -> Network {
        let mut n = Network::new("t");
        let mut mk = |k: &str, s, r| {
            n.add_person(Person {
                sector: s,
                respondent: r,
                tenure: Tenure::from_number(12.0),
                age: Age::from_number(35.0),
                ..Person::new(k)
            })
            .expect("add")
        };
        let a = mk("a", Sector::Public, true);
        let b = mk("b", Sector::Public, true);
        let c = mk("c", Sector::Private, true);
        let d = mk("d", Sector::Private, true);
        let e = mk("e", Sector::Unknown, true);
        mk("f", Sector::Private, true);
        for (s, t) in [(a, b), (b, a), (a, c), (c, d), (d, a), (e, a)] {
            n.add_tie(s, t, Tie::default()).expect("tie");
        }
        n
    }

    #[test]
    fn headline_matches_the_full_measures() {
        let network = net();
        let adjacency = Adjacency::new(&network, None);
        let m = compute_on(&network, &adjacency);
        let h = headline(&network, &adjacency);
        assert_eq!((h.people, h.ties, h.density), (m.people, m.ties, m.density));
        assert_eq!(h.reciprocity, m.reciprocity);
        assert_eq!(h.in_degree_centralization, m.in_degree_centralization);
        assert_eq!(h.partitions, m.partitions);
        assert_eq!(h.weak_components, m.weak_components.count);
        assert_eq!(h.strong_components, m.strong_components.count);
        assert_eq!(h.isolates, m.isolates.len());
    }

    #[test]
    fn hand_worked_small_network() {
        let m = compute(&net(), None);
        assert_eq!((m.people, m.ties, m.respondents, m.named_only), (6, 6, 6, 0));
        // 6 / (6 * 5)
        assert!(close(m.density.expect("n>1"), 0.2));
        // One mutual pair (a, b), four asymmetric: edgewise 2/6, dyadic 1/5.
        assert_eq!((m.reciprocity.mutual_dyads, m.reciprocity.asymmetric_dyads), (1, 4));
        assert!(close(m.reciprocity.edgewise.expect("ties"), 2.0 / 6.0));
        assert!(close(m.reciprocity.dyadic.expect("ties"), 0.2));
        // In-degrees a3 b1 c1 d1 e0 f0: sum(3 - d) = 0+2+2+2+3+3 = 12; / 25.
        assert!(close(m.in_degree_centralization.expect("n>1"), 12.0 / 25.0));
        assert_eq!(m.weak_components, Components { count: 2, sizes: vec![5, 1] });
        // Strong: {a, b, c, d}, {e}, {f}.
        assert_eq!(m.strong_components, Components { count: 3, sizes: vec![4, 1, 1] });
        assert_eq!(m.isolates, [5]);
        assert_eq!(m.persons[5].weak_component, 1);
        assert_eq!(m.most_named[0], Named { index: 0, key: "a".into(), in_degree: 3 });
        assert_eq!(m.most_named.len(), 4);
        let total: f64 = m.persons.iter().map(|p| p.pagerank).sum();
        assert!(close(total, 1.0));
        assert!(m.caveats.contains(&Caveat::UnknownGroupsExcluded));
        assert!(m.caveats.contains(&Caveat::SmallNetwork));
        assert!(!m.caveats.contains(&Caveat::NamedOnlyDensity));

        // Sector: public {a, b}, private {c, d, f}, other {}; e unknown -> (e, a) excluded.
        let s = m.partition("sector").expect("sector");
        assert_eq!(s.mixing, [vec![2, 1, 0], vec![1, 1, 0], vec![0, 0, 0]]);
        assert_eq!((s.known_people, s.unknown_people, s.excluded_ties), (5, 1, 1));
        assert_eq!((s.internal_ties, s.external_ties), (3, 2));
        // EI = (2 - 3) / 5
        assert!(close(s.ei.expect("ties"), -0.2));
        // Group expectations with n = 5: public (5 - 4 + 1)/4 = 0.5, private (5 - 6 + 1)/4 = 0,
        // other (5 - 0 + 1) / 4 = 1.5 (empty group, never used). Sent: public 3, private 2.
        // Tie-weighted: (3 * 0.5 + 2 * 0) / 5 = 0.3. By size: 1 - 2 (2 + 6) / 20 = 0.2.
        assert!(close(s.ei_expected.expect("ties"), 0.3));
        assert!(close(s.ei_expected_by_size.expect("n>1"), 0.2));
        let public = &s.groups[0];
        assert_eq!((public.size, public.sent, public.received, public.internal), (2, 3, 3, 2));
        assert!(close(public.ei_sent.expect("sent"), -1.0 / 3.0));
        assert!(close(public.ei_expected.expect("n>1"), 0.5));
        // Coleman public: E = 3 * 1 / 4 = 0.75, W = 2 > E: (2 - 0.75) / (3 - 0.75) = 5/9.
        assert!(close(public.coleman.expect("defined"), 5.0 / 9.0));
        // Private: S = 2, W = 1, E = 2 * 2 / 4 = 1: W = E -> (1 - 1) / 1 = 0.
        assert!(close(s.groups[1].coleman.expect("defined"), 0.0));
        assert_eq!(s.groups[2].coleman, None);
        // Assortativity: e = [[.4, .2], [.2, .2]], a = b = (.6, .4): sum ab = .52;
        // r = (.6 - .52) / (1 - .52) = 1/6.
        assert!(close(s.assortativity.expect("defined"), 1.0 / 6.0));
    }

    #[test]
    fn named_only_and_filters() {
        let mut n = net();
        let f = n.find("f").expect("f");
        n.person_mut(f).expect("f").respondent = false;
        let m = compute(&n, None);
        assert_eq!(m.named_only, 1);
        assert_eq!(m.persons[5].out_degree, None);
        assert_eq!(m.persons[0].out_degree, Some(2));
        assert!(m.caveats.contains(&Caveat::NamedOnlyReciprocity));
        let spec = FilterSpec::parse("sector=public").expect("spec");
        let filtered = apply(&n, &spec);
        let m = compute(&n, Some(&filtered));
        assert_eq!((m.people, m.ties), (2, 2));
        assert!(close(m.reciprocity.edgewise.expect("ties"), 1.0));
        assert_eq!(m.persons.iter().map(|p| p.index).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn undirected_ties_count_as_mutual_pairs() {
        let mut n = Network::new("u");
        let a = n.add_person(Person { respondent: true, ..Person::new("a") }).expect("add");
        let b = n.add_person(Person { respondent: true, ..Person::new("b") }).expect("add");
        let c = n.add_person(Person { respondent: true, ..Person::new("c") }).expect("add");
        n.add_tie(a, b, Tie { undirected: true, ..Tie::default() }).expect("tie");
        n.add_tie(b, c, Tie::default()).expect("tie");
        let m = compute(&n, None);
        // a - b becomes a -> b and b -> a: 3 arcs, one mutual pair.
        assert_eq!((m.ties, m.reciprocity.mutual_dyads, m.reciprocity.asymmetric_dyads), (3, 1, 1));
        assert_eq!(m.persons[0].in_degree, n.in_degree(a));
        assert_eq!(m.persons[1].in_degree, n.in_degree(b));
        assert!(m.caveats.contains(&Caveat::UndirectedTies));
        assert!(!compute(&net(), None).caveats.contains(&Caveat::UndirectedTies));
    }

    #[test]
    fn empty_network_has_no_ratios() {
        let m = compute(&Network::new("empty"), None);
        assert_eq!(m.people, 0);
        assert_eq!(m.density, None);
        assert_eq!(m.reciprocity.edgewise, None);
        assert_eq!(m.in_degree_centralization, None);
        assert!(m.partitions.iter().all(|p| p.ei.is_none() && p.ei_expected_by_size.is_none()));
        assert_eq!(m.weak_components.count, 0);
    }

    #[test]
    fn set_betweenness_checks_length() {
        let mut m = compute(&net(), None);
        assert!(!m.set_betweenness(&[1.0]));
        let adj = Adjacency::new(&net(), None);
        assert!(m.set_betweenness(&betweenness::betweenness(&adj)));
        // a is on every path into c and d and out of b; it has the highest betweenness.
        let best = m.persons.iter().max_by(|x, y| x.betweenness.partial_cmp(&y.betweenness).expect("finite"));
        assert_eq!(best.map(|p| p.key.as_str()), Some("a"));
        assert!(m.betweenness_centralization.is_some());
    }

    #[test]
    fn pagerank_of_a_cycle_is_uniform_and_dangling_spread() {
        let a = Adjacency::from_edges(3, &[(0, 1), (1, 2), (2, 0)]);
        for x in pagerank(&a, 0.85, 1e-12) {
            assert!(close(x, 1.0 / 3.0));
        }
        // 0 -> 1, 1 dangling: x1 = 0.85 (x0 + x1/2) + 0.15/2 ... solve: x0 = 0.85 x1 / 2 + 0.075,
        // x1 = 0.85 (x0 + x1 / 2) + 0.075, x0 + x1 = 1 -> x0 = 0.075 + 0.425 x1, so
        // 1.425 x1 = 0.925: x1 = 0.925 / 1.425.
        let b = pagerank(&Adjacency::from_edges(2, &[(0, 1)]), 0.85, 1e-14);
        assert!((b[1] - 0.925 / 1.425).abs() < 1e-12);
    }
}
