//! Bulk runs: many mailboxes connected (or re-authenticated) through the admin-consent
//! credential, each mailbox's state kept in SQLite as it changes, so a run killed at any point
//! resumes where it stopped with no mailbox connected twice and none forgotten.

pub mod input;
mod store;
#[cfg(test)]
#[path = "store_tests.rs"]
mod store_tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::result::GrantCheck;

pub use store::RunStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RunKind {
    /// Mailboxes without a grant get one.
    Connect,
    /// Mailboxes whose grant is invalid are signed in again (the same grant, renewed).
    Reauthenticate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RunState {
    /// Under way, or stopped without a word (the window closed, the process killed).
    Running,
    Paused,
    Cancelled,
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowState {
    Pending,
    /// Asked of Nylas; whether Nylas made the grant is known only after its answer.
    Started,
    Connected,
    Failed,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RunRow {
    pub email: String,
    pub state: RowState,
    #[ts(optional)]
    pub grant_id: Option<String>,
    #[ts(optional)]
    pub check: Option<GrantCheck>,
    #[ts(optional)]
    pub error: Option<AppError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RunSummary {
    pub id: String,
    pub kind: RunKind,
    pub state: RunState,
    pub total: u32,
    pub connected: u32,
    pub failed: u32,
    /// Pending or started.
    pub left: u32,
    #[ts(type = "number")]
    pub created_at: i64,
}
