//! Settings that survive a restart (eframe storage), and the one way the UI changes them.
//! Plain data: no egui types, so the saved settings never depend on how a panel is drawn.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::io::open::LoadOptions;
use crate::layout::LayoutParams;
use crate::scene::SizeBy;
use crate::scene::frame::Corner;
use crate::scene::style::Theme;

/// Most recent files remembered.
pub const RECENT_MAX: usize = 10;

/// Settings that survive a restart. Never the network itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Draw names on the canvas.
    pub show_labels: bool,
    /// Draw the legend on the canvas.
    pub show_legend: bool,
    /// UI language.
    pub lang: Lang,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Force parameters.
    pub layout: LayoutParams,
    /// Layout seed; "restart" moves to the next one.
    pub seed: u64,
    /// Show the left panel.
    pub show_side_panel: bool,
    /// Node size follows this measure.
    pub size_by: SizeBy,
    /// Show pseudonyms ("Public 3") instead of names everywhere, exports included.
    pub anonymize: bool,
    /// Light or dark.
    pub theme: Theme,
    /// Colour-blind-safe colours with a second cue in the nodes.
    pub colour_blind: bool,
    /// Ties fully opaque and faded people fainter, for projectors in bright rooms.
    pub high_contrast: bool,
    /// How File > Export picture was last used.
    pub picture: PictureSettings,
    /// Show the analysis panel.
    pub show_analysis: bool,
    /// The analysis panel's tab.
    pub analysis_tab: AnalysisTab,
    /// Radius of the least and the most named, world units (`None`: automatic).
    pub node_sizes: Option<[f32; 2]>,
    /// The corner the legend sits in (on screen and in exports).
    pub legend_corner: Corner,
    /// Names of the most named are drawn bigger.
    pub label_size_by_degree: bool,
    /// What the user chose in the import dialog, per file (relation, attribute mapping,
    /// merged names), so reopening the file reads it the same way.
    pub import_choices: std::collections::BTreeMap<String, LoadOptions>,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            show_labels: true,
            show_legend: true,
            lang: Lang::En,
            recent: Vec::new(),
            layout: LayoutParams::default(),
            seed: 1,
            show_side_panel: true,
            import_choices: std::collections::BTreeMap::new(),
            size_by: SizeBy::InDegree,
            anonymize: false,
            theme: Theme::Light,
            colour_blind: false,
            high_contrast: false,
            picture: PictureSettings::default(),
            show_analysis: false,
            analysis_tab: AnalysisTab::Measures,
            legend_corner: Corner::default(),
            label_size_by_degree: false,
            node_sizes: None,
        }
    }
}

impl ViewState {
    /// Applies one change asked for by the UI.
    pub fn set(&mut self, setting: Setting) {
        match setting {
            Setting::ShowLabels(on) => self.show_labels = on,
            Setting::ShowLegend(on) => self.show_legend = on,
            Setting::ShowAnalysis(on) => self.show_analysis = on,
            Setting::AnalysisTab(tab) => self.analysis_tab = tab,
            Setting::Anonymize(on) => self.anonymize = on,
            Setting::Theme(theme) => self.theme = theme,
            Setting::ColourBlind(on) => self.colour_blind = on,
            Setting::HighContrast(on) => self.high_contrast = on,
            Setting::LegendCorner(corner) => self.legend_corner = corner,
            Setting::LabelSizeByDegree(on) => self.label_size_by_degree = on,
            Setting::SizeBy(size_by) => self.size_by = size_by,
            Setting::Picture(picture) => self.picture = picture,
        }
    }

    /// Puts `path` first in the recent files (once, canonical, at most [`RECENT_MAX`]).
    pub fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}

/// The analysis panel's tabs (saved with the settings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnalysisTab {
    /// Network measures.
    #[default]
    Measures,
    /// Tenure, age and sector shares.
    Composition,
    /// Municipalities side by side.
    Compare,
    /// OCAI culture profiles.
    Culture,
}

/// Choices of the picture export.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PictureSettings {
    /// The whole network (fitted) rather than what is on screen.
    pub whole: bool,
    /// PNG width in pixels.
    pub width: u32,
    /// No background.
    pub transparent: bool,
}

impl Default for PictureSettings {
    fn default() -> Self {
        Self { whole: false, width: 2400, transparent: false }
    }
}

/// A display setting the user changed (a checkbox, a radio button, a tab): applied with the
/// other commands after the frame, never written by a panel itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    /// Draw names.
    ShowLabels(bool),
    /// Draw the legend.
    ShowLegend(bool),
    /// Show the analysis panel.
    ShowAnalysis(bool),
    /// The analysis panel's tab.
    AnalysisTab(AnalysisTab),
    /// Pseudonyms instead of names.
    Anonymize(bool),
    /// Light or dark.
    Theme(Theme),
    /// Colour-blind-safe colours.
    ColourBlind(bool),
    /// High contrast.
    HighContrast(bool),
    /// The legend's corner.
    LegendCorner(Corner),
    /// Names of the most named bigger.
    LabelSizeByDegree(bool),
    /// What node size follows.
    SizeBy(SizeBy),
    /// The picture export's choices.
    Picture(PictureSettings),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_saved_before_the_tab_moved_here_still_read() {
        // The stored form of a tab is its name, as it was when the type lived in the panel.
        let json = r#"{"analysis_tab":"Culture","show_labels":false}"#;
        let view: ViewState = serde_json::from_str(json).expect("reads");
        assert_eq!(view.analysis_tab, AnalysisTab::Culture);
        assert!(!view.show_labels);
        assert_eq!(view.seed, 1, "missing fields take their defaults");
    }

    #[test]
    fn a_setting_changes_only_itself() {
        let mut view = ViewState::default();
        view.set(Setting::LegendCorner(Corner::TopRight));
        view.set(Setting::AnalysisTab(AnalysisTab::Compare));
        assert_eq!(view.legend_corner, Corner::TopRight);
        assert_eq!(view.analysis_tab, AnalysisTab::Compare);
        assert_eq!(
            ViewState { legend_corner: Corner::default(), analysis_tab: AnalysisTab::Measures, ..view },
            ViewState::default()
        );
    }

    #[test]
    fn recent_files_keep_ten_newest_first_without_repeats() {
        let mut view = ViewState::default();
        for i in 0..12 {
            view.remember_recent(Path::new(&format!("no-such-dir/f{i}.csv")));
        }
        view.remember_recent(Path::new("no-such-dir/f5.csv"));
        assert_eq!(view.recent.len(), RECENT_MAX);
        assert_eq!(view.recent[0], PathBuf::from("no-such-dir/f5.csv"));
        assert_eq!(view.recent[1], PathBuf::from("no-such-dir/f11.csv"));
        assert_eq!(view.recent.iter().filter(|p| p.ends_with("f5.csv")).count(), 1);
    }
}
