//! Keyboard shortcuts and dropped files, turned into commands (the menus show the same
//! actions).

use std::path::PathBuf;

use egui::{Key, Modifiers};

use crate::command::Command;
use crate::settings::Setting;

use super::UiState;

/// What the shortcuts depend on.
#[derive(Clone, Copy, Debug)]
pub struct KeysInput {
    /// Presentation mode (arrows and Space step scenes, Esc leaves).
    pub presenting: bool,
    /// The project has scenes (F5 starts at the first).
    pub has_scenes: bool,
    /// The layout is paused (Space toggles).
    pub paused: bool,
    /// The analysis panel is shown (A toggles).
    pub show_analysis: bool,
    /// Names are drawn (L toggles).
    pub show_labels: bool,
}

/// Reads this frame's shortcuts and dropped files; Ctrl+F opens the search box in `state`.
pub fn shortcuts(ctx: &egui::Context, input: &KeysInput, state: &mut UiState, commands: &mut Vec<Command>) {
    let dropped: Vec<PathBuf> =
        ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
    // One file opens; several (or a folder) become a project of municipalities.
    match dropped.as_slice() {
        [] => {}
        [one] if one.is_dir() => commands.push(Command::OpenFolder(one.clone())),
        [one] => commands.push(Command::Open(one.clone())),
        many => commands.push(Command::AddFiles(many.to_vec())),
    }
    let key = |modifiers: Modifiers, key: Key| ctx.input_mut(|i| i.consume_key(modifiers, key));
    if key(Modifiers::COMMAND, Key::O) {
        commands.push(Command::OpenDialog);
    }
    if key(Modifiers::COMMAND | Modifiers::SHIFT, Key::S) {
        commands.push(Command::SaveProjectAs);
    }
    if key(Modifiers::COMMAND, Key::S) {
        commands.push(Command::SaveProject);
    }
    if key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || key(Modifiers::COMMAND, Key::Y) {
        commands.push(Command::Redo);
    }
    if key(Modifiers::COMMAND, Key::Z) {
        commands.push(Command::Undo);
    }
    // As in slide software: F5 presents from the first scene, Shift+F5 from the current one.
    if key(Modifiers::SHIFT, Key::F5) && !input.presenting {
        commands.push(Command::SetPresenting(true));
    }
    if key(Modifiers::NONE, Key::F5) {
        if !input.presenting && input.has_scenes {
            commands.push(Command::GoToScene(0));
        }
        commands.push(Command::SetPresenting(!input.presenting));
    }
    if key(Modifiers::NONE, Key::F11) {
        let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
    }
    if key(Modifiers::COMMAND, Key::F) {
        state.search = Some(String::new());
    }
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    // What presentation clickers send: PageDown/PageUp, arrows, Space.
    let presenting = input.presenting;
    let next = key(Modifiers::NONE, Key::PageDown)
        || (presenting && key(Modifiers::NONE, Key::ArrowRight))
        || (presenting && key(Modifiers::NONE, Key::Space));
    let previous = key(Modifiers::NONE, Key::PageUp) || (presenting && key(Modifiers::NONE, Key::ArrowLeft));
    if next {
        commands.push(Command::StepScene(true));
    }
    if previous {
        commands.push(Command::StepScene(false));
    }
    if presenting && key(Modifiers::NONE, Key::Escape) {
        commands.push(Command::SetPresenting(false));
    }
    if key(Modifiers::NONE, Key::Delete) {
        commands.push(Command::DeleteSelected);
    }
    if key(Modifiers::NONE, Key::Space) {
        commands.push(Command::SetPaused(!input.paused));
    }
    if key(Modifiers::NONE, Key::F) {
        commands.push(Command::Fit);
    }
    if key(Modifiers::NONE, Key::A) {
        commands.push(Command::Set(Setting::ShowAnalysis(!input.show_analysis)));
    }
    if key(Modifiers::NONE, Key::L) {
        commands.push(Command::Set(Setting::ShowLabels(!input.show_labels)));
    }
    if key(Modifiers::NONE, Key::Escape) {
        commands.push(Command::Select(None));
    }
}
