//! Graph's error answers (`{"error":{"code","message","innerError":{"request-id"}}}`) and what
//! each means for an admin: which role is missing, what the tenant restricts, when to retry.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;
use serde_json::Value;

use crate::error::{AppError, ErrorCode};

#[derive(Debug, Clone)]
pub struct GraphError {
    /// `None` when Graph could not be reached or read.
    pub status: Option<StatusCode>,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
    /// The codes of the error's `details` entries (e.g. `NoBackingApplicationObject`).
    pub details: Vec<String>,
}

pub(super) fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let secs = h.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs))
}

/// The roles that can create and manage app registrations (least privileged first).
pub const ADMIN_ROLES: &str = "Application Administrator, Cloud Application Administrator or Global Administrator";

impl GraphError {
    pub(super) fn answer(status: StatusCode, body: &str, retry_after: Option<Duration>) -> Self {
        let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let e = &v["error"];
        let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
        Self {
            status: Some(status),
            code: text("code"),
            message: text("message"),
            request_id: e["innerError"]["request-id"].as_str().map(str::to_string),
            retry_after,
            details: e["details"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d["code"].as_str().map(str::to_string))
                .collect(),
        }
    }

    pub(super) fn unreachable(e: reqwest::Error) -> Self {
        Self {
            status: None,
            code: "unreachable".into(),
            message: crate::error::chain(&e),
            request_id: None,
            retry_after: None,
            details: Vec::new(),
        }
    }

    pub(super) fn unreadable(detail: String) -> Self {
        Self {
            status: None,
            code: "unreadable".into(),
            message: detail,
            request_id: None,
            retry_after: None,
            details: Vec::new(),
        }
    }

    /// Whether this is Graph's "the application behind this service principal is not there yet".
    pub fn no_backing_application(&self) -> bool {
        self.code == "NoBackingApplicationObject" || self.details.iter().any(|d| d == "NoBackingApplicationObject")
    }
}

impl From<GraphError> for AppError {
    fn from(g: GraphError) -> Self {
        let detail = match &g.request_id {
            Some(id) => format!("Graph {}: {} (request-id {id})", g.code, g.message),
            None => format!("Graph {}: {}", g.code, g.message),
        };
        let (code, message, fix) = match (g.status.map(|s| s.as_u16()), g.code.as_str()) {
            (None, "unreadable") => (
                ErrorCode::Graph,
                "Microsoft Graph answered something Mailbox Connect could not read.".to_string(),
                "Try again; it continues where it stopped. If it says the same, use the manual checklist instead.".to_string(),
            ),
            (None, _) => (
                ErrorCode::Network,
                "Microsoft Graph could not be reached.".to_string(),
                "Check the internet connection (or the proxy) and try again. Nothing was lost: it continues where it stopped.".to_string(),
            ),
            (Some(401), _) => (
                ErrorCode::Graph,
                "Microsoft Graph no longer accepts your sign-in.".into(),
                "Sign in again as an administrator; it continues where it stopped.".into(),
            ),
            (Some(403), _) => (
                ErrorCode::AdminRoleRequired,
                "Your account is not allowed to create or change app registrations in this organization.".into(),
                format!("Sign in with an account that has the {ADMIN_ROLES} role, or ask one to do this step. Your organization may also have turned off app registration for users (Microsoft Entra admin center → Users → User settings)."),
            ),
            (Some(429), _) => {
                let secs = g.retry_after.map_or(60, |d| d.as_secs());
                (
                    ErrorCode::Graph,
                    "Microsoft Graph is busy and asked to slow down.".into(),
                    format!("Wait about {secs} seconds and try again; it continues where it stopped."),
                )
            }
            (Some(s), _) if s >= 500 => (
                ErrorCode::Graph,
                "Microsoft Graph had a problem on its side.".into(),
                "Try again in a minute; it continues where it stopped.".into(),
            ),
            _ => (
                ErrorCode::Graph,
                format!("Microsoft Graph refused the change: {}", g.message),
                "Try again; if it says the same, use the manual checklist instead.".into(),
            ),
        };
        AppError::new(code, message).with_fix(fix).with_detail(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, code: &str, retry: Option<u64>) -> AppError {
        let body = format!(r#"{{"error":{{"code":"{code}","message":"m","innerError":{{"request-id":"r-1"}}}}}}"#);
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
        GraphError::answer(status, &body, retry.map(Duration::from_secs)).into()
    }

    #[test]
    fn each_refusal_names_its_fix() {
        let e = answer(403, "Authorization_RequestDenied", None);
        assert_eq!(e.code, ErrorCode::AdminRoleRequired);
        assert!(e
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("Cloud Application Administrator")));
        assert!(e.detail.as_deref().is_some_and(|d| d.contains("request-id r-1")));
        let e = answer(429, "TooManyRequests", Some(7));
        assert!(e.fix.as_deref().is_some_and(|f| f.contains("about 7 seconds")), "{e:?}");
        assert_eq!(answer(401, "InvalidAuthenticationToken", None).code, ErrorCode::Graph);
    }
}
