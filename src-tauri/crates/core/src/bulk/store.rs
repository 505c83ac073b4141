//! The bulk runs' SQLite database (`state.db` in the settings folder): one row per run and per
//! mailbox of a run, each change its own transaction (WAL, so a killed process loses nothing
//! committed). A connected mailbox's ledger line is noted as written, so it is written once.

use std::path::Path;
use std::sync::MutexGuard;

use rusqlite::{params, Connection, OptionalExtension};

use super::{RowState, RunKind, RunRow, RunState, RunSummary};
use crate::error::{AppError, ErrorCode, Result};
use crate::result::{now, GrantCheck};
use crate::sqlite::Db;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, profile TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS run_rows (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    email TEXT NOT NULL, state TEXT NOT NULL, grant_id TEXT, check_json TEXT, error_json TEXT,
    ledgered INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, email));
CREATE INDEX IF NOT EXISTS run_rows_by_state ON run_rows(run_id, state);
";

pub struct RunStore {
    db: Db,
}

fn db_error(e: rusqlite::Error) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        "The bulk runs' database could not be read or written.",
    )
    .with_fix("Check that the settings folder is writable and has free space, then try again.")
    .with_detail(e.to_string())
}

fn text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.into())).ok()
}

impl RunStore {
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            db: Db::open(path, SCHEMA, db_error)?,
        })
    }

    fn db(&self) -> MutexGuard<'_, Connection> {
        self.db.lock()
    }

    /// A new run of `emails` (already checked and without duplicates), in one transaction.
    pub fn create(&self, profile: &str, kind: RunKind, emails: &[String]) -> Result<String> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut db = self.db();
        let tx = db.transaction().map_err(db_error)?;
        let at = now();
        tx.execute(
            "INSERT INTO runs (id, profile, kind, state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![id, profile, text(&kind), text(&RunState::Running), at],
        )
        .map_err(db_error)?;
        add(&tx, &id, emails, at)?;
        tx.commit().map_err(db_error)?;
        Ok(id)
    }

    /// Adds the addresses the run does not hold yet; how many were new.
    pub fn extend(&self, run_id: &str, emails: &[String]) -> Result<usize> {
        let mut db = self.db();
        let tx = db.transaction().map_err(db_error)?;
        let added = add(&tx, run_id, emails, now())?;
        tx.commit().map_err(db_error)?;
        Ok(added)
    }

    pub fn summary(&self, run_id: &str) -> Result<Option<RunSummary>> {
        let db = self.db();
        let run = db
            .query_row(
                "SELECT kind, state, created_at FROM runs WHERE id = ?1",
                params![run_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)),
            )
            .optional()
            .map_err(db_error)?;
        let Some((kind, state, created_at)) = run else {
            return Ok(None);
        };
        let mut counts = db
            .prepare("SELECT state, COUNT(*) FROM run_rows WHERE run_id = ?1 GROUP BY state")
            .map_err(db_error)?;
        let (mut connected, mut failed, mut left) = (0, 0, 0);
        let rows = counts
            .query_map(params![run_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))
            .map_err(db_error)?;
        for row in rows {
            let (s, n) = row.map_err(db_error)?;
            match parse::<RowState>(&s) {
                Some(RowState::Connected) => connected += n,
                Some(RowState::Failed) => failed += n,
                _ => left += n,
            }
        }
        Ok(Some(RunSummary {
            id: run_id.into(),
            kind: parse(&kind).unwrap_or(RunKind::Connect),
            state: parse(&state).unwrap_or(RunState::Running),
            total: connected + failed + left,
            connected,
            failed,
            left,
            created_at,
        }))
    }

    /// The profile's newest run that stopped before its end (running when killed, or paused).
    pub fn unfinished(&self, profile: &str) -> Result<Option<RunSummary>> {
        let id: Option<String> = self
            .db()
            .query_row(
                "SELECT id FROM runs WHERE profile = ?1 AND state IN (?2, ?3) ORDER BY created_at DESC, rowid DESC LIMIT 1",
                params![profile, text(&RunState::Running), text(&RunState::Paused)],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_error)?;
        match id {
            Some(id) => self.summary(&id),
            None => Ok(None),
        }
    }

    /// Every mailbox of the run, in the order given.
    pub fn rows(&self, run_id: &str) -> Result<Vec<RunRow>> {
        self.rows_where(run_id, "")
    }

    /// The run's mailboxes `condition` lets through (SQL over `run_rows`, after `AND`), in order.
    fn rows_where(&self, run_id: &str, condition: &str) -> Result<Vec<RunRow>> {
        let db = self.db();
        let sql = format!("SELECT email, state, grant_id, check_json, error_json FROM run_rows WHERE run_id = ?1 {condition} ORDER BY position");
        let mut q = db.prepare(&sql).map_err(db_error)?;
        let rows = q
            .query_map(params![run_id], |r| {
                let check: Option<String> = r.get(3)?;
                let error: Option<String> = r.get(4)?;
                Ok(RunRow {
                    email: r.get(0)?,
                    state: parse(&r.get::<_, String>(1)?).unwrap_or(RowState::Pending),
                    grant_id: r.get(2)?,
                    check: check.and_then(|c| serde_json::from_str(&c).ok()),
                    error: error.and_then(|e| serde_json::from_str(&e).ok()),
                })
            })
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_error)
    }

    /// The mailboxes still to do (pending, or started with Nylas's answer unknown), in order.
    pub fn to_do(&self, run_id: &str) -> Result<Vec<(String, RowState)>> {
        let condition = format!(
            "AND state IN ('{}', '{}')",
            text(&RowState::Pending),
            text(&RowState::Started)
        );
        Ok(self
            .rows_where(run_id, &condition)?
            .into_iter()
            .map(|r| (r.email, r.state))
            .collect())
    }

    pub fn set_state(&self, run_id: &str, state: RunState) -> Result<()> {
        self.db()
            .execute(
                "UPDATE runs SET state = ?2, updated_at = ?3 WHERE id = ?1",
                params![run_id, text(&state), now()],
            )
            .map_err(db_error)
            .map(|_| ())
    }

    /// About to ask Nylas for this mailbox.
    pub fn started(&self, run_id: &str, email: &str) -> Result<()> {
        self.row_update(run_id, email, RowState::Started, None, None, None)
    }

    pub fn connected(&self, run_id: &str, email: &str, grant_id: &str, check: Option<&GrantCheck>) -> Result<()> {
        let check = check.and_then(|c| serde_json::to_string(c).ok());
        self.row_update(run_id, email, RowState::Connected, Some(grant_id), check, None)
    }

    pub fn failed(&self, run_id: &str, email: &str, error: &AppError) -> Result<()> {
        let error = serde_json::to_string(error).ok();
        self.row_update(run_id, email, RowState::Failed, None, None, error)
    }

    fn row_update(
        &self,
        run_id: &str,
        email: &str,
        state: RowState,
        grant_id: Option<&str>,
        check: Option<String>,
        error: Option<String>,
    ) -> Result<()> {
        self.db()
            .execute(
                "UPDATE run_rows SET state = ?3, grant_id = ?4, check_json = ?5, error_json = ?6, ledgered = 0, updated_at = ?7 WHERE run_id = ?1 AND email = ?2",
                params![run_id, email, text(&state), grant_id, check, error, now()],
            )
            .map_err(db_error)
            .map(|_| ())
    }

    /// Connected mailboxes whose ledger line is not written yet (killed in between).
    pub fn unledgered(&self, run_id: &str) -> Result<Vec<RunRow>> {
        let condition = format!("AND state = '{}' AND ledgered = 0", text(&RowState::Connected));
        self.rows_where(run_id, &condition)
    }

    pub fn ledgered(&self, run_id: &str, email: &str) -> Result<()> {
        self.db()
            .execute(
                "UPDATE run_rows SET ledgered = 1 WHERE run_id = ?1 AND email = ?2",
                params![run_id, email],
            )
            .map_err(db_error)
            .map(|_| ())
    }

    /// Failed mailboxes back to pending, to be tried again alone; how many.
    pub fn retry_failed(&self, run_id: &str) -> Result<usize> {
        self.db()
            .execute(
                "UPDATE run_rows SET state = ?2, error_json = NULL, updated_at = ?4 WHERE run_id = ?1 AND state = ?3",
                params![run_id, text(&RowState::Pending), text(&RowState::Failed), now()],
            )
            .map_err(db_error)
    }
}

/// Inserts the addresses the run does not hold yet, after its last; how many.
fn add(tx: &rusqlite::Transaction<'_>, run_id: &str, emails: &[String], at: i64) -> Result<usize> {
    let next: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM run_rows WHERE run_id = ?1",
            params![run_id],
            |r| r.get(0),
        )
        .map_err(db_error)?;
    let mut insert = tx
        .prepare(
            "INSERT OR IGNORE INTO run_rows (run_id, position, email, state, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(db_error)?;
    let mut added = 0;
    for e in emails {
        let n = insert
            .execute(params![run_id, next + added as i64, e, text(&RowState::Pending), at])
            .map_err(db_error)?;
        added += n;
    }
    Ok(added)
}
