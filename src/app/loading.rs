//! Files on their way in: the background load, the files waiting to join the project, the
//! watch on the open network's files, and a big network's first picture before its layout.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::io::open::LoadOptions;
use crate::io::{self, LoadError, Loaded, Progress};
use crate::layout::worker::LayoutHandle;

use super::Repaint;

/// How often the progress bar moves while a file loads.
const LOAD_PROGRESS: Duration = Duration::from_millis(100);

/// How often the watcher looks whether a changed file has gone quiet.
const WATCH_QUIET: Duration = Duration::from_millis(150);

/// Whether a load replaces the project or joins it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    /// The file becomes the only open network (File > Open).
    Replace,
    /// The file joins the open networks (File > Add to project, Open folder).
    Add,
    /// The file is read again into the open network that came from it, wherever it is in the
    /// project, everyone known keeping their place (a live survey's table after new answers);
    /// it joins the project when no open network came from it.
    Refresh,
}

/// A load that ended: the file, how it was opened, and what came of it.
pub struct Finished {
    /// The file.
    pub path: PathBuf,
    /// Replace or join.
    pub mode: LoadMode,
    /// The network, or why not.
    pub result: Result<Loaded, LoadError>,
}

/// A load running on a background thread.
struct LoadJob {
    path: PathBuf,
    mode: LoadMode,
    progress: Arc<Progress>,
    rx: Receiver<Result<Loaded, LoadError>>,
    started: Instant,
}

impl LoadJob {
    fn wait(self) -> Finished {
        let result = self.rx.recv().unwrap_or_else(|_| {
            Err(LoadError::NotATable {
                path: self.path.clone(),
                message: "the loading thread stopped".into(),
            })
        });
        Finished { path: self.path, mode: self.mode, result }
    }
}

/// What the watcher saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watched {
    /// Nothing new.
    Nothing,
    /// The open network's file changed and settled on disk.
    Changed,
}

/// The loads and the watch.
pub struct Loading {
    job: Option<LoadJob>,
    queue: VecDeque<PathBuf>,
    watcher: Option<crate::watch::FileWatcher>,
    /// Files to watch once the first frame gave a way to wake the app.
    watch_pending: Vec<PathBuf>,
    /// Reload the network when its file changes on disk.
    pub watch_files: bool,
    /// The network was edited here since it was read (a change on disk then asks first).
    pub network_edited: bool,
    /// A big network's layout waits until its first picture is on screen: frames to wait.
    first_picture: Option<u8>,
}

impl Default for Loading {
    fn default() -> Self {
        Self {
            job: None,
            queue: VecDeque::new(),
            watcher: None,
            watch_pending: Vec::new(),
            watch_files: true,
            network_edited: false,
            first_picture: None,
        }
    }
}

impl Loading {
    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// The running load: (file, progress, when it started).
    pub fn job(&self) -> Option<(&Path, &Progress, Instant)> {
        self.job.as_ref().map(|j| (j.path.as_path(), j.progress.as_ref(), j.started))
    }

    /// Progress of a running load: (file, fraction).
    pub fn progress(&self) -> Option<(&Path, f32)> {
        self.job.as_ref().map(|j| (j.path.as_path(), j.progress.fraction()))
    }

    /// Starts reading `path` on a background thread. Returns the result at once only when no
    /// thread could be started (then it was read here).
    pub fn start(&mut self, path: PathBuf, mode: LoadMode, options: &LoadOptions) -> Option<Finished> {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (thread_progress, thread_path, thread_options) =
            (Arc::clone(&progress), path.clone(), options.clone());
        let spawned = std::thread::Builder::new().name("load".into()).spawn(move || {
            let result = io::open::open(&thread_path, &thread_options, &thread_progress);
            tx.send(result).ok();
        });
        match spawned {
            Ok(_) => {
                self.job = Some(LoadJob { path, mode, progress, rx, started: Instant::now() });
                None
            }
            Err(err) => {
                log::error!("cannot start a loading thread: {err}");
                let result = io::open::open(&path, options, &Progress::new());
                Some(Finished { path, mode, result })
            }
        }
    }

    /// Files to add to the project one after the other.
    pub fn queue(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.queue.extend(paths);
    }

    /// The next file waiting to join the project, once nothing is loading.
    pub fn next_queued(&mut self) -> Option<PathBuf> {
        if self.job.is_some() { None } else { self.queue.pop_front() }
    }

    /// The load that finished since the last frame, if one did (`Err`: its thread stopped
    /// without an answer, for this file).
    pub fn poll(&mut self) -> Option<Result<Finished, PathBuf>> {
        let job = self.job.as_ref()?;
        match job.rx.try_recv() {
            Ok(result) => {
                let job = self.job.take()?;
                Some(Ok(Finished { path: job.path, mode: job.mode, result }))
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => self.job.take().map(|job| Err(job.path)),
        }
    }

    /// Blocks until the running load has finished (tests and the command line).
    pub fn wait(&mut self) -> Option<Finished> {
        self.job.take().map(LoadJob::wait)
    }

    /// Watches `files` for changes (none: stops watching). `wake` asks for a frame from the
    /// watcher's thread; until the first frame gave one, the files wait.
    pub fn watch(&mut self, files: &[PathBuf], wake: Option<&super::Wake>) {
        self.watcher = None;
        self.watch_pending.clear();
        if files.is_empty() || !self.watch_files {
            return;
        }
        match wake {
            Some(wake) => self.watcher = crate::watch::FileWatcher::new(files, Arc::clone(wake)),
            None => self.watch_pending = files.to_vec(),
        }
    }

    /// Whether the watched files changed (and settled) on disk.
    pub fn poll_watcher(&mut self, wake: Option<&super::Wake>) -> Watched {
        if !self.watch_pending.is_empty() && wake.is_some() {
            let files = std::mem::take(&mut self.watch_pending);
            self.watch(&files, wake);
        }
        if self.watcher.as_mut().is_some_and(crate::watch::FileWatcher::poll) {
            Watched::Changed
        } else {
            Watched::Nothing
        }
    }

    /// A big network just opened: its layout waits two frames, so the first picture (which
    /// needs both cores with software GL) is on screen before it starts.
    pub fn hold_layout_for_first_picture(&mut self, layout: &mut LayoutHandle) {
        if !layout.is_inline() && !layout.snapshot().paused {
            layout.set_paused(true);
            self.first_picture = Some(2);
        }
    }

    /// Counts down the frames of the first picture and starts the layout after them.
    pub fn first_picture_frame(&mut self, layout: &mut LayoutHandle) {
        match self.first_picture {
            Some(0) => {
                self.first_picture = None;
                layout.set_paused(false);
            }
            Some(frames) => self.first_picture = Some(frames - 1),
            None => {}
        }
    }

    /// When the next frame is needed: soon while a load runs (its progress) or a changed file
    /// settles, at once while a first picture waits for its frames.
    pub fn wake(&self) -> Repaint {
        let mut wake = Repaint::Idle;
        if self.first_picture.is_some() {
            wake = Repaint::Now;
        }
        if self.job.is_some() {
            wake = wake.min(Repaint::After(LOAD_PROGRESS));
        }
        if self.watcher.as_ref().is_some_and(crate::watch::FileWatcher::is_waiting) {
            wake = wake.min(Repaint::After(WATCH_QUIET));
        }
        wake
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_file(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-networks").join(name)
    }

    #[test]
    fn a_load_runs_in_the_background_and_asks_for_progress_frames() {
        let mut loading = Loading::default();
        assert_eq!(loading.wake(), Repaint::Idle, "nothing to wait for");
        let read_here =
            loading.start(sample_file("fjellvik.people.csv"), LoadMode::Replace, &LoadOptions::default());
        assert!(read_here.is_none(), "on a thread");
        assert!(loading.is_loading());
        assert_eq!(loading.wake(), Repaint::After(LOAD_PROGRESS));
        let finished = loading.wait().expect("the load ends");
        assert_eq!(finished.mode, LoadMode::Replace);
        assert_eq!(finished.result.expect("it reads").network.person_count(), 91);
        assert!(!loading.is_loading());
        assert_eq!(loading.wake(), Repaint::Idle);
    }

    #[test]
    fn queued_files_wait_for_the_running_load() {
        let mut loading = Loading::default();
        loading.queue([PathBuf::from("a.csv"), PathBuf::from("b.csv")]);
        loading.start(sample_file("solboen.people.csv"), LoadMode::Replace, &LoadOptions::default());
        assert_eq!(loading.next_queued(), None, "one at a time");
        loading.wait();
        assert_eq!(loading.next_queued(), Some(PathBuf::from("a.csv")));
        assert_eq!(loading.next_queued(), Some(PathBuf::from("b.csv")));
        assert_eq!(loading.next_queued(), None);
    }

    #[test]
    fn a_first_picture_holds_a_threaded_layout_for_two_frames() {
        let mut layout = LayoutHandle::threaded(|| {});
        let mut loading = Loading::default();
        loading.hold_layout_for_first_picture(&mut layout);
        assert!(layout.snapshot().paused);
        assert_eq!(loading.wake(), Repaint::Now);
        loading.first_picture_frame(&mut layout);
        loading.first_picture_frame(&mut layout);
        assert!(layout.snapshot().paused, "still drawing the first picture");
        loading.first_picture_frame(&mut layout);
        assert!(!layout.snapshot().paused, "the layout starts");
        assert_eq!(loading.wake(), Repaint::Idle);
    }

    #[test]
    fn files_are_watched_once_the_app_can_be_woken() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("net.ties.csv");
        std::fs::write(&file, "source,target\na,b\n").expect("written");
        let mut loading = Loading::default();
        loading.watch(std::slice::from_ref(&file), None);
        assert_eq!(loading.poll_watcher(None), Watched::Nothing);
        let wake: super::super::Wake = Arc::new(|| {});
        assert_eq!(loading.poll_watcher(Some(&wake)), Watched::Nothing);
        assert!(loading.watcher.is_some(), "watching now");
        loading.watch_files = false;
        loading.watch(std::slice::from_ref(&file), Some(&wake));
        assert!(loading.watcher.is_none(), "not when the user turned it off");
    }
}
