//! The menu bar.

use crate::command::Command;
use crate::i18n::Lang;
use crate::io::samples;
use crate::settings::{Setting, ViewState};

use super::UiState;

/// What the menus show.
pub struct MenuInput<'a> {
    /// The settings (checkboxes, recent files, language).
    pub view: &'a ViewState,
    /// A network is open.
    pub has_network: bool,
    /// Someone's card is open.
    pub has_selection: bool,
    /// Undo and redo are possible.
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
    /// The layout is paused.
    pub layout_paused: bool,
    /// The open networks: (serial, name, on screen).
    pub project: &'a [(u64, String, bool)],
    /// The network shown beside, by serial.
    pub compare_with: Option<u64>,
    /// Open files are reloaded when they change on disk.
    pub watch_files: bool,
}

/// A checkbox for a setting: the change is asked for, not made.
fn setting_checkbox(
    ui: &mut egui::Ui,
    value: bool,
    text: &str,
    setting: fn(bool) -> Setting,
    commands: &mut Vec<Command>,
) {
    let mut on = value;
    if ui.checkbox(&mut on, text).changed() {
        commands.push(Command::Set(setting(on)));
    }
}

/// File, View, Layout and Help menus.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    input: &MenuInput<'_>,
    state: &mut UiState,
    commands: &mut Vec<Command>,
) {
    let view = input.view;
    let tr = view.lang.tr();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr.menu_file, |ui| {
                let open =
                    egui::Button::new(tr.open).shortcut_text(ui.ctx().format_shortcut(
                        &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O),
                    ));
                if ui.add(open).clicked() {
                    commands.push(Command::OpenDialog);
                    ui.close();
                }
                if ui.button(tr.open_path).clicked() {
                    commands.push(Command::OpenPathField);
                    ui.close();
                }
                let save =
                    egui::Button::new(tr.save_project).shortcut_text(ui.ctx().format_shortcut(
                        &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S),
                    ));
                if ui.add_enabled(input.has_network, save).clicked() {
                    commands.push(Command::SaveProject);
                    ui.close();
                }
                if ui.add_enabled(input.has_network, egui::Button::new(tr.save_project_as)).clicked() {
                    commands.push(Command::SaveProjectAs);
                    ui.close();
                }
                if ui.button(tr.add_to_project).clicked() {
                    commands.push(Command::AddDialog);
                    ui.close();
                }
                if ui.button(tr.open_folder).clicked() {
                    commands.push(Command::FolderDialog);
                    ui.close();
                }
                ui.menu_button(tr.open_recent, |ui| {
                    if view.recent.is_empty() {
                        ui.label(tr.no_recent);
                    }
                    for path in &view.recent {
                        let name = path
                            .file_name()
                            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                        if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                            commands.push(Command::Open(path.clone()));
                            ui.close();
                        }
                    }
                    if !view.recent.is_empty() {
                        ui.separator();
                        if ui.button(tr.clear_recent).clicked() {
                            commands.push(Command::ClearRecent);
                            ui.close();
                        }
                    }
                });
                ui.menu_button(tr.open_sample, |ui| {
                    for sample in samples::SAMPLES {
                        if ui.button(sample.title).clicked() {
                            commands.push(Command::OpenSample(sample.stem));
                            ui.close();
                        }
                    }
                    ui.separator();
                    if ui.button(tr.all_samples).clicked() {
                        commands.push(Command::OpenAllSamples);
                        ui.close();
                    }
                });
                let mut watch = input.watch_files;
                if ui.checkbox(&mut watch, tr.watch_files).changed() {
                    commands.push(Command::SetWatchFiles(watch));
                }
                ui.separator();
                if ui.button(tr.open_ocai).clicked() {
                    commands.push(Command::OcaiDialog);
                    ui.close();
                }
                if ui.add_enabled(input.has_network, egui::Button::new(tr.import_settings)).clicked() {
                    commands.push(Command::ImportSettings);
                    ui.close();
                }
                if ui.add_enabled(input.has_network, egui::Button::new(tr.export_network)).clicked() {
                    commands.push(Command::ExportDialog);
                    ui.close();
                }
                if ui.add_enabled(input.has_network, egui::Button::new(tr.export_picture)).clicked() {
                    commands.push(Command::PictureDialog);
                    ui.close();
                }
                ui.separator();
                if ui.button(tr.quit).clicked() {
                    commands.push(Command::Quit);
                    ui.close();
                }
            });
            ui.menu_button(tr.menu_edit, |ui| {
                let undo =
                    egui::Button::new(tr.undo).shortcut_text(ui.ctx().format_shortcut(
                        &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z),
                    ));
                if ui.add_enabled(input.can_undo, undo).clicked() {
                    commands.push(Command::Undo);
                    ui.close();
                }
                let redo = egui::Button::new(tr.redo).shortcut_text(ui.ctx().format_shortcut(
                    &egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                        egui::Key::Z,
                    ),
                ));
                if ui.add_enabled(input.can_redo, redo).clicked() {
                    commands.push(Command::Redo);
                    ui.close();
                }
                ui.separator();
                if ui.add_enabled(input.has_network, egui::Button::new(tr.add_person)).clicked() {
                    commands.push(Command::AddPersonDialog);
                    ui.close();
                }
                let delete = egui::Button::new(tr.delete_person).shortcut_text("Del");
                if ui.add_enabled(input.has_selection, delete).clicked() {
                    commands.push(Command::DeleteSelected);
                    ui.close();
                }
                ui.label(egui::RichText::new(tr.tie_hint).weak());
            });
            ui.menu_button(tr.menu_view, |ui| {
                if ui.add(egui::Button::new(tr.present).shortcut_text("F5")).clicked() {
                    commands.push(Command::SetPresenting(true));
                    ui.close();
                }
                ui.checkbox(&mut state.show_scenes, tr.scenes);
                if ui
                    .add(egui::Button::new(tr.search).shortcut_text(ui.ctx().format_shortcut(
                        &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F),
                    )))
                    .clicked()
                {
                    state.search = Some(String::new());
                    ui.close();
                }
                ui.separator();
                setting_checkbox(ui, view.show_analysis, tr.analysis, Setting::ShowAnalysis, commands);
                setting_checkbox(ui, view.anonymize, tr.anonymize, Setting::Anonymize, commands);
                setting_checkbox(ui, view.show_labels, tr.show_labels, Setting::ShowLabels, commands);
                setting_checkbox(ui, view.show_legend, tr.show_legend, Setting::ShowLegend, commands);
                ui.menu_button(tr.legend_corner, |ui| {
                    for (corner, name) in crate::scene::frame::Corner::ALL.into_iter().zip(tr.corner_names) {
                        if ui.radio(view.legend_corner == corner, name).clicked() {
                            commands.push(Command::Set(Setting::LegendCorner(corner)));
                            commands.push(Command::Fit);
                            ui.close();
                        }
                    }
                });
                setting_checkbox(
                    ui,
                    view.label_size_by_degree,
                    tr.label_size_by_degree,
                    Setting::LabelSizeByDegree,
                    commands,
                );
                ui.menu_button(tr.node_sizes, |ui| node_sizes_ui(ui, view.node_sizes, tr, commands));
                if ui.add(egui::Button::new(tr.fit_to_window).shortcut_text("F")).clicked() {
                    commands.push(Command::Fit);
                    ui.close();
                }
                let others = input.project;
                if others.len() > 1 {
                    ui.menu_button(tr.show_beside, |ui| {
                        if ui.radio(input.compare_with.is_none(), tr.nothing_beside).clicked() {
                            commands.push(Command::CompareWith(None));
                            ui.close();
                        }
                        for (serial, name, active) in others.iter().filter(|(_, _, a)| !a) {
                            let _ = active;
                            if ui.radio(input.compare_with == Some(*serial), name).clicked() {
                                commands.push(Command::CompareWith(Some(*serial)));
                                ui.close();
                            }
                        }
                    });
                }
                ui.separator();
                ui.menu_button(tr.theme, |ui| {
                    for (t, name) in [
                        (crate::scene::style::Theme::Light, tr.theme_light),
                        (crate::scene::style::Theme::Dark, tr.theme_dark),
                    ] {
                        if ui.radio(view.theme == t, name).clicked() {
                            commands.push(Command::Set(Setting::Theme(t)));
                            ui.close();
                        }
                    }
                    ui.separator();
                    setting_checkbox(ui, view.colour_blind, tr.colour_blind, Setting::ColourBlind, commands);
                    setting_checkbox(
                        ui,
                        view.high_contrast,
                        tr.high_contrast,
                        Setting::HighContrast,
                        commands,
                    );
                });
                ui.menu_button(tr.language, |ui| {
                    for lang in Lang::ALL {
                        if ui.radio(view.lang == lang, lang.native_name()).clicked() {
                            commands.push(Command::SetLang(lang));
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button(tr.menu_collect, |ui| {
                if ui.button(tr.live_survey).clicked() {
                    commands.push(Command::LiveSurveyDialog);
                    ui.close();
                }
            });
            ui.menu_button(tr.menu_layout, |ui| {
                let paused = input.layout_paused;
                let label = if paused { tr.resume } else { tr.pause };
                if ui.add(egui::Button::new(label).shortcut_text(tr.key_space)).clicked() {
                    commands.push(Command::SetPaused(!paused));
                    ui.close();
                }
                if ui.button(tr.restart_new_seed).clicked() {
                    commands.push(Command::RestartLayout);
                    ui.close();
                }
                if ui.button(tr.unpin_all).clicked() {
                    commands.push(Command::UnpinAll);
                    ui.close();
                }
            });
            ui.menu_button(tr.menu_help, |ui| {
                if ui.button(tr.shortcuts).clicked() {
                    state.show_shortcuts = true;
                    ui.close();
                }
                if ui.button(tr.about).clicked() {
                    state.show_about = true;
                    ui.close();
                }
            });
        });
    });
}

/// The smallest and largest disc (area grows linearly with in-degree between them), or the
/// automatic sizes. A change re-settles the layout from where everyone is.
fn node_sizes_ui(
    ui: &mut egui::Ui,
    current: Option<[f32; 2]>,
    tr: &crate::i18n::Strings,
    commands: &mut Vec<Command>,
) {
    let mut auto = current.is_none();
    if ui.checkbox(&mut auto, tr.node_sizes_auto).changed() {
        commands.push(Command::SetNodeSizes(if auto { None } else { Some(DEFAULT_NODE_SIZES) }));
    }
    let mut range = current.unwrap_or(DEFAULT_NODE_SIZES);
    let before = range;
    ui.add_enabled_ui(!auto, |ui| {
        egui::Grid::new("node_sizes").num_columns(2).show(ui, |ui| {
            ui.label(tr.smallest);
            ui.add(egui::Slider::new(&mut range[0], 1.0..=20.0));
            ui.end_row();
            ui.label(tr.largest);
            ui.add(egui::Slider::new(&mut range[1], 4.0..=60.0));
            ui.end_row();
        });
    });
    range[1] = range[1].max(range[0]);
    if !auto && range != before {
        commands.push(Command::SetNodeSizes(Some(range)));
    }
}

/// Where the size sliders start: the automatic sizes of a network whose most named was named
/// by about 20 people.
const DEFAULT_NODE_SIZES: [f32; 2] = [4.5, 20.0];
