//! What the demo identity platform remembers: app registrations, pending sign-ins, issued
//! codes and refresh tokens, device code sign-ins.

use std::collections::HashMap;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Secret {
    /// The SHA-256 of the value, in hex.
    pub digest: String,
    /// Its `endDateTime`: Microsoft refuses it from then on (AADSTS7000222).
    pub ends: Option<time::OffsetDateTime>,
}

/// A secret value's SHA-256, in hex: what the demo tenant keeps of it.
pub fn digest(value: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Secret {
    /// Whether `candidate` is this secret's value.
    pub fn is(&self, candidate: &str) -> bool {
        digest(candidate) == self.digest
    }

    /// Whether it has ended, as of now (not as of when it was made or last changed).
    pub fn expired(&self) -> bool {
        self.ends.is_some_and(|e| e < time::OffsetDateTime::now_utc())
    }
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
    /// "This organizational directory only" (`AzureADMyOrg`): refused at `/common` (AADSTS50194).
    pub single_tenant: bool,
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

#[derive(Debug)]
pub struct DeviceLogins {
    pub by_device_code: HashMap<String, DeviceLogin>,
    /// How often clients are told to poll (Microsoft says 5 seconds; tests may shorten it).
    pub interval: Duration,
}

impl Default for DeviceLogins {
    fn default() -> Self {
        Self {
            by_device_code: HashMap::new(),
            interval: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DeviceLogin {
    pub user_code: String,
    pub req: PendingAuthorize,
    pub issued: Instant,
    pub answer: Answer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Pending,
    Declined,
    /// Accepted by `USERS[i]`.
    Accepted(usize),
    Redeemed,
}

impl PendingAuthorize {
    /// A request with nothing but who asks, where the answer goes and how.
    pub fn bare(tenant: &str, client_id: &str, redirect_uri: &str, mode: &str, state: Option<String>) -> Self {
        Self {
            tenant: tenant.into(),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            scopes: vec![],
            state,
            code_challenge: None,
            code_challenge_method: "plain".into(),
            response_mode: mode.into(),
            login_hint: None,
            nonce: None,
            client_info: false,
            admin: false,
            device: None,
        }
    }

    /// A device code sign-in: answered on the consent page, collected by polling.
    pub fn for_device(tenant: &str, client_id: &str, scopes: Vec<String>, device_code: String) -> Self {
        Self {
            scopes,
            device: Some(device_code),
            ..Self::bare(tenant, client_id, "", "query", None)
        }
    }
}
