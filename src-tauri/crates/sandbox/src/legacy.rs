//! The Nylas v2 (legacy) API, for migration: native auth (`/connect/authorize` for exchange and
//! office365, then `/connect/token`) and account management (`/a/{client_id}/accounts`, HTTP
//! Basic with the client secret as user name).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use crate::fixtures::{EWS_USERS, USERS, V2_CLIENT_ID, V2_CLIENT_SECRET};
pub use crate::state::legacy::seed;
use crate::state::{now_unix, opaque, SandboxState, V2Account};

pub fn router(st: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/a/{client_id}/accounts", get(accounts))
        .route("/connect/authorize", post(authorize))
        .route("/connect/token", post(token))
        .with_state(st)
}

fn v2_error(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, Json(json!({ "type": kind, "message": message }))).into_response()
}

fn basic_secret(headers: &HeaderMap) -> Option<String> {
    let b64 = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let raw = String::from_utf8(STANDARD.decode(b64).ok()?).ok()?;
    raw.split_once(':').map(|(u, _)| u.to_string())
}

fn view(a: &V2Account) -> Value {
    json!({
        "id": a.id, "account_id": a.id, "email": a.email, "provider": a.provider,
        "authentication_type": a.authentication_type, "billing_state": "paid", "sync_state": "running",
        "trial": false, "metadata": {},
    })
}

async fn accounts(
    State(st): State<Arc<SandboxState>>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if basic_secret(&headers).as_deref() != Some(V2_CLIENT_SECRET) {
        return v2_error(
            StatusCode::UNAUTHORIZED,
            "api_error",
            "Unauthorized. Use HTTP Basic with your client secret as the user name.",
        );
    }
    if client_id != V2_CLIENT_ID {
        return v2_error(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            "No application with that client_id.",
        );
    }
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100usize)
        .clamp(1, 1000);
    let offset = q.get("offset").and_then(|l| l.parse().ok()).unwrap_or(0usize);
    let (page, latency): (Vec<Value>, u64) = {
        let inner = st.lock();
        (
            inner.v2_accounts.iter().skip(offset).take(limit).map(view).collect(),
            inner.v2_latency_ms,
        )
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    Json(page).into_response()
}

async fn authorize(State(st): State<Arc<SandboxState>>, Json(body): Json<Value>) -> Response {
    let get = |p: &str| body.pointer(p).and_then(Value::as_str).unwrap_or("").to_string();
    if get("/client_id") != V2_CLIENT_ID {
        return v2_error(StatusCode::BAD_REQUEST, "invalid_request_error", "Invalid client_id.");
    }
    let (email, name, provider) = (get("/email_address"), get("/name"), get("/provider"));
    let ok = match provider.as_str() {
        "exchange" => EWS_USERS
            .iter()
            .any(|(_, m, p)| m.eq_ignore_ascii_case(&get("/settings/username")) && *p == get("/settings/password")),
        "office365" => {
            let inner = st.lock();
            let rt = inner.refresh.get(&get("/settings/microsoft_refresh_token")).cloned();
            let secret_ok = inner.app(&get("/settings/microsoft_client_id")).is_some_and(|a| {
                a.secrets
                    .iter()
                    .any(|s| s.is(&get("/settings/microsoft_client_secret")) && !s.expired())
            });
            secret_ok && rt.is_some_and(|r| r.client_id.eq_ignore_ascii_case(&get("/settings/microsoft_client_id")))
        }
        _ => {
            return v2_error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "provider must be exchange or office365 in the sandbox.",
            )
        }
    };
    if !ok {
        return v2_error(
            StatusCode::FORBIDDEN,
            "invalid_credentials",
            "Invalid credentials: the provider rejected them.",
        );
    }
    let user_name = if name.is_empty() {
        USERS
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(&email))
            .map(|u| u.name.to_string())
            .unwrap_or_default()
    } else {
        name
    };
    let mut inner = st.lock();
    let id = format!("{:0>25}", format!("nat{}", inner.v2_accounts.len()));
    let provider = if provider == "exchange" { "eas" } else { "office365" };
    inner.v2_accounts.push(V2Account {
        id: id.clone(),
        email,
        name: user_name,
        provider: provider.into(),
        authentication_type: if provider == "eas" {
            "password".into()
        } else {
            "oauth".into()
        },
    });
    let code = opaque("v2c.");
    inner.v2_codes.insert(code.clone(), id);
    Json(json!({ "code": code })).into_response()
}

async fn token(State(st): State<Arc<SandboxState>>, Json(body): Json<Value>) -> Response {
    let get = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    if get("client_id") != V2_CLIENT_ID || get("client_secret") != V2_CLIENT_SECRET {
        return v2_error(
            StatusCode::UNAUTHORIZED,
            "api_error",
            "Invalid client_id or client_secret.",
        );
    }
    let mut inner = st.lock();
    let Some(id) = inner.v2_codes.remove(&get("code")) else {
        return v2_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "Invalid or used code.",
        );
    };
    let Some(a) = inner.v2_accounts.iter().find(|a| a.id == id).cloned() else {
        return v2_error(StatusCode::BAD_REQUEST, "invalid_request_error", "Account gone.");
    };
    Json(json!({
        "access_token": opaque("v2at."), "account_id": a.id, "email_address": a.email, "id": a.id,
        "name": a.name, "object": "account", "organization_unit": "folder", "provider": a.provider,
        "sync_state": "running", "linked_at": now_unix(),
    }))
    .into_response()
}
