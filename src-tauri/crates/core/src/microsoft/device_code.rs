//! The device code flow (RFC 8628) through the `oauth2` crate, for an administrator's sign-in
//! when this computer cannot open a browser: Microsoft gives a short code, the administrator
//! enters it on any device, and the token endpoint is polled until they have answered.

use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType};
use oauth2::{
    ClientId, DeviceAuthorizationResponse, DeviceAuthorizationUrl, DeviceCodeErrorResponse,
    DeviceCodeErrorResponseType, EndpointNotSet, EndpointSet, ExtraDeviceAuthorizationFields, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::callback::ProviderError;
use super::cloud::Endpoints;
use super::error::MsError;
use super::oauth::{no_answer, request_error, MsErrorResponse, MsExtraFields, Tokens};
use crate::error::{AppError, ErrorCode, Result};
use crate::sensitive::Sensitive;

/// Microsoft's device code answer carries the words to show besides RFC 8628's fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MsDeviceFields {
    pub message: Option<String>,
}
impl ExtraDeviceAuthorizationFields for MsDeviceFields {}

pub type DeviceLogin = DeviceAuthorizationResponse<MsDeviceFields>;

type MsTokenResponse = StandardTokenResponse<MsExtraFields, BasicTokenType>;
/// A client of the device flow; `TE` is the error type of its token requests.
type DeviceClient<TE, D, T> = oauth2::Client<
    TE,
    MsTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointNotSet,
    D,
    EndpointNotSet,
    EndpointNotSet,
    T,
>;

/// Asks Microsoft for a user code for `client_id` (a public client) and `scopes`.
pub async fn start(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    client_id: &str,
    scopes: &[String],
) -> Result<DeviceLogin> {
    let client: DeviceClient<MsErrorResponse, EndpointSet, EndpointNotSet> =
        oauth2::Client::new(ClientId::new(client_id.into()))
            .set_device_authorization_url(DeviceAuthorizationUrl::from_url(endpoints.device_code.clone()));
    let login = client
        .exchange_device_code()
        .add_scopes(scopes.iter().map(|s| Scope::new(s.clone())))
        .request_async(http)
        .await
        .map_err(|e| request_error(e, "start a sign-in on another device"))?;
    Ok(login)
}

/// Polls until the administrator has answered on the other device, or the code expires.
pub async fn finish(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    client_id: &str,
    login: &DeviceLogin,
) -> Result<Tokens> {
    let client: DeviceClient<DeviceCodeErrorResponse, EndpointNotSet, EndpointSet> =
        oauth2::Client::new(ClientId::new(client_id.into())).set_token_uri(TokenUrl::from_url(endpoints.token.clone()));
    let resp = client
        .exchange_device_access_token(login)
        .request_async(http, tokio::time::sleep, Some(login.expires_in()))
        .await
        .map_err(refused)?;
    Ok(Tokens {
        access_token: Sensitive::new(resp.access_token().secret().clone()),
        expires_in: resp.expires_in().map(|d| d.as_secs()),
        refresh_token: None,
        id_token: resp.extra_fields().id_token.clone().map(Sensitive::new),
        granted_scope: None,
    })
}

fn refused<RE: std::error::Error + 'static>(e: RequestTokenError<RE, DeviceCodeErrorResponse>) -> AppError {
    let RequestTokenError::ServerResponse(r) = e else {
        return no_answer(e, "finish the sign-in on another device").into();
    };
    let detail = r.error_description().cloned().unwrap_or_default();
    match r.error() {
        DeviceCodeErrorResponseType::ExpiredToken => AppError::new(
            ErrorCode::ConsentTimeout,
            "The sign-in code expired before it was used.",
        )
        .with_fix("Start again and enter the new code within 15 minutes.")
        .with_detail(detail),
        DeviceCodeErrorResponseType::AccessDenied => declined(detail),
        DeviceCodeErrorResponseType::Basic(b) if b.as_ref() == "authorization_declined" => declined(detail),
        other => MsError::Provider(ProviderError {
            error: other.as_ref().to_string(),
            description: r.error_description().cloned(),
            uri: r.error_uri().cloned(),
            subcode: None,
        })
        .into(),
    }
}

fn declined(detail: String) -> AppError {
    AppError::new(
        ErrorCode::ConsentDeclined,
        "The sign-in was declined on the other device.",
    )
    .with_detail(detail)
}
