//! The survey's web server: axum on a tokio runtime of its own thread. Off unless started,
//! serving only while it runs, on the chosen address only. Every path but the join page, its
//! style sheet and its script, and every request without the survey's token, gets 404; nothing
//! on disk is served. Answers are length-limited, rate-limited per client, escaped wherever
//! shown, and written to the journal (flushed) before the reply.
//!
//! The journal has a thread of its own (the writer): the handlers hand it their answers and
//! wait; it appends every answer that has arrived meanwhile and flushes them to disk together
//! (group commit), then lets their replies go. A flush costs the same for one answer as for
//! fifty, so a room answering at once waits for a few flushes, not for one flush per answer.
//! The survey table is rewritten by the same thread after a batch, at most every
//! [`TABLE_INTERVAL`], and when the survey stops; the owner hears of answers (`on_answer`) once
//! the table holds them.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt as _;

use super::page::{self, Notice};
use super::{Answer, Survey, SurveyConfig};

/// Largest request body accepted, in bytes.
const MAX_BODY: usize = 16 * 1024;
/// Answers one client may send per [`RATE_WINDOW`].
const RATE_LIMIT: u32 = 30;
/// See [`RATE_LIMIT`].
const RATE_WINDOW: Duration = Duration::from_secs(60);
/// The cookie that carries a participant's device token.
const DEVICE_COOKIE: &str = "infonet_device";
/// The survey table is rewritten at most this often (and always when the survey stops).
pub const TABLE_INTERVAL: Duration = Duration::from_millis(250);
/// Most answers flushed together.
const MAX_BATCH: usize = 1024;
/// Connections waiting to be accepted (a room connecting at once; the default 128 drops the
/// rest for a second).
const BACKLOG: u32 = 1024;

/// What the server tells its owner (the app's command queue, or the command line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// Participants who have answered.
    pub count: usize,
    /// The answer replaced the participant's earlier one.
    pub replaced: bool,
    /// The answer.
    pub answer: Answer,
}

/// What the window polls while a survey runs (a copy: [`Server::status`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveStatus {
    /// Participants whose answer is in the survey table.
    pub participants: usize,
    /// Spellings in the answers that may be one person, for the facilitator to merge or not
    /// (never merged by the survey); up to a second behind the answers.
    pub near_misses: Vec<super::NearMiss>,
}

/// An answer for the writer, and where its outcome goes.
struct Job {
    answer: Answer,
    done: tokio::sync::oneshot::Sender<Result<bool, ()>>,
}

struct Shared {
    config: SurveyConfig,
    /// The roster as the page's `<option>`s (made once).
    options: String,
    /// Each device's answer as saved (the page shows it back).
    saved: Mutex<HashMap<String, Answer>>,
    rate: Mutex<RateLimiter>,
    jobs: mpsc::Sender<Job>,
}

/// A running survey server; dropping it (or [`Server::stop`]) closes it.
pub struct Server {
    /// The address participants open (the QR code's text).
    pub join_url: String,
    /// Every address participants could open, `join_url` first (a server on 0.0.0.0 is reached
    /// at each of the laptop's addresses).
    pub join_urls: Vec<String>,
    /// Where it listens.
    pub local_addr: SocketAddr,
    status: Arc<Mutex<LiveStatus>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    writer: Option<std::thread::JoinHandle<()>>,
    suggester: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts serving `survey` on `listen` (port 0 picks a free port). `on_answer` runs on the
    /// journal's thread after each answer is safely in the journal and in the survey table.
    pub fn start(
        survey: Survey,
        listen: SocketAddr,
        on_answer: impl Fn(Accepted) + Send + 'static,
    ) -> Result<Self, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("cannot start the survey server: {e}"))?;
        let listener = {
            let _entered = runtime.enter();
            bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?
        };
        let local_addr = listener.local_addr().map_err(|e| e.to_string())?;
        let join_urls = super::join_urls(local_addr, &survey.config.token, &super::host_addresses());
        let join_url = join_urls.first().cloned().unwrap_or_default();
        let status =
            Arc::new(Mutex::new(LiveStatus { participants: survey.count(), near_misses: Vec::new() }));
        let (snapshots, snapshot) = mpsc::channel::<Vec<Answer>>();
        snapshots.send(survey.answers().into_iter().cloned().collect()).ok();
        let (roster, suggester_status) = (survey.config.roster.clone(), Arc::clone(&status));
        let suggester = std::thread::Builder::new()
            .name("infonet-survey-names".into())
            .spawn(move || suggest_near_misses(&snapshot, &roster, &suggester_status))
            .map_err(|e| format!("cannot start the survey server: {e}"))?;
        let (jobs, queue) = mpsc::channel::<Job>();
        let shared = Arc::new(Shared {
            config: survey.config.clone(),
            options: page::roster_options(&survey.config),
            saved: Mutex::new(survey.answers().into_iter().map(|a| (a.device.clone(), a.clone())).collect()),
            rate: Mutex::new(RateLimiter::default()),
            jobs,
        });
        let writer_status = Arc::clone(&status);
        let writer_shared = Arc::downgrade(&shared);
        let writer = std::thread::Builder::new()
            .name("infonet-survey-journal".into())
            .spawn(move || {
                write_answers(survey, &queue, &writer_shared, &writer_status, &snapshots, &on_answer);
            })
            .map_err(|e| format!("cannot start the survey server: {e}"))?;
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("infonet-survey".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let app = router(shared);
                    // Replies go out at once, not held back for the next packet (Nagle).
                    let listener = listener.tap_io(|stream| {
                        stream.set_nodelay(true).ok();
                    });
                    let serve =
                        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                            .with_graceful_shutdown(async {
                                stopped.await.ok();
                            });
                    if let Err(err) = serve.await {
                        log::error!("survey server: {err}");
                    }
                });
            })
            .map_err(|e| format!("cannot start the survey server: {e}"))?;
        Ok(Self {
            join_url,
            join_urls,
            local_addr,
            status,
            shutdown: Some(shutdown),
            thread: Some(thread),
            writer: Some(writer),
            suggester: Some(suggester),
        })
    }

    /// What the survey has collected so far (cheap: a copy of what the survey's threads keep).
    pub fn status(&self) -> LiveStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stops serving and waits for the server's thread.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
        // The server is gone, and with it the writer's queue: the writer takes what is left,
        // writes the table and ends; then the near misses of the last answers are worked out.
        if let Some(writer) = self.writer.take() {
            writer.join().ok();
        }
        if let Some(suggester) = self.suggester.take() {
            suggester.join().ok();
        }
    }

    /// Blocks until the server stops by itself (the command line serves until interrupted).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
        if let Some(writer) = self.writer.take() {
            writer.join().ok();
        }
        if let Some(suggester) = self.suggester.take() {
            suggester.join().ok();
        }
    }
}

/// The listening socket, with room for a room connecting at once.
fn bind(listen: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket =
        if listen.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    // As std's bind does: a survey restarted at once gets its port back (not on Windows, where
    // the option would let another program take the port over).
    #[cfg(not(windows))]
    socket.set_reuseaddr(true)?;
    socket.bind(listen)?;
    socket.listen(BACKLOG)
}

/// The journal's thread: takes the answers that have arrived, appends and flushes them
/// together, replies, and rewrites the table after a batch at most every [`TABLE_INTERVAL`] and
/// once more at the end (the queue closes when the server has stopped).
fn write_answers(
    mut survey: Survey,
    queue: &mpsc::Receiver<Job>,
    shared: &std::sync::Weak<Shared>,
    status: &Mutex<LiveStatus>,
    snapshots: &mpsc::Sender<Vec<Answer>>,
    on_answer: &dyn Fn(Accepted),
) {
    // Answers in the journal that the table (and the owner) have not seen yet.
    let mut unwritten: Vec<(bool, Answer)> = Vec::new();
    let mut table_written: Option<Instant> = None;
    let mut open = true;
    while open || !unwritten.is_empty() {
        let due = table_written.map_or(Duration::ZERO, |t| TABLE_INTERVAL.saturating_sub(t.elapsed()));
        let first = if !open {
            None
        } else if unwritten.is_empty() {
            queue.recv().ok()
        } else {
            match queue.recv_timeout(due) {
                Ok(job) => Some(job),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    open = false;
                    None
                }
            }
        };
        if open && first.is_none() && unwritten.is_empty() {
            open = false;
        }
        if let Some(first) = first {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            let answers: Vec<Answer> = batch.iter().map(|j| j.answer.clone()).collect();
            match survey.append(&answers) {
                Ok(replaced) => {
                    if let Some(shared) = shared.upgrade()
                        && let Ok(mut saved) = shared.saved.lock()
                    {
                        for a in &answers {
                            saved.insert(a.device.clone(), a.clone());
                        }
                    }
                    for (job, replaced) in batch.into_iter().zip(&replaced) {
                        job.done.send(Ok(*replaced)).ok();
                    }
                    unwritten.extend(replaced.into_iter().zip(answers));
                }
                Err(err) => {
                    log::error!("survey journal: {err}");
                    for job in batch {
                        job.done.send(Err(())).ok();
                    }
                }
            }
        }
        let due = table_written.is_none_or(|t| t.elapsed() >= TABLE_INTERVAL);
        if !unwritten.is_empty() && (due || !open) {
            if let Err(err) = survey.write_table() {
                // The journal has every answer; the table is written again with the next ones
                // (and from the journal when the survey is opened again).
                log::error!("survey table: {err}");
            }
            table_written = Some(Instant::now());
            let count = survey.count();
            if let Ok(mut s) = status.lock() {
                s.participants = count;
            }
            snapshots.send(survey.answers().into_iter().cloned().collect()).ok();
            for (replaced, answer) in unwritten.drain(..) {
                on_answer(Accepted { count, replaced, answer });
            }
        }
    }
}

/// Near misses are worked out on a thread of their own, at most once per this interval: with
/// many similar names they cost more than a flush, and no answer waits for them.
const NEAR_MISS_INTERVAL: Duration = Duration::from_secs(1);

/// The near misses' thread: takes the latest answers the writer sent, works out their near
/// misses into the status, waits out the interval (keeping only the newest answers meanwhile),
/// and ends with the last answers once the writer has ended.
fn suggest_near_misses(
    snapshots: &mpsc::Receiver<Vec<Answer>>,
    roster: &[String],
    status: &Mutex<LiveStatus>,
) {
    let mut last: Option<Instant> = None;
    while let Ok(mut answers) = snapshots.recv() {
        if let Some(deadline) = last.map(|t| t + NEAR_MISS_INTERVAL) {
            while let Ok(newer) = snapshots.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                answers = newer;
            }
        }
        while let Ok(newer) = snapshots.try_recv() {
            answers = newer;
        }
        let near = super::near_misses(&answers.iter().collect::<Vec<_>>(), roster);
        last = Some(Instant::now());
        if let Ok(mut s) = status.lock() {
            s.near_misses = near;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/s/{token}/", get(show_page).post(take_answer))
        .route("/s/{token}/style.css", get(style))
        .route("/s/{token}/typeahead.js", get(script))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared)
}

/// Headers every reply carries: nothing but what the app serves may load, no framing, no
/// referrer, no caching of answers.
fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found() -> Response {
    secured((StatusCode::NOT_FOUND, "Not found").into_response())
}

fn token_ok(shared: &Shared, token: &str) -> bool {
    // Compared in full, whatever the first difference (no early exit to time).
    token.len() == shared.config.token.len()
        && token.bytes().zip(shared.config.token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn device_of(headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == DEVICE_COOKIE)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn html(status: StatusCode, body: String, set_device: Option<&str>, token: &str) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    if let Some(device) = set_device
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{DEVICE_COOKIE}={device}; Path=/s/{token}/; HttpOnly; SameSite=Strict"
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    secured(response)
}

async fn style(Path(token): Path<String>, State(shared): State<Arc<Shared>>) -> Response {
    if !token_ok(&shared, &token) {
        return not_found().await;
    }
    secured(([(header::CONTENT_TYPE, "text/css; charset=utf-8")], page::CSS).into_response())
}

async fn script(Path(token): Path<String>, State(shared): State<Arc<Shared>>) -> Response {
    if !token_ok(&shared, &token) {
        return not_found().await;
    }
    secured(([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], page::SCRIPT).into_response())
}

async fn show_page(
    Path(token): Path<String>,
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Response {
    if !token_ok(&shared, &token) {
        return not_found().await;
    }
    let known = device_of(&headers);
    let device = known.clone().unwrap_or_else(super::new_token);
    let answer = match shared.saved.lock() {
        Ok(saved) => saved.get(&device).cloned(),
        Err(_) => return secured(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    let body = page::join_page_with(&shared.config, &shared.options, &device, answer.as_ref(), &Notice::None);
    html(StatusCode::OK, body, known.is_none().then_some(device.as_str()), &token)
}

async fn take_answer(
    Path(token): Path<String>,
    State(shared): State<Arc<Shared>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !token_ok(&shared, &token) {
        return not_found().await;
    }
    if !shared.rate.lock().is_ok_and(|mut r| r.allow(client.ip(), Instant::now())) {
        return secured(
            (StatusCode::TOO_MANY_REQUESTS, "Too many answers from this device; wait a minute.")
                .into_response(),
        );
    }
    let mut answer = Answer {
        device: String::new(),
        name: String::new(),
        sector: String::new(),
        tenure: String::new(),
        age: String::new(),
        named: Vec::new(),
    };
    for (key, value) in form_urlencoded::parse(&body) {
        match key.as_ref() {
            "name" => answer.name = value.into_owned(),
            "sector" => answer.sector = value.into_owned(),
            "tenure" => answer.tenure = value.into_owned(),
            "age" => answer.age = value.into_owned(),
            "named" => answer.named.push(value.into_owned()),
            "device" => answer.device = value.into_owned(),
            _ => {}
        }
    }
    // The cookie wins: a page posted from this phone corrects this phone's answer.
    if let Some(device) = device_of(&headers) {
        answer.device = device;
    }
    let max_named = shared.config.max_named;
    let answer = match answer.clone().validated(max_named) {
        Ok(answer) => answer,
        Err(err) => {
            let message = err.to_string();
            let device = answer.device.clone();
            answer.named.truncate(max_named);
            let body = page::join_page_with(
                &shared.config,
                &shared.options,
                &device,
                Some(&answer),
                &Notice::Error(&message),
            );
            return html(StatusCode::BAD_REQUEST, body, None, &token);
        }
    };
    // The writer flushes it with whatever else has arrived; the reply waits until it is on disk.
    let (done, outcome) = tokio::sync::oneshot::channel();
    let queued = shared.jobs.send(Job { answer: answer.clone(), done }).is_ok();
    if queued && let Ok(Ok(_replaced)) = outcome.await {
        let body = page::join_page_with(
            &shared.config,
            &shared.options,
            &answer.device,
            Some(&answer),
            &Notice::Saved,
        );
        return html(StatusCode::OK, body, Some(&answer.device), &token);
    }
    let body = page::join_page_with(
        &shared.config,
        &shared.options,
        &answer.device,
        Some(&answer),
        &Notice::Error("The answer could not be saved; please send it again."),
    );
    html(StatusCode::INTERNAL_SERVER_ERROR, body, None, &token)
}

/// Answers per client address: [`RATE_LIMIT`] per [`RATE_WINDOW`]. The laptop itself
/// (loopback: the facilitator, scripts, tests) is not limited.
#[derive(Default)]
struct RateLimiter {
    clients: HashMap<IpAddr, (Instant, u32)>,
}

impl RateLimiter {
    fn allow(&mut self, ip: IpAddr, now: Instant) -> bool {
        if ip.is_loopback() {
            return true;
        }
        if self.clients.len() > 10_000 {
            self.clients.retain(|_, (start, _)| now.duration_since(*start) < RATE_WINDOW);
        }
        let entry = self.clients.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= RATE_WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= RATE_LIMIT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_counts_participants_and_suggests_near_misses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config =
            super::super::SurveyConfig { roster: vec!["Kari Nordmann".into()], ..Default::default() };
        let (survey, _) = Survey::open(dir.path(), config).expect("opens");
        let path = format!("/s/{}/", survey.config.token);
        let mut server =
            Server::start(survey, SocketAddr::from(([127, 0, 0, 1], 0)), |_| {}).expect("serves");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let body = "name=Ola+Dahl&named=Kari+Nordman&named=kari+nordmann".to_owned();
        let reply = runtime.block_on(super::super::load::post(server.local_addr, &path, body));
        assert_eq!(reply.map(|(status, _)| status), Ok(200));
        server.stop();
        let status = server.status();
        assert_eq!(status.participants, 1);
        let near: Vec<(&str, &str, usize)> =
            status.near_misses.iter().map(|n| (n.keep.as_str(), n.merge.as_str(), n.keep_count)).collect();
        assert_eq!(near, [("Kari Nordmann", "Kari Nordman", 1)], "suggested, not merged");
        let table = std::fs::read_to_string(dir.path().join("Live survey.csv")).expect("table");
        assert!(table.ends_with("Ola Dahl,,,,Kari Nordman,kari nordmann\n"), "{table}");
    }

    #[test]
    fn a_client_may_send_thirty_answers_a_minute() {
        let mut limiter = RateLimiter::default();
        let phone: IpAddr = [192, 0, 2, 7].into();
        let other: IpAddr = [192, 0, 2, 8].into();
        let t0 = Instant::now();
        assert!((0..RATE_LIMIT).all(|_| limiter.allow(phone, t0)));
        assert!(!limiter.allow(phone, t0 + Duration::from_secs(10)), "the 31st within a minute");
        assert!(limiter.allow(other, t0), "another phone is not affected");
        assert!(limiter.allow(phone, t0 + RATE_WINDOW), "a new minute");
        assert!((0..1000).all(|_| limiter.allow(IpAddr::from([127, 0, 0, 1]), t0)), "the laptop itself");
    }
}
