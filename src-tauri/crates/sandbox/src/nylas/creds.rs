//! `/v3/connectors/{provider}/creds` (admin-consent and connector credentials) and
//! `/v3/applications/redirect-uris` (the callback URIs Hosted auth may redirect to).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use super::envelope::{data, error, list, not_found};
use crate::state::identity::digest;
use crate::state::{new_id, now_unix, Credential, SandboxState};

pub async fn create(
    State(st): State<Arc<SandboxState>>,
    Path(provider): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let mut inner = st.lock();
    let Some(conn) = inner.connectors.get(&provider).cloned() else {
        return not_found("Connector");
    };
    let kind = body.get("credential_type").and_then(Value::as_str).unwrap_or("");
    if !matches!(kind, "adminconsent" | "connector" | "serviceaccount") {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "credential_type must be adminconsent, connector or serviceaccount",
        );
    }
    let Some(name) = body.get("name").and_then(Value::as_str).filter(|n| !n.is_empty()) else {
        return error(StatusCode::BAD_REQUEST, "invalid_request_error", "name is required");
    };
    let cd = body.get("credential_data");
    let field = |k: &str| cd.and_then(|c| c.get(k)).and_then(Value::as_str).map(str::to_string);
    let client_id = field("client_id").unwrap_or(conn.client_id.clone());
    let secret = field("client_secret")
        .map(|s| digest(&s))
        .unwrap_or(conn.secret_digest.clone());
    if inner
        .app(&client_id)
        .is_none_or(|a| !a.secrets.iter().any(|s| s.digest == secret && !s.expired()))
    {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "credential_data does not hold a valid client_id and client_secret for the provider",
        );
    }
    let now = now_unix();
    let c = Credential {
        id: new_id(),
        name: name.into(),
        kind: kind.into(),
        client_id,
        tenant: field("tenant"),
        created_at: now,
    };
    inner.credentials.push(c.clone());
    data(StatusCode::CREATED, credential_view(&c))
}

/// A credential as Nylas shows it: never its secret data, nor (per the spec) its type.
fn credential_view(c: &Credential) -> Value {
    json!({ "id": c.id, "name": c.name, "created_at": c.created_at, "updated_at": c.created_at })
}

pub async fn list_creds(State(st): State<Arc<SandboxState>>) -> Response {
    let inner = st.lock();
    let all = inner.credentials.iter().map(credential_view).collect();
    list(all, 10, 0)
}

pub async fn callback_uris(State(st): State<Arc<SandboxState>>) -> Response {
    let all: Vec<Value> = st
        .lock()
        .callback_uris
        .iter()
        .map(|(id, url)| callback_view(id, url))
        .collect();
    // The spec shows no `request_id` here, but the official SDKs read one from every answer.
    super::envelope::answer(StatusCode::OK, json!({ "success": true, "data": all }))
}

pub fn callback_view(id: &str, url: &str) -> Value {
    json!({ "id": id, "url": url, "platform": "web" })
}

pub async fn add_callback_uri(State(st): State<Arc<SandboxState>>, Json(body): Json<Value>) -> Response {
    let Some(url) = body.get("url").and_then(Value::as_str) else {
        return error(StatusCode::BAD_REQUEST, "invalid_request_error", "url is required");
    };
    let ok = url::Url::parse(url).is_ok_and(|u| {
        u.scheme() == "https" || (u.scheme() == "http" && matches!(u.host_str(), Some("localhost" | "127.0.0.1")))
    });
    if !ok {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "Redirect URI is not HTTPS or localhost.",
        );
    }
    let id = new_id();
    st.lock().callback_uris.push((id.clone(), url.into()));
    data(
        StatusCode::OK,
        json!({ "id": id, "url": url, "platform": body.get("platform").cloned().unwrap_or(json!("web")) }),
    )
}
