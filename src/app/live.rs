//! A live survey in the room: its server (which wakes the app from its own thread after each
//! answer), where the answers go, how many came, and opening the collected network with the
//! first of them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::i18n::Lang;
use crate::ui::{LiveView, SurveyDraft};

use super::Wake;

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
    opened: bool,
}

impl LiveSurvey {
    /// Participants who have answered.
    pub fn answers(&self) -> usize {
        self.answers.load(Ordering::Acquire)
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
    pub fn view(&self) -> Option<LiveView<'_>> {
        self.survey.as_ref().map(|l| LiveView {
            join_url: &l.join_url,
            answers: l.answers(),
            table: &l.table,
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
        let server = crate::collect::server::Server::start(survey, listen, move |accepted| {
            count.store(accepted.count, Ordering::Release);
            if let Some(wake) = &wake {
                wake();
            }
        })?;
        let join_url = server.join_url.clone();
        self.survey = Some(LiveSurvey { server, join_url, question, table, answers, opened: false });
        Ok(())
    }

    /// Stops the survey (the collected network stays open): (answers, survey table).
    pub fn stop(&mut self) -> Option<(usize, PathBuf)> {
        let mut live = self.survey.take()?;
        live.server.stop();
        Some((live.answers(), live.table))
    }

    /// The survey table to open once the first answers have come (once).
    pub fn poll(&mut self) -> Option<PathBuf> {
        let live = self.survey.as_mut()?;
        if live.opened || live.answers() == 0 {
            return None;
        }
        live.opened = true;
        Some(live.table.clone())
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
        let view = live.view().expect("running");
        assert!(view.join_url.starts_with("http://127.0.0.1:"), "{}", view.join_url);
        assert_eq!(view.answers, 0);
        assert_eq!(live.poll(), None, "no answers yet");
        let (answers, table) = live.stop().expect("it was running");
        assert_eq!(answers, 0);
        assert!(table.starts_with(dir.path()));
        assert!(live.survey().is_none());
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
