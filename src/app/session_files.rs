//! The work's files: whether it has unsaved changes, the project file it was saved to, the
//! autosave (when it is due, this instance's recovery file, the one a crashed instance left),
//! closing with unsaved changes, and writing exports (network files and pictures).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::io;
use crate::model::{Network, PersonId};
use crate::recovery::{AutosaveSchedule, Clock, RecoverySlot, SystemClock};
use crate::render::PictureFormat;
use crate::scene::Scene;
use crate::scene::frame::Viewport;
use crate::settings::PictureSettings;

use super::Repaint;

/// Saving, autosaving and closing.
pub struct SessionFiles {
    /// The project file the work was last saved to or opened from.
    pub project_path: Option<PathBuf>,
    /// This instance's recovery file, where autosaves go while there are unsaved changes
    /// (`None`: no autosave, e.g. most tests).
    recovery: Option<RecoverySlot>,
    /// An autosave left by an instance that ended without saving, offered for recovery, with
    /// when it was written.
    recovery_offer: Option<(PathBuf, SystemTime)>,
    /// When the pending autosave is due.
    autosave: AutosaveSchedule,
    /// The clock autosaves are timed by (a manual one in tests).
    clock: Arc<dyn Clock>,
    /// Whether the window had keyboard focus last frame (losing it writes the autosave).
    was_focused: Option<bool>,
    /// The project has changes that are not saved.
    dirty: bool,
    /// Close even with unsaved changes (the user said so).
    close_anyway: bool,
    /// Close the window once the save asked for on closing has succeeded.
    close_after_save: bool,
}

impl Default for SessionFiles {
    fn default() -> Self {
        Self {
            project_path: None,
            recovery: None,
            recovery_offer: None,
            autosave: AutosaveSchedule::default(),
            clock: Arc::new(SystemClock),
            was_focused: None,
            dirty: false,
            close_anyway: false,
            close_after_save: false,
        }
    }
}

impl SessionFiles {
    /// The project has changes that are not saved.
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// The project changed: it is unsaved, and its autosave is due a while from now.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
        self.autosave.changed(self.clock.now());
    }

    /// Uses `clock` to time autosaves (tests move a manual clock instead of waiting).
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// Autosaves into `dir` (the app's data folder) from now on, and offers the newest
    /// autosave left there by an instance that ended without saving.
    pub fn enable_recovery(&mut self, dir: &Path) -> std::io::Result<()> {
        let slot = RecoverySlot::claim(dir)?;
        self.recovery_offer = crate::recovery::orphans(dir, Some(slot.path())).into_iter().next();
        self.recovery = Some(slot);
        Ok(())
    }

    /// This instance's recovery file.
    pub fn recovery(&self) -> Option<&RecoverySlot> {
        self.recovery.as_ref()
    }

    /// The autosave offered for recovery: (file, when it was written).
    pub fn recovery_offer(&self) -> Option<&(PathBuf, SystemTime)> {
        self.recovery_offer.as_ref()
    }

    /// Takes the offer (answered either way).
    pub fn take_recovery_offer(&mut self) -> Option<(PathBuf, SystemTime)> {
        self.recovery_offer.take()
    }

    /// When the pending autosave is due, if one is pending.
    pub fn autosave_due(&self) -> Option<std::time::Instant> {
        self.autosave.due()
    }

    /// The work was saved to (or opened from) `path`: nothing is unsaved, and the autosave
    /// written meanwhile goes.
    pub fn saved(&mut self, path: &Path) {
        self.project_path = Some(path.to_owned());
        self.dirty = false;
        self.autosave.clear();
        if let Some(slot) = &self.recovery {
            std::fs::remove_file(slot.path()).ok();
        }
    }

    /// Another project is open, unchanged.
    pub fn opened(&mut self, path: Option<&Path>) {
        self.project_path = path.map(Path::to_owned);
        self.dirty = false;
    }

    /// Called once per frame: whether the autosave should be written now (it is due, or the
    /// window just lost focus).
    pub fn autosave_now(&mut self, focused: Option<bool>) -> bool {
        if !self.dirty {
            self.autosave.clear();
            return false;
        }
        let lost_focus = self.was_focused == Some(true) && focused == Some(false);
        self.was_focused = focused;
        self.autosave.is_due(self.clock.now()) || lost_focus
    }

    /// Where to write the pending autosave, taking it (`None`: nothing pending, or no recovery
    /// file). Written before anything risky (opening other files, presenting) and when due.
    pub fn take_autosave(&mut self) -> Option<PathBuf> {
        if !self.dirty || !self.autosave.is_pending() {
            return None;
        }
        self.autosave.clear();
        self.recovery.as_ref().map(|slot| slot.path().to_owned())
    }

    /// The window was asked to close: whether to ask first (unsaved changes).
    pub fn must_ask_before_closing(&self) -> bool {
        self.dirty && !self.close_anyway
    }

    /// Close without saving: the autosave goes too.
    pub fn discard(&mut self) {
        self.close_anyway = true;
        self.autosave.clear();
        if let Some(slot) = &self.recovery {
            slot.remove_all();
        }
    }

    /// Close the window once the coming save has succeeded.
    pub fn close_after_save(&mut self) {
        self.close_after_save = true;
    }

    /// Whether the save asked for on closing has succeeded: then the window closes.
    pub fn saved_for_closing(&mut self) -> bool {
        if self.close_after_save && !self.dirty {
            self.close_after_save = false;
            self.close_anyway = true;
            return true;
        }
        false
    }

    /// The app ends: with nothing unsaved its recovery file goes; returns whether the last
    /// changes still have to be written.
    pub fn exiting(&mut self) -> bool {
        if self.dirty {
            return true;
        }
        if let Some(slot) = &self.recovery {
            slot.remove_all();
        }
        false
    }

    /// When the next frame is needed: when the autosave is due, so a settled window (which
    /// draws no frames) still writes it on time.
    pub fn wake(&self) -> Repaint {
        match self.autosave.due().filter(|_| self.dirty) {
            Some(due) => Repaint::After(due.saturating_duration_since(self.clock.now())),
            None => Repaint::Idle,
        }
    }
}

/// A full path for a file to save when there is no file dialog: next to the project or the
/// opened file, else in the home folder (a bare name would land wherever the app was started
/// from, which for a desktop launch is nowhere the user would look).
pub fn suggested_path(file_name: &str, beside: Option<&Path>) -> String {
    let dir = beside.and_then(Path::parent).filter(|dir| !dir.as_os_str().is_empty()).map(Path::to_path_buf);
    match dir.or_else(std::env::home_dir) {
        Some(dir) => dir.join(file_name).display().to_string(),
        None => file_name.to_owned(),
    }
}

/// Writes `network` to `path` (format by extension) as it is drawn in `scene`: positions,
/// colours, sizes. Returns the files written.
pub fn export_network(network: &Network, scene: &Scene, path: &Path) -> Result<Vec<PathBuf>, String> {
    let looks: HashMap<PersonId, io::export::NodeLook> = scene
        .nodes
        .iter()
        .map(|n| {
            let [r, g, b, _] = n.fill.0;
            let look = io::export::NodeLook {
                position: Some(n.pos.map(f64::from)),
                colour: Some([r, g, b]),
                size: Some(n.radius),
            };
            (n.person, look)
        })
        .collect();
    let look = |id: PersonId| looks.get(&id).copied().unwrap_or_default();
    io::export::export(network, path, Some(&look)).map_err(|e| e.to_string())
}

/// What a picture shows.
pub enum PictureOf {
    /// A chart slide: its SVG (or why it cannot be drawn) at this size in points.
    Chart(Result<String, String>, [f32; 2]),
    /// The network as on screen (the export's choice may fit all of it instead).
    Network(Box<crate::render::Picture>),
}

/// Writes a picture as PNG or SVG by the path's extension, with the export's choices.
/// `bad_extension` is the message for a path that is neither.
pub fn write_picture(
    path: &Path,
    picture: PictureOf,
    settings: PictureSettings,
    bad_extension: &str,
) -> Result<(), String> {
    let Some(format) = PictureFormat::for_path(path) else {
        return Err(format!("{bad_extension} {}", path.display()));
    };
    let bytes = match picture {
        PictureOf::Chart(svg, size) => svg.and_then(|svg| match format {
            PictureFormat::Svg => Ok(svg.into_bytes()),
            PictureFormat::Png => {
                let height = (settings.width as f32 * size[1] / size[0]).round().max(1.0) as u32;
                crate::scene::raster::rasterize(&svg, size, [settings.width, height])
                    .and_then(|p| p.encode_png().map_err(|e| e.to_string()))
            }
        })?,
        PictureOf::Network(mut picture) => {
            if settings.whole {
                let measure = crate::render::measure();
                let (scene, size) = (&picture.scene, picture.viewport.size);
                if let Some(whole) = Viewport::fit_scene(scene, size, &picture.options, &*measure) {
                    picture.viewport = whole;
                }
            }
            picture.encode(format, settings.width, settings.transparent)?
        }
    };
    io::export::write_atomic(path, &bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recovery::ManualClock;
    use std::time::Duration;

    #[test]
    fn a_change_is_autosaved_when_due_and_asks_to_be_woken_then() {
        let clock = Arc::new(ManualClock::default());
        let mut files = SessionFiles::default();
        files.set_clock(clock.clone());
        assert_eq!(files.wake(), Repaint::Idle);
        files.mark_dirty();
        assert_eq!(files.wake(), Repaint::After(crate::recovery::AUTOSAVE_DELAY));
        clock.advance(Duration::from_secs(2));
        assert!(!files.autosave_now(Some(true)));
        assert_eq!(files.wake(), Repaint::After(crate::recovery::AUTOSAVE_DELAY - Duration::from_secs(2)));
        clock.advance(crate::recovery::AUTOSAVE_DELAY);
        assert!(files.autosave_now(Some(true)), "due");
        assert_eq!(files.take_autosave(), None, "no recovery file here, but the schedule is taken");
        assert_eq!(files.wake(), Repaint::Idle);
        assert!(files.dirty(), "still unsaved");
    }

    #[test]
    fn losing_focus_writes_the_autosave_at_once() {
        let mut files = SessionFiles::default();
        files.set_clock(Arc::new(ManualClock::default()));
        files.mark_dirty();
        assert!(!files.autosave_now(Some(true)));
        assert!(files.autosave_now(Some(false)), "the window lost focus");
    }

    #[test]
    fn saving_clears_the_autosave_and_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = SessionFiles::default();
        files.enable_recovery(dir.path()).expect("a recovery file");
        files.mark_dirty();
        let autosave = files.take_autosave().expect("pending, with a file");
        std::fs::write(&autosave, "{}").expect("written");
        files.mark_dirty();
        files.saved(&dir.path().join("work.infonet"));
        assert!(!files.dirty() && !autosave.exists());
        assert_eq!(files.take_autosave(), None);
        assert!(!files.exiting(), "nothing to write at the end");
    }

    #[test]
    fn closing_with_unsaved_work_asks_unless_told() {
        let mut files = SessionFiles::default();
        assert!(!files.must_ask_before_closing());
        files.mark_dirty();
        assert!(files.must_ask_before_closing());
        files.close_after_save();
        assert!(!files.saved_for_closing(), "not saved yet");
        files.saved(Path::new("no-such-dir/w.infonet"));
        assert!(files.saved_for_closing(), "saved: the window closes");
        files.mark_dirty();
        assert!(!files.must_ask_before_closing(), "closing now");
        let mut other = SessionFiles::default();
        other.mark_dirty();
        other.discard();
        assert!(!other.must_ask_before_closing());
    }

    #[test]
    fn a_suggested_path_sits_beside_the_opened_file() {
        let beside = Path::new("data").join("net.csv");
        assert_eq!(
            suggested_path("net.gexf", Some(&beside)),
            Path::new("data").join("net.gexf").display().to_string()
        );
    }
}
