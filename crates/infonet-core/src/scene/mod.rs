//! What is drawn, independent of egui: circles, ties, labels, legend and title in world
//! coordinates with resolved colours and sizes. Built once per change; the canvas paints it
//! and every export writes the same scene.
//!
//! [`frame`] turns a scene into screen-space primitives for one view (every geometry decision:
//! tie ends, arrowheads, discs, markers, which names fit, the legend's layout, culling); the
//! canvas paints that frame with egui, [`svg`] writes it as SVG and [`raster`] as PNG, so an
//! export is the picture on screen.

pub mod frame;
pub mod raster;
pub mod style;
pub mod svg;

use crate::analysis::{FacetKind, FilterMode, FilterSpec, Filtered, Visibility};
use crate::i18n::Lang;
use crate::model::{Network, PersonId, Sector, TieKind};
pub use style::{Palette, Rgba};

/// How the network is encoded (what the legend explains).
#[derive(Clone, Debug, PartialEq)]
pub struct Encoding {
    /// Draw names.
    pub show_labels: bool,
    /// Language of legend texts.
    pub lang: Lang,
    /// Colours.
    pub palette: Palette,
    /// Colour people by this attribute instead of by sector (ties are then internal or
    /// external to its groups).
    pub colour_by: Option<String>,
    /// High contrast (presentation on a projector): ties fully opaque, faded things fainter.
    pub high_contrast: bool,
    /// Radius of the least and the most named, world units (`None`: automatic).
    pub node_sizes: Option<[f32; 2]>,
    /// A size scale shared with the networks shown beside this one: the largest in-degree
    /// among them, so the same in-degree is the same disc in every picture.
    pub shared_size_max: Option<u32>,
}

impl Default for Encoding {
    fn default() -> Self {
        Self {
            show_labels: true,
            lang: Lang::En,
            palette: Palette::LIGHT,
            colour_by: None,
            high_contrast: false,
            node_sizes: None,
            shared_size_max: None,
        }
    }
}

/// What node area follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SizeBy {
    /// How many named the person (the study's encoding).
    #[default]
    InDegree,
    /// How many the person named.
    OutDegree,
    /// Betweenness (bridges).
    Betweenness,
    /// PageRank.
    PageRank,
}

impl SizeBy {
    /// All, in menu order.
    pub const ALL: [Self; 4] = [Self::InDegree, Self::OutDegree, Self::Betweenness, Self::PageRank];

    /// Whether the values are counts (legend shows whole numbers).
    pub fn is_count(self) -> bool {
        matches!(self, Self::InDegree | Self::OutDegree)
    }
}

/// Values of a size metric by person index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SizeValues {
    /// The metric.
    pub kind: SizeBy,
    /// Value by person index (missing = 0).
    pub values: Vec<f64>,
}

/// Turns a size metric into radii: area grows linearly with the value. Counts use the same
/// scale as in-degree; continuous measures map their maximum to the size of someone named 20
/// times.
struct Sizer<'a> {
    kind: SizeBy,
    values: Option<&'a [f64]>,
    in_degree: &'a [u32],
    max: f64,
    /// The user's smallest and largest radius, if set.
    range: Option<[f32; 2]>,
}

/// The count a continuous measure's maximum is drawn like.
const CONTINUOUS_EQUIVALENT: f64 = 20.0;

impl<'a> Sizer<'a> {
    fn new(
        network: &Network,
        in_degree: &'a [u32],
        size: Option<&'a SizeValues>,
        encoding: &Encoding,
    ) -> Self {
        let kind = size.map_or(SizeBy::InDegree, |s| s.kind);
        let values = size.filter(|s| s.kind != SizeBy::InDegree).map(|s| s.values.as_slice());
        let mut sizer = Self { kind, values, in_degree, max: 0.0, range: encoding.node_sizes };
        sizer.max = network.people().map(|(id, _)| sizer.value(id)).fold(0.0, f64::max);
        if kind == SizeBy::InDegree
            && let Some(shared) = encoding.shared_size_max
        {
            sizer.max = sizer.max.max(f64::from(shared));
        }
        sizer
    }

    fn value(&self, id: PersonId) -> f64 {
        match self.values {
            Some(v) => v.get(id.index()).copied().filter(|x| x.is_finite() && *x > 0.0).unwrap_or(0.0),
            None => f64::from(self.in_degree.get(id.index()).copied().unwrap_or(0)),
        }
    }

    fn radius_of_value(&self, v: f64) -> f32 {
        if let Some(range) = self.range {
            // Area linear in the value between the user's smallest and largest disc.
            let share = if self.max > 0.0 { (v / self.max).clamp(0.0, 1.0) as f32 } else { 0.0 };
            return style::node_radius_in(range, share);
        }
        if self.kind.is_count() {
            style::node_radius(v.round() as u32, self.max.round() as u32)
        } else {
            let equivalent = if self.max > 0.0 { v / self.max * CONTINUOUS_EQUIVALENT } else { 0.0 };
            style::node_unit(CONTINUOUS_EQUIVALENT as u32) * (1.0 + equivalent as f32).sqrt()
        }
    }

    fn radius(&self, id: PersonId) -> f32 {
        self.radius_of_value(self.value(id))
    }

    /// Legend samples: (value, label).
    fn samples(&self, max_shown: f64, lang: Lang) -> Vec<(f64, String)> {
        let tr = lang.tr();
        if self.kind.is_count() {
            return size_legend_values(max_shown.round() as u32)
                .into_iter()
                .map(|v| {
                    let label = match self.kind {
                        SizeBy::OutDegree => format!("{} {v}", tr.size_out_degree),
                        _ => tr.named_by_n(v as usize),
                    };
                    (f64::from(v), label)
                })
                .collect();
        }
        if max_shown <= 0.0 {
            return Vec::new();
        }
        let name = match self.kind {
            SizeBy::Betweenness => tr.size_betweenness,
            _ => tr.size_pagerank,
        };
        let mut values =
            vec![nice_round(max_shown / 10.0), nice_round(max_shown / 3.0), nice_round(max_shown)];
        values.dedup();
        values.into_iter().filter(|v| *v > 0.0).map(|v| (v, format!("{name} {}", short_number(v)))).collect()
    }
}

/// `text` cut to `max_chars` characters, ending in "…" when cut: names on pictures stay one
/// short line however long the file's name is (the person card shows it whole). Linear in
/// the kept length, whatever the input's length.
pub fn ellipsize(text: &str, max_chars: usize) -> String {
    // Most names: fewer bytes than the limit's characters, so nothing to count.
    if text.len() <= max_chars {
        return text.to_owned();
    }
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some(_) => {
            let keep = text.char_indices().nth(max_chars.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
            let mut out = text.get(..keep).unwrap_or("").trim_end().to_owned();
            out.push('…');
            out
        }
    }
}

/// Rounds to two significant digits.
fn nice_round(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 0.0;
    }
    let magnitude = 10f64.powf(v.log10().floor() - 1.0);
    (v / magnitude).round() * magnitude
}

/// A number without needless digits: 0.012, 3.5, 120.
fn short_number(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        let t = format!("{v:.1}");
        t.trim_end_matches(".0").to_owned()
    } else {
        format!("{v:.3}").trim_end_matches('0').to_owned()
    }
}

/// The groups people are coloured by: the sectors, or the values of one attribute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Groups {
    /// Group of each person index; `None` for unknown.
    pub of_person: Vec<Option<u16>>,
    /// Group names, in legend order.
    pub labels: Vec<String>,
    /// Group colours.
    pub colours: Vec<Rgba>,
    /// Colour of "unknown".
    pub unknown_colour: Rgba,
    /// Label of "unknown".
    pub unknown_label: String,
    /// Whether the groups are the sectors (tie kinds then come from the model, declared kinds
    /// included).
    pub by_sector: bool,
}

impl Groups {
    /// The groups an encoding asks for.
    pub fn of(network: &Network, encoding: &Encoding) -> Self {
        let tr = encoding.lang.tr();
        let palette = &encoding.palette;
        let mut of_person = vec![None; network.person_bound()];
        let Some(attr) = &encoding.colour_by else {
            for (id, p) in network.people() {
                if let Some(slot) = of_person.get_mut(id.index()) {
                    *slot = (p.sector != Sector::Unknown).then_some(p.sector.index() as u16);
                }
            }
            return Self {
                of_person,
                labels: Sector::ALL.iter().take(3).map(|&s| tr.sector(s).to_owned()).collect(),
                colours: palette.sector.iter().take(3).copied().collect(),
                unknown_colour: palette.sector_fill(Sector::Unknown),
                unknown_label: tr.unknown.to_owned(),
                by_sector: true,
            };
        };
        // Values by how many people have them; the most common get their own colour.
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (_, p) in network.people() {
            if let Some(v) = p.attributes.get(attr).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut values: Vec<(&str, usize)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| natural_cmp(a.0, b.0)));
        let shown = values.len().min(style::CATEGORY.len());
        let mut labels: Vec<String> = values.iter().take(shown).map(|(v, _)| format!("{attr} {v}")).collect();
        let mut colours: Vec<Rgba> = style::CATEGORY.iter().take(shown).copied().collect();
        let rest = values.len() > shown;
        if rest {
            labels.push(format!("{attr}: {}", tr.other));
            colours.push(palette.sector_fill(Sector::Other));
        }
        for (id, p) in network.people() {
            let value = p.attributes.get(attr).map(|v| v.trim()).filter(|v| !v.is_empty());
            let group = value
                .map(|v| values.iter().position(|(w, _)| *w == v).map_or(shown, |i| i.min(shown)) as u16);
            if let Some(slot) = of_person.get_mut(id.index()) {
                *slot = group;
            }
        }
        Self {
            of_person,
            labels,
            colours,
            unknown_colour: palette.sector_fill(Sector::Unknown),
            unknown_label: tr.unknown.to_owned(),
            by_sector: false,
        }
    }

    /// Group of a person.
    pub fn group(&self, id: PersonId) -> Option<u16> {
        self.of_person.get(id.index()).copied().flatten()
    }

    /// Fill colour of a person.
    pub fn colour(&self, id: PersonId) -> Rgba {
        self.group(id).and_then(|g| self.colours.get(g as usize).copied()).unwrap_or(self.unknown_colour)
    }

    /// Whether a tie stays in a group, crosses groups, or is unknown.
    pub fn tie_kind(
        &self,
        network: &Network,
        source: PersonId,
        target: PersonId,
        tie: &crate::model::Tie,
    ) -> TieKind {
        if self.by_sector {
            return network.tie_kind(source, target, tie);
        }
        match (self.group(source), self.group(target)) {
            (Some(a), Some(b)) if a == b => TieKind::Internal,
            (Some(_), Some(_)) => TieKind::External,
            _ => TieKind::Unknown,
        }
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Compares texts with numbers in numeric order ("2" < "10").
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    }
}

/// Everything a scene is built from.
pub struct SceneInput<'a> {
    /// The network.
    pub network: &'a Network,
    /// Person of each dense (layout) index.
    pub order: &'a [PersonId],
    /// Position of each dense index, world units.
    pub positions: &'a [[f32; 2]],
    /// Pinned flag of each dense index.
    pub pinned: &'a [bool],
    /// Filter result.
    pub filtered: &'a Filtered,
    /// The filters (for the legend's sentence).
    pub filter: &'a FilterSpec,
    /// In-degree by person index.
    pub in_degree: &'a [u32],
    /// What node size follows, with its values by person index (`None`: in-degree).
    pub size: Option<&'a SizeValues>,
    /// Hovered (or focused) person: their ties and neighbours stand out, the rest fades.
    pub focus: Option<PersonId>,
    /// Steps of neighbourhood around the focus that stay bright (1 = direct ties; the ego
    /// view can show 2).
    pub focus_depth: u8,
    /// Person whose card is open.
    pub selected: Option<PersonId>,
    /// Encoding.
    pub encoding: &'a Encoding,
    /// People and ties still fading in (a reload brought them); `None`: everyone is there.
    pub appear: Option<&'a Appearing>,
}

/// People and ties fading in, each with how far it has come (0: not yet visible, 1: fully
/// there): the alpha factor of their fill, outline, label and ties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Appearing {
    /// By person index; people beyond its end are fully there.
    pub people: Vec<f32>,
    /// Ties new between people who were there before, by (source, target).
    pub ties: std::collections::HashMap<(PersonId, PersonId), f32>,
}

impl Appearing {
    /// How far a person has come.
    pub fn person(&self, id: PersonId) -> f32 {
        self.people.get(id.index()).copied().unwrap_or(1.0)
    }

    /// How far a tie has come: its own fade (either direction, a mutual pair is drawn once)
    /// and never ahead of its ends.
    pub fn tie(&self, source: PersonId, target: PersonId) -> f32 {
        let own = self.ties.get(&(source, target)).or_else(|| self.ties.get(&(target, source)));
        own.copied().unwrap_or(1.0).min(self.person(source)).min(self.person(target))
    }
}

/// How strongly something is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Emphasis {
    /// Left out by a filter or outside the hovered neighbourhood.
    Faded,
    /// Normal.
    Normal,
    /// The hovered person, their neighbours and ties.
    Highlight,
}

/// One person.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    /// Who.
    pub person: PersonId,
    /// Centre, world units.
    pub pos: [f32; 2],
    /// Radius, world units.
    pub radius: f32,
    /// Fill colour (alpha already applied).
    pub fill: Rgba,
    /// Outline colour.
    pub outline: Rgba,
    /// Pinned by a drag.
    pub pinned: bool,
    /// Card open.
    pub selected: bool,
    /// Emphasis.
    pub emphasis: Emphasis,
    /// Second cue of the sector (colour-blind-safe palette).
    pub marker: style::Marker,
}

/// One tie, or one mutual pair drawn as a single line with two arrowheads.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneTie {
    /// The one who named (for a mutual pair, the lower index).
    pub source: PersonId,
    /// The one named.
    pub target: PersonId,
    /// Source centre (the one who named).
    pub from: [f32; 2],
    /// Target centre (the one named).
    pub to: [f32; 2],
    /// Radius of the source node, to start the line at its edge.
    pub from_radius: f32,
    /// Radius of the target node, to end the arrow at its edge.
    pub to_radius: f32,
    /// Colour (alpha applied).
    pub colour: Rgba,
    /// Both named each other.
    pub mutual: bool,
    /// Draw an arrowhead (directed ties).
    pub arrow: bool,
    /// Line width in points.
    pub width_points: f32,
    /// Emphasis.
    pub emphasis: Emphasis,
}

/// A name to draw next to a person, if there is room.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLabel {
    /// Who.
    pub person: PersonId,
    /// Node centre, world units.
    pub pos: [f32; 2],
    /// Node radius, world units (the label goes below the node).
    pub radius: f32,
    /// Text.
    pub text: String,
    /// Higher goes first when labels compete for room.
    pub priority: u32,
    /// Colour.
    pub colour: Rgba,
    /// Bold-ish (hovered or selected).
    pub strong: bool,
}

/// One legend row.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendItem {
    /// A filled circle (a sector).
    Swatch {
        /// Fill.
        colour: Rgba,
        /// Text.
        label: String,
        /// The sector's second cue (colour-blind-safe palette).
        marker: style::Marker,
    },
    /// A tie sample.
    Line {
        /// Colour.
        colour: Rgba,
        /// Text.
        label: String,
        /// Two heads, thicker.
        mutual: bool,
    },
    /// A node size sample: the radius in world units.
    Size {
        /// Radius, world units (the canvas scales it with the zoom, like the nodes).
        radius: f32,
        /// Text.
        label: String,
    },
}

/// A legend section with a heading.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendSection {
    /// Heading.
    pub heading: String,
    /// Rows.
    pub items: Vec<LegendItem>,
}

/// The legend: always built from the current encoding and filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Legend {
    /// The network's name.
    pub title: String,
    /// Sections: people, ties, sizes.
    pub sections: Vec<LegendSection>,
    /// Active filters as a sentence, if any.
    pub filter_line: Option<String>,
    /// "n of N people, m of M ties".
    pub counts_line: String,
}

/// The whole picture.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// People in drawing order (faded first).
    pub nodes: Vec<SceneNode>,
    /// Ties in drawing order (faded first).
    pub ties: Vec<SceneTie>,
    /// Label candidates, highest priority first.
    pub labels: Vec<SceneLabel>,
    /// The legend.
    pub legend: Legend,
    /// Bounds of drawn nodes, world units: (min, max).
    pub bounds: Option<([f32; 2], [f32; 2])>,
    /// Background colour.
    pub background: Rgba,
}

/// The scene of a whole network: nothing filtered, focused or resized (benches, examples and
/// tests draw this).
pub fn build_whole(
    network: &Network,
    order: &[PersonId],
    positions: &[[f32; 2]],
    pinned: &[bool],
    selected: Option<PersonId>,
    encoding: &Encoding,
) -> Scene {
    let filter = FilterSpec::default();
    let filtered = crate::analysis::filter::apply(network, &filter);
    let in_degree = crate::analysis::in_degrees(network);
    build(&SceneInput {
        network,
        order,
        positions,
        pinned,
        filtered: &filtered,
        filter: &filter,
        in_degree: &in_degree,
        size: None,
        focus: None,
        focus_depth: 1,
        selected,
        encoding,
        appear: None,
    })
}

/// Builds the scene.
pub fn build(input: &SceneInput<'_>) -> Scene {
    let SceneInput {
        network,
        order,
        positions,
        pinned,
        filtered,
        filter,
        in_degree,
        size,
        focus,
        focus_depth,
        selected,
        encoding,
        appear,
    } = *input;
    let palette = &encoding.palette;
    let appear_person = |id: PersonId| appear.map_or(1.0, |a| a.person(id));
    let groups = Groups::of(network, encoding);

    // Dense index of each person index, for positions.
    let mut dense_of = vec![u32::MAX; network.person_bound()];
    for (dense, id) in order.iter().enumerate() {
        if let Some(slot) = dense_of.get_mut(id.index()) {
            *slot = dense as u32;
        }
    }
    let position_of = |id: PersonId| -> Option<[f32; 2]> {
        let dense = *dense_of.get(id.index())?;
        positions.get(dense as usize).copied().filter(|p| p[0].is_finite() && p[1].is_finite())
    };
    let degree_of = |id: PersonId| in_degree.get(id.index()).copied().unwrap_or(0);
    let sizer = Sizer::new(network, in_degree, size, encoding);
    // Each radius once (ties read both ends' radii: 30,000 ties would work it out 60,000
    // times).
    let radii: Vec<f32> = {
        let mut r = vec![0.0f32; network.person_bound()];
        for (id, _) in network.people() {
            if let Some(slot) = r.get_mut(id.index()) {
                *slot = sizer.radius(id);
            }
        }
        r
    };
    let radius_of = |id: PersonId| radii.get(id.index()).copied().unwrap_or_else(|| sizer.radius(id));

    // The focus neighbourhood, `focus_depth` steps out (ties in either direction).
    let mut near_focus = vec![false; network.person_bound()];
    if let Some(f) = focus {
        if let Some(slot) = near_focus.get_mut(f.index()) {
            *slot = true;
        }
        let mut frontier = vec![f];
        for _ in 0..focus_depth.max(1) {
            let mut next = Vec::new();
            for p in frontier {
                for nb in network.neighbours(p) {
                    if let Some(slot) = near_focus.get_mut(nb.index())
                        && !*slot
                    {
                        *slot = true;
                        next.push(nb);
                    }
                }
            }
            frontier = next;
        }
    }
    let is_near = |id: PersonId| near_focus.get(id.index()).copied().unwrap_or(false);

    let mut scene = Scene { background: palette.background, ..Scene::default() };
    scene.nodes.reserve(network.person_count());
    scene.labels.reserve(network.person_count());
    scene.ties.reserve(network.tie_count());
    let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);

    // The legend's counts, gathered on the way (a second pass over 30,000 ties, each looking
    // up its reverse, was a tenth of a build).
    let mut counts = LegendCounts { groups: vec![0; groups.labels.len() + 1], ..LegendCounts::default() };
    for (id, person) in network.people() {
        let visibility = filtered.person(id.index());
        if visibility == Visibility::Hidden {
            continue;
        }
        let slot = groups.group(id).map_or(groups.labels.len(), |g| g as usize);
        if let Some(c) = counts.groups.get_mut(slot) {
            *c += 1;
        }
        counts.max_shown = counts.max_shown.max(sizer.value(id));
        let Some(pos) = position_of(id) else { continue };
        let emphasis = match (visibility, focus) {
            (Visibility::Faded, _) => Emphasis::Faded,
            (_, Some(_)) if is_near(id) => Emphasis::Highlight,
            (_, Some(_)) => Emphasis::Faded,
            _ => Emphasis::Normal,
        };
        let radius = radius_of(id);
        let fading_in = appear_person(id);
        let alpha = (if emphasis == Emphasis::Faded { style::FADED_ALPHA } else { 1.0 }) * fading_in;
        let dense = dense_of.get(id.index()).copied().unwrap_or(u32::MAX);
        scene.nodes.push(SceneNode {
            person: id,
            pos,
            radius,
            fill: groups.colour(id).faded(alpha),
            outline: palette.outline.faded(alpha),
            pinned: pinned.get(dense as usize).copied().unwrap_or(false),
            selected: selected == Some(id),
            emphasis,
            marker: if groups.by_sector { palette.marker(person.sector) } else { style::Marker::None },
        });
        for k in 0..2 {
            min[k] = min[k].min(pos[k] - radius);
            max[k] = max[k].max(pos[k] + radius);
        }
        if emphasis != Emphasis::Faded || focus == Some(id) || selected == Some(id) {
            let priority = if focus == Some(id) || selected == Some(id) { u32::MAX } else { degree_of(id) };
            scene.labels.push(SceneLabel {
                person: id,
                pos,
                radius,
                text: ellipsize(&person.name, frame::MAX_LABEL_CHARS),
                priority,
                colour: palette.text.faded(fading_in),
                strong: focus == Some(id) || selected == Some(id),
            });
        }
    }
    if min[0] <= max[0] {
        scene.bounds = Some((min, max));
    }
    scene.nodes.sort_by_key(|n| n.emphasis);
    scene.labels.sort_by(|a, b| b.priority.cmp(&a.priority).then_with(|| a.text.cmp(&b.text)));
    if !encoding.show_labels {
        scene.labels.retain(|l| l.strong);
    }

    for (tie_id, source, target, tie) in network.ties() {
        let visibility = filtered.tie(tie_id.index());
        if visibility == Visibility::Hidden {
            continue;
        }
        let mutual = network.find_tie(target, source).is_some();
        let kind = groups.tie_kind(network, source, target, tie);
        if let Some(c) = counts.kinds.get_mut(kind.index()) {
            *c += 1;
        }
        counts.any_mutual |= mutual;
        // A mutual pair is drawn once, from the lower index.
        if mutual && source > target {
            continue;
        }
        let (Some(from), Some(to)) = (position_of(source), position_of(target)) else { continue };
        let touches_focus = if focus_depth <= 1 {
            focus.is_some_and(|f| f == source || f == target)
        } else {
            focus.is_some() && is_near(source) && is_near(target)
        };
        let emphasis = match (visibility, focus) {
            (Visibility::Faded, _) => Emphasis::Faded,
            (_, Some(_)) if touches_focus => Emphasis::Highlight,
            (_, Some(_)) => Emphasis::Faded,
            _ => Emphasis::Normal,
        };
        let alpha = match emphasis {
            Emphasis::Faded => style::FADED_ALPHA * if encoding.high_contrast { 0.5 } else { 0.8 },
            Emphasis::Normal => {
                if encoding.high_contrast {
                    1.0
                } else {
                    style::TIE_ALPHA
                }
            }
            Emphasis::Highlight => 1.0,
        } * appear.map_or(1.0, |a| a.tie(source, target));
        scene.ties.push(SceneTie {
            source,
            target,
            from,
            to,
            from_radius: radius_of(source),
            to_radius: radius_of(target),
            colour: palette.tie_colour(kind).faded(alpha),
            mutual,
            arrow: !tie.undirected,
            width_points: if mutual { style::MUTUAL_TIE_WIDTH_POINTS } else { style::TIE_WIDTH_POINTS },
            emphasis,
        });
    }
    scene.ties.sort_by_key(|t| t.emphasis);

    scene.legend = legend(network, counts, filtered, filter, &sizer, encoding, &groups);
    scene
}

/// Moves everyone in a built scene to new positions (the layout stepped) without building it
/// again: the same people, ties, labels and colours, only positions, pins and bounds change.
/// At 100,000 people that is a few milliseconds instead of a rebuild's hundred.
/// `dense_of` maps a person index to its index in `positions`; people without a finite new
/// position keep the old one.
pub fn reposition(scene: &mut Scene, dense_of: &[u32], positions: &[[f32; 2]], pinned: &[bool]) {
    let slot = |id: PersonId| dense_of.get(id.index()).map(|&d| d as usize);
    let new_pos = |id: PersonId, old: [f32; 2]| {
        slot(id)
            .and_then(|d| positions.get(d))
            .copied()
            .filter(|p| p[0].is_finite() && p[1].is_finite())
            .unwrap_or(old)
    };
    let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for node in &mut scene.nodes {
        node.pos = new_pos(node.person, node.pos);
        node.pinned = slot(node.person).and_then(|d| pinned.get(d)).copied().unwrap_or(node.pinned);
        for k in 0..2 {
            min[k] = min[k].min(node.pos[k] - node.radius);
            max[k] = max[k].max(node.pos[k] + node.radius);
        }
    }
    if min[0] <= max[0] {
        scene.bounds = Some((min, max));
    }
    for label in &mut scene.labels {
        label.pos = new_pos(label.person, label.pos);
    }
    for tie in &mut scene.ties {
        tie.from = new_pos(tie.source, tie.from);
        tie.to = new_pos(tie.target, tie.to);
    }
}

/// Nice legend values for node sizes: 1, a middle value and the top, from 1-2-5 steps.
pub fn size_legend_values(max_in_degree: u32) -> Vec<u32> {
    if max_in_degree <= 1 {
        return vec![max_in_degree.max(1)];
    }
    let nice: Vec<u32> = [1u32, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
        .into_iter()
        .filter(|&v| v <= max_in_degree)
        .collect();
    let top = nice.last().copied().unwrap_or(1);
    let mut values = vec![1];
    // The middle value: the nice value nearest a little above the geometric middle, which
    // gives the familiar "1 / 5 / 10".
    let mid_target = (top as f32).sqrt() * 1.6;
    if let Some(&mid) = nice
        .iter()
        .filter(|&&v| v > 1 && v < top)
        .min_by(|a, b| ((**a as f32) - mid_target).abs().total_cmp(&((**b as f32) - mid_target).abs()))
    {
        values.push(mid);
    }
    if top > 1 {
        values.push(top);
    }
    values
}

/// What the legend counts over the people and ties not hidden, gathered while building.
#[derive(Default)]
struct LegendCounts {
    /// People per group (the last slot: no group).
    groups: Vec<usize>,
    /// The largest size value among them: sizes are scaled by the whole network (like the
    /// canvas), while the sample values come from the people on screen.
    max_shown: f64,
    /// Ties per kind (both ties of a mutual pair).
    kinds: [usize; 3],
    any_mutual: bool,
}

fn legend(
    network: &Network,
    counts: LegendCounts,
    filtered: &Filtered,
    filter: &FilterSpec,
    sizer: &Sizer<'_>,
    encoding: &Encoding,
    groups: &Groups,
) -> Legend {
    let tr = encoding.lang.tr();
    let palette = &encoding.palette;
    let LegendCounts { groups: group_counts, mut max_shown, kinds: kind_counts, any_mutual } = counts;
    if sizer.kind == SizeBy::InDegree
        && let Some(shared) = encoding.shared_size_max
    {
        // The same samples beside each other: one scale, one key.
        max_shown = max_shown.max(f64::from(shared));
    }
    let mut people_items: Vec<LegendItem> = groups
        .labels
        .iter()
        .zip(&groups.colours)
        .zip(&group_counts)
        .filter(|(_, n)| **n > 0)
        .enumerate()
        .map(|(i, ((label, colour), n))| LegendItem::Swatch {
            colour: *colour,
            label: format!("{label} ({n})"),
            // The colour-blind-safe palette's second cue, as on the discs.
            marker: if groups.by_sector {
                Sector::ALL.get(i).map_or(style::Marker::None, |&s| palette.marker(s))
            } else {
                style::Marker::None
            },
        })
        .collect();
    if let Some(&n) = group_counts.last().filter(|n| **n > 0) {
        people_items.push(LegendItem::Swatch {
            colour: groups.unknown_colour,
            label: format!("{} ({n})", groups.unknown_label),
            marker: style::Marker::None,
        });
    }
    let directed = network.has_directed_ties();
    let mut tie_items: Vec<LegendItem> = TieKind::ALL
        .iter()
        .filter(|k| kind_counts.get(k.index()).copied().unwrap_or(0) > 0)
        .map(|&k| LegendItem::Line {
            colour: palette.tie_colour(k),
            label: format!("{} ({})", tr.tie_kind(k), kind_counts.get(k.index()).copied().unwrap_or(0)),
            mutual: false,
        })
        .collect();
    if any_mutual && directed {
        tie_items.push(LegendItem::Line { colour: palette.text, label: tr.mutual.to_owned(), mutual: true });
    }
    let size_items = sizer
        .samples(max_shown, encoding.lang)
        .into_iter()
        .map(|(v, label)| LegendItem::Size { radius: sizer.radius_of_value(v), label })
        .collect();

    let mut sections = vec![LegendSection { heading: tr.legend_people.to_owned(), items: people_items }];
    sections.push(LegendSection { heading: tr.legend_ties.to_owned(), items: tie_items });
    let size_heading = match sizer.kind {
        SizeBy::InDegree => tr.legend_named_by,
        SizeBy::OutDegree => tr.size_out_degree,
        SizeBy::Betweenness => tr.size_betweenness,
        SizeBy::PageRank => tr.size_pagerank,
    };
    let size_heading = if encoding.shared_size_max.is_some() && sizer.kind == SizeBy::InDegree {
        format!("{} {}", upper_first(size_heading), tr.same_scale)
    } else {
        upper_first(size_heading)
    };
    sections.push(LegendSection { heading: size_heading, items: size_items });

    Legend {
        title: ellipsize(&network.name, frame::MAX_LABEL_CHARS * 2),
        sections,
        filter_line: filter_sentence(filter, encoding.lang),
        counts_line: tr.counts(
            filtered.people_shown,
            filtered.people_total,
            filtered.ties_shown,
            filtered.ties_total,
        ),
    }
}

/// The active filters as a readable sentence, e.g. "Years in municipality: 10+ · Age: >40
/// (others faded)". `None` when nothing is filtered.
pub fn filter_sentence(filter: &FilterSpec, lang: Lang) -> Option<String> {
    let tr = lang.tr();
    let mut parts = Vec::new();
    let mut hides = false;
    let mut fades = false;
    for kind in FacetKind::ALL {
        let facet = filter.facet(kind);
        if facet.is_open() {
            continue;
        }
        let values: Vec<&str> = (0..4)
            .filter(|&i| facet.allowed.get(i).copied().unwrap_or(false))
            .map(|i| tr.facet_value(kind, i))
            .collect();
        let shown = if values.is_empty() { "–".to_owned() } else { values.join(", ") };
        parts.push(format!("{}: {shown}", tr.facet(kind)));
        match facet.mode {
            FilterMode::Hide => hides = true,
            FilterMode::Fade => fades = true,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let how = match (lang, fades, hides) {
        (Lang::En, true, true) => " (others faded or hidden)",
        (Lang::En, false, true) => " (others hidden)",
        (Lang::En, _, _) => " (others faded)",
        (Lang::Nb, true, true) => " (andre tonet ned eller skjult)",
        (Lang::Nb, false, true) => " (andre skjult)",
        (Lang::Nb, _, _) => " (andre tonet ned)",
    };
    Some(format!("{}{how}", parts.join(" · ")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_names_end_in_an_ellipsis() {
        assert_eq!(ellipsize("Åse Bråten", 40), "Åse Bråten");
        let long = "æ".repeat(1_000_000);
        let cut = ellipsize(&long, 40);
        assert_eq!(cut.chars().count(), 40);
        assert!(cut.ends_with('…'));
        assert_eq!(ellipsize("Kari Nordmann Olsen", 6), "Kari…", "no space before the ellipsis");
    }

    use super::*;
    use crate::analysis::filter::apply;
    use crate::analysis::in_degrees;
    use crate::model::{Person, Tie};

    fn network() -> Network {
        let mut n = Network::new("Testvik");
        let a = n.add_person(Person { sector: Sector::Public, ..Person::new("a") }).expect("add");
        let b = n.add_person(Person { sector: Sector::Private, ..Person::new("b") }).expect("add");
        let c = n.add_person(Person { sector: Sector::Public, ..Person::new("c") }).expect("add");
        n.add_tie(a, b, Tie::default()).expect("tie");
        n.add_tie(b, a, Tie::default()).expect("tie");
        n.add_tie(c, a, Tie::default()).expect("tie");
        n
    }

    #[test]
    fn repositioning_equals_building_at_the_new_positions() {
        let n = network();
        let filter = FilterSpec::parse("sector=public").expect("spec");
        let focus = n.find("a");
        let mut moved = build_with(&n, &filter, focus);
        let later = [[10.0, -5.0], [250.0, 40.0], [-30.0, 300.0]];
        let pins = [true, false, false];
        let dense_of: Vec<u32> = (0..n.person_bound() as u32).collect();
        reposition(&mut moved, &dense_of, &later, &pins);
        assert_eq!(moved, build_at(&n, &filter, focus, &later, &pins));
        // A non-finite position keeps the old one instead of poisoning the bounds.
        let bounds = moved.bounds;
        reposition(&mut moved, &dense_of, &[[f32::NAN, 0.0], later[1], later[2]], &pins);
        assert_eq!(moved.bounds, bounds);
    }

    fn build_with(n: &Network, filter: &FilterSpec, focus: Option<PersonId>) -> Scene {
        build_at(n, filter, focus, &[[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]], &[false, true, false])
    }

    fn build_at(
        n: &Network,
        filter: &FilterSpec,
        focus: Option<PersonId>,
        positions: &[[f32; 2]],
        pinned: &[bool],
    ) -> Scene {
        let order: Vec<_> = n.person_ids().collect();
        let filtered = apply(n, filter);
        let degrees = in_degrees(n);
        let encoding = Encoding::default();
        build(&SceneInput {
            network: n,
            order: &order,
            positions,
            pinned,
            filtered: &filtered,
            filter,
            in_degree: &degrees,
            size: None,
            focus,
            focus_depth: 1,
            selected: None,
            encoding: &encoding,
            appear: None,
        })
    }

    #[test]
    fn people_and_ties_fading_in_are_drawn_that_far_in() {
        let n = network();
        let (a, b, c) = (n.find("a").expect("a"), n.find("b").expect("b"), n.find("c").expect("c"));
        let order: Vec<_> = n.person_ids().collect();
        let (filter, encoding) = (FilterSpec::default(), Encoding::default());
        let (filtered, degrees) = (apply(&n, &filter), in_degrees(&n));
        // c is new (a quarter of the way in); the tie a<->b is new between known people.
        let mut appear = Appearing { people: vec![1.0; n.person_bound()], ..Appearing::default() };
        appear.people[c.index()] = 0.25;
        appear.ties.insert((b, a), 0.5);
        let s = build(&SceneInput {
            network: &n,
            order: &order,
            positions: &[[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]],
            pinned: &[false; 3],
            filtered: &filtered,
            filter: &filter,
            in_degree: &degrees,
            size: None,
            focus: None,
            focus_depth: 1,
            selected: None,
            encoding: &encoding,
            appear: Some(&appear),
        });
        let node = |id| s.nodes.iter().find(|x| x.person == id).expect("drawn");
        assert_eq!(node(a).fill, Palette::LIGHT.sector[0], "known people are fully there");
        assert_eq!(node(c).fill.0[3], 64, "255 * 0.25");
        assert_eq!(node(c).outline, Palette::LIGHT.outline.faded(0.25));
        let label = s.labels.iter().find(|l| l.person == c).expect("labelled");
        assert_eq!(label.colour, Palette::LIGHT.text.faded(0.25));
        let tie = |from| s.ties.iter().find(|t| t.source == from).expect("drawn");
        assert_eq!(tie(c).colour, Palette::LIGHT.tie[0].faded(style::TIE_ALPHA * 0.25), "c's tie with c");
        assert_eq!(tie(a).colour, Palette::LIGHT.tie[1].faded(style::TIE_ALPHA * 0.5), "either direction");
        assert_eq!(appear.tie(a, c), 1.0f32.min(0.25), "never ahead of its ends");
    }

    #[test]
    fn colours_sizes_and_mutual_pairs() {
        let n = network();
        let s = build_with(&n, &FilterSpec::default(), None);
        assert_eq!(s.nodes.len(), 3);
        let a = &s.nodes[0];
        assert_eq!(a.fill, Palette::LIGHT.sector[0]);
        assert_eq!(a.radius, style::node_radius(2, 2));
        assert!(s.nodes[1].pinned);
        // a<->b is one mutual line; c->a is a one-way internal tie.
        assert_eq!(s.ties.len(), 2);
        let mutual: Vec<_> = s.ties.iter().filter(|t| t.mutual).collect();
        assert_eq!(mutual.len(), 1);
        assert_eq!(mutual[0].colour, Palette::LIGHT.tie[1].faded(style::TIE_ALPHA));
        let one_way: Vec<_> = s.ties.iter().filter(|t| !t.mutual).collect();
        assert_eq!(one_way[0].colour, Palette::LIGHT.tie[0].faded(style::TIE_ALPHA));
        assert_eq!(s.labels[0].text, "a", "most named first");
        assert_eq!(s.legend.title, "Testvik");
        assert_eq!(s.legend.counts_line, "3 of 3 people, 3 of 3 ties");
        assert_eq!(s.legend.filter_line, None);
    }

    #[test]
    fn hover_fades_everything_but_the_neighbourhood() {
        let n = network();
        let b = n.find("b").expect("b");
        let s = build_with(&n, &FilterSpec::default(), Some(b));
        let c = n.find("c").expect("c");
        let node_c = s.nodes.iter().find(|x| x.person == c).expect("c drawn");
        assert_eq!(node_c.emphasis, Emphasis::Faded);
        let node_b = s.nodes.iter().find(|x| x.person == b).expect("b drawn");
        assert_eq!(node_b.emphasis, Emphasis::Highlight);
        assert_eq!(s.labels[0].text, "b");
    }

    #[test]
    fn hide_filter_removes_people_and_their_ties() {
        let n = network();
        let mut f = FilterSpec::default();
        f.sector.allowed = [true, false, true, true];
        f.sector.mode = FilterMode::Hide;
        let s = build_with(&n, &f, None);
        assert_eq!(s.nodes.len(), 2);
        assert_eq!(s.ties.len(), 1);
        assert_eq!(s.legend.counts_line, "2 of 3 people, 1 of 3 ties");
        assert_eq!(s.legend.filter_line.as_deref(), Some("Sector: Public, Other, Unknown (others hidden)"));
    }

    #[test]
    fn size_legend_uses_real_numbers() {
        assert_eq!(size_legend_values(0), vec![1]);
        assert_eq!(size_legend_values(1), vec![1]);
        assert_eq!(size_legend_values(3), vec![1, 2]);
        assert_eq!(size_legend_values(12), vec![1, 5, 10]);
        assert_eq!(size_legend_values(28), vec![1, 5, 20]);
        assert_eq!(size_legend_values(150), vec![1, 20, 100]);
    }
}
