//! Autosave and crash recovery, without egui: when a pending autosave is due, where each
//! running instance writes its recovery file, and which files were left behind by an instance
//! that is gone.
//!
//! Every instance writes `recovery-<id>.infonet` in the app's data folder and holds an
//! exclusive lock on `recovery-<id>.lock` for as long as it runs, so two windows never write
//! over each other's autosave. At start, a recovery file whose lock can be taken belongs to an
//! instance that has ended (a crash, a power cut, kill -9): that one is offered back.
//!
//! The schedule is a deadline, not a frame counter: the app asks its event loop for a wake-up
//! at [`AutosaveSchedule::due`], so a settled window that draws no frames still writes the
//! change (the window's only wake-up while settled).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// How long after a change its autosave is written at the latest. Changes that follow within
/// this time share one write.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(5);

/// Time as the app sees it: the system's, or one a test moves by hand.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to (tests).
#[derive(Debug)]
pub struct ManualClock {
    base: Instant,
    offset: Mutex<Duration>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self { base: Instant::now(), offset: Mutex::new(Duration::ZERO) }
    }
}

impl ManualClock {
    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut offset) = self.offset.lock() {
            *offset += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.base + self.offset.lock().map_or(Duration::ZERO, |o| *o)
    }
}

/// When the pending autosave is due. The first change after a write starts the countdown;
/// later changes ride along, so a write never waits more than [`AUTOSAVE_DELAY`] after any
/// change however busy the user is.
#[derive(Debug, Default, Clone, Copy)]
pub struct AutosaveSchedule {
    due: Option<Instant>,
}

impl AutosaveSchedule {
    /// A change was made at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.due.get_or_insert(now + AUTOSAVE_DELAY);
    }

    /// When the pending autosave must be written, if one is pending.
    pub fn due(&self) -> Option<Instant> {
        self.due
    }

    /// Whether a pending autosave is due at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        self.due.is_some_and(|due| now >= due)
    }

    /// Whether a change is waiting to be written.
    pub fn is_pending(&self) -> bool {
        self.due.is_some()
    }

    /// The pending changes were written (or saved, or discarded).
    pub fn clear(&mut self) {
        self.due = None;
    }
}

/// This instance's recovery file, locked for as long as the value lives.
#[derive(Debug)]
pub struct RecoverySlot {
    path: PathBuf,
    lock_path: PathBuf,
    // Held open: the lock is released when the process ends, however it ends.
    _lock: File,
}

const PREFIX: &str = "recovery-";
const EXTENSION: &str = "infonet";
const LOCK_EXTENSION: &str = "lock";

impl RecoverySlot {
    /// Claims a fresh recovery file in `dir` (created if missing). The name joins the process
    /// id and the start time, so it is unique among instances that run at the same time.
    pub fn claim(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let mut attempt = 0u32;
        loop {
            let id = format!("{}-{nanos:x}-{attempt}", std::process::id());
            let lock_path = dir.join(format!("{PREFIX}{id}.{LOCK_EXTENSION}"));
            let lock = match File::options().write(true).create_new(true).open(&lock_path) {
                Ok(f) => f,
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                    continue;
                }
                Err(err) => return Err(err),
            };
            lock.try_lock().map_err(|e| std::io::Error::other(e.to_string()))?;
            let path = dir.join(format!("{PREFIX}{id}.{EXTENSION}"));
            return Ok(Self { path, lock_path, _lock: lock });
        }
    }

    /// Where this instance's autosave goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes this instance's recovery file and lock (a clean exit with nothing unsaved).
    pub fn remove_all(&self) {
        std::fs::remove_file(&self.path).ok();
        std::fs::remove_file(&self.lock_path).ok();
    }
}

/// Recovery files in `dir` left by instances that have ended, newest first, with when each
/// was written. Files of running instances (whose lock is held) are not listed; `own` is never
/// listed. The file name of earlier versions (`recovery.infonet`, no lock) counts as left behind.
pub fn orphans(dir: &Path, own: Option<&Path>) -> Vec<(PathBuf, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<(PathBuf, SystemTime)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| Some(p.as_path()) != own)
        .filter(|p| {
            p.extension().is_some_and(|e| e == EXTENSION)
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("recovery"))
        })
        .filter(|p| !held_by_running_instance(p))
        .filter_map(|p| {
            let meta = std::fs::metadata(&p).ok().filter(std::fs::Metadata::is_file)?;
            Some((p, meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found
}

/// Removes a recovery file that was recovered or discarded, with its lock file.
pub fn remove_orphan(path: &Path) {
    std::fs::remove_file(path).ok();
    std::fs::remove_file(path.with_extension(LOCK_EXTENSION)).ok();
}

fn held_by_running_instance(recovery: &Path) -> bool {
    let lock_path = recovery.with_extension(LOCK_EXTENSION);
    let Ok(lock) = File::options().write(true).open(&lock_path) else { return false };
    match lock.try_lock() {
        Ok(()) => {
            lock.unlock().ok();
            false
        }
        Err(_) => true,
    }
}

/// "13:05 UTC, 7 December 2026" style time of a file, for the recovery line. UTC because std
/// knows no time zones; the minutes-ago part says the rest.
pub fn describe_time(written: SystemTime, now: SystemTime) -> (String, u64) {
    let secs = written.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let ago_minutes = now.duration_since(written).map_or(0, |d| d.as_secs() / 60);
    let days = secs / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    let rem = secs % 86_400;
    (format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, (rem % 3600) / 60), ago_minutes)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's method).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_is_due_at_most_the_delay_after_the_first_change() {
        let clock = ManualClock::default();
        let mut s = AutosaveSchedule::default();
        let t0 = clock.now();
        s.changed(t0);
        clock.advance(Duration::from_secs(3));
        s.changed(clock.now());
        assert_eq!(s.due(), Some(t0 + AUTOSAVE_DELAY), "a later change does not push the write back");
        assert!(!s.is_due(clock.now()));
        clock.advance(AUTOSAVE_DELAY);
        assert!(s.is_due(clock.now()));
        s.clear();
        assert!(!s.is_pending());
    }

    #[test]
    fn two_instances_get_two_files_and_neither_is_an_orphan_while_both_run() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = RecoverySlot::claim(dir.path()).expect("claim a");
        let b = RecoverySlot::claim(dir.path()).expect("claim b");
        assert_ne!(a.path(), b.path());
        std::fs::write(a.path(), b"a").expect("write a");
        std::fs::write(b.path(), b"b").expect("write b");
        assert!(orphans(dir.path(), Some(a.path())).is_empty(), "b is running");
        let b_path = b.path().to_owned();
        // b ends without cleaning up (as a crash would): its file is offered to the others.
        drop(b);
        let left = orphans(dir.path(), Some(a.path()));
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].0, b_path);
        remove_orphan(&b_path);
        assert!(orphans(dir.path(), Some(a.path())).is_empty());
        assert!(!b_path.with_extension("lock").exists());
    }

    #[test]
    fn the_old_single_recovery_file_is_offered_too() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("recovery.infonet"), b"{}").expect("write");
        assert_eq!(orphans(dir.path(), None).len(), 1);
    }

    #[test]
    fn times_read_as_calendar_dates() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_607_900); // 2026-12-07 01:45 UTC
        let (text, ago) = describe_time(t, t + Duration::from_secs(150));
        assert_eq!(text, "2026-12-07 01:45 UTC");
        assert_eq!(ago, 2);
    }
}
