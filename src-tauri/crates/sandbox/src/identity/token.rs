//! `POST /{tenant}/oauth2/v2.0/token`: authorization_code (+PKCE), refresh_token, device_code
//! and client_credentials, with Microsoft's error codes and statuses.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::errors::token_error;
use super::tenant::resolve;
use super::token_answer::{asks_client_info, issue, ok, short, Extra};
use crate::state::{opaque, SandboxState};
use crate::IssuerHost;

pub async fn token(
    State((st, issuer)): State<(Arc<SandboxState>, IssuerHost)>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err((code, text)) = resolve(&tenant) {
        let error = if code == 90002 {
            "invalid_tenant"
        } else {
            "invalid_request"
        };
        return token_error(StatusCode::BAD_REQUEST, error, code, &text);
    }
    let (client_id, secret) = client_auth(&headers, &f);
    let Some(client_id) = client_id else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    let app = st.lock().app(&client_id).cloned();
    let Some(app) = app else {
        return token_error(StatusCode::BAD_REQUEST, "unauthorized_client", 700016, &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."));
    };
    if !st.lock().principal_switches(&client_id).0 {
        return token_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            7000112,
            &format!("Application '{client_id}' is disabled."),
        );
    }
    // A public client (mobile and desktop redirects only) proves itself with PKCE, not a secret.
    let public = app.web_redirects.is_empty() && !app.public_redirects.is_empty();
    if public {
        if secret.is_some() {
            return token_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                700025,
                "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
            );
        }
        return grant(&st, &issuer, &client_id, &f, true);
    }
    // Registered under Web, so this is a confidential client: a valid secret is required.
    let Some(secret) = secret else {
        return token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
    };
    match app.secrets.iter().find(|s| s.is(&secret)) {
        None => return token_error(StatusCode::UNAUTHORIZED, "invalid_client", 7000215, &format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'.")),
        Some(s) if s.expired() => return token_error(StatusCode::UNAUTHORIZED, "invalid_client", 7000222, &format!("The provided client secret keys for app '{client_id}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.")),
        Some(_) => {}
    }
    grant(&st, &issuer, &client_id, &f, false)
}

/// The grant a client asked for, once the client is known.
fn grant(
    st: &SandboxState,
    issuer: &IssuerHost,
    client_id: &str,
    f: &HashMap<String, String>,
    public: bool,
) -> Response {
    let scope = f.get("scope").cloned().unwrap_or_default();
    match f.get("grant_type").map(String::as_str) {
        Some("authorization_code") => redeem_code(st, issuer, client_id, f, &scope),
        Some("refresh_token") => refresh(st, issuer, client_id, f, &scope),
        Some(super::device_code::GRANT_TYPE) if public => super::device_code::redeem(st, issuer, client_id, f),
        Some("client_credentials") if public => token_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700025,
            "Client is public so the client credentials grant is not allowed.",
        ),
        Some("client_credentials") => {
            if !scope.trim().ends_with("/.default") {
                return token_error(StatusCode::BAD_REQUEST, "invalid_scope", 1002012, "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
            }
            ok(
                json!({ "token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": opaque("app.") }),
            )
        }
        _ => token_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        ),
    }
}

/// Client credentials from the body or HTTP Basic.
fn client_auth(headers: &HeaderMap, f: &HashMap<String, String>) -> (Option<String>, Option<String>) {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.split_once(':').map(|(a, b)| (a.to_string(), b.to_string())));
    let decode = |s: String| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.to_string())
    };
    match basic {
        Some((id, secret)) => (decode(id), decode(secret)),
        None => (
            f.get("client_id").cloned(),
            f.get("client_secret").cloned().filter(|s| !s.is_empty()),
        ),
    }
}

fn redeem_code(
    st: &SandboxState,
    issuer: &IssuerHost,
    client_id: &str,
    f: &HashMap<String, String>,
    scope: &str,
) -> Response {
    let code = f.get("code").cloned().unwrap_or_default();
    let mut inner = st.lock();
    let Some(issued) = inner.codes.get_mut(&code) else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            70000,
            "The provided value for the 'code' parameter is not valid.",
        );
    };
    if issued.redeemed {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
    }
    if issued.issued.elapsed() > st.code_lifetime {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            70000,
            "The provided value for the 'code' parameter is not valid. The code has expired.",
        );
    }
    if !issued.req.client_id.eq_ignore_ascii_case(client_id) {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            70000,
            "The provided value for the 'code' parameter is not valid.",
        );
    }
    if f.get("redirect_uri").map(String::as_str) != Some(issued.req.redirect_uri.as_str()) {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            500112,
            "The reply address does not match the reply address provided when requesting Authorization code.",
        );
    }
    if scope.trim().is_empty() {
        return token_error(StatusCode::BAD_REQUEST, "invalid_request", 28003, "Provided value for the input parameter scope can't be empty when requesting an access token using the provided authorization code. Please specify a valid scope.");
    }
    if let Some(challenge) = &issued.req.code_challenge {
        let verifier = f.get("code_verifier").cloned().unwrap_or_default();
        let computed = if issued.req.code_challenge_method == "S256" {
            URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
        } else {
            verifier
        };
        if &computed != challenge {
            issued.redeemed = true;
            return token_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
            );
        }
    }
    issued.redeemed = true;
    let (req, user) = (issued.req.clone(), issued.user);
    drop(inner);
    let extra = Extra {
        nonce: req.nonce.as_deref(),
        client_info: asks_client_info(f) || req.client_info,
    };
    issue(st, issuer, client_id, user, &req.scopes, &extra)
}

fn refresh(
    st: &SandboxState,
    issuer: &IssuerHost,
    client_id: &str,
    f: &HashMap<String, String>,
    scope: &str,
) -> Response {
    let rt = f.get("refresh_token").cloned().unwrap_or_default();
    let (found, revoked) = {
        let inner = st.lock();
        (inner.refresh.get(&rt).cloned(), inner.faults.revoke_refresh_tokens)
    };
    if found.is_some() && revoked {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
    }
    let Some(found) = found.filter(|r| r.client_id.eq_ignore_ascii_case(client_id)) else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            9002313,
            "Invalid request. Request is malformed or invalid.",
        );
    };
    let asked: Vec<String> = if scope.trim().is_empty() {
        found.scopes.clone()
    } else {
        scope.split_whitespace().map(str::to_string).collect()
    };
    let granted_lower: Vec<String> = found.scopes.iter().map(|s| short(s).to_ascii_lowercase()).collect();
    if let Some(extra) = asked
        .iter()
        .find(|s| !granted_lower.contains(&short(s).to_ascii_lowercase()))
    {
        return token_error(StatusCode::BAD_REQUEST, "invalid_grant", 65001, &format!("The user or administrator has not consented to use the application with ID '{client_id}'. Send an interactive authorization request for this user and resource (scope {extra})."));
    }
    let extra = Extra {
        nonce: None,
        client_info: asks_client_info(f),
    };
    issue(st, issuer, client_id, found.user, &found.scopes, &extra)
}
