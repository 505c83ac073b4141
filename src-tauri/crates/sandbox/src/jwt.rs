//! ID tokens in Microsoft's v2.0 shape, signed RS256 with a key generated once per process; the
//! public half is served as the JWKS that discovery's `jwks_uri` names.

use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::state::directory::Person;
use crate::state::now_unix;

struct Key {
    signer: SigningKey<Sha256>,
    kid: String,
}

static KEY: OnceLock<Option<Key>> = OnceLock::new();

/// The signing key, made on first use (2048-bit RSA, as Microsoft's keys are).
fn key() -> Option<&'static Key> {
    KEY.get_or_init(|| {
        let private = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).ok()?;
        let digest = Sha256::digest(private.n().to_bytes_be());
        let kid = URL_SAFE_NO_PAD.encode(&digest[..12]);
        let signer = SigningKey::<Sha256>::new(private);
        Some(Key { signer, kid })
    })
    .as_ref()
}

/// Makes the key now (off the request path: the sandbox calls this while starting).
pub fn warm_up() {
    let _ = key();
}

/// The JWKS document: the public signing key in Microsoft's shape.
pub fn jwks(issuer: &str) -> Value {
    let keys: Vec<Value> = key()
        .map(|k| {
            let public: &RsaPrivateKey = k.signer.as_ref();
            json!({
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": k.kid,
                "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
                "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
                "issuer": issuer,
            })
        })
        .into_iter()
        .collect();
    json!({ "keys": keys })
}

/// What goes into one ID token besides the user.
pub struct IdClaims<'a> {
    pub issuer_host: &'a str,
    pub tenant_id: &'a str,
    pub client_id: &'a str,
    pub nonce: Option<&'a str>,
    /// A change for fault tests (see `FaultPlan::id_token`).
    pub fault: Option<&'a str>,
}

pub fn id_token(c: &IdClaims<'_>, user: &Person) -> String {
    let now = now_unix();
    let kid = key().map_or("none", |k| k.kid.as_str());
    let header = json!({ "typ": "JWT", "alg": "RS256", "kid": kid });
    let mut claims = json!({
        "ver": "2.0",
        "iss": format!("{}/{}/v2.0", c.issuer_host, c.tenant_id),
        "aud": match c.fault {
            Some("other_audience") => json!("00000000-1111-2222-3333-444444444444"),
            Some("audience_array") => json!([c.client_id]),
            _ => json!(c.client_id),
        },
        "iat": now, "nbf": now, "exp": now + 3600,
        "name": user.name,
        "preferred_username": user.upn,
        "email": user.email(),
        "oid": user.oid,
        "sub": user.oid,
        "tid": c.tenant_id,
    });
    match (c.nonce, c.fault) {
        (Some(_), Some("wrong_nonce")) => claims["nonce"] = json!("a-nonce-this-sign-in-never-sent"),
        (Some(n), _) => claims["nonce"] = json!(n),
        _ => {}
    }
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut signature = key().map(|k| k.signer.sign(signing_input.as_bytes()).to_vec());
    if let (Some(sig), Some("bad_signature")) = (signature.as_mut(), c.fault) {
        sig[0] ^= 0x01;
    }
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.unwrap_or_default())
    )
}

/// `client_info`: base64url JSON naming the user (`uid`) and their tenant (`utid`).
pub fn client_info(oid: &str, tenant_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(json!({ "uid": oid, "utid": tenant_id }).to_string())
}
