//! When the app looks for a new version of itself: by itself once a day unless the setting turns
//! that off (managed fleets update their own way), or on request; and when an update may be
//! installed: never while a sign-in, a check or a run over many mailboxes is under way.
//! Fetching, verifying and installing are Tauri's updater's, in the shell.

use std::path::Path;
use std::sync::Arc;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, ErrorCode, Result};
use crate::job::Jobs;
use crate::sqlite::Db;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);";
const AUTOMATIC: &str = "updates.automatic";
const LAST_CHECKED: &str = "updates.last_checked";
/// An automatic check at most this often.
pub const CHECK_EVERY_SECONDS: i64 = 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateSettings {
    /// The app looks for a new version by itself (once a day).
    pub automatic: bool,
    /// When it last looked (Unix seconds), by itself or on request.
    #[ts(type = "number | null")]
    pub last_checked: Option<i64>,
}

/// A newer version the update server offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes, as published.
    pub notes: Option<String>,
    /// When it was published (RFC 3339), if the server says.
    pub date: Option<String>,
}

pub struct Updates {
    db: Db,
    jobs: Arc<Jobs>,
}

fn db_error(e: rusqlite::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        "The app's settings database could not be read or written.",
    )
    .with_fix("Check that the settings folder (shown on the About screen) is writable and the disk is not full.")
    .with_detail(e.to_string())
}

impl Updates {
    pub fn open(state_db: &Path, jobs: Arc<Jobs>) -> Result<Self> {
        Ok(Self {
            db: Db::open(state_db, SCHEMA, db_error)?,
            jobs,
        })
    }

    fn get(&self, key: &str) -> Result<Option<String>> {
        self.db
            .lock()
            .query_row("SELECT value FROM app_settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db_error)
    }

    fn put(&self, key: &str, value: &str) -> Result<()> {
        self.db
            .lock()
            .execute(
                "INSERT INTO app_settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(db_error)
    }

    pub fn settings(&self) -> Result<UpdateSettings> {
        Ok(UpdateSettings {
            automatic: self.get(AUTOMATIC)?.as_deref() != Some("off"),
            last_checked: self.get(LAST_CHECKED)?.and_then(|v| v.parse().ok()),
        })
    }

    pub fn set_automatic(&self, on: bool) -> Result<UpdateSettings> {
        self.put(AUTOMATIC, if on { "on" } else { "off" })?;
        self.settings()
    }

    /// Whether the app should look by itself at `now` (Unix seconds): automatic checks are on
    /// and the last look was a day ago or more (or its time is in the future: a clock set back).
    pub fn automatic_check_due(&self, now: i64) -> Result<bool> {
        let s = self.settings()?;
        Ok(s.automatic
            && s.last_checked
                .is_none_or(|last| now - last >= CHECK_EVERY_SECONDS || last > now))
    }

    /// Notes a look at `now`, whatever it found.
    pub fn record_check(&self, now: i64) -> Result<()> {
        self.put(LAST_CHECKED, &now.to_string())
    }

    /// Refuses while other work is under way: an update restarts the app.
    pub fn may_install(&self) -> Result<()> {
        if self.jobs.busy() {
            return Err(AppError::new(
                ErrorCode::Busy,
                "The update waits: a sign-in, a check or a run over many mailboxes is under way.",
            )
            .with_fix("Install it when that has finished (or stop it first). The update stays offered."));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn updates() -> (tempfile::TempDir, Arc<Jobs>, Updates) {
        let dir = tempfile::tempdir().unwrap();
        let jobs = Arc::new(Jobs::default());
        let u = Updates::open(&dir.path().join("state.db"), jobs.clone()).unwrap();
        (dir, jobs, u)
    }

    #[test]
    fn checks_by_itself_once_a_day_until_turned_off_and_the_setting_survives_a_restart() {
        let (dir, jobs, u) = updates();
        let day = CHECK_EVERY_SECONDS;
        assert!(u.automatic_check_due(1_000_000).unwrap());
        u.record_check(1_000_000).unwrap();
        assert!(!u.automatic_check_due(1_000_000 + day - 1).unwrap());
        assert!(u.automatic_check_due(1_000_000 + day).unwrap());
        assert!(
            u.automatic_check_due(999_000).unwrap(),
            "a clock set back does not stop the checks"
        );
        u.set_automatic(false).unwrap();
        assert!(!u.automatic_check_due(1_000_000 + 10 * day).unwrap());
        drop(u);
        let again = Updates::open(&dir.path().join("state.db"), jobs).unwrap();
        assert_eq!(
            again.settings().unwrap(),
            UpdateSettings {
                automatic: false,
                last_checked: Some(1_000_000)
            }
        );
    }

    #[test]
    fn no_update_is_installed_while_a_job_runs() {
        let (_dir, jobs, u) = updates();
        assert!(u.may_install().is_ok());
        let job = jobs.start(|_| {});
        assert_eq!(u.may_install().unwrap_err().code, ErrorCode::Busy);
        drop(job);
        assert!(u.may_install().is_ok(), "a job that ended no longer holds the update");
    }
}
