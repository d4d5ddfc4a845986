//! egui only here. Panels read the app's state and push commands; the canvas paints the scene.

pub mod analysis_panel;
pub mod canvas;
pub mod collect;
mod dialogs;
pub mod edit_dialogs;
pub mod import_dialog;
mod menu;
pub mod ocai_panel;
mod person_card;
mod picker;
pub mod present;
mod side_panel;
mod status_bar;
pub mod theme;
pub mod transform;

pub use dialogs::{PathFieldMode, dialogs_ui, drop_overlay_ui, loading_overlay_ui};
pub use edit_dialogs::{NewPersonDraft, new_person_ui};
pub use import_dialog::{ImportDraft, import_dialog_ui};
pub use menu::menu_bar_ui;
pub use person_card::person_card_ui;
pub use picker::{FakePicker, FilePicker, PickResult, RfdPicker};
pub use side_panel::side_panel_ui;
pub use status_bar::status_bar_ui;
