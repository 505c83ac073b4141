//! Nylas error bodies (`{"request_id","error":{"type","message","provider_error"}}`) turned into
//! messages an admin can act on.

use serde::Deserialize;

use crate::error::{AppError, ErrorCode};

#[derive(Debug, Deserialize)]
struct Envelope {
    request_id: Option<String>,
    error: Option<Body>,
}

#[derive(Debug, Deserialize)]
struct Body {
    #[serde(rename = "type")]
    kind: Option<String>,
    message: Option<String>,
    provider_error: Option<serde_json::Value>,
}

/// Builds the error for a non-success Nylas response.
pub fn from_response(status: u16, body: &[u8], what: &str) -> AppError {
    let parsed: Option<Envelope> = serde_json::from_slice(body).ok();
    let (kind, message, provider, request_id) = match parsed {
        Some(Envelope {
            error: Some(b),
            request_id,
        }) => (
            b.kind.unwrap_or_default(),
            b.message.unwrap_or_default(),
            b.provider_error,
            request_id,
        ),
        _ => (String::new(), String::new(), None, None),
    };
    let (msg, fix): (String, &str) = match status {
        401 => (
            "Nylas did not accept the API key.".into(),
            "Check that you pasted the whole API key and chose the region your Nylas application is in (US or EU); a key from one region is refused in the other.",
        ),
        403 => (format!("Nylas refused to {what}."), "Check that the API key belongs to the right Nylas application and has access."),
        404 => (format!("Nylas could not find what was needed to {what}."), "Check the region and that the Nylas application still exists."),
        429 => ("Nylas is rate-limiting requests.".into(), "Wait a minute and try again."),
        500..=599 => ("Nylas had a temporary problem.".into(), "Wait a minute and try again; check status.nylas.com if it persists."),
        _ => (format!("Nylas could not {what}."), "Read Nylas's message below and correct the value it names."),
    };
    let mut detail = format!("HTTP {status}");
    if !kind.is_empty() {
        detail.push_str(&format!(" {kind}"));
    }
    if !message.is_empty() {
        detail.push_str(&format!(": {message}"));
    }
    if let Some(p) = provider {
        detail.push_str(&format!(" (provider: {p})"));
    }
    if let Some(id) = request_id {
        detail.push_str(&format!(" [request {id}]"));
    }
    let mut err = AppError::new(ErrorCode::Nylas, msg).with_fix(fix).with_detail(detail);
    if status == 401 {
        err = err.on_field("api_key");
    }
    err
}

/// Errors from Nylas's OAuth endpoints (`{"error","error_description","error_code"}`).
pub fn from_oauth_response(status: u16, body: &[u8]) -> AppError {
    let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let error = v.get("error").and_then(|e| e.as_str()).unwrap_or("unknown_error");
    let description = v.get("error_description").and_then(|e| e.as_str()).unwrap_or("");
    let (message, fix) = match error {
        "invalid_grant" => (
            "The sign-in code was already used or has expired.",
            "Start the sign-in again.",
        ),
        "invalid_client" | "unauthorized_client" => (
            "Nylas rejected the application credentials.",
            "Check the Nylas API key and region in the Nylas step.",
        ),
        _ => (
            "Nylas could not finish the sign-in.",
            "Start the sign-in again; if it repeats, check the callback URI registered in Nylas.",
        ),
    };
    AppError::new(ErrorCode::Nylas, message)
        .with_fix(fix)
        .with_detail(format!("HTTP {status} {error}: {description}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_api_key() {
        let e = from_response(
            401,
            br#"{"request_id":"r1","error":{"type":"unauthorized","message":"Unauthorized"}}"#,
            "check the key",
        );
        assert_eq!(e.field.as_deref(), Some("api_key"));
        assert_eq!(
            e.detail.as_deref(),
            Some("HTTP 401 unauthorized: Unauthorized [request r1]")
        );
        assert!(e.fix.unwrap().contains("region"));
    }

    #[test]
    fn provider_error_kept() {
        let e = from_response(400, br#"{"request_id":"r","error":{"type":"invalid_request_error","message":"bad","provider_error":{"error":"invalid_grant"}}}"#, "create the grant");
        assert!(e.detail.unwrap().contains("invalid_grant"));
        let e = from_response(502, b"<html>", "x");
        assert_eq!(e.detail.as_deref(), Some("HTTP 502"));
    }
}
