//! The wizard's steps, in order: a plain value the profile keeps and the wizard moves.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WizardStep {
    Welcome,
    Checklist,
    Credentials,
    Nylas,
    Consent,
    Result,
}
