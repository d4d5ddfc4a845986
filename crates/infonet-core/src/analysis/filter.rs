//! Filters by sector, tenure band and age band, each fading or hiding what it leaves out.

use serde::{Deserialize, Serialize};

use crate::model::{AgeBand, Network, Person, PersonId, Sector, TenureBand};

/// What a filter does with the people it leaves out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FilterMode {
    /// Keep them on screen, pale (the audience keeps the context).
    #[default]
    Fade,
    /// Take them off the screen.
    Hide,
}

/// One filter group: which values are let through, and fade or hide for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Facet {
    /// Allowed values, indexed like the enum's `ALL`.
    pub allowed: [bool; 4],
    /// Fade or hide.
    pub mode: FilterMode,
}

impl Default for Facet {
    fn default() -> Self {
        Self { allowed: [true; 4], mode: FilterMode::Fade }
    }
}

impl Facet {
    /// Whether every value is let through (the filter does nothing).
    pub fn is_open(&self) -> bool {
        self.allowed.iter().all(|&a| a)
    }

    fn allows(&self, index: usize) -> bool {
        self.allowed.get(index).copied().unwrap_or(true)
    }
}

/// The three filter groups of the study.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterSpec {
    /// By [`Sector::ALL`].
    pub sector: Facet,
    /// By [`TenureBand::ALL`].
    pub tenure: Facet,
    /// By [`AgeBand::ALL`].
    pub age: Facet,
}

/// Which filter group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FacetKind {
    /// Sector.
    Sector,
    /// Tenure band.
    Tenure,
    /// Age band.
    Age,
}

impl FacetKind {
    /// All groups in display order.
    pub const ALL: [Self; 3] = [Self::Sector, Self::Tenure, Self::Age];

    /// The value index of a person in this group.
    pub fn value_of(self, p: &Person) -> usize {
        match self {
            Self::Sector => p.sector.index(),
            Self::Tenure => p.tenure.band.index(),
            Self::Age => p.age.band.index(),
        }
    }

    /// Machine key of value `index` (e.g. "10+").
    pub fn value_key(self, index: usize) -> &'static str {
        match self {
            Self::Sector => Sector::ALL.get(index).map_or("", |v| v.key()),
            Self::Tenure => TenureBand::ALL.get(index).map_or("", |v| v.key()),
            Self::Age => AgeBand::ALL.get(index).map_or("", |v| v.key()),
        }
    }
}

impl FilterSpec {
    /// The facet of a group.
    pub fn facet(&self, kind: FacetKind) -> &Facet {
        match kind {
            FacetKind::Sector => &self.sector,
            FacetKind::Tenure => &self.tenure,
            FacetKind::Age => &self.age,
        }
    }

    /// The facet of a group, to change it.
    pub fn facet_mut(&mut self, kind: FacetKind) -> &mut Facet {
        match kind {
            FacetKind::Sector => &mut self.sector,
            FacetKind::Tenure => &mut self.tenure,
            FacetKind::Age => &mut self.age,
        }
    }

    /// Whether no filter is active.
    pub fn is_open(&self) -> bool {
        FacetKind::ALL.iter().all(|&k| self.facet(k).is_open())
    }

    /// How one person fares under every group except `skip` (for faceted chip counts).
    fn visibility_of(&self, p: &Person, skip: Option<FacetKind>) -> Visibility {
        let mut result = Visibility::Shown;
        for kind in FacetKind::ALL {
            if Some(kind) == skip {
                continue;
            }
            let facet = self.facet(kind);
            if !facet.allows(kind.value_of(p)) {
                match facet.mode {
                    FilterMode::Hide => return Visibility::Hidden,
                    FilterMode::Fade => result = Visibility::Faded,
                }
            }
        }
        result
    }

    /// Parses `tenure=10+,age=>40,sector=public` (several values of one group joined by `|`
    /// or repeated; `:hide` after a group name hides instead of fading, e.g. `age:hide=>40`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut spec = Self::default();
        let mut touched = [false; 3];
        for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((name, values)) = part.split_once('=') else {
                return Err(format!("\"{part}\" is not NAME=VALUE (e.g. tenure=10+)"));
            };
            let (name, hide) = match name.trim().split_once(':') {
                Some((n, "hide")) => (n, true),
                Some((n, "fade")) => (n, false),
                Some((_, other)) => {
                    return Err(format!("unknown filter mode \"{other}\" (use hide or fade)"));
                }
                None => (name.trim(), false),
            };
            let kind = match name.to_lowercase().as_str() {
                "sector" | "sektor" => FacetKind::Sector,
                "tenure" | "botid" => FacetKind::Tenure,
                "age" | "alder" => FacetKind::Age,
                other => return Err(format!("unknown filter \"{other}\" (use sector, tenure or age)")),
            };
            let slot = kind as usize;
            let facet = spec.facet_mut(kind);
            if !touched.get(slot).copied().unwrap_or(true) {
                facet.allowed = [false; 4];
                if let Some(t) = touched.get_mut(slot) {
                    *t = true;
                }
            }
            if hide {
                facet.mode = FilterMode::Hide;
            }
            for value in values.split('|').map(str::trim) {
                let index = match kind {
                    FacetKind::Sector => Sector::parse(value).ok().map(Sector::index),
                    FacetKind::Tenure => TenureBand::parse_band(value).map(TenureBand::index),
                    FacetKind::Age => AgeBand::parse_band(value).map(AgeBand::index),
                };
                let Some(index) = index else {
                    return Err(format!("\"{value}\" is not a {name} value"));
                };
                if let Some(a) = facet.allowed.get_mut(index) {
                    *a = true;
                }
            }
        }
        Ok(spec)
    }
}

/// How a person or tie is drawn under the filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visibility {
    /// Passes every filter.
    Shown,
    /// Left out by a fading filter.
    Faded,
    /// Left out by a hiding filter.
    Hidden,
}

/// The result of applying a [`FilterSpec`] to a network. Cached by (revision, spec).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filtered {
    /// By person index (`PersonId::index()`); removed people are `Hidden`.
    pub people: Vec<Visibility>,
    /// By tie index (`TieId::index()`).
    pub ties: Vec<Visibility>,
    /// People that pass every filter.
    pub people_shown: usize,
    /// All people.
    pub people_total: usize,
    /// Ties whose two ends pass every filter.
    pub ties_shown: usize,
    /// All ties.
    pub ties_total: usize,
    /// Chip counts per group and value: people with that value among those the *other*
    /// groups let through (faceted counts, so a chip says what clicking it would add).
    pub chip_counts: [[usize; 4]; 3],
}

impl Filtered {
    /// Visibility of a person by index.
    pub fn person(&self, index: usize) -> Visibility {
        self.people.get(index).copied().unwrap_or(Visibility::Hidden)
    }

    /// Visibility of a tie by index.
    pub fn tie(&self, index: usize) -> Visibility {
        self.ties.get(index).copied().unwrap_or(Visibility::Hidden)
    }
}

/// Applies the filters.
pub fn apply(network: &Network, spec: &FilterSpec) -> Filtered {
    let mut out = Filtered {
        people: vec![Visibility::Hidden; network.person_bound()],
        ties: vec![Visibility::Hidden; network.tie_bound()],
        people_total: network.person_count(),
        ties_total: network.tie_count(),
        ..Filtered::default()
    };
    for (id, p) in network.people() {
        let v = spec.visibility_of(p, None);
        if let Some(slot) = out.people.get_mut(id.index()) {
            *slot = v;
        }
        if v == Visibility::Shown {
            out.people_shown += 1;
        }
        for (g, kind) in FacetKind::ALL.into_iter().enumerate() {
            if spec.visibility_of(p, Some(kind)) == Visibility::Shown
                && let Some(c) = out.chip_counts.get_mut(g).and_then(|row| row.get_mut(kind.value_of(p)))
            {
                *c += 1;
            }
        }
    }
    for (id, s, t, _) in network.ties() {
        let (vs, vt) = (out.person(s.index()), out.person(t.index()));
        let v = if vs == Visibility::Hidden || vt == Visibility::Hidden {
            Visibility::Hidden
        } else if vs == Visibility::Faded || vt == Visibility::Faded {
            Visibility::Faded
        } else {
            Visibility::Shown
        };
        if let Some(slot) = out.ties.get_mut(id.index()) {
            *slot = v;
        }
        if v == Visibility::Shown {
            out.ties_shown += 1;
        }
    }
    out
}

/// Who is within `depth` steps of `focus` (ties in either direction), by person index: the
/// neighbourhood view's people.
pub fn neighbourhood(network: &Network, focus: PersonId, depth: u8) -> Vec<bool> {
    let mut near = vec![false; network.person_bound()];
    if network.person(focus).is_none() {
        return near;
    }
    if let Some(slot) = near.get_mut(focus.index()) {
        *slot = true;
    }
    let mut frontier = vec![focus];
    for _ in 0..depth.max(1) {
        let mut next = Vec::new();
        for p in frontier {
            for nb in network.neighbours(p) {
                if let Some(slot) = near.get_mut(nb.index())
                    && !*slot
                {
                    *slot = true;
                    next.push(nb);
                }
            }
        }
        frontier = next;
    }
    near
}

impl Filtered {
    /// The counts while the neighbourhood view is on: the people of the neighbourhood the
    /// filters let through, and the ties that stand out (those touching the focus at one step,
    /// those inside the neighbourhood at two), as the canvas draws them: (people, ties).
    pub fn in_focus(&self, network: &Network, focus: PersonId, depth: u8) -> (usize, usize) {
        let near = neighbourhood(network, focus, depth);
        let is_near = |id: PersonId| near.get(id.index()).copied().unwrap_or(false);
        let people_shown = network
            .people()
            .filter(|(id, _)| is_near(*id) && self.person(id.index()) == Visibility::Shown)
            .count();
        let ties_shown = network
            .ties()
            .filter(|(id, s, t, _)| {
                let stands_out =
                    if depth <= 1 { *s == focus || *t == focus } else { is_near(*s) && is_near(*t) };
                stands_out && self.tie(id.index()) == Visibility::Shown
            })
            .count();
        (people_shown, ties_shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Age, Person, Tenure, Tie};

    fn net() -> Network {
        let mut n = Network::new("t");
        let mk = |key: &str, s: Sector, t: f64, a: f64| Person {
            sector: s,
            tenure: Tenure::from_number(t),
            age: Age::from_number(a),
            ..Person::new(key)
        };
        let a = n.add_person(mk("a", Sector::Public, 12.0, 50.0)).expect("add");
        let b = n.add_person(mk("b", Sector::Private, 2.0, 25.0)).expect("add");
        let c = n.add_person(mk("c", Sector::Public, 5.0, 35.0)).expect("add");
        let d = n.add_person(mk("d", Sector::Private, 20.0, 60.0)).expect("add");
        for (s, t) in [(a, b), (b, c), (c, d), (d, a), (a, c)] {
            n.add_tie(s, t, Tie::default()).expect("tie");
        }
        n
    }

    #[test]
    fn open_filter_shows_everything() {
        let n = net();
        let f = apply(&n, &FilterSpec::default());
        assert_eq!((f.people_shown, f.people_total, f.ties_shown, f.ties_total), (4, 4, 5, 5));
        assert_eq!(f.chip_counts[0], [2, 2, 0, 0]);
        assert_eq!(f.chip_counts[1], [1, 1, 2, 0]);
    }

    #[test]
    fn tenure_filter_fades_and_counts() {
        let n = net();
        let mut spec = FilterSpec::default();
        spec.tenure.allowed = [false, false, true, false]; // only 10+
        let f = apply(&n, &spec);
        assert_eq!(f.people_shown, 2); // a and d
        assert_eq!(f.ties_shown, 1); // d -> a
        assert_eq!(f.person(1), Visibility::Faded);
        // Tenure chips still count everyone (no other filter); sector chips count 10+ only.
        assert_eq!(f.chip_counts[1], [1, 1, 2, 0]);
        assert_eq!(f.chip_counts[0], [1, 1, 0, 0]);
        spec.tenure.mode = FilterMode::Hide;
        let f = apply(&n, &spec);
        assert_eq!(f.person(1), Visibility::Hidden);
        assert_eq!(f.tie(0), Visibility::Hidden);
    }

    #[test]
    fn neighbourhood_counts() {
        let n = net();
        let b = n.find("b").expect("b");
        let all = apply(&n, &FilterSpec::default());
        // b named c and was named by a: three people, the two ties touching b.
        assert_eq!(all.in_focus(&n, b, 1), (3, 2));
        // Two steps reach d through a and c: everyone, all five ties.
        assert_eq!(all.in_focus(&n, b, 2), (4, 5));
        let mut spec = FilterSpec::default();
        spec.tenure.allowed = [false, false, true, false]; // only 10+: a and d
        let f = apply(&n, &spec);
        assert_eq!(f.in_focus(&n, b, 1), (1, 0));
        assert_eq!(neighbourhood(&n, b, 1), vec![true, true, true, false]);
    }

    #[test]
    fn parse_cli_filters() {
        let spec = FilterSpec::parse("tenure=10+,age=>40,sector=public").expect("valid");
        assert_eq!(spec.tenure.allowed, [false, false, true, false]);
        assert_eq!(spec.age.allowed, [false, false, true, false]);
        assert_eq!(spec.sector.allowed, [true, false, false, false]);
        let spec = FilterSpec::parse("sector:hide=public|private").expect("valid");
        assert_eq!(spec.sector.allowed, [true, true, false, false]);
        assert_eq!(spec.sector.mode, FilterMode::Hide);
        assert!(FilterSpec::parse("colour=red").is_err());
        assert!(FilterSpec::parse("age=old").is_err());
    }
}
