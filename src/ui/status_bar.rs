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

fn status_text_ui(ui: &mut egui::Ui, app: &mut InfonetApp) {
    let tr = app.view.lang.tr();
    let mut reopen = None;
    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| match &app.status {
        Status::None => {}
        Status::Info(text) => {
            let response = ui.label(text);
            // Warnings quote ids and names, so they stay hidden while names are hidden.
            if let Some(doc) = &app.doc
                && !doc.report.warnings.is_empty()
                && !app.view.anonymize
            {
                response.on_hover_ui(|ui| {
                    ui.label(egui::RichText::new(tr.warnings).strong().color(theme::warning_text()));
                    for w in doc.report.warnings.iter().take(30) {
                        ui.label(w.to_string());
                    }
                    if doc.report.warnings.len() > 30 {
                        ui.label(format!("… +{}", doc.report.warnings.len() - 30));
                    }
                });
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
}
