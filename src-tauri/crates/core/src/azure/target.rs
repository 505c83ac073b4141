//! What an Azure app registration is for (Nylas v3, legacy v2, Streams) and who signs users in
//! through it: plain values that the checklist and the profile both name.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChecklistTarget {
    #[default]
    NylasV3,
    LegacyV2,
    Streams,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthMode {
    /// Mailbox Connect signs in with Microsoft and hands Nylas the refresh token.
    #[default]
    Byo,
    /// Nylas Hosted auth: Nylas talks to Microsoft (Azure redirect URI is Nylas's callback).
    Hosted,
}
