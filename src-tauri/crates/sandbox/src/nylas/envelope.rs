//! Nylas v3 response envelopes and error bodies.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::state::new_id;

pub fn data(status: StatusCode, data: Value) -> Response {
    (status, axum::Json(json!({ "request_id": new_id(), "data": data }))).into_response()
}

pub fn list(data: Vec<Value>, limit: usize, offset: usize) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({ "request_id": new_id(), "data": data, "limit": limit, "offset": offset })),
    )
        .into_response()
}

pub fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    error_with(status, kind, message, None)
}

pub fn error_with(status: StatusCode, kind: &str, message: &str, provider_error: Option<Value>) -> Response {
    let mut err = json!({ "type": kind, "message": message });
    if let Some(p) = provider_error {
        err["provider_error"] = p;
    }
    (status, axum::Json(json!({ "request_id": new_id(), "error": err }))).into_response()
}

pub fn unauthorized() -> Response {
    error(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized")
}

pub fn not_found(what: &str) -> Response {
    error(StatusCode::NOT_FOUND, "not_found_error", &format!("{what} not found"))
}
