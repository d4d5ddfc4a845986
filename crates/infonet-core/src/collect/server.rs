//! The survey's web server: axum on a tokio runtime of its own thread. Off unless started,
//! serving only while it runs, on the chosen address only. Every path but the join page and its
//! style sheet, and every request without the survey's token, gets 404; nothing on disk is
//! served. Answers are length-limited, rate-limited per client, escaped wherever shown, and
//! written to the journal (flushed) before the reply.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::page::{self, Notice};
use super::{Answer, Survey};

/// Largest request body accepted, in bytes.
const MAX_BODY: usize = 16 * 1024;
/// Answers one client may send per [`RATE_WINDOW`].
const RATE_LIMIT: u32 = 30;
/// See [`RATE_LIMIT`].
const RATE_WINDOW: Duration = Duration::from_secs(60);
/// The cookie that carries a participant's device token.
const DEVICE_COOKIE: &str = "infonet_device";

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

struct Shared {
    survey: Mutex<Survey>,
    token: String,
    rate: Mutex<RateLimiter>,
    on_answer: Box<dyn Fn(Accepted) + Send + Sync>,
}

/// A running survey server; dropping it (or [`Server::stop`]) closes it.
pub struct Server {
    /// The address participants open (the QR code's text).
    pub join_url: String,
    /// Where it listens.
    pub local_addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts serving `survey` on `listen` (port 0 picks a free port). `on_answer` runs on the
    /// server's thread after each answer is safely in the journal.
    pub fn start(
        survey: Survey,
        listen: SocketAddr,
        on_answer: impl Fn(Accepted) + Send + Sync + 'static,
    ) -> Result<Self, String> {
        let listener =
            std::net::TcpListener::bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let local_addr = listener.local_addr().map_err(|e| e.to_string())?;
        let token = survey.config.token.clone();
        let host = if local_addr.ip().is_unspecified() {
            "localhost".to_owned()
        } else {
            local_addr.ip().to_string()
        };
        let host = if local_addr.is_ipv6() && !local_addr.ip().is_unspecified() {
            format!("[{host}]")
        } else {
            host
        };
        let join_url = format!("http://{host}:{}/s/{token}/", local_addr.port());
        let shared = Arc::new(Shared {
            survey: Mutex::new(survey),
            token,
            rate: Mutex::new(RateLimiter::default()),
            on_answer: Box::new(on_answer),
        });
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("cannot start the survey server: {e}"))?;
        let thread = std::thread::Builder::new()
            .name("infonet-survey".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                    let app = router(shared);
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
        Ok(Self { join_url, local_addr, shutdown: Some(shutdown), thread: Some(thread) })
    }

    /// Stops serving and waits for the server's thread.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }

    /// Blocks until the server stops by itself (the command line serves until interrupted).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
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
            "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
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
    token.len() == shared.token.len()
        && token.bytes().zip(shared.token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
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
    let body = match shared.survey.lock() {
        Ok(survey) => page::join_page(&survey.config, &device, survey.answer_of(&device), &Notice::None),
        Err(_) => return secured(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
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
    let Ok(mut survey) = shared.survey.lock() else {
        return secured(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let max_named = survey.config.max_named;
    match answer.clone().validated(max_named) {
        Err(err) => {
            let message = err.to_string();
            let device = answer.device.clone();
            answer.named.truncate(max_named);
            let body = page::join_page(&survey.config, &device, Some(&answer), &Notice::Error(&message));
            html(StatusCode::BAD_REQUEST, body, None, &token)
        }
        Ok(answer) => match survey.accept(answer.clone()) {
            Ok(replaced) => {
                let count = survey.count();
                let body = page::join_page(&survey.config, &answer.device, Some(&answer), &Notice::Saved);
                drop(survey);
                (shared.on_answer)(Accepted { count, replaced, answer: answer.clone() });
                html(StatusCode::OK, body, Some(&answer.device), &token)
            }
            Err(err) => {
                log::error!("survey journal: {err}");
                let body = page::join_page(
                    &survey.config,
                    &answer.device,
                    Some(&answer),
                    &Notice::Error("The answer could not be saved; please send it again."),
                );
                html(StatusCode::INTERNAL_SERVER_ERROR, body, None, &token)
            }
        },
    }
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
