//! The import dialog: what a load did (counts, dropped rows, warnings) and the choices a file
//! needs: which relation, which attributes play sector, years and age, colour by what, and which
//! possibly duplicate names to merge. "Apply" reads the file again and remembers the choices.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::io::ImportReport;
use crate::io::convert::AttributeMapping;
use crate::io::open::LoadOptions;
use crate::model::Sector;

use super::UiState;

/// What a load found besides the network, for the import dialog.
#[derive(Clone, Debug, Default)]
pub struct ImportInfo {
    /// The path the user opened.
    pub path: Option<PathBuf>,
    /// The format read.
    pub format: Option<crate::io::open::Format>,
    /// All relations of the file.
    pub relations: Vec<String>,
    /// The options the file was read with.
    pub options: LoadOptions,
    /// The mapping applied (peer formats).
    pub mapping: Option<AttributeMapping>,
    /// The node attributes of the file.
    pub attributes: Vec<crate::io::convert::AttributeSummary>,
    /// Possible duplicate names (surveys).
    pub duplicates: Vec<crate::io::survey::PossibleDuplicate>,
}

impl ImportInfo {
    /// Whether the user should look at the import dialog: a choice to make or names to check.
    pub fn needs_attention(&self) -> bool {
        self.relations.len() > 1
            || !self.duplicates.is_empty()
            || self.format.is_some_and(crate::io::open::Format::has_free_attributes)
                && !self.attributes.is_empty()
    }
}

/// What the import dialog shows: the open network's load.
pub struct ImportView<'a> {
    /// What the load found.
    pub info: &'a ImportInfo,
    /// What the import did.
    pub report: &'a ImportReport,
    /// The network's name as shown (the title when the file has no name).
    pub name: &'a str,
}

/// Draft choices while the dialog is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportDraft {
    /// The options being edited.
    pub options: LoadOptions,
}

/// Shows the dialog when `state.show_import` is set (and a network is open); returns the
/// options to apply, if any. While names are hidden the warnings stay folded away.
pub fn import_dialog_ui(
    ui: &mut egui::Ui,
    doc: Option<ImportView<'_>>,
    anonymize: bool,
    lang: Lang,
    state: &mut UiState,
) -> Option<LoadOptions> {
    if !state.show_import {
        state.import_draft = None;
        return None;
    }
    let doc = doc?;
    let tr = lang.tr();
    let app_anonymize = anonymize;
    let open_warnings = std::mem::take(&mut state.import_warnings_open);
    let info = doc.info;
    let draft = state.import_draft.get_or_insert_with(|| {
        let mut options = info.options.clone();
        if options.mapping.is_none() {
            options.mapping.clone_from(&info.mapping);
        }
        ImportDraft { options }
    });
    let mut apply = None;
    let mut open = true;
    let mut close = false;
    let file_name = info
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or_else(|| doc.name.to_owned(), |n| n.to_string_lossy().into_owned());
    let format = info.format.map_or("", |f| f.name());
    let ctx = ui.ctx().clone();
    egui::Window::new(format!("{}: {file_name}", tr.import_title))
        .id(egui::Id::unique("import_dialog"))
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(&ctx, |ui| {
            // Everything but the buttons scrolls, so Apply and Close stay on screen however
            // many warnings and attributes there are.
            let room = (ctx.content_rect().height() * 0.85 - 90.0).max(120.0);
            egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                ui.label(egui::RichText::new(format).weak());
                let r = doc.report;
                ui.label(egui::RichText::new(tr.load_summary(r)).strong());
                egui::Grid::new("import_counts").num_columns(2).show(ui, |ui| {
                    let mut row = |label: &str, n: usize| {
                        ui.label(label);
                        ui.label(n.to_string());
                        ui.end_row();
                    };
                    row(tr.respondent, r.respondents);
                    row(tr.named_only, r.named_only);
                    row(tr.dropped_self, r.self_ties_dropped);
                    row(tr.dropped_duplicates, r.duplicate_ties_dropped);
                    if r.zero_weight_skipped > 0 {
                        row(tr.zero_weight, r.zero_weight_skipped);
                    }
                    if r.added_from_ties > 0 {
                        row(tr.added_from_ties, r.added_from_ties);
                    }
                });

                if info.relations.len() > 1 {
                    ui.separator();
                    ui.label(tr.relation_hint);
                    let current = draft.options.relation.clone().or_else(|| info.relations.first().cloned());
                    egui::ComboBox::from_label(tr.relation)
                        .selected_text(current.clone().unwrap_or_default())
                        .show_ui(ui, |ui| {
                            for name in &info.relations {
                                if ui
                                    .selectable_label(current.as_deref() == Some(name.as_str()), name)
                                    .clicked()
                                {
                                    draft.options.relation = Some(name.clone());
                                }
                            }
                        });
                }

                if info.format.is_some_and(crate::io::open::Format::has_free_attributes)
                    && !info.attributes.is_empty()
                {
                    ui.separator();
                    ui.label(egui::RichText::new(tr.attributes_heading).strong());
                    let mapping = draft.options.mapping.get_or_insert_with(AttributeMapping::default);
                    let names: Vec<String> = info.attributes.iter().map(|a| a.name.clone()).collect();
                    attribute_combo(ui, tr.sector_attribute, &mut mapping.sector, &names, tr.none);
                    if let Some(attr) = mapping.sector.clone()
                        && let Some(summary) = info.attributes.iter().find(|a| a.name == attr)
                    {
                        ui.label(egui::RichText::new(tr.value_means).weak());
                        egui::Grid::new("sector_values").num_columns(2).show(ui, |ui| {
                            for value in &summary.values {
                                ui.label(value);
                                let current = mapping
                                    .sector_values
                                    .get(value)
                                    .copied()
                                    .unwrap_or_else(|| Sector::parse(value).unwrap_or(Sector::Unknown));
                                ui.horizontal(|ui| {
                                    for s in Sector::ALL {
                                        if ui.selectable_label(current == s, tr.sector(s)).clicked() {
                                            mapping.sector_values.insert(value.clone(), s);
                                        }
                                    }
                                });
                                ui.end_row();
                            }
                        });
                    }
                    attribute_combo(ui, tr.tenure_attribute, &mut mapping.tenure, &names, tr.none);
                    attribute_combo(ui, tr.age_attribute, &mut mapping.age, &names, tr.none);
                    let categorical: Vec<String> = info
                        .attributes
                        .iter()
                        .filter(|a| !a.more && a.values.len() <= 12)
                        .map(|a| a.name.clone())
                        .collect();
                    attribute_combo(
                        ui,
                        tr.colour_by,
                        &mut mapping.colour_by,
                        &categorical,
                        tr.colour_by_sector,
                    );
                }

                if !info.duplicates.is_empty() {
                    ui.separator();
                    ui.label(egui::RichText::new(tr.possible_duplicates).strong());
                    for d in &info.duplicates {
                        let pair = (d.a_key.clone(), d.b_key.clone());
                        let mut merged = draft.options.merges.contains(&pair);
                        let text = format!("\"{}\" {} \"{}\"", d.b_name, tr.merge_into, d.a_name);
                        if ui.checkbox(&mut merged, text).changed() {
                            if merged {
                                draft.options.merges.push(pair);
                            } else {
                                draft.options.merges.retain(|p| *p != pair);
                            }
                        }
                    }
                }

                ui.separator();
                egui::CollapsingHeader::new(format!("{} ({})", tr.warnings, tr.grouped(r.warnings.len())))
                    .default_open(r.warnings.len() <= 5 && !r.warnings.is_empty())
                    .open(open_warnings.then_some(true))
                    .show(ui, |ui| {
                        if r.warnings.is_empty() {
                            ui.label(tr.no_warnings);
                        }
                        if app_anonymize {
                            ui.label(tr.anonymized_note);
                            return;
                        }
                        // All of them, in their own scrolling list; only the visible rows are laid out.
                        let row = ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y;
                        egui::ScrollArea::vertical().id_salt("import_warnings").max_height(240.0).show_rows(
                            ui,
                            row,
                            r.warnings.len(),
                            |ui, rows| {
                                for w in r.warnings.get(rows).unwrap_or_default() {
                                    ui.add(
                                        egui::Label::new(egui::RichText::new(w.to_string()).small())
                                            .truncate(),
                                    );
                                }
                            },
                        );
                    });
            });
            ui.separator();
            ui.horizontal(|ui| {
                let changed = draft.options != info.options
                    || (info.options.mapping.is_none() && draft.options.mapping != info.mapping);
                if ui.add_enabled(changed, egui::Button::new(tr.apply)).clicked() {
                    apply = Some(draft.options.clone());
                }
                if ui.button(tr.close).clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        state.show_import = false;
    }
    if apply.is_some() {
        state.show_import = false;
        state.import_draft = None;
    }
    apply
}

fn attribute_combo(ui: &mut egui::Ui, label: &str, value: &mut Option<String>, names: &[String], none: &str) {
    egui::ComboBox::from_label(label)
        .selected_text(value.clone().unwrap_or_else(|| none.to_owned()))
        .show_ui(ui, |ui| {
            if ui.selectable_label(value.is_none(), none).clicked() {
                *value = None;
            }
            for name in names {
                if ui.selectable_label(value.as_deref() == Some(name.as_str()), name).clicked() {
                    *value = Some(name.clone());
                }
            }
        });
}
