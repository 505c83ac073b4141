//! The directory as last read, per profile, in the same SQLite database as the bulk runs: shown
//! again after a restart without a sign-in, the base of a list's check, and brought up to date
//! as a bulk run connects mailboxes. Replaced whole, in one transaction, at each full listing.

use std::path::Path;
use std::sync::MutexGuard;

use rusqlite::{params, Connection};

use super::{Connection as Link, DirectoryRow};
use crate::error::{AppError, ErrorCode, Result};
use crate::sqlite::Db;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS directory_rows (
    profile TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    email TEXT NOT NULL, shared INTEGER NOT NULL, connection TEXT NOT NULL, grant_id TEXT,
    reason TEXT, PRIMARY KEY (profile, email));
CREATE TABLE IF NOT EXISTS directory_listings (profile TEXT PRIMARY KEY, listed_at INTEGER NOT NULL);
";

pub struct DirectoryCache {
    db: Db,
}

fn db_error(e: rusqlite::Error) -> AppError {
    AppError::new(ErrorCode::Storage, "The saved directory could not be read or written.")
        .with_fix("Check that the settings folder is writable and has free space, then read the directory again.")
        .with_detail(e.to_string())
}

fn word(c: Link) -> &'static str {
    match c {
        Link::Valid => "valid",
        Link::Invalid => "invalid",
        Link::NotConnected => "not_connected",
    }
}

fn link(s: &str) -> Link {
    match s {
        "valid" => Link::Valid,
        "invalid" => Link::Invalid,
        _ => Link::NotConnected,
    }
}

impl DirectoryCache {
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            db: Db::open(path, SCHEMA, db_error)?,
        })
    }

    fn db(&self) -> MutexGuard<'_, Connection> {
        self.db.lock()
    }

    /// The profile's whole directory, replacing what was kept.
    pub fn keep(&self, profile: &str, rows: &[DirectoryRow], listed_at: i64) -> Result<()> {
        let mut db = self.db();
        let tx = db.transaction().map_err(db_error)?;
        tx.execute("DELETE FROM directory_rows WHERE profile = ?1", params![profile])
            .map_err(db_error)?;
        {
            let mut insert = tx
                .prepare("INSERT OR REPLACE INTO directory_rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .map_err(db_error)?;
            for (i, r) in rows.iter().enumerate() {
                insert
                    .execute(params![
                        profile,
                        i as i64,
                        r.id,
                        r.name,
                        r.email,
                        r.shared,
                        word(r.connection),
                        r.grant_id,
                        r.reason
                    ])
                    .map_err(db_error)?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO directory_listings VALUES (?1, ?2)",
            params![profile, listed_at],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)
    }

    /// The kept directory and when it was read, if it ever was.
    pub fn kept(&self, profile: &str) -> Result<Option<(Vec<DirectoryRow>, i64)>> {
        let db = self.db();
        let listed_at: Option<i64> = db
            .query_row(
                "SELECT listed_at FROM directory_listings WHERE profile = ?1",
                params![profile],
                |r| r.get(0),
            )
            .ok();
        let Some(listed_at) = listed_at else { return Ok(None) };
        let mut q = db
            .prepare("SELECT id, name, email, shared, connection, grant_id, reason FROM directory_rows WHERE profile = ?1 ORDER BY position")
            .map_err(db_error)?;
        let rows = q
            .query_map(params![profile], |r| {
                Ok(DirectoryRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                    shared: r.get(3)?,
                    connection: link(&r.get::<_, String>(4)?),
                    grant_id: r.get(5)?,
                    reason: r.get(6)?,
                })
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        Ok(Some((rows, listed_at)))
    }

    /// Mailboxes a bulk run connected: valid now, with their grant.
    pub fn connected(&self, profile: &str, done: &[(String, String)]) -> Result<()> {
        let mut db = self.db();
        let tx = db.transaction().map_err(db_error)?;
        {
            let mut update = tx
                .prepare("UPDATE directory_rows SET connection = 'valid', grant_id = ?3, reason = NULL WHERE profile = ?1 AND lower(email) = lower(?2)")
                .map_err(db_error)?;
            for (email, grant_id) in done {
                update.execute(params![profile, email, grant_id]).map_err(db_error)?;
            }
        }
        tx.commit().map_err(db_error)
    }
}
