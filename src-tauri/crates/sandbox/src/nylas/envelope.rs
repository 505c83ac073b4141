//! Nylas v3 response envelopes and error bodies.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::state::new_id;

/// Any Nylas answer: a fresh `request_id` in the body and in `x-request-id` (the SDKs read the
/// header on errors).
pub fn answer(status: StatusCode, mut body: Value) -> Response {
    let id = new_id();
    body["request_id"] = json!(id);
    let mut resp = (status, axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
    resp
}

pub fn data(status: StatusCode, data: Value) -> Response {
    answer(status, json!({ "data": data }))
}

pub fn list(data: Vec<Value>, limit: usize, offset: usize) -> Response {
    answer(
        StatusCode::OK,
        json!({ "data": data, "limit": limit, "offset": offset }),
    )
}

/// A delete's answer: the request id alone.
pub fn deleted() -> Response {
    answer(StatusCode::OK, json!({}))
}

pub fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    error_with(status, kind, message, None)
}

pub fn error_with(status: StatusCode, kind: &str, message: &str, provider_error: Option<Value>) -> Response {
    let mut err = json!({ "type": kind, "message": message });
    if let Some(p) = provider_error {
        err["provider_error"] = p;
    }
    answer(status, json!({ "error": err }))
}

pub fn unauthorized() -> Response {
    error(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized")
}

pub fn not_found(what: &str) -> Response {
    error(StatusCode::NOT_FOUND, "not_found_error", &format!("{what} not found"))
}
