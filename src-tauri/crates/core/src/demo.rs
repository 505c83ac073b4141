//! The demo tenant as the core sees it: where it runs, the credentials it accepts, and sample
//! values the demo's forms are filled with. None of these are secrets outside the demo tenant.

use serde::Serialize;
use ts_rs::TS;

use crate::sensitive::Sensitive;

/// Where the demo tenant runs and the credentials it accepts.
#[derive(Clone, Debug)]
pub struct DemoEnv {
    pub identity_host: String,
    pub nylas_url: String,
    /// The demo tenant's Microsoft Graph (app registrations).
    pub graph_url: String,
    pub tenant: String,
    pub client_id: String,
    pub client_secret: Sensitive<String>,
    pub api_key: Sensitive<String>,
    pub samples: DemoSamples,
    /// The tenant keeps what it holds across restarts (on other addresses): apps created in it
    /// are still there.
    pub kept: bool,
}

/// Values that work only against the demo tenant, shown to help people demo each path.
#[derive(Clone, Debug, Default, Serialize, TS)]
#[ts(export)]
pub struct DemoSamples {
    pub nylas_url: String,
    pub v2_client_id: String,
    pub v2_client_secret: String,
    pub ews_email: String,
    pub ews_password: String,
    pub mailboxes: Vec<String>,
}

/// The "Demo controls" panel, for training support staff: where the demo tenant's Nylas runs,
/// and its mailboxes, any of which can be broken on purpose.
#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DemoControls {
    pub nylas_url: String,
    pub mailboxes: Vec<DemoMailbox>,
}

#[derive(Clone, Debug, Serialize, TS)]
#[ts(export)]
pub struct DemoMailbox {
    pub grant_id: String,
    pub email: String,
    /// Whether Nylas still calls the grant valid.
    pub valid: bool,
}

/// A fault the demo tenant answers its next matching request with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DemoFault {
    /// Nylas answers the next request, and its retries, with 503 Service Unavailable.
    NylasOutage,
    /// Nylas answers the next request with 429 Too Many Requests.
    NylasRateLimit,
    /// Microsoft asks for multi-factor authentication at the next sign-in (AADSTS50076).
    MicrosoftMfa,
    /// Conditional Access blocks the next sign-in (AADSTS53003).
    ConditionalAccess,
}
