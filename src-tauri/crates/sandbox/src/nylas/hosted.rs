//! Nylas Hosted auth: `/v3/connect/auth` sends the browser to Microsoft with Nylas's own
//! callback, `/v3/connect/callback` turns Microsoft's answer into a grant and a Nylas code, and
//! `/v3/connect/token` redeems that code (Nylas's PKCE: base64 of the hex SHA-256).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::envelope::error;
use crate::fixtures::NYLAS_APPLICATION_ID;
use crate::identity::errors::encode_pairs;
use crate::state::{opaque, HostedPending, NylasCode, SandboxState};

fn redirect(to: &str, pairs: &[(&str, &str)]) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    (
        StatusCode::FOUND,
        [(header::LOCATION, format!("{to}{sep}{}", encode_pairs(pairs)))],
    )
        .into_response()
}

pub async fn auth(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    if get("client_id") != Some(NYLAS_APPLICATION_ID) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "client_id is not a Nylas application client ID",
        );
    }
    let redirect_uri = get("redirect_uri").unwrap_or("");
    let mut inner = st.lock();
    if !inner.callback_uris.iter().any(|(_, u)| u == redirect_uri) {
        return error(
            StatusCode::BAD_REQUEST,
            "grant.callback_uri_not_allowed",
            "callback_uri is not allowed for this connector.",
        );
    }
    if get("response_type") != Some("code") {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "response_type must be code",
        );
    }
    if get("provider") != Some("microsoft") {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "The sandbox's hosted auth supports provider=microsoft only",
        );
    }
    let Some(conn) = inner.connectors.get("microsoft").cloned() else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "No connector found for provider 'microsoft'.",
        );
    };
    let internal = opaque("hs.");
    inner.hosted.insert(
        internal.clone(),
        HostedPending {
            redirect_uri: redirect_uri.into(),
            state: get("state").map(str::to_string),
            code_challenge: get("code_challenge").map(str::to_string),
            code_challenge_method: get("code_challenge_method").unwrap_or("plain").to_string(),
        },
    );
    let tenant = conn.tenant.clone().unwrap_or_else(|| "common".into());
    let callback = format!("{}/v3/connect/callback", st.nylas_url);
    let scope = conn.scope.join(" ");
    let mut pairs = vec![
        ("client_id", conn.client_id.as_str()),
        ("response_type", "code"),
        ("redirect_uri", callback.as_str()),
        ("scope", scope.as_str()),
        ("state", internal.as_str()),
        ("response_mode", "query"),
    ];
    match get("login_hint") {
        Some(h) => pairs.push(("login_hint", h)),
        None => pairs.push(("prompt", "select_account")),
    }
    redirect(&format!("{}/{tenant}/oauth2/v2.0/authorize", st.identity_url), &pairs)
}

pub async fn callback(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let mut inner = st.lock();
    let Some(pending) = q.get("state").and_then(|s| inner.hosted.remove(s)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "Unknown or used state.",
        );
    };
    let app_state = pending.state.clone().unwrap_or_default();
    if let Some(err) = q.get("error") {
        let desc = q.get("error_description").cloned().unwrap_or_default();
        return redirect(
            &pending.redirect_uri,
            &[("error", err), ("error_description", &desc), ("state", &app_state)],
        );
    }
    // Nylas redeems Microsoft's code with the connector's credentials.
    let issued = q
        .get("code")
        .and_then(|c| inner.codes.get_mut(c))
        .filter(|c| !c.redeemed)
        .map(|c| {
            c.redeemed = true;
            c.clone()
        });
    let Some(issued) = issued else {
        return redirect(
            &pending.redirect_uri,
            &[
                ("error", "invalid_grant"),
                ("error_description", "The provider's code was not valid."),
                ("state", &app_state),
            ],
        );
    };
    let Some(user) = inner.directory.get(issued.user).cloned() else {
        return error(StatusCode::BAD_REQUEST, "invalid_request_error", "unknown user");
    };
    let scope = issued
        .req
        .scopes
        .iter()
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
        .collect();
    let (grant, _) = inner.upsert_grant(
        "microsoft",
        user.email(),
        &user.name,
        &user.oid,
        scope,
        pending.state.clone(),
    );
    let code = opaque("nc.");
    inner.nylas_codes.insert(
        code.clone(),
        NylasCode {
            grant_id: grant.id,
            redirect_uri: pending.redirect_uri.clone(),
            code_challenge: pending.code_challenge,
            code_challenge_method: pending.code_challenge_method,
            redeemed: false,
        },
    );
    redirect(&pending.redirect_uri, &[("code", &code), ("state", &app_state)])
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, axum::Json(json!({ "error": error, "error_description": description, "error_uri": "developer.nylas.com/docs/api/errors/400-response/", "error_code": status.as_u16() }))).into_response()
}

/// Nylas's PKCE transform.
pub fn nylas_challenge(verifier: &str) -> String {
    let hex: String = Sha256::digest(verifier.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    STANDARD_NO_PAD.encode(hex)
}

pub async fn token(State(st): State<Arc<SandboxState>>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let form: HashMap<String, String> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(m)) => m
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
            .collect(),
        _ => url::form_urlencoded::parse(&body).into_owned().collect(),
    };
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let mut inner = st.lock();
    let key_ok = [Some(get("client_secret")), bearer]
        .into_iter()
        .flatten()
        .any(|k| inner.api_keys.iter().any(|a| a == k));
    if get("client_id") != NYLAS_APPLICATION_ID || !key_ok {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client_id or client_secret.",
        );
    }
    if get("grant_type") != "authorization_code" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The sandbox supports authorization_code.",
        );
    }
    let Some(code) = inner.nylas_codes.get_mut(get("code")) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Sorry, the code you provided is not valid. It has already been used, or has expired.",
        );
    };
    if code.redeemed {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "Sorry, the code you provided is not valid. It has already been used, or has expired.",
        );
    }
    code.redeemed = true;
    if get("redirect_uri") != code.redirect_uri {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "redirect_uri does not match the one used to get the code.",
        );
    }
    if let Some(challenge) = &code.code_challenge {
        let computed = if code.code_challenge_method.eq_ignore_ascii_case("s256") {
            nylas_challenge(get("code_verifier"))
        } else {
            get("code_verifier").to_string()
        };
        if &computed != challenge {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                "code_verifier does not match the code_challenge.",
            );
        }
    }
    let grant_id = code.grant_id.clone();
    let Some(g) = inner.grants.iter().find(|g| g.id == grant_id).cloned() else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "The grant no longer exists.");
    };
    let access_token = opaque("nat.");
    inner.nylas_access_tokens.push(access_token.clone());
    (
        StatusCode::OK,
        axum::Json(json!({
            "access_token": access_token, "expires_in": 3600, "email": g.email, "scope": g.scope.join(" "),
            "token_type": "Bearer", "grant_id": g.id, "provider": "microsoft",
        })),
    )
        .into_response()
}

/// `POST /v3/connect/revoke?token=…`: ends a Hosted auth access token.
pub async fn revoke(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(token) = q.get("token").filter(|t| !t.is_empty()) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The token query parameter is required.",
        );
    };
    let mut inner = st.lock();
    let before = inner.nylas_access_tokens.len();
    inner.nylas_access_tokens.retain(|t| t != token);
    if inner.nylas_access_tokens.len() == before {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "The token is not valid.");
    }
    super::envelope::answer(StatusCode::OK, json!({ "success": true }))
}
