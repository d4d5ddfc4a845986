//! A room of phones on loopback (`infonet bench collect`): `participants` clients post their
//! answer at the same moment, then a correction from the same device, each over a connection of
//! its own; the reply times are reported and every answer is looked for in the journal and in
//! the collected network. Bounded: two requests per participant, then it stops.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use serde::Serialize;

use super::server::Server;
use super::{Answer, Survey, SurveyConfig};

/// What a load run measured and found.
#[derive(Clone, Debug, Serialize)]
pub struct LoadReport {
    /// Participants, each posting an answer and then a correction.
    pub participants: usize,
    /// Requests sent (two per participant).
    pub requests: usize,
    /// Replies with 200 (the answer is saved).
    pub accepted: usize,
    /// Requests without such a reply (refused, failed or no reply), with the first reason.
    pub failed: usize,
    /// Why the first failed request failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_failure: Option<String>,
    /// Reply time percentiles over all requests (connect to the last byte of the reply), ms
    /// (to 0.01).
    pub p50_ms: f64,
    /// See `p50_ms`.
    pub p95_ms: f64,
    /// See `p50_ms`.
    pub p99_ms: f64,
    /// See `p50_ms`.
    pub max_ms: f64,
    /// From the first request to the last reply, seconds.
    pub total_s: f64,
    /// Accepted answers found in the journal, line for line.
    pub in_journal: usize,
    /// Accepted answers missing from the journal, or whose participant's final answer is not
    /// what the survey table holds.
    pub lost: usize,
    /// Rows in the survey table after the survey stopped.
    pub table_rows: usize,
    /// People and ties of the collected network (the table read as a survey).
    pub people: usize,
    /// See `people`.
    pub ties: usize,
    /// Ties expected from the corrections (each participant's distinct names, not themselves).
    pub expected_ties: usize,
}

/// Participant `i`'s answer (`correction`: their second one, naming three instead of two).
pub fn participant_answer(i: usize, n: usize, correction: bool) -> Answer {
    let name = |j: usize| format!("Participant {:03}", j % n.max(1));
    let named = if correction {
        vec![name(i + 1), name(i * 7 + 3), name(i * 13 + 5)]
    } else {
        vec![name(i + 2), name(i * 11 + 4)]
    };
    Answer {
        device: format!("load{i:05}"),
        name: name(i),
        sector: ["public", "private", "other"][i % 3].to_owned(),
        tenure: ["<4", "4-9", "10+"][(i / 3) % 3].to_owned(),
        age: ["<30", "30-40", ">40"][(i / 9) % 3].to_owned(),
        named,
    }
}

fn form(answer: &Answer) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("device", &answer.device)
        .append_pair("name", &answer.name)
        .append_pair("sector", &answer.sector)
        .append_pair("tenure", &answer.tenure)
        .append_pair("age", &answer.age);
    for n in &answer.named {
        out.append_pair("named", n);
    }
    out.finish()
}

/// One POST on a fresh connection: the status and the time to the reply's last byte.
pub(crate) async fn post(addr: SocketAddr, path: &str, body: String) -> Result<(u16, Duration), String> {
    let start = Instant::now();
    let stream = tokio::net::TcpStream::connect(addr).await.map_err(|e| format!("connect: {e}"))?;
    // As browsers do: a request's head and body are not held back for each other (Nagle).
    stream.set_nodelay(true).map_err(|e| format!("connect: {e}"))?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
    tokio::spawn(async move {
        connection.await.ok();
    });
    let request = hyper::Request::post(path)
        .header(hyper::header::HOST, addr.to_string())
        .header(hyper::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let reply = sender.send_request(request).await.map_err(|e| format!("request: {e}"))?;
    let status = reply.status().as_u16();
    reply.into_body().collect().await.map_err(|e| format!("reply: {e}"))?;
    Ok((status, start.elapsed()))
}

/// A request's participant, whether it was the correction, and its status and reply time.
type Outcome = (usize, bool, Result<(u16, Duration), String>);

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    // Nearest rank: the smallest value with at least p of the values at or below it.
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).map_or(0.0, |d| (d.as_secs_f64() * 100_000.0).round() / 100.0)
}

/// [`run`] in `out` (which must not hold a survey yet) or, without it, in a temporary folder
/// removed afterwards.
pub fn run_in(participants: usize, out: Option<&Path>) -> Result<LoadReport, String> {
    match out {
        Some(dir) => {
            if dir.join("answers.jsonl").exists() {
                return Err(format!("{} already holds a survey; give an empty or new folder", dir.display()));
            }
            run(participants, dir)
        }
        None => {
            let temp = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
            run(participants, &temp.path().join("survey"))
        }
    }
}

/// Runs the room: a survey in `dir` (which should be empty) served on 127.0.0.1, `participants`
/// clients at once, then the checks. Errors are for a survey that cannot start at all.
pub fn run(participants: usize, dir: &Path) -> Result<LoadReport, String> {
    let n = participants.max(1);
    let config = SurveyConfig {
        title: "Load".to_owned(),
        max_named: 3,
        // The page carries the roster, as in a real room.
        roster: (0..n).map(|i| participant_answer(i, n, false).name).collect(),
        ..SurveyConfig::default()
    };
    let (survey, _) = Survey::open(dir, config).map_err(|e| e.to_string())?;
    let table = survey.table_path();
    let path = format!("/s/{}/", survey.config.token);
    let mut server = Server::start(survey, SocketAddr::from(([127, 0, 0, 1], 0)), |_| {})?;
    let addr = server.local_addr;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let outcomes: Vec<Outcome> = runtime.block_on(async {
        let barrier = Arc::new(tokio::sync::Barrier::new(n));
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..n {
            let (barrier, path) = (Arc::clone(&barrier), path.clone());
            tasks.spawn(async move {
                // Everyone sends at once: the worst moment of a room.
                barrier.wait().await;
                let first = post(addr, &path, form(&participant_answer(i, n, false))).await;
                let second = post(addr, &path, form(&participant_answer(i, n, true))).await;
                [(i, false, first), (i, true, second)]
            });
        }
        let mut out = Vec::with_capacity(2 * n);
        while let Some(done) = tasks.join_next().await {
            match done {
                Ok(pair) => out.extend(pair),
                Err(err) => out.push((usize::MAX, false, Err(format!("client task: {err}")))),
            }
        }
        out
    });
    let total = started.elapsed();
    // Stopping writes whatever the survey still holds back.
    server.stop();

    let mut times: Vec<Duration> =
        outcomes.iter().filter_map(|(_, _, r)| r.as_ref().ok().map(|(_, t)| *t)).collect();
    times.sort();
    let accepted: Vec<(usize, bool)> =
        outcomes.iter().filter(|(_, _, r)| matches!(r, Ok((200, _)))).map(|(i, c, _)| (*i, *c)).collect();
    let first_failure = outcomes.iter().find_map(|(_, _, r)| match r {
        Ok((200, _)) => None,
        Ok((status, _)) => Some(format!("HTTP {status}")),
        Err(err) => Some(err.clone()),
    });

    // Every accepted answer is a line of the journal.
    let journal: Vec<Answer> = std::fs::read_to_string(dir.join("answers.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let in_journal =
        accepted.iter().filter(|(i, c)| journal.contains(&participant_answer(*i, n, *c))).count();
    // The table holds each participant's last accepted answer.
    let table_text = std::fs::read_to_string(&table).unwrap_or_default();
    let finals: std::collections::BTreeMap<usize, bool> =
        accepted.iter().fold(std::collections::BTreeMap::new(), |mut m, (i, c)| {
            let e = m.entry(*i).or_insert(*c);
            *e |= *c;
            m
        });
    let mut in_table = 0;
    for (i, correction) in &finals {
        let a = participant_answer(*i, n, *correction);
        let mut row = vec![a.name.clone(), a.sector.clone(), a.tenure.clone(), a.age.clone()];
        row.extend(a.named.iter().cloned());
        row.resize(7, String::new());
        if table_text.lines().any(|l| l == row.join(",")) {
            in_table += 1;
        }
    }
    let lost = (accepted.len() - in_journal) + (finals.len() - in_table);
    let network =
        crate::io::open::open(&table, &crate::io::open::LoadOptions::default(), &crate::io::Progress::new())
            .map(|l| l.network)
            .map_err(|e| e.to_string())?;
    let expected_ties = (0..n)
        .map(|i| {
            let a = participant_answer(i, n, true);
            let mut named: Vec<&String> = a.named.iter().filter(|x| **x != a.name).collect();
            named.sort();
            named.dedup();
            named.len()
        })
        .sum();
    Ok(LoadReport {
        participants: n,
        requests: outcomes.len(),
        accepted: accepted.len(),
        failed: outcomes.len() - accepted.len(),
        first_failure,
        p50_ms: percentile(&times, 0.50),
        p95_ms: percentile(&times, 0.95),
        p99_ms: percentile(&times, 0.99),
        max_ms: percentile(&times, 1.0),
        total_s: (total.as_secs_f64() * 1000.0).round() / 1000.0,
        in_journal,
        lost,
        table_rows: table_text.lines().count().saturating_sub(1),
        people: network.person_count(),
        ties: network.tie_count(),
        expected_ties,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let times: Vec<Duration> = (1..=200).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 0.5), 100.0);
        assert_eq!(percentile(&times, 0.99), 198.0);
        assert_eq!(percentile(&times, 1.0), 200.0);
        assert_eq!(percentile(&[], 0.99), 0.0);
    }

    #[test]
    fn a_small_room_loses_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = run(12, dir.path()).expect("runs");
        assert_eq!((report.requests, report.accepted, report.failed), (24, 24, 0), "{report:?}");
        assert_eq!((report.in_journal, report.lost, report.table_rows), (24, 0, 12));
        assert_eq!(report.people, 12);
        assert_eq!(report.ties, report.expected_ties);
        assert!(report.p50_ms <= report.p99_ms && report.p99_ms <= report.max_ms);
    }
}
