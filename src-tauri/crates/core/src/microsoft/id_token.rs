//! Verifying the ID token as a standard OpenID Connect client does, with the `openidconnect`
//! crate: the tenant's discovery document, its JWKS, the RS256 signature, `iss`, `aud` (a string
//! or an array), `exp`, and the `nonce` this sign-in sent. Then who signed in.

use openidconnect::core::{
    CoreGenderClaim, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{AdditionalClaims, ClientId, IdToken, Nonce};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cloud::Endpoints;
use super::error::MsError;
use crate::error::{AppError, ErrorCode, Result};
use crate::tenant::CONSUMER_TENANT_ID;

/// Microsoft's claims beyond the standard ones: the tenant and the user's object ID.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MsClaims {
    tid: Option<String>,
    oid: Option<String>,
}
impl AdditionalClaims for MsClaims {}

type MsIdToken = IdToken<MsClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// Who signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignedInAccount {
    pub email: Option<String>,
    pub name: Option<String>,
    pub tenant_id: Option<String>,
    pub object_id: Option<String>,
    /// A personal Microsoft account (outlook.com, hotmail.com) rather than work or school.
    pub personal: bool,
}

impl SignedInAccount {
    /// An account known only by its address (Hosted auth, Exchange on-premises).
    pub fn with_email(email: Option<String>) -> Self {
        Self {
            email,
            name: None,
            tenant_id: None,
            object_id: None,
            personal: false,
        }
    }
}

/// The ID token of one sign-in and what it must match.
pub struct Expected<'a> {
    pub endpoints: &'a Endpoints,
    pub client_id: &'a str,
    /// The `nonce` the sign-in sent; `None` for a device code sign-in, which sends none.
    pub nonce: Option<&'a Nonce>,
}

fn refused(why: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::Microsoft, "Microsoft's ID token did not pass verification.")
        .with_fix("Start the sign-in again. If it repeats, check the Microsoft sign-in host and the tenant.")
        .with_detail(why.into())
}

/// Verifies `raw` and returns who signed in.
pub async fn verify(http: &reqwest::Client, raw: &str, want: &Expected<'_>) -> Result<SignedInAccount> {
    const WHAT: &str = "check Microsoft's ID token";
    let unreadable = |detail: String| MsError::Unreadable { what: WHAT, detail };
    // Read directly rather than with `discover_async`, which requires the issuer to equal the
    // address asked: for a tenant named by domain Microsoft answers with the tenant's GUID.
    let discovery = http
        .get(want.endpoints.discovery.clone())
        .send()
        .await
        .map_err(|e| MsError::Unreachable {
            what: WHAT,
            detail: e.to_string(),
        })?;
    let status = discovery.status();
    let bytes = discovery.bytes().await.map_err(|e| unreadable(e.to_string()))?;
    if !status.is_success() {
        return Err(unreadable(format!("discovery answered HTTP {status}")).into());
    }
    let meta: CoreProviderMetadata =
        serde_json::from_slice(&bytes).map_err(|e| unreadable(format!("discovery document: {e}")))?;
    let keys = CoreJsonWebKeySet::fetch_async(meta.jwks_uri(), http)
        .await
        .map_err(|e| unreadable(format!("signing keys: {e}")))?;
    let token: MsIdToken = raw.parse().map_err(|e| refused(format!("not a JWT: {e}")))?;
    // The issuer is checked below: for `common` and `organizations` discovery names it with a
    // `{tenantid}` placeholder that the token's own tenant fills in.
    let verifier =
        CoreIdTokenVerifier::new_public_client(ClientId::new(want.client_id.into()), meta.issuer().clone(), keys)
            .require_issuer_match(false);
    let claims = match want.nonce {
        Some(nonce) => token.claims(&verifier, nonce),
        None => token.claims(&verifier, |n: Option<&Nonce>| match n {
            None => Ok(()),
            Some(_) => Err("a nonce nobody sent".to_string()),
        }),
    }
    .map_err(|e| refused(e.to_string()))?;
    let tid = claims.additional_claims().tid.clone();
    let issuer = meta
        .issuer()
        .as_str()
        .replace("{tenantid}", tid.as_deref().unwrap_or("{tenantid}"));
    if claims.issuer().as_str() != issuer {
        return Err(refused(format!(
            "issued by {}, expected {issuer}",
            claims.issuer().as_str()
        )));
    }
    let email = claims
        .email()
        .map(|e| e.as_str().to_string())
        .or_else(|| claims.preferred_username().map(|u| u.as_str().to_string()));
    let name = claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_string());
    Ok(SignedInAccount {
        email,
        name,
        personal: tid.as_deref() == Some(CONSUMER_TENANT_ID),
        tenant_id: tid,
        object_id: claims.additional_claims().oid.clone(),
    })
}
