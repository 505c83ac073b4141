//! The loopback listener that catches Microsoft's redirect: 127.0.0.1 only, an OS-chosen port,
//! GET (query) and POST (form_post), single use, with timeout and cancel.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Notify};
use tokio::task::JoinHandle;

use super::aadsts;
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

pub struct Listener {
    port: u16,
    result: oneshot::Receiver<Outcome>,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
}

struct Shared {
    expected_state: String,
    sender: Mutex<Option<oneshot::Sender<Outcome>>>,
}

impl Listener {
    /// Binds 127.0.0.1 on a port the OS picks, before any browser is opened.
    pub async fn bind(expected_state: String) -> Result<Self, MsError> {
        Self::bind_on(0, expected_state).await
    }

    /// Binds 127.0.0.1 on `port` (0: the OS picks), for flows whose redirect URI must be exact.
    pub async fn bind_on(port: u16, expected_state: String) -> Result<Self, MsError> {
        let tcp = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| MsError::LocalPort {
                port,
                detail: e.to_string(),
            })?;
        let port = tcp
            .local_addr()
            .map_err(|e| MsError::LocalPort {
                port,
                detail: e.to_string(),
            })?
            .port();
        let (tx, rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            expected_state,
            sender: Mutex::new(Some(tx)),
        });
        let app = Router::new()
            .route(CALLBACK_PATH, any(on_callback))
            .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
            .fallback(|| async { page::not_found() })
            .layer(DefaultBodyLimit::max(64 * 1024))
            .with_state(shared);
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(tcp, app)
                .with_graceful_shutdown(async move {
                    let _ = stop_rx.await;
                })
                .await;
        });
        Ok(Self {
            port,
            result: rx,
            stop: Some(stop_tx),
            server,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The redirect URI to send: `localhost`, as registered in Azure (Entra ignores the port).
    pub fn redirect_uri(&self) -> String {
        redirect::loopback(self.port)
    }

    /// Waits for the one real answer, the timeout, or a cancel; then closes the port.
    pub async fn wait(mut self, timeout: Duration, cancel: &Notify) -> std::result::Result<Outcome, WaitEnd> {
        let end = tokio::select! {
            r = &mut self.result => r.map_err(|_| WaitEnd::Cancelled),
            _ = tokio::time::sleep(timeout) => Err(WaitEnd::TimedOut),
            _ = cancel.notified() => Err(WaitEnd::Cancelled),
        };
        self.shutdown().await;
        end
    }

    async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Let the final page reach the browser, but never wait on a slow client for long.
        if tokio::time::timeout(Duration::from_secs(2), &mut self.server)
            .await
            .is_err()
        {
            self.server.abort();
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.server.abort();
    }
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
            let response = match &outcome {
                Outcome::Error(e) => {
                    let explained = aadsts::explain(e);
                    let detail = match &explained.fix {
                        Some(fix) => format!("{}\n\n{fix}", explained.message),
                        None => explained.message.clone(),
                    };
                    page::failure("Microsoft did not complete the sign-in", &detail)
                }
                _ => page::success(),
            };
            let _ = tx.send(outcome);
            response
        }
    }
}
