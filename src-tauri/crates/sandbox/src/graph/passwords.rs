//! Client secrets: `addPassword` (Graph makes the value and shows it once, two years by
//! default) and `removePassword`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::Rng;
use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::applications::{body_object, found};
use super::error;
use crate::state::graph::Password;
use crate::state::{new_id, SandboxState};

type St = State<Arc<SandboxState>>;

pub async fn action(
    State(st): St,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    password(&st, &headers, "id", &id, &action, &body)
}

/// `addPassword` (Graph makes the value, shown once) and `removePassword`.
pub(super) fn password(
    st: &SandboxState,
    headers: &HeaderMap,
    key: &str,
    value: &str,
    action: &str,
    body: &Bytes,
) -> Response {
    if !matches!(action, "addPassword" | "removePassword") {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            &format!("Resource not found for the segment '{action}'."),
        );
    }
    let i = match found(st, headers, key, value, true) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = if body.is_empty() {
        Map::new()
    } else {
        match body_object(body) {
            Ok(b) => b,
            Err(r) => return r,
        }
    };
    let mut inner = st.lock();
    let answer = if action == "addPassword" {
        let record = new_password(body.get("passwordCredential"));
        let (record, value) = match record {
            Ok(r) => r,
            Err(r) => return r,
        };
        let key_id = record["keyId"].as_str().unwrap_or_default().to_string();
        let mut shown = record.clone();
        shown["secretText"] = json!(value);
        inner.graph.apps[i]
            .passwords
            .push(Password::new(key_id, &value, record));
        (StatusCode::OK, Json(shown)).into_response()
    } else {
        let key_id = body
            .get("keyId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let before = inner.graph.apps[i].passwords.len();
        inner.graph.apps[i]
            .passwords
            .retain(|p| !p.key_id.eq_ignore_ascii_case(&key_id));
        if inner.graph.apps[i].passwords.len() == before {
            return error(
                StatusCode::BAD_REQUEST,
                "Request_BadRequest",
                &format!("No password credential found with keyId '{key_id}'."),
            );
        }
        StatusCode::NO_CONTENT.into_response()
    };
    let app_id = inner.graph.apps[i].app_id().to_string();
    inner.sync_app(&app_id, None);
    answer
}

/// A new secret's record and value, from the request's `passwordCredential` (all optional).
fn new_password(asked: Option<&Value>) -> Result<(Value, String), Response> {
    let now = OffsetDateTime::now_utc();
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, "Request_BadRequest", m);
    let end = match asked.and_then(|a| a.get("endDateTime")).and_then(Value::as_str) {
        Some(e) => OffsetDateTime::parse(e, &Rfc3339)
            .map_err(|_| bad("Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'."))?,
        None => now + time::Duration::days(730),
    };
    if end <= now {
        return Err(bad("Credential end date must be in the future."));
    }
    let name = asked.and_then(|a| a.get("displayName")).cloned().unwrap_or(Value::Null);
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.";
    let mut rng = rand::thread_rng();
    let mut random = |n: usize| -> String {
        (0..n)
            .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
            .collect()
    };
    // Entra's secrets look like `abc8Q~…`: a three-character hint, a version marker, then 34 more.
    let hint = random(3);
    let value = format!("{hint}8Q~{}", random(34));
    let at = |t: OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    let record = json!({
        "customKeyIdentifier": null, "displayName": name, "endDateTime": at(end), "hint": hint,
        "keyId": new_id(), "secretText": null, "startDateTime": at(now),
    });
    Ok((record, value))
}
