//! Errors as the UI sees them: a stable `code`, a plain `message`, and a `fix` in plain words.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable error codes the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    InvalidInput,
    Keychain,
    Network,
    Microsoft,
    Nylas,
    /// Microsoft says an administrator must approve the app (the admin-consent path helps).
    AdminApprovalRequired,
    /// What was asked for does not exist (a grant ID or email unknown to Nylas).
    NotFound,
    /// The user stopped the sign-in in the app.
    ConsentCancelled,
    /// The user stopped a job between two of its steps.
    Cancelled,
    /// Microsoft came back without consent: Cancel on its permissions page, or "Return to the
    /// application" from its "Need admin approval" page (both arrive as AADSTS65004).
    ConsentDeclined,
    ConsentTimeout,
    /// Microsoft Graph refused or failed a call (app creation, rotation).
    Graph,
    /// The signed-in account lacks the directory role the step needs (named in the fix).
    AdminRoleRequired,
    /// No loopback port could be opened for the sign-in reply.
    LocalPort,
    /// The update server or the update's download failed; the running version is unchanged.
    Update,
    /// An update's signature did not hold: nothing was installed.
    UpdateRefused,
    /// Other work is under way (a sign-in, a check, a run over many mailboxes).
    Busy,
    Storage,
    Internal,
}

/// An error with everything a non-technical admin needs: what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The form field the error belongs to, so the UI can point at it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A provider-specific code (e.g. `AADSTS7000215` or a Nylas error type).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fix: None,
            field: None,
            detail: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
            .with_fix(fix)
            .on_field(field)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub fn on_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// An error with every cause under it ("error sending request: client error (Connect): dns
/// error: failed to lookup address"), so a technical detail names what really failed.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut said = e.to_string();
    let mut under = e.source();
    while let Some(cause) = under {
        let text = cause.to_string();
        if !said.contains(&text) {
            said.push_str(": ");
            said.push_str(&text);
        }
        under = cause.source();
    }
    said
}
