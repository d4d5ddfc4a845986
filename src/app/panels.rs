//! Feeding the panels: each gets what it shows from the parts of the app that own it, and
//! pushes commands; the canvas's pointer output becomes commands too. A new panel is called
//! from here.

use std::time::Instant;

use crate::command::Command;
use crate::model::PersonId;
use crate::ui::canvas::{CanvasOptions, CanvasOutput, canvas_ui};
use crate::ui::transform::Camera;
use crate::ui::{self};

use super::{InfonetApp, view_cache};

impl InfonetApp {
    /// The menu, status bar, side panel, analysis panel and person card.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let project = self.workspace.project_list();
        let (view, ws, snapshot) = (&self.view, &self.workspace, self.layout.snapshot());
        let menu = ui::MenuInput {
            view,
            has_network: ws.doc().is_some(),
            has_selection: ws.selected.is_some(),
            can_undo: self.edits.history().can_undo(),
            can_redo: self.edits.history().can_redo(),
            layout_paused: snapshot.paused,
            project: &project,
            compare_with: ws.compare_with(),
            watch_files: self.loading.watch_files,
        };
        ui::menu_bar_ui(ui, &menu, &mut self.ui_state, commands);
        let layout = (snapshot.status, snapshot.paused, snapshot.steps);
        let status = ui::StatusInput {
            status: &self.status,
            lang: view.lang,
            load_progress: self.loading.progress(),
            layout: ws.doc().map(|_| layout),
            anonymize: view.anonymize,
            report: ws.doc().map(|d| &d.report),
        };
        ui::status_bar_ui(ui, &status, &mut self.ui_state);
        let palette = crate::scene::style::Palette::of(view.theme, view.colour_blind);
        if view.show_side_panel {
            let side = ui::SideInput {
                lang: view.lang,
                project: &project,
                name: ws.doc().map(|d| d.shown().name.as_str()),
                filtered: self.cache.filtered(),
                counts: self.cache.shown_counts(),
                filter: ws.filter,
                ego: ws.ego.is_some(),
                palette,
                layout,
                params: view.layout,
                seed: view.seed,
                show_labels: view.show_labels,
                show_legend: view.show_legend,
            };
            ui::side_panel_ui(ui, &side, &mut self.ui_state.rename_draft, commands);
        }
        if let (true, Some(doc)) = (view.show_analysis, ws.doc()) {
            let comparison: Vec<crate::insights::ComparisonRow> =
                if view.analysis_tab == crate::settings::AnalysisTab::Compare {
                    ws.all_docs().iter().map(|d| self.cache.comparison.row(d.serial, d.shown())).collect()
                } else {
                    Vec::new()
                };
            let analysis = ui::AnalysisInput {
                lang: view.lang,
                tab: view.analysis_tab,
                size_by: view.size_by,
                insights: &self.cache.insights,
                network: doc.shown(),
                comparison: &comparison,
                active: doc.serial,
                ocai: ws.ocai.as_ref(),
            };
            ui::analysis_panel_ui(ui, &analysis, &mut self.ui_state, commands);
        }
        if let (Some(id), Some(doc)) = (ws.selected, ws.doc()) {
            let card = ui::CardInput {
                id,
                shown: doc.shown(),
                real: &doc.network,
                pinned: doc.dense(id).and_then(|i| snapshot.pinned.get(i).copied()).unwrap_or(false),
                ego: ws.ego,
                palette,
                anonymized: view.anonymize,
                lang: view.lang,
            };
            ui::person_card_ui(ui, &card, &mut self.ui_state.card_edit, commands);
        }
    }

    /// The canvas (or two side by side, or a chart slide) with the loading and drop overlays.
    /// Returns what the pointer did on the network's canvas.
    pub(super) fn central_ui(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
    ) -> Option<CanvasOutput> {
        let options = CanvasOptions {
            show_legend: self.view.show_legend,
            palette: self.base_encoding().palette,
            max_labels: 300,
            lang: self.view.lang,
            legend_corner: self.view.legend_corner,
            label_size_by_degree: self.view.label_size_by_degree,
            // The presenting hint line at the bottom is no place for a name.
            reserved_bottom: if self.presenting.on { 28.0 } else { 0.0 },
        };
        let opacity = self.presenting.opacity(Instant::now());
        let mut output = None;
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            ui.multiply_opacity(opacity);
            if let Some(chart) = self.presenting.chart.clone() {
                self.chart_ui(ui, &chart, commands);
            } else if self.workspace.doc().is_some() {
                let scene = self.cache.scene();
                let camera = &mut self.camera;
                if self.cache.has_compare() {
                    // Two municipalities side by side, with identical encodings and filters.
                    let rect = ui.available_rect_before_wrap();
                    let (left, right) = rect.split_left_right_at_fraction(0.5);
                    let left = egui::UiBuilder::new().max_rect(left.shrink2(egui::vec2(1.0, 0.0)));
                    ui.scope_builder(left, |ui| {
                        let (camera, canvas) = camera.canvas_parts();
                        output = Some(canvas_ui(ui, scene, camera, canvas, &options));
                    });
                    if let Some(view) = self.cache.compare_mut() {
                        let right = egui::UiBuilder::new().max_rect(right.shrink2(egui::vec2(1.0, 0.0)));
                        ui.scope_builder(right, |ui| {
                            let out =
                                canvas_ui(ui, &view.scene, &mut view.camera, &mut view.canvas, &options);
                            if out.camera_moved {
                                view.auto_fit = false;
                            }
                            if view.auto_fit
                                && let (Some(r), Some(bounds)) = (out.rect, view.scene.bounds)
                            {
                                view.camera = Camera::fitting_clear_of(r, view.canvas.legend_rect, bounds);
                            }
                        });
                    }
                } else {
                    let (camera, canvas) = camera.canvas_parts();
                    output = Some(canvas_ui(ui, scene, camera, canvas, &options));
                }
            } else {
                ui.centered_and_justified(|ui| {
                    ui.label(self.view.lang.tr().no_network);
                });
            }
            ui::loading_overlay_ui(ui, self.loading.job(), self.view.lang);
            ui::drop_overlay_ui(ui, self.view.lang);
        });
        output
    }

    /// The small windows: path field, picture export, errors, import, add person, survey.
    pub(super) fn dialogs_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let lang = self.view.lang;
        let dialogs = ui::DialogsInput {
            lang,
            picture: self.view.picture,
            recovery_offer: self.files.recovery_offer().map(|(_, written)| *written),
        };
        ui::dialogs_ui(ui, &dialogs, &mut self.ui_state, commands);
        let import = self.workspace.doc().map(|d| ui::ImportView {
            info: &d.import,
            report: &d.report,
            name: &d.shown().name,
        });
        if let Some(options) = ui::import_dialog_ui(ui, import, self.view.anonymize, lang, &mut self.ui_state)
        {
            commands.push(Command::Reimport(options));
        }
        let network = self.workspace.doc().map(|d| &d.network);
        ui::new_person_ui(ui, network, &mut self.ui_state.new_person, lang, commands);
        ui::live_survey_ui(
            ui.ctx(),
            &mut self.ui_state.survey_draft,
            self.live.view(self.view.anonymize),
            lang,
            commands,
        );
    }

    /// Turns what the pointer did on the canvas into commands: select, drag (or draw a tie
    /// with Shift), pin.
    pub(super) fn take_canvas(
        &mut self,
        ctx: &egui::Context,
        out: &CanvasOutput,
        commands: &mut Vec<Command>,
    ) {
        self.camera.take_canvas(out);
        self.workspace.hovered = out.hovered;
        if let Some(click) = out.clicked {
            commands.push(Command::Select(click));
        }
        match out.dragged_to {
            Some((id, p)) => {
                // Shift + drag from a person draws a new tie instead of moving them.
                let shift = ctx.input(|i| i.modifiers.shift);
                if self.edits.tie_from.is_some() || (shift && !self.edits.is_dragging()) {
                    self.edits.tie_from.get_or_insert(id);
                } else {
                    commands.push(Command::DragTo(id, p));
                }
            }
            None => {
                if let Some(step) = self.edits.end_drag(&self.workspace) {
                    commands.push(Command::Perform(step));
                }
                if let Some(from) = self.edits.tie_from.take()
                    && let Some(to) = out.hovered.filter(|t| *t != from)
                    && let (Some(source), Some(target)) =
                        (self.workspace.key_of(from), self.workspace.key_of(to))
                {
                    let tie = crate::model::Tie::default();
                    commands.push(Command::Perform(crate::edit::Edit::AddTie { source, target, tie }));
                }
            }
        }
        if let Some((id, pinned)) = out.set_pinned {
            commands.push(Command::SetPinned(id, pinned));
        }
    }

    /// The tie being drawn, the pulse on a found person, presentation mode's hint line.
    pub(super) fn paint_overlays(&self, ctx: &egui::Context) {
        let rect = self.camera.canvas_rect();
        let screen = |id: PersonId| {
            let i = self.workspace.doc()?.dense(id)?;
            let p = self.layout.snapshot().positions.get(i).copied()?;
            Some(self.camera.camera().ui_from_world(rect?, p))
        };
        if let Some(from) = self.edits.tie_from.and_then(screen) {
            ui::canvas::paint_tie_band(ctx, from);
        }
        if let Some((id, start)) = self.camera.pulse()
            && let Some(at) = screen(id)
        {
            ui::canvas::paint_pulse(ctx, at, start.elapsed().as_secs_f32());
        }
        if self.presenting.on {
            let scene = self.presenting.hint();
            let text = self.base_encoding().palette.text;
            ui::present::presentation_hint_ui(ctx, scene, text, self.view.lang);
        }
    }

    /// Draws the chart slide over the whole canvas (rasterised once per size and data).
    fn chart_ui(
        &mut self,
        ui: &mut egui::Ui,
        chart: &crate::project::SavedChart,
        commands: &mut Vec<Command>,
    ) {
        let rect = ui.available_rect_before_wrap();
        self.camera.set_canvas_rect(Some(rect));
        let ppp = ui.ctx().pixels_per_point();
        let pixels =
            [(rect.width() * ppp).round().max(1.0) as usize, (rect.height() * ppp).round().max(1.0) as usize];
        let data = self
            .workspace
            .all_docs()
            .iter()
            .map(|d| d.shown().revision())
            .chain([self.workspace.ocai_text.as_ref().map_or(0, |t| t.len() as u64)])
            .chain([self.live.survey().map_or(0, |l| l.answers() as u64)])
            .collect();
        let key = view_cache::ChartKey {
            chart: chart.clone(),
            pixels,
            lang: self.view.lang,
            palette: self.base_encoding().palette,
            data,
        };
        let size = [rect.width(), rect.height()];
        let svg = self.chart_svg(chart, size);
        match self.cache.chart_texture(ui.ctx(), key, size, || svg) {
            Ok(texture) => {
                let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
                ui.painter().image(texture.id(), rect, uv, egui::Color32::WHITE);
            }
            Err(message) => {
                ui.centered_and_justified(|ui| {
                    ui.label(egui::RichText::new(message).size(18.0));
                });
                return;
            }
        }
        if !self.presenting.on {
            let button = egui::Button::new(self.view.lang.tr().back_to_network);
            let at = egui::Rect::from_min_size(rect.min + egui::vec2(12.0, 12.0), egui::vec2(180.0, 28.0));
            if ui.put(at, button).clicked() {
                commands.push(Command::CloseChart);
            }
        }
    }
}
