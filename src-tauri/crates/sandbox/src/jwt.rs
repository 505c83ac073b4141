//! ID tokens in Microsoft's v2.0 shape. The signature is a placeholder: the app reads ID tokens
//! received directly from the token endpoint and does not verify signatures.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;

use crate::fixtures::DemoUser;
use crate::state::{now_unix, opaque};

pub fn id_token(issuer_host: &str, tenant_id: &str, client_id: &str, user: &DemoUser, nonce: Option<&str>) -> String {
    let now = now_unix();
    let header = json!({ "typ": "JWT", "alg": "RS256", "kid": "sandbox" });
    let mut claims = json!({
        "ver": "2.0",
        "iss": format!("{issuer_host}/{tenant_id}/v2.0"),
        "aud": client_id,
        "iat": now, "nbf": now, "exp": now + 3600,
        "name": user.name,
        "preferred_username": user.email,
        "email": user.email,
        "oid": user.oid,
        "sub": user.oid,
        "tid": tenant_id,
    });
    if let Some(n) = nonce {
        claims["nonce"] = json!(n);
    }
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        opaque("sig")
    )
}
