//! Profiles: the non-secret settings of one tenant or environment, stored typed and written as
//! readable JSON by [`crate::profile::store`]. Secrets are never part of a profile; only whether
//! one is saved in the keychain.

pub mod ledger;
mod step;
pub mod store;
pub mod wizard;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::azure::target::{AuthMode, ChecklistTarget};
use crate::microsoft::cloud::IdentityCloud;
use crate::nylas::Region;
use crate::result::ConnectResult;
use crate::scopes::Scopes;
use crate::tenant::{self, Tenant};
pub use step::WizardStep;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub demo: bool,
    /// Changed only through [`crate::profile::wizard::advance`].
    pub step: WizardStep,
    pub client_id: String,
    #[serde(deserialize_with = "tenant::lenient")]
    pub tenant: Tenant,
    pub cloud: IdentityCloud,
    pub region: Region,
    pub scopes: Scopes,
    pub secret_saved: bool,
    pub api_key_saved: bool,
    /// When the client secret expires, as the admin recorded it (`YYYY-MM-DD` in the file).
    #[serde(default, with = "crate::expiry::ymd")]
    #[ts(as = "Option<String>", optional)]
    pub secret_expires_on: Option<time::Date>,
    pub checklist_done: Vec<String>,
    #[ts(optional)]
    pub last_result: Option<ConnectResult>,
    /// Who talks to Microsoft: this app (loopback + connect/custom) or Nylas Hosted auth.
    #[serde(default)]
    pub auth_mode: AuthMode,
    /// The Nylas admin-consent credential, once an administrator has approved the app.
    #[serde(default)]
    #[ts(optional)]
    pub admin_credential_id: Option<String>,
    /// What the Azure app is for (the checklist follows it).
    #[serde(default)]
    pub target: ChecklistTarget,
    /// Microsoft accepted the client ID and secret before any sign-in (possible only with a
    /// specific tenant); otherwise they are first checked when someone signs in.
    #[serde(default)]
    pub credentials_checked: bool,
    /// The Azure app Mailbox Connect created through Graph: saved as each ID arrives, so an
    /// interrupted creation resumes instead of starting over.
    #[serde(default)]
    #[ts(optional)]
    pub created_app: Option<CreatedApp>,
}

/// What is known of an app created through Graph (no secrets: those are in the keychain).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CreatedApp {
    /// The stable key of Graph's upsert, chosen before the first call.
    pub unique_name: String,
    /// The application object's ID (not the client ID, which is the profile's `client_id`).
    #[ts(optional)]
    pub object_id: Option<String>,
    /// The client secret's ID in the app (its value is in the keychain).
    #[ts(optional)]
    pub secret_key_id: Option<String>,
    /// The app's service principal in the tenant.
    #[ts(optional)]
    pub principal_id: Option<String>,
    /// Tenant-wide consent was granted for the app's permissions.
    #[serde(default)]
    pub consented: bool,
    /// Microsoft's sign-in knows the new client ID (replication is over).
    #[serde(default)]
    pub ready: bool,
}

impl Profile {
    pub fn new(id: &str, name: &str, demo: bool) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            demo,
            step: WizardStep::Welcome,
            client_id: String::new(),
            tenant: Tenant::Common,
            cloud: IdentityCloud::Global,
            region: Region::Us,
            scopes: Scopes::default(),
            secret_saved: false,
            api_key_saved: false,
            secret_expires_on: None,
            checklist_done: Vec::new(),
            last_result: None,
            auth_mode: AuthMode::Byo,
            admin_credential_id: None,
            target: ChecklistTarget::NylasV3,
            credentials_checked: false,
            created_app: None,
        }
    }
}
