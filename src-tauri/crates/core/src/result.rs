//! What a finished onboarding reports.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::scope_report::ScopeReport;
use crate::nylas::grant_cause::{GrantAction, NylasRefusal};
use crate::nylas::types::{ConnectorAction, Grant};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GrantCheck {
    pub ok: bool,
    pub status: String,
    pub detail: String,
    /// Why it failed, in plain words.
    #[serde(default)]
    #[ts(optional)]
    pub cause: Option<String>,
    /// What mends it.
    #[serde(default)]
    #[ts(optional)]
    pub action: Option<GrantAction>,
    /// Nylas's refusal as it came (type, message, request ID).
    #[serde(default)]
    #[ts(optional)]
    pub refusal: Option<NylasRefusal>,
    /// The grant's scopes, and those of the profile it lacks.
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub missing_scopes: Vec<String>,
    #[serde(default)]
    #[ts(type = "number")]
    pub checked_at: i64,
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
