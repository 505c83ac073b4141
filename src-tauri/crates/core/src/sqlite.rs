//! The app's SQLite database (`state.db` in the settings folder), where structured state that
//! must survive a kill lives (bulk runs, the directory as last read): each store opens it the
//! same way, its folder made, in WAL mode, waiting a moment when another connection writes.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::error::{AppError, Result};

/// One store's connection to the database.
pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens `path` (its folder made first) and applies `schema`; `failed` words the store's
    /// errors.
    pub fn open(path: &Path, schema: &str, failed: fn(rusqlite::Error) -> AppError) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| AppError::internal(format!("{}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path).map_err(failed)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(failed)?;
        // A killed process loses nothing committed in WAL mode; NORMAL syncs at checkpoints.
        conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(failed)?;
        conn.execute_batch(schema).map_err(failed)?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// The connection, one caller at a time; a poisoned lock is recovered (SQLite rolled back
    /// whatever the panicking caller left open).
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}
