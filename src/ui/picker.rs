//! File picking behind a trait, so tests never reach a native dialog.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::i18n::Lang;

/// What a file dialog gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickResult {
    /// The user chose a file.
    Picked(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// There is no file dialog on this machine: show the path field instead.
    Unavailable,
}

/// Something that asks the user for a network file.
pub trait FilePicker {
    /// Shows the dialog and waits for the answer.
    fn pick_network(&mut self) -> PickResult;
    /// Asks where to save an exported network; `default_name` is suggested.
    fn save_network(&mut self, default_name: &str) -> PickResult;
    /// Asks for several network files; an empty answer means cancelled or unavailable.
    fn pick_networks(&mut self) -> (Vec<PathBuf>, PickResult) {
        match self.pick_network() {
            PickResult::Picked(p) => (vec![p.clone()], PickResult::Picked(p)),
            other => (Vec::new(), other),
        }
    }
    /// Asks for a folder.
    fn pick_folder(&mut self) -> PickResult {
        self.pick_network()
    }
    /// Asks where to save a project file.
    fn save_project(&mut self, default_name: &str) -> PickResult {
        self.save_network(default_name)
    }
    /// Asks where to save a picture; `default_name` ends in the format's extension.
    fn save_picture(&mut self, default_name: &str) -> PickResult {
        self.save_network(default_name)
    }
    /// The language of the dialogs' titles and filters (follows the UI's).
    fn set_lang(&mut self, _lang: Lang) {}
}

/// The native dialog through rfd, titled in the UI's language.
#[derive(Default)]
pub struct RfdPicker {
    lang: Lang,
}

/// A dialog that returns faster than a person can click was never shown (rfd returns `None`
/// at once when neither the desktop portal nor zenity exists).
const TOO_FAST_FOR_A_HUMAN: Duration = Duration::from_millis(250);

impl FilePicker for RfdPicker {
    fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    fn pick_network(&mut self) -> PickResult {
        let tr = self.lang.tr();
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(tr.dialog_open_network)
            .add_filter(
                tr.filter_networks_and_projects,
                &[crate::io::open::EXTENSIONS, &["infonet"]].concat(),
            )
            .add_filter(tr.filter_all_files, &["*"])
            .pick_file();
        answer(picked, started)
    }

    fn pick_networks(&mut self) -> (Vec<PathBuf>, PickResult) {
        let tr = self.lang.tr();
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(tr.dialog_add_networks)
            .add_filter(tr.filter_networks, crate::io::open::EXTENSIONS)
            .add_filter(tr.filter_all_files, &["*"])
            .pick_files();
        match picked {
            Some(paths) if !paths.is_empty() => {
                let first = paths.first().cloned().unwrap_or_default();
                (paths, PickResult::Picked(first))
            }
            _ => (Vec::new(), answer(None, started)),
        }
    }

    fn save_project(&mut self, default_name: &str) -> PickResult {
        let tr = self.lang.tr();
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(tr.save_project)
            .set_file_name(default_name)
            .add_filter(tr.filter_project, &["infonet"])
            .save_file();
        answer(picked, started)
    }

    fn save_picture(&mut self, default_name: &str) -> PickResult {
        let started = Instant::now();
        let (name, extension) =
            if default_name.to_lowercase().ends_with(".svg") { ("SVG", "svg") } else { ("PNG", "png") };
        let picked = rfd::FileDialog::new()
            .set_title(self.lang.tr().picture_title)
            .set_file_name(default_name)
            .add_filter(name, &[extension])
            .save_file();
        answer(picked, started)
    }

    fn pick_folder(&mut self) -> PickResult {
        let started = Instant::now();
        answer(rfd::FileDialog::new().set_title(self.lang.tr().dialog_open_folder).pick_folder(), started)
    }

    fn save_network(&mut self, default_name: &str) -> PickResult {
        let tr = self.lang.tr();
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(tr.export_network)
            .set_file_name(default_name)
            .add_filter("GraphML", &["graphml"])
            .add_filter("GEXF (Gephi)", &["gexf"])
            .add_filter("JSON node-link (networkx, d3)", &["json"])
            .add_filter(tr.filter_people_ties_csv, &["csv"])
            .save_file();
        answer(picked, started)
    }
}

fn answer(picked: Option<PathBuf>, started: Instant) -> PickResult {
    match picked {
        Some(path) => PickResult::Picked(path),
        None if started.elapsed() < TOO_FAST_FOR_A_HUMAN => PickResult::Unavailable,
        None => PickResult::Cancelled,
    }
}

/// A picker that answers from a list (tests).
pub struct FakePicker(pub Vec<PickResult>);

impl FilePicker for FakePicker {
    fn pick_network(&mut self) -> PickResult {
        if self.0.is_empty() { PickResult::Cancelled } else { self.0.remove(0) }
    }

    fn save_network(&mut self, _default_name: &str) -> PickResult {
        self.pick_network()
    }
}
