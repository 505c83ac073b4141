//! The authorization-code flow with PKCE S256 (and the client secret of a confidential client),
//! through the `oauth2` crate.

use std::fmt;

use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::callback::ProviderError;
use super::cloud::Endpoints;
use super::error::MsError;
use crate::error::{AppError, Result};
use crate::sensitive::Sensitive;

/// Extra fields in Microsoft's token response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MsExtraFields {
    pub id_token: Option<String>,
}
impl ExtraTokenFields for MsExtraFields {}

/// Microsoft's token error body, including `error_codes`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MsErrorResponse {
    pub error: String,
    pub error_description: Option<String>,
    pub error_uri: Option<String>,
    #[serde(default)]
    pub error_codes: Vec<u64>,
}
impl fmt::Display for MsErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)
    }
}
impl oauth2::ErrorResponse for MsErrorResponse {}

impl From<MsErrorResponse> for MsError {
    fn from(r: MsErrorResponse) -> Self {
        MsError::Provider(ProviderError {
            error: r.error,
            description: r.error_description,
            uri: r.error_uri,
            subcode: None,
        })
    }
}

type MsTokenResponse = StandardTokenResponse<MsExtraFields, BasicTokenType>;
type MsClient = oauth2::Client<
    MsErrorResponse,
    MsTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// What the browser must open, and what must be kept to redeem the code and check the ID token.
pub struct AuthRequest {
    pub url: Url,
    pub verifier: PkceCodeVerifier,
    pub nonce: openidconnect::Nonce,
}

/// Tokens from a successful exchange. The access token is used only by the Graph admin sign-in
/// (kept in memory); a mailbox's refresh token goes to Nylas.
pub struct Tokens {
    pub access_token: Sensitive<String>,
    /// Seconds the access token lasts, as Microsoft said.
    pub expires_in: Option<u64>,
    pub refresh_token: Option<Sensitive<String>>,
    pub id_token: Option<Sensitive<String>>,
    pub granted_scope: Option<String>,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "<redacted>"))
            .field("granted_scope", &self.granted_scope)
            .finish()
    }
}

pub struct MsOAuth {
    client: MsClient,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseMode {
    Query,
    #[default]
    FormPost,
}

impl MsOAuth {
    /// `secret` is `None` for a public client (the Graph admin sign-in), which proves itself
    /// with PKCE alone.
    pub fn new(
        endpoints: &Endpoints,
        client_id: &str,
        secret: Option<&Sensitive<String>>,
        redirect_uri: &str,
    ) -> Result<Self> {
        let auth = AuthUrl::from_url(endpoints.authorize.clone());
        let token = TokenUrl::from_url(endpoints.token.clone());
        let redirect = RedirectUrl::new(redirect_uri.to_string())
            .map_err(|e| AppError::internal(format!("Bad redirect URI: {e}")))?;
        let mut client = oauth2::Client::new(ClientId::new(client_id.to_string()));
        if let Some(secret) = secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose().clone()));
        }
        let client = client
            .set_auth_uri(auth)
            .set_token_uri(token)
            .set_auth_type(AuthType::RequestBody)
            .set_redirect_uri(redirect);
        Ok(Self { client })
    }

    /// A fresh random `state` (128 bits from the OS RNG, via `oauth2`).
    pub fn new_state() -> String {
        CsrfToken::new_random().secret().clone()
    }

    /// Builds the authorize URL for `state` with a fresh PKCE S256 challenge and a fresh `nonce`
    /// (which the ID token must carry back).
    pub fn authorize(
        &self,
        state: &str,
        scopes: &[String],
        login_hint: Option<&str>,
        mode: ResponseMode,
    ) -> AuthRequest {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let nonce = openidconnect::Nonce::new_random();
        let state = state.to_string();
        let mut req = self
            .client
            .authorize_url(move || CsrfToken::new(state))
            .add_scopes(scopes.iter().map(|s| Scope::new(s.clone())))
            .set_pkce_challenge(challenge)
            .add_extra_param("nonce", nonce.secret().clone());
        req = match mode {
            ResponseMode::FormPost => req.add_extra_param("response_mode", "form_post"),
            ResponseMode::Query => req.add_extra_param("response_mode", "query"),
        };
        // Microsoft refuses login_hint together with prompt=select_account.
        req = match login_hint {
            Some(hint) => req.add_extra_param("login_hint", hint.to_string()),
            None => req.add_extra_param("prompt", "select_account"),
        };
        let (url, _) = req.url();
        AuthRequest { url, verifier, nonce }
    }

    pub(super) fn client_credentials(
        &self,
    ) -> oauth2::ClientCredentialsTokenRequest<'_, MsErrorResponse, MsTokenResponse> {
        self.client.exchange_client_credentials()
    }

    /// Redeems the code (client secret in the body, PKCE verifier, scope always sent).
    pub async fn exchange(
        &self,
        http: &reqwest::Client,
        code: AuthorizationCode,
        verifier: PkceCodeVerifier,
        scopes: &[String],
    ) -> Result<Tokens, MsError> {
        let resp = self
            .client
            .exchange_code(code)
            .set_pkce_verifier(verifier)
            .add_extra_param("scope", scopes.join(" "))
            .request_async(http)
            .await
            .map_err(token_error)?;
        Ok(Tokens {
            access_token: Sensitive::new(resp.access_token().secret().clone()),
            expires_in: resp.expires_in().map(|d| d.as_secs()),
            refresh_token: resp.refresh_token().map(|t| Sensitive::new(t.secret().clone())),
            id_token: resp.extra_fields().id_token.clone().map(Sensitive::new),
            granted_scope: resp
                .scopes()
                .map(|s| s.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(" ")),
        })
    }
}

fn token_error<RE: std::error::Error + 'static>(err: RequestTokenError<RE, MsErrorResponse>) -> MsError {
    request_error(err, "redeem the sign-in code")
}

/// A token request's failure: Microsoft's own error, or no usable answer at all.
pub(super) fn request_error<RE: std::error::Error + 'static>(
    err: RequestTokenError<RE, MsErrorResponse>,
    what: &'static str,
) -> MsError {
    match err {
        RequestTokenError::ServerResponse(r) => r.into(),
        other => no_answer(other, what),
    }
}

/// A request that got no usable answer: Microsoft unreachable (with the error's whole chain), or
/// its answer unreadable.
pub(super) fn no_answer<RE: std::error::Error + 'static, TE: oauth2::ErrorResponse + 'static>(
    err: RequestTokenError<RE, TE>,
    what: &'static str,
) -> MsError {
    match err {
        RequestTokenError::Request(e) => MsError::Unreachable {
            what,
            detail: crate::error::chain(&e),
        },
        RequestTokenError::Parse(e, _) => MsError::Unreadable {
            what,
            detail: e.to_string(),
        },
        RequestTokenError::Other(s) => MsError::Unreadable { what, detail: s },
        RequestTokenError::ServerResponse(r) => MsError::Unreadable {
            what,
            detail: r.to_string(),
        },
    }
}
