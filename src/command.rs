//! What the UI asks for. Panels push commands; the app applies them after the frame, in one
//! place that decides what is undoable and what leaves unsaved changes.

use std::path::PathBuf;

use crate::analysis::FilterSpec;
use crate::i18n::Lang;
use crate::layout::LayoutParams;
use crate::model::PersonId;

/// A request from the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a file (or a pair of files) in the background.
    Open(PathBuf),
    /// Add files to the project (each becomes one municipality).
    AddFiles(Vec<PathBuf>),
    /// Add every network file of a folder to the project.
    OpenFolder(PathBuf),
    /// Ask which files to add to the project.
    AddDialog,
    /// Ask which folder to open as a project.
    FolderDialog,
    /// Show another open network, by serial.
    Activate(u64),
    /// Close one open network, by serial.
    CloseNetwork(u64),
    /// Show another network beside the active one (or stop).
    CompareWith(Option<u64>),
    /// Open every bundled sample network as one project.
    OpenAllSamples,
    /// Ask for an OCAI responses file and open it.
    OcaiDialog,
    /// Open an OCAI responses file (culture profiles).
    OpenOcai(PathBuf),
    /// Open one of the bundled sample networks by file stem.
    OpenSample(&'static str),
    /// Show the native file dialog (or the path field if there is none).
    OpenDialog,
    /// Show the "open by path" field.
    OpenPathField,
    /// Show the import dialog of the open file.
    ImportSettings,
    /// Read the open file again with these choices (and remember them).
    Reimport(crate::io::open::LoadOptions),
    /// Ask where to export the network, then write it.
    ExportDialog,
    /// Write the network to a file (format by extension).
    Export(PathBuf),
    /// Show the picture export window.
    PictureDialog,
    /// Ask where to save a picture of this format, then write it.
    SavePicture(crate::render::PictureFormat),
    /// Write a picture of the canvas (format by extension).
    ExportPicture(PathBuf),
    /// Forget the recent files.
    ClearRecent,
    /// Pause or resume the layout.
    SetPaused(bool),
    /// Lay out again from a new seed.
    RestartLayout,
    /// Unpin everyone.
    UnpinAll,
    /// Pin or unpin one person.
    SetPinned(PersonId, bool),
    /// Drag a person to a world position (pins them).
    DragTo(PersonId, [f32; 2]),
    /// New slider values.
    SetLayoutParams(LayoutParams),
    /// Add a chart slide (a scene showing a chart) and show it.
    AddChartScene(crate::chart::ChartKind),
    /// Stop showing a chart: back to the network.
    CloseChart,
    /// Open the live survey dialog.
    LiveSurveyDialog,
    /// Start the live survey of the dialog.
    StartSurvey,
    /// Stop the live survey (the collected network stays).
    StopSurvey,
    /// The smallest and largest disc (`None`: automatic sizes).
    SetNodeSizes(Option<[f32; 2]>),
    /// New filters.
    SetFilter(FilterSpec),
    /// Open a person's card, or close it.
    Select(Option<PersonId>),
    /// Fit the network to the window.
    Fit,
    /// Change the language.
    SetLang(Lang),
    /// Change a display setting.
    Set(crate::settings::Setting),
    /// Reload open files when they change on disk (or stop).
    SetWatchFiles(bool),
    /// Save the project (asks where the first time).
    SaveProject,
    /// Save the project under a new name.
    SaveProjectAs,
    /// Save the project, then close the window (closing with unsaved changes: "Save").
    SaveProjectAndClose,
    /// Save the project to this file.
    SaveProjectTo(PathBuf),
    /// Open a project file.
    OpenProject(PathBuf),
    /// Restore the autosaved work (or drop it).
    Recover(bool),
    /// Close the window even with unsaved changes.
    CloseDiscarding,
    /// Enter or leave presentation mode.
    SetPresenting(bool),
    /// Next (true) or previous scene.
    StepScene(bool),
    /// Show a scene by index.
    GoToScene(usize),
    /// Save the current view as a scene with this name.
    SaveScene(String),
    /// Give scene `index` a new name.
    RenameScene(usize, String),
    /// Swap two scenes (moving one up or down the list).
    SwapScenes(usize, usize),
    /// Delete scene `index`.
    DeleteScene(usize),
    /// Show a person's neighbourhood (1 or 2 steps) and fade the rest, or stop.
    SetEgo(Option<(PersonId, u8)>),
    /// Zoom to a person and make them pulse.
    ZoomTo(PersonId),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Make a change (network edit, move, pin or filter) and remember it for undo.
    Perform(crate::edit::Edit),
    /// Show the "add person" dialog.
    AddPersonDialog,
    /// Add this person where the presenter is looking, clear of the crowd (undoable).
    AddPersonInView(crate::model::Person),
    /// Delete the selected person (undoable).
    DeleteSelected,
    /// Close the app.
    Quit,
}
