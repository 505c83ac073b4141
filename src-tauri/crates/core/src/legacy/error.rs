//! What can go wrong talking to the Nylas v2 API, as data; turned into [`AppError`] by `From`.

use serde_json::Value;

use crate::error::{AppError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum V2Error {
    #[error("the v2 API answered HTTP {status} when trying to {what}")]
    Status {
        status: u16,
        message: String,
        what: &'static str,
    },
    #[error("could not reach the v2 API to {what}: {detail}")]
    Unreachable { what: &'static str, detail: String },
    #[error("the v2 API's answer could not be read when trying to {what}: {detail}")]
    Unreadable { what: &'static str, detail: String },
}

impl V2Error {
    pub fn from_response(status: u16, body: &[u8], what: &'static str) -> Self {
        let v: Value = serde_json::from_slice(body).unwrap_or_default();
        let message = v.get("message").and_then(Value::as_str).unwrap_or("").to_string();
        V2Error::Status { status, message, what }
    }

    pub fn unreachable(e: &reqwest::Error, what: &'static str) -> Self {
        V2Error::Unreachable {
            what,
            detail: crate::error::chain(e),
        }
    }
}

impl From<V2Error> for AppError {
    fn from(e: V2Error) -> Self {
        match e {
            V2Error::Status { status, message, what } => {
                let (message_text, fix, field) = match status {
                    401 => ("The v2 API refused the client secret.", "Copy the v2 client secret again (App Settings in the v2 dashboard).", Some("v2_client_secret")),
                    404 => ("The v2 API does not know this client ID.", "Copy the v2 client ID again.", Some("v2_client_id")),
                    403 => ("The provider rejected the account's credentials.", "Check the username and password, or sign in again.", None),
                    _ => ("The v2 API could not finish.", "Try again; if it repeats, note the detail for Nylas support.", None),
                };
                let err = AppError::new(ErrorCode::Nylas, message_text)
                    .with_fix(fix)
                    .with_detail(format!("HTTP {status} when trying to {what}: {message}"));
                match field {
                    Some(f) => err.on_field(f),
                    None => err,
                }
            }
            V2Error::Unreachable { what, detail } => {
                AppError::new(ErrorCode::Network, format!("Could not reach the Nylas v2 API to {what}."))
                    .with_fix("Check the v2 API address and your connection. Nylas retired v2 in January 2025; only migrated or extended applications still answer.")
                    .with_detail(detail)
            }
            V2Error::Unreadable { what, detail } => AppError::new(
                ErrorCode::Nylas,
                format!("The v2 API's answer could not be read when trying to {what}."),
            )
            .with_detail(detail),
        }
    }
}
