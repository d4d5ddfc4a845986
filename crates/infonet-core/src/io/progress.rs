//! Progress of a load, shared between the loading thread and the UI thread.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What a load is doing right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Not started.
    Waiting,
    /// Reading files from disk.
    Reading,
    /// Decoding and parsing the tables.
    Parsing,
    /// Building the network from the parsed tables.
    Building,
    /// Finished, successfully or not.
    Done,
}

impl Stage {
    fn from_u8(value: u8) -> Self {
        match value {
            1 => Self::Reading,
            2 => Self::Parsing,
            3 => Self::Building,
            4 => Self::Done,
            _ => Self::Waiting,
        }
    }

    fn as_u8(self) -> u8 {
        match self {
            Self::Waiting => 0,
            Self::Reading => 1,
            Self::Parsing => 2,
            Self::Building => 3,
            Self::Done => 4,
        }
    }

    /// A short English label for a progress bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Reading => "reading",
            Self::Parsing => "parsing",
            Self::Building => "building the network",
            Self::Done => "done",
        }
    }
}

/// Byte counters that [`super::load_with_progress`] updates while it reads (in 1 MB chunks) and
/// parses (about every 64 KB of text). Every byte of every file is counted twice, once read and once
/// parsed, so `total_bytes` is twice the size of the files. Share it behind an `Arc`; it is
/// `Send + Sync` and all accesses are relaxed atomics.
#[derive(Debug, Default)]
pub struct Progress {
    done_bytes: AtomicU64,
    total_bytes: AtomicU64,
    stage: AtomicU8,
}

impl Progress {
    /// A progress at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Work done so far, in bytes (see the type's docs).
    pub fn done_bytes(&self) -> u64 {
        self.done_bytes.load(Ordering::Relaxed)
    }

    /// Work in all, in bytes; grows when a partner file is found.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes.load(Ordering::Relaxed)
    }

    /// Done as a fraction in `0.0..=1.0` (0 before the total is known).
    pub fn fraction(&self) -> f32 {
        let total = self.total_bytes();
        if total == 0 {
            return if self.stage() == Stage::Done { 1.0 } else { 0.0 };
        }
        (self.done_bytes().min(total) as f64 / total as f64) as f32
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        Stage::from_u8(self.stage.load(Ordering::Relaxed))
    }

    pub(crate) fn set_stage(&self, stage: Stage) {
        self.stage.store(stage.as_u8(), Ordering::Relaxed);
    }

    pub(crate) fn add_total(&self, bytes: u64) {
        self.total_bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(crate) fn add_done(&self, bytes: u64) {
        self.done_bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(crate) fn set_done(&self, bytes: u64) {
        self.done_bytes.store(bytes, Ordering::Relaxed);
    }

    pub(crate) fn finish(&self) {
        self.done_bytes.store(self.total_bytes(), Ordering::Relaxed);
        self.set_stage(Stage::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_send_and_sync_and_counts() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Progress>();
        let progress = Progress::new();
        assert_eq!(progress.fraction(), 0.0);
        assert_eq!(progress.stage(), Stage::Waiting);
        progress.add_total(200);
        progress.add_done(50);
        assert_eq!(progress.fraction(), 0.25);
        progress.set_stage(Stage::Parsing);
        assert_eq!(progress.stage(), Stage::Parsing);
        progress.finish();
        assert_eq!((progress.done_bytes(), progress.total_bytes()), (200, 200));
        assert_eq!(progress.stage(), Stage::Done);
        assert_eq!(progress.fraction(), 1.0);
    }
}
