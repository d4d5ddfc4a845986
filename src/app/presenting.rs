//! Presenting: the project's scenes (saved views and chart slides), which one is shown, the
//! fade between them, presentation mode itself, and the charts a slide draws.

use std::time::{Duration, Instant};

use crate::chart::{ChartData, ChartKind, chart_svg};
use crate::i18n::Lang;
use crate::insights::ComparisonRow;
use crate::model::fold;
use crate::project::{SavedChart, SavedScene};
use crate::scene::Palette;

use super::Repaint;
use super::workspace::Document;

/// How long the canvas fades in after a scene change.
const FADE: Duration = Duration::from_millis(500);

/// How much larger text gets in presentation mode.
pub const PRESENTATION_ZOOM: f32 = 1.35;

/// The scenes and presentation mode.
#[derive(Default)]
pub struct Presenting {
    /// Presentation mode: panels hidden, canvas fills the screen, clicker keys step scenes.
    pub on: bool,
    /// Scenes of the project.
    scenes: Vec<SavedScene>,
    /// The scene shown last (index into `scenes`).
    current: Option<usize>,
    /// When the canvas last faded in (scene change).
    fade_started: Option<Instant>,
    /// A chart shown instead of the network (a chart slide), if any.
    pub chart: Option<SavedChart>,
}

impl Presenting {
    /// The project's scenes.
    pub fn scenes(&self) -> &[SavedScene] {
        &self.scenes
    }

    /// The scene shown last.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Back to the network: no chart, no current scene.
    pub fn close_chart(&mut self) {
        self.chart = None;
        self.current = None;
    }

    /// Replaces the scenes (a project opened).
    pub fn set_scenes(&mut self, scenes: Vec<SavedScene>) {
        self.scenes = scenes;
    }

    /// Adds a scene and makes it the current one.
    pub fn add(&mut self, scene: SavedScene) {
        self.scenes.push(scene);
        self.current = Some(self.scenes.len() - 1);
    }

    /// The name of a scene saved without one.
    pub fn default_name(&self, lang: Lang) -> String {
        format!("{} {}", lang.tr().scene, self.scenes.len() + 1)
    }

    /// Renames a scene; whether anything changed.
    pub fn rename(&mut self, index: usize, name: String) -> bool {
        match self.scenes.get_mut(index) {
            Some(scene) if scene.name != name => {
                scene.name = name;
                true
            }
            _ => false,
        }
    }

    /// Swaps two scenes (the current one stays current); whether anything changed.
    pub fn swap(&mut self, a: usize, b: usize) -> bool {
        if a == b || a >= self.scenes.len() || b >= self.scenes.len() {
            return false;
        }
        self.scenes.swap(a, b);
        if self.current == Some(a) {
            self.current = Some(b);
        } else if self.current == Some(b) {
            self.current = Some(a);
        }
        true
    }

    /// Deletes a scene; whether anything changed.
    pub fn delete(&mut self, index: usize) -> bool {
        if index >= self.scenes.len() {
            return false;
        }
        self.scenes.remove(index);
        self.current = None;
        true
    }

    /// The scene to show next (or before), staying at the ends.
    pub fn step_target(&self, forward: bool) -> Option<usize> {
        let last = self.scenes.len().checked_sub(1)?;
        Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => last,
            (Some(i), true) => (i + 1).min(last),
            (Some(i), false) => i.saturating_sub(1),
        })
    }

    /// Starts showing scene `index` (the caller puts its network, filters and view in place):
    /// it becomes current, its chart is shown, and the canvas fades in.
    pub fn show(&mut self, index: usize, now: Instant) -> Option<SavedScene> {
        let scene = self.scenes.get(index)?.clone();
        self.chart.clone_from(&scene.chart);
        self.fade_started = Some(now);
        self.current = Some(index);
        Some(scene)
    }

    /// Opacity of the canvas during a scene change (fades in).
    pub fn opacity(&self, now: Instant) -> f32 {
        self.fade_started.map_or(1.0, |s| {
            (0.25 + now.saturating_duration_since(s).as_secs_f32() / FADE.as_secs_f32() * 0.75).min(1.0)
        })
    }

    /// Ends the fade once it is over.
    pub fn animate(&mut self, now: Instant) {
        if self.fade_started.is_some_and(|s| now.saturating_duration_since(s) > FADE) {
            self.fade_started = None;
        }
    }

    /// The line presentation mode shows at the bottom: "2 / 5: name".
    pub fn hint(&self) -> Option<String> {
        let i = self.current?;
        self.scenes.get(i).map(|s| format!("{} / {}: {}", i + 1, self.scenes.len(), s.name))
    }

    /// When the next frame is needed: at once while the canvas fades in.
    pub fn wake(&self) -> Repaint {
        if self.fade_started.is_some() { Repaint::Now } else { Repaint::Idle }
    }
}

/// What a chart slide may draw from.
pub struct ChartSources<'a> {
    /// The open networks, in opening order.
    pub docs: &'a [&'a Document],
    /// The network on screen.
    pub active: Option<&'a Document>,
    /// The culture survey.
    pub ocai: Option<&'a crate::analysis::ocai::OcaiReport>,
    /// The comparison row of each open network.
    pub rows: &'a dyn Fn(&Document) -> ComparisonRow,
    /// The live survey: (question, address, answers).
    pub live: Option<(&'a str, &'a str, usize)>,
    /// Colours.
    pub palette: Palette,
    /// Language.
    pub lang: Lang,
}

/// The chart of a chart slide as SVG at `size` points; the reason when its data is missing.
pub fn chart_picture(chart: &SavedChart, size: [f32; 2], src: &ChartSources<'_>) -> Result<String, String> {
    let tr = src.lang.tr();
    let (palette, lang) = (&src.palette, src.lang);
    let wanted = chart.municipality.as_deref().map(fold);
    let wanted_is = |name: &str| wanted.as_ref().is_some_and(|w| *w == fold(name));
    match chart.kind {
        ChartKind::Composition => {
            let doc = src
                .docs
                .iter()
                .copied()
                .find(|d| wanted_is(&d.network.name))
                .or(src.active)
                .ok_or_else(|| tr.no_network.to_owned())?;
            let composition = crate::analysis::composition::composition(doc.shown(), None);
            Ok(chart_svg(
                &ChartData::Composition { name: &doc.shown().name, composition: &composition },
                size,
                palette,
                lang,
            ))
        }
        ChartKind::Kite => {
            let report = src.ocai.ok_or_else(|| tr.chart_no_culture.to_owned())?;
            let group = report
                .groups
                .iter()
                .find(|g| wanted_is(&g.municipality))
                .or(report.groups.first())
                .ok_or_else(|| tr.chart_no_culture.to_owned())?;
            Ok(chart_svg(&ChartData::Kite { group }, size, palette, lang))
        }
        ChartKind::Compare => {
            let rows: Vec<ComparisonRow> = src.docs.iter().map(|d| (src.rows)(d)).collect();
            Ok(chart_svg(&ChartData::Compare { rows: &rows }, size, palette, lang))
        }
        ChartKind::Join => {
            let (question, url, answers) = src.live.ok_or_else(|| tr.survey_stopped.to_owned())?;
            Ok(chart_svg(&ChartData::Join { question, url, answers }, size, palette, lang))
        }
    }
}

/// The title of a new chart slide about the network called `network_name`, and the
/// municipality it shows (none for the comparison of all of them).
pub fn chart_slide(kind: ChartKind, network_name: &str, lang: Lang) -> (String, SavedChart) {
    let tr = lang.tr();
    let municipality = match kind {
        ChartKind::Compare => None,
        _ => Some(network_name.to_owned()),
    };
    let title = match kind {
        ChartKind::Composition => format!("{network_name}: {}", tr.chart_composition),
        ChartKind::Kite => format!("{network_name}: {}", tr.chart_kind_kite),
        ChartKind::Compare => tr.chart_kind_compare.to_owned(),
        ChartKind::Join => tr.survey_join_slide.to_owned(),
    };
    (title, SavedChart { kind, municipality })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(name: &str) -> SavedScene {
        SavedScene {
            name: name.into(),
            network: 0,
            filter: crate::analysis::FilterSpec::default(),
            focus: None,
            ego_depth: 0,
            camera: crate::project::SavedCamera { centre: [0.0, 0.0], scale: 1.0, size: None },
            positions: Default::default(),
            chart: None,
            legend_corner: None,
            extra: Default::default(),
        }
    }

    fn three() -> Presenting {
        let mut p = Presenting::default();
        for name in ["a", "b", "c"] {
            p.add(scene(name));
        }
        p
    }

    #[test]
    fn stepping_stays_at_the_ends() {
        let mut p = three();
        assert_eq!(p.current(), Some(2), "the scene just saved is current");
        assert_eq!(p.step_target(true), Some(2));
        let now = Instant::now();
        p.show(0, now);
        assert_eq!(p.step_target(false), Some(0));
        assert_eq!(p.step_target(true), Some(1));
        assert_eq!(Presenting::default().step_target(true), None, "no scenes");
    }

    #[test]
    fn the_current_scene_follows_a_swap_and_a_delete_forgets_it() {
        let mut p = three();
        p.show(1, Instant::now());
        assert!(p.swap(1, 0));
        assert_eq!(p.current(), Some(0));
        assert_eq!(p.hint().as_deref(), Some("1 / 3: b"));
        assert!(!p.swap(0, 3), "no such scene");
        assert!(p.rename(2, "end".into()));
        assert!(!p.rename(2, "end".into()), "the same name changes nothing");
        assert!(p.delete(0));
        assert_eq!(p.current(), None);
        assert_eq!(p.scenes().iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["a", "end"]);
    }

    #[test]
    fn a_scene_change_fades_in_for_half_a_second() {
        let mut p = three();
        let now = Instant::now();
        p.show(0, now);
        assert_eq!(p.opacity(now), 0.25);
        assert_eq!(p.wake(), Repaint::Now);
        p.animate(now + FADE + Duration::from_millis(1));
        assert_eq!(p.opacity(now + FADE * 2), 1.0);
        assert_eq!(p.wake(), Repaint::Idle);
    }

    #[test]
    fn a_chart_slide_without_its_data_says_why() {
        let sources = ChartSources {
            docs: &[],
            active: None,
            ocai: None,
            rows: &|_| unreachable!("no networks"),
            live: None,
            palette: Palette::LIGHT,
            lang: Lang::En,
        };
        let (title, chart) = chart_slide(ChartKind::Kite, "Fjellvik", Lang::En);
        assert!(title.starts_with("Fjellvik: "));
        assert_eq!(chart.municipality.as_deref(), Some("Fjellvik"));
        assert_eq!(
            chart_picture(&chart, [800.0, 600.0], &sources),
            Err(Lang::En.tr().chart_no_culture.to_owned())
        );
    }
}
