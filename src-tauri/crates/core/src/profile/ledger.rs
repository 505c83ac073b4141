//! The onboarding ledger: one line per mailbox connected (who, when, grant, scopes) and per grant
//! test, kept as JSON lines in the data dir and exportable as CSV. No secrets are ever part of
//! an entry.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, ErrorCode, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LedgerEntry {
    #[ts(type = "number")]
    pub at: i64,
    pub profile: String,
    pub email: String,
    pub grant_id: String,
    pub provider: String,
    /// A connection, or a later test of the grant (older lines are connections).
    #[serde(default)]
    pub event: LedgerEvent,
    /// How the grant was made; a test does not say.
    #[serde(default)]
    #[ts(optional)]
    pub method: Option<Method>,
    pub scopes: Vec<String>,
    pub test_passed: bool,
    /// Why the test failed, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cause: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LedgerEvent {
    #[default]
    Connected,
    Tested,
}

impl LedgerEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            LedgerEvent::Connected => "connected",
            LedgerEvent::Tested => "tested",
        }
    }
}

/// How a grant was made (written as `byo`, `hosted`, `bulk`, `ews`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Method {
    /// This app's own Microsoft sign-in, then `connect/custom`.
    Byo,
    /// Nylas Hosted auth.
    Hosted,
    /// Bulk auth through an admin-consent credential.
    Bulk,
    /// Exchange on-premises (EWS).
    Ews,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Byo => "byo",
            Method::Hosted => "hosted",
            Method::Bulk => "bulk",
            Method::Ews => "ews",
        }
    }
}

#[derive(Clone)]
pub struct Ledger {
    path: PathBuf,
}

impl Ledger {
    pub fn new(dir: &Path) -> Self {
        Self {
            path: dir.join("ledger.jsonl"),
        }
    }

    pub fn append(&self, entry: &LedgerEntry) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(&self.path, &e))?;
        }
        let mut line = serde_json::to_string(entry).map_err(|e| AppError::internal(e.to_string()))?;
        line.push('\n');
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .and_then(|mut f| f.write_all(line.as_bytes()))
            .map_err(|e| io_error(&self.path, &e))
    }

    /// Every entry, oldest first; unreadable lines are skipped.
    pub fn entries(&self) -> Result<Vec<LedgerEntry>> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(io_error(&self.path, &e)),
        }
    }
}

/// RFC 4180 CSV with a header row; fields that could start a spreadsheet formula are neutralised.
pub fn to_csv(entries: &[LedgerEntry]) -> String {
    let mut out = String::from("when_utc,profile,email,grant_id,provider,method,scopes,test_passed,event,cause\r\n");
    for e in entries {
        let when = time::OffsetDateTime::from_unix_timestamp(e.at)
            .ok()
            .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
            .unwrap_or_default();
        let fields = [
            when,
            e.profile.clone(),
            e.email.clone(),
            e.grant_id.clone(),
            e.provider.clone(),
            e.method.map(Method::as_str).unwrap_or_default().to_string(),
            e.scopes.join(" "),
            e.test_passed.to_string(),
            e.event.as_str().to_string(),
            e.cause.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(f: &str) -> String {
    let safe = if f.starts_with(['=', '+', '-', '@']) {
        format!("'{f}")
    } else {
        f.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Could not use the onboarding ledger at {}.", path.display()),
    )
    .with_fix("Check that your home folder has free space and is writable.")
    .with_detail(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_read_and_csv() {
        let dir = tempfile::tempdir().unwrap();
        let l = Ledger::new(dir.path());
        assert!(l.entries().unwrap().is_empty());
        let e = LedgerEntry {
            at: 1_795_000_000,
            profile: "demo".into(),
            email: "=cmd@x.com".into(),
            grant_id: "g1".into(),
            provider: "microsoft".into(),
            event: LedgerEvent::Connected,
            method: Some(Method::Byo),
            scopes: vec!["Mail.Read".into(), "User.Read".into()],
            test_passed: true,
            cause: None,
        };
        l.append(&e).unwrap();
        let tested = LedgerEntry {
            event: LedgerEvent::Tested,
            method: None,
            test_passed: false,
            cause: Some("lacks Mail.Read, so".into()),
            ..e.clone()
        };
        l.append(&tested).unwrap();
        assert_eq!(l.entries().unwrap(), [e, tested]);
        let csv = to_csv(&l.entries().unwrap());
        assert!(csv.starts_with("when_utc,profile,email"));
        assert!(
            csv.contains(",'=cmd@x.com,g1,microsoft,byo,Mail.Read User.Read,true,connected,\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains(",g1,microsoft,,Mail.Read User.Read,false,tested,\"lacks Mail.Read, so\"\r\n"),
            "{csv}"
        );
        // A line written before tests were recorded reads as a connection.
        let old: LedgerEntry = serde_json::from_str(r#"{"at":1,"profile":"p","email":"e","grant_id":"g","provider":"microsoft","method":"byo","scopes":[],"test_passed":true}"#).unwrap();
        assert_eq!((old.event, old.method), (LedgerEvent::Connected, Some(Method::Byo)));
    }
}
