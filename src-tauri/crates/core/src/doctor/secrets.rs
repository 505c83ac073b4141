// The client secret: the keychain's against the app's (by Graph's three-character hint, compared
// here; the value is never sent or logged), its expiry, and Microsoft's own answer to it (the
// client credentials grant, which needs no user).

use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::{Finding, FindingCode, Place, Severity};
use crate::graph::models::PasswordCredential;
use crate::sensitive::Sensitive;

const PORTAL_SECRETS: &str = "Azure portal › App registrations › the app › Certificates & secrets";
/// A secret expiring within this many days is worth replacing now.
pub const EXPIRING_DAYS: i64 = 30;

/// The keychain's secret against the app's secrets, and its expiry.
pub fn check(app_secrets: &[PasswordCredential], stored: &Sensitive<String>, now: OffsetDateTime) -> Vec<Finding> {
    let hint: String = stored.expose().chars().take(3).collect();
    let hints: Vec<String> = app_secrets
        .iter()
        .map(|s| format!("{}…", s.hint.as_deref().unwrap_or("?")))
        .collect();
    let ours: Vec<&PasswordCredential> = app_secrets
        .iter()
        .filter(|s| s.hint.as_deref() == Some(hint.as_str()))
        .collect();
    if ours.is_empty() {
        return vec![not_in_app().saw(format!(
            "The app's secrets start with: {}; the keychain's secret matches none of them",
            if hints.is_empty() {
                "(none)".to_string()
            } else {
                hints.join(", ")
            }
        ))];
    }
    // Of the app's secrets that could be ours, the one that lasts longest.
    let end = ours
        .iter()
        .filter_map(|s| s.end_date_time.as_deref())
        .filter_map(|e| OffsetDateTime::parse(e, &Rfc3339).ok())
        .max();
    let Some(end) = end else { return vec![] };
    let day = end.date();
    if end <= now {
        return vec![expired().saw(format!("The keychain's secret expired on {day}"))];
    }
    if end - now <= Duration::days(EXPIRING_DAYS) {
        let days = (end - now).whole_days();
        return vec![Finding::new(
            FindingCode::SecretExpiring,
            Severity::Warning,
            Place::Azure,
            format!(
                "The client secret expires in {days} day{} ({day}); then every mailbox stops syncing.",
                if days == 1 { "" } else { "s" }
            ),
        )
        .saw(format!("The keychain's secret expires on {day}"))
        .fix(
            "Replace the secret: a new one in Azure and the keychain, given to Nylas, then the old one removed.",
            true,
        )];
    }
    vec![]
}

/// What Microsoft's answer to the app's own credentials says, by its AADSTS code.
pub fn from_microsoft(aadsts: u32) -> Option<Finding> {
    let seen = format!("Microsoft answered the app's client credentials with AADSTS{aadsts}");
    Some(match aadsts {
        7000215 => not_in_app().saw(seen),
        7000222 => expired().saw(seen),
        700016 => app_missing().saw(seen),
        _ => return None,
    })
}

/// No app with this client ID where it should be (Microsoft's sign-in, or Graph).
pub fn app_missing() -> Finding {
    Finding::new(
        FindingCode::AppMissing,
        Severity::Error,
        Place::Azure,
        "There is no app with this profile's client ID in the organization.",
    )
    .fix(
        "Sign in to the organization the app belongs to, check the client ID on the App credentials step, or create the app again.",
        false,
    )
}

fn not_in_app() -> Finding {
    Finding::new(
        FindingCode::SecretNotInApp,
        Severity::Error,
        Place::Keychain,
        "The secret in the keychain is not one of the app's secrets (it was replaced or removed in Azure).",
    )
    .fix(format!("Replace the secret (a new one in Azure, the keychain and Nylas), or paste the current one's Value on the App credentials step ({PORTAL_SECRETS})."), true)
}

fn expired() -> Finding {
    Finding::new(
        FindingCode::SecretExpired,
        Severity::Error,
        Place::Azure,
        "The client secret has expired, so Microsoft refuses every sign-in and every renewal of the mailboxes' access (AADSTS7000222).",
    )
    .fix("Replace the secret: a new one in Azure and the keychain, given to Nylas.", true)
}
