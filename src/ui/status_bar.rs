//! The status bar: what the last load did (or what went wrong), and the layout's state.

use std::path::Path;

use crate::i18n::Lang;
use crate::io::ImportReport;
use crate::layout::LayoutStatus;

use super::{UiState, theme};

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

/// What the status bar shows.
pub struct StatusInput<'a> {
    /// The message.
    pub status: &'a Status,
    /// Language.
    pub lang: Lang,
    /// A load in progress: (file, fraction).
    pub load_progress: Option<(&'a Path, f32)>,
    /// The layout's state while a network is open: (status, paused, steps).
    pub layout: Option<(LayoutStatus, bool, u64)>,
    /// Names are hidden.
    pub anonymize: bool,
    /// What the open network's import did (its warnings are listed).
    pub report: Option<&'a ImportReport>,
}

/// One line at the bottom of the window.
pub fn status_bar_ui(ui: &mut egui::Ui, input: &StatusInput<'_>, state: &mut UiState) {
    let tr = input.lang.tr();
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some((path, fraction)) = input.load_progress {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!(
                    "{} {name} {:.0}%",
                    tr.loading,
                    fraction * 100.0
                )));
            }
            if let Some((status, paused, steps)) = input.layout {
                let text = match (paused, status) {
                    (true, _) => tr.status_paused,
                    (false, LayoutStatus::Running) => tr.status_running,
                    (false, LayoutStatus::Settled) => tr.status_settled,
                };
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(format!("{text} · {steps}"));
                    if input.anonymize {
                        ui.separator();
                        ui.label(egui::RichText::new(tr.anonymized_note).color(theme::warning_text()));
                    }
                    ui.separator();
                    status_text_ui(ui, input, state);
                });
            } else {
                status_text_ui(ui, input, state);
            }
        });
    });
}

/// Warnings listed in the status bar's tooltip.
const TOOLTIP_WARNINGS: usize = 8;

fn status_text_ui(ui: &mut egui::Ui, input: &StatusInput<'_>, state: &mut UiState) {
    let tr = input.lang.tr();
    let mut reopen = None;
    let mut open_report = false;
    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| match input.status {
        Status::None => {}
        Status::Info(text) => {
            // Warnings quote ids and names, so they stay hidden while names are hidden.
            let warnings = input.report.filter(|_| !input.anonymize).map(|r| &r.warnings);
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
        state.error_window = reopen;
    }
    if open_report {
        state.show_import = true;
        state.import_warnings_open = true;
    }
}
