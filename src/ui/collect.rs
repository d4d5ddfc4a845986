//! Collect > Live survey…: what to ask, who may be offered as names, where to listen and where
//! the answers go; while the survey runs, its address, the answers so far, the join slide and
//! Stop. Takes what it shows and pushes commands.

use std::path::Path;

use crate::command::Command;
use crate::i18n::Lang;

/// The live survey dialog's fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyDraft {
    /// What is asked.
    pub config: crate::collect::SurveyConfig,
    /// Offer the open network's people as type-ahead.
    pub roster_from_network: bool,
    /// The address to listen on (one of [`crate::collect::interfaces`]).
    pub address: String,
    /// The port.
    pub port: u16,
    /// The answers' folder.
    pub folder: String,
}

/// A running survey, as the dialog shows it.
#[derive(Clone, Debug)]
pub struct LiveView<'a> {
    /// The address participants open.
    pub join_url: &'a str,
    /// Participants who have answered.
    pub answers: usize,
    /// The survey table.
    pub table: &'a Path,
    /// Spellings that may be one person, for the facilitator to merge or not.
    pub near_misses: Vec<crate::collect::NearMiss>,
    /// Names are hidden on screen (View > Anonymise): the near misses are counted, not shown.
    pub anonymized: bool,
}

/// Names in the answers that may be one person: suggested, never merged (merge them in the
/// collected network with Edit, or in the table, after the survey).
fn near_misses_ui(ui: &mut egui::Ui, live: &LiveView<'_>, lang: Lang) {
    let tr = lang.tr();
    if live.near_misses.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("{} ({})", tr.survey_near_misses, live.near_misses.len())).strong());
    if live.anonymized {
        ui.label(tr.survey_near_misses_hidden);
        return;
    }
    ui.label(egui::RichText::new(tr.survey_near_misses_note).small());
    egui::ScrollArea::vertical().max_height(160.0).id_salt("near_misses").show(ui, |ui| {
        for near in &live.near_misses {
            let keep = if near.on_roster {
                format!("\"{}\" ({}, {})", near.keep, near.keep_count, tr.survey_on_roster)
            } else {
                format!("\"{}\" ({})", near.keep, near.keep_count)
            };
            ui.label(format!("\"{}\" ({}) {} {keep}", near.merge, near.merge_count, tr.merge_into));
        }
    });
}

/// The live survey window (when its draft is open).
pub fn live_survey_ui(
    ctx: &egui::Context,
    draft: &mut Option<SurveyDraft>,
    live: Option<LiveView<'_>>,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let tr = lang.tr();
    let Some(d) = draft else { return };
    let mut open = true;
    egui::Window::new(tr.live_survey.trim_end_matches('…'))
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            if let Some(live) = live {
                ui.heading(tr.survey_running);
                ui.label(egui::RichText::new(live.join_url).monospace());
                ui.label(format!("{} {}", live.answers, tr.join_answers_so_far));
                ui.label(egui::RichText::new(live.table.display().to_string()).small());
                near_misses_ui(ui, &live, lang);
                ui.horizontal(|ui| {
                    if ui.button(tr.survey_join_slide).clicked() {
                        commands.push(Command::AddChartScene(crate::chart::ChartKind::Join));
                    }
                    if ui.button(tr.survey_stop).clicked() {
                        commands.push(Command::StopSurvey);
                    }
                });
                return;
            }
            egui::Grid::new("live_survey").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                ui.label(tr.survey_title);
                ui.text_edit_singleline(&mut d.config.title);
                ui.end_row();
                ui.label(tr.survey_question);
                ui.add(egui::TextEdit::multiline(&mut d.config.question).desired_rows(2));
                ui.end_row();
                ui.label(tr.survey_max_named);
                ui.add(
                    egui::DragValue::new(&mut d.config.max_named).range(1..=crate::collect::MAX_NAMED_LIMIT),
                );
                ui.end_row();
                ui.label(tr.survey_ask);
                ui.horizontal_wrapped(|ui| {
                    ui.checkbox(&mut d.config.ask_sector, tr.facet(crate::analysis::FacetKind::Sector));
                    ui.checkbox(&mut d.config.ask_tenure, tr.facet(crate::analysis::FacetKind::Tenure));
                    ui.checkbox(&mut d.config.ask_age, tr.facet(crate::analysis::FacetKind::Age));
                });
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut d.roster_from_network, tr.survey_roster);
                ui.end_row();
                ui.label(tr.survey_address);
                egui::ComboBox::from_id_salt("survey_address").selected_text(d.address.clone()).show_ui(
                    ui,
                    |ui| {
                        for (name, ip) in crate::collect::interfaces() {
                            let text = ip.to_string();
                            ui.selectable_value(&mut d.address, text.clone(), format!("{text} ({name})"));
                        }
                    },
                );
                ui.end_row();
                ui.label(tr.survey_port);
                ui.add(egui::DragValue::new(&mut d.port).range(1024..=65535));
                ui.end_row();
                ui.label(tr.survey_folder);
                ui.text_edit_singleline(&mut d.folder);
                ui.end_row();
            });
            ui.label(egui::RichText::new(tr.survey_phone_hint).small());
            ui.add_space(6.0);
            if ui.button(tr.survey_start).clicked() {
                commands.push(Command::StartSurvey);
            }
        });
    if !open {
        *draft = None;
    }
}
