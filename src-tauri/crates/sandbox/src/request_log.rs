//! Which requests the demo tenant served, when asked to note them (benchmarks count a job's
//! requests and look for repeats): method, path and query, in order, over all three services.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::SandboxState;

/// Middleware: notes the request while the log is on; once it is answered, keeps the tenant
/// (when it is kept across restarts: any request may change it, a mailbox read included).
pub async fn note(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    if let Some(log) = st.lock().request_log.as_mut() {
        log.push(format!("{} {}", req.method(), req.uri()));
    }
    let answer = next.run(req).await;
    if let Some(file) = st.kept_at.get() {
        if let Err(e) = st.keep(file) {
            tracing::warn!("the demo tenant could not be kept in {}: {e}", file.display());
        }
    }
    answer
}

impl SandboxState {
    /// Starts noting requests (anew).
    pub fn start_request_log(&self) {
        self.lock().request_log = Some(Vec::new());
    }

    /// The requests noted since [`SandboxState::start_request_log`]; stops noting.
    pub fn take_request_log(&self) -> Vec<String> {
        self.lock().request_log.take().unwrap_or_default()
    }
}
