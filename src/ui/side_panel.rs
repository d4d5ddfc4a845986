//! The left panel: live counts, filter chips (with fade or hide), layout controls.

use crate::analysis::{FacetKind, FilterMode, FilterSpec, Filtered};
use crate::command::Command;
use crate::i18n::Lang;
use crate::layout::{LayoutParams, LayoutStatus};
use crate::scene::Palette;
use crate::settings::Setting;

use super::theme;

/// What the left panel shows.
pub struct SideInput<'a> {
    /// Language.
    pub lang: Lang,
    /// The open networks: (serial, name, on screen).
    pub project: &'a [(u64, String, bool)],
    /// The name of the network on screen (`None`: no network open).
    pub name: Option<&'a str>,
    /// The filter's result (chip counts).
    pub filtered: &'a Filtered,
    /// (people shown, all people, ties shown, all ties).
    pub counts: (usize, usize, usize, usize),
    /// The filters.
    pub filter: FilterSpec,
    /// The neighbourhood view is on.
    pub ego: bool,
    /// Colours (sector dots).
    pub palette: Palette,
    /// The layout: (status, paused, steps).
    pub layout: (LayoutStatus, bool, u64),
    /// Force parameters.
    pub params: LayoutParams,
    /// Layout seed.
    pub seed: u64,
    /// Names drawn.
    pub show_labels: bool,
    /// Legend drawn.
    pub show_legend: bool,
}

/// Filters, layout and display settings; `rename_draft` is the name being typed.
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    input: &SideInput<'_>,
    rename_draft: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    let tr = input.lang.tr();
    egui::Panel::left("side_panel").resizable(true).default_size(250.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let Some(name) = input.name else {
                ui.label(tr.no_network);
                return;
            };
            let project = input.project;
            if project.len() > 1 {
                ui.add_space(4.0);
                ui.heading(tr.municipalities);
                for (serial, name, active) in project {
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
            rename_ui(ui, name, input.lang, rename_draft, commands);
            let filtered = input.filtered;
            ui.add_space(4.0);
            let (people, all_people, ties, all_ties) = input.counts;
            ui.label(egui::RichText::new(tr.counts(people, all_people, ties, all_ties)).strong());
            ui.separator();
            ui.heading(tr.filters);
            let mut filter = input.filter;
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
                            .then(|| input.palette.sector.get(value).copied().unwrap_or_default());
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
            let narrowed = !filter.is_open() || input.ego;
            if ui.add_enabled(narrowed, egui::Button::new(tr.reset_filters)).clicked() {
                let modes = (filter.sector.mode, filter.tenure.mode, filter.age.mode);
                filter = FilterSpec::default();
                (filter.sector.mode, filter.tenure.mode, filter.age.mode) = modes;
                if input.ego {
                    commands.push(Command::SetEgo(None));
                }
            }
            if filter != input.filter {
                commands.push(Command::SetFilter(filter));
            }

            ui.separator();
            ui.heading(tr.layout);
            let (status, paused, steps) = input.layout;
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
            let mut params = input.params;
            ui.add(egui::Slider::new(&mut params.link_distance, 15.0..=250.0).text(tr.link_distance));
            ui.add(egui::Slider::new(&mut params.repulsion, 0.1..=5.0).logarithmic(true).text(tr.repulsion));
            ui.add(egui::Slider::new(&mut params.gravity, 0.0..=4.0).text(tr.gravity));
            if params != input.params {
                commands.push(Command::SetLayoutParams(params));
            }
            ui.horizontal(|ui| {
                if ui.button(tr.restart_new_seed).clicked() {
                    commands.push(Command::RestartLayout);
                }
                ui.label(egui::RichText::new(format!("{} {}", tr.seed, input.seed)).weak());
            });
            if ui.button(tr.unpin_all).clicked() {
                commands.push(Command::UnpinAll);
            }

            ui.separator();
            ui.heading(tr.display);
            let (mut labels, mut legend) = (input.show_labels, input.show_legend);
            if ui.checkbox(&mut labels, tr.show_labels).changed() {
                commands.push(Command::Set(Setting::ShowLabels(labels)));
            }
            if ui.checkbox(&mut legend, tr.show_legend).changed() {
                commands.push(Command::Set(Setting::ShowLegend(legend)));
            }
        });
    });
}

/// The open municipality's name, with a button to rename it (title on the canvas, the legend,
/// slides and exports; kept in the project file; undoable).
fn rename_ui(
    ui: &mut egui::Ui,
    current: &str,
    lang: Lang,
    rename_draft: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    let tr = lang.tr();
    let current = current.to_owned();
    ui.add_space(4.0);
    match rename_draft {
        None => {
            ui.horizontal(|ui| {
                ui.heading(&current);
                if ui.small_button(tr.rename_button).on_hover_text(tr.rename_hint).clicked() {
                    *rename_draft = Some(current.clone());
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
                *rename_draft = None;
            }
        }
    }
}
