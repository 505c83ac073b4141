//! Reading the ID token's claims. The token comes straight from Microsoft's token endpoint over
//! TLS, so its signature is not checked (OpenID Connect Core §3.1.3.7); the audience is.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, ErrorCode, Result};
use crate::tenant::CONSUMER_TENANT_ID;

#[derive(Debug, Deserialize)]
struct RawClaims {
    aud: Option<String>,
    tid: Option<String>,
    oid: Option<String>,
    name: Option<String>,
    email: Option<String>,
    preferred_username: Option<String>,
}

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

pub fn account(id_token: &str, client_id: &str) -> Result<SignedInAccount> {
    let bad = |why: &str| {
        AppError::new(ErrorCode::Microsoft, "Microsoft's ID token could not be read.")
            .with_fix("Start the sign-in again.")
            .with_detail(why.to_string())
    };
    let payload = id_token.split('.').nth(1).ok_or_else(|| bad("not a JWT"))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| bad("payload is not base64url"))?;
    let c: RawClaims = serde_json::from_slice(&bytes).map_err(|_| bad("payload is not JSON"))?;
    if c.aud.as_deref() != Some(client_id) {
        return Err(bad("the ID token was issued to a different application"));
    }
    Ok(SignedInAccount {
        email: c.email.or(c.preferred_username),
        name: c.name,
        personal: c.tid.as_deref() == Some(CONSUMER_TENANT_ID),
        tenant_id: c.tid,
        object_id: c.oid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        format!("eyJhbGciOiJSUzI1NiJ9.{}.sig", URL_SAFE_NO_PAD.encode(claims))
    }

    #[test]
    fn reads_work_and_personal_accounts() {
        let a = account(
            &jwt(r#"{"aud":"c1","tid":"t1","name":"Adele","preferred_username":"adele@contoso.com"}"#),
            "c1",
        )
        .unwrap();
        assert_eq!(a.email.as_deref(), Some("adele@contoso.com"));
        assert!(!a.personal);
        let p = account(
            &jwt(&format!(
                r#"{{"aud":"c1","tid":"{CONSUMER_TENANT_ID}","email":"x@outlook.com"}}"#
            )),
            "c1",
        )
        .unwrap();
        assert!(p.personal);
        assert!(account(&jwt(r#"{"aud":"other"}"#), "c1").is_err());
        assert!(account("garbage", "c1").is_err());
    }
}
