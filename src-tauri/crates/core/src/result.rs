//! What a finished onboarding reports.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::scope_report::ScopeReport;
use crate::nylas::types::{ConnectorAction, Grant};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GrantCheck {
    pub ok: bool,
    pub status: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectResult {
    pub account: SignedInAccount,
    pub scopes: ScopeReport,
    pub connector: ConnectorAction,
    pub grant: Grant,
    pub check: GrantCheck,
    #[ts(type = "number")]
    pub finished_at: i64,
}

/// Now, as the Unix time results are stamped with.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
