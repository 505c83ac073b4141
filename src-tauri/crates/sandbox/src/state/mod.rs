//! Everything the sandbox remembers: app registrations, codes, tokens, connectors, grants.
//!
//! A folder of leaf stores, one per emulated service: each holds plain data and imports no
//! handler, so every handler can import the stores and no import runs back up.

pub mod demo_app;
pub mod directory;
pub mod faults;
pub mod graph;
pub mod identity;
pub mod ids;
mod kept;
pub mod legacy;
pub mod nylas;
pub mod recording;

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use identity::{AppRegistration, IssuedCode, IssuedRefresh, PendingAuthorize, Secret};
pub use ids::{new_id, now_unix, opaque};
pub use legacy::V2Account;
pub use nylas::{Connector, Credential, Grant, HostedPending, NylasCode};

use crate::fixtures;

#[derive(Default)]
pub struct Inner {
    pub apps: Vec<AppRegistration>,
    pub pending: HashMap<String, PendingAuthorize>,
    pub codes: HashMap<String, IssuedCode>,
    pub refresh: HashMap<String, IssuedRefresh>,
    pub api_keys: Vec<String>,
    /// The Nylas application's data region (`us` when unset): reached as the other region's
    /// host (`api.eu.nylas.com`), its API keys are unknown there.
    pub nylas_region: Option<String>,
    /// Users whose sign-in sessions an administrator revoked (lower-case addresses): Nylas's
    /// next use of their grant fails, until they sign in again.
    pub revoked_users: Vec<String>,
    pub connectors: HashMap<String, Connector>,
    pub grants: Vec<Grant>,
    /// Apps an administrator approved for the tenant: (client_id, tenant_id).
    pub admin_consents: Vec<(String, String)>,
    pub callback_uris: Vec<(String, String)>,
    pub hosted: HashMap<String, HostedPending>,
    pub nylas_codes: HashMap<String, NylasCode>,
    /// Access tokens Hosted auth handed out, until revoked.
    pub nylas_access_tokens: Vec<String>,
    pub credentials: Vec<Credential>,
    pub v2_accounts: Vec<V2Account>,
    pub v2_codes: HashMap<String, String>,
    /// Simulated latency of each v2 accounts page (benchmarks set it; 0 by default).
    pub v2_latency_ms: u64,
    pub faults: faults::Faults,
    /// Microsoft Graph's view of the tenant (app registrations, service principals, grants).
    pub graph: graph::GraphStore,
    /// The organization's people (`/v1.0/users`); sign-ins name them by index.
    pub directory: Vec<directory::Person>,
    /// Device code sign-ins, by device code.
    pub devices: identity::DeviceLogins,
    /// Nylas answers kept for a spec check (`None`: not recording).
    pub recorded: Option<Vec<recording::Exchange>>,
    /// The requests served, while a benchmark counts them (`None`: not noting).
    pub request_log: Option<Vec<String>>,
}

pub struct SandboxState {
    inner: Mutex<Inner>,
    /// Where the tenant is kept across restarts (the app's built-in demo), if anywhere.
    pub kept_at: std::sync::OnceLock<std::path::PathBuf>,
    pub code_lifetime: Duration,
    pub identity_url: String,
    pub nylas_url: String,
    /// Microsoft Graph's address (its paging links are absolute).
    pub graph_url: std::sync::OnceLock<String>,
}

impl SandboxState {
    /// The demo tenant: its ready-made app registered in Graph (with Nylas's hosted-auth callback,
    /// as an admin would add `https://api.us.nylas.com/v3/connect/callback` in Azure), and known
    /// to sign-in through the same registration.
    pub fn with_demo_tenant(identity_url: &str, nylas_url: &str) -> Self {
        // Microsoft Graph PowerShell, the public client an admin signs in with to create apps.
        let graph_cli = AppRegistration {
            client_id: graph::GRAPH_POWERSHELL_APP_ID.into(),
            tenant_id: fixtures::TENANT_ID.into(),
            secrets: vec![],
            web_redirects: vec![],
            public_redirects: vec!["http://localhost".into()],
            ready_at: None,
            // Microsoft's own multi-tenant public client.
            single_tenant: false,
        };
        let mut graph = graph::GraphStore::seeded();
        demo_app::seed(&mut graph, nylas_url);
        let mut inner = Inner {
            apps: vec![graph_cli],
            graph,
            api_keys: vec![fixtures::NYLAS_API_KEY.into()],
            v2_accounts: legacy::seed(fixtures::V2_DEMO_ACCOUNTS),
            directory: directory::seed(directory::DEFAULT_SIZE),
            ..Inner::default()
        };
        inner.sync_app(fixtures::CLIENT_ID, None);
        inner
            .admin_consents
            .push((fixtures::CLIENT_ID.into(), fixtures::TENANT_ID.into()));
        Self {
            kept_at: std::sync::OnceLock::new(),
            inner: Mutex::new(inner),
            code_lifetime: Duration::from_secs(600),
            identity_url: identity_url.into(),
            nylas_url: nylas_url.into(),
            graph_url: std::sync::OnceLock::new(),
        }
    }

    /// The state lock; a poisoned lock is recovered (the sandbox keeps serving).
    /// An administrator revokes a user's sign-in sessions (as Graph's `revokeSignInSessions`):
    /// the refresh token Nylas holds stops working, so the grant fails at its next use.
    pub fn revoke_sign_in_sessions(&self, email: &str) {
        let mut inner = self.lock();
        if !inner.revoked_users.iter().any(|u| u.eq_ignore_ascii_case(email)) {
            inner.revoked_users.push(email.to_ascii_lowercase());
        }
    }

    /// Replaces the directory with one of `size` people (the named demo users first).
    pub fn directory_of(&self, size: usize) {
        self.lock().directory = directory::seed(size);
    }

    /// The addresses of the directory's people who have a mailbox, in the directory's order.
    pub fn mailboxes(&self) -> Vec<String> {
        self.lock().directory.iter().filter_map(|p| p.mail.clone()).collect()
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    /// Brings the identity platform's view of one app in line with Graph's (or forgets it when
    /// Graph no longer has it); `ready_at` is when a new app becomes known to sign-in.
    pub fn sync_app(&mut self, app_id: &str, ready_at: Option<Instant>) {
        let previous = self.apps.iter().position(|a| a.client_id.eq_ignore_ascii_case(app_id));
        let Some(g) = self.graph.apps.iter().find(|a| a.app_id() == app_id) else {
            if let Some(i) = previous {
                self.apps.remove(i);
            }
            return;
        };
        let reg = AppRegistration {
            client_id: app_id.into(),
            tenant_id: fixtures::TENANT_ID.into(),
            secrets: g
                .passwords
                .iter()
                .map(|p| Secret {
                    digest: p.digest.clone(),
                    ends: p.record["endDateTime"].as_str().and_then(|e| {
                        time::OffsetDateTime::parse(e, &time::format_description::well_known::Rfc3339).ok()
                    }),
                })
                .collect(),
            web_redirects: g.redirects("web").into_iter().chain(g.redirects("spa")).collect(),
            public_redirects: g.redirects("publicClient"),
            ready_at: previous.and_then(|i| self.apps[i].ready_at).or(ready_at),
            single_tenant: g.doc["signInAudience"].as_str().is_none_or(|a| a == "AzureADMyOrg"),
        };
        match previous {
            Some(i) => self.apps[i] = reg,
            None => self.apps.push(reg),
        }
    }

    pub fn app(&self, client_id: &str) -> Option<&AppRegistration> {
        let now = Instant::now();
        self.apps
            .iter()
            .find(|a| a.client_id.eq_ignore_ascii_case(client_id) && a.ready_at.is_none_or(|t| t <= now))
    }

    /// The app's service principal's switches, as sign-in honours them: whether users may sign
    /// in (`accountEnabled`) and whether only assigned users may (`appRoleAssignmentRequired`;
    /// nobody is assigned in the demo tenant). No service principal: both allow.
    pub fn principal_switches(&self, client_id: &str) -> (bool, bool) {
        match self.graph.sp_by("appId", client_id) {
            Some(i) => {
                let sp = &self.graph.service_principals[i];
                (
                    sp["accountEnabled"].as_bool() != Some(false),
                    sp["appRoleAssignmentRequired"].as_bool() == Some(true),
                )
            }
            None => (true, false),
        }
    }

    /// Whether users may grant apps permissions themselves (the legacy allow-all policy; the
    /// low-risk one never covers mail permissions).
    pub fn users_may_consent(&self) -> bool {
        self.graph
            .user_consent_policies
            .iter()
            .any(|p| p.ends_with("microsoft-user-default-legacy"))
    }

    pub fn admin_consented(&self, client_id: &str) -> bool {
        self.admin_consents
            .iter()
            .any(|(c, _)| c.eq_ignore_ascii_case(client_id))
    }

    /// One grant per email and provider: re-authenticating keeps the grant id. Returns the
    /// grant and whether it is new.
    pub fn upsert_grant(
        &mut self,
        provider: &str,
        email: &str,
        name: &str,
        user_id: &str,
        scope: Vec<String>,
        state: Option<String>,
    ) -> (Grant, bool) {
        let now = now_unix();
        self.revoked_users.retain(|u| !u.eq_ignore_ascii_case(email));
        if let Some(g) = self
            .grants
            .iter_mut()
            .find(|g| g.provider == provider && g.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email)))
        {
            g.scope = scope;
            g.updated_at = now;
            g.valid = true;
            g.invalid_reason = None;
            g.state = state;
            return (g.clone(), false);
        }
        let g = Grant {
            id: new_id(),
            provider: provider.into(),
            email: Some(email.into()),
            name: name.into(),
            provider_user_id: user_id.into(),
            scope,
            created_at: now,
            updated_at: now,
            state,
            valid: true,
            invalid_reason: None,
        };
        self.grants.push(g.clone());
        (g, true)
    }
}
