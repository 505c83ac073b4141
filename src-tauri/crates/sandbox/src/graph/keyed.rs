//! Entities addressed by an alternate key: `applications(uniqueName='…')` (with upsert through
//! `Prefer: create-if-missing`), `applications(appId='…')` and `servicePrincipals(appId='…')`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::applications::{self, body_object};
use super::{error, passwords, principals};
use crate::state::SandboxState;

type St = State<Arc<SandboxState>>;

/// `entity(key='value')` → (entity, key, value).
fn parse(seg: &str) -> Option<(&str, &str, String)> {
    let (entity, rest) = seg.split_once('(')?;
    let (key, value) = rest.strip_suffix(')')?.split_once('=')?;
    let value = value.strip_prefix('\'')?.strip_suffix('\'')?.replace("''", "'");
    let known = matches!(
        (entity, key),
        ("applications", "uniqueName" | "appId") | ("servicePrincipals", "appId")
    );
    known.then_some((entity, key, value))
}

fn unknown(seg: &str) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "BadRequest",
        &format!("Resource not found for the segment '{seg}'."),
    )
}

pub async fn get(State(st): St, headers: HeaderMap, Path(seg): Path<String>) -> Response {
    match parse(&seg) {
        Some(("applications", key, value)) => applications::read(&st, &headers, key, &value),
        Some((_, key, value)) => principals::read(&st, &headers, key, &value),
        None => unknown(&seg),
    }
}

pub async fn patch(State(st): St, headers: HeaderMap, Path(seg): Path<String>, body: Bytes) -> Response {
    let (key, value) = match parse(&seg) {
        Some(("applications", key, value)) => (key, value),
        Some((_, key, value)) => return principals::write(&st, &headers, key, &value, &body),
        None => return unknown(&seg),
    };
    let create = key == "uniqueName"
        && headers.get_all("prefer").iter().any(|v| {
            v.to_str()
                .is_ok_and(|p| p.split(',').any(|x| x.trim().eq_ignore_ascii_case("create-if-missing")))
        });
    let exists = st.lock().graph.app_by(key, &value).is_some();
    if exists || !create {
        return applications::write(&st, &headers, key, &value, &body);
    }
    // Upsert: a new app under this uniqueName; the body must name it.
    let mut body = match body_object(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if body
        .get("uniqueName")
        .is_some_and(|u| u.as_str() != Some(value.as_str()))
    {
        return error(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            "The uniqueName in the body does not match the one in the address.",
        );
    }
    body.insert("uniqueName".into(), Value::String(value));
    match applications::create_from(&st, &headers, body) {
        Ok(app) => (StatusCode::CREATED, Json(app)).into_response(),
        Err(r) => r,
    }
}

pub async fn delete(State(st): St, headers: HeaderMap, Path(seg): Path<String>) -> Response {
    match parse(&seg) {
        Some(("applications", key, value)) => applications::remove(&st, &headers, key, &value),
        _ => unknown(&seg),
    }
}

pub async fn action(
    State(st): St,
    headers: HeaderMap,
    Path((seg, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    match parse(&seg) {
        Some(("applications", key, value)) => passwords::password(&st, &headers, key, &value, &action, &body),
        _ => unknown(&seg),
    }
}
