//! The loopback listener that catches Microsoft's redirect: loopback only (127.0.0.1, and the
//! same port on [::1] so no other process can hold it there), an OS-chosen port, requests for
//! `localhost` or the loopback address only, GET (query) and POST (form_post), single use, with
//! timeout and cancel. The browser's request is answered once the app knows the outcome
//! ([`BrowserReply`]).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Notify};
use tokio::task::JoinHandle;

use super::browser_reply::{self, BrowserReply, PATIENCE};
use super::callback::{self, Outcome, Verdict};
use super::error::MsError;
use super::page;
use super::redirect::{self, CALLBACK_PATH};

/// Why waiting for the redirect ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitEnd {
    Cancelled,
    TimedOut,
}

/// The redirect's outcome, with the channel for the page its browser request will get.
type Arrival = (Outcome, oneshot::Sender<Response>);

pub struct Listener {
    port: u16,
    /// The path Microsoft redirects to: `/callback`, or `/` for a public client registered with
    /// plain `http://localhost` (Graph PowerShell).
    path: &'static str,
    /// A port the flow named (Hosted auth's): closed at once when the wait ends, for a retry.
    fixed: bool,
    result: oneshot::Receiver<Arrival>,
    stop: watch::Sender<bool>,
    servers: Vec<JoinHandle<()>>,
    shared: Arc<Shared>,
}

/// After a cancel or a timeout, an OS-chosen port keeps answering this long, so a Microsoft tab
/// still open lands on "this attempt was cancelled" instead of "this site can't be reached".
const LINGER: Duration = Duration::from_secs(120);

struct Shared {
    expected_state: String,
    sender: Mutex<Option<oneshot::Sender<Arrival>>>,
    /// How long the browser's request waits for the outcome.
    patience: Duration,
    /// The `Host` values a browser sends for this listener (anything else is not for us).
    hosts: Vec<String>,
    /// How the wait ended, once it has (the port may linger to say so).
    ended: Mutex<Option<WaitEnd>>,
}

impl Listener {
    /// Binds the loopback on a port the OS picks, before any browser is opened.
    pub async fn bind(expected_state: String) -> Result<Self, MsError> {
        Self::bind_on(0, expected_state).await
    }

    /// Binds like [`Listener::bind`], with the browser's wait for the outcome capped at `patience`.
    pub async fn bind_patient(expected_state: String, patience: Duration) -> Result<Self, MsError> {
        Self::bind_with(0, expected_state, patience).await
    }

    /// Binds the loopback on `port` (0: the OS picks; a fixed port for flows whose redirect URI
    /// must be exact).
    pub async fn bind_on(port: u16, expected_state: String) -> Result<Self, MsError> {
        Self::bind_with(port, expected_state, PATIENCE).await
    }

    /// Binds like [`Listener::bind`] for a redirect URI without a path (`http://localhost:port`).
    pub async fn bind_at_root(expected_state: String) -> Result<Self, MsError> {
        Self::bind_path(0, expected_state, PATIENCE, "/").await
    }

    async fn bind_with(port: u16, expected_state: String, patience: Duration) -> Result<Self, MsError> {
        Self::bind_path(port, expected_state, patience, CALLBACK_PATH).await
    }

    async fn bind_path(
        port: u16,
        expected_state: String,
        patience: Duration,
        path: &'static str,
    ) -> Result<Self, MsError> {
        let fixed = port != 0;
        let sockets = bind_loopback(port).await?;
        let port = sockets
            .first()
            .and_then(|s| s.local_addr().ok())
            .map_or(port, |a| a.port());
        let (tx, rx) = oneshot::channel();
        let hosts = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|h| format!("{h}:{port}"))
            .collect();
        let shared = Arc::new(Shared {
            expected_state,
            sender: Mutex::new(Some(tx)),
            patience,
            hosts,
            ended: Mutex::new(None),
        });
        let app = Router::new()
            .route(path, any(on_callback))
            .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
            .fallback(|| async { page::not_found() })
            .layer(middleware::from_fn_with_state(shared.clone(), only_our_host))
            .layer(DefaultBodyLimit::max(64 * 1024))
            .with_state(shared.clone());
        let (stop, stopped) = watch::channel(false);
        let servers = sockets
            .into_iter()
            .map(|tcp| {
                let (app, mut stopped) = (app.clone(), stopped.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(tcp, app)
                        .with_graceful_shutdown(async move {
                            let _ = stopped.wait_for(|s| *s).await;
                        })
                        .await;
                })
            })
            .collect();
        drop(stopped);
        Ok(Self {
            fixed,
            port,
            path,
            result: rx,
            stop,
            servers,
            shared,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The redirect URI to send: `localhost`, as registered in Azure (Entra ignores the port).
    pub fn redirect_uri(&self) -> String {
        match self.path {
            CALLBACK_PATH => redirect::loopback(self.port),
            _ => format!("http://localhost:{}", self.port),
        }
    }

    /// Waits for the one real answer, the timeout, or a cancel. An answer comes with the browser's
    /// open request, which keeps the port until it is settled; otherwise the port closes now.
    pub async fn wait(
        mut self,
        timeout: Duration,
        cancel: &Notify,
    ) -> std::result::Result<(Outcome, BrowserReply), WaitEnd> {
        let end = tokio::select! {
            r = &mut self.result => r.map_err(|_| WaitEnd::Cancelled),
            _ = tokio::time::sleep(timeout) => Err(WaitEnd::TimedOut),
            _ = cancel.notified() => Err(WaitEnd::Cancelled),
        };
        match end {
            Ok((outcome, page)) => Ok((outcome, BrowserReply::new(page, self))),
            Err(e) if self.fixed => {
                self.shutdown().await;
                Err(e)
            }
            Err(e) => {
                self.linger(e);
                Err(e)
            }
        }
    }

    /// Keeps the port answering "this attempt ended" for [`LINGER`], then closes it.
    fn linger(&mut self, end: WaitEnd) {
        if let Ok(mut ended) = self.shared.ended.lock() {
            *ended = Some(end);
        }
        let (unused, _) = watch::channel(false);
        let stop = std::mem::replace(&mut self.stop, unused);
        drop(tokio::spawn(async move {
            tokio::time::sleep(LINGER).await;
            let _ = stop.send(true);
        }));
    }

    pub(super) async fn shutdown(&mut self) {
        let _ = self.stop.send(true);
        // Let the final page reach the browser, but never wait on a slow client for long.
        let all = async {
            for server in &mut self.servers {
                let _ = server.await;
            }
        };
        if tokio::time::timeout(Duration::from_secs(2), all).await.is_err() {
            self.servers.iter().for_each(JoinHandle::abort);
        }
    }
}

impl Drop for Listener {
    /// Stops accepting; a browser request still held open gets its page (within its patience).
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// 127.0.0.1 on `port` (0: the OS picks) and the same port on [::1], so that where `localhost`
/// resolves to ::1 first no other local process can catch the redirect there. When that port is
/// taken on [::1], another port is tried (a fixed port fails instead). A machine without IPv6
/// gets 127.0.0.1 alone.
async fn bind_loopback(port: u16) -> Result<Vec<TcpListener>, MsError> {
    let local_port = |detail: String| MsError::LocalPort { port, detail };
    let mut last = String::new();
    for _ in 0..8 {
        let v4 = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| local_port(e.to_string()))?;
        let chosen = v4.local_addr().map_err(|e| local_port(e.to_string()))?.port();
        match TcpListener::bind(("::1", chosen)).await {
            Ok(v6) => return Ok(vec![v4, v6]),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                last = format!("port {chosen} is taken on [::1]: {e}");
                if port != 0 {
                    break;
                }
            }
            Err(e) => {
                tracing::debug!("no IPv6 loopback ({e}); listening on 127.0.0.1 only");
                return Ok(vec![v4]);
            }
        }
    }
    Err(local_port(last))
}

/// Answers 421 to a request whose `Host` is not this listener (a page elsewhere pointing a
/// browser at this port through another name, or DNS rebinding); the sign-in keeps waiting.
async fn only_our_host(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    if host.is_some_and(|h| shared.hosts.contains(&h)) {
        return next.run(req).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        "This address only answers Mailbox Connect's sign-in.",
    )
        .into_response()
}

async fn on_callback(
    State(shared): State<Arc<Shared>>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let encoded = match method {
        Method::GET => query.unwrap_or_default(),
        Method::POST => {
            let form = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
            if !form {
                return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "form_post expects a form body").into_response();
            }
            match String::from_utf8(body.to_vec()) {
                Ok(s) => s,
                Err(_) => return page::failure("Unreadable reply", "The reply was not valid text."),
            }
        }
        _ => return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, POST")]).into_response(),
    };
    let params = match callback::parse(&encoded) {
        Ok(p) => p,
        Err(why) => return page::failure("Unreadable reply", &format!("The reply could not be read ({why}).")),
    };
    let ended = shared.ended.lock().ok().and_then(|e| *e);
    if let Some(end) = ended {
        return page::attempt_ended(end == WaitEnd::Cancelled);
    }
    match params.verdict(&shared.expected_state) {
        Verdict::NotACallback => page::failure(
            "Waiting for Microsoft",
            "This address receives Microsoft's answer after you sign in. Return to Mailbox Connect.",
        ),
        Verdict::WrongState => page::wrong_state(),
        Verdict::Accept(outcome) => {
            let sender = shared.sender.lock().ok().and_then(|mut s| s.take());
            let Some(tx) = sender else {
                return page::failure(
                    "Already used",
                    "This sign-in has already finished. Return to Mailbox Connect.",
                );
            };
            let (page_tx, page_rx) = oneshot::channel();
            if tx.send((outcome, page_tx)).is_err() {
                return page::failure("Return to Mailbox Connect", "This sign-in is no longer waiting.");
            }
            browser_reply::await_page(page_rx, shared.patience).await
        }
    }
}
