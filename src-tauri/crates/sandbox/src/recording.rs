//! A copy of every Nylas v3 answer, so tests can check it against Nylas's published OpenAPI
//! document. Off unless a test turns it on (`SandboxState::start_recording`) or the environment
//! variable `MAILBOX_CONNECT_RECORD_NYLAS` names a folder (the whole test suite appends JSON lines
//! there). Token, secret and password values are blanked before anything is kept.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

pub use crate::state::recording::Exchange;
use crate::state::SandboxState;

pub const RECORD_DIR_VAR: &str = "MAILBOX_CONNECT_RECORD_NYLAS";

impl SandboxState {
    pub fn start_recording(&self) {
        self.lock().recorded.get_or_insert_with(Vec::new);
    }

    /// The answers recorded so far, oldest first.
    pub fn recorded(&self) -> Vec<Exchange> {
        self.lock().recorded.clone().unwrap_or_default()
    }
}

/// Middleware on the Nylas v3 router: keeps a redacted copy of each `/v3` answer.
pub async fn layer(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let to_file = std::env::var_os(RECORD_DIR_VAR);
    let to_memory = st.lock().recorded.is_some();
    let resp = next.run(req).await;
    if !path.starts_with("/v3/") || (!to_memory && to_file.is_none()) {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, 16 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let parsed = serde_json::from_slice::<Value>(&bytes).ok();
    let exchange = Exchange {
        method,
        path,
        status: parts.status.as_u16(),
        json: parsed.is_some(),
        body: parsed.map(redact).unwrap_or(Value::Null),
    };
    if let Some(dir) = to_file {
        append(std::path::Path::new(&dir), &exchange);
    }
    if let Some(list) = st.lock().recorded.as_mut() {
        list.push(exchange);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Appends one JSON line to `{dir}/nylas-{pid}.jsonl`; a failure is logged, never fatal.
fn append(dir: &std::path::Path, exchange: &Exchange) {
    static ONE_WRITER: Mutex<()> = Mutex::new(());
    let _guard = ONE_WRITER.lock().unwrap_or_else(|p| p.into_inner());
    let file = dir.join(format!("nylas-{}.jsonl", std::process::id()));
    let written = serde_json::to_string(exchange)
        .map_err(std::io::Error::other)
        .and_then(|line| {
            std::fs::create_dir_all(dir)?;
            let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&file)?;
            writeln!(f, "{line}")
        });
    if let Err(e) = written {
        tracing::warn!(file = %file.display(), error = %e, "could not record a Nylas answer");
    }
}

/// Blanks every string under a key naming a token, secret or password (types are kept, so the
/// redacted answer still checks against the spec).
fn redact(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = k.to_ascii_lowercase();
                    let hidden = ["token", "secret", "password"].iter().any(|w| key.contains(w));
                    let v = match v {
                        Value::String(_) if hidden => Value::String("redacted".into()),
                        other => redact(other),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(redact).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_shape_and_hides_values() {
        let v = serde_json::json!({ "access_token": "at", "data": [{ "client_secret": "s", "expires_in": 3600, "name": "n" }] });
        let r = redact(v);
        assert_eq!(r["access_token"], "redacted");
        assert_eq!(r["data"][0]["client_secret"], "redacted");
        assert_eq!(r["data"][0]["expires_in"], 3600);
        assert_eq!(r["data"][0]["name"], "n");
    }
}
