//! The left panel: live counts, filter chips (with fade or hide), layout controls.

use crate::analysis::{FacetKind, FilterMode, FilterSpec};
use crate::app::InfonetApp;
use crate::command::Command;
use crate::layout::LayoutStatus;

use super::theme;

/// Filters, layout and display settings.
pub fn side_panel_ui(ui: &mut egui::Ui, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    let tr = app.view.lang.tr();
    egui::Panel::left("side_panel").resizable(true).default_size(250.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if app.doc.is_none() {
                ui.label(tr.no_network);
                return;
            }
            let project = app.project_list();
            if project.len() > 1 {
                ui.add_space(4.0);
                ui.heading(tr.municipalities);
                for (serial, name, active) in &project {
                    let response = ui.selectable_label(*active, name);
                    if response.clicked() && !active {
                        commands.push(Command::Activate(*serial));
                    }
                    response.context_menu(|ui| {
                        if !active && ui.button(tr.show_beside).clicked() {
                            commands.push(Command::CompareWith(Some(*serial)));
                            ui.close();
                        }
                        if ui.button(tr.close_network).clicked() {
                            commands.push(Command::CloseNetwork(*serial));
                            ui.close();
                        }
                    });
                }
                ui.separator();
            }
            rename_ui(ui, app, commands);
            let filtered = app.filtered().clone();
            ui.add_space(4.0);
            let (people, all_people, ties, all_ties) = app.shown_counts();
            ui.label(egui::RichText::new(tr.counts(people, all_people, ties, all_ties)).strong());
            ui.separator();
            ui.heading(tr.filters);
            let mut filter = app.filter;
            for (g, kind) in FacetKind::ALL.into_iter().enumerate() {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(tr.facet(kind)).strong());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let facet = filter.facet_mut(kind);
                        let hide = ui
                            .selectable_label(facet.mode == FilterMode::Hide, tr.hide)
                            .on_hover_text(tr.fade_hint);
                        if hide.clicked() {
                            facet.mode = FilterMode::Hide;
                        }
                        let fade = ui
                            .selectable_label(facet.mode == FilterMode::Fade, tr.fade)
                            .on_hover_text(tr.fade_hint);
                        if fade.clicked() {
                            facet.mode = FilterMode::Fade;
                        }
                    });
                });
                ui.horizontal_wrapped(|ui| {
                    for value in 0..4 {
                        let count =
                            filtered.chip_counts.get(g).and_then(|r| r.get(value)).copied().unwrap_or(0);
                        let facet = filter.facet_mut(kind);
                        let on = facet.allowed.get(value).copied().unwrap_or(true);
                        // Unknown chips with nobody in them only add noise.
                        if value == 3 && count == 0 && on {
                            continue;
                        }
                        let label = format!("{} ({count})", tr.facet_value(kind, value));
                        let swatch = (kind == FacetKind::Sector)
                            .then(|| app.encoding().palette.sector.get(value).copied().unwrap_or_default());
                        // Room for a colour dot before sector names; the dot is painted below.
                        let text = if swatch.is_some() { format!("    {label}") } else { label };
                        let response = ui.selectable_label(on, text);
                        if let Some(c) = swatch {
                            let centre = response.rect.left_center() + egui::vec2(12.0, 0.0);
                            let fill = if on { theme::colour(c) } else { theme::colour(c.faded(0.35)) };
                            ui.painter().circle(
                                centre,
                                5.0,
                                fill,
                                egui::Stroke::new(1.0, egui::Color32::WHITE),
                            );
                        }
                        if response.clicked()
                            && let Some(a) = facet.allowed.get_mut(value)
                        {
                            *a = !*a;
                        }
                    }
                });
            }
            ui.add_space(6.0);
            // Also leaves the neighbourhood view: everyone is back at full strength.
            let narrowed = !filter.is_open() || app.ego.is_some();
            if ui.add_enabled(narrowed, egui::Button::new(tr.reset_filters)).clicked() {
                let modes = (filter.sector.mode, filter.tenure.mode, filter.age.mode);
                filter = FilterSpec::default();
                (filter.sector.mode, filter.tenure.mode, filter.age.mode) = modes;
                if app.ego.is_some() {
                    commands.push(Command::SetEgo(None));
                }
            }
            if filter != app.filter {
                commands.push(Command::SetFilter(filter));
            }

            ui.separator();
            ui.heading(tr.layout);
            let (status, paused, steps) = app.layout_status();
            ui.horizontal(|ui| {
                let label = if paused { tr.resume } else { tr.pause };
                if ui.button(label).on_hover_text(tr.key_space).clicked() {
                    commands.push(Command::SetPaused(!paused));
                }
                let text = match (paused, status) {
                    (true, _) => tr.status_paused,
                    (false, LayoutStatus::Running) => tr.status_running,
                    (false, LayoutStatus::Settled) => tr.status_settled,
                };
                ui.label(egui::RichText::new(text).weak()).on_hover_text(format!("{steps}"));
            });
            let mut params = app.view.layout;
            ui.add(egui::Slider::new(&mut params.link_distance, 15.0..=250.0).text(tr.link_distance));
            ui.add(egui::Slider::new(&mut params.repulsion, 0.1..=5.0).logarithmic(true).text(tr.repulsion));
            ui.add(egui::Slider::new(&mut params.gravity, 0.0..=4.0).text(tr.gravity));
            if params != app.view.layout {
                commands.push(Command::SetLayoutParams(params));
            }
            ui.horizontal(|ui| {
                if ui.button(tr.restart_new_seed).clicked() {
                    commands.push(Command::RestartLayout);
                }
                ui.label(egui::RichText::new(format!("{} {}", tr.seed, app.view.seed)).weak());
            });
            if ui.button(tr.unpin_all).clicked() {
                commands.push(Command::UnpinAll);
            }

            ui.separator();
            ui.heading(tr.display);
            ui.checkbox(&mut app.view.show_labels, tr.show_labels);
            ui.checkbox(&mut app.view.show_legend, tr.show_legend);
        });
    });
}

/// The open municipality's name, with a button to rename it (title on the canvas, the legend,
/// slides and exports; kept in the project file; undoable).
fn rename_ui(ui: &mut egui::Ui, app: &mut InfonetApp, commands: &mut Vec<Command>) {
    let tr = app.view.lang.tr();
    let Some(doc) = &app.doc else { return };
    let current = doc.network.name.clone();
    ui.add_space(4.0);
    match &mut app.rename_draft {
        None => {
            ui.horizontal(|ui| {
                ui.heading(&current);
                if ui.small_button(tr.rename_button).on_hover_text(tr.rename_hint).clicked() {
                    app.rename_draft = Some(current.clone());
                }
            });
        }
        Some(draft) => {
            let field = ui.add(egui::TextEdit::singleline(draft).hint_text(tr.rename_hint));
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            let mut done = escape;
            ui.horizontal(|ui| {
                if ui.button(tr.rename).clicked() || enter {
                    let name = draft.trim().to_owned();
                    if !name.is_empty() && name != current {
                        commands.push(Command::Perform(crate::edit::Edit::Rename {
                            before: current.clone(),
                            after: name,
                        }));
                    }
                    done = true;
                }
                if ui.button(tr.cancel).clicked() {
                    done = true;
                }
            });
            if done {
                app.rename_draft = None;
            }
        }
    }
}
