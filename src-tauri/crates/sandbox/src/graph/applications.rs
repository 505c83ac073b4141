//! `/v1.0/applications`: create, upsert by `uniqueName`, get, list with `$filter`, update,
//! delete, `addPassword` and `removePassword`. Every change reaches the identity platform, so
//! an app created here signs users in (after the tenant's replication delay).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};

use super::app_document::{apply, fresh_doc};
use super::{caller, denied, error, filter, READ, WRITE};
use crate::state::graph::GraphApp;
use crate::state::{Inner, SandboxState};

type St = State<Arc<SandboxState>>;

pub(super) fn not_found(what: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "Request_ResourceNotFound",
        &format!("Resource '{what}' does not exist or one of its queried reference-property objects are not present."),
    )
}

pub(super) fn body_object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(error(StatusCode::BAD_REQUEST, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.")),
    }
}

/// Creates an app from a checked body (the caller may create apps).
fn insert(inner: &mut Inner, mut doc: Map<String, Value>, body: Map<String, Value>) -> Result<Value, Response> {
    apply(&mut doc, body)?;
    let app = GraphApp { doc, passwords: vec![] };
    let (app_id, answer) = (app.app_id().to_string(), app.to_json());
    inner.graph.apps.push(app);
    let ready_at = Instant::now() + inner.graph.replication;
    inner.sync_app(&app_id, Some(ready_at));
    Ok(answer)
}

fn may_create(st: &SandboxState, headers: &HeaderMap) -> Result<(), Response> {
    let c = caller(st, headers)?;
    c.needs(WRITE)?;
    if !c.is_admin() && !st.lock().graph.users_can_register_apps {
        return Err(denied());
    }
    Ok(())
}

pub async fn create(State(st): St, headers: HeaderMap, body: Bytes) -> Response {
    let made = body_object(&body).and_then(|b| create_from(&st, &headers, b));
    match made {
        Ok(app) => (StatusCode::CREATED, Json(app)).into_response(),
        Err(r) => r,
    }
}

/// Creates an app for a caller who may; `uniqueName`, when given, must be free.
pub(super) fn create_from(st: &SandboxState, headers: &HeaderMap, body: Map<String, Value>) -> Result<Value, Response> {
    may_create(st, headers)?;
    let mut inner = st.lock();
    if let Some(u) = body.get("uniqueName").and_then(Value::as_str) {
        if inner.graph.app_by("uniqueName", u).is_some() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "Request_MultipleObjectsWithSameKeyValue",
                "Another object with the same value for property uniqueName already exists.",
            ));
        }
    }
    insert(&mut inner, fresh_doc(), body)
}

pub async fn list(State(st): St, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(READ)) {
        return r;
    }
    let all = st.lock().graph.apps.iter().map(GraphApp::to_json).collect();
    filter::answer(&q, "applications", all)
}

/// The app at `key=value` (`id`, `appId` or `uniqueName`), for a reader or a writer.
pub(super) fn found(
    st: &SandboxState,
    headers: &HeaderMap,
    key: &str,
    value: &str,
    write: bool,
) -> Result<usize, Response> {
    caller(st, headers)?.needs(if write { WRITE } else { READ })?;
    st.lock().graph.app_by(key, value).ok_or_else(|| not_found(value))
}

pub async fn get_one(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    read(&st, &headers, "id", &id)
}

pub(super) fn read(st: &SandboxState, headers: &HeaderMap, key: &str, value: &str) -> Response {
    match found(st, headers, key, value, false) {
        Ok(i) => Json(st.lock().graph.apps[i].to_json()).into_response(),
        Err(r) => r,
    }
}

pub async fn update(State(st): St, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    write(&st, &headers, "id", &id, &body)
}

pub(super) fn write(st: &SandboxState, headers: &HeaderMap, key: &str, value: &str, body: &Bytes) -> Response {
    let i = match found(st, headers, key, value, true) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let body = match body_object(body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut inner = st.lock();
    let mut doc = inner.graph.apps[i].doc.clone();
    if let Err(r) = apply(&mut doc, body) {
        return r;
    }
    inner.graph.apps[i].doc = doc;
    let app_id = inner.graph.apps[i].app_id().to_string();
    inner.sync_app(&app_id, None);
    StatusCode::NO_CONTENT.into_response()
}

pub async fn delete(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    remove(&st, &headers, "id", &id)
}

/// Deletes the app, its service principal and that principal's grants.
pub(super) fn remove(st: &SandboxState, headers: &HeaderMap, key: &str, value: &str) -> Response {
    let i = match found(st, headers, key, value, true) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let mut inner = st.lock();
    let app = inner.graph.apps.remove(i);
    let app_id = app.app_id().to_string();
    if let Some(sp) = inner.graph.sp_by("appId", &app_id) {
        let sp = inner.graph.service_principals.remove(sp);
        let sp_id = sp["id"].as_str().unwrap_or_default().to_string();
        inner
            .graph
            .grants
            .retain(|g| g["clientId"].as_str() != Some(sp_id.as_str()));
    }
    inner.admin_consents.retain(|(c, _)| !c.eq_ignore_ascii_case(&app_id));
    inner.sync_app(&app_id, None);
    StatusCode::NO_CONTENT.into_response()
}
