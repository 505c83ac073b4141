//! The loopback listener's HTTP side: the sockets, the one route Microsoft redirects to, and the
//! browser's request held open until the app has the outcome (at most [`PATIENCE`]).

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
use tokio::sync::oneshot;

use super::callback::{self, Outcome, Verdict};
use super::error::MsError;
use super::page;

/// How long the browser tab waits for the outcome before it is told to return to the app.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Why waiting for the redirect ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitEnd {
    Cancelled,
    TimedOut,
}

/// The redirect's outcome, with the channel for the page its browser request will get.
pub(super) type Arrival = (Outcome, oneshot::Sender<Response>);

pub(super) struct Shared {
    pub expected_state: String,
    pub sender: Mutex<Option<oneshot::Sender<Arrival>>>,
    /// How long the browser's request waits for the outcome.
    pub patience: Duration,
    /// The `Host` values a browser sends for this listener (anything else is not for us).
    pub hosts: Vec<String>,
    /// How the wait ended, once it has (the port may linger to say so).
    pub ended: Mutex<Option<WaitEnd>>,
}

/// The listener's routes: the redirect path, a silent favicon, and "not found" for the rest.
pub(super) fn router(shared: Arc<Shared>, path: &'static str) -> Router {
    Router::new()
        .route(path, any(on_callback))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(|| async { page::not_found() })
        .layer(middleware::from_fn_with_state(shared.clone(), only_our_host))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(shared)
}

/// 127.0.0.1 on `port` (0: the OS picks) and the same port on [::1], so that where `localhost`
/// resolves to ::1 first no other local process can catch the redirect there. When that port is
/// taken on [::1], another port is tried (a fixed port fails instead). A machine without IPv6
/// gets 127.0.0.1 alone.
pub(super) async fn bind_loopback(port: u16) -> Result<Vec<TcpListener>, MsError> {
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
            await_page(page_rx, shared.patience).await
        }
    }
}

/// Waits for the app's page, up to `patience`.
pub(super) async fn await_page(rx: oneshot::Receiver<Response>, patience: Duration) -> Response {
    match tokio::time::timeout(patience, rx).await {
        Ok(Ok(page)) => page,
        // The sign-in ended without a word for the browser (it was replaced or cancelled).
        Ok(Err(_)) => page::failure(
            "Return to Mailbox Connect",
            "Microsoft's answer arrived. Mailbox Connect shows how the sign-in ended.",
        ),
        Err(_) => page::still_working(),
    }
}
