//! Support tools: test a grant, list grants, the onboarding ledger, diagnostics, profiles.

use std::path::PathBuf;

use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::{check_grant, lock, nylas_for, Engine};
use crate::error::{AppError, ErrorCode, Result};
use crate::ledger::{self, Ledger, LedgerEntry};
use crate::nylas::types::Grant;
use crate::profile::Profile;
use crate::result::GrantCheck;
use crate::secrets::SecretKind;
use crate::wizard::{WizardState, WizardStep};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GrantReport {
    pub grant: Grant,
    pub check: GrantCheck,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub demo: bool,
    pub step: WizardStep,
    pub active: bool,
}

/// A file written for the user (CSV export, diagnostics bundle).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedFile {
    pub path: String,
    pub contents: String,
}

pub type Diagnostics = SavedFile;

const RECENT_ERRORS: usize = 20;

impl Engine {
    /// Tests a grant by id or email: Nylas's status plus one data call through it.
    pub async fn check_existing_grant(&self, id_or_email: &str) -> Result<GrantReport> {
        let key = id_or_email.trim();
        if key.is_empty() {
            return Err(AppError::invalid(
                "grant",
                "Type a grant ID or the mailbox's email address.",
                "Copy the grant ID from the result page or the grants list.",
            ));
        }
        let p = self.active()?;
        let nylas = nylas_for(&self.http, &p, self.secret(&p, SecretKind::NylasApiKey).await?)?;
        let grant = match nylas.grant(key).await {
            Err(e) if e.detail.as_deref().is_some_and(|d| d.starts_with("HTTP 404")) => {
                return Err(AppError::invalid(
                    "grant",
                    format!("Nylas has no grant '{key}' in this application."),
                    "Check the grant ID or email, and that this profile uses the right Nylas region and API key.",
                ))
            }
            other => other?,
        };
        let check = check_grant(&nylas, &grant.id).await;
        Ok(GrantReport { grant, check })
    }

    /// Every grant of the Nylas application, with its status.
    pub async fn list_grants(&self) -> Result<Vec<Grant>> {
        let p = self.active()?;
        nylas_for(&self.http, &p, self.secret(&p, SecretKind::NylasApiKey).await?)?
            .all_grants()
            .await
    }

    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        Ledger::new(&self.cfg.config_dir).entries()
    }

    /// Writes the ledger as CSV into `dir` (the Downloads folder by default).
    pub fn export_ledger_csv(&self, dir: Option<PathBuf>) -> Result<SavedFile> {
        let contents = ledger::to_csv(&self.ledger()?);
        self.save_file(dir, "mailbox-connect-ledger", "csv", contents)
    }

    /// A support bundle with no secrets: versions, the profile's settings, recent errors and the
    /// ledger summary. Email addresses are masked.
    pub fn diagnostics(&self, dir: Option<PathBuf>) -> Result<Diagnostics> {
        let p = self.active()?;
        let ledger = self.ledger().unwrap_or_default();
        let errors: Vec<_> = lock(&self.errors)?.iter().cloned().collect();
        let bundle = json!({
            "generated_at": time::OffsetDateTime::now_utc().unix_timestamp(),
            "app_version": env!("CARGO_PKG_VERSION"),
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "keychain": self.store(&p).is_keychain(),
            "profile": {
                "id": p.id, "demo": p.demo, "step": p.step, "client_id": p.client_id, "tenant": p.tenant,
                "cloud": p.cloud, "region": p.region, "scopes": p.scopes, "auth_mode": p.auth_mode,
                "secret_saved": p.secret_saved, "api_key_saved": p.api_key_saved,
                "secret_expires_on": p.secret_expires_on, "admin_consent": p.admin_credential_id.is_some(),
                "last_result": p.last_result.as_ref().map(|r| json!({
                    "grant_id": r.grant.id, "email": r.account.email.as_deref().map(mask_email),
                    "grant_status": r.grant.grant_status, "check": r.check, "missing_scopes": r.scopes.missing,
                })),
            },
            "recent_errors": errors,
            "ledger": { "entries": ledger.len(), "failed_tests": ledger.iter().filter(|e| !e.test_passed).count() },
        });
        let contents = serde_json::to_string_pretty(&bundle).map_err(|e| AppError::internal(e.to_string()))?;
        self.save_file(dir, "mailbox-connect-diagnostics", "json", redact(&contents))
    }

    /// Remembers an error for the diagnostics bundle.
    pub fn note_error(&self, e: &AppError) {
        if let Ok(mut q) = self.errors.lock() {
            if q.len() == RECENT_ERRORS {
                q.pop_front();
            }
            let mut e = e.clone();
            e.detail = e.detail.map(|d| redact(&d));
            q.push_back(e);
        }
    }

    pub fn profiles(&self) -> Result<Vec<ProfileSummary>> {
        let store = lock(&self.store)?;
        let active = store.active().map(|p| p.id.clone());
        Ok(store
            .all()
            .iter()
            .map(|p| ProfileSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                demo: p.demo,
                step: p.step,
                active: active.as_deref() == Some(&p.id),
            })
            .collect())
    }

    /// A new profile (another tenant or environment), made active.
    pub fn new_profile(&self, name: &str) -> Result<WizardState> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                "profile_name",
                "Give the profile a name.",
                "For example the organization or environment, such as 'Contoso production'.",
            ));
        }
        let id = format!("p-{}", uuid::Uuid::new_v4().simple());
        let mut p = Profile::new(&id, name, false);
        p.step = WizardStep::Checklist;
        self.save(p)
    }

    pub fn switch_profile(&self, id: &str) -> Result<WizardState> {
        lock(&self.store)?.set_active(id)?;
        self.state()
    }

    /// Deletes a profile and its keychain entries.
    pub async fn delete_profile(&self, id: &str) -> Result<Vec<ProfileSummary>> {
        let found = lock(&self.store)?.get(id).cloned();
        if let Some(p) = found {
            let store = self.store(&p).clone();
            store.delete(id, SecretKind::AzureClientSecret).await?;
            store.delete(id, SecretKind::NylasApiKey).await?;
        }
        lock(&self.store)?.remove(id)?;
        self.profiles()
    }

    fn save_file(&self, dir: Option<PathBuf>, stem: &str, ext: &str, contents: String) -> Result<SavedFile> {
        let dir = dir
            .or_else(dirs::download_dir)
            .unwrap_or_else(|| self.cfg.config_dir.clone());
        std::fs::create_dir_all(&dir).map_err(|e| file_error(&dir, &e))?;
        let stamp = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year][month][day]-[hour][minute][second]"
            ))
            .unwrap_or_default();
        let path = dir.join(format!("{stem}-{stamp}.{ext}"));
        std::fs::write(&path, &contents).map_err(|e| file_error(&path, &e))?;
        Ok(SavedFile {
            path: path.display().to_string(),
            contents,
        })
    }
}

fn file_error(path: &std::path::Path, e: &std::io::Error) -> AppError {
    AppError::new(ErrorCode::Storage, format!("Could not write {}.", path.display()))
        .with_fix("Check that the folder exists and is writable.")
        .with_detail(e.to_string())
}

/// `adele.vance@contoso.com` → `a***@contoso.com`.
pub fn mask_email(e: &str) -> String {
    match e.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

/// Masks email addresses and anything that looks like a token or key in free text.
pub fn redact(text: &str) -> String {
    text.split_inclusive(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '(' | ')'))
        .map(|chunk| {
            let word = chunk.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '(' | ')'));
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
