//! Everything the sandbox remembers: app registrations, codes, tokens, connectors, grants.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::fixtures;

#[derive(Clone, Debug)]
pub struct Secret {
    pub value: String,
    pub expired: bool,
}

#[derive(Clone, Debug)]
pub struct AppRegistration {
    pub client_id: String,
    pub tenant_id: String,
    pub secrets: Vec<Secret>,
    /// Web-platform redirect URIs (confidential client).
    pub web_redirects: Vec<String>,
    /// Mobile-and-desktop redirect URIs (public client).
    pub public_redirects: Vec<String>,
    /// A new app is unknown to sign-in until it has replicated (AADSTS700016 until then).
    pub ready_at: Option<Instant>,
}

/// An authorize request waiting on the consent page.
#[derive(Clone, Debug)]
pub struct PendingAuthorize {
    pub tenant: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: String,
    pub response_mode: String,
    pub login_hint: Option<String>,
    /// The client's `nonce`, echoed in the ID token.
    pub nonce: Option<String>,
    /// `client_info=1`: the redirect carries `client_info`.
    pub client_info: bool,
    /// An organization-wide admin consent rather than a user sign-in.
    pub admin: bool,
    /// The device code this sign-in answers (device code flow), instead of a redirect.
    pub device: Option<String>,
}

#[derive(Clone, Debug)]
pub struct IssuedCode {
    pub req: PendingAuthorize,
    pub user: usize,
    pub issued: Instant,
    pub redeemed: bool,
}

#[derive(Clone, Debug)]
pub struct IssuedRefresh {
    pub client_id: String,
    pub user: usize,
    pub scopes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Connector {
    pub name: String,
    pub provider: String,
    pub client_id: String,
    pub client_secret: String,
    pub tenant: Option<String>,
    pub scope: Vec<String>,
}

/// A Nylas Hosted auth request waiting for Microsoft's answer at Nylas's callback.
#[derive(Clone, Debug)]
pub struct HostedPending {
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: String,
}

/// A Nylas hosted-auth code for the application's `/v3/connect/token`.
#[derive(Clone, Debug)]
pub struct NylasCode {
    pub grant_id: String,
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub code_challenge_method: String,
    pub redeemed: bool,
}

/// A Nylas v2 account (legacy), as `/a/{client_id}/accounts` lists it.
#[derive(Clone, Debug)]
pub struct V2Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub provider: String,
    pub authentication_type: String,
}

#[derive(Clone, Debug)]
pub struct Credential {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub client_id: String,
    pub tenant: Option<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug)]
pub struct Grant {
    pub id: String,
    pub provider: String,
    pub email: String,
    pub name: String,
    pub provider_user_id: String,
    pub scope: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub state: Option<String>,
    pub valid: bool,
}

#[derive(Default)]
pub struct Inner {
    pub apps: Vec<AppRegistration>,
    pub pending: HashMap<String, PendingAuthorize>,
    pub codes: HashMap<String, IssuedCode>,
    pub refresh: HashMap<String, IssuedRefresh>,
    pub api_keys: Vec<String>,
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
    pub faults: crate::faults::Faults,
    /// Microsoft Graph's view of the tenant (app registrations, service principals, grants).
    pub graph: crate::graph::store::GraphStore,
    /// Device code sign-ins, by device code.
    pub devices: crate::identity::device_code::DeviceLogins,
    /// Nylas answers kept for a spec check (`None`: not recording).
    pub recorded: Option<Vec<crate::recording::Exchange>>,
}

pub struct SandboxState {
    inner: Mutex<Inner>,
    pub code_lifetime: Duration,
    pub identity_url: String,
    pub nylas_url: String,
}

impl SandboxState {
    /// The demo tenant, with Nylas's hosted-auth callback registered on the demo app (as an
    /// admin would add `https://api.us.nylas.com/v3/connect/callback` in Azure).
    pub fn with_demo_tenant(identity_url: &str, nylas_url: &str) -> Self {
        let app = AppRegistration {
            client_id: fixtures::CLIENT_ID.into(),
            tenant_id: fixtures::TENANT_ID.into(),
            secrets: vec![
                Secret {
                    value: fixtures::SECRET_VALUE.into(),
                    expired: false,
                },
                Secret {
                    value: fixtures::EXPIRED_SECRET_VALUE.into(),
                    expired: true,
                },
            ],
            web_redirects: vec![
                "http://localhost/callback".into(),
                format!("{nylas_url}/v3/connect/callback"),
            ],
            public_redirects: vec![],
            ready_at: None,
        };
        // Microsoft Graph PowerShell, the public client an admin signs in with to create apps.
        let graph_cli = AppRegistration {
            client_id: crate::graph::store::GRAPH_POWERSHELL_APP_ID.into(),
            tenant_id: fixtures::TENANT_ID.into(),
            secrets: vec![],
            web_redirects: vec![],
            public_redirects: vec!["http://localhost".into()],
            ready_at: None,
        };
        Self {
            inner: Mutex::new(Inner {
                apps: vec![app, graph_cli],
                graph: crate::graph::store::GraphStore::seeded(),
                api_keys: vec![fixtures::NYLAS_API_KEY.into()],
                v2_accounts: crate::legacy::seed(fixtures::V2_DEMO_ACCOUNTS),
                ..Inner::default()
            }),
            code_lifetime: Duration::from_secs(600),
            identity_url: identity_url.into(),
            nylas_url: nylas_url.into(),
        }
    }

    /// The state lock; a poisoned lock is recovered (the sandbox keeps serving).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Inner {
    pub fn app(&self, client_id: &str) -> Option<&AppRegistration> {
        let now = Instant::now();
        self.apps
            .iter()
            .find(|a| a.client_id.eq_ignore_ascii_case(client_id) && a.ready_at.is_none_or(|t| t <= now))
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
        if let Some(g) = self
            .grants
            .iter_mut()
            .find(|g| g.provider == provider && g.email.eq_ignore_ascii_case(email))
        {
            g.scope = scope;
            g.updated_at = now;
            g.valid = true;
            g.state = state;
            return (g.clone(), false);
        }
        let g = Grant {
            id: new_id(),
            provider: provider.into(),
            email: email.into(),
            name: name.into(),
            provider_user_id: user_id.into(),
            scope,
            created_at: now,
            updated_at: now,
            state,
            valid: true,
        };
        self.grants.push(g.clone());
        (g, true)
    }
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A random opaque token with a recognisable prefix.
pub fn opaque(prefix: &str) -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::thread_rng().gen();
    let body: String = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes);
    format!("{prefix}{body}")
}

pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
