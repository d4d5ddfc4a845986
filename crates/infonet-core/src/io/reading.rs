//! The one way Infonet reads a whole file: only regular files, never more than a limit whatever
//! the metadata says, and never a file that changed while it was read.
//!
//! A device (`/dev/zero`), a pipe or a folder reports size 0, so a size check alone lets an
//! endless read through; a pipe even blocks when opened. A file that another program truncates
//! or rewrites while it is read would give a silently partial network. So the file's type is
//! checked before it is opened, every read is capped, and the size and modification time at the
//! start and the end are compared with what was read; a changed file is read again, and when it
//! keeps changing the load stops with a message.

use std::io::Read as _;
use std::path::Path;

use super::{LoadError, MAX_FILE_BYTES, Progress, Stage};

/// Size of the chunks read between progress updates.
const CHUNK_BYTES: usize = 1024 * 1024;

/// Reads of a file that keeps changing before the load gives up.
const ATTEMPTS: u32 = 3;

/// Pause before reading a changed file again (a program saving it is probably still writing).
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// What a whole-file read needs to know besides the path.
#[derive(Clone, Copy, Debug)]
pub struct ReadLimits {
    /// The most bytes to read.
    pub max_bytes: u64,
    /// What the file is meant to be, for messages: "a table", "a GraphML file" …
    pub kind: &'static str,
}

impl ReadLimits {
    /// [`MAX_FILE_BYTES`] for a file of this kind.
    pub fn of(kind: &'static str) -> Self {
        Self { max_bytes: MAX_FILE_BYTES, kind }
    }
}

/// The parts of a file's metadata that change when it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Self {
        Self { len: meta.len(), modified: meta.modified().ok() }
    }
}

/// The error for what is not a regular file, or `None` for a regular file. Follows symlinks,
/// so a link to a device is refused too.
pub(crate) fn not_a_regular_file(path: &Path) -> Result<(), LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io { path: path.to_owned(), source })?;
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() { "a folder" } else { "a device, pipe or socket" };
    Err(LoadError::NotAFile { path: path.to_owned(), what })
}

/// The first `n` bytes of a regular file (fewer if it is shorter); empty for anything else.
pub fn read_head(path: &Path, n: u64) -> Vec<u8> {
    if not_a_regular_file(path).is_err() {
        return Vec::new();
    }
    let mut head = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        file.take(n).read_to_end(&mut head).ok();
    }
    head
}

/// Reads a whole regular file, at most `limits.max_bytes`, updating `progress`.
pub fn read_file(path: &Path, limits: ReadLimits, progress: &Progress) -> Result<Vec<u8>, LoadError> {
    read_file_with(path, limits, progress, &mut |_| {})
}

/// [`read_file`] with a step run after each chunk (with the attempt number, from 0); tests use
/// it to change the file half-way.
pub fn read_file_with(
    path: &Path,
    limits: ReadLimits,
    progress: &Progress,
    after_chunk: &mut dyn FnMut(u32),
) -> Result<Vec<u8>, LoadError> {
    progress.set_stage(Stage::Reading);
    let mut last = (0, 0);
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            std::thread::sleep(RETRY_PAUSE);
        }
        match read_once(path, limits, progress, &mut || after_chunk(attempt))? {
            Ok(bytes) => return Ok(bytes),
            Err(sizes) => last = sizes,
        }
    }
    let (before, after) = last;
    Err(LoadError::Changed { path: path.to_owned(), before, after })
}

/// One read: the bytes, or (size at the start, size at the end) when the file changed meanwhile.
fn read_once(
    path: &Path,
    limits: ReadLimits,
    progress: &Progress,
    after_chunk: &mut dyn FnMut(),
) -> Result<Result<Vec<u8>, (u64, u64)>, LoadError> {
    let io_error = |source| LoadError::Io { path: path.to_owned(), source };
    // Checked before opening: opening a pipe blocks until someone writes to it.
    not_a_regular_file(path)?;
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    // The path may have been swapped for a device between the check and the open.
    if !meta.is_file() {
        return Err(LoadError::NotAFile { path: path.to_owned(), what: "a device, pipe or socket" });
    }
    let start = Stamp::of(&meta);
    let too_large = |bytes| LoadError::TooLarge { path: path.to_owned(), bytes, kind: limits.kind };
    if start.len > limits.max_bytes {
        return Err(too_large(start.len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(start.len).unwrap_or(0));
    // One byte more than the limit tells a file that grew past it.
    let mut reader = (&file).take(limits.max_bytes.saturating_add(1));
    let mut chunk = vec![0_u8; CHUNK_BYTES];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(io_error(error)),
        };
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        progress.add_done(n as u64);
        after_chunk();
    }
    let read = bytes.len() as u64;
    if read > limits.max_bytes {
        return Err(too_large(read));
    }
    let end = std::fs::metadata(path).map(|m| Stamp::of(&m)).map_err(io_error)?;
    if read != start.len || end != start {
        return Ok(Err((start.len, end.len)));
    }
    Ok(Ok(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ReadLimits {
        ReadLimits::of("a GraphML file")
    }

    #[test]
    fn reads_a_regular_file_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        let data: Vec<u8> = (0..3_000_000_u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).expect("write");
        assert_eq!(read_file(&path, limits(), &Progress::new()).expect("reads"), data);
        assert_eq!(read_head(&path, 4), data.get(..4).unwrap_or_default());
    }

    #[test]
    fn a_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = read_file(dir.path(), limits(), &Progress::new()).expect_err("a folder");
        assert!(error.to_string().ends_with("is a folder, not a file; open a file in it"), "{error}");
        assert!(read_head(dir.path(), 10).is_empty());
    }

    /// A link to an endless device: refused at once (it used to read until memory ran out).
    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let link = dir.path().join("z.graphml");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        for path in [Path::new("/dev/zero"), link.as_path()] {
            let error = read_file(path, limits(), &Progress::new()).expect_err("a device");
            assert!(matches!(error, LoadError::NotAFile { .. }), "{error:?}");
            assert_eq!(
                error.to_string(),
                format!(
                    "{}: is a device, pipe or socket, not a file; save the network to a file and open that",
                    path.display()
                )
            );
        }
    }

    /// A growing file is cut at the limit and refused, whatever its size said at the start.
    #[test]
    fn the_limit_holds_for_a_file_that_grows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("grow.csv");
        std::fs::write(&path, vec![b'a'; 100]).expect("write");
        let small = ReadLimits { max_bytes: 2 * CHUNK_BYTES as u64, kind: "a table" };
        let mut grow = |_| {
            let mut file = std::fs::OpenOptions::new().append(true).open(&path).expect("append");
            std::io::Write::write_all(&mut file, &vec![b'b'; CHUNK_BYTES]).expect("grow");
        };
        let error =
            read_file_with(&path, small, &Progress::new(), &mut grow).expect_err("grew past the limit");
        assert!(
            matches!(error, LoadError::TooLarge { bytes, .. } if bytes == small.max_bytes + 1),
            "{error:?}"
        );
    }

    /// A file truncated while it is read is read again; one that keeps changing is refused
    /// instead of giving a partial network.
    #[test]
    fn a_file_truncated_while_read_is_read_again_or_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ties.csv");
        let full = vec![b'x'; 3 * CHUNK_BYTES];
        std::fs::write(&path, &full).expect("write");
        // Truncated during the first read only: the second read sees the final file.
        let mut once = |attempt| {
            if attempt == 0 {
                std::fs::OpenOptions::new().write(true).open(&path).and_then(|f| f.set_len(1_500_000)).ok();
            }
        };
        let bytes = read_file_with(&path, limits(), &Progress::new(), &mut once).expect("second read");
        assert_eq!(bytes.len(), 1_500_000);

        // Rewritten during every read: refused with both sizes.
        std::fs::write(&path, &full).expect("write");
        let mut always = |attempt| {
            let len = 2_000_000 + u64::from(attempt) * 10;
            std::fs::OpenOptions::new().write(true).open(&path).and_then(|f| f.set_len(len)).ok();
        };
        let error =
            read_file_with(&path, limits(), &Progress::new(), &mut always).expect_err("keeps changing");
        assert!(matches!(error, LoadError::Changed { .. }), "{error:?}");
        assert!(error.to_string().contains("changed while it was being read"), "{error}");
    }
}
