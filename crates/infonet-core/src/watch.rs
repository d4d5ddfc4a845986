//! Reload on change: watches the open files (a facilitator typing in Excel and saving) and
//! reports a change once the file has been quiet for a moment, so a file that is still being
//! written is not read half-way. No egui here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::model::Network;

/// How long a file must be quiet before it is read again.
pub const DEBOUNCE: Duration = Duration::from_millis(700);

/// Watches files for changes.
pub struct FileWatcher {
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    files: Vec<PathBuf>,
    changed_at: Option<Instant>,
}

impl FileWatcher {
    /// Watches `files` (their folders, since editors often replace a file by renaming a new
    /// one over it). `wake` is called from the watcher's thread on every event.
    pub fn new(files: &[PathBuf], wake: Arc<dyn Fn() + Send + Sync>) -> Option<Self> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            tx.send(event).ok();
            wake();
        })
        .ok()?;
        let files: Vec<PathBuf> =
            files.iter().map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())).collect();
        let mut folders: Vec<&Path> = files.iter().filter_map(|f| f.parent()).collect();
        folders.sort();
        folders.dedup();
        for folder in folders {
            watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
        }
        Some(Self { _watcher: watcher, rx, files, changed_at: None })
    }

    /// The watched files.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Takes in events; true once a watched file changed and has been quiet for [`DEBOUNCE`].
    /// While waiting for quiet it returns false; call again (the app asks for a frame later).
    pub fn poll(&mut self) -> bool {
        loop {
            match self.rx.try_recv() {
                Ok(Ok(event)) => {
                    let relevant = matches!(
                        event.kind,
                        EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
                    ) && event.paths.iter().any(|p| {
                        let p = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                        self.files.contains(&p)
                    });
                    if relevant {
                        self.changed_at = Some(Instant::now());
                    }
                }
                Ok(Err(err)) => log::warn!("file watcher: {err}"),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        match self.changed_at {
            Some(t) if t.elapsed() >= DEBOUNCE => {
                self.changed_at = None;
                true
            }
            _ => false,
        }
    }

    /// Whether a change is waiting for quiet (ask for another frame).
    pub fn is_waiting(&self) -> bool {
        self.changed_at.is_some()
    }
}

/// What changed between two versions of a network: people and ties added and removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// People added.
    pub people_added: usize,
    /// People removed.
    pub people_removed: usize,
    /// Ties added.
    pub ties_added: usize,
    /// Ties removed.
    pub ties_removed: usize,
    /// People whose attributes changed.
    pub people_changed: usize,
}

impl Changes {
    /// Compares by person key and (source, target) keys.
    pub fn between(old: &Network, new: &Network) -> Self {
        use std::collections::HashSet;
        let keys = |n: &Network| -> HashSet<String> { n.people().map(|(_, p)| p.key.clone()).collect() };
        let ties = |n: &Network| -> HashSet<(String, String)> {
            n.ties()
                .filter_map(|(_, s, t, _)| Some((n.person(s)?.key.clone(), n.person(t)?.key.clone())))
                .collect()
        };
        let (ko, kn) = (keys(old), keys(new));
        let (to, tn) = (ties(old), ties(new));
        let people_changed = new
            .people()
            .filter(|(_, p)| old.find(&p.key).and_then(|id| old.person(id)).is_some_and(|q| q != *p))
            .count();
        Self {
            people_added: kn.difference(&ko).count(),
            people_removed: ko.difference(&kn).count(),
            ties_added: tn.difference(&to).count(),
            ties_removed: to.difference(&tn).count(),
            people_changed,
        }
    }

    /// "+2 people, +5 ties, −1 tie", or "no changes".
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let tr = lang.tr();
        let mut parts = Vec::new();
        let mut add = |n: usize, sign: &str, one: &str, many: &str| {
            if n > 0 {
                parts.push(format!("{sign}{n} {}", if n == 1 { one } else { many }));
            }
        };
        add(self.people_added, "+", tr.person_one, tr.person_many);
        add(self.people_removed, "\u{2212}", tr.person_one, tr.person_many);
        add(self.ties_added, "+", tr.tie_one, tr.tie_many);
        add(self.ties_removed, "\u{2212}", tr.tie_one, tr.tie_many);
        add(self.people_changed, "", tr.changed_one, tr.changed_many);
        if parts.is_empty() { tr.no_changes.to_owned() } else { parts.join(", ") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_what_changed() {
        let old = crate::io::samples::load("solboen").expect("sample").expect("parses").network;
        let mut new = old.clone();
        let a = new.add_person(crate::model::Person::new("x1")).expect("new");
        let b = new.add_person(crate::model::Person::new("x2")).expect("new");
        let p = new.find("p016").expect("p016");
        new.add_tie(a, p, crate::model::Tie::default()).expect("tie");
        new.add_tie(b, p, crate::model::Tie::default()).expect("tie");
        let c = Changes::between(&old, &new);
        assert_eq!(c, Changes { people_added: 2, ties_added: 2, ..Changes::default() });
        assert_eq!(c.describe(crate::i18n::Lang::En), "+2 people, +2 ties");
        assert_eq!(Changes::between(&old, &old).describe(crate::i18n::Lang::En), "no changes");
    }

    #[test]
    fn a_change_is_reported_after_the_file_is_quiet() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ties.csv");
        std::fs::write(&path, "source,target\na,b\n").expect("write");
        let mut w = FileWatcher::new(std::slice::from_ref(&path), Arc::new(|| {})).expect("watcher");
        assert!(!w.poll());
        std::fs::write(&path, "source,target\na,b\nb,c\n").expect("write");
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut reported = false;
        while Instant::now() < deadline && !reported {
            reported = w.poll();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(reported, "the change was noticed");
        assert!(!w.poll(), "and reported once");
    }
}
