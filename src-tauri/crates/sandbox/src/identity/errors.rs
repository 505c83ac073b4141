//! Microsoft's error shapes: the HTML page (not redirected), the redirect parameters, and the
//! token endpoint's JSON.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::state::new_id;

fn timestamp() -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc().format(fmt).unwrap_or_default()
}

/// `AADSTSnnnn: text` followed by trace id, correlation id and timestamp, as Microsoft writes it.
pub fn description(code: u32, text: &str) -> String {
    format!(
        "AADSTS{code}: {text}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
        new_id(),
        new_id(),
        timestamp()
    )
}

pub fn error_uri(code: u32) -> String {
    format!("https://login.microsoftonline.com/error?code={code}")
}

/// The token endpoint's error body.
pub fn token_error(status: StatusCode, error: &str, code: u32, text: &str) -> Response {
    let body = json!({
        "error": error,
        "error_description": description(code, text),
        "error_codes": [code],
        "timestamp": timestamp(),
        "trace_id": new_id(),
        "correlation_id": new_id(),
        "error_uri": error_uri(code),
    });
    (status, [(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
}

/// Microsoft's own error page, shown in the browser when it must not redirect.
pub fn error_page(code: u32, text: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title><style>body{{font-family:"Segoe UI",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}}</style></head><body><h1>Sign in</h1><div id="error" role="alert"><p>Sorry, but we're having trouble signing you in.</p><p id="code">AADSTS{code}: {text}</p><p>Request Id: {rid}</p></div></body></html>"#,
        text = escape(text),
        rid = new_id()
    );
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// Form-encodes like Microsoft: `+` for spaces and lowercase percent escapes.
pub fn encode_pairs(pairs: &[(&str, &str)]) -> String {
    let raw = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().copied())
        .finish();
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            for _ in 0..2 {
                if let Some(h) = chars.next() {
                    out.push(h.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn error_params(
    error: &str,
    code: u32,
    text: &str,
    subcode: Option<&str>,
    state: Option<&str>,
) -> Vec<(String, String)> {
    let mut p = vec![
        ("error".to_string(), error.to_string()),
        ("error_description".into(), description(code, text)),
        ("error_uri".into(), error_uri(code)),
    ];
    if let Some(s) = subcode {
        p.push(("error_subcode".into(), s.into()));
    }
    if let Some(s) = state {
        p.push(("state".into(), s.into()));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_percent_escapes() {
        assert_eq!(encode_pairs(&[("a", "x: y/z")]), "a=x%3a+y%2fz");
    }
}
