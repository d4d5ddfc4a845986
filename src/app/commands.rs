//! Applying commands: each goes to the part of the app that owns what it changes. Whatever
//! changes the project goes through here, so undo and "unsaved changes" (`mark_dirty`, which
//! also schedules the autosave) are decided in one place.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::command::Command;
use crate::edit::Edit;
use crate::i18n::Lang;
use crate::io::open::LoadOptions;
use crate::io::{self, LoadError, Loaded};
use crate::model::PersonId;
use crate::project::{ProjectFile, SavedCamera, SavedChart, SavedView};
use crate::scene::frame::{FrameOptions, Viewport};
use crate::ui::transform::Camera;
use crate::ui::{PathFieldMode, PickResult};

use super::edits::{Done, Target};
use super::loading::{Finished, LoadMode};
use super::presenting::{ChartSources, PRESENTATION_ZOOM, chart_picture, chart_slide};
use super::session_files::{PictureOf, export_network, suggested_path, write_picture};
use super::workspace::{Arrival, LayoutSettings, Source, Start};
use super::{InfonetApp, Status, choice_key};

impl InfonetApp {
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
        let tr = self.view.lang.tr();
        match command {
            // Opening files.
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
            Command::OpenAllSamples => self.open_all_samples(),
            Command::OpenDialog => match self.picker.pick_network() {
                PickResult::Picked(path) => self.start_load(path),
                PickResult::Cancelled => {}
                PickResult::Unavailable => self.ask_for_path(PathFieldMode::Open, String::new()),
            },
            Command::OpenPathField => self.ui_state.ask_for_path(PathFieldMode::Open, String::new(), false),
            Command::AddFiles(paths) => self.add_files(paths),
            Command::AddDialog => match self.picker.pick_networks() {
                (paths, PickResult::Picked(_)) => self.add_files(paths),
                (_, PickResult::Unavailable) => self.ask_for_path(PathFieldMode::Add, String::new()),
                _ => {}
            },
            Command::OpenFolder(folder) => self.open_folder(&folder),
            Command::FolderDialog => match self.picker.pick_folder() {
                PickResult::Picked(folder) => self.apply(Command::OpenFolder(folder), ctx),
                PickResult::Unavailable => self.ask_for_path(PathFieldMode::Folder, String::new()),
                PickResult::Cancelled => {}
            },
            Command::OcaiDialog => match self.picker.pick_network() {
                PickResult::Picked(path) => self.apply(Command::OpenOcai(path), ctx),
                PickResult::Unavailable => self.ask_for_path(PathFieldMode::Ocai, String::new()),
                PickResult::Cancelled => {}
            },
            Command::OpenOcai(path) => self.open_ocai(&path),
            Command::ImportSettings => self.ui_state.show_import = self.workspace.doc().is_some(),
            Command::Reimport(options) => self.reimport(options),
            Command::ClearRecent => self.view.recent.clear(),
            Command::SetWatchFiles(on) => self.loading.watch_files = on,

            // The project's networks.
            Command::Activate(serial) => {
                // Picking a network shows it, also over a chart slide (the live survey's join slide).
                if self.presenting.chart.is_some() {
                    self.presenting.close_chart();
                }
                self.activate(serial);
            }
            Command::CloseNetwork(serial) => {
                if let Some(next) = self.workspace.close(serial) {
                    self.activate(next);
                }
            }
            Command::CompareWith(serial) => self.workspace.set_compare_with(serial),

            // Saving, exporting, closing.
            Command::SaveProject => match self.files.project_path.clone() {
                Some(path) => self.save_project(&path),
                None => self.apply(Command::SaveProjectAs, ctx),
            },
            Command::SaveProjectAs => {
                let name =
                    self.workspace.doc().map_or_else(|| "project".to_owned(), |d| d.network.name.clone());
                let file_name = format!("{name}.infonet");
                match self.picker.save_project(&file_name) {
                    PickResult::Picked(path) => self.save_project(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => {
                        self.ask_for_path(PathFieldMode::SaveProject, self.suggested_path(&file_name));
                    }
                }
            }
            Command::SaveProjectTo(path) => self.save_project(&path),
            Command::SaveProjectAndClose => {
                self.files.close_after_save();
                self.apply(Command::SaveProject, ctx);
            }
            Command::OpenProject(path) => self.open_project(&path),
            Command::Recover(yes) => self.recover(yes),
            Command::CloseDiscarding => {
                self.ui_state.confirm_close = false;
                self.files.discard();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ExportDialog => {
                let Some(doc) = self.workspace.doc() else { return };
                let default_name = format!("{}.gexf", doc.shown().name);
                match self.picker.save_network(&default_name) {
                    PickResult::Picked(path) => self.export(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => {
                        self.ask_for_path(PathFieldMode::Export, self.suggested_path(&default_name));
                    }
                }
            }
            Command::Export(path) => self.export(&path),
            Command::PictureDialog => self.ui_state.show_picture_dialog = self.workspace.doc().is_some(),
            Command::SavePicture(format) => {
                let Some(doc) = self.workspace.doc() else { return };
                let extension = match format {
                    crate::render::PictureFormat::Png => "png",
                    crate::render::PictureFormat::Svg => "svg",
                };
                let default_name = format!("{}.{extension}", doc.shown().name);
                match self.picker.save_picture(&default_name) {
                    PickResult::Picked(path) => self.export_picture(&path),
                    PickResult::Cancelled => {}
                    PickResult::Unavailable => {
                        self.ask_for_path(PathFieldMode::Picture, self.suggested_path(&default_name));
                    }
                }
            }
            Command::ExportPicture(path) => self.export_picture(&path),
            Command::Quit => self.quit_requested = true,

            // The layout.
            Command::SetPaused(paused) => self.layout.set_paused(paused),
            Command::RestartLayout => {
                self.view.seed = self.view.seed.wrapping_add(1);
                let settings = LayoutSettings::of(&self.view);
                // Pinned people stay where they were pinned; everyone else starts afresh.
                let placed = self.workspace.placed(self.layout.snapshot());
                let pinned_at =
                    placed.into_iter().filter(|(_, (_, pinned))| *pinned).map(|(k, (p, _))| (k, p)).collect();
                if let Some(doc) = self.workspace.doc_mut() {
                    self.layout.replace(doc.relayout(Start::Restart(&pinned_at), &settings));
                    self.camera.auto_fit = true;
                }
            }
            Command::SetLayoutParams(params) => {
                self.view.layout = params;
                self.layout.set_params(params);
            }
            Command::SetNodeSizes(sizes) => {
                if sizes != self.view.node_sizes {
                    self.view.node_sizes = sizes;
                    // The layout keeps the new discs apart, starting from where everyone is.
                    let settings = LayoutSettings::of(&self.view);
                    let placed = self.workspace.placed(self.layout.snapshot());
                    if let Some(doc) = self.workspace.doc_mut()
                        && self.layout.snapshot().positions.len() == doc.order.len()
                    {
                        self.layout.replace(doc.relayout(Start::Kept(&placed), &settings));
                        self.layout.reheat(0.15);
                    }
                }
            }
            Command::UnpinAll => {
                let pins: Vec<(String, bool)> = self
                    .workspace
                    .pinned_keys(self.layout.snapshot())
                    .into_iter()
                    .map(|k| (k, false))
                    .collect();
                if !pins.is_empty() {
                    self.perform(Edit::PinMany { pins }, true);
                }
            }
            Command::SetPinned(id, pinned) => {
                if let Some(key) = self.workspace.key_of(id) {
                    self.perform(Edit::Pin { key, pinned }, true);
                }
            }
            Command::DragTo(id, p) => {
                if self.edits.drag_to(id, p, &self.workspace, &mut self.layout) {
                    self.camera.auto_fit = false;
                }
            }

            // Edits and what is looked at.
            Command::Undo => {
                let (edits, target) = self.edits_and_target();
                let done = edits.undo(target);
                self.after_edit(done);
            }
            Command::Redo => {
                let (edits, target) = self.edits_and_target();
                let done = edits.redo(target);
                self.after_edit(done);
            }
            Command::Perform(edit) => self.perform(edit, true),
            Command::AddPersonDialog => {
                if self.workspace.doc().is_some() {
                    self.ui_state.new_person = Some(crate::ui::NewPersonDraft::default());
                }
            }
            Command::AddPersonInView(person) => {
                let at = self.free_spot_in_view();
                self.perform(Edit::AddPerson { person, at }, true);
            }
            Command::DeleteSelected => {
                let person =
                    self.workspace.selected.and_then(|id| self.workspace.doc()?.network.person(id).cloned());
                if let Some(person) = person {
                    let at = self.workspace.placed(self.layout.snapshot()).get(&person.key).map(|v| v.0);
                    self.workspace.selected = None;
                    self.perform(Edit::RemovePerson { person, ties: Vec::new(), at, pinned: false }, true);
                }
            }
            Command::SetFilter(filter) => {
                if filter != self.workspace.filter {
                    self.perform(Edit::Filter { before: self.workspace.filter, after: filter }, true);
                }
            }
            Command::SetEgo(ego) => self.set_focus(ego),
            Command::Select(id) => {
                self.workspace.selected = id;
                self.follow_focus(id);
            }
            Command::ZoomTo(id) => {
                self.zoom_to(id);
                self.follow_focus(Some(id));
            }
            Command::Fit => self.camera.fit(self.cache.scene().bounds),

            // Presenting.
            Command::SetPresenting(on) => {
                if on != self.presenting.on {
                    self.presenting.on = on;
                    // Larger text and legend for the room; back to normal afterwards.
                    let zoom = ctx.zoom_factor();
                    ctx.set_zoom_factor(if on { zoom * PRESENTATION_ZOOM } else { zoom / PRESENTATION_ZOOM });
                    if !on {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    }
                    if on {
                        self.ui_state.search = None;
                        if self.presenting.current().is_none() && !self.presenting.scenes().is_empty() {
                            self.go_to_scene(0);
                        }
                    }
                    self.camera.presenting_changed();
                }
            }
            Command::StepScene(forward) => {
                if let Some(index) = self.presenting.step_target(forward) {
                    self.go_to_scene(index);
                }
            }
            Command::GoToScene(index) => self.go_to_scene(index),
            Command::SaveScene(name) => self.save_scene(&name),
            Command::RenameScene(index, name) => {
                if self.presenting.rename(index, name) {
                    self.mark_dirty();
                }
            }
            Command::SwapScenes(a, b) => {
                if self.presenting.swap(a, b) {
                    self.mark_dirty();
                }
            }
            Command::DeleteScene(index) => {
                if self.presenting.delete(index) {
                    self.mark_dirty();
                }
            }
            Command::AddChartScene(kind) => self.add_chart_scene(kind),
            Command::CloseChart => self.presenting.close_chart(),

            // The live survey.
            Command::LiveSurveyDialog => {
                if self.ui_state.survey_draft.is_none() {
                    let doc = self.workspace.doc();
                    let title = doc.map_or_else(
                        || crate::collect::SurveyConfig::default().title,
                        |d| d.network.name.clone(),
                    );
                    let address = crate::collect::interfaces()
                        .first()
                        .map_or_else(|| "127.0.0.1".to_owned(), |(_, ip)| ip.to_string());
                    self.ui_state.survey_draft = Some(crate::ui::SurveyDraft {
                        folder: self.suggested_path(&format!("{title} live survey")),
                        config: crate::collect::SurveyConfig { title, ..Default::default() },
                        roster_from_network: doc.is_some(),
                        address,
                        port: 8080,
                    });
                }
            }
            Command::StartSurvey => self.start_survey(),
            Command::StopSurvey => {
                if let Some((answers, table)) = self.live.stop() {
                    self.status =
                        Status::Info(format!("{} {answers}: {}", tr.survey_closed, table.display()));
                }
            }

            // Settings.
            Command::SetLang(lang) => self.set_lang(lang),
            Command::Set(setting) => self.view.set(setting),
        }
    }

    /// Marks the project as changed and schedules its autosave.
    fn mark_dirty(&mut self) {
        self.files.mark_dirty();
    }

    /// The undo history and what an edit works on.
    fn edits_and_target(&mut self) -> (&mut super::edits::Edits, Target<'_>) {
        let target = Target {
            workspace: &mut self.workspace,
            layout: &mut self.layout,
            settings: LayoutSettings::of(&self.view),
            scene_shown: self.presenting.current().is_some(),
        };
        (&mut self.edits, target)
    }

    /// Makes a change; `record` puts it on the undo stack.
    fn perform(&mut self, edit: Edit, record: bool) {
        let (edits, target) = self.edits_and_target();
        let done = edits.perform(edit, record, target);
        self.after_edit(done);
    }

    /// What follows a change: its error, unsaved work, the camera for the neighbourhood view.
    fn after_edit(&mut self, done: Result<Done, String>) {
        let done = match done {
            Ok(done) => done,
            Err(err) => {
                self.status = Status::Error(err);
                return;
            }
        };
        if done.network_changed {
            self.loading.network_edited = true;
        }
        if let Some((was, is)) = done.focus {
            let now = Instant::now();
            match (was, is) {
                (false, true) => self.camera.enter_focus(),
                (true, false) => self.camera.leave_focus(now),
                _ => {}
            }
            // Moves smoothly onto the neighbourhood view's people, with room around one person
            // alone of one tie length.
            let pad = self.view.layout.link_distance;
            if let Some(bounds) = self.workspace.neighbourhood_bounds(self.layout.snapshot(), pad) {
                self.camera.move_onto(bounds, now);
            }
        }
        if done.dirty {
            self.mark_dirty();
        }
    }

    /// Turns the neighbourhood view on, moves it or leaves it (one undo step).
    pub fn set_focus(&mut self, ego: Option<(PersonId, u8)>) {
        if ego == self.workspace.ego {
            return;
        }
        let key = |e: Option<(PersonId, u8)>| e.and_then(|(p, d)| Some((self.workspace.key_of(p)?, d)));
        let (before, after) = (key(self.workspace.ego), key(ego));
        self.perform(Edit::Focus { before, after }, true);
    }

    /// A selection while the neighbourhood view is on: nobody (Esc, closing the card) leaves
    /// it; someone outside it (a search, a click in a list) moves it to them. Scenes keep
    /// theirs while presenting.
    fn follow_focus(&mut self, selected: Option<PersonId>) {
        let Some(focus) = self.workspace.ego else { return };
        if self.presenting.on || self.workspace.doc().is_none() {
            return;
        }
        match selected {
            None => self.set_focus(None),
            Some(p) if !self.workspace.near(focus, p) => self.set_focus(Some((p, focus.1))),
            Some(_) => {}
        }
    }

    /// Zooms to a person and makes them pulse (after a search); their card opens.
    pub fn zoom_to(&mut self, id: PersonId) {
        let Some(i) = self.workspace.doc().and_then(|d| d.dense(id)) else { return };
        let Some(p) = self.layout.snapshot().positions.get(i).copied() else { return };
        self.camera.zoom_to(id, p, Instant::now());
        self.workspace.selected = Some(id);
    }

    /// Where a new person goes: where the presenter is looking, clear of the crowd (near the
    /// selected person, or near the middle of the view).
    fn free_spot_in_view(&self) -> Option<[f32; 2]> {
        let doc = self.workspace.doc()?;
        let positions = &self.layout.snapshot().positions;
        let camera = self.camera.camera();
        let anchor = self
            .workspace
            .selected
            .and_then(|id| doc.dense(id))
            .and_then(|i| positions.get(i).copied())
            .unwrap_or(camera.centre);
        Some(match self.camera.canvas_rect() {
            Some(rect) => {
                let view = (camera.world_from_ui(rect, rect.min), camera.world_from_ui(rect, rect.max));
                let clearance = self.view.layout.link_distance * 1.2;
                crate::layout::spot::free_spot(positions, view, anchor, clearance)
            }
            None => anchor,
        })
    }

    /// Changes the language; a note written in the old language is said again in the new one.
    fn set_lang(&mut self, lang: Lang) {
        let changed = lang != self.view.lang;
        self.view.lang = lang;
        self.picker.set_lang(lang);
        if changed
            && matches!(self.status, Status::Info(_))
            && let Some(line) = self.workspace.opened_line(lang)
        {
            self.status = Status::Info(line);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Loading

    /// Starts loading a file on a background thread; the open network stays until it succeeds.
    pub fn start_load(&mut self, path: PathBuf) {
        self.start_load_as(path, LoadMode::Replace);
    }

    /// Starts a background load that replaces the project or joins it.
    pub fn start_load_as(&mut self, path: PathBuf, mode: LoadMode) {
        let options = self.view.import_choices.get(&choice_key(&path)).cloned().unwrap_or_default();
        if let Some(finished) = self.loading.start(path, mode, &options) {
            self.finish_load(finished);
        }
    }

    /// Adds files to the project, loading them one after the other.
    pub fn add_files(&mut self, paths: Vec<PathBuf>) {
        self.loading.queue(paths);
        self.next_queued();
    }

    /// Starts the next file waiting to join the project.
    pub(super) fn next_queued(&mut self) {
        if let Some(path) = self.loading.next_queued() {
            self.start_load_as(path, LoadMode::Add);
        }
    }

    /// Blocks until a running load and every file waiting after it have finished (tests and
    /// the command line).
    pub fn wait_for_load(&mut self) {
        if let Some(finished) = self.loading.wait() {
            self.finish_load(finished);
        }
        while !self.loading.is_loading()
            && let Some(path) = self.loading.next_queued()
        {
            self.start_load_as(path, LoadMode::Add);
            if let Some(finished) = self.loading.wait() {
                self.finish_load(finished);
            }
        }
    }

    /// Reads the open file again with new import choices, and remembers them for this file.
    pub fn reimport(&mut self, options: LoadOptions) {
        let Some(path) = self.workspace.doc().and_then(|d| d.import.path.clone()) else { return };
        self.view.import_choices.insert(choice_key(&path), options);
        self.start_load(path);
    }

    /// Takes in a load that ended: the network joins or replaces the project (and the import
    /// dialog opens when the file needs a choice), or the error says what went wrong.
    pub(super) fn finish_load(&mut self, finished: Finished) {
        let Finished { path, mode, result } = finished;
        match result {
            Ok(loaded) => {
                let remembered = self.view.import_choices.contains_key(&choice_key(&path));
                let source = Source::Files(loaded.files.clone());
                let mode = match mode {
                    LoadMode::Refresh => match self.refresh(loaded, source, path) {
                        Ok(()) => return,
                        Err(arrival) => {
                            // Not open (any more): it joins the project, or opens.
                            let Arrival { loaded, source, path, .. } = *arrival;
                            self.finish_arrival(loaded, source, LoadMode::Add, path, remembered);
                            return;
                        }
                    },
                    mode => mode,
                };
                self.finish_arrival(loaded, source, mode, Some(path), remembered);
            }
            Err(err) => {
                // The open network stays; the error says what, where and how to fix it.
                log::error!("{err}");
                let kept = self.kept_open();
                self.status = Status::Error(format!("{err}{kept}"));
                if matches!(err, LoadError::Io { .. }) {
                    self.view.recent.retain(|p| p != &path);
                }
            }
        }
    }

    /// Installs a read network; the import dialog opens when it replaced the project and
    /// needs a choice (relation, attributes) or names to check.
    fn finish_arrival(
        &mut self,
        loaded: Loaded,
        source: Source,
        mode: LoadMode,
        path: Option<PathBuf>,
        remembered: bool,
    ) {
        let joins = mode == LoadMode::Add && self.workspace.doc().is_some();
        self.install(loaded, source, mode, path);
        if !joins && !remembered && self.workspace.doc().is_some_and(|d| d.import.needs_attention()) {
            self.ui_state.show_import = true;
        }
    }

    /// Reads a file again into the open network that came from it: on screen (a reload,
    /// newcomers fade in) or beside it (laid out again, everyone known in their place). Gives
    /// the network back when none came from it.
    fn refresh(&mut self, loaded: Loaded, source: Source, path: PathBuf) -> Result<(), Box<Arrival>> {
        if self.workspace.doc().is_some_and(|d| d.source == source) {
            if self.loading.network_edited {
                // Reading it again would lose the edits made here: the answers wait in the file.
                self.status = Status::Info(self.view.lang.tr().survey_edited_waits.to_owned());
                return Ok(());
            }
            self.install(loaded, source, LoadMode::Replace, Some(path));
            return Ok(());
        }
        let arrival = Arrival { loaded, source, path: Some(path), choices: None, joins: true };
        let settings = LayoutSettings::of(&self.view);
        let message = self.workspace.refresh_beside(arrival, &settings, self.view.lang)?;
        self.status = Status::Info(message);
        Ok(())
    }

    /// Reads the live survey's table (after new answers) into the collected network, wherever
    /// it is; opens it with the first answers.
    pub(super) fn read_collected(&mut self, table: PathBuf) {
        self.start_load_as(table, LoadMode::Refresh);
    }

    /// " (the open network stays open)" when one is open.
    fn kept_open(&self) -> String {
        if self.workspace.doc().is_some() {
            format!(" ({})", self.view.lang.tr().kept_open)
        } else {
            String::new()
        }
    }

    /// Opens a network synchronously from memory (samples, tests), as the only network.
    pub fn install_loaded(&mut self, loaded: Loaded, source: Source) {
        self.install(loaded, source, LoadMode::Replace, None);
    }

    /// Puts a loaded network into the project, and everything that follows from it: the
    /// status line, the view, the watch on its files, the recent files, culture names.
    fn install(&mut self, loaded: Loaded, source: Source, mode: LoadMode, path: Option<PathBuf>) {
        let joins = mode == LoadMode::Add;
        // A network joining the project keeps its own reading; one on screen shows the choices.
        let beside = joins && self.workspace.doc().is_some();
        let choices = path
            .as_ref()
            .filter(|_| !beside)
            .and_then(|p| self.view.import_choices.get(&choice_key(p)).cloned());
        let arrival = Arrival { loaded, source, path, choices, joins };
        let settings = LayoutSettings::of(&self.view);
        let installed = self.workspace.install(arrival, &mut self.layout, &settings, self.view.lang);
        self.status = Status::Info(installed.message);
        if let Some(serial) =
            self.workspace.doc().map(|d| d.serial).filter(|_| !installed.appeared.is_empty())
        {
            self.cache.fade_in(serial, installed.appeared, self.clock.now());
        }
        if !installed.joined {
            if !installed.reloaded {
                self.camera.auto_fit = true;
                if installed.big {
                    self.loading.hold_layout_for_first_picture(&mut self.layout);
                }
            }
            self.loading.network_edited = false;
            let files = self.workspace.doc().map(|d| d.source.files().to_vec()).unwrap_or_default();
            self.loading.watch(&files, self.wake.as_ref());
            if let Some(first) = files.first() {
                self.view.remember_recent(first);
            }
        }
        self.adopt_culture_names();
    }

    /// Every bundled sample as one project, with the bundled culture survey.
    fn open_all_samples(&mut self) {
        let options = crate::analysis::ocai::OcaiOptions::default();
        if let Ok(report) = crate::analysis::ocai::parse_and_score(io::samples::OCAI, &options) {
            self.workspace.ocai = Some(report);
            self.workspace.ocai_text = Some(io::samples::OCAI.to_owned());
        }
        for (i, sample) in io::samples::SAMPLES.iter().enumerate() {
            match io::samples::load(sample.stem) {
                Some(Ok(loaded)) => {
                    let mode = if i == 0 { LoadMode::Replace } else { LoadMode::Add };
                    self.install(loaded, Source::Sample(sample.stem), mode, None);
                }
                Some(Err(err)) => self.status = Status::Error(format!("sample {}: {err}", sample.stem)),
                None => {}
            }
        }
    }

    /// Every network file of a folder as a project (the first replaces it, the rest join),
    /// with a culture survey found beside them.
    fn open_folder(&mut self, folder: &Path) {
        let files = io::open::network_files_in(folder);
        if let Ok(entries) = std::fs::read_dir(folder) {
            let mut ocai: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                    name.contains("ocai") && (name.ends_with(".csv") || name.ends_with(".xlsx"))
                })
                .collect();
            ocai.sort();
            if let Some(first) = ocai.first() {
                self.open_ocai(first);
            }
        }
        let mut files = files.into_iter();
        match files.next() {
            None => {
                let message = self.view.lang.tr().no_network_files;
                self.status = Status::Error(format!("{}: {message}", folder.display()));
            }
            Some(first) => {
                self.start_load_as(first, LoadMode::Replace);
                self.loading.queue(files);
            }
        }
    }

    /// Shows another open network; the current one keeps its positions and pins.
    pub fn activate(&mut self, serial: u64) {
        let settings = LayoutSettings::of(&self.view);
        let Some(doc) = self.workspace.activate(serial, &mut self.layout, &settings) else { return };
        let (name, files) = (doc.shown().name.clone(), doc.source.files().to_vec());
        self.status = Status::Info(format!("{} {name}", self.view.lang.tr().opened));
        self.camera.auto_fit = true;
        self.loading.network_edited = false;
        self.loading.watch(&files, self.wake.as_ref());
        self.adopt_culture_names();
    }

    /// Networks take the culture file's spelling of their name; the culture panel shows the
    /// municipality on screen.
    fn adopt_culture_names(&mut self) {
        if let Some(name) = self.workspace.adopt_culture_names() {
            self.ui_state.ocai_panel.selected = Some(name);
        }
    }

    /// Reads OCAI responses (CSV, or the first sheet of an .xlsx) and scores them.
    pub fn open_ocai(&mut self, path: &Path) {
        // The command line's route too (io::open_culture): one size limit, one workbook row mapping.
        match io::open_culture(path) {
            Ok(io::OpenedCulture { report, text }) => {
                self.status = Status::Info(format!("{} {}", self.view.lang.tr().opened, path.display()));
                self.workspace.ocai = Some(report);
                self.workspace.ocai_text = Some(text);
                self.adopt_culture_names();
                self.view.show_analysis = true;
                self.view.analysis_tab = crate::settings::AnalysisTab::Culture;
            }
            Err(errors) => {
                self.status = Status::Error(errors.first().map(ToString::to_string).unwrap_or_default());
            }
        }
    }

    /// No file dialog on this system: the path field asks instead (with a note saying why).
    fn ask_for_path(&mut self, mode: PathFieldMode, suggested: String) {
        self.ui_state.ask_for_path(mode, suggested, true);
    }

    /// A full path for a file to save when there is no file dialog: next to the project or the
    /// opened file, else in the home folder.
    pub fn suggested_path(&self, file_name: &str) -> String {
        let beside = self
            .files
            .project_path
            .as_deref()
            .or_else(|| self.workspace.doc().and_then(|d| d.import.path.as_deref()));
        suggested_path(file_name, beside)
    }

    // ---------------------------------------------------------------------------------------
    // Scenes

    /// Saves the current view as a named scene.
    pub fn save_scene(&mut self, name: &str) {
        let name = if name.trim().is_empty() {
            self.presenting.default_name(self.view.lang)
        } else {
            name.trim().to_owned()
        };
        let camera = self.camera.camera();
        let camera =
            SavedCamera { centre: camera.centre, scale: camera.scale, size: self.camera.canvas_size() };
        let Some(mut scene) = self.workspace.scene_here(name, self.layout.snapshot(), camera) else { return };
        scene.chart.clone_from(&self.presenting.chart);
        scene.legend_corner = Some(self.view.legend_corner);
        self.presenting.add(scene);
        self.mark_dirty();
    }

    /// Adds a chart slide as a scene (of the open network, or for the comparison all of them)
    /// and shows it.
    pub fn add_chart_scene(&mut self, kind: crate::chart::ChartKind) {
        let network_name = self.workspace.doc().map(|d| d.network.name.clone()).unwrap_or_default();
        let (title, chart) = chart_slide(kind, &network_name, self.view.lang);
        self.presenting.chart = Some(chart);
        self.save_scene(&title);
    }

    /// Shows scene `index`: its municipality, filters, focus, frozen positions, and a smooth
    /// camera move with a fade.
    pub fn go_to_scene(&mut self, index: usize) {
        let now = Instant::now();
        let Some(scene) = self.presenting.show(index, now) else { return };
        if let Some(serial) = self.workspace.serial_of(scene.network) {
            self.activate(serial);
        }
        if let Some(corner) = scene.legend_corner {
            self.view.legend_corner = corner;
        }
        let settings = LayoutSettings::of(&self.view);
        self.workspace.show_scene(&scene, &mut self.layout, &settings);
        let target = Camera { centre: scene.camera.centre, scale: scene.camera.scale };
        self.camera.move_to(target, scene.camera.size, now);
    }

    // ---------------------------------------------------------------------------------------
    // Project files, autosave, exports

    /// Everything on screen as a project file.
    pub fn to_project_file(&self) -> ProjectFile {
        let mut project = ProjectFile::new();
        let (networks, active, beside) = self.workspace.saved_networks(self.layout.snapshot());
        (project.networks, project.active, project.compare_with) = (networks, active, beside);
        let (camera, view) = (self.camera.camera(), &self.view);
        project.view = SavedView {
            filter: self.workspace.filter,
            camera: Some(SavedCamera {
                centre: camera.centre,
                scale: camera.scale,
                size: self.camera.canvas_size(),
            }),
            show_labels: view.show_labels,
            show_legend: view.show_legend,
            size_by: view.size_by,
            anonymize: view.anonymize,
            seed: view.seed,
            layout: view.layout,
            legend_corner: view.legend_corner,
            node_sizes: view.node_sizes,
            label_size_by_degree: view.label_size_by_degree,
        };
        project.scenes = self.presenting.scenes().to_vec();
        project.ocai_text.clone_from(&self.workspace.ocai_text);
        project
    }

    /// Saves the project atomically and remembers where.
    pub fn save_project(&mut self, path: &Path) {
        match self.to_project_file().write(path) {
            Ok(()) => {
                self.files.saved(path);
                self.view.remember_recent(path);
                self.status = Status::Info(format!("{} {}", self.view.lang.tr().saved, path.display()));
            }
            Err(err) => self.status = Status::Error(err.to_string()),
        }
    }

    /// Opens a project file: every municipality as it was saved.
    pub fn open_project(&mut self, path: &Path) {
        let project = match ProjectFile::read(path) {
            Ok(p) => p,
            Err(err) => {
                self.status = Status::Error(format!("{err}{}", self.kept_open()));
                return;
            }
        };
        self.load_project_file(&project);
        self.files.opened(Some(path));
        self.view.remember_recent(path);
        self.status = Status::Info(format!("{} {}", self.view.lang.tr().opened, path.display()));
    }

    /// Replaces everything with a project's contents.
    pub fn load_project_file(&mut self, project: &ProjectFile) {
        let v = &project.view;
        // Sizes and layout first: the layouts below keep discs of these sizes apart.
        self.view.node_sizes = v.node_sizes;
        self.view.show_labels = v.show_labels;
        self.view.show_legend = v.show_legend;
        self.view.size_by = v.size_by;
        self.view.anonymize = v.anonymize;
        self.view.seed = v.seed;
        self.view.layout = v.layout;
        self.view.legend_corner = v.legend_corner;
        self.view.label_size_by_degree = v.label_size_by_degree;
        self.edits.clear();
        let settings = LayoutSettings::of(&self.view);
        let (active, beside) = self.workspace.open_project(project, &settings);
        self.presenting.set_scenes(project.scenes.clone());
        if let Some(serial) = active {
            self.activate(serial);
        }
        self.workspace.set_compare_with(beside);
        match v.camera {
            Some(c) => self.camera.set(Camera { centre: c.centre, scale: c.scale }),
            None => self.camera.auto_fit = true,
        }
        self.layout.set_params(self.view.layout);
        self.adopt_culture_names();
    }

    /// Uses `clock` to time autosaves and fades (tests move a manual clock instead of waiting).
    pub fn set_clock(&mut self, clock: std::sync::Arc<dyn crate::recovery::Clock>) {
        self.clock = std::sync::Arc::clone(&clock);
        self.files.set_clock(clock);
    }

    /// Autosaves into `dir` (the app's data folder) from now on, and offers the newest
    /// autosave left there by an instance that ended without saving.
    pub fn enable_recovery(&mut self, dir: &Path) -> std::io::Result<()> {
        self.files.enable_recovery(dir)
    }

    /// Writes the pending autosave now (before anything risky: opening other files,
    /// presenting). Atomic: a crash mid-write leaves the previous autosave.
    pub fn write_autosave(&mut self) {
        if let Some(path) = self.files.take_autosave()
            && let Err(err) = self.to_project_file().write(&path)
        {
            log::warn!("autosave failed: {err}");
        }
    }

    /// The app ends: unsaved changes are written to the recovery file; with none it goes.
    pub fn exiting(&mut self) {
        if self.files.exiting() {
            self.write_autosave();
        }
    }

    /// Recovers (or discards) the autosave offered at start: exactly what it holds, with a
    /// line saying when it was written.
    fn recover(&mut self, yes: bool) {
        let Some((path, written)) = self.files.take_recovery_offer() else { return };
        if yes {
            let project = match ProjectFile::read(&path) {
                Ok(p) => p,
                Err(err) => {
                    self.status = Status::Error(err.to_string());
                    return;
                }
            };
            self.load_project_file(&project);
            self.files.opened(None);
            self.mark_dirty();
            // Ours now: write it to this instance's file before the old one goes.
            self.write_autosave();
            let (when, ago) = crate::recovery::describe_time(written, std::time::SystemTime::now());
            self.status = Status::Info(self.view.lang.tr().recovered(&when, ago));
        }
        crate::recovery::remove_orphan(&path);
    }

    /// Writes the network as it is on screen (positions, colours, sizes) to `path`.
    pub fn export(&mut self, path: &Path) {
        let Some(doc) = self.workspace.doc() else { return };
        let tr = self.view.lang.tr();
        self.status = match export_network(doc.shown(), self.cache.scene(), path) {
            Ok(files) => {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                Status::Info(format!("{} {}", tr.export_done, names.join(", ")))
            }
            Err(err) => Status::Error(err),
        };
    }

    /// Writes a picture of the canvas: the scene as drawn, of what is on screen or of the
    /// whole network (or the chart slide shown), as PNG or SVG by the path's extension.
    pub fn export_picture(&mut self, path: &Path) {
        if self.workspace.doc().is_none() {
            return;
        }
        let tr = self.view.lang.tr();
        let size = self.camera.canvas_size().map_or([1280.0, 800.0], |[w, h]| [w.max(16.0), h.max(16.0)]);
        let picture = match &self.presenting.chart {
            // A chart slide exports as the chart.
            Some(chart) => PictureOf::Chart(self.chart_svg(chart, size), size),
            None => {
                let camera = self.camera.camera();
                PictureOf::Network(Box::new(crate::render::Picture {
                    scene: self.cache.scene().clone(),
                    viewport: Viewport { size, camera_centre: camera.centre, scale: camera.scale },
                    options: FrameOptions {
                        show_legend: self.view.show_legend,
                        max_labels: 300,
                        palette: self.base_encoding().palette,
                        legend_corner: self.view.legend_corner,
                        label_size_by_degree: self.view.label_size_by_degree,
                        reserved_bottom: 0.0,
                    },
                }))
            }
        };
        self.status = match write_picture(path, picture, self.view.picture, tr.picture_bad_extension) {
            Ok(()) => {
                self.ui_state.show_picture_dialog = false;
                Status::Info(format!("{} {}", tr.picture_done, path.display()))
            }
            Err(err) => Status::Error(err),
        };
    }

    /// The chart of a chart slide as SVG at `size` points, from the open networks and the
    /// culture survey; the reason when its data is missing.
    pub fn chart_svg(&self, chart: &SavedChart, size: [f32; 2]) -> Result<String, String> {
        let docs = self.workspace.all_docs();
        let sources = ChartSources {
            docs: &docs,
            active: self.workspace.doc(),
            ocai: self.workspace.ocai.as_ref(),
            rows: &|d| self.cache.comparison.row(d.serial, d.shown()),
            live: self.live.survey().map(|l| (l.question.as_str(), l.join_url.as_str(), l.answers())),
            palette: self.base_encoding().palette,
            lang: self.view.lang,
        };
        chart_picture(chart, size, &sources)
    }

    /// Starts the live survey of the dialog and shows its join slide; the collected network
    /// opens with the first answer and follows every later one.
    fn start_survey(&mut self) {
        let Some(draft) = self.ui_state.survey_draft.clone() else { return };
        self.write_autosave();
        let roster = self
            .workspace
            .doc()
            .filter(|_| draft.roster_from_network)
            .map(|d| d.network.people().map(|(_, p)| p.name.clone()).collect());
        match self.live.start(&draft, roster, self.view.lang, self.wake.clone()) {
            Ok(()) => self.add_chart_scene(crate::chart::ChartKind::Join),
            Err(err) => self.status = Status::Error(err),
        }
    }
}
