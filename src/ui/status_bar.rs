//! The status bar: what the last load did (or what went wrong), and the layout's state.

use crate::app::{InfonetApp, Status};
use crate::layout::LayoutStatus;

use super::theme;

/// One line at the bottom of the window.
pub fn status_bar_ui(ui: &mut egui::Ui, app: &mut InfonetApp) {
    let tr = app.view.lang.tr();
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some((path, fraction)) = app.load_progress() {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!(
                    "{} {name} {:.0}%",
                    tr.loading,
                    fraction * 100.0
                )));
            }
            if app.doc.is_some() {
                let (status, paused, steps) = app.layout_status();
                let text = match (paused, status) {
                    (true, _) => tr.status_paused,
                    (false, LayoutStatus::Running) => tr.status_running,
                    (false, LayoutStatus::Settled) => tr.status_settled,
                };
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(format!("{text} · {steps}"));
                    if app.view.anonymize {
                        ui.separator();
                        ui.label(egui::RichText::new(tr.anonymized_note).color(theme::warning_text()));
                    }
                    ui.separator();
                    status_text_ui(ui, app);
                });
            } else {
                status_text_ui(ui, app);
            }
        });
    });
}

/// Warnings listed in the status bar's tooltip.
const TOOLTIP_WARNINGS: usize = 8;

fn status_text_ui(ui: &mut egui::Ui, app: &mut InfonetApp) {
    let tr = app.view.lang.tr();
    let mut reopen = None;
    let mut open_report = false;
    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| match &app.status {
        Status::None => {}
        Status::Info(text) => {
            // Warnings quote ids and names, so they stay hidden while names are hidden.
            let warnings = app.doc.as_ref().filter(|_| !app.view.anonymize).map(|d| &d.report.warnings);
            let Some(warnings) = warnings.filter(|w| !w.is_empty()) else {
                ui.label(text);
                return;
            };
            // A few in the tooltip (a big file has thousands); the import report has them all.
            let response = ui.add(egui::Label::new(text).truncate().sense(egui::Sense::click()));
            let response = response.on_hover_ui(|ui| {
                ui.set_max_width(560.0);
                ui.label(egui::RichText::new(tr.warnings).strong().color(theme::warning_text()));
                for w in warnings.iter().take(TOOLTIP_WARNINGS) {
                    ui.add(egui::Label::new(w.to_string()).truncate());
                }
                let more = warnings.len().saturating_sub(TOOLTIP_WARNINGS);
                if more > 0 {
                    ui.label(egui::RichText::new(tr.more_warnings(more)).italics());
                }
            });
            if response.clicked() {
                open_report = true;
            }
        }
        Status::Error(text) => {
            // One line here; the whole message is a click away (and opened by itself when new).
            let line = egui::RichText::new(format!("{}: {text}", tr.error)).color(theme::error_text());
            let response = ui
                .add(egui::Label::new(line).truncate().sense(egui::Sense::click()))
                .on_hover_text(tr.error_details);
            if response.clicked() {
                reopen = Some(text.clone());
            }
        }
    });
    if reopen.is_some() {
        app.error_window = reopen;
    }
    if open_report {
        app.show_import = true;
        app.import_warnings_open = true;
    }
}
