//! Files out: a network as GraphML, GEXF 1.3, JSON node-link or the people + ties CSV pair,
//! chosen by the output's extension; every write is atomic.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::model::{Network, PersonId, Sector, TieKind};

use super::raw::{AttrValue, RawEdge, RawGraph, RawNode};

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML.
    GraphMl,
    /// GEXF 1.3 with viz colour, size and position.
    Gexf,
    /// networkx node-link JSON.
    Json,
    /// `NAME.people.csv` + `NAME.ties.csv`.
    CsvPair,
}

impl ExportFormat {
    /// The format for an output path, by extension.
    pub fn for_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        Some(match ext.as_str() {
            "graphml" | "xml" => Self::GraphMl,
            "gexf" => Self::Gexf,
            "json" => Self::Json,
            "csv" => Self::CsvPair,
            _ => return None,
        })
    }
}

/// Why a save failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be written; the old file, if any, is untouched.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The extension does not say which format.
    #[error("{}: unknown output format; use .graphml, .gexf, .json or .csv", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The format cannot hold the network as it is.
    #[error("{}: {message}", path.display())]
    Unrepresentable {
        /// The file.
        path: PathBuf,
        /// What cannot be written.
        message: String,
    },
    /// The output is one of the files being read.
    #[error(
        "{}: this is a file the command reads; writing it would destroy the original, so nothing was \
         written; choose another output name",
        path.display()
    )]
    WouldOverwriteInput {
        /// The file.
        path: PathBuf,
    },
}

/// XML 1.0 has no place for most control characters: the GraphML and GEXF writers put U+FFFD
/// there. Two ids that differ only in such characters would become one person on reading, so
/// such a network is refused for those formats (with the ids named) rather than merged silently.
fn check_xml_ids(network: &Network, path: &Path) -> Result<(), SaveError> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for (_, person) in network.people() {
        let held: String =
            person.key.chars().map(|c| if super::xml::xml_char(c) { c } else { '\u{FFFD}' }).collect();
        if let Some(other) = seen.insert(held, &person.key) {
            return Err(SaveError::Unrepresentable {
                path: path.to_owned(),
                message: format!(
                    "the ids {other:?} and {:?} differ only in control characters, which XML cannot hold; \
                     they would become one person (save as .csv or .json instead)",
                    person.key
                ),
            });
        }
    }
    Ok(())
}

/// The files [`export`] writes for `path`: the path itself, or the two files of a CSV pair.
pub fn output_paths(path: &Path) -> Result<Vec<PathBuf>, SaveError> {
    match ExportFormat::for_path(path) {
        Some(ExportFormat::CsvPair) => {
            let (people, ties) = csv_pair_paths(path);
            Ok(vec![people, ties])
        }
        Some(_) => Ok(vec![path.to_owned()]),
        None => Err(SaveError::UnknownFormat { path: path.to_owned() }),
    }
}

/// Refuses any output that is one of the inputs (by the file it names, links and `..` resolved):
/// `infonet convert X.people.csv X.csv --anonymize` used to write pseudonyms over the real names.
pub fn refuse_overwriting(outputs: &[PathBuf], inputs: &[PathBuf]) -> Result<(), SaveError> {
    let inputs: Vec<PathBuf> = inputs.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
    for output in outputs {
        if let Ok(real) = std::fs::canonicalize(output)
            && inputs.contains(&real)
        {
            return Err(SaveError::WouldOverwriteInput { path: output.clone() });
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target. A crash or a full disk leaves the old file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, bytes, &|| Ok(()))
}

/// [`write_atomic`] with a step run after the data is on disk and before the rename; tests use
/// it to fail (or crash) half-way.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    before_rename: &dyn Fn() -> std::io::Result<()>,
) -> Result<(), SaveError> {
    write_all_atomic_with(&[(path, bytes)], &|step| match step {
        Step::Renaming(0) => before_rename(),
        _ => Ok(()),
    })
}

/// Where [`write_all_atomic_with`] is, for tests that fail half-way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The temporary file of file `i` is written and on disk.
    Written(usize),
    /// File `i` is about to replace its target.
    Renaming(usize),
}

/// Writes several files as one: every file is written to a temporary file beside its target
/// first; only when all are on disk do they replace their targets, and if one replacement fails
/// the ones before it are put back. A full disk leaves every old file as it was (a new people
/// file beside the old ties file would be a different network).
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), SaveError> {
    write_all_atomic_with(files, &|_| Ok(()))
}

/// [`write_all_atomic`] with a step run at each [`Step`]; an error there fails the save.
pub fn write_all_atomic_with(
    files: &[(&Path, &[u8])],
    step: &dyn Fn(Step) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let mut temps: Vec<tempfile::NamedTempFile> = Vec::with_capacity(files.len());
    // The handler is in place before any temporary file exists: an interrupt between creating
    // one and registering it would otherwise end the process with the file left behind.
    interrupt::install();
    let written = (|| {
        for (i, (path, bytes)) in files.iter().enumerate() {
            let io_error = |source| SaveError::Io { path: path.to_path_buf(), source };
            let temp = temp_beside(path).map_err(io_error)?;
            interrupt::register(temp.path());
            temps.push(temp);
            let mut file = temps
                .last()
                .map(tempfile::NamedTempFile::as_file)
                .ok_or_else(|| io_error(std::io::Error::other("the temporary file went missing")))?;
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .and_then(|()| step(Step::Written(i)))
                .map_err(io_error)?;
        }
        Ok(())
    })();
    let temp_paths: Vec<PathBuf> = temps.iter().map(|t| t.path().to_owned()).collect();
    if let Err(error) = written {
        // Dropping the temporary files removes them.
        drop(temps);
        interrupt::forget(&temp_paths);
        return Err(error);
    }
    // Tests of interruption (debug builds only) need a moment with the temporary files on disk.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("INFONET_TEST_SAVE_PAUSE_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    // Renames only from here on: the interrupt handler waits for this lock, so it never finds
    // the files half-way through being replaced.
    let mut pending = interrupt::hold();
    let mut backups: Vec<(PathBuf, tempfile::TempPath)> = Vec::new();
    let mut placed: Vec<PathBuf> = Vec::new();
    let mut failure = None;
    for (i, (temp, (path, _))) in temps.into_iter().zip(files).enumerate() {
        let result = (|| {
            step(Step::Renaming(i))?;
            if files.len() > 1 && path.exists() {
                // Kept until every file is in place, to put back if a later one fails.
                let backup = tempfile::Builder::new()
                    .prefix(&format!(".{}.", file_name_of(path)))
                    .suffix(".old")
                    .tempfile_in(folder_of(path))?
                    .into_temp_path();
                std::fs::rename(path, &backup)?;
                backups.push((path.to_path_buf(), backup));
            }
            temp.persist(path).map_err(|e| e.error)?;
            placed.push(path.to_path_buf());
            Ok(())
        })();
        if let Err(source) = result {
            failure = Some(SaveError::Io { path: path.to_path_buf(), source });
            break;
        }
    }
    if failure.is_some() {
        for path in &placed {
            std::fs::remove_file(path).ok();
        }
        for (target, backup) in backups.drain(..) {
            if let Err(e) = std::fs::rename(&backup, &target) {
                log::warn!("could not put back {}: {e}", target.display());
                // The old file is still there under the backup's name: better than deleting it.
                backup.keep().ok();
            }
        }
    }
    drop(backups);
    pending.retain(|p| !temp_paths.contains(p));
    drop(pending);
    if let Some(error) = failure {
        return Err(error);
    }
    // Make the renames themselves durable where the platform allows syncing a folder.
    for (path, _) in files {
        if let Ok(d) = std::fs::File::open(folder_of(path)) {
            d.sync_all().ok();
        }
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned())
}

/// A new, exclusively created temporary file beside `path` (random name, `O_EXCL`, so a
/// planted file or symlink cannot take the save), with the permissions the target has (a 0600
/// file stays 0600) or, for a new file, the usual ones for new files.
fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{}.", file_name_of(path));
    builder.prefix(&prefix).suffix(".tmp");
    let existing = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file);
    #[cfg(unix)]
    if existing.is_none() {
        // What File::create would give (0666 less the umask), not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder_of(path))?;
    if let Some(meta) = existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(temp)
}

/// Temporary files of saves under way, removed when the process is interrupted (Ctrl-C,
/// SIGTERM, closing the terminal): they hold every name of the network.
pub mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard, Once};

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static HANDLER: Once = Once::new();

    /// Registers a temporary file for removal on interruption (and installs the handler).
    pub fn register(path: &Path) {
        install();
        lock().push(path.to_owned());
    }

    /// Unregisters temporary files that are gone.
    pub fn forget(paths: &[PathBuf]) {
        lock().retain(|p| !paths.contains(p));
    }

    fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
        PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps the handler waiting while renames are under way.
    pub fn hold() -> MutexGuard<'static, Vec<PathBuf>> {
        lock()
    }

    /// Removes every registered temporary file; what the handler does before the process ends.
    pub fn clean_up() -> usize {
        let mut pending = lock();
        let removed = pending.iter().filter(|p| std::fs::remove_file(p).is_ok()).count();
        pending.clear();
        removed
    }

    /// Installs the handler that removes pending temporary files on Ctrl-C or SIGTERM (once).
    pub fn install() {
        HANDLER.call_once(|| {
            // Another handler (set by an embedding program) wins; saves stay atomic either way.
            let installed = ctrlc::set_handler(|| {
                clean_up();
                // 130: ended by an interrupt, as shells report it.
                std::process::exit(130);
            });
            if let Err(e) = installed {
                log::debug!("no interrupt handler for saves: {e}");
            }
        });
    }
}

/// How a person looks, for the writers that keep it (GEXF viz, Gephi-style GraphML keys).
/// The caller resolves it from the scene, so files look like the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeLook {
    /// Position in world units (y down), or the file's own coordinates as it gave them.
    pub position: Option<[f64; 2]>,
    /// Fill colour.
    pub colour: Option<[u8; 3]>,
    /// Radius in world units.
    pub size: Option<f32>,
}

/// A function from person to look.
pub type Looks<'a> = &'a dyn Fn(PersonId) -> NodeLook;

fn number(v: f64) -> AttrValue {
    AttrValue::Number(v)
}

/// The network as a raw graph for the peer writers: every attribute, plus sector, tenure,
/// age, respondent and in-degree; colours, sizes and positions when `looks` gives them.
pub fn raw_graph_of(network: &Network, looks: Option<Looks<'_>>) -> RawGraph {
    let nodes = network
        .people()
        .map(|(id, p)| {
            let mut attrs: crate::io::raw::Attrs =
                p.attributes.iter().map(|(k, v)| (k.clone(), AttrValue::Text(v.clone()))).collect();
            attrs.insert("sector".into(), AttrValue::Text(p.sector.key().into()));
            // Years when known, else the band text, so a reader gets the band either way.
            attrs.insert("tenure_band".into(), AttrValue::Text(p.tenure.band.key().into()));
            match p.tenure.years {
                Some(y) => drop(attrs.insert("tenure".into(), number(y))),
                None if p.tenure.band != crate::model::TenureBand::Unknown => {
                    drop(attrs.insert("tenure".into(), AttrValue::Text(p.tenure.band.key().into())));
                }
                None => {}
            }
            attrs.insert("age_band".into(), AttrValue::Text(p.age.band.key().into()));
            match p.age.years {
                Some(y) => drop(attrs.insert("age".into(), number(y))),
                None if p.age.band != crate::model::AgeBand::Unknown => {
                    drop(attrs.insert("age".into(), AttrValue::Text(p.age.band.key().into())));
                }
                None => {}
            }
            attrs.insert("respondent".into(), AttrValue::Bool(p.respondent));
            let indegree = network.in_degree(id);
            attrs.insert("in_degree".into(), number(indegree as f64));
            let look = looks.map(|f| f(id)).unwrap_or_default();
            RawNode {
                id: p.key.clone(),
                label: Some(p.name.clone()),
                attrs,
                position: look.position,
                colour: look.colour,
                size: look.size.map(f64::from),
                line: 0,
            }
        })
        .collect();
    let directed = network.has_directed_ties() || network.tie_count() == 0;
    let edges = network
        .ties()
        .filter_map(|(_, s, t, tie)| {
            let (a, b) = (network.person(s)?, network.person(t)?);
            let mut attrs = crate::io::raw::Attrs::new();
            attrs.insert("kind".into(), AttrValue::Text(network.tie_kind(s, t, tie).key().into()));
            Some(RawEdge {
                source: a.key.clone(),
                target: b.key.clone(),
                directed: if tie.undirected != directed { None } else { Some(!tie.undirected) },
                weight: Some(tie.weight),
                attrs,
                line: 0,
            })
        })
        .collect();
    RawGraph { name: Some(network.name.clone()), directed, nodes, edges }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Appends one CSV cell: quoted when needed, formula starts neutralised.
pub fn csv_field(text: &str, out: &mut String) {
    // A leading apostrophe makes Excel and LibreOffice show the text instead of running it
    // (`=HYPERLINK(…)`, `+47 …`); Infonet's reader takes it off again.
    let neutral;
    // A value that itself starts with an apostrophe before such a character gets a second one,
    // so that reading takes off only the one added here.
    let escaped = text.strip_prefix('\'').is_some_and(|rest| rest.starts_with(FORMULA_STARTS));
    let text = if text.starts_with(FORMULA_STARTS) || escaped {
        neutral = format!("'{text}");
        neutral.as_str()
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// The people table as CSV text (UTF-8 with a BOM so Excel reads æøå, comma-separated).
pub fn people_csv(network: &Network) -> String {
    let extra: Vec<String> = {
        let mut keys: Vec<String> =
            network.people().flat_map(|(_, p)| p.attributes.keys().cloned()).collect();
        keys.sort();
        keys.dedup();
        keys.retain(|k| {
            !matches!(k.to_lowercase().as_str(), "id" | "name" | "sector" | "tenure" | "age" | "respondent")
        });
        keys
    };
    let mut out = String::from("\u{feff}id,name,sector,tenure,age,respondent");
    for k in &extra {
        out.push(',');
        csv_field(k, &mut out);
    }
    out.push('\n');
    for (_, p) in network.people() {
        csv_field(&p.key, &mut out);
        out.push(',');
        csv_field(&p.name, &mut out);
        out.push(',');
        if p.sector != Sector::Unknown {
            out.push_str(p.sector.key());
        }
        out.push(',');
        match p.tenure.years {
            Some(y) => out.push_str(&fmt_number(y)),
            None if p.tenure.band != crate::model::TenureBand::Unknown => out.push_str(p.tenure.band.key()),
            None => {}
        }
        out.push(',');
        match p.age.years {
            Some(y) => out.push_str(&fmt_number(y)),
            None if p.age.band != crate::model::AgeBand::Unknown => out.push_str(p.age.band.key()),
            None => {}
        }
        out.push(',');
        out.push_str(if p.respondent { "yes" } else { "no" });
        for k in &extra {
            out.push(',');
            csv_field(p.attributes.get(k).map_or("", String::as_str), &mut out);
        }
        out.push('\n');
    }
    out
}

/// The ties table as CSV text.
pub fn ties_csv(network: &Network) -> String {
    let mut out = String::from("\u{feff}source,target,kind,weight\n");
    for (_, s, t, tie) in network.ties() {
        let (Some(a), Some(b)) = (network.person(s), network.person(t)) else { continue };
        csv_field(&a.key, &mut out);
        out.push(',');
        csv_field(&b.key, &mut out);
        out.push(',');
        if let Some(kind) = tie.declared_kind {
            out.push_str(kind.key());
        } else if network.tie_kind(s, t, tie) == TieKind::Unknown {
            // Derived and unknown: leave blank so it is derived again.
        }
        out.push(',');
        out.push_str(&fmt_number(tie.weight));
        out.push('\n');
    }
    out
}

/// The two paths of a CSV pair for an output path `X.csv` (or `X.people.csv`, `X.ties.csv`).
pub fn csv_pair_paths(path: &Path) -> (PathBuf, PathBuf) {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "network".into());
    let base =
        stem.strip_suffix(".people").or_else(|| stem.strip_suffix(".ties")).unwrap_or(&stem).to_owned();
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    (dir.join(format!("{base}.people.csv")), dir.join(format!("{base}.ties.csv")))
}

/// Writes the network in the format its extension names. Returns the files written.
pub fn export(network: &Network, path: &Path, looks: Option<Looks<'_>>) -> Result<Vec<PathBuf>, SaveError> {
    let format =
        ExportFormat::for_path(path).ok_or_else(|| SaveError::UnknownFormat { path: path.to_owned() })?;
    match format {
        ExportFormat::CsvPair => {
            let (people, ties) = csv_pair_paths(path);
            let (people_text, ties_text) = (people_csv(network), ties_csv(network));
            write_all_atomic(&[(&people, people_text.as_bytes()), (&ties, ties_text.as_bytes())])?;
            Ok(vec![people, ties])
        }
        ExportFormat::GraphMl => {
            check_xml_ids(network, path)?;
            write_atomic(path, super::graphml::write_graphml(&raw_graph_of(network, looks)).as_bytes())?;
            Ok(vec![path.to_owned()])
        }
        ExportFormat::Gexf => {
            check_xml_ids(network, path)?;
            write_atomic(path, super::gexf::write_gexf(&raw_graph_of(network, looks)).as_bytes())?;
            Ok(vec![path.to_owned()])
        }
        ExportFormat::Json => {
            write_atomic(path, super::json_graph::write_node_link(&raw_graph_of(network, looks)).as_bytes())?;
            Ok(vec![path.to_owned()])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::open::{LoadOptions, open};
    use crate::io::{Progress, samples};

    #[test]
    fn every_format_round_trips_people_ties_and_aeoeaa() {
        let original = samples::load("fjellvik").expect("sample").expect("parses").network;
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["out.graphml", "out.gexf", "out.json", "out.csv"] {
            let path = dir.path().join(name);
            let written = export(&original, &path, None).expect("writes");
            let back = open(written.first().expect("a file"), &LoadOptions::default(), &Progress::new())
                .unwrap_or_else(|e| panic!("{name}: {e}"))
                .network;
            assert_eq!(back.person_count(), original.person_count(), "{name}");
            assert_eq!(back.tie_count(), original.tie_count(), "{name}");
            for (id, p) in original.people() {
                let q = back.person(back.find(&p.key).expect("same keys")).expect("exists");
                assert_eq!(q.name, p.name, "{name}");
                assert_eq!(q.sector, p.sector, "{name}: {}", p.key);
                assert_eq!(q.tenure.band, p.tenure.band, "{name}: {}", p.key);
                assert_eq!(q.age.band, p.age.band, "{name}: {}", p.key);
                assert_eq!(back.in_degree(back.find(&p.key).expect("k")), original.in_degree(id), "{name}");
            }
            assert!(back.people().any(|(_, p)| p.name.contains('ø')));
        }
    }

    #[test]
    fn atomic_write_replaces_or_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.txt");
        write_atomic(&path, b"old").expect("write");
        write_atomic(&path, b"new").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        // Writing into a folder that does not exist fails and leaves nothing behind.
        let bad = dir.path().join("no/such/dir/x.txt");
        assert!(write_atomic(&bad, b"zzz").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1, "no temp files left");
        // A save that fails half-way (after writing, before the rename) leaves the old file.
        let half_way = || Err(std::io::Error::other("power cut"));
        assert!(write_atomic_with(&path, b"half-written", &half_way).is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1, "the temp file is cleaned up");
        // A crash half-way (the process dies): the old file is still whole.
        let crash = std::panic::catch_unwind(|| {
            write_atomic_with(&path, b"never lands", &|| panic!("killed")).ok();
        });
        assert!(crash.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }

    fn folder_listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A symlink planted at the old predictable temporary name (`.NAME.PID.tmp`) made a save
    /// overwrite another file; the temporary file is now new and unique.
    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_cannot_redirect_a_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").expect("write");
        let target = dir.path().join("out.graphml");
        let planted = dir.path().join(format!(".out.graphml.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        write_atomic(&target, b"<graphml/>").expect("saves");
        assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
        assert_eq!(std::fs::read(&target).expect("read"), b"<graphml/>");
        assert_eq!(
            folder_listing(dir.path()),
            [
                planted.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "out.graphml".into(),
                "victim.txt".into()
            ]
        );
    }

    /// A 0600 file stays 0600 when saved over (it became 0644); a new file gets what any new
    /// file gets (not tempfile's private 0600).
    #[cfg(unix)]
    #[test]
    fn saving_keeps_the_targets_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("tempdir");
        let private = dir.path().join("names.csv");
        std::fs::write(&private, b"old").expect("write");
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&private, b"new").expect("saves");
        assert_eq!(mode(&private), 0o600);
        let shared = dir.path().join("shared.csv");
        std::fs::write(&shared, b"old").expect("write");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        write_atomic(&shared, b"new").expect("saves");
        assert_eq!(mode(&shared), 0o664);
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).expect("create");
        let fresh = dir.path().join("fresh.csv");
        write_atomic(&fresh, b"new").expect("saves");
        assert_eq!(mode(&fresh), mode(&reference));
    }

    /// The people + ties pair is saved as a pair: a full disk while writing the second file, or a
    /// failure while replacing it, leaves both old files as they were (the new people file used
    /// to end up beside the old ties file), and no temporary file behind.
    #[test]
    fn the_csv_pair_is_replaced_together_or_not_at_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let people = dir.path().join("x.people.csv");
        let ties = dir.path().join("x.ties.csv");
        std::fs::write(&people, b"old people").expect("write");
        std::fs::write(&ties, b"old ties").expect("write");
        let files: [(&Path, &[u8]); 2] = [(&people, b"new people"), (&ties, b"new ties")];
        for failing in [Step::Written(1), Step::Renaming(0), Step::Renaming(1)] {
            let fail = |step| if step == failing { Err(std::io::Error::other("disk full")) } else { Ok(()) };
            let error = write_all_atomic_with(&files, &fail).expect_err("fails");
            assert!(error.to_string().ends_with("disk full"), "{error}");
            assert_eq!(std::fs::read(&people).expect("read"), b"old people", "{failing:?}");
            assert_eq!(std::fs::read(&ties).expect("read"), b"old ties", "{failing:?}");
            assert_eq!(folder_listing(dir.path()), ["x.people.csv", "x.ties.csv"], "{failing:?}");
        }
        write_all_atomic(&files).expect("saves");
        assert_eq!(std::fs::read(&people).expect("read"), b"new people");
        assert_eq!(std::fs::read(&ties).expect("read"), b"new ties");
        assert_eq!(folder_listing(dir.path()), ["x.people.csv", "x.ties.csv"]);
    }

    /// Cells that spreadsheets would run as formulas are written with a leading apostrophe, and
    /// read back by Infonet as they were.
    #[test]
    fn csv_cells_never_start_a_formula_and_read_back_unchanged() {
        let mut network = Network::new("f");
        let texts = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+47 22 33 44 55",
            "-minus",
            "@SUM(A1)",
            "'quoted",
            "'=already escaped",
            "plain",
        ];
        for (i, text) in texts.iter().enumerate() {
            let mut person = crate::model::Person::new(*text);
            person.name = format!("{text} {i}");
            person.attributes.insert("note".into(), (*text).to_owned());
            network.add_person(person).ok();
        }
        let ids: Vec<PersonId> = network.person_ids().collect();
        for pair in ids.windows(2) {
            if let [a, b] = pair {
                let tie = crate::model::Tie { declared_kind: None, weight: 1.0, undirected: false };
                network.add_tie(*a, *b, tie).ok();
            }
        }
        let mut tab = String::new();
        csv_field("\tTab", &mut tab);
        assert_eq!(tab, "'\tTab");
        let people = people_csv(&network);
        let ties = ties_csv(&network);
        for line in people.lines().chain(ties.lines()).skip(1) {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t']), "{cell:?} in {line:?}");
            }
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let written = export(&network, &dir.path().join("f.csv"), None).expect("writes");
        let back = crate::io::load(written.first().expect("people")).expect("reads back").network;
        for (_, p) in network.people() {
            let q =
                back.person(back.find(&p.key).unwrap_or_else(|| panic!("key {:?}", p.key))).expect("person");
            assert_eq!((&q.name, q.attributes.get("note")), (&p.name, p.attributes.get("note")));
        }
        assert_eq!(back.tie_count(), network.tie_count());
    }

    /// Found by the `write_read` fuzz target: a name full of control characters made the
    /// written CSV read as binary data.
    #[test]
    fn a_name_of_control_characters_reads_back_from_csv() {
        let mut network = Network::new("c");
        let name = format!("K{}x", "\u{e}".repeat(12));
        let mut a = crate::model::Person::new("a");
        a.name.clone_from(&name);
        let (Ok(a), Ok(b)) = (network.add_person(a), network.add_person(crate::model::Person::new("b")))
        else {
            panic!("two people");
        };
        network.add_tie(a, b, crate::model::Tie { declared_kind: None, weight: 1.0, undirected: false }).ok();
        let dir = tempfile::tempdir().expect("tempdir");
        let written = export(&network, &dir.path().join("c.csv"), None).expect("writes");
        let back = crate::io::load(written.first().expect("people")).expect("reads back").network;
        assert_eq!(back.find("a").and_then(|id| back.person(id)).map(|p| p.name.clone()), Some(name));
    }

    /// Found by the `write_read` fuzz target: ids that differ only in control characters became
    /// one person in GraphML and GEXF (both written as U+FFFD); now the export says so.
    #[test]
    fn xml_exports_refuse_ids_that_would_merge() {
        let mut network = Network::new("x");
        for key in ["a\u{1}", "a\u{FFFD}", "b"] {
            network.add_person(crate::model::Person::new(key)).ok();
        }
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["x.graphml", "x.gexf"] {
            let error = export(&network, &dir.path().join(name), None).expect_err("would merge");
            assert!(error.to_string().contains("differ only in control characters"), "{error}");
        }
        assert!(export(&network, &dir.path().join("x.json"), None).is_ok());
        assert_eq!(folder_listing(dir.path()), ["x.json"]);
    }

    #[test]
    fn csv_pair_names() {
        let (p, t) = csv_pair_paths(Path::new("/x/fjellvik.csv"));
        assert_eq!(p, Path::new("/x/fjellvik.people.csv"));
        assert_eq!(t, Path::new("/x/fjellvik.ties.csv"));
        let (p, _) = csv_pair_paths(Path::new("/x/fjellvik.people.csv"));
        assert_eq!(p, Path::new("/x/fjellvik.people.csv"));
    }
}
