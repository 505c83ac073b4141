//! The connection doctor's findings: why a mailbox stopped (or will stop) working, each with a
//! stable code, how bad it is, where it lives (Azure, the keychain, Nylas), what was seen, and
//! its fix. The checks themselves are pure functions over what Graph, Microsoft's sign-in and
//! Nylas answered; the service that asks them is `services::doctor`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::azure::portal::PortalPage;

#[cfg(test)]
mod checks_test;
pub mod consent;
pub mod nylas;
pub mod registration;
pub mod repair;
pub mod secrets;

/// What the doctor can find, each a stable name for scripts and the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingCode {
    AppMissing,
    RedirectUriMissing,
    PermissionMissing,
    UnsupportedPermission,
    ServicePrincipalMissing,
    ServicePrincipalDisabled,
    AssignmentRequired,
    SecretExpired,
    SecretExpiring,
    SecretNotInApp,
    ConsentMissing,
    AudienceMismatch,
    ApiKeyInvalid,
    WrongRegion,
    ConnectorMissing,
    ConnectorClientMismatch,
    CallbackUriMissing,
    GrantInvalid,
}

/// `error` breaks sign-ins or grants now; `warning` will break them, or breaks some users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
}

/// Where the cause lives, so support staff know whose screen to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Place {
    Azure,
    Keychain,
    Nylas,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    #[serde(rename = "where")]
    pub place: Place,
    /// The cause in plain words.
    pub message: String,
    /// What the doctor saw (never a secret's value).
    pub evidence: String,
    /// How to fix it, in plain words (where in the portal, when it takes the portal).
    pub fix: String,
    /// The doctor can fix it in one action.
    pub fixable: bool,
    pub fixed: bool,
    /// The mailbox a finding is about (an invalid grant's address), to sign it in again.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<String>,
    /// The Azure portal page where it is fixed by hand, when it is on the app's own pages.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portal: Option<PortalPage>,
}

impl FindingCode {
    /// The app's page in the Azure portal where this is fixed by hand.
    pub fn portal_page(self) -> Option<PortalPage> {
        use FindingCode::*;
        match self {
            AppMissing => Some(PortalPage::Registrations),
            RedirectUriMissing => Some(PortalPage::Authentication),
            PermissionMissing | UnsupportedPermission | ConsentMissing => Some(PortalPage::ApiPermissions),
            SecretExpired | SecretExpiring | SecretNotInApp => Some(PortalPage::Certificates),
            AudienceMismatch => Some(PortalPage::Authentication),
            _ => None,
        }
    }
}

impl Finding {
    pub fn new(code: FindingCode, severity: Severity, place: Place, message: impl Into<String>) -> Self {
        Self {
            code,
            severity,
            place,
            message: message.into(),
            evidence: String::new(),
            fix: String::new(),
            fixable: false,
            fixed: false,
            mailbox: None,
            portal: code.portal_page(),
        }
    }

    pub fn saw(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = evidence.into();
        self
    }

    /// The mailbox the finding is about.
    pub fn about(mut self, mailbox: Option<String>) -> Self {
        self.mailbox = mailbox;
        self
    }

    pub fn fix(mut self, fix: impl Into<String>, fixable: bool) -> Self {
        self.fix = fix.into();
        self.fixable = fixable;
        self
    }
}

/// A whole check: every finding, and the counts the summary line says.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Checkup {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Summary {
    pub errors: u32,
    pub warnings: u32,
    pub fixed: u32,
    /// Findings not fixed: what is still wrong.
    pub remaining: u32,
    /// "2 problems found, 1 fixed" or "No problems found".
    pub text: String,
}

impl Checkup {
    /// The findings, each said once (the first of two alike wins), with their summary.
    pub fn of(mut findings: Vec<Finding>) -> Self {
        let mut seen = Vec::new();
        findings.retain(|f| {
            let key = (f.code, f.message.clone());
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
        let fixed = findings.iter().filter(|f| f.fixed).count() as u32;
        let found = findings.len() as u32;
        let text = match (found, fixed) {
            (0, _) => "No problems found.".to_string(),
            (1, 0) => "1 problem found.".to_string(),
            (n, 0) => format!("{n} problems found."),
            (n, f) => format!("{n} problem{} found, {f} fixed.", if n == 1 { "" } else { "s" }),
        };
        Self {
            summary: Summary {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                fixed,
                remaining: found - fixed,
                text,
            },
            findings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_what_was_found_and_fixed() {
        assert_eq!(Checkup::of(vec![]).summary.text, "No problems found.");
        let f = |code, sev| Finding::new(code, sev, Place::Azure, "x");
        let mut fixed = f(FindingCode::RedirectUriMissing, Severity::Error);
        fixed.fixed = true;
        let c = Checkup::of(vec![fixed, f(FindingCode::SecretExpiring, Severity::Warning)]);
        assert_eq!(c.summary.text, "2 problems found, 1 fixed.");
        assert_eq!((c.summary.errors, c.summary.warnings, c.summary.remaining), (1, 1, 1));
        let json = serde_json::to_value(&c.findings[1]).unwrap();
        assert_eq!(json["code"], "secret_expiring");
        assert_eq!(json["where"], "azure");
    }
}
