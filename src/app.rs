//! The one wiring point: owns the open network, view state and caches, applies commands after
//! the panels ran, takes in layout positions, and asks for repaints only while something moves.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::analysis::{self, FilterSpec, Filtered};
use crate::command::Command;
use crate::edit::{self, Edit};
use crate::i18n::Lang;
use crate::io::open::LoadOptions;
use crate::io::{self, ImportReport, LoadError, Loaded, Progress};
use crate::layout::worker::LayoutHandle;
use crate::layout::{self, LayoutEngine, LayoutParams, LayoutStatus};
use crate::model::{Network, PersonId};
use crate::scene::{self, Encoding, Scene, SceneInput};
use crate::ui::canvas::{CanvasOptions, CanvasState, canvas_ui};
use crate::ui::transform::Camera;
use crate::ui::{self, FilePicker, PickResult};
use std::collections::HashMap;

/// Settings that survive a restart (eframe storage). Never the network itself.
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
    pub size_by: crate::scene::SizeBy,
    /// Show pseudonyms ("Public 3") instead of names everywhere, exports included.
    pub anonymize: bool,
    /// Light or dark.
    pub theme: crate::scene::style::Theme,
    /// Colour-blind-safe colours with a second cue in the nodes.
    pub colour_blind: bool,
    /// Ties fully opaque and faded people fainter, for projectors in bright rooms.
    pub high_contrast: bool,
    /// How File > Export picture was last used.
    pub picture: PictureSettings,
    /// Show the analysis panel.
    pub show_analysis: bool,
    /// The analysis panel's tab.
    pub analysis_tab: crate::ui::analysis_panel::AnalysisTab,
    /// Radius of the least and the most named, world units (`None`: automatic).
    pub node_sizes: Option<[f32; 2]>,
    /// The corner the legend sits in (on screen and in exports).
    pub legend_corner: crate::scene::frame::Corner,
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
            size_by: crate::scene::SizeBy::InDegree,
            anonymize: false,
            theme: crate::scene::style::Theme::Light,
            colour_blind: false,
            high_contrast: false,
            picture: PictureSettings::default(),
            show_analysis: false,
            analysis_tab: crate::ui::analysis_panel::AnalysisTab::Measures,
            legend_corner: crate::scene::frame::Corner::default(),
            label_size_by_degree: false,
            node_sizes: None,
        }
    }
}

/// Choices of the picture export.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// How much larger text gets in presentation mode.
const PRESENTATION_ZOOM: f32 = 1.35;

/// Most recent files remembered.
const RECENT_MAX: usize = 10;

/// Where the open network came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Files on disk (people file first when there is one).
    Files(Vec<PathBuf>),
    /// A bundled sample, by file stem.
    Sample(&'static str),
}

/// The open network and what belongs to it.
pub struct Document {
    /// The network.
    pub network: Network,
    /// What the import did.
    pub report: ImportReport,
    /// Where it came from.
    pub source: Source,
    /// Person of each layout index.
    pub order: Vec<PersonId>,
    /// Layout index of each person index (`u32::MAX` for none).
    pub dense_of: Vec<u32>,
    /// What else the load found: format, relations, attributes, possible duplicates.
    pub import: ImportInfo,
    /// Positions by layout index while another network is shown (empty: not laid out yet).
    pub positions: Vec<[f32; 2]>,
    /// Pins by layout index while another network is shown.
    pub pinned: Vec<bool>,
    /// Order of opening, which the project list and the comparison keep.
    pub serial: u64,
    /// The pseudonymised copy shown while names are hidden: (source revision, language, copy).
    anon: Option<(u64, Lang, Network)>,
}

/// What a load found besides the network, for the import dialog.
#[derive(Clone, Debug, Default)]
pub struct ImportInfo {
    /// The path the user opened.
    pub path: Option<PathBuf>,
    /// The format read.
    pub format: Option<io::open::Format>,
    /// All relations of the file.
    pub relations: Vec<String>,
    /// The options the file was read with.
    pub options: LoadOptions,
    /// The mapping applied (peer formats).
    pub mapping: Option<io::convert::AttributeMapping>,
    /// The node attributes of the file.
    pub attributes: Vec<io::convert::AttributeSummary>,
    /// Possible duplicate names (surveys).
    pub duplicates: Vec<io::survey::PossibleDuplicate>,
}

impl ImportInfo {
    /// Whether the user should look at the import dialog: a choice to make or names to check.
    pub fn needs_attention(&self) -> bool {
        self.relations.len() > 1
            || !self.duplicates.is_empty()
            || self.format.is_some_and(io::open::Format::has_free_attributes) && !self.attributes.is_empty()
    }
}

impl Document {
    fn new(
        network: Network,
        report: ImportReport,
        source: Source,
        node_sizes: Option<[f32; 2]>,
    ) -> (Self, layout::LayoutGraph) {
        let (graph, order) = layout::graph_of_sized(&network, node_sizes);
        let mut dense_of = vec![u32::MAX; network.person_bound()];
        for (i, id) in order.iter().enumerate() {
            if let Some(slot) = dense_of.get_mut(id.index()) {
                *slot = i as u32;
            }
        }
        let doc = Self {
            network,
            report,
            source,
            order,
            dense_of,
            import: ImportInfo::default(),
            positions: Vec::new(),
            pinned: Vec::new(),
            serial: 0,
            anon: None,
        };
        (doc, graph)
    }

    /// The document of a loaded network with what the import did, its layout graph and the
    /// positions the file gave. `choices` are the import choices remembered for the file; the
    /// relation read wins over theirs.
    fn from_loaded(
        loaded: Loaded,
        source: Source,
        path: Option<PathBuf>,
        choices: Option<LoadOptions>,
        node_sizes: Option<[f32; 2]>,
    ) -> (Self, layout::LayoutGraph, std::collections::BTreeMap<String, [f32; 2]>) {
        let Loaded {
            network,
            report,
            format,
            relations,
            relation,
            mapping,
            attributes,
            duplicates,
            positions,
            ..
        } = loaded;
        let (mut doc, graph) = Self::new(network, report, source, node_sizes);
        let mut options = choices.unwrap_or_default();
        options.relation = relation.or(options.relation);
        doc.import = ImportInfo { path, format, relations, options, mapping, attributes, duplicates };
        (doc, graph, positions)
    }

    /// The network as shown: the pseudonymised copy while names are hidden, else the network.
    /// Everything on screen and every export reads this; edits go to `network`.
    pub fn shown(&self) -> &Network {
        self.anon.as_ref().map_or(&self.network, |(_, _, n)| n)
    }

    /// Keeps the pseudonymised copy in step with the network (or drops it).
    pub fn set_anonymized(&mut self, on: bool, lang: Lang) {
        if !on {
            self.anon = None;
            return;
        }
        let revision = self.network.revision();
        if self.anon.as_ref().is_none_or(|(r, l, _)| *r != revision || *l != lang) {
            self.anon = Some((revision, lang, analysis::anonymize::anonymized(&self.network, lang)));
        }
    }

    /// Layout index of a person.
    pub fn dense(&self, id: PersonId) -> Option<usize> {
        self.dense_of.get(id.index()).copied().filter(|&d| d != u32::MAX).map(|d| d as usize)
    }
}

/// From this many people, a freshly opened network is drawn once before its layout starts.
const BIG_FIRST_PICTURE: usize = 20_000;

/// A status-bar message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to say.
    None,
    /// Information.
    Info(String),
    /// Something went wrong; the text says what, where and how to fix it.
    Error(String),
}

/// A load running on a background thread.
struct LoadJob {
    path: PathBuf,
    mode: LoadMode,
    progress: Arc<Progress>,
    rx: Receiver<Result<Loaded, LoadError>>,
    started: Instant,
}

/// A drag of a person in progress.
#[derive(Clone, Copy, Debug)]
struct DragGesture {
    person: PersonId,
    from: [f32; 2],
    to: [f32; 2],
    pinned_before: bool,
}

/// The network shown beside the active one: its own scene, camera and canvas state.
pub struct CompareView {
    key: (u64, u64, FilterSpec, Encoding),
    /// Its scene.
    pub scene: Scene,
    camera: Camera,
    canvas: CanvasState,
    auto_fit: bool,
    /// The largest in-degree of the network beside (for one size scale).
    max_in: u32,
}

/// A live survey in the room: its server, where its answers go and how many came.
pub struct LiveSurvey {
    server: crate::collect::server::Server,
    /// The address participants open.
    pub join_url: String,
    /// The question.
    pub question: String,
    /// The survey table, opened as the network once answers come.
    pub table: PathBuf,
    answers: Arc<std::sync::atomic::AtomicUsize>,
    opened: bool,
}

impl LiveSurvey {
    /// Participants who have answered.
    pub fn answers(&self) -> usize {
        self.answers.load(std::sync::atomic::Ordering::Acquire)
    }
}

/// The live survey dialog's fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyDraft {
    /// What is asked.
    pub config: crate::collect::SurveyConfig,
    /// Offer the open network's people as type-ahead.
    pub roster_from_network: bool,
    /// The address to listen on (index into [`crate::collect::interfaces`]).
    pub address: String,
    /// The port.
    pub port: u16,
    /// The answers' folder.
    pub folder: String,
}

/// What a chart texture shows: the chart, its size in pixels, language, colours and the
/// revisions of what it is drawn from.
#[derive(Clone, Debug, PartialEq)]
struct ChartKey {
    chart: crate::project::SavedChart,
    pixels: [usize; 2],
    lang: Lang,
    palette: crate::scene::style::Palette,
    data: Vec<u64>,
}

/// Whether a load replaces the project or joins it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    /// The file becomes the only open network (File > Open).
    Replace,
    /// The file joins the open networks (File > Add to project, Open folder).
    Add,
}

/// Cached results, each recomputed only when its inputs change.
#[derive(Default)]
struct Caches {
    degree_key: Option<u64>,
    in_degree: Vec<u32>,
    filter_key: Option<(u64, FilterSpec)>,
    filtered: Filtered,
    /// People and ties that stand out in the neighbourhood view, for the header's counts.
    focus_counts: Option<(FocusKey, (usize, usize))>,
    scene_key: Option<SceneKey>,
    scene: Scene,
    size_values: Option<crate::scene::SizeValues>,
}

/// What the neighbourhood counts depend on: revision, filters, (focus, steps).
type FocusKey = (u64, FilterSpec, (PersonId, u8));

#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    filter: FilterSpec,
    generation: u64,
    epoch: u64,
    focus: (Option<PersonId>, u8),
    selected: Option<PersonId>,
    encoding: Encoding,
}

/// The app.
pub struct InfonetApp {
    /// Persisted settings.
    pub view: ViewState,
    /// Current filters.
    pub filter: FilterSpec,
    /// The network on screen.
    pub doc: Option<Document>,
    /// The other open networks (municipalities of the project), in opening order.
    pub others: Vec<Document>,
    /// The network shown beside the active one, by serial.
    pub compare_with: Option<u64>,
    /// Its view, while shown.
    pub compare: Option<CompareView>,
    /// The layout (worker thread or inline).
    pub layout: LayoutHandle,
    /// The view.
    pub camera: Camera,
    /// Follow the layout with the camera until the user pans or zooms.
    pub auto_fit: bool,
    /// A big network's layout waits until its first picture is on screen: frames to wait.
    start_layout_after: Option<u8>,
    /// Person whose card is open.
    pub selected: Option<PersonId>,
    /// Person under the pointer.
    pub hovered: Option<PersonId>,
    /// Status-bar message.
    pub status: Status,
    /// The error shown whole in its own window (a new error opens it; the status bar reopens it).
    pub error_window: Option<String>,
    /// The last error the window was opened for.
    error_seen: Option<String>,
    /// Text of the "open by path" field when it is shown.
    pub path_field: Option<String>,
    /// Explains why the path field is shown (no file dialog).
    pub path_field_note: bool,
    /// The picture export window is open.
    pub show_picture_dialog: bool,
    /// Whether the path field opens or exports.
    pub path_field_mode: crate::ui::PathFieldMode,
    /// The import dialog's draft choices.
    pub import_draft: Option<crate::ui::ImportDraft>,
    /// Show the shortcuts window.
    pub show_shortcuts: bool,
    /// Show the about window.
    pub show_about: bool,
    canvas: CanvasState,
    caches: Caches,
    loading: Option<LoadJob>,
    picker: Box<dyn FilePicker>,
    commands: Vec<Command>,
    canvas_rect: Option<egui::Rect>,
    quit_requested: bool,
    /// The path of the load being installed (set by `finish_load`).
    loading_path: Option<PathBuf>,
    /// The import dialog is open.
    pub show_import: bool,
    /// Open the import dialog's warnings (asked for from the status bar).
    pub import_warnings_open: bool,
    /// Cached analysis of the active network.
    pub insights: crate::insights::Insights,
    /// Cached comparison rows of every open network.
    pub comparison: crate::insights::Comparison,
    /// Sorting of the comparison table.
    pub compare_sort: crate::ui::analysis_panel::CompareSort,
    /// OCAI culture profiles, when a responses file is open.
    pub ocai: Option<crate::analysis::ocai::OcaiReport>,
    /// The culture panel's choices.
    pub ocai_panel: crate::ui::ocai_panel::OcaiPanelState,
    /// Asks for a frame from any thread (background jobs).
    wake: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Presentation mode: panels hidden, canvas fills the screen, clicker keys step scenes.
    pub presenting: bool,
    /// The scene shown last (index into `scenes`).
    pub current_scene: Option<usize>,
    /// The ego view: a person and how many steps of neighbourhood stay bright.
    pub ego: Option<(PersonId, u8)>,
    /// The search box's text while it is open.
    pub search: Option<String>,
    /// A person pulsing after a search, and when it started.
    pub pulse: Option<(PersonId, Instant)>,
    /// A camera move in progress: (from, to, start).
    camera_move: Option<(Camera, Camera, Instant)>,
    /// The view before the neighbourhood view zoomed in (and whether it followed the layout),
    /// to go back to when it is left.
    camera_before_focus: Option<(Camera, bool)>,
    /// The canvas size (points) the moving camera's target was saved at: a scene shows the
    /// same part of the world on a bigger or smaller canvas (presenting hides the panels).
    camera_move_size: Option<[f32; 2]>,
    /// When the canvas last faded in (scene change).
    fade_started: Option<Instant>,
    /// Name typed for a new scene.
    pub new_scene_name: String,
    /// The scene list window is open.
    pub show_scenes: bool,
    /// The project file the work was last saved to or opened from.
    pub project_path: Option<PathBuf>,
    /// This instance's recovery file, where autosaves go while there are unsaved changes
    /// (`None`: no autosave, e.g. most tests).
    pub recovery: Option<crate::recovery::RecoverySlot>,
    /// An autosave left by an instance that ended without saving, offered for recovery, with
    /// when it was written.
    pub recovery_offer: Option<(PathBuf, std::time::SystemTime)>,
    /// When the pending autosave is due.
    autosave: crate::recovery::AutosaveSchedule,
    /// The clock autosaves are timed by (a manual one in tests).
    clock: Arc<dyn crate::recovery::Clock>,
    /// Whether the window had keyboard focus last frame (losing it writes the autosave).
    was_focused: Option<bool>,
    /// The window was asked to close with unsaved changes: ask what to do.
    pub confirm_close: bool,
    close_anyway: bool,
    /// Close the window once the save asked for on closing has succeeded.
    pub close_after_save: bool,
    /// Scenes of the project.
    pub scenes: Vec<crate::project::SavedScene>,
    /// The OCAI responses file's text (saved with the project).
    pub ocai_text: Option<String>,
    /// Watches the open files for changes.
    watcher: Option<crate::watch::FileWatcher>,
    watch_pending: Vec<PathBuf>,
    /// Reload the network when its file changes on disk.
    pub watch_files: bool,
    /// The network was edited here since it was read (a change on disk then asks first).
    network_edited: bool,
    /// Undo and redo.
    pub history: crate::edit::History,
    /// The project has changes that are not saved.
    pub dirty: bool,
    /// The drag in progress (one undo step per drag).
    drag_gesture: Option<DragGesture>,
    /// The live survey, while it runs.
    pub live: Option<LiveSurvey>,
    /// The live survey dialog's choices.
    pub survey_draft: Option<SurveyDraft>,
    /// A chart shown instead of the network (a chart slide), if any.
    pub chart: Option<crate::project::SavedChart>,
    /// The chart's picture on screen: (what and at which size, texture).
    chart_texture: Option<(ChartKey, egui::TextureHandle)>,
    /// The municipality's new name while it is being typed.
    pub rename_draft: Option<String>,
    /// The "add person" dialog, when open.
    pub new_person: Option<crate::ui::NewPersonDraft>,
    /// Drawing a new tie from this person (Shift + drag).
    pub tie_from: Option<PersonId>,
    /// The person card's editor, when open: (who, fields).
    pub card_edit: Option<(PersonId, crate::ui::NewPersonDraft)>,
    /// Files waiting to be added to the project, loaded one after the other.
    pending_loads: std::collections::VecDeque<PathBuf>,
    next_serial: u64,
}

/// The key a file's import choices are remembered under.
pub fn choice_key(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).display().to_string()
}

impl InfonetApp {
    /// A new app with the given layout handle and file picker.
    pub fn new(view: ViewState, layout: LayoutHandle, mut picker: Box<dyn FilePicker>) -> Self {
        picker.set_lang(view.lang);
        Self {
            view,
            filter: FilterSpec::default(),
            doc: None,
            others: Vec::new(),
            compare_with: None,
            compare: None,
            layout,
            camera: Camera::default(),
            auto_fit: true,
            start_layout_after: None,
            selected: None,
            hovered: None,
            status: Status::None,
            error_window: None,
            error_seen: None,
            path_field: None,
            path_field_note: false,
            show_picture_dialog: false,
            path_field_mode: crate::ui::PathFieldMode::Open,
            import_draft: None,
            show_shortcuts: false,
            show_about: false,
            canvas: CanvasState::default(),
            caches: Caches::default(),
            loading: None,
            picker,
            commands: Vec::new(),
            canvas_rect: None,
            quit_requested: false,
            loading_path: None,
            show_import: false,
            import_warnings_open: false,
            pending_loads: std::collections::VecDeque::new(),
            next_serial: 1,
            presenting: false,
            current_scene: None,
            ego: None,
            search: None,
            pulse: None,
            camera_move: None,
            camera_before_focus: None,
            camera_move_size: None,
            fade_started: None,
            new_scene_name: String::new(),
            show_scenes: false,
            project_path: None,
            recovery: None,
            recovery_offer: None,
            autosave: crate::recovery::AutosaveSchedule::default(),
            clock: Arc::new(crate::recovery::SystemClock),
            was_focused: None,
            confirm_close: false,
            close_anyway: false,
            close_after_save: false,
            scenes: Vec::new(),
            ocai_text: None,
            watcher: None,
            watch_pending: Vec::new(),
            watch_files: true,
            network_edited: false,
            history: crate::edit::History::default(),
            dirty: false,
            drag_gesture: None,
            new_person: None,
            rename_draft: None,
            chart: None,
            chart_texture: None,
            live: None,
            survey_draft: None,
            tie_from: None,
            card_edit: None,
            insights: crate::insights::Insights::default(),
            comparison: crate::insights::Comparison::default(),
            compare_sort: crate::ui::analysis_panel::CompareSort::default(),
            ocai: None,
            ocai_panel: crate::ui::ocai_panel::OcaiPanelState::default(),
            wake: None,
        }
    }

    /// For tests: an app that steps the layout inline and never opens a real file dialog.
    pub fn headless(picker: Box<dyn FilePicker>) -> Self {
        Self::new(ViewState::default(), LayoutHandle::inline(), picker)
    }

    /// Queues a command, applied at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Blocks until a running load has finished (tests and the command line).
    pub fn wait_for_load(&mut self) {
        if let Some(job) = self.loading.take() {
            let result = job.rx.recv().unwrap_or_else(|_| {
                Err(LoadError::NotATable {
                    path: job.path.clone(),
                    message: "the loading thread stopped".into(),
                })
            });
            self.finish_load(&job.path, job.mode, result);
        }
        while self.loading.is_none() && !self.pending_loads.is_empty() {
            self.next_pending();
            if let Some(job) = self.loading.take() {
                let result = job.rx.recv().unwrap_or_else(|_| {
                    Err(LoadError::NotATable {
                        path: job.path.clone(),
                        message: "the loading thread stopped".into(),
                    })
                });
                self.finish_load(&job.path, job.mode, result);
            }
        }
    }

    /// The filter result for the open network (cached).
    pub fn filtered(&self) -> &Filtered {
        &self.caches.filtered
    }

    /// The header's counts: (people shown, all people, ties shown, all ties). While the
    /// neighbourhood view is on, only its people and the ties that stand out count as shown.
    pub fn shown_counts(&self) -> (usize, usize, usize, usize) {
        let f = &self.caches.filtered;
        let (people, ties) = self.caches.focus_counts.map_or((f.people_shown, f.ties_shown), |(_, c)| c);
        (people, f.people_total, ties, f.ties_total)
    }

    /// Where the camera is going: the end of a camera move in progress, else where it is.
    pub fn camera_goal(&self) -> Camera {
        self.camera_move.map_or(self.camera, |(_, to, _)| to)
    }

    /// The canvas's rectangle in the last frame (points).
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas_rect
    }

    /// The current scene (cached).
    pub fn scene(&self) -> &Scene {
        &self.caches.scene
    }

    /// Opens a network synchronously from memory (samples, tests), as the only network.
    pub fn install_loaded(&mut self, loaded: Loaded, source: Source) {
        self.install(loaded, source, LoadMode::Replace);
    }

    /// Every open network in opening order: (serial, name, is it the one on screen).
    pub fn project_list(&self) -> Vec<(u64, String, bool)> {
        let mut list: Vec<(u64, String, bool)> =
            self.others.iter().map(|d| (d.serial, d.shown().name.clone(), false)).collect();
        if let Some(doc) = &self.doc {
            list.push((doc.serial, doc.shown().name.clone(), true));
        }
        list.sort_by_key(|(serial, _, _)| *serial);
        list
    }

    /// All open networks in opening order.
    pub fn all_docs(&self) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self.others.iter().chain(self.doc.as_ref()).collect();
        docs.sort_by_key(|d| d.serial);
        docs
    }

    /// The network shown beside the active one.
    pub fn compare_doc(&self) -> Option<&Document> {
        let serial = self.compare_with?;
        self.others.iter().find(|d| d.serial == serial)
    }

    /// Shows another open network; the current one keeps its positions and pins.
    pub fn activate(&mut self, serial: u64) {
        if self.doc.as_ref().is_some_and(|d| d.serial == serial) {
            return;
        }
        let Some(index) = self.others.iter().position(|d| d.serial == serial) else { return };
        let next = self.others.remove(index);
        if let Some(mut current) = self.doc.take() {
            let snapshot = self.layout.snapshot();
            current.positions.clone_from(&snapshot.positions);
            current.pinned.clone_from(&snapshot.pinned);
            self.others.push(current);
        }
        if self.compare_with == Some(serial) {
            self.compare_with = None;
        }
        let (graph, _) = layout::graph_of_sized(&next.network, self.view.node_sizes);
        let engine = if next.positions.len() == graph.len() && !graph.is_empty() {
            LayoutEngine::settled_at(&graph, &next.positions, &next.pinned, self.view.layout)
        } else {
            LayoutEngine::new(&graph, self.view.seed, &[], self.view.layout)
        };
        self.status = Status::Info(format!("{} {}", self.view.lang.tr().opened, next.network.name));
        let files = match &next.source {
            Source::Files(files) if self.watch_files => files.clone(),
            _ => Vec::new(),
        };
        self.doc = Some(next);
        self.selected = None;
        self.hovered = None;
        self.auto_fit = true;
        self.layout.replace(engine);
        self.network_edited = false;
        self.watch(&files);
        self.adopt_culture_names();
    }

    /// Closes one network of the project.
    pub fn close_doc(&mut self, serial: u64) {
        if self.compare_with == Some(serial) {
            self.compare_with = None;
        }
        if self.doc.as_ref().is_some_and(|d| d.serial == serial) {
            self.doc = None;
            if let Some(next) = self.others.iter().map(|d| d.serial).min() {
                self.activate(next);
            }
        } else {
            self.others.retain(|d| d.serial != serial);
        }
    }

    fn install(&mut self, loaded: Loaded, source: Source, mode: LoadMode) {
        let serial = self.next_serial;
        self.next_serial += 1;
        if mode == LoadMode::Add && self.doc.is_some() {
            // Joins the project without disturbing the network on screen; laid out now when
            // small, else when first shown.
            let path = self.loading_path.take();
            let (mut doc, graph, positions) =
                Document::from_loaded(loaded, source, path, None, self.view.node_sizes);
            let from_file = layout::fit_file_positions(&graph, &positions, self.view.layout.link_distance);
            doc.serial = serial;
            if from_file.iter().all(Option::is_some) && !from_file.is_empty() {
                doc.positions = from_file.iter().map(|p| p.unwrap_or_default()).collect();
                doc.pinned = vec![false; graph.len()];
            } else if graph.len() <= 3_000 {
                let mut engine = LayoutEngine::new(&graph, self.view.seed, &from_file, self.view.layout);
                engine.run_to_settle(2_000);
                doc.positions = engine.positions();
                doc.pinned = vec![false; graph.len()];
            }
            self.status = Status::Info(format!(
                "{} {}: {}",
                self.view.lang.tr().opened,
                doc.network.name,
                self.view.lang.tr().load_summary(&doc.report)
            ));
            self.others.push(doc);
            self.adopt_culture_names();
            return;
        }
        if mode == LoadMode::Replace {
            let same = self.doc.as_ref().is_some_and(|d| d.source == source);
            if !same {
                self.others.clear();
                self.compare_with = None;
            }
        }
        let keep_positions = self.doc.as_ref().is_some_and(|d| d.source == source);
        let previous = if keep_positions { self.positions_by_key() } else { Default::default() };
        let path = self.loading_path.take();
        let choices = path.as_ref().and_then(|p| self.view.import_choices.get(&choice_key(p)).cloned());
        let (mut doc, graph, positions) =
            Document::from_loaded(loaded, source, path, choices, self.view.node_sizes);
        doc.serial = match &self.doc {
            Some(old) if keep_positions => old.serial,
            _ => serial,
        };
        let start: Vec<Option<[f32; 2]>> = graph.keys.iter().map(|k| previous.get(k).copied()).collect();
        // A file drawn by another tool (Gephi, yEd, Pajek) opens as it was drawn.
        let from_file = if keep_positions {
            Vec::new()
        } else {
            layout::fit_file_positions(&graph, &positions, self.view.layout.link_distance)
        };
        let file_known = from_file.iter().flatten().count();
        let engine = if keep_positions {
            // The same file again (reload, new import choices): everyone known stays put, pins
            // too; new people settle in beside their ties.
            let pins: Vec<bool> = self.pinned_keys_set(&graph.keys);
            LayoutEngine::after_edit(&graph, self.view.seed, &start, &pins, self.view.layout)
        } else if file_known > 0 {
            let pins = vec![false; graph.len()];
            LayoutEngine::after_edit(&graph, self.view.seed, &from_file, &pins, self.view.layout)
        } else {
            LayoutEngine::new(&graph, self.view.seed, &start, self.view.layout)
        };
        let tr = self.view.lang.tr();
        let changes = self
            .doc
            .as_ref()
            .filter(|_| keep_positions)
            .map(|old| crate::watch::Changes::between(&old.network, &doc.network));
        let message = match changes {
            Some(c) => format!("{} {}: {}", tr.reloaded, doc.network.name, c.describe(self.view.lang)),
            None if file_known > 0 => format!(
                "{} {}: {}; {}",
                tr.opened,
                doc.network.name,
                tr.load_summary(&doc.report),
                tr.file_positions_kept
            ),
            None => format!("{} {}: {}", tr.opened, doc.network.name, tr.load_summary(&doc.report)),
        };
        let warnings = doc.report.warnings.len();
        self.status = Status::Info(if warnings > 0 {
            let word = if warnings == 1 { tr.warning_one } else { tr.warnings };
            format!("{message} ({} {word})", tr.grouped(warnings))
        } else {
            message
        });
        if !keep_positions {
            self.filter = FilterSpec::default();
            self.selected = None;
            self.auto_fit = true;
        }
        self.hovered = None;
        let recent = match &doc.source {
            Source::Files(files) => files.first().cloned(),
            Source::Sample(_) => None,
        };
        let watched = match &doc.source {
            Source::Files(files) if self.watch_files => files.clone(),
            _ => Vec::new(),
        };
        let big = doc.network.person_count() >= BIG_FIRST_PICTURE;
        self.doc = Some(doc);
        self.layout.replace(engine);
        if big && !keep_positions && !self.layout.is_inline() && !self.layout.snapshot().paused {
            // Both cores draw the first picture (software GL needs them at 100,000 people);
            // the layout starts on the frame after.
            self.layout.set_paused(true);
            self.start_layout_after = Some(2);
        }
        self.network_edited = false;
        self.watch(&watched);
        if let Some(first) = recent {
            self.remember_recent(&first);
        }
        self.adopt_culture_names();
    }

    /// Networks whose name is the culture file's name of a municipality spelled another way
    /// (the file name "asdalen" for "Åsdalen") take the culture file's spelling, and the culture
    /// panel shows the open network's municipality.
    fn adopt_culture_names(&mut self) {
        let Some(report) = &self.ocai else { return };
        let spelled = |name: &str| {
            let key = crate::model::fold(name);
            report
                .groups
                .iter()
                .find(|g| !g.municipality.is_empty() && crate::model::fold(&g.municipality) == key)
                .map(|g| g.municipality.clone())
        };
        for doc in self.doc.iter_mut().chain(self.others.iter_mut()) {
            if let Some(name) = spelled(&doc.network.name) {
                doc.network.rename(&name);
            }
        }
        if let Some(name) = self.doc.as_ref().and_then(|d| spelled(&d.network.name)) {
            self.ocai_panel.selected = Some(name);
        }
    }

    /// Starts watching the files of the network on screen (reload on change).
    fn watch(&mut self, files: &[PathBuf]) {
        self.watcher = None;
        if files.is_empty() {
            return;
        }
        let Some(wake) = self.wake.clone() else {
            // No frame has run yet (tests); the first frame sets it up.
            self.watch_pending = files.to_vec();
            return;
        };
        self.watcher = crate::watch::FileWatcher::new(files, wake);
    }

    /// Reloads the network on screen when its file changed (and settled) on disk.
    fn poll_watcher(&mut self, ctx: &egui::Context) {
        if !self.watch_pending.is_empty() && self.wake.is_some() {
            let files = std::mem::take(&mut self.watch_pending);
            self.watch(&files);
        }
        let Some(watcher) = &mut self.watcher else { return };
        if watcher.poll() {
            let path = self.doc.as_ref().and_then(|d| d.import.path.clone());
            match path {
                Some(path) if !self.network_edited && self.loading.is_none() => {
                    self.start_load_as(path, LoadMode::Replace);
                }
                Some(_) if self.network_edited => {
                    self.status = Status::Info(self.view.lang.tr().changed_on_disk.to_owned());
                }
                _ => {}
            }
        } else if watcher.is_waiting() {
            ctx.request_repaint_after(Duration::from_millis(150));
        }
    }

    /// No file dialog on this system: the path field asks instead (with a note saying why).
    fn ask_for_path(&mut self, mode: crate::ui::PathFieldMode, suggested: String) {
        self.path_field = Some(suggested);
        self.path_field_note = true;
        self.path_field_mode = mode;
    }

    fn positions_by_key(&self) -> std::collections::HashMap<String, [f32; 2]> {
        let mut map = std::collections::HashMap::new();
        if let Some(doc) = &self.doc {
            let positions = &self.layout.snapshot().positions;
            for (i, id) in doc.order.iter().enumerate() {
                if let (Some(p), Some(person)) = (positions.get(i), doc.network.person(*id)) {
                    map.insert(person.key.clone(), *p);
                }
            }
        }
        map
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.view.recent.retain(|p| p != &path);
        self.view.recent.insert(0, path);
        self.view.recent.truncate(RECENT_MAX);
    }

    /// Starts loading a file on a background thread; the open network stays until it succeeds.
    pub fn start_load(&mut self, path: PathBuf) {
        self.start_load_as(path, LoadMode::Replace);
    }

    /// Adds files to the project, loading them one after the other.
    pub fn add_files(&mut self, paths: Vec<PathBuf>) {
        self.pending_loads.extend(paths);
        self.next_pending();
    }

    fn next_pending(&mut self) {
        if self.loading.is_none()
            && let Some(path) = self.pending_loads.pop_front()
        {
            self.start_load_as(path, LoadMode::Add);
        }
    }

    /// Starts a background load that replaces the project or joins it.
    pub fn start_load_as(&mut self, path: PathBuf, mode: LoadMode) {
        let options = self.view.import_choices.get(&choice_key(&path)).cloned().unwrap_or_default();
        let progress = Arc::new(Progress::new());
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let thread_progress = Arc::clone(&progress);
        let thread_path = path.clone();
        let thread_options = options.clone();
        let spawned = std::thread::Builder::new().name("load".into()).spawn(move || {
            let result = io::open::open(&thread_path, &thread_options, &thread_progress);
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => self.loading = Some(LoadJob { path, mode, progress, rx, started: Instant::now() }),
            Err(err) => {
                log::error!("cannot start a loading thread: {err}");
                let result = io::open::open(&path, &options, &Progress::new());
                self.finish_load(&path, mode, result);
            }
        }
    }

    /// Reads the open file again with new import choices, and remembers them for this file.
    pub fn reimport(&mut self, options: LoadOptions) {
        let Some(path) = self.doc.as_ref().and_then(|d| d.import.path.clone()) else { return };
        self.view.import_choices.insert(choice_key(&path), options);
        self.start_load(path);
    }

    fn poll_load(&mut self) {
        let Some(job) = &self.loading else { return };
        match job.rx.try_recv() {
            Ok(result) => {
                let (path, mode) = (job.path.clone(), job.mode);
                self.loading = None;
                self.finish_load(&path, mode, result);
                self.next_pending();
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                let path = job.path.clone();
                self.loading = None;
                let stopped = self.view.lang.tr().loading_stopped;
                self.status = Status::Error(format!("{}: {stopped}", path.display()));
            }
        }
    }

    fn finish_load(&mut self, path: &Path, mode: LoadMode, result: Result<Loaded, LoadError>) {
        match result {
            Ok(loaded) => {
                let files = loaded.files.clone();
                self.loading_path = Some(path.to_owned());
                let remembered = self.view.import_choices.contains_key(&choice_key(path));
                let joins = mode == LoadMode::Add && self.doc.is_some();
                self.install(loaded, Source::Files(files), mode);
                if joins {
                    return;
                }
                // A choice to make (relation, attributes) or names to check: show the dialog.
                if !remembered && self.doc.as_ref().is_some_and(|d| d.import.needs_attention()) {
                    self.show_import = true;
                }
            }
            Err(err) => {
                // The open network stays; the error says what, where and how to fix it.
                log::error!("{err}");
                let tr = self.view.lang.tr();
                let kept = if self.doc.is_some() { format!(" ({})", tr.kept_open) } else { String::new() };
                self.status = Status::Error(format!("{err}{kept}"));
                if matches!(err, LoadError::Io { .. }) {
                    self.view.recent.retain(|p| p != path);
                }
            }
        }
    }

    /// Runs one frame of the whole UI. Both eframe and the kittest harness call this.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let wanted = match self.view.theme {
            crate::scene::style::Theme::Light => egui::Theme::Light,
            crate::scene::style::Theme::Dark => egui::Theme::Dark,
        };
        if ctx.theme() != wanted {
            ctx.set_theme(wanted);
        }
        if let Some(frames) = self.start_layout_after {
            if frames == 0 {
                self.start_layout_after = None;
                self.layout.set_paused(false);
            } else {
                self.start_layout_after = Some(frames - 1);
                ctx.request_repaint();
            }
        }
        self.handle_input(&ctx);
        self.poll_load();
        self.poll_survey();
        // Inline layouts step here within a small budget; threaded ones just copy positions.
        self.layout.poll(Duration::from_millis(8));
        self.update_caches();

        self.update_insights(&ctx);
        self.poll_watcher(&ctx);

        // A new error opens in a window of its own: wrapped, whole, with its FILE:LINE:COL; not
        // in front of an audience (a file half-saved while presenting), but once that is over.
        match &self.status {
            Status::Error(text) if !self.presenting && self.error_seen.as_ref() != Some(text) => {
                self.error_seen = Some(text.clone());
                self.error_window = Some(text.clone());
            }
            Status::Error(_) => {}
            _ => self.error_seen = None,
        }
        let mut commands = std::mem::take(&mut self.commands);
        // Presentation mode hides every panel: the canvas fills the screen.
        if !self.presenting {
            ui::menu_bar_ui(ui, self, &mut commands);
            ui::status_bar_ui(ui, self);
            if self.view.show_side_panel {
                ui::side_panel_ui(ui, self, &mut commands);
            }
            if self.view.show_analysis && self.doc.is_some() {
                ui::analysis_panel::analysis_panel_ui(ui, self, &mut commands);
            }
            if let Some(id) = self.selected {
                ui::person_card_ui(ui, self, id, &mut commands);
            }
        }
        ui::present::search_ui(ui, self, &mut commands);
        ui::present::scenes_window_ui(ui, self, &mut commands);
        let options = CanvasOptions {
            show_legend: self.view.show_legend,
            palette: self.encoding().palette,
            max_labels: 300,
            lang: self.view.lang,
            legend_corner: self.view.legend_corner,
            label_size_by_degree: self.view.label_size_by_degree,
            // The presenting hint line at the bottom is no place for a name.
            reserved_bottom: if self.presenting { 28.0 } else { 0.0 },
        };
        let mut canvas_output = None;
        self.update_compare_scene();
        let opacity = self.canvas_opacity();
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            ui.multiply_opacity(opacity);
            if let Some(chart) = self.chart.clone() {
                self.chart_ui(ui, &chart);
            } else if self.doc.is_some() {
                if self.compare.is_some() {
                    // Two municipalities side by side, with identical encodings and filters.
                    let rect = ui.available_rect_before_wrap();
                    let (left, right) = rect.split_left_right_at_fraction(0.5);
                    ui.scope_builder(
                        egui::UiBuilder::new().max_rect(left.shrink2(egui::vec2(1.0, 0.0))),
                        |ui| {
                            let out = canvas_ui(
                                ui,
                                &self.caches.scene,
                                &mut self.camera,
                                &mut self.canvas,
                                &options,
                            );
                            canvas_output = Some(out);
                        },
                    );
                    if let Some(view) = &mut self.compare {
                        ui.scope_builder(
                            egui::UiBuilder::new().max_rect(right.shrink2(egui::vec2(1.0, 0.0))),
                            |ui| {
                                let out =
                                    canvas_ui(ui, &view.scene, &mut view.camera, &mut view.canvas, &options);
                                if out.camera_moved {
                                    view.auto_fit = false;
                                }
                                if view.auto_fit
                                    && let (Some(r), Some(bounds)) = (out.rect, view.scene.bounds)
                                {
                                    view.camera =
                                        Camera::fitting_clear_of(r, view.canvas.legend_rect, bounds);
                                }
                            },
                        );
                    }
                } else {
                    let out = canvas_ui(ui, &self.caches.scene, &mut self.camera, &mut self.canvas, &options);
                    canvas_output = Some(out);
                }
            } else {
                ui.centered_and_justified(|ui| {
                    ui.label(self.view.lang.tr().no_network);
                });
            }
            ui::loading_overlay_ui(
                ui,
                self.loading.as_ref().map(|j| (j.path.as_path(), j.progress.as_ref(), j.started)),
                self.view.lang,
            );
            ui::drop_overlay_ui(ui, self.view.lang);
        });
        ui::dialogs_ui(ui, self, &mut commands);
        if let Some(options) = ui::import_dialog_ui(ui, self) {
            commands.push(Command::Reimport(options));
        }
        ui::new_person_ui(ui, self, &mut commands);
        ui::collect::live_survey_ui(
            &ctx,
            &mut self.survey_draft,
            self.live.as_ref(),
            self.view.lang,
            &mut commands,
        );

        if let Some(out) = canvas_output {
            self.canvas_rect = out.rect;
            if out.camera_moved {
                self.auto_fit = false;
            }
            self.hovered = out.hovered;
            if let Some(click) = out.clicked {
                commands.push(Command::Select(click));
            }
            match out.dragged_to {
                Some((id, p)) => {
                    // Shift + drag from a person draws a new tie instead of moving them.
                    let shift = ctx.input(|i| i.modifiers.shift);
                    if self.tie_from.is_some() || (shift && self.drag_gesture.is_none()) {
                        self.tie_from.get_or_insert(id);
                    } else {
                        commands.push(Command::DragTo(id, p));
                    }
                }
                None => {
                    if let Some(g) = self.drag_gesture.take()
                        && let Some(key) = self.key_of(g.person)
                    {
                        self.history.push(Edit::Move {
                            key,
                            from: g.from,
                            to: g.to,
                            pinned_before: g.pinned_before,
                        });
                    }
                    if let Some(from) = self.tie_from.take()
                        && let Some(to) = out.hovered.filter(|t| *t != from)
                        && let (Some(source), Some(target)) = (self.key_of(from), self.key_of(to))
                    {
                        commands.push(Command::Perform(Edit::AddTie {
                            source,
                            target,
                            tie: crate::model::Tie::default(),
                        }));
                    }
                }
            }
            self.paint_tie_band(&ctx);
            if let Some((id, pinned)) = out.set_pinned {
                commands.push(Command::SetPinned(id, pinned));
            }
        }
        for command in commands {
            self.apply(command, &ctx);
        }
        self.animate(&ctx);
        if self.camera_move.is_none() {
            self.follow_layout_with_camera(&ctx);
        }
        self.paint_pulse(&ctx);
        if self.presenting {
            ui::present::presentation_hint_ui(&ctx, self);
        }
        self.autosave(&ctx);
        if self.close_after_save && !self.dirty {
            self.close_after_save = false;
            self.close_anyway = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Closing with unsaved changes asks first.
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.close_anyway {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
        self.update_caches();

        // Repaint only while something moves. A threaded layout wakes us itself.
        if self.layout.is_inline() && self.layout.is_moving() {
            ctx.request_repaint();
        }
        if self.loading.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if self.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        // One file opens; several (or a folder) become a project of municipalities.
        match dropped.as_slice() {
            [] => {}
            [one] if one.is_dir() => self.commands.push(Command::OpenFolder(one.clone())),
            [one] => self.commands.push(Command::Open(one.clone())),
            many => self.commands.push(Command::AddFiles(many.to_vec())),
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
            self.commands.push(Command::OpenDialog);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::S)) {
            self.commands.push(Command::SaveProjectAs);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            self.commands.push(Command::SaveProject);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z))
            || ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y))
        {
            self.commands.push(Command::Redo);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z)) {
            self.commands.push(Command::Undo);
        }
        // As in slide software: F5 presents from the first scene, Shift+F5 from the current one.
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, egui::Key::F5)) && !self.presenting {
            self.commands.push(Command::SetPresenting(true));
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5)) {
            if !self.presenting && !self.scenes.is_empty() {
                self.commands.push(Command::GoToScene(0));
            }
            self.commands.push(Command::SetPresenting(!self.presenting));
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F11)) {
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
            self.search = Some(String::new());
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        // What presentation clickers send: PageDown/PageUp, arrows, Space.
        let (next, previous) = ctx.input_mut(|i| {
            let next = i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown)
                || (self.presenting && i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight))
                || (self.presenting && i.consume_key(egui::Modifiers::NONE, egui::Key::Space));
            let previous = i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp)
                || (self.presenting && i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft));
            (next, previous)
        });
        if next {
            self.commands.push(Command::StepScene(true));
        }
        if previous {
            self.commands.push(Command::StepScene(false));
        }
        if self.presenting && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
            self.commands.push(Command::SetPresenting(false));
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Delete)) {
            self.commands.push(Command::DeleteSelected);
        }
        use egui::{Key, Modifiers};
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Space)) {
            let paused = self.layout.snapshot().paused;
            self.commands.push(Command::SetPaused(!paused));
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F)) {
            self.commands.push(Command::Fit);
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::A)) {
            self.view.show_analysis = !self.view.show_analysis;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::L)) {
            self.view.show_labels = !self.view.show_labels;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.commands.push(Command::Select(None));
        }
    }

    /// The encoding the scene and legend use.
    pub fn encoding(&self) -> Encoding {
        let colour_by =
            self.doc.as_ref().and_then(|d| d.import.mapping.as_ref()).and_then(|m| m.colour_by.clone());
        Encoding {
            show_labels: self.view.show_labels,
            lang: self.view.lang,
            palette: crate::scene::style::Palette::of(self.view.theme, self.view.colour_blind),
            colour_by,
            // Presenting always uses it: projectors wash out translucent ties.
            high_contrast: self.view.high_contrast || self.presenting,
            node_sizes: self.view.node_sizes,
            // Show beside: one size scale for both (the same in-degree is the same disc).
            shared_size_max: self
                .compare
                .as_ref()
                .filter(|_| self.compare_with.is_some())
                .map(|c| c.max_in.max(self.caches.in_degree.iter().copied().max().unwrap_or(0))),
        }
    }

    fn update_caches(&mut self) {
        let (anonymize, lang) = (self.view.anonymize, self.view.lang);
        if let Some(doc) = &mut self.doc {
            doc.set_anonymized(anonymize, lang);
        }
        for doc in &mut self.others {
            doc.set_anonymized(anonymize, lang);
        }
        let Some(doc) = &self.doc else {
            self.caches = Caches::default();
            return;
        };
        let revision = doc.shown().revision();
        if self.caches.degree_key != Some(revision) {
            self.caches.in_degree = analysis::in_degrees(doc.shown());
            self.caches.degree_key = Some(revision);
            self.caches.scene_key = None;
        }
        let filter_key = (revision, self.filter);
        if self.caches.filter_key.as_ref() != Some(&filter_key) {
            self.caches.filtered = analysis::filter::apply(doc.shown(), &self.filter);
            self.caches.filter_key = Some(filter_key);
        }
        match self.ego {
            Some(ego) => {
                let key = (revision, self.filter, ego);
                if self.caches.focus_counts.as_ref().is_none_or(|(k, _)| *k != key) {
                    let counts = self.caches.filtered.in_focus(doc.shown(), ego.0, ego.1);
                    self.caches.focus_counts = Some((key, counts));
                }
            }
            None => self.caches.focus_counts = None,
        }
        let snapshot = self.layout.snapshot();
        let key = SceneKey {
            revision,
            filter: self.filter,
            generation: snapshot.generation,
            epoch: snapshot.epoch,
            focus: (self.focus_person(), self.focus_depth()),
            selected: self.selected,
            encoding: self.encoding(),
        };
        let only_moved = self.caches.scene_key.as_ref().is_some_and(|old| {
            old.generation != key.generation && SceneKey { generation: key.generation, ..old.clone() } == key
        });
        if only_moved && snapshot.positions.len() == doc.order.len() {
            // The layout stepped: move people, keep everything else.
            scene::reposition(&mut self.caches.scene, &doc.dense_of, &snapshot.positions, &snapshot.pinned);
            self.caches.scene_key = Some(key);
        } else if self.caches.scene_key.as_ref() != Some(&key) {
            let encoding = self.encoding();
            self.caches.scene = scene::build(&SceneInput {
                network: doc.shown(),
                order: &doc.order,
                positions: &snapshot.positions,
                pinned: &snapshot.pinned,
                filtered: &self.caches.filtered,
                filter: &self.filter,
                in_degree: &self.caches.in_degree,
                size: self.caches.size_values.as_ref(),
                focus: self.focus_person(),
                focus_depth: self.focus_depth(),
                selected: self.selected,
                encoding: &encoding,
            });
            self.caches.scene_key = Some(key);
        }
    }

    /// Builds the scene of the network shown beside, when its inputs changed.
    fn update_compare_scene(&mut self) {
        let Some(doc) = self.compare_doc() else {
            self.compare = None;
            return;
        };
        let encoding = self.encoding();
        let key = (doc.serial, doc.shown().revision(), self.filter, encoding.clone());
        if self.compare.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        let filtered = analysis::filter::apply(doc.shown(), &self.filter);
        let in_degree = analysis::in_degrees(doc.shown());
        let max_in = in_degree.iter().copied().max().unwrap_or(0);
        let positions = if doc.positions.len() == doc.order.len() {
            doc.positions.clone()
        } else {
            // Never laid out (a large network added to the project): lay it out now.
            let (graph, _) = layout::graph_of_sized(&doc.network, self.view.node_sizes);
            let mut engine = LayoutEngine::new(&graph, self.view.seed, &[], self.view.layout);
            engine.run_to_settle(2_000);
            engine.positions()
        };
        let pinned = vec![false; positions.len()];
        let scene = scene::build(&SceneInput {
            network: doc.shown(),
            order: &doc.order,
            positions: &positions,
            pinned: &pinned,
            filtered: &filtered,
            filter: &self.filter,
            in_degree: &in_degree,
            size: None,
            focus: None,
            focus_depth: 1,
            selected: None,
            encoding: &encoding,
        });
        let same_network = self.compare.as_ref().is_some_and(|c| c.key.0 == key.0);
        match &mut self.compare {
            Some(view) if same_network => {
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

    /// Keeps the analysis caches current: measures while the panel is open, size values when
    /// size follows something other than in-degree. Background results ask for a frame.
    fn update_insights(&mut self, ctx: &egui::Context) {
        let wake = Arc::clone(self.wake.get_or_insert_with(|| {
            let ctx = ctx.clone();
            Arc::new(move || ctx.request_repaint())
        }));
        let Some(doc) = &self.doc else { return };
        if self.view.show_analysis {
            self.insights.update(doc.shown(), &self.filter, &self.caches.filtered, &wake);
        }
        let before = self.insights.size.as_ref().map(|s| (s.kind, s.values.len()));
        self.insights.poll(doc.shown(), &self.caches.filtered);
        self.insights.update_size(doc.shown(), self.view.size_by, &wake);
        let size_changed = self.insights.size != self.caches.size_values;
        if size_changed {
            self.caches.size_values = self.insights.size.clone();
            self.caches.scene_key = None;
            self.update_caches();
        }
        let _ = before;
        if self.insights.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }

    fn fit_target(&self) -> Option<Camera> {
        self.fit_bounds(self.caches.scene.bounds?)
    }

    /// The camera that shows `bounds` (world units) on the canvas.
    fn fit_bounds(&self, bounds: ([f32; 2], [f32; 2])) -> Option<Camera> {
        let canvas = self.canvas_rect?;
        // The legend sits in the margin, never over the network.
        Some(Camera::fitting_clear_of(canvas, self.canvas.legend_rect, bounds))
    }

    fn follow_layout_with_camera(&mut self, ctx: &egui::Context) {
        if !self.auto_fit {
            return;
        }
        let Some(target) = self.fit_target() else {
            if self.doc.is_some() {
                ctx.request_repaint();
            }
            return;
        };
        if self.camera == Camera::default() {
            self.camera = target;
            return;
        }
        let moving = self.layout.is_moving();
        self.camera.approach(&target, if moving { 0.25 } else { 0.35 });
        let close = (self.camera.scale / target.scale - 1.0).abs() < 1e-3
            && (self.camera.centre[0] - target.centre[0]).abs() * target.scale < 0.5
            && (self.camera.centre[1] - target.centre[1]).abs() * target.scale < 0.5;
        if close {
            self.camera = target;
        } else {
            ctx.request_repaint();
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        // Before anything that replaces what is on screen or takes the room's attention, the
        // latest changes go to the recovery file.
        if matches!(
            command,
            Command::Open(_)
                | Command::AddFiles(_)
                | Command::OpenFolder(_)
                | Command::OpenAllSamples
                | Command::OpenSample(_)
                | Command::OpenProject(_)
                | Command::OpenOcai(_)
                | Command::Reimport(_)
                | Command::SetPresenting(true)
        ) {
            self.write_autosave();
        }
        match command {
            Command::Open(path) => {
                if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("infonet")) {
                    self.open_project(&path);
                } else {
                    self.start_load(path);
                }
            }
            Command::OpenSample(stem) => match io::samples::load(stem) {
                Some(Ok(loaded)) => self.install_loaded(loaded, Source::Sample(stem)),
                Some(Err(err)) => self.status = Status::Error(format!("sample {stem}: {err}")),
                None => self.status = Status::Error(format!("no sample called {stem}")),
            },
            Command::OpenDialog => match self.picker.pick_network() {
                PickResult::Picked(path) => self.start_load(path),
                PickResult::Cancelled => {}
                PickResult::Unavailable => self.ask_for_path(crate::ui::PathFieldMode::Open, String::new()),
            },
            Command::OpenPathField => {
                self.path_field = Some(String::new());
                self.path_field_note = false;
                self.path_field_mode = crate::ui::PathFieldMode::Open;
            }
            Command::ImportSettings => self.show_import = self.doc.is_some(),
            Command::AddFiles(paths) => self.add_files(paths),
            Command::OcaiDialog => match self.picker.pick_network() {
                PickResult::Picked(path) => self.apply(Command::OpenOcai(path), ctx),
                PickResult::Unavailable => self.ask_for_path(crate::ui::PathFieldMode::Ocai, String::new()),
                PickResult::Cancelled => {}
            },
            Command::OpenOcai(path) => self.open_ocai(&path),
            Command::OpenFolder(folder) => {
                let files = io::open::network_files_in(&folder);
                // A culture survey in the same folder opens with the networks.
                if let Ok(entries) = std::fs::read_dir(&folder) {
                    let mut ocai: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| {
                            let name =
                                p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                            name.contains("ocai") && (name.ends_with(".csv") || name.ends_with(".xlsx"))
                        })
                        .collect();
                    ocai.sort();
                    if let Some(first) = ocai.first() {
                        self.open_ocai(first);
                    }
                }
                if files.is_empty() {
                    self.status = Status::Error(format!(
                        "{}: {}",
                        folder.display(),
                        self.view.lang.tr().no_network_files
                    ));
                } else {
                    // The first replaces the project, the rest join it.
                    let mut files = files.into_iter();
                    if let Some(first) = files.next() {
                        self.start_load_as(first, LoadMode::Replace);
                    }
                    self.pending_loads.extend(files);
                }
            }
            Command::AddDialog => match self.picker.pick_networks() {
                (paths, PickResult::Picked(_)) => self.add_files(paths),
                (_, PickResult::Unavailable) => {
                    self.ask_for_path(crate::ui::PathFieldMode::Add, String::new());
                }
                _ => {}
            },
            Command::FolderDialog => match self.picker.pick_folder() {
                PickResult::Picked(folder) => self.apply(Command::OpenFolder(folder), ctx),
                PickResult::Unavailable => self.ask_for_path(crate::ui::PathFieldMode::Folder, String::new()),
                PickResult::Cancelled => {}
            },
            Command::Activate(serial) => self.activate(serial),
            Command::CloseNetwork(serial) => self.close_doc(serial),
            Command::CompareWith(serial) => {
                self.compare_with = serial.filter(|s| self.others.iter().any(|d| d.serial == *s));
                ctx.request_repaint();
            }
            Command::OpenAllSamples => {
                if let Ok(report) = crate::analysis::ocai::parse_and_score(
                    io::samples::OCAI,
                    &crate::analysis::ocai::OcaiOptions::default(),
                ) {
                    self.ocai = Some(report);
                    self.ocai_text = Some(io::samples::OCAI.to_owned());
                }
                for (i, sample) in io::samples::SAMPLES.iter().enumerate() {
                    match io::samples::load(sample.stem) {
                        Some(Ok(loaded)) => {
                            let mode = if i == 0 { LoadMode::Replace } else { LoadMode::Add };
                            self.install(loaded, Source::Sample(sample.stem), mode);
                        }
                        Some(Err(err)) => {
                            self.status = Status::Error(format!("sample {}: {err}", sample.stem));
                        }
                        None => {}
                    }
                }
            }
            Command::Reimport(options) => self.reimport(options),
            Command::ExportDialog => {
                let Some(doc) = &self.doc else { return };
                let default_name = format!("{}.gexf", doc.shown().name);
                match self.picker.save_network(&default_name) {
                    PickResult::Picked(path) => self.export(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => self
                        .ask_for_path(crate::ui::PathFieldMode::Export, self.suggested_path(&default_name)),
                }
            }
            Command::Export(path) => self.export(&path),
            Command::PictureDialog => self.show_picture_dialog = self.doc.is_some(),
            Command::SavePicture(format) => {
                let Some(doc) = &self.doc else { return };
                let extension = match format {
                    crate::render::PictureFormat::Png => "png",
                    crate::render::PictureFormat::Svg => "svg",
                };
                let default_name = format!("{}.{extension}", doc.shown().name);
                match self.picker.save_picture(&default_name) {
                    PickResult::Picked(path) => self.export_picture(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => self
                        .ask_for_path(crate::ui::PathFieldMode::Picture, self.suggested_path(&default_name)),
                }
            }
            Command::ExportPicture(path) => self.export_picture(&path),
            Command::ClearRecent => self.view.recent.clear(),
            Command::SetPaused(paused) => self.layout.set_paused(paused),
            Command::RestartLayout => {
                self.view.seed = self.view.seed.wrapping_add(1);
                if let Some(doc) = &self.doc {
                    let (graph, _) = layout::graph_of_sized(&doc.network, self.view.node_sizes);
                    // Pinned people stay where they were pinned; everyone else starts afresh.
                    let snapshot = self.layout.snapshot();
                    let pins = self.pinned_keys_set(&graph.keys);
                    let start: Vec<Option<[f32; 2]>> = pins
                        .iter()
                        .enumerate()
                        .map(|(i, &pinned)| if pinned { snapshot.positions.get(i).copied() } else { None })
                        .collect();
                    let mut engine = LayoutEngine::new(&graph, self.view.seed, &start, self.view.layout);
                    for (i, _) in pins.iter().enumerate().filter(|(_, p)| **p) {
                        engine.set_pinned(i, true);
                    }
                    self.layout.replace(engine);
                    self.auto_fit = true;
                }
            }
            Command::AddChartScene(kind) => self.add_chart_scene(kind),
            Command::LiveSurveyDialog => {
                if self.survey_draft.is_none() {
                    let title = self.doc.as_ref().map_or_else(
                        || crate::collect::SurveyConfig::default().title,
                        |d| d.network.name.clone(),
                    );
                    let address = crate::collect::interfaces()
                        .first()
                        .map_or_else(|| "127.0.0.1".to_owned(), |(_, ip)| ip.to_string());
                    self.survey_draft = Some(SurveyDraft {
                        folder: self.suggested_path(&format!("{title} live survey")),
                        config: crate::collect::SurveyConfig { title, ..Default::default() },
                        roster_from_network: self.doc.is_some(),
                        address,
                        port: 8080,
                    });
                }
            }
            Command::StartSurvey => self.start_survey(),
            Command::StopSurvey => {
                if let Some(mut live) = self.live.take() {
                    live.server.stop();
                    let tr = self.view.lang.tr();
                    self.status = Status::Info(format!(
                        "{} {}: {}",
                        tr.survey_closed,
                        live.answers(),
                        live.table.display()
                    ));
                }
            }
            Command::CloseChart => {
                self.chart = None;
                self.current_scene = None;
            }
            Command::SetNodeSizes(sizes) => {
                if sizes != self.view.node_sizes {
                    self.view.node_sizes = sizes;
                    // The layout keeps the new discs apart, starting from where everyone is.
                    if let Some(doc) = &self.doc {
                        let (graph, _) = layout::graph_of_sized(&doc.network, sizes);
                        let snapshot = self.layout.snapshot();
                        if snapshot.positions.len() == graph.len() {
                            let engine = LayoutEngine::settled_at(
                                &graph,
                                &snapshot.positions,
                                &snapshot.pinned,
                                self.view.layout,
                            );
                            self.layout.replace(engine);
                            self.layout.reheat(0.15);
                        }
                    }
                }
            }
            Command::UnpinAll => {
                let pins: Vec<(String, bool)> = self.pinned_keys().into_iter().map(|k| (k, false)).collect();
                if !pins.is_empty() {
                    self.perform(Edit::PinMany { pins }, true);
                }
            }
            Command::SetPinned(id, pinned) => {
                if let Some(key) = self.key_of(id) {
                    self.perform(Edit::Pin { key, pinned }, true);
                }
            }
            Command::DragTo(id, p) => {
                if let Some(i) = self.doc.as_ref().and_then(|d| d.dense(id)) {
                    // One undo step per drag: remember where it started.
                    if self.drag_gesture.as_ref().is_none_or(|g| g.person != id) {
                        let snapshot = self.layout.snapshot();
                        let from = snapshot.positions.get(i).copied().unwrap_or(p);
                        let pinned_before = snapshot.pinned.get(i).copied().unwrap_or(false);
                        self.drag_gesture = Some(DragGesture { person: id, from, to: p, pinned_before });
                    }
                    if let Some(g) = &mut self.drag_gesture {
                        g.to = p;
                    }
                    self.layout.drag_to(i, p);
                    self.auto_fit = false;
                }
            }
            Command::SaveProject => match self.project_path.clone() {
                Some(path) => self.save_project(&path),
                None => self.apply(Command::SaveProjectAs, ctx),
            },
            Command::SaveProjectAs => {
                let name = self.doc.as_ref().map_or_else(|| "project".to_owned(), |d| d.network.name.clone());
                match self.picker.save_project(&format!("{name}.infonet")) {
                    PickResult::Picked(path) => self.save_project(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => self.ask_for_path(
                        crate::ui::PathFieldMode::SaveProject,
                        self.suggested_path(&format!("{name}.infonet")),
                    ),
                }
            }
            Command::SaveProjectTo(path) => self.save_project(&path),
            Command::OpenProject(path) => self.open_project(&path),
            Command::Recover(yes) => self.recover(yes),
            Command::CloseDiscarding => {
                self.close_anyway = true;
                self.confirm_close = false;
                self.autosave.clear();
                if let Some(slot) = &self.recovery {
                    slot.remove_all();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::SetPresenting(on) => {
                if on != self.presenting {
                    self.presenting = on;
                    // Larger text and legend for the room; back to normal afterwards.
                    let zoom = ctx.zoom_factor();
                    ctx.set_zoom_factor(if on { zoom * PRESENTATION_ZOOM } else { zoom / PRESENTATION_ZOOM });
                    if !on {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    }
                    if on {
                        self.search = None;
                        if self.current_scene.is_none() && !self.scenes.is_empty() {
                            self.go_to_scene(0);
                        }
                    }
                    self.auto_fit = self.auto_fit || self.camera_move.is_none();
                }
            }
            Command::StepScene(forward) => self.step_scene(forward),
            Command::GoToScene(i) => self.go_to_scene(i),
            Command::SaveScene(name) => self.save_scene(&name),
            Command::SetEgo(ego) => self.set_focus(ego),
            Command::ZoomTo(id) => {
                self.zoom_to(id);
                self.follow_focus(Some(id));
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Perform(edit) => self.perform(edit, true),
            Command::AddPersonDialog => {
                if self.doc.is_some() {
                    self.new_person = Some(crate::ui::NewPersonDraft::default());
                }
            }
            Command::DeleteSelected => {
                if let Some(person) =
                    self.selected.and_then(|id| self.doc.as_ref()?.network.person(id).cloned())
                {
                    let at = self.position_of_key(&person.key);
                    self.selected = None;
                    self.perform(Edit::RemovePerson { person, ties: Vec::new(), at, pinned: false }, true);
                }
            }
            Command::SetLayoutParams(params) => {
                self.view.layout = params;
                self.layout.set_params(params);
            }
            Command::SetFilter(filter) => {
                if filter != self.filter {
                    self.perform(Edit::Filter { before: self.filter, after: filter }, true);
                }
            }
            Command::Select(id) => {
                self.selected = id;
                self.follow_focus(id);
            }
            Command::Fit => {
                self.auto_fit = true;
                if let Some(target) = self.fit_target() {
                    self.camera = target;
                }
                ctx.request_repaint();
            }
            Command::SetLang(lang) => {
                let changed = lang != self.view.lang;
                self.view.lang = lang;
                self.picker.set_lang(lang);
                // A note written in the old language is said again in the new one.
                if changed
                    && matches!(self.status, Status::Info(_))
                    && let Some(doc) = &self.doc
                {
                    let tr = lang.tr();
                    let mut text =
                        format!("{} {}: {}", tr.opened, doc.network.name, tr.load_summary(&doc.report));
                    let warnings = doc.report.warnings.len();
                    if warnings > 0 {
                        let word = if warnings == 1 { tr.warning_one } else { tr.warnings };
                        text.push_str(&format!(" ({} {word})", tr.grouped(warnings)));
                    }
                    self.status = Status::Info(text);
                }
            }
            Command::Quit => self.quit_requested = true,
        }
    }

    /// The line from the person a new tie starts at to the pointer (Shift + drag).
    fn paint_tie_band(&self, ctx: &egui::Context) {
        let (Some(from), Some(doc), Some(rect)) = (self.tie_from, &self.doc, self.canvas_rect) else {
            return;
        };
        let Some(i) = doc.dense(from) else { return };
        let Some(p) = self.layout.snapshot().positions.get(i).copied() else { return };
        let Some(pointer) = ctx.pointer_latest_pos() else { return };
        let a = self.camera.ui_from_world(rect, p);
        let painter =
            ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("tie_band")));
        painter.arrow(a, pointer - a, egui::Stroke::new(2.5, crate::ui::theme::tie_band()));
        ctx.request_repaint();
    }

    /// The person whose neighbourhood stands out: the ego view's, else the hovered one.
    pub fn focus_person(&self) -> Option<PersonId> {
        self.ego.map(|(p, _)| p).or(self.hovered)
    }

    /// Turns the neighbourhood view on, moves it or leaves it (one undo step).
    pub fn set_focus(&mut self, ego: Option<(PersonId, u8)>) {
        if ego == self.ego {
            return;
        }
        let key = |e: Option<(PersonId, u8)>| e.and_then(|(p, d)| Some((self.key_of(p)?, d)));
        let (before, after) = (key(self.ego), key(ego));
        self.perform(Edit::Focus { before, after }, true);
    }

    /// A selection while the neighbourhood view is on: nobody (Esc, closing the card) leaves
    /// it; someone outside it (a search, a click in a list) moves it to them. Scenes keep
    /// theirs while presenting.
    fn follow_focus(&mut self, selected: Option<PersonId>) {
        let (Some((focus, depth)), Some(doc)) = (self.ego, &self.doc) else { return };
        if self.presenting {
            return;
        }
        match selected {
            None => self.set_focus(None),
            Some(p) => {
                let near = analysis::filter::neighbourhood(doc.shown(), focus, depth);
                if !near.get(p.index()).copied().unwrap_or(false) {
                    self.set_focus(Some((p, depth)));
                }
            }
        }
    }

    /// Moves the camera smoothly onto the neighbourhood view's people.
    fn fit_neighbourhood(&mut self) {
        let (Some((focus, depth)), Some(doc)) = (self.ego, &self.doc) else { return };
        let near = analysis::filter::neighbourhood(doc.shown(), focus, depth);
        let positions = &self.layout.snapshot().positions;
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for (i, id) in doc.order.iter().enumerate() {
            if near.get(id.index()).copied().unwrap_or(false)
                && let Some(p) = positions.get(i).filter(|p| p[0].is_finite() && p[1].is_finite())
            {
                min = [min[0].min(p[0]), min[1].min(p[1])];
                max = [max[0].max(p[0]), max[1].max(p[1])];
            }
        }
        if min[0] > max[0] {
            return;
        }
        // One person alone: as much room around them as one tie length.
        let pad = self.view.layout.link_distance;
        let bounds = ([min[0] - pad, min[1] - pad], [max[0] + pad, max[1] + pad]);
        let Some(target) = self.fit_bounds(bounds) else { return };
        self.camera_move = Some((self.camera, target, Instant::now()));
        self.camera_move_size = None;
        self.auto_fit = false;
    }

    fn focus_depth(&self) -> u8 {
        self.ego.map_or(1, |(_, d)| d.max(1))
    }

    /// Saves the current view as a named scene.
    pub fn save_scene(&mut self, name: &str) {
        let Some(doc) = &self.doc else { return };
        let snapshot = self.layout.snapshot();
        let positions = doc
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((doc.network.person(*id)?.key.clone(), *snapshot.positions.get(i)?)))
            .collect();
        let network = self.all_docs().iter().position(|d| d.serial == doc.serial).unwrap_or(0);
        let name = if name.trim().is_empty() {
            format!("{} {}", self.view.lang.tr().scene, self.scenes.len() + 1)
        } else {
            name.trim().to_owned()
        };
        self.scenes.push(crate::project::SavedScene {
            name,
            network,
            filter: self.filter,
            focus: self.ego.and_then(|(p, _)| doc.network.person(p)).map(|p| p.key.clone()),
            ego_depth: self.ego.map_or(0, |(_, d)| d),
            camera: crate::project::SavedCamera {
                centre: self.camera.centre,
                scale: self.camera.scale,
                size: self.canvas_rect.map(|r| [r.width(), r.height()]),
            },
            positions,
            chart: self.chart.clone(),
            legend_corner: Some(self.view.legend_corner),
            extra: Default::default(),
        });
        self.current_scene = Some(self.scenes.len() - 1);
        self.mark_dirty();
    }

    /// Adds a chart slide as a scene (of the open network, or for the comparison all of them)
    /// and shows it.
    pub fn add_chart_scene(&mut self, kind: crate::chart::ChartKind) {
        let tr = self.view.lang.tr();
        let network_name = self.doc.as_ref().map(|d| d.network.name.clone()).unwrap_or_default();
        let municipality = match kind {
            crate::chart::ChartKind::Compare => None,
            _ => Some(network_name.clone()),
        };
        let title = match kind {
            crate::chart::ChartKind::Composition => format!("{network_name}: {}", tr.chart_composition),
            crate::chart::ChartKind::Kite => format!("{network_name}: {}", tr.chart_kind_kite),
            crate::chart::ChartKind::Compare => tr.chart_kind_compare.to_owned(),
            crate::chart::ChartKind::Join => tr.survey_join_slide.to_owned(),
        };
        self.chart = Some(crate::project::SavedChart { kind, municipality });
        self.save_scene(&title);
    }

    /// Shows scene `index`: its municipality, filters, focus, frozen positions, and a smooth
    /// camera move with a fade.
    pub fn go_to_scene(&mut self, index: usize) {
        let Some(scene) = self.scenes.get(index).cloned() else { return };
        let serial = self.all_docs().get(scene.network).map(|d| d.serial);
        if let Some(serial) = serial {
            self.activate(serial);
        }
        self.filter = scene.filter;
        self.chart = scene.chart.clone();
        if let Some(corner) = scene.legend_corner {
            self.view.legend_corner = corner;
        }
        if let Some(doc) = &self.doc {
            self.ego =
                scene.focus.as_ref().and_then(|k| doc.network.find(k)).map(|p| (p, scene.ego_depth.max(1)));
            // Frozen positions: exactly as saved; people added since then settle around them.
            let (graph, _) = layout::graph_of_sized(&doc.network, self.view.node_sizes);
            let start: Vec<Option<[f32; 2]>> =
                graph.keys.iter().map(|k| scene.positions.get(k).copied()).collect();
            let pins: Vec<bool> = self.pinned_keys_set(&graph.keys);
            let engine = if start.iter().all(Option::is_some) {
                let positions: Vec<[f32; 2]> = start.iter().map(|p| p.unwrap_or([0.0, 0.0])).collect();
                LayoutEngine::settled_at(&graph, &positions, &pins, self.view.layout)
            } else {
                LayoutEngine::after_edit(&graph, self.view.seed, &start, &pins, self.view.layout)
            };
            self.layout.replace(engine);
        }
        let target = Camera { centre: scene.camera.centre, scale: scene.camera.scale };
        self.camera_move = Some((self.camera, target, Instant::now()));
        self.camera_move_size = scene.camera.size;
        self.fade_started = Some(Instant::now());
        self.auto_fit = false;
        self.hovered = None;
        self.current_scene = Some(index);
    }

    fn pinned_keys_set(&self, keys: &[String]) -> Vec<bool> {
        let pinned: std::collections::HashSet<String> = self.pinned_keys().into_iter().collect();
        keys.iter().map(|k| pinned.contains(k)).collect()
    }

    /// Steps to the next (or previous) scene.
    pub fn step_scene(&mut self, forward: bool) {
        if self.scenes.is_empty() {
            return;
        }
        let last = self.scenes.len() - 1;
        let next = match (self.current_scene, forward) {
            (None, true) => 0,
            (None, false) => last,
            (Some(i), true) => (i + 1).min(last),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.go_to_scene(next);
    }

    /// Zooms to a person and makes them pulse (after a search).
    pub fn zoom_to(&mut self, id: PersonId) {
        let Some(doc) = &self.doc else { return };
        let Some(i) = doc.dense(id) else { return };
        let Some(p) = self.layout.snapshot().positions.get(i).copied() else { return };
        let target = Camera { centre: p, scale: self.camera.scale.max(1.6) };
        self.camera_move = Some((self.camera, target, Instant::now()));
        self.camera_move_size = None;
        self.auto_fit = false;
        self.selected = Some(id);
        self.pulse = Some((id, Instant::now()));
    }

    /// Advances the camera move and the fade; asks for frames while they run.
    pub fn animate(&mut self, ctx: &egui::Context) {
        const MOVE: f32 = 0.7;
        if let Some((from, mut to, start)) = self.camera_move {
            // Resolved each frame: the canvas may change size while the move runs.
            if let (Some([w, h]), Some(rect)) = (self.camera_move_size, self.canvas_rect)
                && w > 0.0
                && h > 0.0
            {
                to.scale *= (rect.width() / w).min(rect.height() / h);
            }
            let t = (start.elapsed().as_secs_f32() / MOVE).min(1.0);
            // Ease in and out.
            let e = t * t * (3.0 - 2.0 * t);
            let mut cam = from;
            cam.approach(&to, e);
            self.camera = cam;
            if t >= 1.0 {
                self.camera = to;
                self.camera_move = None;
            } else {
                ctx.request_repaint();
            }
        }
        if self.fade_started.is_some_and(|s| s.elapsed().as_secs_f32() > 0.5) {
            self.fade_started = None;
        }
        if self.fade_started.is_some() {
            ctx.request_repaint();
        }
        if let Some((_, start)) = self.pulse {
            if start.elapsed().as_secs_f32() > 2.0 {
                self.pulse = None;
            } else {
                ctx.request_repaint();
            }
        }
    }

    /// Opacity of the canvas during a scene change (fades in).
    pub fn canvas_opacity(&self) -> f32 {
        self.fade_started.map_or(1.0, |s| (0.25 + s.elapsed().as_secs_f32() / 0.5 * 0.75).min(1.0))
    }

    /// The expanding ring around a person found by search.
    fn paint_pulse(&self, ctx: &egui::Context) {
        let (Some((id, start)), Some(doc), Some(rect)) = (self.pulse, &self.doc, self.canvas_rect) else {
            return;
        };
        let Some(i) = doc.dense(id) else { return };
        let Some(p) = self.layout.snapshot().positions.get(i).copied() else { return };
        let c = self.camera.ui_from_world(rect, p);
        let t = start.elapsed().as_secs_f32();
        let phase = (t * 1.5).fract();
        let radius = 10.0 + 40.0 * phase;
        let alpha = (1.0 - phase) * (1.0 - (t / 2.0)).max(0.0);
        let painter =
            ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("pulse")));
        painter.circle_stroke(
            c,
            radius,
            egui::Stroke::new(4.0, crate::ui::theme::pulse().gamma_multiply(alpha)),
        );
    }

    fn key_of(&self, id: PersonId) -> Option<String> {
        self.doc.as_ref()?.network.person(id).map(|p| p.key.clone())
    }

    fn position_of_key(&self, key: &str) -> Option<[f32; 2]> {
        let doc = self.doc.as_ref()?;
        let i = doc.dense(doc.network.find(key)?)?;
        self.layout.snapshot().positions.get(i).copied()
    }

    fn pinned_keys(&self) -> Vec<String> {
        let Some(doc) = &self.doc else { return Vec::new() };
        let snapshot = self.layout.snapshot();
        doc.order
            .iter()
            .enumerate()
            .filter(|(i, _)| snapshot.pinned.get(*i).copied().unwrap_or(false))
            .filter_map(|(_, id)| doc.network.person(*id).map(|p| p.key.clone()))
            .collect()
    }

    /// Makes a change; `record` puts it on the undo stack (undo and redo do not).
    pub fn perform(&mut self, mut edit: Edit, record: bool) {
        let Some(doc) = &mut self.doc else { return };
        if edit.changes_network() {
            // Positions and pins by key, so the layout continues where it was.
            let snapshot = self.layout.snapshot().clone();
            let mut previous: HashMap<String, ([f32; 2], bool)> = HashMap::new();
            for (i, id) in doc.order.iter().enumerate() {
                if let (Some(p), Some(person)) = (snapshot.positions.get(i), doc.network.person(*id)) {
                    previous
                        .insert(person.key.clone(), (*p, snapshot.pinned.get(i).copied().unwrap_or(false)));
                }
            }
            if let Err(err) = edit::apply_to_network(&mut doc.network, &mut edit) {
                self.status = Status::Error(err.to_string());
                return;
            }
            if let Edit::AddPerson { person, at: Some(at) } = &edit {
                previous.insert(person.key.clone(), (*at, false));
            }
            // Someone new is selected: their card opens and their name is drawn.
            if let Edit::AddPerson { person, .. } = &edit {
                self.selected = doc.network.find(&person.key);
            }
            let (graph, order) = layout::graph_of_sized(&doc.network, self.view.node_sizes);
            let mut dense_of = vec![u32::MAX; doc.network.person_bound()];
            for (i, id) in order.iter().enumerate() {
                if let Some(slot) = dense_of.get_mut(id.index()) {
                    *slot = i as u32;
                }
            }
            let start: Vec<Option<[f32; 2]>> =
                graph.keys.iter().map(|k| previous.get(k).map(|v| v.0)).collect();
            let pinned: Vec<bool> = graph.keys.iter().map(|k| previous.get(k).is_some_and(|v| v.1)).collect();
            doc.order = order;
            doc.dense_of = dense_of;
            let engine = LayoutEngine::after_edit(&graph, self.view.seed, &start, &pinned, self.view.layout);
            self.layout.replace(engine);
            if self.selected.is_some_and(|id| doc.network.person(id).is_none()) {
                self.selected = None;
            }
            self.hovered = None;
            self.mark_dirty();
            self.network_edited = true;
        } else {
            match &edit {
                Edit::Move { key, to, pinned_before, .. } => {
                    // Forward: the drag already happened; as undo/redo: put them there.
                    if !record && let Some(i) = doc.network.find(key).and_then(|id| doc.dense(id)) {
                        let _ = pinned_before;
                        self.layout.place(i, *to, true);
                    }
                }
                Edit::Pin { key, pinned } => {
                    if let Some(i) = doc.network.find(key).and_then(|id| doc.dense(id)) {
                        self.layout.set_pinned(i, *pinned);
                    }
                }
                Edit::PinMany { pins } => {
                    for (key, pinned) in pins {
                        if let Some(i) = doc.network.find(key).and_then(|id| doc.dense(id)) {
                            self.layout.set_pinned(i, *pinned);
                        }
                    }
                }
                Edit::Filter { after, .. } => self.filter = *after,
                Edit::Rename { after, .. } => doc.network.rename(after),
                Edit::Focus { after, .. } => {
                    let ego = after.as_ref().and_then(|(k, d)| Some((doc.network.find(k)?, *d)));
                    // Entering remembers the view; leaving goes back to it.
                    match (self.ego, ego) {
                        (None, Some(_)) => {
                            self.camera_before_focus = Some((self.camera_goal(), self.auto_fit));
                        }
                        (Some(_), None) => match self.camera_before_focus.take() {
                            // It followed the whole network: it does again.
                            Some((_, true)) => {
                                self.camera_move = None;
                                self.auto_fit = true;
                            }
                            Some((back, false)) => {
                                self.camera_move = Some((self.camera, back, Instant::now()));
                                self.camera_move_size = None;
                            }
                            None => {}
                        },
                        _ => {}
                    }
                    self.ego = ego;
                    self.fit_neighbourhood();
                }
                _ => {}
            }
        }
        // Looking around a neighbourhood changes nothing to save, unless a scene holds it.
        let changes_project = !matches!(edit, Edit::Focus { .. }) || self.current_scene.is_some();
        if record {
            self.history.push(edit);
        }
        if changes_project {
            self.mark_dirty();
        }
    }

    /// Undoes the last change.
    pub fn undo(&mut self) {
        let Some(edit) = self.history.take_undo() else { return };
        let inverse = match &edit {
            // Undoing a move puts the person back and restores the pin they had.
            Edit::Move { key, from, pinned_before, .. } => {
                if let Some(doc) = &self.doc
                    && let Some(i) = doc.network.find(key).and_then(|id| doc.dense(id))
                {
                    self.layout.place(i, *from, *pinned_before);
                }
                return;
            }
            other => other.inverse(),
        };
        self.perform(inverse, false);
        if let (Edit::RemovePerson { ties, .. }, Some(doc)) = (&edit, &mut self.doc) {
            edit::restore_ties(&mut doc.network, ties);
            // Lay out again with the ties back (positions are kept).
            self.relayout_keeping_positions();
        }
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self) {
        let Some(edit) = self.history.take_redo() else { return };
        if let Edit::Move { key, to, .. } = &edit {
            if let Some(doc) = &self.doc
                && let Some(i) = doc.network.find(key).and_then(|id| doc.dense(id))
            {
                self.layout.place(i, *to, true);
            }
            return;
        }
        let mut redone = edit;
        if let Edit::RemovePerson { ties, .. } = &mut redone {
            ties.clear();
        }
        self.perform(redone.clone(), false);
    }

    fn relayout_keeping_positions(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        let snapshot = self.layout.snapshot().clone();
        let (graph, order) = layout::graph_of_sized(&doc.network, self.view.node_sizes);
        let by_key: HashMap<String, ([f32; 2], bool)> = doc
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let p = snapshot.positions.get(i)?;
                Some((
                    doc.network.person(*id)?.key.clone(),
                    (*p, snapshot.pinned.get(i).copied().unwrap_or(false)),
                ))
            })
            .collect();
        let start: Vec<Option<[f32; 2]>> = graph.keys.iter().map(|k| by_key.get(k).map(|v| v.0)).collect();
        let pinned: Vec<bool> = graph.keys.iter().map(|k| by_key.get(k).is_some_and(|v| v.1)).collect();
        let mut dense_of = vec![u32::MAX; doc.network.person_bound()];
        for (i, id) in order.iter().enumerate() {
            if let Some(slot) = dense_of.get_mut(id.index()) {
                *slot = i as u32;
            }
        }
        doc.order = order;
        doc.dense_of = dense_of;
        self.layout.replace(LayoutEngine::after_edit(
            &graph,
            self.view.seed,
            &start,
            &pinned,
            self.view.layout,
        ));
    }

    fn saved_network(
        &self,
        doc: &Document,
        positions: &[[f32; 2]],
        pinned: &[bool],
    ) -> crate::project::SavedNetwork {
        let mut by_key = std::collections::BTreeMap::new();
        let mut pins = Vec::new();
        for (i, id) in doc.order.iter().enumerate() {
            let Some(person) = doc.network.person(*id) else { continue };
            if let Some(p) = positions.get(i).filter(|p| p[0].is_finite() && p[1].is_finite()) {
                by_key.insert(person.key.clone(), *p);
            }
            if pinned.get(i).copied().unwrap_or(false) {
                pins.push(person.key.clone());
            }
        }
        crate::project::SavedNetwork::from_network(
            &doc.network,
            doc.import.path.as_ref().map(|p| p.display().to_string()),
            LoadOptions { mapping: doc.import.mapping.clone(), ..doc.import.options.clone() },
            doc.import.mapping.as_ref().and_then(|m| m.colour_by.clone()),
            by_key,
            pins,
        )
    }

    /// Everything on screen as a project file.
    pub fn to_project_file(&self) -> crate::project::ProjectFile {
        let mut project = crate::project::ProjectFile::new();
        let docs = self.all_docs();
        let snapshot = self.layout.snapshot();
        for doc in &docs {
            let active = self.doc.as_ref().is_some_and(|d| d.serial == doc.serial);
            let (positions, pinned) =
                if active { (&snapshot.positions, &snapshot.pinned) } else { (&doc.positions, &doc.pinned) };
            project.networks.push(self.saved_network(doc, positions, pinned));
        }
        project.active =
            docs.iter().position(|d| self.doc.as_ref().is_some_and(|a| a.serial == d.serial)).unwrap_or(0);
        project.compare_with = self.compare_with.and_then(|s| docs.iter().position(|d| d.serial == s));
        project.view = crate::project::SavedView {
            filter: self.filter,
            camera: Some(crate::project::SavedCamera {
                centre: self.camera.centre,
                scale: self.camera.scale,
                size: self.canvas_rect.map(|r| [r.width(), r.height()]),
            }),
            show_labels: self.view.show_labels,
            show_legend: self.view.show_legend,
            size_by: self.view.size_by,
            anonymize: self.view.anonymize,
            seed: self.view.seed,
            layout: self.view.layout,
            legend_corner: self.view.legend_corner,
            node_sizes: self.view.node_sizes,
            label_size_by_degree: self.view.label_size_by_degree,
        };
        project.scenes.clone_from(&self.scenes);
        project.ocai_text.clone_from(&self.ocai_text);
        project
    }

    /// Saves the project atomically and remembers where.
    pub fn save_project(&mut self, path: &Path) {
        let project = self.to_project_file();
        let tr = self.view.lang.tr();
        match project.write(path) {
            Ok(()) => {
                self.project_path = Some(path.to_owned());
                self.dirty = false;
                self.autosave.clear();
                if let Some(slot) = &self.recovery {
                    std::fs::remove_file(slot.path()).ok();
                }
                self.remember_recent(path);
                self.status = Status::Info(format!("{} {}", tr.saved, path.display()));
            }
            Err(err) => self.status = Status::Error(err.to_string()),
        }
    }

    /// Opens a project file: every municipality as it was saved.
    pub fn open_project(&mut self, path: &Path) {
        let project = match crate::project::ProjectFile::read(path) {
            Ok(p) => p,
            Err(err) => {
                let kept = if self.doc.is_some() {
                    format!(" ({})", self.view.lang.tr().kept_open)
                } else {
                    String::new()
                };
                self.status = Status::Error(format!("{err}{kept}"));
                return;
            }
        };
        self.load_project_file(&project);
        self.project_path = Some(path.to_owned());
        self.dirty = false;
        self.remember_recent(path);
        self.status = Status::Info(format!("{} {}", self.view.lang.tr().opened, path.display()));
    }

    /// Replaces everything with a project's contents.
    pub fn load_project_file(&mut self, project: &crate::project::ProjectFile) {
        // Sizes first: the layouts below keep discs of these sizes apart.
        self.view.node_sizes = project.view.node_sizes;
        self.others.clear();
        self.doc = None;
        self.compare_with = None;
        self.compare = None;
        self.history.clear();
        self.selected = None;
        self.hovered = None;
        let mut docs = Vec::new();
        for saved in &project.networks {
            let network = saved.to_network();
            let source = match &saved.source {
                Some(s) => Source::Files(vec![PathBuf::from(s)]),
                None => Source::Files(Vec::new()),
            };
            let (mut doc, graph) =
                Document::new(network, ImportReport::default(), source, self.view.node_sizes);
            doc.serial = self.next_serial;
            self.next_serial += 1;
            doc.positions =
                graph.keys.iter().map(|k| saved.positions.get(k).copied().unwrap_or([0.0, 0.0])).collect();
            let pinned: std::collections::HashSet<&String> = saved.pinned.iter().collect();
            doc.pinned = graph.keys.iter().map(|k| pinned.contains(k)).collect();
            let mut mapping = saved.import.mapping.clone();
            if let Some(c) = &saved.colour_by {
                mapping.get_or_insert_with(Default::default).colour_by = Some(c.clone());
            }
            doc.import = ImportInfo {
                path: saved.source.as_ref().map(PathBuf::from),
                options: saved.import.clone(),
                mapping,
                ..ImportInfo::default()
            };
            // Positions that were never saved (hand-edited file) get a fresh layout.
            if saved.positions.len() < graph.len() {
                let start: Vec<Option<[f32; 2]>> =
                    graph.keys.iter().map(|k| saved.positions.get(k).copied()).collect();
                let mut engine = LayoutEngine::new(&graph, self.view.seed, &start, self.view.layout);
                engine.run_to_settle(2_000);
                doc.positions = engine.positions();
            }
            docs.push(doc);
        }
        let v = &project.view;
        self.filter = v.filter;
        self.view.show_labels = v.show_labels;
        self.view.show_legend = v.show_legend;
        self.view.size_by = v.size_by;
        self.view.anonymize = v.anonymize;
        self.view.seed = v.seed;
        self.view.layout = v.layout;
        self.view.legend_corner = v.legend_corner;
        self.view.label_size_by_degree = v.label_size_by_degree;
        self.scenes.clone_from(&project.scenes);
        self.ocai_text.clone_from(&project.ocai_text);
        self.ocai = project.ocai_text.as_ref().and_then(|t| {
            crate::analysis::ocai::parse_and_score(t, &crate::analysis::ocai::OcaiOptions::default()).ok()
        });
        let active_serial = docs.get(project.active).or(docs.first()).map(|d| d.serial);
        let compare_serial = project.compare_with.and_then(|i| docs.get(i)).map(|d| d.serial);
        self.others = docs;
        if let Some(serial) = active_serial {
            self.activate(serial);
        }
        self.compare_with = compare_serial.filter(|s| Some(*s) != active_serial);
        match v.camera {
            Some(c) => {
                self.camera = Camera { centre: c.centre, scale: c.scale };
                self.auto_fit = false;
            }
            None => self.auto_fit = true,
        }
        self.layout.set_params(self.view.layout);
        self.adopt_culture_names();
    }

    /// Marks the project as changed and schedules its autosave.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
        self.autosave.changed(self.clock.now());
    }

    /// Uses `clock` to time autosaves (tests move a manual clock instead of waiting).
    pub fn set_clock(&mut self, clock: Arc<dyn crate::recovery::Clock>) {
        self.clock = clock;
    }

    /// Autosaves into `dir` (the app's data folder) from now on, and offers the newest
    /// autosave left there by an instance that ended without saving.
    pub fn enable_recovery(&mut self, dir: &Path) -> std::io::Result<()> {
        let slot = crate::recovery::RecoverySlot::claim(dir)?;
        self.recovery_offer = crate::recovery::orphans(dir, Some(slot.path())).into_iter().next();
        self.recovery = Some(slot);
        Ok(())
    }

    /// When the pending autosave is due, if one is pending.
    pub fn autosave_due(&self) -> Option<Instant> {
        self.autosave.due()
    }

    /// Writes a pending autosave when it is due or the window just lost focus, else asks the
    /// event loop to wake us when it is due: a settled window draws no frames, and the change
    /// must not wait for the next mouse move.
    fn autosave(&mut self, ctx: &egui::Context) {
        if !self.dirty {
            self.autosave.clear();
            return;
        }
        let focused = ctx.input(|i| i.viewport().focused);
        let lost_focus = self.was_focused == Some(true) && focused == Some(false);
        self.was_focused = focused;
        let now = self.clock.now();
        if self.autosave.is_due(now) || lost_focus {
            self.write_autosave();
        } else if let Some(due) = self.autosave.due() {
            ctx.request_repaint_after(due.saturating_duration_since(now));
        }
    }

    /// Writes the pending autosave now (before anything risky: opening other files,
    /// presenting). Atomic: a crash mid-write leaves the previous autosave.
    pub fn write_autosave(&mut self) {
        if !self.dirty || !self.autosave.is_pending() {
            return;
        }
        self.autosave.clear();
        if let Some(slot) = &self.recovery {
            let path = slot.path().to_owned();
            if let Err(err) = self.to_project_file().write(&path) {
                log::warn!("autosave failed: {err}");
            }
        }
    }

    /// Recovers (or discards) the autosave offered at start: exactly what it holds, with a
    /// line saying when it was written.
    fn recover(&mut self, yes: bool) {
        let Some((path, written)) = self.recovery_offer.take() else { return };
        if yes {
            let project = match crate::project::ProjectFile::read(&path) {
                Ok(p) => p,
                Err(err) => {
                    self.status = Status::Error(err.to_string());
                    return;
                }
            };
            self.load_project_file(&project);
            self.project_path = None;
            self.mark_dirty();
            // Ours now: write it to this instance's file before the old one goes.
            self.write_autosave();
            let (when, ago) = crate::recovery::describe_time(written, std::time::SystemTime::now());
            self.status = Status::Info(self.view.lang.tr().recovered(&when, ago));
        }
        crate::recovery::remove_orphan(&path);
    }

    /// Reads OCAI responses (CSV, or the first sheet of an .xlsx) and scores them.
    pub fn open_ocai(&mut self, path: &Path) {
        // The command line's route too (io::open_culture): one size limit, one workbook row mapping.
        match io::open_culture(path) {
            Ok(io::OpenedCulture { report, text }) => {
                self.status = Status::Info(format!("{} {}", self.view.lang.tr().opened, path.display()));
                self.ocai = Some(report);
                self.ocai_text = Some(text);
                self.adopt_culture_names();
                self.view.show_analysis = true;
                self.view.analysis_tab = crate::ui::analysis_panel::AnalysisTab::Culture;
            }
            Err(errors) => {
                self.status = Status::Error(errors.first().map(ToString::to_string).unwrap_or_default());
            }
        }
    }

    /// Writes the network as it is on screen (positions, colours, sizes) to `path`.
    pub fn export(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let looks: std::collections::HashMap<PersonId, io::export::NodeLook> = self
            .caches
            .scene
            .nodes
            .iter()
            .map(|n| {
                let [r, g, b, _] = n.fill.0;
                (
                    n.person,
                    io::export::NodeLook {
                        position: Some(n.pos.map(f64::from)),
                        colour: Some([r, g, b]),
                        size: Some(n.radius),
                    },
                )
            })
            .collect();
        let look = |id: PersonId| looks.get(&id).copied().unwrap_or_default();
        let tr = self.view.lang.tr();
        self.status = match io::export::export(doc.shown(), path, Some(&look)) {
            Ok(files) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                Status::Info(format!("{} {}", tr.export_done, names.join(", ")))
            }
            Err(err) => Status::Error(err.to_string()),
        };
    }

    /// A full path for a file to save when there is no file dialog: next to the project or the
    /// opened file, else in the home folder (a bare name would land wherever the app was
    /// started from, which for a desktop launch is nowhere the user would look).
    pub fn suggested_path(&self, file_name: &str) -> String {
        let beside = self
            .project_path
            .as_deref()
            .or_else(|| self.doc.as_ref().and_then(|d| d.import.path.as_deref()))
            .and_then(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(Path::to_path_buf);
        match beside.or_else(std::env::home_dir) {
            Some(dir) => dir.join(file_name).display().to_string(),
            None => file_name.to_owned(),
        }
    }

    /// Writes a picture of the canvas: the scene as drawn, of what is on screen or of the
    /// whole network, as PNG or SVG by the path's extension.
    pub fn export_picture(&mut self, path: &Path) {
        use crate::scene::frame::{FrameOptions, Viewport};
        let tr = self.view.lang.tr();
        if self.doc.is_none() {
            return;
        }
        let Some(format) = crate::render::PictureFormat::for_path(path) else {
            self.status = Status::Error(format!("{} {}", tr.picture_bad_extension, path.display()));
            return;
        };
        let settings = self.view.picture;
        let size = self.canvas_rect.map_or([1280.0, 800.0], |r| [r.width().max(16.0), r.height().max(16.0)]);
        if let Some(chart) = self.chart.clone() {
            // A chart slide exports as the chart.
            let written = self.chart_svg(&chart, size).and_then(|svg| match format {
                crate::render::PictureFormat::Svg => Ok(svg.into_bytes()),
                crate::render::PictureFormat::Png => {
                    let height = (settings.width as f32 * size[1] / size[0]).round().max(1.0) as u32;
                    crate::scene::raster::rasterize(&svg, size, [settings.width, height])
                        .and_then(|p| p.encode_png().map_err(|e| e.to_string()))
                }
            });
            let written =
                written.and_then(|bytes| io::export::write_atomic(path, &bytes).map_err(|e| e.to_string()));
            self.status = match written {
                Ok(()) => {
                    self.show_picture_dialog = false;
                    Status::Info(format!("{} {}", tr.picture_done, path.display()))
                }
                Err(err) => Status::Error(err),
            };
            return;
        }
        let scene = self.caches.scene.clone();
        let options = FrameOptions {
            show_legend: self.view.show_legend,
            max_labels: 300,
            palette: self.encoding().palette,
            legend_corner: self.view.legend_corner,
            label_size_by_degree: self.view.label_size_by_degree,
            reserved_bottom: 0.0,
        };
        let here = Viewport { size, camera_centre: self.camera.centre, scale: self.camera.scale };
        let viewport = if settings.whole {
            Viewport::fit_scene(&scene, size, &options, &*crate::render::measure()).unwrap_or(here)
        } else {
            here
        };
        let picture = crate::render::Picture { scene, viewport, options };
        let written = picture
            .encode(format, settings.width, settings.transparent)
            .and_then(|bytes| io::export::write_atomic(path, &bytes).map_err(|e| e.to_string()));
        self.status = match written {
            Ok(()) => {
                self.show_picture_dialog = false;
                Status::Info(format!("{} {}", tr.picture_done, path.display()))
            }
            Err(err) => Status::Error(err),
        };
    }

    /// The chart of a chart slide as SVG at `size` points, from the open networks and the
    /// culture survey; `None` (with the reason) when its data is missing.
    pub fn chart_svg(&self, chart: &crate::project::SavedChart, size: [f32; 2]) -> Result<String, String> {
        use crate::chart::{ChartData, ChartKind, chart_svg};
        let tr = self.view.lang.tr();
        let palette = self.encoding().palette;
        let lang = self.view.lang;
        let wanted = chart.municipality.as_deref().map(crate::model::fold);
        let docs = self.all_docs();
        match chart.kind {
            ChartKind::Composition => {
                let doc: &Document = docs
                    .iter()
                    .copied()
                    .find(|d| wanted.as_ref().is_some_and(|w| *w == crate::model::fold(&d.network.name)))
                    .or(self.doc.as_ref())
                    .ok_or_else(|| tr.no_network.to_owned())?;
                let composition = crate::analysis::composition::composition(doc.shown(), None);
                Ok(chart_svg(
                    &ChartData::Composition { name: &doc.shown().name, composition: &composition },
                    size,
                    &palette,
                    lang,
                ))
            }
            ChartKind::Kite => {
                let report = self.ocai.as_ref().ok_or_else(|| tr.chart_no_culture.to_owned())?;
                let group = report
                    .groups
                    .iter()
                    .find(|g| wanted.as_ref().is_some_and(|w| *w == crate::model::fold(&g.municipality)))
                    .or(report.groups.first())
                    .ok_or_else(|| tr.chart_no_culture.to_owned())?;
                Ok(chart_svg(&ChartData::Kite { group }, size, &palette, lang))
            }
            ChartKind::Compare => {
                let rows: Vec<crate::insights::ComparisonRow> =
                    docs.iter().map(|d| self.comparison.row(d.serial, d.shown())).collect();
                Ok(chart_svg(&ChartData::Compare { rows: &rows }, size, &palette, lang))
            }
            ChartKind::Join => {
                let live = self.live.as_ref().ok_or_else(|| tr.survey_stopped.to_owned())?;
                Ok(chart_svg(
                    &ChartData::Join {
                        question: &live.question,
                        url: &live.join_url,
                        answers: live.answers(),
                    },
                    size,
                    &palette,
                    lang,
                ))
            }
        }
    }

    /// Draws the chart slide over the whole canvas (rasterized once per size and data).
    fn chart_ui(&mut self, ui: &mut egui::Ui, chart: &crate::project::SavedChart) {
        let rect = ui.available_rect_before_wrap();
        self.canvas_rect = Some(rect);
        let ppp = ui.ctx().pixels_per_point();
        let pixels =
            [(rect.width() * ppp).round().max(1.0) as usize, (rect.height() * ppp).round().max(1.0) as usize];
        let key = ChartKey {
            chart: chart.clone(),
            pixels,
            lang: self.view.lang,
            palette: self.encoding().palette,
            data: self
                .all_docs()
                .iter()
                .map(|d| d.shown().revision())
                .chain([self.ocai_text.as_ref().map_or(0, |t| t.len() as u64)])
                .chain([self.live.as_ref().map_or(0, |l| l.answers() as u64)])
                .collect(),
        };
        if self.chart_texture.as_ref().is_none_or(|(k, _)| *k != key) {
            let picture = self.chart_svg(chart, [rect.width(), rect.height()]).and_then(|svg| {
                crate::scene::raster::rasterize(
                    &svg,
                    [rect.width(), rect.height()],
                    [pixels[0] as u32, pixels[1] as u32],
                )
            });
            match picture {
                Ok(pixmap) => {
                    let image = egui::ColorImage::from_rgba_premultiplied(pixels, pixmap.data());
                    let texture = ui.ctx().load_texture("chart", image, egui::TextureOptions::LINEAR);
                    self.chart_texture = Some((key, texture));
                }
                Err(message) => {
                    self.chart_texture = None;
                    ui.centered_and_justified(|ui| {
                        ui.label(egui::RichText::new(message).size(18.0));
                    });
                    return;
                }
            }
        }
        if let Some((_, texture)) = &self.chart_texture {
            let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            ui.painter().image(texture.id(), rect, uv, egui::Color32::WHITE);
        }
        if !self.presenting {
            let tr = self.view.lang.tr();
            let button = egui::Button::new(tr.back_to_network);
            let at = egui::Rect::from_min_size(rect.min + egui::vec2(12.0, 12.0), egui::vec2(180.0, 28.0));
            if ui.put(at, button).clicked() {
                self.commands.push(Command::CloseChart);
            }
        }
    }

    /// Starts the live survey of the dialog: opens (or resumes) its folder, serves its page on
    /// the chosen address and shows the join slide; the collected network opens with the first
    /// answer and follows every later one (the survey table is watched like any open file).
    fn start_survey(&mut self) {
        let Some(draft) = self.survey_draft.clone() else { return };
        let tr = self.view.lang.tr();
        self.write_autosave();
        let mut config = draft.config.clone();
        config.lang = if self.view.lang == Lang::Nb { "nb".into() } else { "en".into() };
        if draft.roster_from_network
            && let Some(doc) = &self.doc
        {
            config.roster = doc.network.people().map(|(_, p)| p.name.clone()).collect();
        }
        let Ok(ip) = draft.address.trim().parse::<std::net::IpAddr>() else {
            self.status = Status::Error(format!("{}: {}", tr.survey_address, draft.address));
            return;
        };
        let listen = std::net::SocketAddr::new(ip, draft.port);
        let (survey, _) = match crate::collect::Survey::open(Path::new(draft.folder.trim()), config) {
            Ok(s) => s,
            Err(err) => {
                self.status = Status::Error(err.to_string());
                return;
            }
        };
        let table = survey.table_path();
        let question = survey.config.question.clone();
        let answers = Arc::new(std::sync::atomic::AtomicUsize::new(survey.count()));
        let count = Arc::clone(&answers);
        let wake = self.wake.clone();
        let server = crate::collect::server::Server::start(survey, listen, move |accepted| {
            count.store(accepted.count, std::sync::atomic::Ordering::Release);
            if let Some(wake) = &wake {
                wake();
            }
        });
        match server {
            Ok(server) => {
                let join_url = server.join_url.clone();
                self.live = Some(LiveSurvey { server, join_url, question, table, answers, opened: false });
                self.add_chart_scene(crate::chart::ChartKind::Join);
            }
            Err(err) => self.status = Status::Error(err),
        }
    }

    /// Opens the collected network with the first answers (it is watched from then on).
    fn poll_survey(&mut self) {
        let Some(live) = &mut self.live else { return };
        if live.opened || live.answers() == 0 {
            return;
        }
        live.opened = true;
        let table = live.table.clone();
        if self.doc.is_some() {
            self.commands.push(Command::AddFiles(vec![table]));
        } else {
            self.commands.push(Command::Open(table));
        }
    }

    /// Whether a chart slide's picture is on screen.
    pub fn chart_shown(&self) -> bool {
        self.chart.is_some() && self.chart_texture.is_some()
    }

    /// Layout status for the status bar.
    pub fn layout_status(&self) -> (LayoutStatus, bool, u64) {
        let s = self.layout.snapshot();
        (s.status, s.paused, s.steps)
    }

    /// Progress of a running load: (file, fraction).
    pub fn load_progress(&self) -> Option<(&Path, f32)> {
        self.loading.as_ref().map(|j| (j.path.as_path(), j.progress.fraction()))
    }

    /// Ties and people drawn in the last frame.
    pub fn last_drawn(&self) -> (usize, usize) {
        self.canvas.last_drawn
    }
}

/// The eframe wrapper: storage and the native window.
pub struct EframeApp {
    /// The app.
    pub app: InfonetApp,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.app.view);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit with nothing unsaved leaves no recovery file behind; with unsaved
        // changes the last ones are written now.
        if self.app.dirty {
            self.app.write_autosave();
        } else if let Some(slot) = &self.app.recovery {
            slot.remove_all();
        }
    }
}

/// The window's and the taskbar's icon (assets/infonet.svg).
pub fn window_icon() -> Result<egui::IconData, String> {
    const SIZE: u32 = 256;
    Ok(egui::IconData { rgba: crate::icon::rgba(SIZE)?, width: SIZE, height: SIZE })
}

/// Opens the window on `path` (or the default sample) and runs until it is closed.
pub fn run_native(paths: Vec<PathBuf>, seed: Option<u64>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Infonet")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true)
            // The desktop file's name (assets/infonet.desktop), so the menu entry and the
            // running window are one in the taskbar.
            .with_app_id("infonet"),
        ..eframe::NativeOptions::default()
    };
    let mut options = options;
    match window_icon() {
        Ok(icon) => options.viewport = options.viewport.with_icon(Arc::new(icon)),
        Err(err) => log::warn!("{err}"),
    }
    eframe::run_native(
        "Infonet",
        options,
        Box::new(move |cc| {
            let mut view: ViewState =
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
            if let Some(seed) = seed {
                view.seed = seed;
            }
            let ctx = cc.egui_ctx.clone();
            let layout = LayoutHandle::threaded(move || ctx.request_repaint());
            let mut app = InfonetApp::new(view, layout, Box::new(crate::ui::RfdPicker::default()));
            // Autosaves go next to eframe's own settings; one found at start was left by a crash.
            if let Some(dir) = eframe::storage_dir("Infonet")
                && let Err(err) = app.enable_recovery(&dir)
            {
                log::warn!("no autosave: cannot use {}: {err}", dir.display());
            }
            match paths.as_slice() {
                [] => app.push(Command::OpenSample(io::samples::DEFAULT)),
                [one] if one.is_dir() => app.push(Command::OpenFolder(one.clone())),
                [one] => app.push(Command::Open(one.clone())),
                [first, rest @ ..] => {
                    app.push(Command::Open(first.clone()));
                    app.push(Command::AddFiles(rest.to_vec()));
                }
            }
            Ok(Box::new(EframeApp { app }))
        }),
    )
}
