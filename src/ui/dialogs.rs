//! Small windows and overlays: open by path, shortcuts, about, loading, dropping files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::command::Command;
use crate::i18n::Lang;
use crate::io::Progress;
use crate::settings::{PictureSettings, Setting};

use super::{UiState, theme};

/// What the path field is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathFieldMode {
    /// Open a file.
    #[default]
    Open,
    /// Export the network to a file.
    Export,
    /// Add a file to the project.
    Add,
    /// Open a folder as a project.
    Folder,
    /// Open OCAI responses.
    Ocai,
    /// Save the project to a file.
    SaveProject,
    /// Save a picture of the canvas.
    Picture,
}

/// What the small windows show.
pub struct DialogsInput {
    /// Language.
    pub lang: Lang,
    /// How the picture export was last used.
    pub picture: PictureSettings,
    /// When the autosave offered for recovery was written, if one is offered.
    pub recovery_offer: Option<std::time::SystemTime>,
}

/// The "open by path" window, the picture export, the error, closing with unsaved changes,
/// recovery and the help windows.
pub fn dialogs_ui(ui: &mut egui::Ui, input: &DialogsInput, state: &mut UiState, commands: &mut Vec<Command>) {
    let tr = input.lang.tr();
    let ctx = ui.ctx().clone();
    let mode = state.path_field_mode;
    let note = state.path_field_note;
    if let Some(text) = &mut state.path_field {
        let mut submit = None;
        let mut cancel = false;
        let export =
            matches!(mode, PathFieldMode::Export | PathFieldMode::SaveProject | PathFieldMode::Picture);
        let title = match mode {
            PathFieldMode::Export => tr.export_network,
            PathFieldMode::Picture => tr.picture_title,
            PathFieldMode::SaveProject => tr.save_project,
            _ => tr.open_path,
        };
        // A modal of its own: above whatever window asked for it (the picture export has the
        // same title, and a window of the same title shared its place and sat on top of it).
        let modal = egui::Modal::new(egui::Id::unique("path_field")).show(&ctx, |ui| {
            ui.heading(title);
            if note {
                ui.label(egui::RichText::new(tr.no_file_dialog).color(theme::warning_text()));
            }
            ui.label(match mode {
                PathFieldMode::Export => tr.save_path_prompt,
                PathFieldMode::SaveProject => tr.project_path_prompt,
                PathFieldMode::Picture => tr.picture_path_prompt,
                _ => tr.path_prompt,
            });
            let edit = ui.add(egui::TextEdit::singleline(text).hint_text(tr.path_hint).desired_width(420.0));
            // Read Enter before taking the focus back: request_focus() makes lost_focus() false.
            let enter =
                (edit.lost_focus() || edit.has_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
            edit.request_focus();
            ui.horizontal(|ui| {
                let go = if export { tr.apply } else { tr.open };
                if ui.button(go).clicked() || enter {
                    submit = Some(text.trim().trim_matches('"').to_owned());
                }
                if ui.button(tr.cancel).clicked() {
                    cancel = true;
                }
            });
        });
        // Esc or a click beside it.
        let open = !modal.should_close();
        if let Some(path) = submit.filter(|p| !p.is_empty()) {
            let path = PathBuf::from(path);
            commands.push(match mode {
                PathFieldMode::Open => Command::Open(path),
                PathFieldMode::Export => Command::Export(path),
                PathFieldMode::Add => Command::AddFiles(vec![path]),
                PathFieldMode::Folder => Command::OpenFolder(path),
                PathFieldMode::Ocai => Command::OpenOcai(path),
                PathFieldMode::SaveProject => Command::SaveProjectTo(path),
                PathFieldMode::Picture => Command::ExportPicture(path),
            });
            state.path_field = None;
        } else if cancel || !open {
            state.path_field = None;
        }
    }
    picture_window(&ctx, input, &mut state.show_picture_dialog, commands);
    error_window(&ctx, input.lang, &mut state.error_window);
    if state.confirm_close {
        egui::Modal::new(egui::Id::unique("confirm_close")).show(&ctx, |ui| {
            ui.heading(tr.unsaved_title);
            ui.label(tr.unsaved_text);
            ui.horizontal(|ui| {
                if ui.button(tr.save_project).clicked() {
                    commands.push(Command::SaveProjectAndClose);
                    state.confirm_close = false;
                }
                if ui.button(tr.dont_save).clicked() {
                    commands.push(Command::CloseDiscarding);
                }
                if ui.button(tr.cancel).clicked() {
                    state.confirm_close = false;
                }
            });
        });
    }
    if let Some(written) = input.recovery_offer {
        egui::Modal::new(egui::Id::unique("recover")).show(&ctx, |ui| {
            ui.heading(tr.recover_title);
            ui.label(tr.recover_text);
            let (when, ago) = crate::recovery::describe_time(written, std::time::SystemTime::now());
            ui.label(tr.autosaved_at(&when, ago));
            ui.horizontal(|ui| {
                if ui.button(tr.recover).clicked() {
                    commands.push(Command::Recover(true));
                }
                if ui.button(tr.discard).clicked() {
                    commands.push(Command::Recover(false));
                }
            });
        });
    }
    egui::Window::new(tr.shortcuts).open(&mut state.show_shortcuts).collapsible(false).show(&ctx, |ui| {
        ui.label(tr.shortcuts_text);
    });
    egui::Window::new(tr.about).open(&mut state.show_about).collapsible(false).show(&ctx, |ui| {
        ui.set_max_width(380.0);
        ui.label(tr.about_text);
        ui.label(egui::RichText::new(format!("Infonet {}", env!("CARGO_PKG_VERSION"))).weak());
    });
}

/// A spinner that turns in tenth-of-a-second steps and asks for no frames of its own (the app
/// asks for one every 100 ms while it waits). egui's spinner repaints as fast as it can, which
/// with a software renderer took a core away from the very load or computation it waits for.
pub fn slow_spinner(ui: &mut egui::Ui) {
    let size = ui.style().spacing.interact_size.y;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let step = (ui.input(|i| i.time) * 10.0).floor();
    let start = step * 0.6;
    let radius = rect.height() * 0.35;
    let points: Vec<egui::Pos2> = (0..=16)
        .map(|i| {
            let angle = start + f64::from(i) / 16.0 * std::f64::consts::PI * 1.5;
            rect.center() + radius * egui::vec2(angle.cos() as f32, angle.sin() as f32)
        })
        .collect();
    let colour = ui.visuals().strong_text_color().gamma_multiply(0.8);
    ui.painter().add(egui::Shape::line(points, egui::Stroke::new(2.0, colour)));
}

/// A spinner and progress over the canvas while a file loads.
pub fn loading_overlay_ui(ui: &mut egui::Ui, job: Option<(&Path, &Progress, Instant)>, lang: Lang) {
    let Some((path, progress, started)) = job else { return };
    // Small files load before anyone could read a message; do not flash one.
    if started.elapsed().as_millis() < 150 {
        return;
    }
    let rect = ui.max_rect();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let text = format!(
        "{} {name}: {} {:.0}%",
        lang.tr().loading,
        progress.stage().label(),
        progress.fraction() * 100.0
    );
    let area = egui::Rect::from_center_size(rect.center(), egui::vec2(340.0, 70.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(area), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                slow_spinner(ui);
                ui.label(text);
            });
            ui.add(egui::ProgressBar::new(progress.fraction()));
        });
    });
}

/// A backdrop that says "drop to open" while files are dragged over the window.
pub fn drop_overlay_ui(ui: &mut egui::Ui, lang: Lang) {
    let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let rect = ui.max_rect();
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, theme::drop_backdrop());
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        lang.tr().drop_to_open,
        egui::FontId::proportional(28.0),
        theme::drop_text(),
    );
}

/// File > Export picture: what to show, how large, then PNG or SVG.
fn picture_window(ctx: &egui::Context, input: &DialogsInput, show: &mut bool, commands: &mut Vec<Command>) {
    if !*show {
        return;
    }
    let tr = input.lang.tr();
    let mut open = true;
    let mut picture = input.picture;
    let settings = &mut picture;
    egui::Window::new(tr.picture_title).collapsible(false).resizable(false).open(&mut open).show(ctx, |ui| {
        ui.label(egui::RichText::new(tr.picture_hint).weak());
        ui.add_space(4.0);
        ui.radio_value(&mut settings.whole, false, tr.picture_current_view);
        ui.radio_value(&mut settings.whole, true, tr.picture_whole);
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.label(tr.picture_width);
            ui.add(egui::DragValue::new(&mut settings.width).range(200..=8000).speed(10.0).suffix(" px"));
        });
        ui.checkbox(&mut settings.transparent, tr.picture_transparent);
        if *settings != input.picture {
            // Before the buttons: a save asked for below uses the new choices.
            commands.push(Command::Set(Setting::Picture(*settings)));
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button(tr.picture_save_png).clicked() {
                commands.push(Command::SavePicture(crate::render::PictureFormat::Png));
            }
            if ui.button(tr.picture_save_svg).clicked() {
                commands.push(Command::SavePicture(crate::render::PictureFormat::Svg));
            }
            if ui.button(tr.cancel).clicked() {
                *show = false;
            }
        });
    });
    if !open {
        *show = false;
    }
}

/// The last error, whole and wrapped (the status bar has room for one line of it).
fn error_window(ctx: &egui::Context, lang: Lang, error_window: &mut Option<String>) {
    let Some(text) = error_window.clone() else { return };
    let tr = lang.tr();
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr.error)
        .id(egui::Id::unique("error_window"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.add(
                egui::Label::new(egui::RichText::new(&text).color(theme::error_text()))
                    .wrap()
                    .selectable(true),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(tr.copy_text).clicked() {
                    ui.ctx().copy_text(text.clone());
                }
                if ui.button(tr.close).clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        *error_window = None;
    }
}
