//! Small windows and overlays: open by path, shortcuts, about, loading, dropping files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::app::InfonetApp;
use crate::command::Command;
use crate::i18n::Lang;
use crate::io::Progress;

use super::theme;

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

/// The "open by path" window and the help windows.
pub fn dialogs_ui(ui: &mut egui::Ui, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    let tr = app.view.lang.tr();
    let ctx = ui.ctx().clone();
    if let Some(text) = &mut app.path_field {
        let mut submit = None;
        let mut cancel = false;
        let export = matches!(
            app.path_field_mode,
            PathFieldMode::Export | PathFieldMode::SaveProject | PathFieldMode::Picture
        );
        let title = match app.path_field_mode {
            PathFieldMode::Export => tr.export_network,
            PathFieldMode::Picture => tr.picture_title,
            PathFieldMode::SaveProject => tr.save_project,
            _ => tr.open_path,
        };
        // A modal of its own: above whatever window asked for it (the picture export has the
        // same title, and a window of the same title shared its place and sat on top of it).
        let modal = egui::Modal::new(egui::Id::unique("path_field")).show(&ctx, |ui| {
            ui.heading(title);
            if app.path_field_note {
                ui.label(egui::RichText::new(tr.no_file_dialog).color(theme::warning_text()));
            }
            ui.label(match app.path_field_mode {
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
            commands.push(match app.path_field_mode {
                PathFieldMode::Open => Command::Open(path),
                PathFieldMode::Export => Command::Export(path),
                PathFieldMode::Add => Command::AddFiles(vec![path]),
                PathFieldMode::Folder => Command::OpenFolder(path),
                PathFieldMode::Ocai => Command::OpenOcai(path),
                PathFieldMode::SaveProject => Command::SaveProjectTo(path),
                PathFieldMode::Picture => Command::ExportPicture(path),
            });
            app.path_field = None;
        } else if cancel || !open {
            app.path_field = None;
        }
    }
    picture_window(&ctx, app, commands);
    error_window(&ctx, app);
    if app.confirm_close {
        egui::Modal::new(egui::Id::unique("confirm_close")).show(&ctx, |ui| {
            ui.heading(tr.unsaved_title);
            ui.label(tr.unsaved_text);
            ui.horizontal(|ui| {
                if ui.button(tr.save_project).clicked() {
                    commands.push(Command::SaveProject);
                    app.confirm_close = false;
                    app.close_after_save = true;
                }
                if ui.button(tr.dont_save).clicked() {
                    commands.push(Command::CloseDiscarding);
                }
                if ui.button(tr.cancel).clicked() {
                    app.confirm_close = false;
                }
            });
        });
    }
    if let Some((_, written)) = app.recovery_offer {
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
    let mut show = app.show_shortcuts;
    egui::Window::new(tr.shortcuts).open(&mut show).collapsible(false).show(&ctx, |ui| {
        ui.label(tr.shortcuts_text);
    });
    app.show_shortcuts = show;
    let mut show = app.show_about;
    egui::Window::new(tr.about).open(&mut show).collapsible(false).show(&ctx, |ui| {
        ui.set_max_width(380.0);
        ui.label(tr.about_text);
        ui.label(egui::RichText::new(format!("Infonet {}", env!("CARGO_PKG_VERSION"))).weak());
    });
    app.show_about = show;
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
fn picture_window(ctx: &egui::Context, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    if !app.show_picture_dialog {
        return;
    }
    let tr = app.view.lang.tr();
    let mut open = true;
    let settings = &mut app.view.picture;
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
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button(tr.picture_save_png).clicked() {
                commands.push(Command::SavePicture(crate::render::PictureFormat::Png));
            }
            if ui.button(tr.picture_save_svg).clicked() {
                commands.push(Command::SavePicture(crate::render::PictureFormat::Svg));
            }
            if ui.button(tr.cancel).clicked() {
                app.show_picture_dialog = false;
            }
        });
    });
    if !open {
        app.show_picture_dialog = false;
    }
}

/// The last error, whole and wrapped (the status bar has room for one line of it).
fn error_window(ctx: &egui::Context, app: &mut InfonetApp) {
    let Some(text) = app.error_window.clone() else { return };
    let tr = app.view.lang.tr();
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
        app.error_window = None;
    }
}
