//! The one wiring point. The app is split by the state each part owns:
//!
//! - `workspace`: the open networks, which is on screen and which beside, the culture survey,
//!   filters, focus and selection; the one function that builds a layout again.
//! - `loading`: background loads, files waiting to join the project, the watch on open files,
//!   a big network's first picture.
//! - `view_cache`: everything computed for drawing (filter result, scene, the scene beside,
//!   analysis, a chart's picture), updated once per frame.
//! - `camera`: where the canvas looks: fitting, following the layout, moves, the pulse.
//! - `edits`: changes with undo, drags and new ties in progress.
//! - `session_files`: unsaved changes, saving, autosave and recovery, closing, exports.
//! - `presenting`: scenes, presentation mode, the fade, chart slides.
//! - `live`: the live survey and its server.
//!
//! This file makes a frame ([`InfonetApp::ui`]): take in what arrived (loads, layout positions,
//! survey answers, file changes), update the caches once, run the panels (which push
//! commands), apply the commands (`commands.rs`), advance the animations, and ask egui for
//! the next frame in one place ([`Repaint`]).

mod camera;
mod commands;
mod edits;
mod live;
mod loading;
mod native;
mod panels;
mod presenting;
mod session_files;
mod view_cache;
mod workspace;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::analysis::{FilterSpec, Filtered};
use crate::command::Command;
use crate::layout::LayoutStatus;
use crate::layout::worker::LayoutHandle;
use crate::model::PersonId;
use crate::scene::{Encoding, Scene};
use crate::ui::transform::Camera;
use crate::ui::{self, FilePicker, UiState};

pub use crate::settings::{PictureSettings, ViewState};
pub use crate::ui::{ImportInfo, Status, SurveyDraft};
pub use live::LiveSurvey;
pub use loading::LoadMode;
pub use native::{EframeApp, run_native, window_icon};
pub use view_cache::CompareView;
pub use workspace::{Document, Source};

use camera::CameraRig;
use edits::Edits;
use live::Live;
use loading::Loading;
use presenting::Presenting;
use session_files::SessionFiles;
use view_cache::{CacheInput, ViewCache};
use workspace::{LayoutSettings, Workspace};

/// Asks for a frame from any thread (background work: the file watcher, the analysis thread,
/// the live survey's server).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// When a part of the app needs the next frame. Ordered soonest first, so the frame asks for
/// the smallest of all parts' answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Repaint {
    /// Something moves: the next frame at once.
    Now,
    /// Something is due then (progress to show, an autosave).
    After(Duration),
    /// Nothing: the window sleeps until input or a background wake.
    Idle,
}

/// The key a file's import choices are remembered under.
pub fn choice_key(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).display().to_string()
}

/// The app.
pub struct InfonetApp {
    /// Settings that survive a restart.
    view: ViewState,
    /// The layout of the network on screen (worker thread or inline).
    layout: LayoutHandle,
    workspace: Workspace,
    loading: Loading,
    cache: ViewCache,
    camera: CameraRig,
    edits: Edits,
    files: SessionFiles,
    presenting: Presenting,
    live: Live,
    /// What the panels remember between frames (open windows, drafts, search text).
    ui_state: UiState,
    /// The status bar's message.
    status: Status,
    picker: Box<dyn FilePicker>,
    /// Commands pushed between frames (tests, the command line, the window's start).
    commands: Vec<Command>,
    wake: Option<Wake>,
    /// Time for the fades (a manual clock in tests).
    clock: Arc<dyn crate::recovery::Clock>,
    quit_requested: bool,
}

impl InfonetApp {
    /// A new app with the given layout handle and file picker.
    pub fn new(view: ViewState, layout: LayoutHandle, mut picker: Box<dyn FilePicker>) -> Self {
        picker.set_lang(view.lang);
        Self {
            view,
            layout,
            workspace: Workspace::default(),
            loading: Loading::default(),
            cache: ViewCache::default(),
            camera: CameraRig::default(),
            edits: Edits::default(),
            files: SessionFiles::default(),
            presenting: Presenting::default(),
            live: Live::default(),
            ui_state: UiState::default(),
            status: Status::None,
            picker,
            commands: Vec::new(),
            wake: None,
            clock: Arc::new(crate::recovery::SystemClock),
            quit_requested: false,
        }
    }

    /// For tests: an app that steps the layout inline and never opens a real file dialog.
    pub fn headless(picker: Box<dyn FilePicker>) -> Self {
        Self::new(ViewState::default(), LayoutHandle::inline(), picker)
    }

    /// Queues a command, applied at the end of the next frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Runs one frame of the whole UI. Both eframe and the kittest harness call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let theme = match self.view.theme {
            crate::scene::style::Theme::Light => egui::Theme::Light,
            crate::scene::style::Theme::Dark => egui::Theme::Dark,
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
        let wake = Arc::clone(self.wake.get_or_insert_with(|| {
            let ctx = ctx.clone();
            Arc::new(move || ctx.request_repaint())
        }));
        let mut commands = std::mem::take(&mut self.commands);

        // What arrived since the last frame.
        self.loading.first_picture_frame(&mut self.layout);
        let keys = ui::KeysInput {
            presenting: self.presenting.on,
            has_scenes: !self.presenting.scenes().is_empty(),
            paused: self.layout.snapshot().paused,
            show_analysis: self.view.show_analysis,
            show_labels: self.view.show_labels,
        };
        ui::shortcuts(&ctx, &keys, &mut self.ui_state, &mut commands);
        self.poll_load();
        if let Some(table) = self.live.poll(self.loading.is_loading()) {
            // The collected network opens with the first answers (beside the one on screen, or
            // on screen when none is) and is read again after each later one wherever it is.
            self.read_collected(table);
        }
        // Inline layouts step here within a small budget; threaded ones just copy positions.
        self.layout.poll(Duration::from_millis(8));
        self.poll_watcher();
        self.update_caches(&wake);
        self.ui_state.notice_status(&self.status, self.presenting.on);

        // The panels (none while presenting: the canvas fills the screen), then the canvas.
        if !self.presenting.on {
            self.panels_ui(ui, &mut commands);
        }
        let shown = self.workspace.doc().map(Document::shown);
        ui::present::search_ui(ui, shown, &mut self.ui_state.search, self.view.lang, &mut commands);
        if !self.presenting.on {
            let scenes = ui::present::ScenesInput {
                scenes: self.presenting.scenes(),
                current: self.presenting.current(),
                has_culture: self.workspace.ocai.is_some(),
                lang: self.view.lang,
            };
            ui::present::scenes_window_ui(ui, &scenes, &mut self.ui_state, &mut commands);
        }
        let canvas = self.central_ui(ui, &mut commands);
        self.dialogs_ui(ui, &mut commands);
        if let Some(out) = canvas {
            self.take_canvas(&ctx, &out, &mut commands);
        }

        // What the user asked for, in order; then the animations move on.
        let applied = !commands.is_empty();
        for command in commands {
            self.apply(command, &ctx);
        }
        let now = Instant::now();
        self.camera.animate(now);
        self.presenting.animate(now);
        let has_network = self.workspace.doc().is_some();
        self.camera.follow(self.cache.scene().bounds, has_network, self.layout.is_moving());
        self.paint_overlays(&ctx);
        if self.files.autosave_now(ctx.input(|i| i.viewport().focused)) {
            self.write_autosave();
        }
        if self.files.saved_for_closing() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Closing with unsaved changes asks first.
        if ctx.input(|i| i.viewport().close_requested()) && self.files.must_ask_before_closing() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.ui_state.confirm_close = true;
        }
        self.request_repaint(&ctx, applied);
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The one decision about the next frame: the soonest any part needs. Besides it, only
    /// background threads wake the app: the layout worker after each batch of steps (its
    /// `wake` callback, given in `run_native`) and the [`Wake`] of the file watcher, the
    /// analysis thread and the live survey's server.
    fn request_repaint(&self, ctx: &egui::Context, applied: bool) {
        // A threaded layout wakes the app itself; an inline one steps once per frame.
        let layout =
            if self.layout.is_inline() && self.layout.is_moving() { Repaint::Now } else { Repaint::Idle };
        // What the commands changed is drawn on the next frame.
        let commands = if applied { Repaint::Now } else { Repaint::Idle };
        let next = [
            layout,
            commands,
            self.loading.wake(),
            self.cache.wake(),
            self.camera.wake(),
            self.presenting.wake(),
            self.edits.wake(),
            self.files.wake(),
            self.live.wake(),
        ]
        .into_iter()
        .min()
        .unwrap_or(Repaint::Idle);
        match next {
            Repaint::Now => ctx.request_repaint(),
            Repaint::After(delay) => ctx.request_repaint_after(delay),
            Repaint::Idle => {}
        }
    }

    /// Brings the pseudonyms and every cache up to date (once per frame).
    fn update_caches(&mut self, wake: &Wake) {
        self.workspace.set_anonymized(self.view.anonymize, self.view.lang);
        let input = CacheInput {
            workspace: &self.workspace,
            snapshot: self.layout.snapshot(),
            encoding: self.base_encoding(),
            layout: &LayoutSettings::of(&self.view),
            analysis_open: self.view.show_analysis,
            size_by: self.view.size_by,
            wake,
            now: self.clock.now(),
        };
        self.cache.update(&input);
    }

    /// The encoding before the size scale shared with the network beside.
    fn base_encoding(&self) -> Encoding {
        let colour_by =
            self.workspace.doc().and_then(|d| d.import.mapping.as_ref()).and_then(|m| m.colour_by.clone());
        Encoding {
            show_labels: self.view.show_labels,
            lang: self.view.lang,
            palette: crate::scene::style::Palette::of(self.view.theme, self.view.colour_blind),
            colour_by,
            // Presenting always uses it: projectors wash out translucent ties.
            high_contrast: self.view.high_contrast || self.presenting.on,
            node_sizes: self.view.node_sizes,
            shared_size_max: None,
        }
    }

    /// The encoding the scene and legend use.
    pub fn encoding(&self) -> Encoding {
        self.cache.complete(self.base_encoding())
    }

    /// Takes in a finished load (and starts the next file waiting), or says the loading thread
    /// stopped.
    fn poll_load(&mut self) {
        match self.loading.poll() {
            Some(Ok(finished)) => {
                self.finish_load(finished);
                self.next_queued();
            }
            Some(Err(path)) => {
                let stopped = self.view.lang.tr().loading_stopped;
                self.status = Status::Error(format!("{}: {stopped}", path.display()));
            }
            None => {}
        }
    }

    /// Reloads the network on screen when its file changed (and settled) on disk, unless it
    /// was edited here: then it says so.
    fn poll_watcher(&mut self) {
        if self.loading.poll_watcher(self.wake.as_ref()) != loading::Watched::Changed {
            return;
        }
        let path = self.workspace.doc().and_then(|d| d.import.path.clone());
        // A running survey's table is read again by the survey itself, after each answer.
        if path.as_ref().is_some_and(|p| self.live.is_table(p)) {
            return;
        }
        match path {
            Some(path) if !self.loading.network_edited && !self.loading.is_loading() => {
                self.start_load_as(path, LoadMode::Replace);
            }
            Some(_) if self.loading.network_edited => {
                self.status = Status::Info(self.view.lang.tr().changed_on_disk.to_owned());
            }
            _ => {}
        }
    }
}

/// What tests, the command line and the panels read.
impl InfonetApp {
    /// The settings.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The settings, changed directly (tests; the UI changes them with `Command::Set`).
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// What the panels remember between frames (open windows, drafts, search text).
    pub fn ui_state(&self) -> &UiState {
        &self.ui_state
    }

    /// See [`Self::ui_state`]: tests open windows and type into fields through it.
    pub fn ui_state_mut(&mut self) -> &mut UiState {
        &mut self.ui_state
    }

    /// The network on screen.
    pub fn doc(&self) -> Option<&Document> {
        self.workspace.doc()
    }

    /// All open networks in opening order.
    pub fn all_docs(&self) -> Vec<&Document> {
        self.workspace.all_docs()
    }

    /// Every open network in opening order: (serial, name, is it the one on screen).
    pub fn project_list(&self) -> Vec<(u64, String, bool)> {
        self.workspace.project_list()
    }

    /// The network shown beside the active one.
    pub fn compare_doc(&self) -> Option<&Document> {
        self.workspace.compare_doc()
    }

    /// The current filters.
    pub fn filter(&self) -> FilterSpec {
        self.workspace.filter
    }

    /// The neighbourhood view: a person and how many steps stay bright.
    pub fn ego(&self) -> Option<(PersonId, u8)> {
        self.workspace.ego
    }

    /// The person whose card is open.
    pub fn selected(&self) -> Option<PersonId> {
        self.workspace.selected
    }

    /// The person under the pointer.
    pub fn hovered(&self) -> Option<PersonId> {
        self.workspace.hovered
    }

    /// The OCAI culture profiles, when a responses file is open.
    pub fn ocai(&self) -> Option<&crate::analysis::ocai::OcaiReport> {
        self.workspace.ocai.as_ref()
    }

    /// The filter result for the open network (cached).
    pub fn filtered(&self) -> &Filtered {
        self.cache.filtered()
    }

    /// The header's counts: (people shown, all people, ties shown, all ties).
    pub fn shown_counts(&self) -> (usize, usize, usize, usize) {
        self.cache.shown_counts()
    }

    /// The current scene (cached).
    pub fn scene(&self) -> &Scene {
        self.cache.scene()
    }

    /// The analysis of the network on screen.
    pub fn insights(&self) -> &crate::insights::Insights {
        &self.cache.insights
    }

    /// The layout of the network on screen.
    pub fn layout(&self) -> &LayoutHandle {
        &self.layout
    }

    /// Layout status for the status bar: (status, paused, steps).
    pub fn layout_status(&self) -> (LayoutStatus, bool, u64) {
        let s = self.layout.snapshot();
        (s.status, s.paused, s.steps)
    }

    /// The view.
    pub fn camera(&self) -> Camera {
        self.camera.camera()
    }

    /// Where the camera is going: the end of a camera move in progress, else where it is.
    pub fn camera_goal(&self) -> Camera {
        self.camera.goal()
    }

    /// The canvas's rectangle in the last frame (points).
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.camera.canvas_rect()
    }

    /// A person pulsing after a search, and when it started.
    pub fn pulse(&self) -> Option<(PersonId, Instant)> {
        self.camera.pulse()
    }

    /// Ties and people drawn in the last frame.
    pub fn last_drawn(&self) -> (usize, usize) {
        self.camera.canvas.last_drawn
    }

    /// Presentation mode is on.
    pub fn presenting(&self) -> bool {
        self.presenting.on
    }

    /// The project's scenes.
    pub fn scenes(&self) -> &[crate::project::SavedScene] {
        self.presenting.scenes()
    }

    /// The scene shown last.
    pub fn current_scene(&self) -> Option<usize> {
        self.presenting.current()
    }

    /// The chart shown instead of the network (a chart slide), if any.
    pub fn chart(&self) -> Option<&crate::project::SavedChart> {
        self.presenting.chart.as_ref()
    }

    /// Whether a chart slide's picture is on screen.
    pub fn chart_shown(&self) -> bool {
        self.presenting.chart.is_some() && self.cache.has_chart()
    }

    /// The status bar's message.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The project has changes that are not saved.
    pub fn dirty(&self) -> bool {
        self.files.dirty()
    }

    /// The project file the work was last saved to or opened from.
    pub fn project_path(&self) -> Option<&Path> {
        self.files.project_path.as_deref()
    }

    /// This instance's recovery file, where autosaves go.
    pub fn recovery(&self) -> Option<&crate::recovery::RecoverySlot> {
        self.files.recovery()
    }

    /// The autosave offered for recovery: (file, when it was written).
    pub fn recovery_offer(&self) -> Option<&(PathBuf, std::time::SystemTime)> {
        self.files.recovery_offer()
    }

    /// When the pending autosave is due, if one is pending.
    pub fn autosave_due(&self) -> Option<Instant> {
        self.files.autosave_due()
    }

    /// The live survey, while it runs.
    pub fn live(&self) -> Option<&LiveSurvey> {
        self.live.survey()
    }

    /// How far people and ties a reload brought have faded in on screen, while they do.
    pub fn appearing(&self) -> Option<&crate::scene::Appearing> {
        self.cache.appearing()
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_loading()
    }

    /// Progress of a running load: (file, fraction).
    pub fn load_progress(&self) -> Option<(&Path, f32)> {
        self.loading.progress()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_soonest_wake_wins() {
        let parts = [
            Repaint::Idle,
            Repaint::After(Duration::from_secs(5)),
            Repaint::After(Duration::from_millis(100)),
        ];
        assert_eq!(parts.into_iter().min(), Some(Repaint::After(Duration::from_millis(100))));
        assert!(Repaint::Now < Repaint::After(Duration::ZERO));
        assert_eq!([Repaint::Idle, Repaint::Idle].into_iter().min(), Some(Repaint::Idle));
    }

    #[test]
    fn a_settled_headless_app_asks_for_no_frames() {
        let mut app = InfonetApp::headless(Box::new(ui::FakePicker(vec![])));
        app.push(Command::OpenSample("fjellvik"));
        app.push(Command::SetPaused(true));
        let ctx = egui::Context::default();
        let mut delays = Vec::new();
        for _ in 0..60 {
            let raw = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
                ..Default::default()
            };
            let mut out = ctx.run_ui(raw, |ui| app.ui(ui));
            out.textures_delta.clear();
            delays.push(out.viewport_output.get(&egui::ViewportId::ROOT).map(|v| v.repaint_delay));
        }
        assert_eq!(delays[0], Some(Duration::ZERO), "the opened network is drawn at once");
        // The view eases onto the network over a few frames, then nothing moves.
        let settled = delays.iter().position(|d| *d == Some(Duration::MAX));
        assert!(settled.is_some_and(|i| i < 30), "{delays:?}");
        assert!(delays[settled.unwrap_or(0)..].iter().all(|d| *d == Some(Duration::MAX)), "{delays:?}");
    }
}
