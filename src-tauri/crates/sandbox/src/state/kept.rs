//! The demo tenant kept across restarts of the app that serves it: what Nylas and Graph hold
//! (connectors, grants, credentials, callback URIs, app registrations, service principals,
//! consents), saved after each change and read back at start. Sign-ins in progress and tokens
//! are not kept, as a restarted service would not keep them. The demo tenant's own secrets are
//! demo values, not anyone's.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::graph::GraphApp;
use super::nylas::{Connector, Credential, Grant};
use super::{Inner, SandboxState};

#[derive(Serialize, Deserialize)]
struct Kept {
    /// The Nylas address these were kept at: a restarted tenant has another port.
    nylas_url: String,
    connectors: Vec<(String, Connector)>,
    grants: Vec<Grant>,
    credentials: Vec<Credential>,
    callback_uris: Vec<(String, String)>,
    admin_consents: Vec<(String, String)>,
    #[serde(default)]
    revoked_users: Vec<String>,
    apps: Vec<GraphApp>,
    service_principals: Vec<Value>,
    permission_grants: Vec<Value>,
    user_consent_policies: Vec<String>,
}

impl SandboxState {
    /// Writes what the tenant holds to `file` (whole, then renamed into place).
    pub fn keep(&self, file: &Path) -> std::io::Result<()> {
        let text = {
            let inner = self.lock();
            let kept = Kept {
                nylas_url: self.nylas_url.clone(),
                connectors: inner.connectors.iter().map(|(k, c)| (k.clone(), c.clone())).collect(),
                grants: inner.grants.clone(),
                credentials: inner.credentials.clone(),
                callback_uris: inner.callback_uris.clone(),
                admin_consents: inner.admin_consents.clone(),
                revoked_users: inner.revoked_users.clone(),
                apps: inner.graph.apps.clone(),
                service_principals: inner.graph.service_principals.clone(),
                permission_grants: inner.graph.grants.clone(),
                user_consent_policies: inner.graph.user_consent_policies.clone(),
            };
            serde_json::to_string(&kept).map_err(std::io::Error::other)?
        };
        let partial = partial_of(file);
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, file)
    }

    /// Reads back what [`SandboxState::keep`] wrote, when `file` exists and can be read; the
    /// tenant's old address is replaced by its new one throughout.
    pub fn restore(&self, file: &Path) -> bool {
        let Ok(text) = std::fs::read_to_string(file) else {
            return false;
        };
        let Ok(old) = serde_json::from_str::<Kept>(&text) else {
            return false;
        };
        let Ok(kept) = serde_json::from_str::<Kept>(&text.replace(&old.nylas_url, &self.nylas_url)) else {
            return false;
        };
        let mut inner = self.lock();
        restore_into(&mut inner, kept);
        true
    }
}

fn restore_into(inner: &mut Inner, kept: Kept) {
    inner.connectors = kept.connectors.into_iter().collect();
    inner.grants = kept.grants;
    inner.credentials = kept.credentials;
    inner.callback_uris = kept.callback_uris;
    inner.admin_consents = kept.admin_consents;
    inner.revoked_users = kept.revoked_users;
    inner.graph.apps = kept.apps;
    inner.graph.service_principals = kept.service_principals;
    inner.graph.grants = kept.permission_grants;
    inner.graph.user_consent_policies = kept.user_consent_policies;
    // Every app Graph holds, and the ready-made one (gone from sign-in too if it was deleted).
    let mut ids: Vec<String> = inner.graph.apps.iter().map(|a| a.app_id().to_string()).collect();
    ids.push(crate::fixtures::CLIENT_ID.into());
    for id in ids {
        inner.sync_app(&id, None);
    }
}

fn partial_of(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}
