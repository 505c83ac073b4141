//! The directory table as a CSV file, for a spreadsheet.

use super::DirectoryRow;
use crate::error::{AppError, Result};

/// `rows` as CSV: name, address, connection, grant, shared mailbox, reason.
pub fn csv(rows: &[DirectoryRow]) -> Result<String> {
    let io = |e: csv::Error| AppError::internal(format!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["name", "email", "connection", "grant_id", "shared_mailbox", "reason"])
        .map_err(io)?;
    for r in rows {
        let shared = if r.shared { "probably" } else { "" };
        let grant = r.grant_id.as_deref().unwrap_or("");
        let reason = r.reason.as_deref().unwrap_or("");
        w.write_record([r.name.as_str(), &r.email, r.connection.word(), grant, shared, reason])
            .map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::internal(format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(e.to_string()))
}
