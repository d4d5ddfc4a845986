//! Live collection in the room, without egui: a survey the room answers on their phones,
//! kept in an append-only journal so that no accepted answer is ever lost, and written as a
//! survey table (one row per respondent, `named_1`, `named_2`, ...) that the survey import reads
//! like any other (name matching, near-miss suggestions, never merged silently).
//!
//! Files in the survey's folder:
//! - `survey.json`: the question, how many may be named, the background questions and the join
//!   token, so that starting the same survey again keeps its address and its answers;
//! - `answers.jsonl`: one JSON line per accepted answer, flushed to disk before the reply; a
//!   participant's later answer replaces their earlier one (same device token). Answers that
//!   arrive together are appended and flushed together (group commit: one flush for a batch);
//! - `<title>.csv`: the current answers as a survey table, rewritten atomically after a batch
//!   of answers, at most a few times a second, and when the survey stops (`infonet stats DIR`
//!   reads it).
//!
//! The HTTP side is in [`server`]; the page it serves in [`page`].

pub mod load;
pub mod page;
pub mod server;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Longest name a participant may type, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Most people one participant may name.
pub const MAX_NAMED_LIMIT: usize = 20;

/// The study's question.
pub const DEFAULT_QUESTION: &str =
    "Who are your most important sources of information about local development?";

/// What the survey asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyConfig {
    /// The title (the network's name).
    pub title: String,
    /// The question above the names.
    pub question: String,
    /// How many people each participant may name.
    pub max_named: usize,
    /// Ask for the sector (public, private, other).
    pub ask_sector: bool,
    /// Ask for the years in the municipality.
    pub ask_tenure: bool,
    /// Ask for the age band.
    pub ask_age: bool,
    /// Names offered as type-ahead.
    pub roster: Vec<String>,
    /// The secret part of the join address.
    pub token: String,
    /// Page language: "en" or "nb".
    pub lang: String,
}

impl Default for SurveyConfig {
    fn default() -> Self {
        Self {
            title: "Live survey".to_owned(),
            question: DEFAULT_QUESTION.to_owned(),
            max_named: 5,
            ask_sector: true,
            ask_tenure: true,
            ask_age: true,
            roster: Vec::new(),
            token: String::new(),
            lang: "en".to_owned(),
        }
    }
}

/// One participant's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The participant's device (a random token in a cookie or a hidden field).
    pub device: String,
    /// Who they are.
    pub name: String,
    /// `public`, `private`, `other` or empty.
    #[serde(default)]
    pub sector: String,
    /// `<4`, `4-9`, `10+` or empty.
    #[serde(default)]
    pub tenure: String,
    /// `<30`, `30-40`, `>40` or empty.
    #[serde(default)]
    pub age: String,
    /// Whom they named, in order.
    pub named: Vec<String>,
}

/// Why an answer was refused (shown on the page).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// No name.
    #[error("Please write your name.")]
    NoName,
    /// A name too long.
    #[error("A name may have at most {MAX_NAME_CHARS} characters.")]
    TooLong,
    /// Too many named.
    #[error("You may name at most {0} people.")]
    TooMany(usize),
    /// A value not offered.
    #[error("{0} is not one of the choices.")]
    BadChoice(String),
}

impl Answer {
    /// Checks lengths and choices; trims names and drops blank ones.
    pub fn validated(mut self, max_named: usize) -> Result<Self, AnswerError> {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        self.name = clean(&self.name);
        if self.name.is_empty() {
            return Err(AnswerError::NoName);
        }
        self.named = self.named.iter().map(|n| clean(n)).filter(|n| !n.is_empty()).collect();
        if self.name.chars().count() > MAX_NAME_CHARS
            || self.named.iter().any(|n| n.chars().count() > MAX_NAME_CHARS)
        {
            return Err(AnswerError::TooLong);
        }
        if self.named.len() > max_named {
            return Err(AnswerError::TooMany(max_named));
        }
        for (value, allowed) in [
            (&self.sector, &["", "public", "private", "other"][..]),
            (&self.tenure, &["", "<4", "4-9", "10+"][..]),
            (&self.age, &["", "<30", "30-40", ">40"][..]),
        ] {
            if !allowed.contains(&value.as_str()) {
                return Err(AnswerError::BadChoice(value.chars().take(20).collect()));
            }
        }
        // No device (a tool posting without one) is a new participant, not one shared slot.
        if self.device.is_empty()
            || self.device.len() > 64
            || !self.device.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            self.device = new_token();
        }
        Ok(self)
    }
}

/// A random, unguessable token (128 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness (should not happen): the clock and the process id instead.
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        bytes = (nanos ^ (u128::from(std::process::id()) << 64)).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The dark modules of a QR code for `text`, row by row, and the side length (`None` when the
/// text is too long for a QR code).
pub fn qr_modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    Some((width, code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()))
}

/// This computer's network addresses to listen on, the ones phones can reach first (IPv4
/// on a network interface), this machine only (loopback) last: (interface name, address).
pub fn interfaces() -> Vec<(String, std::net::IpAddr)> {
    let mut found: Vec<(String, std::net::IpAddr)> = if_addrs::get_if_addrs()
        .map(|list| list.into_iter().map(|i| (i.name.clone(), i.ip())).collect())
        .unwrap_or_default();
    found.sort_by_key(|(_, ip)| (ip.is_loopback(), ip.is_ipv6()));
    if !found.iter().any(|(_, ip)| ip.is_loopback()) {
        found.push(("loopback".to_owned(), std::net::IpAddr::from([127, 0, 0, 1])));
    }
    found
}

/// One address of this computer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostAddress {
    /// The network interface's name (`wlan0`, `en0`, `Wi-Fi`).
    pub interface: String,
    /// The address.
    pub ip: std::net::IpAddr,
    /// The interface is up (`Some(false)`: down; `None`: the system does not say).
    pub up: Option<bool>,
}

/// This computer's addresses, as the system lists them.
pub fn host_addresses() -> Vec<HostAddress> {
    if_addrs::get_if_addrs()
        .map(|list| {
            list.into_iter()
                .map(|i| HostAddress {
                    up: match i.oper_status {
                        if_addrs::IfOperStatus::Up => Some(true),
                        if_addrs::IfOperStatus::Down
                        | if_addrs::IfOperStatus::LowerLayerDown
                        | if_addrs::IfOperStatus::NotPresent => Some(false),
                        _ => None,
                    },
                    ip: i.ip(),
                    interface: i.name,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Interfaces of virtual machines, containers and VPNs: phones in the room cannot reach them.
const VIRTUAL_INTERFACES: &[&str] = &[
    "docker",
    "br-",
    "veth",
    "virbr",
    "vboxnet",
    "vmnet",
    "vethernet",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "tun",
    "tap",
    "utun",
    "wg",
    "zt",
    "tailscale",
];

/// The addresses the room's phones can open for a server listening on the unspecified address
/// `listen` (0.0.0.0, or :: which takes IPv4 too except on Windows), best first: a private IPv4
/// address (192.168.x.x, 10.x.x.x, 172.16-31.x.x) of an interface that is up before any other,
/// then other IPv4 addresses, then IPv6; interfaces that are down or virtual (containers, VPNs)
/// after the others. Loopback and link-local addresses are left out (no phone reaches them).
pub fn reachable_addresses(listen: std::net::IpAddr, found: &[HostAddress]) -> Vec<std::net::IpAddr> {
    use std::net::IpAddr;
    let takes_v4 = listen.is_ipv4() || !cfg!(windows);
    let takes_v6 = listen.is_ipv6();
    let mut ranked: Vec<((u8, bool, u8), usize, IpAddr)> = found
        .iter()
        .enumerate()
        .filter_map(|(order, a)| {
            let kind = match a.ip {
                IpAddr::V4(v4)
                    if takes_v4 && !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() =>
                {
                    u8::from(!v4.is_private())
                }
                // fe80::/10 needs a zone a phone's browser cannot type.
                IpAddr::V6(v6)
                    if takes_v6
                        && !v6.is_loopback()
                        && !v6.is_unspecified()
                        && (v6.segments()[0] & 0xffc0) != 0xfe80 =>
                {
                    2
                }
                _ => return None,
            };
            let name = a.interface.to_lowercase();
            let virtual_ = VIRTUAL_INTERFACES.iter().any(|v| name.starts_with(v));
            let down = match a.up {
                Some(true) => 0,
                None => 1,
                Some(false) => 2,
            };
            Some(((down, virtual_, kind), order, a.ip))
        })
        .collect();
    ranked.sort();
    let mut out: Vec<IpAddr> = Vec::with_capacity(ranked.len());
    for (_, _, ip) in ranked {
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    out
}

/// The join address of a survey listening on `local` (its port chosen), for each address the
/// phones can open, best first: `local`'s own address, or for 0.0.0.0 and :: the addresses of
/// [`reachable_addresses`] (this machine's loopback when there is none).
pub fn join_urls(local: std::net::SocketAddr, token: &str, found: &[HostAddress]) -> Vec<String> {
    let ip = local.ip();
    let mut ips = if ip.is_unspecified() { reachable_addresses(ip, found) } else { vec![ip] };
    if ips.is_empty() {
        ips.push(if ip.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    ips.into_iter()
        .map(|ip| format!("http://{}/s/{token}/", std::net::SocketAddr::new(ip, local.port())))
        .collect()
}

/// Most distinct names [`near_misses`] compares (answers and roster together); beyond it the
/// suggestions are skipped. A 2,000-name roster of look-alikes (40 first names x 50 surnames)
/// with 200 answers takes 0.1 s in a release build; the live survey works near misses out on a
/// thread of its own, at most once a second.
pub const MAX_NEAR_MISS_NAMES: usize = 20_000;

/// Two spellings in a survey's answers that may be one person: suggested to the facilitator
/// for merging, never merged silently. Spellings that differ only in case, spacing or accents
/// ("Åse Bråten", "ase braten") are already one person and never appear here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NearMiss {
    /// The likelier spelling, to merge into: the roster's, else the one written more often,
    /// else the one written first.
    pub keep: String,
    /// The other spelling.
    pub merge: String,
    /// How often `keep` was written (as a participant's own name or as someone named).
    pub keep_count: usize,
    /// How often `merge` was written.
    pub merge_count: usize,
    /// `keep` is a roster name.
    pub on_roster: bool,
    /// Edits between the two (folded) spellings.
    pub distance: usize,
    /// Which rule found them: `Spelling` (a typo's distance) or `Subset` (one's words are some
    /// of the other's: "Kari Nordmann", "Kari B. Nordmann").
    pub reason: crate::io::survey::Similarity,
}

/// The near misses among the names in `answers` (participants' own names and the people they
/// named) and the `roster`, by the survey import's rules ([`crate::io::survey::similar_names`])
/// on the folded names (case, spacing and accents ignored): at most 2 edits when the shorter
/// has 8 or more characters, at most 1 when shorter, or one's words a subset of the other's.
/// Two roster names are never suggested (the roster is the facilitator's own list), nor a
/// roster name no one wrote with another. Order: the spellings in the order first written.
pub fn near_misses(answers: &[&Answer], roster: &[String]) -> Vec<NearMiss> {
    // One entry per folded name: the spelling shown, how often written, on the roster.
    struct Spelling {
        shown: String,
        count: usize,
        on_roster: bool,
    }
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut add = |name: &str, written: bool| {
        let key = crate::io::survey::match_key(name);
        if key.is_empty() {
            return;
        }
        let at = *index.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            spellings.push(Spelling { shown: name.trim().to_owned(), count: 0, on_roster: false });
            spellings.len() - 1
        });
        if let Some(s) = spellings.get_mut(at) {
            if written {
                s.count += 1;
            } else if !s.on_roster {
                s.on_roster = true;
                // The roster's spelling is the one to show.
                name.trim().clone_into(&mut s.shown);
            }
        }
    };
    for answer in answers {
        add(&answer.name, true);
        for named in &answer.named {
            add(named, true);
        }
    }
    for name in roster {
        add(name, false);
    }
    if keys.len() > MAX_NEAR_MISS_NAMES {
        log::warn!("{} names: too many to suggest near misses (at most {MAX_NEAR_MISS_NAMES})", keys.len());
        return Vec::new();
    }
    crate::io::survey::similar_names(&keys)
        .into_iter()
        .filter_map(|pair| {
            let (a, b) = (spellings.get(pair.a)?, spellings.get(pair.b)?);
            if a.on_roster && b.on_roster {
                return None;
            }
            // The roster's spelling wins, then the one written more often, then the first.
            let a_first = (a.on_roster, a.count) >= (b.on_roster, b.count);
            let (keep, merge) = if a_first { (a, b) } else { (b, a) };
            if merge.count == 0 {
                return None;
            }
            Some(NearMiss {
                keep: keep.shown.clone(),
                merge: merge.shown.clone(),
                keep_count: keep.count,
                merge_count: merge.count,
                on_roster: keep.on_roster,
                distance: pair.distance,
                reason: pair.reason,
            })
        })
        .collect()
}

/// What a survey's folder holds, read without writing anything.
struct Stored {
    config: Option<SurveyConfig>,
    /// The latest answer of each device, with the order devices first answered.
    answers: BTreeMap<String, (usize, Answer)>,
    next_order: usize,
    /// Journal lines read back.
    recovered: usize,
    /// The journal's length in bytes.
    len: u64,
    /// The journal ends inside a line (cut by a crash).
    torn: bool,
}

fn read_stored(dir: &Path) -> Result<Stored, SurveyError> {
    let config_path = dir.join("survey.json");
    let config = match std::fs::read_to_string(&config_path) {
        Ok(text) => Some(serde_json::from_str::<SurveyConfig>(&text).map_err(|e| SurveyError::Config {
            path: config_path.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(SurveyError::Io { path: config_path, source: err }),
    };
    let journal_path = dir.join("answers.jsonl");
    // Bytes, not text: a crash may cut a line inside a letter (æ is two bytes), and that line
    // must not cost the others.
    let bytes = match std::fs::read(&journal_path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => return Err(SurveyError::Io { path: journal_path, source: err }),
    };
    let mut answers: BTreeMap<String, (usize, Answer)> = BTreeMap::new();
    let (mut next_order, mut recovered) = (0, 0);
    // A line cut by a crash mid-write is not an accepted answer (its reply was never sent).
    for line in bytes.split(|b| *b == b'\n').filter(|l| !l.trim_ascii().is_empty()) {
        if let Ok(answer) = serde_json::from_slice::<Answer>(line) {
            recovered += 1;
            let order = answers.get(&answer.device).map_or_else(
                || {
                    next_order += 1;
                    next_order - 1
                },
                |(o, _)| *o,
            );
            answers.insert(answer.device.clone(), (order, answer));
        }
    }
    Ok(Stored {
        config,
        answers,
        next_order,
        recovered,
        len: bytes.len() as u64,
        torn: bytes.last().is_some_and(|b| *b != b'\n'),
    })
}

/// The answers in first-answered order.
fn in_order(answers: &BTreeMap<String, (usize, Answer)>) -> Vec<&Answer> {
    let mut rows: Vec<&(usize, Answer)> = answers.values().collect();
    rows.sort_by_key(|(order, _)| *order);
    rows.into_iter().map(|(_, a)| a).collect()
}

/// The answers as a survey table: one row per participant.
fn table_of(answers: &[&Answer]) -> String {
    let k = answers.iter().map(|a| a.named.len()).max().unwrap_or(0).max(1);
    let mut out = String::from("name,sector,tenure,age");
    for i in 1..=k {
        out.push_str(&format!(",named_{i}"));
    }
    out.push('\n');
    for a in answers {
        let mut cells = vec![a.name.clone(), a.sector.clone(), a.tenure.clone(), a.age.clone()];
        cells.extend(a.named.iter().cloned());
        cells.resize(4 + k, String::new());
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::io::export::csv_field(cell, &mut out);
        }
        out.push('\n');
    }
    out
}

/// Where a survey titled `title` writes its table in `dir`.
fn table_path_in(dir: &Path, title: &str) -> PathBuf {
    // The file's name is the network's name when it is opened, so it keeps the title as typed,
    // less what no file system allows.
    let stem: String =
        title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let stem = stem.trim().trim_start_matches('.');
    let stem = if stem.is_empty() { "Live survey" } else { stem };
    dir.join(format!("{stem}.csv"))
}

/// Whether `dir` is a survey's folder (it has `survey.json`).
pub fn is_survey_folder(dir: &Path) -> bool {
    dir.join("survey.json").is_file()
}

/// What a survey's folder has collected, read without writing anything (`infonet stats DIR`):
/// from the journal, so it is complete even when the survey table trails it (a crash).
pub struct Collected {
    /// What was asked.
    pub config: SurveyConfig,
    /// Every participant's current answer, first answers first.
    pub answers: Vec<Answer>,
    /// Where the survey table is (or will be) written.
    pub table_path: PathBuf,
}

impl Collected {
    /// Reads the survey in `dir`.
    pub fn read(dir: &Path) -> Result<Self, SurveyError> {
        let stored = read_stored(dir)?;
        let Some(config) = stored.config else {
            return Err(SurveyError::Io {
                path: dir.join("survey.json"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a survey's folder"),
            });
        };
        let answers = in_order(&stored.answers).into_iter().cloned().collect();
        Ok(Self { table_path: table_path_in(dir, &config.title), config, answers })
    }

    /// The answers as the survey table.
    pub fn table(&self) -> String {
        table_of(&self.answers.iter().collect::<Vec<_>>())
    }

    /// The collected network: the survey table read as any survey export is.
    pub fn network(&self, options: &crate::io::open::LoadOptions) -> Result<crate::io::Loaded, String> {
        let file = self.table_path.display().to_string();
        let mut survey = crate::io::survey::parse_survey(self.table().as_bytes())
            .map_err(|e| format!("{file}:{e}"))?
            .with_file(&file);
        self.config.title.clone_into(&mut survey.name);
        let (network, report, duplicates) = crate::io::survey::build_survey(&survey, &options.merges);
        Ok(crate::io::Loaded {
            network,
            report,
            files: vec![self.table_path.clone()],
            format: Some(crate::io::open::Format::Survey),
            duplicates,
            ..crate::io::Loaded::default()
        })
    }

    /// Spellings that may be one person ([`near_misses`]).
    pub fn near_misses(&self) -> Vec<NearMiss> {
        near_misses(&self.answers.iter().collect::<Vec<_>>(), &self.config.roster)
    }
}

/// A running survey's answers and files.
pub struct Survey {
    /// What is asked.
    pub config: SurveyConfig,
    dir: PathBuf,
    journal: std::fs::File,
    /// The journal's length after its last complete line (a failed append is cut back to it).
    journal_len: u64,
    /// The latest answer of each device, in the order devices first answered.
    answers: BTreeMap<String, (usize, Answer)>,
    next_order: usize,
}

/// Why a survey could not start.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    /// The folder or a file in it.
    #[error("{}: {source}", path.display())]
    Io {
        /// Which file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// `survey.json` is not a survey.
    #[error("{}:{line}:{column}: {message} (move the folder's survey.json away to start a new survey)", path.display())]
    Config {
        /// The file.
        path: PathBuf,
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl Survey {
    /// Opens (or starts) the survey in `dir`: an existing `survey.json` keeps its token and
    /// questions (so the same join address works again), and every answer in the journal is
    /// read back. `config` is used for a new survey, and its roster always.
    pub fn open(dir: &Path, config: SurveyConfig) -> Result<(Self, usize), SurveyError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| SurveyError::Io { path, source }
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let config_path = dir.join("survey.json");
        let stored = read_stored(dir)?;
        let mut config = match stored.config {
            Some(mut saved) => {
                if !config.roster.is_empty() {
                    saved.roster = config.roster;
                }
                saved
            }
            None => config,
        };
        if config.token.len() < 16 {
            config.token = new_token();
        }
        config.max_named = config.max_named.clamp(1, MAX_NAMED_LIMIT);
        let text = serde_json::to_string_pretty(&config).unwrap_or_default();
        crate::io::export::write_atomic(&config_path, text.as_bytes()).map_err(|e| SurveyError::Io {
            path: config_path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let journal_path = dir.join("answers.jsonl");
        let Stored { answers, next_order, recovered, len, torn, .. } = stored;
        let mut journal = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal_path)
            .map_err(io(&journal_path))?;
        let mut journal_len = len;
        if torn {
            // A line cut by a crash: end it, or the next answer would be glued to it and lost.
            journal.write_all(b"\n").and_then(|()| journal.sync_data()).map_err(io(&journal_path))?;
            journal_len += 1;
        }
        let survey = Self { config, dir: dir.to_owned(), journal, journal_len, answers, next_order };
        survey.write_table().map_err(io(&survey.table_path()))?;
        Ok((survey, recovered))
    }

    /// Accepts an answer: appended to the journal and flushed to disk, then the survey table is
    /// rewritten. Returns whether it replaced the device's earlier answer.
    pub fn accept(&mut self, answer: &Answer) -> std::io::Result<bool> {
        let replaced = self.append(std::slice::from_ref(answer))?;
        self.write_table()?;
        Ok(replaced.first().copied().unwrap_or(false))
    }

    /// Appends answers to the journal with one flush to disk for all of them (group commit),
    /// then takes them in. Returns, for each, whether it replaced its device's earlier answer.
    /// On an error none is taken and the journal is cut back to its last complete line.
    pub fn append(&mut self, answers: &[Answer]) -> std::io::Result<Vec<bool>> {
        let mut lines = String::new();
        for answer in answers {
            lines.push_str(&serde_json::to_string(answer).map_err(std::io::Error::other)?);
            lines.push('\n');
        }
        let written = self.journal.write_all(lines.as_bytes()).and_then(|()| self.journal.sync_data());
        if let Err(err) = written {
            // Best effort: a half-written batch must not glue itself to the next answer.
            self.journal.set_len(self.journal_len).ok();
            return Err(err);
        }
        self.journal_len += lines.len() as u64;
        Ok(answers
            .iter()
            .map(|answer| {
                let earlier = self.answers.get(&answer.device).map(|(o, _)| *o);
                let order = earlier.unwrap_or_else(|| {
                    self.next_order += 1;
                    self.next_order - 1
                });
                self.answers.insert(answer.device.clone(), (order, answer.clone()));
                earlier.is_some()
            })
            .collect())
    }

    /// Every participant's current answer, first answers first.
    pub fn answers(&self) -> Vec<&Answer> {
        in_order(&self.answers)
    }

    /// The device's current answer, if it has one.
    pub fn answer_of(&self, device: &str) -> Option<&Answer> {
        self.answers.get(device).map(|(_, a)| a)
    }

    /// How many participants have answered.
    pub fn count(&self) -> usize {
        self.answers.len()
    }

    /// Where the survey table is written.
    pub fn table_path(&self) -> PathBuf {
        table_path_in(&self.dir, &self.config.title)
    }

    /// The answers as a survey table: one row per participant (first answers first).
    pub fn table(&self) -> String {
        table_of(&self.answers())
    }

    /// Spellings in the answers that may be one person ([`near_misses`]).
    pub fn near_misses(&self) -> Vec<NearMiss> {
        near_misses(&self.answers(), &self.config.roster)
    }

    /// Rewrites the survey table (atomically) with the current answers.
    pub fn write_table(&self) -> std::io::Result<()> {
        crate::io::export::write_atomic(&self.table_path(), self.table().as_bytes())
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(device: &str, name: &str, named: &[&str]) -> Answer {
        Answer {
            device: device.to_owned(),
            name: name.to_owned(),
            sector: "public".to_owned(),
            tenure: "10+".to_owned(),
            age: ">40".to_owned(),
            named: named.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn answers_survive_a_restart_and_a_correction_replaces_the_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut s, recovered) = Survey::open(dir.path(), SurveyConfig::default()).expect("opens");
        assert_eq!(recovered, 0);
        let token = s.config.token.clone();
        assert_eq!(token.len(), 32);
        s.accept(&answer("aa", "Kari Nordmann", &["Ola Dahl"])).expect("accepted");
        s.accept(&answer("bb", "Ola Dahl", &["Kari Nordmann", "Åse Bråten"])).expect("accepted");
        assert!(s.accept(&answer("aa", "Kari Nordmann", &["Åse Bråten"])).expect("accepted"), "a correction");
        drop(s);
        let (s, recovered) = Survey::open(dir.path(), SurveyConfig::default()).expect("reopens");
        assert_eq!(recovered, 3, "every journal line is read back");
        assert_eq!(s.count(), 2);
        assert_eq!(s.config.token, token, "the same join address");
        assert_eq!(s.answer_of("aa").map(|a| a.named.clone()), Some(vec!["Åse Bråten".to_owned()]));
        let table = std::fs::read_to_string(s.table_path()).expect("table");
        assert_eq!(
            table,
            "name,sector,tenure,age,named_1,named_2\nKari Nordmann,public,10+,>40,Åse Bråten,\nOla Dahl,public,10+,>40,Kari Nordmann,Åse Bråten\n"
        );
    }

    #[test]
    fn a_line_cut_by_a_crash_is_not_an_answer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut s, _) = Survey::open(dir.path(), SurveyConfig::default()).expect("opens");
        s.accept(&answer("aa", "Kari", &["Ola"])).expect("accepted");
        drop(s);
        let mut journal =
            std::fs::OpenOptions::new().append(true).open(dir.path().join("answers.jsonl")).expect("journal");
        // Cut inside "å" (two bytes in UTF-8).
        journal.write_all(&"{\"device\":\"bb\",\"name\":\"Bå".as_bytes()[..25]).expect("torn write");
        drop(journal);
        let (mut s, recovered) = Survey::open(dir.path(), SurveyConfig::default()).expect("reopens");
        assert_eq!((recovered, s.count()), (1, 1));
        // The next answers start on a line of their own: not glued to the torn one and lost.
        assert_eq!(
            s.append(&[answer("cc", "Siv", &["Kari"]), answer("aa", "Kari", &["Siv"])]).expect("appended"),
            [false, true]
        );
        drop(s);
        let (s, recovered) = Survey::open(dir.path(), SurveyConfig::default()).expect("reopens");
        assert_eq!((recovered, s.count()), (3, 2));
        assert_eq!(s.answer_of("aa").map(|a| a.named.clone()), Some(vec!["Siv".to_owned()]));
        let names: Vec<&str> = s.answers().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Kari", "Siv"], "first answers first");
    }

    #[test]
    fn a_join_address_makes_a_square_qr_code() {
        let (side, modules) =
            qr_modules("http://192.168.1.20:8080/s/0123456789abcdef0123456789abcdef/").expect("fits");
        assert_eq!(modules.len(), side * side);
        assert!(side >= 21 && (side - 17) % 4 == 0, "a QR version's side: {side}");
        // The finder pattern's corner module is dark.
        assert!(modules[0] && modules[side - 1] && modules[side * (side - 1)]);
        assert!(interfaces().iter().any(|(_, ip)| ip.is_loopback()), "this machine is always offered");
    }

    #[test]
    fn near_misses_are_suggested_never_merged() {
        use crate::io::survey::Similarity;
        let roster: Vec<String> =
            ["Kari Nordmann", "Ola Hansen", "Ole Hansen", "Åse Bråten"].map(str::to_owned).to_vec();
        let answers = [
            answer("a", "Kari Nordman", &["ase  braten", "Ola Hansen", "Jon Gjerde"]),
            answer("b", "Ole Hansen", &["Jon Gjærde", "Kari B. Nordmann"]),
            answer("c", "Siv Lie", &["Siv Li", "Per"]),
        ];
        let near = near_misses(&answers.iter().collect::<Vec<_>>(), &roster);
        let found: Vec<(&str, &str, usize, usize, bool, usize, Similarity)> = near
            .iter()
            .map(|n| {
                (
                    n.keep.as_str(),
                    n.merge.as_str(),
                    n.keep_count,
                    n.merge_count,
                    n.on_roster,
                    n.distance,
                    n.reason,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Kari Nordmann", "Kari Nordman", 0, 1, true, 1, Similarity::Spelling),
                ("Kari Nordmann", "Kari B. Nordmann", 0, 1, true, 3, Similarity::Subset),
                ("Siv Lie", "Siv Li", 1, 1, false, 1, Similarity::Spelling),
            ]
        );
        // Not suggested: "ase braten" and "Jon Gjerde" are one person with "Åse Bråten" and
        // "Jon Gjærde" already (case, spacing, accents); "Ola Hansen" and "Ole Hansen" are both
        // on the roster; "Per" is like no one.
        assert!(near_misses(&[], &roster).is_empty(), "the roster alone suggests nothing");
    }

    #[test]
    fn two_thousand_names_are_compared_and_typos_found() {
        // 2,000 roster names (40 first names x 50 surnames) and 200 answers, some with typos.
        let first: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "{}{}",
                    ["Kar", "Ol", "Sig", "Ingr", "Bjør"][i % 5],
                    "abcdefgh".chars().nth(i / 5).unwrap_or('x')
                )
            })
            .collect();
        let last: Vec<String> = (0..50)
            .map(|i| {
                format!(
                    "{}{}sen",
                    ["Hans", "Johan", "Ol", "Lar", "Niel"][i % 5],
                    ["d", "m", "r", "v", "k", "t", "p", "g", "b", "s"][i / 5]
                )
            })
            .collect();
        let roster: Vec<String> =
            first.iter().flat_map(|f| last.iter().map(move |l| format!("{f} {l}"))).collect();
        assert_eq!(roster.len(), 2_000);
        let mut answers = Vec::new();
        for i in 0..200 {
            let pick = |k: usize| roster.get((i * 37 + k * 101) % roster.len()).cloned().unwrap_or_default();
            let mut named = vec![pick(1), pick(2)];
            if i % 40 == 0 {
                // A typo: the last letter dropped.
                let mut typo = pick(3);
                typo.pop();
                named.push(typo);
            }
            answers.push(Answer { named, ..answer(&format!("d{i}"), &pick(0), &[]) });
        }
        let near = near_misses(&answers.iter().collect::<Vec<_>>(), &roster);
        for i in (0..200).step_by(40) {
            let intended = roster.get((i * 37 + 3 * 101) % roster.len()).cloned().unwrap_or_default();
            let typo = &intended[..intended.len() - 1];
            assert!(
                near.iter().any(|n| n.keep == intended && n.merge == typo && n.on_roster),
                "{typo} -> {intended}: {near:?}"
            );
        }
        // Two roster names are never suggested; two typos may be (both written, neither listed).
        for n in near.iter().filter(|n| !n.on_roster) {
            assert!(!roster.contains(&n.keep) && !roster.contains(&n.merge), "{n:?}");
        }
        assert!(near.iter().all(|n| n.merge_count > 0), "only what someone wrote is suggested");
    }

    fn host(interface: &str, ip: &str, up: Option<bool>) -> HostAddress {
        HostAddress { interface: interface.to_owned(), ip: ip.parse().expect("an address"), up }
    }

    #[test]
    fn phones_are_sent_to_the_laptops_address_on_the_room_network() {
        let found = [
            host("lo", "127.0.0.1", None),
            host("docker0", "172.17.0.1", Some(true)),
            host("tun0", "10.8.0.2", Some(true)),
            host("eth0", "192.0.2.2", Some(true)),
            host("eth1", "10.0.0.9", Some(false)),
            host("wlan0", "fe80::1", Some(true)),
            host("wlan0", "2001:db8::5", Some(true)),
            host("wlan0", "192.168.1.20", Some(true)),
            host("lo", "::1", None),
        ];
        let any4: std::net::IpAddr = "0.0.0.0".parse().expect("ip");
        let ranked: Vec<String> = reachable_addresses(any4, &found).iter().map(ToString::to_string).collect();
        assert_eq!(ranked, ["192.168.1.20", "192.0.2.2", "172.17.0.1", "10.8.0.2", "10.0.0.9"]);
        let any6: std::net::IpAddr = "::".parse().expect("ip");
        let ranked = reachable_addresses(any6, &found);
        assert!(ranked.contains(&"2001:db8::5".parse().expect("ip")));
        assert!(!ranked.iter().any(|ip| ip.is_loopback()), "no loopback, no fe80::");
        assert_eq!(ranked.len(), if cfg!(windows) { 1 } else { 6 });

        let local: std::net::SocketAddr = "0.0.0.0:8080".parse().expect("addr");
        let urls = join_urls(local, "t0k3n", &found);
        assert_eq!(urls.first().map(String::as_str), Some("http://192.168.1.20:8080/s/t0k3n/"));
        assert_eq!(urls.len(), 5);
        let local6: std::net::SocketAddr = "[::]:8080".parse().expect("addr");
        assert!(join_urls(local6, "t", &found).contains(&"http://[2001:db8::5]:8080/s/t/".to_owned()));
        // A chosen address is the address; no network at all leaves this machine.
        let chosen: std::net::SocketAddr = "192.0.2.2:9000".parse().expect("addr");
        assert_eq!(join_urls(chosen, "t", &found), ["http://192.0.2.2:9000/s/t/"]);
        assert_eq!(join_urls(local, "t", &found[..1]), ["http://127.0.0.1:8080/s/t/"]);
    }

    #[test]
    fn answers_are_checked() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(answer("a", "  ", &[]).validated(5), Err(AnswerError::NoName));
        assert_eq!(answer("a", &long, &[]).validated(5), Err(AnswerError::TooLong));
        assert_eq!(answer("a", "Kari", &["a", "b", "c"]).validated(2), Err(AnswerError::TooMany(2)));
        let mut bad = answer("a", "Kari", &[]);
        bad.sector = "kommune".to_owned();
        assert!(matches!(bad.validated(5), Err(AnswerError::BadChoice(_))));
        let ok = answer("a/../x", "  Kari   Nordmann ", &["", " Ola  Dahl "]).validated(5).expect("valid");
        assert_eq!(ok.name, "Kari Nordmann");
        assert_eq!(ok.named, ["Ola Dahl"]);
        assert_eq!(ok.device.len(), 32, "a device token that is not ours is replaced");
        let a = answer("", "Kari", &[]).validated(5).expect("valid");
        let b = answer("", "Ola", &[]).validated(5).expect("valid");
        assert!(a.device.len() == 32 && a.device != b.device, "no device: each its own");
        let mut cell = String::new();
        crate::io::export::csv_field("=HYPERLINK(\"x\")", &mut cell);
        assert_eq!(cell, "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
