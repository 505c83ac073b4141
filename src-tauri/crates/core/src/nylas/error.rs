//! What can go wrong talking to Nylas, as data: the HTTP status with Nylas's error `type`,
//! message and request id; an OAuth error from `/v3/connect/token`; an unreachable or unreadable
//! service. Turned into the admin-facing [`AppError`] once, by `From`.

use serde::Deserialize;

use crate::error::{AppError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum NylasError {
    #[error("Nylas answered HTTP {status} when trying to {what}")]
    Status {
        status: u16,
        /// Nylas's error `type`, e.g. `unauthorized` or `grant.refresh_token_invalid`.
        kind: Option<String>,
        message: Option<String>,
        provider_error: Option<serde_json::Value>,
        request_id: Option<String>,
        what: &'static str,
    },
    #[error("Nylas refused the sign-in code (HTTP {status} {error})")]
    OAuth {
        status: u16,
        error: String,
        description: String,
    },
    #[error("could not reach Nylas to {what}: {detail}")]
    Unreachable {
        what: &'static str,
        timed_out: bool,
        detail: String,
    },
    #[error("Nylas's answer could not be read when trying to {what}: {detail}")]
    Unreadable { what: &'static str, detail: String },
}

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

impl NylasError {
    /// Reads a non-success answer of the REST API (`{"request_id","error":{"type","message"}}`).
    pub fn from_response(status: u16, body: &[u8], what: &'static str) -> Self {
        let env: Option<Envelope> = serde_json::from_slice(body).ok();
        let request_id = env.as_ref().and_then(|e| e.request_id.clone());
        let b = env.and_then(|e| e.error);
        NylasError::Status {
            status,
            kind: b.as_ref().and_then(|b| b.kind.clone()),
            message: b.as_ref().and_then(|b| b.message.clone()),
            provider_error: b.and_then(|b| b.provider_error),
            request_id,
            what,
        }
    }

    /// Reads an error of Nylas's OAuth endpoints (`{"error","error_description"}`).
    pub fn from_oauth_response(status: u16, body: &[u8]) -> Self {
        let v: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let text = |k: &str| v.get(k).and_then(|e| e.as_str()).map(str::to_string);
        NylasError::OAuth {
            status,
            error: text("error").unwrap_or_else(|| "unknown_error".into()),
            description: text("error_description").unwrap_or_default(),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            NylasError::Status { status, .. } | NylasError::OAuth { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
}

impl From<NylasError> for AppError {
    fn from(e: NylasError) -> Self {
        match e {
            NylasError::Status {
                status,
                kind,
                message,
                provider_error,
                request_id,
                what,
            } => {
                let mut detail = format!("HTTP {status}");
                if let Some(k) = &kind {
                    detail.push_str(&format!(" {k}"));
                }
                let message = message.filter(|m| !m.is_empty());
                if let Some(m) = &message {
                    detail.push_str(&format!(": {m}"));
                }
                if let Some(p) = provider_error {
                    detail.push_str(&format!(" (provider: {p})"));
                }
                if let Some(id) = request_id {
                    detail.push_str(&format!(" [request {id}]"));
                }
                status_error(status, kind.as_deref(), message.as_deref(), what).with_detail(detail)
            }
            NylasError::OAuth {
                status,
                error,
                description,
            } => oauth_error(&error).with_detail(format!("HTTP {status} {error}: {description}")),
            NylasError::Unreachable {
                what,
                timed_out,
                detail,
            } => AppError::new(
                ErrorCode::Network,
                if timed_out {
                    format!("Nylas did not answer in time when trying to {what}.")
                } else {
                    format!("Could not reach Nylas to {what}.")
                },
            )
            .with_fix("Check your internet connection and the Nylas region, then try again.")
            .with_detail(detail),
            NylasError::Unreadable { what, detail } => AppError::new(
                ErrorCode::Nylas,
                format!("Nylas's answer could not be read when trying to {what}."),
            )
            .with_fix("Check that the Nylas API address is right.")
            .with_detail(detail),
        }
    }
}

/// Explains a non-success answer. A 401 is told apart by Nylas's error `type`: only an
/// authentication error of the API itself blames the API key.
fn status_error(status: u16, kind: Option<&str>, message: Option<&str>, what: &str) -> AppError {
    match kind {
        Some("grant.refresh_token_invalid") => {
            return AppError::new(ErrorCode::Microsoft, "Microsoft refused the mailbox's sign-in when Nylas tried to use it.")
                .with_fix("Sign in to the mailbox again. If it repeats, check that the Nylas connector uses the same Azure app (client ID and secret) as this profile.");
        }
        Some("grant.invalid_authentication" | "grant.access_denied") => {
            return AppError::new(
                ErrorCode::Nylas,
                format!("The mail server refused the mailbox's credentials when Nylas tried to {what}."),
            )
            .with_fix(
                "Check the mailbox's username and password (for Exchange on-premises) or sign in to the mailbox again.",
            )
            .on_field("password");
        }
        // A 401 of another kind (`api.internal_error`, say) is not the key's fault: say what it was.
        Some(other) if status == 401 && other != "unauthorized" && !other.contains("authentication") => {
            return AppError::new(ErrorCode::Nylas, format!("Nylas refused to {what} ({other})."))
                .with_fix("Try again in a minute. If it repeats, send the technical detail to Nylas support: the API key was not the problem.");
        }
        _ => {}
    }
    let (code, msg, fix): (ErrorCode, String, &str) = match status {
        401 => (ErrorCode::Nylas, "Nylas did not accept the API key.".into(),
            "Check that you pasted the whole API key and chose the region your Nylas application is in (US or EU); a key from one region is refused in the other."),
        403 => (ErrorCode::Nylas, format!("Nylas refused to {what}."), "Check that the API key belongs to the right Nylas application and has access."),
        404 => (ErrorCode::NotFound, format!("Nylas could not find what was needed to {what}."), "Check the region and that the Nylas application still exists."),
        429 => (ErrorCode::Nylas, "Nylas is rate-limiting requests.".into(), "Wait a minute and try again."),
        500..=599 => (ErrorCode::Nylas, "Nylas had a temporary problem.".into(), "Wait a minute and try again; check status.nylas.com if it persists."),
        // Any other refusal says what Nylas said, so its fix can point at it.
        _ => match message {
            Some(m) => (ErrorCode::Nylas, format!("Nylas could not {what}: {}.", m.trim_end_matches('.')), "Correct what Nylas's message names, then try again."),
            None => (ErrorCode::Nylas, format!("Nylas could not {what}."), "Try again; if it repeats, send the technical detail to Nylas support."),
        },
    };
    let err = AppError::new(code, msg).with_fix(fix);
    if status == 401 {
        err.on_field("api_key")
    } else {
        err
    }
}

fn oauth_error(error: &str) -> AppError {
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
    AppError::new(ErrorCode::Nylas, message).with_fix(fix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_api_key() {
        let body = br#"{"request_id":"r1","error":{"type":"unauthorized","message":"Unauthorized"}}"#;
        let typed = NylasError::from_response(401, body, "check the key");
        assert_eq!(typed.status(), Some(401));
        let e = AppError::from(typed);
        assert_eq!(e.field.as_deref(), Some("api_key"));
        assert_eq!(
            e.detail.as_deref(),
            Some("HTTP 401 unauthorized: Unauthorized [request r1]")
        );
        assert!(e.fix.unwrap().contains("region"));
    }

    #[test]
    fn a_401_blames_what_its_type_names() {
        let body = br#"{"request_id":"r","error":{"type":"grant.refresh_token_invalid","message":"Invalid refresh_token supplied to Grant."}}"#;
        let e = AppError::from(NylasError::from_response(401, body, "register the mailbox"));
        assert_eq!(e.code, ErrorCode::Microsoft);
        assert_eq!(e.field, None);
        assert!(!e.message.contains("API key"), "{e:?}");
        let body = br#"{"request_id":"r","error":{"type":"grant.invalid_authentication","message":"The Exchange server rejected the username or password."}}"#;
        let e = AppError::from(NylasError::from_response(401, body, "register the Exchange mailbox"));
        assert_eq!(e.field.as_deref(), Some("password"));
        assert!(!e.message.contains("API key"), "{e:?}");
        let body = br#"{"request_id":"r","error":{"type":"api.internal_error","message":"Something failed"}}"#;
        let e = AppError::from(NylasError::from_response(401, body, "list the grants"));
        assert_eq!(e.field, None, "{e:?}");
        assert!(
            e.message.contains("api.internal_error") && !e.message.contains("API key"),
            "{e:?}"
        );
        let body = br#"{"request_id":"r","error":{"type":"api.authentication_error","message":"Unauthorized"}}"#;
        let e = AppError::from(NylasError::from_response(401, body, "check the key"));
        assert_eq!(e.field.as_deref(), Some("api_key"));
    }

    #[test]
    fn not_found_is_a_fact_not_text() {
        let e = NylasError::from_response(404, b"", "read the grant");
        assert!(e.is_not_found());
        assert_eq!(AppError::from(e).code, ErrorCode::NotFound);
    }

    #[test]
    fn provider_error_kept() {
        let body = br#"{"request_id":"r","error":{"type":"invalid_request_error","message":"bad","provider_error":{"error":"invalid_grant"}}}"#;
        let e = AppError::from(NylasError::from_response(400, body, "create the grant"));
        // The message says what Nylas said, so the fix's "what Nylas's message names" is there.
        assert_eq!(e.message, "Nylas could not create the grant: bad.");
        assert!(e.detail.unwrap().contains("invalid_grant"));
        let e = AppError::from(NylasError::from_response(502, b"<html>", "x"));
        assert_eq!(e.detail.as_deref(), Some("HTTP 502"));
    }
}
