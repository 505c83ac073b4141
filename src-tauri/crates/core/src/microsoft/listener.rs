//! The loopback listener that catches Microsoft's redirect: loopback only (127.0.0.1, and the
//! same port on [::1] so no other process can hold it there), an OS-chosen port, requests for
//! `localhost` or the loopback address only, GET (query) and POST (form_post), single use, with
//! timeout and cancel. The browser's request is answered once the app knows the outcome
//! ([`BrowserReply`]); the HTTP side is in `loopback_http`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::Response;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::callback::Outcome;
use super::error::MsError;
pub use super::loopback_http::WaitEnd;
use super::loopback_http::{self, bind_loopback, Arrival, Shared, PATIENCE};
use super::page;
use super::redirect::{self, CALLBACK_PATH};
use crate::error::{AppError, Result as AppResult};

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

/// How a sign-in's loopback listens, set once and bound with [`Loopback::bind`]: the port (the OS
/// picks one unless a flow needs it exact), the path Microsoft redirects to, and how long the
/// browser's request waits for the outcome.
#[derive(Debug, Clone, Copy)]
pub struct Loopback {
    port: u16,
    path: &'static str,
    patience: Duration,
}

impl Default for Loopback {
    /// An OS-chosen port, `/callback` (the registered `http://localhost/callback`).
    fn default() -> Self {
        Self {
            port: 0,
            path: CALLBACK_PATH,
            patience: PATIENCE,
        }
    }
}

impl Loopback {
    /// A fixed port, for flows whose redirect URI must be exact (Hosted auth's); 0 lets the OS pick.
    pub fn on_port(self, port: u16) -> Self {
        Self { port, ..self }
    }

    /// A redirect URI without a path (`http://localhost:port`), as public clients register it.
    pub fn at_root(self) -> Self {
        Self { path: "/", ..self }
    }

    /// Caps the browser's wait for the outcome.
    pub fn patience(self, patience: Duration) -> Self {
        Self { patience, ..self }
    }

    /// Binds the loopback, before any browser is opened; only a request carrying
    /// `expected_state` is the answer.
    pub async fn bind(self, expected_state: String) -> Result<Listener, MsError> {
        Listener::bind(self.port, expected_state, self.patience, self.path).await
    }
}

impl Listener {
    async fn bind(port: u16, expected_state: String, patience: Duration, path: &'static str) -> Result<Self, MsError> {
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
        let app = loopback_http::router(shared.clone(), path);
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
        cancel: &CancellationToken,
    ) -> std::result::Result<(Outcome, BrowserReply), WaitEnd> {
        let end = tokio::select! {
            r = &mut self.result => r.map_err(|_| WaitEnd::Cancelled),
            _ = tokio::time::sleep(timeout) => Err(WaitEnd::TimedOut),
            _ = cancel.cancelled() => Err(WaitEnd::Cancelled),
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

/// The open browser request of one finished redirect, and the listener that holds it.
pub struct BrowserReply {
    page: Option<oneshot::Sender<Response>>,
    listener: Listener,
}

impl BrowserReply {
    pub(super) fn new(page: oneshot::Sender<Response>, listener: Listener) -> Self {
        Self {
            page: Some(page),
            listener,
        }
    }

    /// Shows `result` in the browser tab (`describe` words a success as heading and text), closes
    /// the port, and hands `result` back unchanged.
    pub async fn settle<T>(self, result: AppResult<T>, describe: impl FnOnce(&T) -> (String, String)) -> AppResult<T> {
        let shown = match &result {
            Ok(v) => {
                let (heading, detail) = describe(v);
                page::success(&heading, &detail)
            }
            Err(e) => failure_page(e),
        };
        self.show(shown).await;
        result
    }

    /// Shows `e` in the browser tab, closes the port, and hands `e` back.
    pub async fn fail(self, e: AppError) -> AppError {
        self.show(failure_page(&e)).await;
        e
    }

    async fn show(mut self, shown: Response) {
        if let Some(tx) = self.page.take() {
            let _ = tx.send(shown);
        }
        self.listener.shutdown().await;
    }
}

/// The page for an error: what failed and how to fix it, as the app shows it.
fn failure_page(e: &AppError) -> Response {
    let detail = match &e.fix {
        Some(fix) => format!("{}\n\n{fix}", e.message),
        None => e.message.clone(),
    };
    page::failure("The sign-in did not finish", &detail)
}
