//! The browser tab's answer after the redirect: its request is held open while the app redeems
//! the code and registers the mailbox, then answered with what really happened. Past
//! [`PATIENCE`] the tab gets a "still working" page; the app window shows the result either way.

use std::time::Duration;

use axum::response::Response;
use tokio::sync::oneshot;

use super::listener::Listener;
use super::page;
use crate::error::{AppError, Result};

/// How long the browser tab waits for the outcome before it is told to return to the app.
pub const PATIENCE: Duration = Duration::from_secs(15);

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
    pub async fn settle<T>(self, result: Result<T>, describe: impl FnOnce(&T) -> (String, String)) -> Result<T> {
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

/// In the listener: waits for the app's page, up to `patience`.
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
