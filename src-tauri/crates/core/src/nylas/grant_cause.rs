//! Why a grant test failed, in plain words, with the one action that mends it: read from
//! Nylas's refusal (its error `type`, message and request ID) and from the grant's scopes set
//! against those the profile asks for.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::NylasError;

/// What mends a failed grant test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GrantAction {
    /// The mailbox's owner signs in again (the sign-in, or a link they open themselves).
    Reauthenticate,
    /// Something outside the grant (the Azure app, the connector, the key): run the doctor.
    CheckConnection,
    /// Nothing to change: Nylas was busy or out of reach; test again shortly.
    TryAgain,
}

/// Nylas's refusal as it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NylasRefusal {
    /// The HTTP status, when Nylas answered at all.
    #[ts(optional)]
    pub status: Option<u16>,
    /// Nylas's error `type`, e.g. `insufficient_scopes`.
    #[ts(optional)]
    pub kind: Option<String>,
    pub message: String,
    #[ts(optional)]
    pub request_id: Option<String>,
}

impl From<&NylasError> for NylasRefusal {
    fn from(e: &NylasError) -> Self {
        match e {
            NylasError::Status {
                status,
                kind,
                message,
                request_id,
                ..
            } => NylasRefusal {
                status: Some(*status),
                kind: kind.clone(),
                message: message.clone().unwrap_or_default(),
                request_id: request_id.clone(),
            },
            NylasError::OAuth {
                status,
                error,
                description,
            } => NylasRefusal {
                status: Some(*status),
                kind: Some(error.clone()),
                message: description.clone(),
                request_id: None,
            },
            other => NylasRefusal {
                status: None,
                kind: None,
                message: other.to_string(),
                request_id: None,
            },
        }
    }
}

/// Scopes the grant lacks of those the profile asks for. Sign-in scopes (`openid`, `profile`,
/// `email`, `offline_access`) are left out: Nylas does not always list them on a grant.
pub fn missing_scopes(needs: &[String], granted: &[String]) -> Vec<String> {
    let short = |s: &str| s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase();
    let has: Vec<String> = granted.iter().map(|s| short(s)).collect();
    needs
        .iter()
        .filter(|n| !matches!(short(n).as_str(), "openid" | "profile" | "email" | "offline_access"))
        .filter(|n| !has.contains(&short(n)))
        .cloned()
        .collect()
}

/// The cause in plain words and the action, for a grant Nylas calls `status` and a refusal
/// (the read, or the grant lookup), given the scopes the grant lacks.
pub fn explain(status: &str, refusal: Option<&NylasError>, missing: &[String]) -> (String, GrantAction) {
    use GrantAction::*;
    let kind = match refusal {
        Some(NylasError::Status { kind, .. }) => kind.as_deref(),
        _ => None,
    };
    if kind == Some("insufficient_scopes") || (!missing.is_empty() && refusal.is_none()) {
        let lacks = if missing.is_empty() {
            "a permission Nylas needs to read mail".to_string()
        } else {
            missing.join(", ")
        };
        return (
            format!("The mailbox was connected without {lacks}, which this profile asks for, so Nylas may not read what it needs. Sign the mailbox in again so its owner agrees to the permissions this profile asks for now."),
            Reauthenticate,
        );
    }
    match refusal {
        Some(NylasError::Unreachable { .. }) => (
            "Nylas could not be reached from this computer, so the mailbox was not tested.".into(),
            TryAgain,
        ),
        Some(e) if e.is_not_found() => (
            "Nylas has no such grant: it was deleted, or this profile uses another Nylas application or region.".into(),
            CheckConnection,
        ),
        Some(e) if matches!(e.status(), Some(429 | 500..=599)) => (
            "Nylas was busy or failing for a moment, so the mailbox could not be read.".into(),
            TryAgain,
        ),
        Some(_) if matches!(kind, Some(k) if k.starts_with("grant.")) => (
            "The mailbox's sign-in no longer works: Microsoft refused it when Nylas used it. The owner has to sign in again; if that fails too, check the connection.".into(),
            Reauthenticate,
        ),
        Some(e) if e.status() == Some(401) && kind.is_none_or(|k| k == "unauthorized" || k.contains("authentication")) => (
            "Nylas refused this profile's API key.".into(),
            CheckConnection,
        ),
        _ if status != "valid" => (
            format!("Nylas marks the grant {status}: the mailbox's sign-in no longer works. The owner has to sign in again."),
            Reauthenticate,
        ),
        _ => (
            "Nylas refused to read the mailbox for a reason of its own (see Nylas's message).".into(),
            CheckConnection,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, kind: &str) -> NylasError {
        NylasError::from_response(
            status,
            format!(r#"{{"request_id":"r-1","error":{{"type":"{kind}","message":"m"}}}}"#).as_bytes(),
            "read the mailbox",
        )
    }

    #[test]
    fn missing_scopes_ignore_sign_in_scopes_and_case() {
        let needs: Vec<String> = ["openid", "offline_access", "User.Read", "Mail.Read", "Calendars.Read"]
            .map(String::from)
            .to_vec();
        let granted = ["https://graph.microsoft.com/user.read", "Calendars.Read"].map(String::from);
        assert_eq!(missing_scopes(&needs, &granted), ["Mail.Read"]);
    }

    #[test]
    fn each_refusal_gets_its_cause_and_action() {
        let scopes = ["Mail.Read".to_string()];
        let (cause, action) = explain("valid", Some(&refused(403, "insufficient_scopes")), &scopes);
        assert!(cause.contains("without Mail.Read"), "{cause}");
        assert_eq!(action, GrantAction::Reauthenticate);
        let cases = [
            (
                refused(401, "grant.refresh_token_invalid"),
                "valid",
                GrantAction::Reauthenticate,
            ),
            (refused(401, "unauthorized"), "valid", GrantAction::CheckConnection),
            (refused(404, "not_found_error"), "valid", GrantAction::CheckConnection),
            (refused(503, "api.internal_error"), "valid", GrantAction::TryAgain),
            (
                refused(400, "invalid_request_error"),
                "invalid",
                GrantAction::Reauthenticate,
            ),
            (
                refused(400, "invalid_request_error"),
                "valid",
                GrantAction::CheckConnection,
            ),
        ];
        for (e, status, want) in cases {
            assert_eq!(explain(status, Some(&e), &[]).1, want, "{e}");
        }
        let r = NylasRefusal::from(&refused(403, "insufficient_scopes"));
        assert_eq!(
            (r.kind.as_deref(), r.request_id.as_deref()),
            (Some("insufficient_scopes"), Some("r-1"))
        );
    }
}
