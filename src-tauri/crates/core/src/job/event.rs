// What a running job reports, one shape per moment, as the window, the command line and the
// tests read it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bulk::RunRow;
use crate::error::AppError;

/// What a job reports while it runs, and how it ended.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "event", content = "data", rename_all = "snake_case")]
#[ts(export)]
pub enum JobEvent {
    /// A sign-in link, once the browser was asked to open it.
    SignIn(ConsentStarted),
    /// No browser here (or asked for): a code to enter on another device.
    DeviceCode(DeviceCodeStarted),
    /// A sign-in link for a mailbox's owner to open on their own computer.
    OwnerLink(OwnerLink),
    /// How far a job over many items is.
    Progress(Progress),
    /// How far a bulk run is, with the mailbox just done.
    Bulk(Box<BulkProgress>),
    /// A step finished, or a wait is under way.
    Step(StepDone),
    /// Something to know that does not stop the job.
    Warning(Notice),
    Finished,
    Failed(AppError),
    Cancelled,
}

/// The sign-in link, reported as soon as the browser has been asked to open it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConsentStarted {
    pub url: String,
    pub redirect_uri: String,
    /// How long the sign-in waits for Microsoft's answer, in seconds.
    #[ts(type = "number")]
    pub wait_secs: u64,
    pub browser_opened: bool,
    #[ts(optional)]
    pub browser_error: Option<String>,
}

/// A link the mailbox's owner opens on their own computer (Nylas Hosted auth, `login_hint`): the
/// job watches Nylas until the mailbox's grant is renewed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OwnerLink {
    pub url: String,
    pub email: String,
    /// How long this job watches for the owner's sign-in, in seconds (the link works longer).
    #[ts(type = "number")]
    pub wait_secs: u64,
}

/// A sign-in on another device: the code to enter and where (no browser could open here).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeviceCodeStarted {
    pub user_code: String,
    pub verification_uri: String,
    /// How long the code lasts, in seconds.
    #[ts(type = "number")]
    pub expires_secs: u64,
    /// Why this computer's browser was not used, when it was tried.
    #[ts(optional)]
    pub browser_error: Option<String>,
}

/// A bulk run's counts, its pace, and the mailbox just done.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BulkProgress {
    pub run_id: String,
    pub total: u32,
    pub connected: u32,
    pub failed: u32,
    pub left: u32,
    /// Mailboxes a minute since this run (or its resumption) began.
    pub per_minute: f64,
    /// At that pace.
    #[ts(optional, type = "number")]
    pub seconds_left: Option<u64>,
    #[ts(optional)]
    pub row: Option<RunRow>,
}

/// `done` of `total` items, and the current one in words.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StepDone {
    pub step: JobStep,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Notice {
    pub text: String,
}

/// The steps jobs report, each a stable name the window and tests can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JobStep {
    SignedIn,
    Registered,
    SecretSaved,
    PrincipalCreated,
    Consented,
    /// Waiting for Microsoft's sign-in to learn the new app (replication).
    Waiting,
    Ready,
    ConnectorUpdated,
    GrantChecked,
    OldSecretRemoved,
    Removed,
    /// A part of a connection check is done.
    Checked,
    /// A problem the check found was fixed.
    Fixed,
    /// A download's signature was verified against the publisher's key.
    Verified,
}
