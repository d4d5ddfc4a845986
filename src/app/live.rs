//! A live survey in the room: its server (which wakes the app from its own thread after each
//! answer), where the answers go, how many came, and reading the collected network again after
//! each of them (it opens with the first), wherever it is in the project.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use crate::i18n::Lang;
use crate::ui::{LiveView, SurveyDraft};

use super::{Repaint, Wake};

/// How soon to look again when new answers wait for another file's load to finish.
const WAIT_FOR_LOAD: Duration = Duration::from_millis(100);

/// A running survey: its server, where its answers go and how many came.
pub struct LiveSurvey {
    server: crate::collect::server::Server,
    /// The address participants open.
    pub join_url: String,
    /// The question.
    pub question: String,
    /// The survey table, opened as the network once answers come.
    pub table: PathBuf,
    answers: Arc<AtomicUsize>,
    /// Answers accepted since the start, corrections included (each changes the table).
    accepted: Arc<AtomicU64>,
    /// How many of them the table was read after (`None`: not read yet).
    read: Option<u64>,
}

impl LiveSurvey {
    /// Participants who have answered.
    pub fn answers(&self) -> usize {
        self.answers.load(Ordering::Acquire)
    }

    /// Answers came that the table was not read after.
    fn waiting(&self) -> bool {
        self.answers() > 0 && self.read != Some(self.accepted.load(Ordering::Acquire))
    }
}

/// The live survey, while one runs.
#[derive(Default)]
pub struct Live {
    survey: Option<LiveSurvey>,
}

impl Live {
    /// The running survey.
    pub fn survey(&self) -> Option<&LiveSurvey> {
        self.survey.as_ref()
    }

    /// The running survey as the dialog shows it.
    pub fn view(&self, anonymized: bool) -> Option<LiveView<'_>> {
        self.survey.as_ref().map(|l| LiveView {
            join_url: &l.join_url,
            answers: l.answers(),
            table: &l.table,
            near_misses: l.server.status().near_misses,
            anonymized,
        })
    }

    /// Starts the survey of the dialog: opens (or resumes) its folder and serves its page on
    /// the chosen address; `roster` is offered as type-ahead. The server calls `wake` after
    /// each answer, from its own thread.
    pub fn start(
        &mut self,
        draft: &SurveyDraft,
        roster: Option<Vec<String>>,
        lang: Lang,
        wake: Option<Wake>,
    ) -> Result<(), String> {
        let mut config = draft.config.clone();
        config.lang = if lang == Lang::Nb { "nb".into() } else { "en".into() };
        if let Some(roster) = roster {
            config.roster = roster;
        }
        let Ok(ip) = draft.address.trim().parse::<std::net::IpAddr>() else {
            return Err(format!("{}: {}", lang.tr().survey_address, draft.address));
        };
        let listen = std::net::SocketAddr::new(ip, draft.port);
        let (survey, _) = crate::collect::Survey::open(Path::new(draft.folder.trim()), config)
            .map_err(|e| e.to_string())?;
        let table = survey.table_path();
        let question = survey.config.question.clone();
        let answers = Arc::new(AtomicUsize::new(survey.count()));
        let count = Arc::clone(&answers);
        let accepted = Arc::new(AtomicU64::new(0));
        let changes = Arc::clone(&accepted);
        let server = crate::collect::server::Server::start(survey, listen, move |answer| {
            count.store(answer.count, Ordering::Release);
            changes.fetch_add(1, Ordering::AcqRel);
            if let Some(wake) = &wake {
                wake();
            }
        })?;
        let join_url = server.join_url.clone();
        self.survey = Some(LiveSurvey { server, join_url, question, table, answers, accepted, read: None });
        Ok(())
    }

    /// Stops the survey (the collected network stays open): (answers, survey table).
    pub fn stop(&mut self) -> Option<(usize, PathBuf)> {
        let mut live = self.survey.take()?;
        live.server.stop();
        Some((live.answers(), live.table))
    }

    /// The survey table to read now: once answers have come (a resumed survey's too), and
    /// again whenever more came since it was last read. Answers that come while `loading`
    /// (one load at a time) wait for the next look; many answers between two looks are read
    /// once.
    pub fn poll(&mut self, loading: bool) -> Option<PathBuf> {
        let live = self.survey.as_mut()?;
        if loading || !live.waiting() {
            return None;
        }
        live.read = Some(live.accepted.load(Ordering::Acquire));
        Some(live.table.clone())
    }

    /// Whether `path` is the running survey's table.
    pub fn is_table(&self, path: &Path) -> bool {
        self.survey.as_ref().is_some_and(|l| l.table == path)
    }

    /// When the next frame is needed: soon while answers wait for another load to finish
    /// (the server wakes the app for each answer; the end of a load may not).
    pub fn wake(&self) -> Repaint {
        if self.survey.as_ref().is_some_and(LiveSurvey::waiting) {
            Repaint::After(WAIT_FOR_LOAD)
        } else {
            Repaint::Idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(folder: &Path, address: &str) -> SurveyDraft {
        SurveyDraft {
            config: crate::collect::SurveyConfig { title: "Workshop".into(), ..Default::default() },
            roster_from_network: false,
            address: address.into(),
            port: 0,
            folder: folder.display().to_string(),
        }
    }

    #[test]
    fn a_survey_serves_until_stopped_and_opens_nothing_before_an_answer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut live = Live::default();
        live.start(&draft(dir.path(), "127.0.0.1"), None, Lang::En, None).expect("it starts");
        let view = live.view(false).expect("running");
        assert!(view.join_url.starts_with("http://127.0.0.1:"), "{}", view.join_url);
        assert_eq!(view.answers, 0);
        assert_eq!(live.poll(false), None, "no answers yet");
        assert_eq!(live.wake(), Repaint::Idle);
        let (answers, table) = live.stop().expect("it was running");
        assert_eq!(answers, 0);
        assert!(table.starts_with(dir.path()));
        assert!(live.survey().is_none());
    }

    /// Posts a form to the join address (a test client).
    fn post(join_url: &str, body: &str) -> String {
        use std::io::{Read as _, Write as _};
        let rest = join_url.strip_prefix("http://").expect("http");
        let (addr, path) = rest.split_at(rest.find('/').expect("a path"));
        let mut stream = std::net::TcpStream::connect(addr).expect("it listens");
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("sent");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).ok();
        reply
    }

    /// Waits (bounded) until the server has told the survey of `n` answers: the reply goes
    /// out once an answer is in the journal, the table (and the news) follow within the
    /// table's interval.
    fn wait_for(live: &Live, n: u64) {
        for _ in 0..500 {
            if live.survey().is_some_and(|l| l.accepted.load(Ordering::Acquire) >= n) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the server did not report {n} answers");
    }

    #[test]
    fn every_answer_asks_for_the_table_once_and_waits_for_a_running_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut live = Live::default();
        live.start(&draft(dir.path(), "127.0.0.1"), None, Lang::En, None).expect("it starts");
        let url = live.view(false).expect("running").join_url.to_owned();
        assert!(post(&url, "name=Kari&named=Ola&device=d0").starts_with("HTTP/1.1 200"));
        wait_for(&live, 1);
        let table = live.survey().expect("running").table.clone();
        assert_eq!(live.poll(true), None, "another file loads: the answer waits");
        assert_eq!(live.wake(), Repaint::After(WAIT_FOR_LOAD), "and looks again soon");
        assert_eq!(live.poll(false), Some(table.clone()), "the first answer opens it");
        assert_eq!(live.poll(false), None, "read once");
        assert_eq!(live.wake(), Repaint::Idle);
        // A new answer and its correction between two looks: read once.
        assert!(post(&url, "name=Per&named=Ola&device=d1").starts_with("HTTP/1.1 200"));
        assert!(post(&url, "name=Per&named=Kari&device=d1").starts_with("HTTP/1.1 200"));
        wait_for(&live, 3);
        assert_eq!(live.view(false).map(|v| v.answers), Some(2));
        assert_eq!(live.poll(false), Some(table.clone()));
        assert_eq!(live.poll(false), None);
        // A correction alone changes no count, but the table: read again.
        assert!(post(&url, "name=Per&named=Ola&device=d1").starts_with("HTTP/1.1 200"));
        wait_for(&live, 4);
        assert_eq!(live.view(false).map(|v| v.answers), Some(2));
        assert_eq!(live.poll(false), Some(table));
        assert_eq!(live.poll(false), None);
        assert!(live.is_table(&live.survey().expect("running").table.clone()));
        live.stop();
        assert_eq!(live.poll(false), None, "stopped");
    }

    #[test]
    fn a_bad_address_says_which() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut live = Live::default();
        let err = live.start(&draft(dir.path(), "not-an-ip"), None, Lang::En, None).expect_err("refused");
        assert!(err.ends_with(": not-an-ip"), "{err}");
        assert!(live.survey().is_none());
    }
}
