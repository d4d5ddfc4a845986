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
        if self.device.len() > 64 || !self.device.bytes().all(|b| b.is_ascii_alphanumeric()) {
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
        let mut config = match std::fs::read_to_string(&config_path) {
            Ok(text) => {
                let mut saved: SurveyConfig =
                    serde_json::from_str(&text).map_err(|e| SurveyError::Config {
                        path: config_path.clone(),
                        line: e.line(),
                        column: e.column(),
                        message: e.to_string(),
                    })?;
                if !config.roster.is_empty() {
                    saved.roster = config.roster;
                }
                saved
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => config,
            Err(err) => return Err(SurveyError::Io { path: config_path, source: err }),
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
        let mut answers = BTreeMap::new();
        let mut next_order = 0;
        let mut recovered = 0;
        // Bytes, not text: a crash may cut a line inside a letter (æ is two bytes), and that
        // line must not cost the others.
        let bytes = match std::fs::read(&journal_path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(SurveyError::Io { path: journal_path, source: err }),
        };
        let torn = bytes.last().is_some_and(|b| *b != b'\n');
        {
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
        }
        let mut journal = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal_path)
            .map_err(io(&journal_path))?;
        let mut journal_len = bytes.len() as u64;
        drop(bytes);
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
        let mut rows: Vec<&(usize, Answer)> = self.answers.values().collect();
        rows.sort_by_key(|(order, _)| *order);
        rows.into_iter().map(|(_, a)| a).collect()
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
        // The file's name is the network's name when it is opened, so it keeps the title as
        // typed, less what no file system allows.
        let stem: String = self
            .config
            .title
            .chars()
            .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
            .collect();
        let stem = stem.trim().trim_start_matches('.');
        let stem = if stem.is_empty() { "Live survey" } else { stem };
        self.dir.join(format!("{stem}.csv"))
    }

    /// The answers as a survey table: one row per participant (first answers first).
    pub fn table(&self) -> String {
        let k = self.answers.values().map(|(_, a)| a.named.len()).max().unwrap_or(0).max(1);
        let mut out = String::from("name,sector,tenure,age");
        for i in 1..=k {
            out.push_str(&format!(",named_{i}"));
        }
        out.push('\n');
        for a in self.answers() {
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
        let mut cell = String::new();
        crate::io::export::csv_field("=HYPERLINK(\"x\")", &mut cell);
        assert_eq!(cell, "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
