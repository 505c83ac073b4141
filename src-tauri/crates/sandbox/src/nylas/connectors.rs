//! `/v3/connectors`: one connector per provider, addressed by provider name.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use super::envelope::{data, error, list as list_env, not_found};
use crate::state::identity::digest;
use crate::state::{Connector, SandboxState};

fn view(provider: &str, c: &Connector) -> Value {
    let settings = if provider == "ews" {
        json!({})
    } else {
        json!({ "client_id": c.client_id, "tenant": c.tenant })
    };
    json!({ "name": c.name, "provider": provider, "settings": settings, "scope": c.scope })
}

fn parse(provider: &str, body: &Value, existing: Option<&Connector>) -> Result<Connector, String> {
    if provider == "ews" {
        let scope = match body.get("scope") {
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => vec!["ews.messages".into(), "ews.calendar".into(), "ews.contacts".into()],
        };
        return Ok(Connector {
            name: "ews".into(),
            provider: "ews".into(),
            client_id: String::new(),
            secret_digest: String::new(),
            tenant: None,
            scope,
        });
    }
    let settings = body.get("settings");
    let field = |k: &str| {
        settings
            .and_then(|s| s.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let client_id = field("client_id")
        .or_else(|| existing.map(|e| e.client_id.clone()))
        .ok_or("settings.client_id is required")?;
    let secret_digest = field("client_secret")
        .map(|s| digest(&s))
        .or_else(|| existing.map(|e| e.secret_digest.clone()))
        .ok_or("settings.client_secret is required")?;
    let scope = match body.get("scope") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(_) => return Err("scope must be an array of strings".into()),
        None => existing.map(|e| e.scope.clone()).unwrap_or_default(),
    };
    Ok(Connector {
        provider: provider.into(),
        name: body
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| existing.map(|e| e.name.clone()))
            .unwrap_or_else(|| "microsoft".into()),
        client_id,
        secret_digest,
        tenant: field("tenant").or_else(|| existing.and_then(|e| e.tenant.clone())),
        scope,
    })
}

pub async fn create(State(st): State<Arc<SandboxState>>, Json(body): Json<Value>) -> Response {
    let Some(provider) = body.get("provider").and_then(Value::as_str).map(str::to_string) else {
        return error(StatusCode::BAD_REQUEST, "invalid_request_error", "provider is required");
    };
    if !matches!(
        provider.as_str(),
        "microsoft" | "google" | "ews" | "imap" | "icloud" | "yahoo" | "zoom"
    ) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("unsupported provider '{provider}'"),
        );
    }
    let mut inner = st.lock();
    if inner.connectors.contains_key(&provider) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("A connector for provider '{provider}' already exists for this application."),
        );
    }
    match parse(&provider, &body, None) {
        Ok(c) => {
            let v = view(&provider, &c);
            inner.connectors.insert(provider, c);
            data(StatusCode::CREATED, v)
        }
        Err(m) => error(StatusCode::BAD_REQUEST, "invalid_request_error", &m),
    }
}

pub async fn list(State(st): State<Arc<SandboxState>>) -> Response {
    let inner = st.lock();
    let all: Vec<Value> = inner.connectors.iter().map(|(p, c)| view(p, c)).collect();
    list_env(all, 10, 0)
}

pub async fn get(State(st): State<Arc<SandboxState>>, Path(provider): Path<String>) -> Response {
    match st.lock().connectors.get(&provider) {
        Some(c) => data(StatusCode::OK, view(&provider, c)),
        None => not_found("Connector"),
    }
}

pub async fn update(
    State(st): State<Arc<SandboxState>>,
    Path(provider): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let mut inner = st.lock();
    let Some(existing) = inner.connectors.get(&provider).cloned() else {
        return not_found("Connector");
    };
    match parse(&provider, &body, Some(&existing)) {
        Ok(c) => {
            let v = view(&provider, &c);
            inner.connectors.insert(provider, c);
            data(StatusCode::OK, v)
        }
        Err(m) => error(StatusCode::BAD_REQUEST, "invalid_request_error", &m),
    }
}

pub async fn delete(State(st): State<Arc<SandboxState>>, Path(provider): Path<String>) -> Response {
    if st.lock().connectors.remove(&provider).is_none() {
        return not_found("Connector");
    }
    super::envelope::deleted()
}
