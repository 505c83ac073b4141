//! What the demo Nylas API remembers: connectors, credentials, grants and Hosted auth codes.

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Connector {
    pub name: String,
    pub provider: String,
    pub client_id: String,
    /// The digest of the client secret Nylas was given ([`super::identity::digest`]).
    pub secret_digest: String,
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

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Credential {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub client_id: String,
    pub tenant: Option<String>,
    pub created_at: i64,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Grant {
    pub id: String,
    pub provider: String,
    /// Optional in Nylas (the spec does not require it): a grant may carry no address.
    pub email: Option<String>,
    pub name: String,
    pub provider_user_id: String,
    pub scope: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub state: Option<String>,
    pub valid: bool,
    /// Why the grant became invalid (what Microsoft said when Nylas refreshed its access).
    pub invalid_reason: Option<String>,
}
