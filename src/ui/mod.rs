//! egui only here. Every panel takes what it shows (narrow inputs, read only) and the UI-only
//! state it keeps ([`UiState`]: open windows, drafts, search text), and pushes a
//! [`Command`](crate::command::Command) for anything else the user asks for; nothing here sees
//! the app. The canvas paints the scene and returns what the pointer did.

pub mod analysis_panel;
pub mod canvas;
pub mod collect;
mod dialogs;
pub mod edit_dialogs;
pub mod import_dialog;
mod keys;
mod menu;
pub mod ocai_panel;
mod person_card;
mod picker;
pub mod present;
mod side_panel;
mod status_bar;
pub mod theme;
pub mod transform;

pub use analysis_panel::{AnalysisInput, analysis_panel_ui};
pub use collect::{LiveView, SurveyDraft, live_survey_ui};
pub use dialogs::{DialogsInput, PathFieldMode, dialogs_ui, drop_overlay_ui, loading_overlay_ui};
pub use edit_dialogs::{NewPersonDraft, new_person_ui};
pub use import_dialog::{ImportDraft, ImportInfo, ImportView, import_dialog_ui};
pub use keys::{KeysInput, shortcuts};
pub use menu::{MenuInput, menu_bar_ui};
pub use person_card::{CardInput, person_card_ui};
pub use picker::{FakePicker, FilePicker, PickResult, RfdPicker};
pub use side_panel::{SideInput, side_panel_ui};
pub use status_bar::{Status, StatusInput, status_bar_ui};

use crate::model::PersonId;

/// What the UI remembers between frames and nobody saves: which windows are open, what is
/// being typed, how a table is sorted. The app owns one and lends it to the panels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UiState {
    /// Text of the "open by path" field when it is shown.
    pub path_field: Option<String>,
    /// Explains why the path field is shown (no file dialog).
    pub path_field_note: bool,
    /// Whether the path field opens or exports.
    pub path_field_mode: PathFieldMode,
    /// The picture export window is open.
    pub show_picture_dialog: bool,
    /// The import dialog is open.
    pub show_import: bool,
    /// The import dialog's draft choices.
    pub import_draft: Option<ImportDraft>,
    /// Open the import dialog's warnings (asked for from the status bar).
    pub import_warnings_open: bool,
    /// Show the shortcuts window.
    pub show_shortcuts: bool,
    /// Show the about window.
    pub show_about: bool,
    /// The scene list window is open.
    pub show_scenes: bool,
    /// Name typed for a new scene.
    pub new_scene_name: String,
    /// The search box's text while it is open.
    pub search: Option<String>,
    /// The error shown whole in its own window (a new error opens it; the status bar reopens it).
    pub error_window: Option<String>,
    /// The last error the window was opened for.
    pub error_seen: Option<String>,
    /// The window was asked to close with unsaved changes: ask what to do.
    pub confirm_close: bool,
    /// The live survey dialog's choices.
    pub survey_draft: Option<SurveyDraft>,
    /// The municipality's new name while it is being typed.
    pub rename_draft: Option<String>,
    /// The "add person" dialog, when open.
    pub new_person: Option<NewPersonDraft>,
    /// The person card's editor, when open: (who, fields).
    pub card_edit: Option<(PersonId, NewPersonDraft)>,
    /// Sorting of the comparison table.
    pub compare_sort: analysis_panel::CompareSort,
    /// The culture panel's choices.
    pub ocai_panel: ocai_panel::OcaiPanelState,
}

impl UiState {
    /// A new error opens in a window of its own: wrapped, whole, with its FILE:LINE:COL; not in
    /// front of an audience (a file half-saved while presenting), but once that is over.
    pub fn notice_status(&mut self, status: &Status, presenting: bool) {
        match status {
            Status::Error(text) if !presenting && self.error_seen.as_ref() != Some(text) => {
                self.error_seen = Some(text.clone());
                self.error_window = Some(text.clone());
            }
            Status::Error(_) => {}
            _ => self.error_seen = None,
        }
    }

    /// Shows the path field instead of a file dialog.
    pub fn ask_for_path(&mut self, mode: PathFieldMode, suggested: String, no_dialog: bool) {
        self.path_field = Some(suggested);
        self.path_field_note = no_dialog;
        self.path_field_mode = mode;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_opens_its_window_once_and_not_while_presenting() {
        let mut state = UiState::default();
        let error = Status::Error("a.csv:2:1: bad".into());
        state.notice_status(&error, true);
        assert_eq!(state.error_window, None, "not in front of the audience");
        state.notice_status(&error, false);
        assert_eq!(state.error_window.as_deref(), Some("a.csv:2:1: bad"));
        state.error_window = None;
        state.notice_status(&error, false);
        assert_eq!(state.error_window, None, "closed stays closed for the same error");
        state.notice_status(&Status::Info("ok".into()), false);
        state.notice_status(&error, false);
        assert!(state.error_window.is_some(), "the same error again after something else");
    }
}
