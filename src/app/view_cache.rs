//! Everything drawn or shown that is computed from the workspace, each part recomputed only
//! when its inputs change: in-degrees, the filter's result, the neighbourhood counts, the
//! scene, the scene of the network beside, the analysis (measures, size values, comparison
//! rows) and a chart slide's picture. Updated once per frame, before anything is drawn.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::analysis::{self, FilterSpec, Filtered};
use crate::i18n::Lang;
use crate::insights::{Comparison, Insights};
use crate::layout::worker::Snapshot;
use crate::model::PersonId;
use crate::project::SavedChart;
use crate::scene::{self, Appearing, Encoding, Palette, Scene, SceneInput, SizeBy};
use crate::ui::canvas::CanvasState;
use crate::ui::transform::Camera;

use super::workspace::{Appeared, LayoutSettings, Workspace};
use super::{Repaint, Wake};

/// How often the analysis panel looks at a background computation's progress.
const ANALYSIS_PROGRESS: Duration = Duration::from_millis(250);

/// How long people and ties a reload brought take to fade in.
pub const FADE_IN: Duration = Duration::from_millis(600);

/// People and ties fading in on the network on screen (by key, since when): a reload (a live
/// survey's next answer) brought them.
#[derive(Default)]
struct FadeIn {
    /// The network they belong to.
    serial: u64,
    people: BTreeMap<String, Instant>,
    ties: BTreeMap<(String, String), Instant>,
}

impl FadeIn {
    /// How far each has come at `now` (eased in and out), dropping those that arrived; `None`
    /// once everyone is there.
    fn appearing(&mut self, network: &crate::model::Network, now: Instant) -> Option<Appearing> {
        let done = |since: &Instant| now.saturating_duration_since(*since) >= FADE_IN;
        self.people.retain(|_, since| !done(since));
        self.ties.retain(|_, since| !done(since));
        if self.people.is_empty() && self.ties.is_empty() {
            return None;
        }
        let far = |since: &Instant| {
            let t =
                (now.saturating_duration_since(*since).as_secs_f32() / FADE_IN.as_secs_f32()).clamp(0.0, 1.0);
            t * t * (3.0 - 2.0 * t)
        };
        let mut appear = Appearing { people: vec![1.0; network.person_bound()], ..Appearing::default() };
        for (key, since) in &self.people {
            if let Some(slot) = network.find(key).and_then(|id| appear.people.get_mut(id.index())) {
                *slot = far(since);
            }
        }
        for ((source, target), since) in &self.ties {
            if let (Some(s), Some(t)) = (network.find(source), network.find(target)) {
                appear.ties.insert((s, t), far(since));
            }
        }
        Some(appear)
    }
}

/// What the scene depends on.
#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    filter: FilterSpec,
    generation: u64,
    epoch: u64,
    focus: (Option<PersonId>, u8),
    selected: Option<PersonId>,
    encoding: Encoding,
    appear: Option<Appearing>,
}

/// What the neighbourhood counts depend on: revision, filters, (focus, steps).
type FocusKey = (u64, FilterSpec, (PersonId, u8));

/// What the scene beside depends on: (serial, revision, filters, encoding without the shared
/// size scale, the largest in-degree on screen).
type BesideKey = (u64, u64, FilterSpec, Encoding, u32);

/// The network shown beside the active one: its own scene, camera and canvas state.
pub struct CompareView {
    key: BesideKey,
    /// Its scene.
    pub scene: Scene,
    /// Its camera.
    pub camera: Camera,
    /// Its canvas.
    pub canvas: CanvasState,
    /// Its camera follows its bounds until the user moves it.
    pub auto_fit: bool,
    /// The largest in-degree of the network beside (for one size scale).
    max_in: u32,
}

/// What a chart texture shows: the chart, its size in pixels, language, colours and the
/// revisions of what it is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartKey {
    /// The chart.
    pub chart: SavedChart,
    /// Its size in pixels.
    pub pixels: [usize; 2],
    /// Language.
    pub lang: Lang,
    /// Colours.
    pub palette: Palette,
    /// Revisions of its data.
    pub data: Vec<u64>,
}

/// What the caches are computed from, once per frame.
pub struct CacheInput<'a> {
    /// The open networks and what is looked at.
    pub workspace: &'a Workspace,
    /// The layout's latest positions.
    pub snapshot: &'a Snapshot,
    /// How the scene is drawn (without the size scale shared with the network beside).
    pub encoding: Encoding,
    /// How a network beside that was never laid out is laid out.
    pub layout: &'a LayoutSettings,
    /// The analysis panel is open (its measures are computed).
    pub analysis_open: bool,
    /// What node size follows.
    pub size_by: SizeBy,
    /// Asks for a frame when background analysis finishes.
    pub wake: &'a Wake,
    /// The app's clock now (fades).
    pub now: Instant,
}

/// The cached results.
#[derive(Default)]
pub struct ViewCache {
    degree_key: Option<u64>,
    in_degree: Vec<u32>,
    filter_key: Option<(u64, FilterSpec)>,
    filtered: Filtered,
    /// People and ties that stand out in the neighbourhood view, for the header's counts.
    focus_counts: Option<(FocusKey, (usize, usize))>,
    scene_key: Option<SceneKey>,
    scene: Scene,
    size_values: Option<scene::SizeValues>,
    compare: Option<CompareView>,
    chart: Option<(ChartKey, egui::TextureHandle)>,
    fade: FadeIn,
    /// How far people and ties a reload brought have faded in (`None`: all there).
    appearing: Option<Appearing>,
    /// Measures of the network on screen (computed in the background).
    pub insights: Insights,
    /// Comparison rows of every open network.
    pub comparison: Comparison,
}

impl ViewCache {
    /// Brings everything up to date with the workspace and the layout.
    pub fn update(&mut self, input: &CacheInput<'_>) {
        let ws = input.workspace;
        let Some(doc) = ws.doc() else {
            let (insights, comparison) =
                (std::mem::take(&mut self.insights), std::mem::take(&mut self.comparison));
            *self = Self { insights, comparison, ..Self::default() };
            return;
        };
        if self.fade.serial != doc.serial {
            self.fade = FadeIn { serial: doc.serial, ..FadeIn::default() };
        }
        // The real network's keys: pseudonyms are the same people by handle.
        self.appearing = self.fade.appearing(&doc.network, input.now);
        let shown = doc.shown();
        let revision = shown.revision();
        if self.degree_key != Some(revision) {
            self.in_degree = analysis::in_degrees(shown);
            self.degree_key = Some(revision);
            self.scene_key = None;
        }
        let filter_key = (revision, ws.filter);
        if self.filter_key.as_ref() != Some(&filter_key) {
            self.filtered = analysis::filter::apply(shown, &ws.filter);
            self.filter_key = Some(filter_key);
        }
        self.focus_counts = ws.ego.map(|ego| {
            let key = (revision, ws.filter, ego);
            match self.focus_counts.take() {
                Some((k, counts)) if k == key => (k, counts),
                _ => (key, self.filtered.in_focus(shown, ego.0, ego.1)),
            }
        });
        // Measures while the panel is open; size values when size follows something else.
        if input.analysis_open {
            self.insights.update(shown, &ws.filter, &self.filtered, input.wake);
        }
        self.insights.poll(shown, &self.filtered);
        self.insights.update_size(shown, input.size_by, input.wake);
        if self.insights.size != self.size_values {
            self.size_values = self.insights.size.clone();
            self.scene_key = None;
        }
        self.update_beside(input);
        let encoding = self.complete(input.encoding.clone());
        let snapshot = input.snapshot;
        let key = SceneKey {
            revision,
            filter: ws.filter,
            generation: snapshot.generation,
            epoch: snapshot.epoch,
            focus: (ws.focus_person(), ws.focus_depth()),
            selected: ws.selected,
            encoding,
            appear: self.appearing.clone(),
        };
        let only_moved = self.scene_key.as_ref().is_some_and(|old| {
            old.generation != key.generation && SceneKey { generation: key.generation, ..old.clone() } == key
        });
        if only_moved && snapshot.positions.len() == doc.order.len() {
            // The layout stepped: move people, keep everything else.
            scene::reposition(&mut self.scene, &doc.dense_of, &snapshot.positions, &snapshot.pinned);
            self.scene_key = Some(key);
        } else if self.scene_key.as_ref() != Some(&key) {
            self.scene = scene::build(&SceneInput {
                network: shown,
                order: &doc.order,
                positions: &snapshot.positions,
                pinned: &snapshot.pinned,
                filtered: &self.filtered,
                filter: &ws.filter,
                in_degree: &self.in_degree,
                size: self.size_values.as_ref(),
                focus: ws.focus_person(),
                focus_depth: ws.focus_depth(),
                selected: ws.selected,
                encoding: &key.encoding,
                appear: key.appear.as_ref(),
            });
            self.scene_key = Some(key);
        }
    }

    /// The scene of the network beside, built again when its inputs changed.
    fn update_beside(&mut self, input: &CacheInput<'_>) {
        let ws = input.workspace;
        let Some(doc) = ws.compare_doc() else {
            self.compare = None;
            return;
        };
        let main_max = self.in_degree.iter().copied().max().unwrap_or(0);
        let key = (doc.serial, doc.shown().revision(), ws.filter, input.encoding.clone(), main_max);
        if self.compare.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        let filtered = analysis::filter::apply(doc.shown(), &ws.filter);
        let in_degree = analysis::in_degrees(doc.shown());
        let max_in = in_degree.iter().copied().max().unwrap_or(0);
        let positions = ws.positions_beside(input.layout).unwrap_or_default();
        let pinned = vec![false; positions.len()];
        // One size scale for both (the same in-degree is the same disc).
        let encoding = Encoding { shared_size_max: Some(max_in.max(main_max)), ..input.encoding.clone() };
        let scene = scene::build(&SceneInput {
            network: doc.shown(),
            order: &doc.order,
            positions: &positions,
            pinned: &pinned,
            filtered: &filtered,
            filter: &ws.filter,
            in_degree: &in_degree,
            size: None,
            focus: None,
            focus_depth: 1,
            selected: None,
            encoding: &encoding,
            appear: None,
        });
        match &mut self.compare {
            Some(view) if view.key.0 == key.0 => {
                view.scene = scene;
                view.key = key;
                view.max_in = max_in;
            }
            _ => {
                self.compare = Some(CompareView {
                    key,
                    scene,
                    camera: Camera::default(),
                    canvas: CanvasState::default(),
                    auto_fit: true,
                    max_in,
                });
            }
        }
    }

    /// People and ties a reload of network `serial` brought start fading in at `now`.
    pub fn fade_in(&mut self, serial: u64, appeared: Appeared, now: Instant) {
        if self.fade.serial != serial {
            self.fade = FadeIn { serial, ..FadeIn::default() };
        }
        self.fade.people.extend(appeared.people.into_iter().map(|k| (k, now)));
        self.fade.ties.extend(appeared.ties.into_iter().map(|k| (k, now)));
    }

    /// How far people and ties a reload brought have faded in, while they do.
    pub fn appearing(&self) -> Option<&Appearing> {
        self.appearing.as_ref()
    }

    /// `encoding` with the size scale shared with the network beside, while one is shown.
    pub fn complete(&self, encoding: Encoding) -> Encoding {
        let shared =
            self.compare.as_ref().map(|c| c.max_in.max(self.in_degree.iter().copied().max().unwrap_or(0)));
        Encoding { shared_size_max: shared, ..encoding }
    }

    /// The current scene.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The filter's result for the network on screen.
    pub fn filtered(&self) -> &Filtered {
        &self.filtered
    }

    /// The header's counts: (people shown, all people, ties shown, all ties). While the
    /// neighbourhood view is on, only its people and the ties that stand out count as shown.
    pub fn shown_counts(&self) -> (usize, usize, usize, usize) {
        let f = &self.filtered;
        let (people, ties) = self.focus_counts.map_or((f.people_shown, f.ties_shown), |(_, c)| c);
        (people, f.people_total, ties, f.ties_total)
    }

    /// The view of the network beside, while one is shown.
    pub fn compare_mut(&mut self) -> Option<&mut CompareView> {
        self.compare.as_mut()
    }

    /// Whether one is shown.
    pub fn has_compare(&self) -> bool {
        self.compare.is_some()
    }

    /// The picture of a chart slide for `key`, drawn again only when the key changed;
    /// `svg` makes the chart (or says why it cannot).
    pub fn chart_texture(
        &mut self,
        ctx: &egui::Context,
        key: ChartKey,
        size: [f32; 2],
        svg: impl FnOnce() -> Result<String, String>,
    ) -> Result<&egui::TextureHandle, String> {
        if self.chart.as_ref().is_none_or(|(k, _)| *k != key) {
            let pixels = key.pixels;
            let picture = svg().and_then(|svg| {
                crate::scene::raster::rasterize(&svg, size, [pixels[0] as u32, pixels[1] as u32])
            });
            match picture {
                Ok(pixmap) => {
                    let image = egui::ColorImage::from_rgba_premultiplied(pixels, pixmap.data());
                    let texture = ctx.load_texture("chart", image, egui::TextureOptions::LINEAR);
                    self.chart = Some((key, texture));
                }
                Err(message) => {
                    self.chart = None;
                    return Err(message);
                }
            }
        }
        match &self.chart {
            Some((_, texture)) => Ok(texture),
            None => Err(String::new()),
        }
    }

    /// Whether a chart's picture is ready.
    pub fn has_chart(&self) -> bool {
        self.chart.is_some()
    }

    /// When the next frame is needed: at once while people fade in; while analysis runs in
    /// the background, to show its progress (it also wakes the app when it finishes).
    pub fn wake(&self) -> Repaint {
        if self.appearing.is_some() {
            Repaint::Now
        } else if self.insights.is_busy() {
            Repaint::After(ANALYSIS_PROGRESS)
        } else {
            Repaint::Idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutParams;
    use crate::layout::worker::LayoutHandle;

    fn open(stem: &'static str) -> (Workspace, LayoutHandle, LayoutSettings) {
        let (mut ws, mut layout) = (Workspace::default(), LayoutHandle::inline());
        let s = LayoutSettings { node_sizes: None, seed: 1, params: LayoutParams::default() };
        let loaded = crate::io::samples::load(stem).expect("a sample").expect("it reads");
        let arrival = super::super::workspace::Arrival {
            loaded,
            source: super::super::workspace::Source::Sample(stem),
            path: None,
            choices: None,
            joins: false,
        };
        ws.install(arrival, &mut layout, &s, Lang::En);
        (ws, layout, s)
    }

    fn update(cache: &mut ViewCache, ws: &Workspace, layout: &LayoutHandle, s: &LayoutSettings) {
        update_at(cache, ws, layout, s, Instant::now());
    }

    fn update_at(
        cache: &mut ViewCache,
        ws: &Workspace,
        layout: &LayoutHandle,
        s: &LayoutSettings,
        now: Instant,
    ) {
        let wake: Wake = std::sync::Arc::new(|| {});
        cache.update(&CacheInput {
            workspace: ws,
            snapshot: layout.snapshot(),
            encoding: Encoding::default(),
            layout: s,
            analysis_open: false,
            size_by: SizeBy::InDegree,
            wake: &wake,
            now,
        });
    }

    #[test]
    fn a_newcomer_fades_in_over_the_fade_and_then_the_cache_sleeps() {
        let (mut ws, mut layout, s) = open("fjellvik");
        let mut cache = ViewCache::default();
        update(&mut cache, &ws, &layout, &s);
        assert_eq!(cache.wake(), Repaint::Idle);
        // The same network read again with one newcomer, who names p085.
        let mut loaded = crate::io::samples::load("fjellvik").expect("a sample").expect("it reads");
        let new = loaded.network.add_person(crate::model::Person::new("newcomer")).expect("a new key");
        let p085 = loaded.network.find("p085").expect("p085");
        loaded.network.add_tie(new, p085, crate::model::Tie::default()).expect("a tie");
        let arrival = super::super::workspace::Arrival {
            loaded,
            source: super::super::workspace::Source::Sample("fjellvik"),
            path: None,
            choices: None,
            joins: false,
        };
        let installed = ws.install(arrival, &mut layout, &s, Lang::En);
        assert!(installed.reloaded);
        assert_eq!(installed.appeared.people, ["newcomer"]);
        assert!(installed.appeared.ties.is_empty(), "the newcomer's tie fades with them");
        let serial = ws.doc().expect("open").serial;
        let start = Instant::now();
        cache.fade_in(serial, installed.appeared, start);
        let alpha_of = |cache: &ViewCache| {
            let node = cache.scene().nodes.iter().find(|n| n.person == new).expect("drawn");
            let tie = cache.scene().ties.iter().find(|t| t.source == new).expect("drawn");
            (node.fill.0[3], tie.colour.0[3])
        };
        update_at(&mut cache, &ws, &layout, &s, start);
        assert_eq!(alpha_of(&cache), (0, 0), "not yet visible");
        assert_eq!(cache.wake(), Repaint::Now, "fading: the next frame at once");
        let known = cache.scene().nodes.iter().find(|n| n.person == p085).expect("drawn").fill;
        assert_eq!(known.0[3], 255, "known people are fully there");
        update_at(&mut cache, &ws, &layout, &s, start + FADE_IN / 2);
        let half = alpha_of(&cache);
        update_at(&mut cache, &ws, &layout, &s, start + FADE_IN);
        let full = alpha_of(&cache);
        assert_eq!(full.0, 255, "all there");
        assert!(full.1 > 100, "the tie too: {full:?}");
        assert_eq!(half.0, 128, "half way (eased, 0.5 at the middle): 255 * 0.5");
        assert!(half.1.abs_diff(full.1 / 2) <= 1, "the tie half way: {half:?} of {full:?}");
        assert!(cache.appearing().is_none());
        assert_eq!(cache.wake(), Repaint::Idle, "settled: no more frames");
    }

    #[test]
    fn a_layout_step_moves_people_without_building_the_scene_again() {
        let (mut ws, mut layout, s) = open("fjellvik");
        let mut cache = ViewCache::default();
        update(&mut cache, &ws, &layout, &s);
        assert_eq!(cache.scene().nodes.len(), 91);
        assert_eq!(cache.shown_counts(), (91, 91, cache.filtered().ties_total, cache.filtered().ties_total));
        let built = cache.scene_key.clone().map(|k| k.epoch);
        layout.poll(std::time::Duration::from_millis(20));
        update(&mut cache, &ws, &layout, &s);
        let first = cache.scene().nodes.first().map(|n| n.pos);
        let expected = layout
            .snapshot()
            .positions
            .get(ws.doc().expect("open").dense(cache.scene().nodes[0].person).expect("laid out"))
            .copied();
        assert_eq!(first, expected, "repositioned to the new snapshot");
        assert_eq!(cache.scene_key.clone().map(|k| k.epoch), built, "same engine");
        ws.filter.sector.allowed[0] = false;
        update(&mut cache, &ws, &layout, &s);
        assert!(cache.filtered().people_shown < 91, "a new filter is applied");
    }

    #[test]
    fn the_neighbourhood_counts_follow_the_focus() {
        let (mut ws, layout, s) = open("fjellvik");
        let mut cache = ViewCache::default();
        let id = ws.doc().and_then(|d| d.network.find("p085")).expect("p085");
        ws.ego = Some((id, 1));
        update(&mut cache, &ws, &layout, &s);
        let (people, all, _, _) = cache.shown_counts();
        assert!(people > 1 && people < all, "{people} of {all}");
        ws.ego = None;
        update(&mut cache, &ws, &layout, &s);
        assert_eq!(cache.shown_counts().0, 91);
    }
}
