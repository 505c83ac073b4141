//! Support tools: test a grant (by ID or email) or all of them, list grants, the onboarding
//! ledger and its CSV, the diagnostics bundle, and the recent errors it includes.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use super::profiles::Profiles;
use super::vault::Vault;
use super::{diagnostics, nylas_for};
use crate::about::{self, About, Folder};
use crate::error::{AppError, ErrorCode, Result};
use crate::nylas::grant_check::{check_grant, check_paced, GrantCheckRow, ADMIN_RATE_PER_SECOND};
use crate::nylas::types::Grant;
use crate::nylas::NylasClient;
use crate::profile::ledger::{self, LedgerEntry};
use crate::result::GrantCheck;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GrantReport {
    pub grant: Grant,
    pub check: GrantCheck,
}

/// A file written for the user (CSV export, diagnostics bundle).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedFile {
    pub path: String,
    pub contents: String,
}

const RECENT_ERRORS: usize = 20;

pub struct Tools {
    profiles: Arc<Profiles>,
    vault: Arc<Vault>,
    http: reqwest::Client,
    config_dir: PathBuf,
    log_dir: Option<PathBuf>,
    errors: Mutex<VecDeque<AppError>>,
}

impl Tools {
    pub(super) fn new(
        profiles: Arc<Profiles>,
        vault: Arc<Vault>,
        http: reqwest::Client,
        config_dir: PathBuf,
        log_dir: Option<PathBuf>,
    ) -> Self {
        Self {
            log_dir,
            profiles,
            vault,
            http,
            config_dir,
            errors: Mutex::default(),
        }
    }

    async fn nylas(&self) -> Result<NylasClient> {
        nylas_for(&self.vault, &self.http, &self.profiles.active()?).await
    }

    /// Tests a grant by ID or email: Nylas's status plus one data call through it.
    pub async fn check_grant(&self, id_or_email: &str) -> Result<GrantReport> {
        let key = id_or_email.trim();
        if key.is_empty() {
            return Err(AppError::invalid(
                "grant",
                "Type a grant ID or the mailbox's email address.",
                "Copy the grant ID from the result page or the grants list.",
            ));
        }
        let p = self.profiles.active()?;
        let nylas = nylas_for(&self.vault, &self.http, &p).await?;
        let grant = nylas.grant(key).await.map_err(|e| {
            if e.is_not_found() {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("Nylas has no grant '{key}' in this application."),
                )
                .with_fix("Check the grant ID or email, and that this profile uses the right Nylas region and API key.")
                .on_field("grant")
            } else {
                e.into()
            }
        })?;
        let check = check_grant(&nylas, &grant.id, &p.scopes).await;
        self.keep_test(&grant, &check);
        Ok(GrantReport { grant, check })
    }

    /// Tests every grant (status plus one mailbox read), paced so no request is rate-limited.
    pub async fn check_all_grants(&self) -> Result<Vec<GrantCheckRow>> {
        let p = self.profiles.active()?;
        let nylas = Arc::new(nylas_for(&self.vault, &self.http, &p).await?);
        let grants = nylas.all_grants().await?;
        let rows = check_paced(nylas, grants, Arc::new(p.scopes.to_vec()), ADMIN_RATE_PER_SECOND).await?;
        for r in &rows {
            self.keep_test(&r.grant, &r.check);
        }
        Ok(rows)
    }

    /// Records a test (ledger, log, last result); a failed one is also a recent error of the
    /// diagnostics bundle. Not being able to write it does not undo the test.
    fn keep_test(&self, grant: &Grant, check: &GrantCheck) {
        if let Err(e) = self.profiles.record_test(grant, check) {
            tracing::warn!("could not record the test of grant {}: {}", grant.id, e.message);
        }
        if !check.ok {
            let what = grant.email.as_deref().unwrap_or(&grant.id);
            let e = AppError::new(
                ErrorCode::Nylas,
                format!(
                    "The test of {what} failed: {}",
                    check.cause.as_deref().unwrap_or(&check.detail)
                ),
            );
            let e = match &check.refusal {
                Some(r) => e.with_detail(format!(
                    "{} {}: {} [request {}]",
                    r.status.map(|s| s.to_string()).unwrap_or_default(),
                    r.kind.as_deref().unwrap_or(""),
                    r.message,
                    r.request_id.as_deref().unwrap_or("-")
                )),
                None => e,
            };
            self.note_error(&e);
        }
    }

    /// Every grant of the Nylas application, with its status.
    pub async fn list_grants(&self) -> Result<Vec<Grant>> {
        Ok(self.nylas().await?.all_grants().await?)
    }

    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        self.profiles.ledger().entries()
    }

    /// The ledger as CSV.
    pub fn ledger_csv(&self) -> Result<String> {
        Ok(ledger::to_csv(&self.ledger()?))
    }

    /// Writes the ledger as CSV into `dir` (the Downloads folder by default).
    pub fn export_ledger_csv(&self, dir: Option<PathBuf>) -> Result<SavedFile> {
        self.save_file(dir, LEDGER_STEM, "csv", self.ledger_csv()?)
    }

    /// A support bundle with no secrets: versions, the profile's settings, recent errors, the
    /// ledger summary and the log's last lines. Email addresses are masked.
    pub fn diagnostics_bundle(&self) -> Result<String> {
        let p = self.profiles.active()?;
        let errors: Vec<AppError> = self
            .errors
            .lock()
            .map(|q| q.iter().cloned().collect())
            .unwrap_or_default();
        Ok(diagnostics::bundle(
            &p,
            self.vault.is_keychain(&p),
            &errors,
            &self.ledger().unwrap_or_default(),
            &diagnostics::log_tail(self.log_dir.as_deref()),
        ))
    }

    /// Writes the diagnostics bundle into `dir` (the Downloads folder by default).
    pub fn diagnostics(&self, dir: Option<PathBuf>) -> Result<SavedFile> {
        self.save_file(dir, DIAGNOSTICS_STEM, "json", self.diagnostics_bundle()?)
    }

    /// Where a Save dialog starts: the Downloads folder, else the home folder.
    pub fn save_folder(&self) -> PathBuf {
        dirs::download_dir()
            .filter(|d| d.is_dir())
            .or_else(dirs::home_dir)
            .unwrap_or_else(|| self.config_dir.clone())
    }

    /// The About screen: this build (`version`, `commit`: the shell knows them), the licence,
    /// and where the settings and the logs are.
    pub fn about(&self, version: &str, commit: &str) -> About {
        let (licence, copyright, licence_text) = about::licence();
        About {
            version: version.into(),
            commit: commit.into(),
            licence,
            copyright,
            licence_text,
            settings_folder: self.config_dir.display().to_string(),
            log_folder: self.log_dir.as_ref().map(|d| d.display().to_string()),
        }
    }

    /// A folder to show in the file manager, made first if nothing was written there yet.
    pub fn folder(&self, which: Folder) -> Result<PathBuf> {
        let dir = match which {
            Folder::Settings => Some(&self.config_dir),
            Folder::Logs => self.log_dir.as_ref(),
        }
        .ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "This system has no folder for the app's logs.")
                .with_fix("The last lines of the log are in the diagnostics bundle: History & support, then \"Save a diagnostics bundle…\".")
        })?;
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("{} could not be made.", dir.display()))
                .with_fix("Check that your account may write to that folder.")
                .with_detail(e.to_string())
        })?;
        Ok(dir.clone())
    }

    /// Remembers an error (redacted) for the diagnostics bundle.
    pub fn note_error(&self, e: &AppError) {
        if let Ok(mut q) = self.errors.lock() {
            if q.len() == RECENT_ERRORS {
                q.pop_front();
            }
            let mut e = e.clone();
            e.detail = e.detail.map(|d| diagnostics::redact(&d));
            q.push_back(e);
        }
    }

    /// Writes into `dir`, which must exist (a mistyped folder is not made); by default into
    /// Downloads, else the settings folder (made when missing).
    fn save_file(&self, dir: Option<PathBuf>, stem: &str, ext: &str, contents: String) -> Result<SavedFile> {
        let dir = match dir {
            Some(d) if !d.is_dir() => {
                return Err(
                    AppError::new(ErrorCode::InvalidInput, format!("There is no folder {}.", d.display()))
                        .with_fix("Give a folder that exists, or leave it out to use Downloads."),
                )
            }
            Some(d) => d,
            None => {
                let d = dirs::download_dir().unwrap_or_else(|| self.config_dir.clone());
                std::fs::create_dir_all(&d).map_err(|e| file_error(&d, &e))?;
                d
            }
        };
        write_file(&dir.join(file_name(stem, ext)), contents)
    }
}

pub const LEDGER_STEM: &str = "mailbox-connect-ledger";
pub const DIAGNOSTICS_STEM: &str = "mailbox-connect-diagnostics";

/// `stem-YYYYMMDD-HHMMSS.ext`, so saves never overwrite each other by default.
pub fn file_name(stem: &str, ext: &str) -> String {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default();
    format!("{stem}-{stamp}.{ext}")
}

/// Writes a file where the user chose.
pub fn write_file(path: &Path, contents: String) -> Result<SavedFile> {
    std::fs::write(path, &contents).map_err(|e| file_error(path, &e))?;
    Ok(SavedFile {
        path: path.display().to_string(),
        contents,
    })
}

fn file_error(path: &Path, e: &std::io::Error) -> AppError {
    AppError::new(ErrorCode::Storage, format!("Could not write {}.", path.display()))
        .with_fix("Check that the folder exists and is writable.")
        .with_detail(e.to_string())
}
