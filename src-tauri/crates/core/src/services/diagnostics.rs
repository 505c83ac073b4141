//! The diagnostics bundle's contents and the redaction applied to everything in it: emails are
//! masked and anything that looks like a key or token is removed.

use serde_json::json;

use crate::error::AppError;
use crate::profile::ledger::LedgerEntry;
use crate::profile::Profile;

/// How many of the log's last lines the bundle carries.
const LOG_TAIL_LINES: usize = 200;

/// The last lines of the newest log file in `dir` (none when there is no log).
pub(super) fn log_tail(dir: Option<&std::path::Path>) -> Vec<String> {
    let newest = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".log"))
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    let text = newest
        .and_then(|e| std::fs::read_to_string(e.path()).ok())
        .unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(LOG_TAIL_LINES)..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

/// The bundle as pretty JSON, redacted.
pub(super) fn bundle(
    p: &Profile,
    keychain: bool,
    errors: &[AppError],
    ledger: &[LedgerEntry],
    log: &[String],
) -> String {
    let value = json!({
        "generated_at": time::OffsetDateTime::now_utc().unix_timestamp(),
        "app_version": env!("CARGO_PKG_VERSION"),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "keychain": keychain,
        "profile": {
            "id": p.id, "demo": p.demo, "step": p.step, "client_id": p.client_id, "tenant": p.tenant,
            "cloud": p.cloud, "region": p.region, "scopes": p.scopes, "auth_mode": p.auth_mode,
            "secret_saved": p.secret_saved, "api_key_saved": p.api_key_saved,
            "secret_expires_on": p.secret_expires_on.map(|d| d.to_string()),
            "admin_consent": p.admin_credential_id.is_some(),
            "last_result": p.last_result.as_ref().map(|r| json!({
                "grant_id": r.grant.id, "email": r.account.email.as_deref().map(mask_email),
                "grant_status": r.grant.grant_status, "check": r.check, "missing_scopes": r.scopes.missing,
            })),
        },
        "recent_errors": errors,
        "ledger": ledger_summary(ledger),
        "log_tail": log,
    });
    redact(&serde_json::to_string_pretty(&value).unwrap_or_default())
}

/// Each grant's newest result (connection or test), how many of them fail now, and the
/// recent failures with their causes.
fn ledger_summary(ledger: &[LedgerEntry]) -> serde_json::Value {
    let mut last: Vec<&LedgerEntry> = Vec::new();
    for e in ledger {
        match last.iter_mut().find(|l| l.grant_id == e.grant_id) {
            Some(l) => *l = e,
            None => last.push(e),
        }
    }
    let line = |e: &&LedgerEntry| {
        json!({ "at": e.at, "grant_id": e.grant_id, "email": mask_email(&e.email), "event": e.event.as_str(),
            "test_passed": e.test_passed, "cause": e.cause })
    };
    let failures: Vec<_> = ledger
        .iter()
        .rev()
        .filter(|e| !e.test_passed)
        .take(RECENT_FAILURES)
        .map(|e| line(&e))
        .collect();
    json!({
        "entries": ledger.len(),
        "failed_tests": last.iter().filter(|e| !e.test_passed).count(),
        "last_results": last.iter().map(line).collect::<Vec<_>>(),
        "recent_failures": failures,
    })
}

/// How many recent failed connections and tests the bundle lists.
const RECENT_FAILURES: usize = 10;

/// `adele.vance@contoso.com` → `a***@contoso.com`.
pub fn mask_email(e: &str) -> String {
    match e.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

/// Masks email addresses and anything that looks like a token or key in free text.
pub fn redact(text: &str) -> String {
    let stop = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '(' | ')');
    text.split_inclusive(stop)
        .map(|chunk| {
            let word = chunk.trim_end_matches(stop);
            let tail = &chunk[word.len()..];
            if word.contains('@') && word.contains('.') {
                format!("{}{tail}", mask_email(word))
            } else if looks_secret(word) {
                format!("<redacted>{tail}")
            } else {
                chunk.to_string()
            }
        })
        .collect()
}

fn looks_secret(w: &str) -> bool {
    let secretish = w.starts_with("nyk_") || w.contains('~') || w.starts_with("eyJ");
    let long_opaque = w.len() >= 32
        && !w.contains('-')
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '=' | '+' | '/'));
    secretish || long_opaque
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_secrets_and_emails() {
        let r = redact("key nyk_v0_abc123 secret Dm0Q~x.y user adele@contoso.com id 3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10 rt 1.sbxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(r, "key <redacted> secret <redacted> user a***@contoso.com id 3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10 rt <redacted>");
    }
}
