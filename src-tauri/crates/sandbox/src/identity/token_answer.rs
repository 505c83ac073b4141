//! The successful answer of the token endpoint: tokens in Microsoft's shape (short Graph scope
//! names, `ext_expires_in`, a refresh token only with `offline_access`, an ID token only with
//! `openid`, `client_info` when asked for).

use std::collections::HashMap;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde_json::json;

use super::errors::token_error;
use crate::fixtures::TENANT_ID;
use crate::jwt;
use crate::state::graph::GraphToken;
use crate::state::{opaque, IssuedRefresh, SandboxState};
use crate::IssuerHost;

/// What the request asked for beyond tokens: the nonce to echo, and `client_info`.
pub(super) struct Extra<'a> {
    pub nonce: Option<&'a str>,
    pub client_info: bool,
}

pub(super) fn asks_client_info(f: &HashMap<String, String>) -> bool {
    f.get("client_info").map(String::as_str) == Some("1")
}

pub(super) fn short(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

pub(super) fn issue(
    st: &SandboxState,
    issuer: &IssuerHost,
    client_id: &str,
    user: usize,
    scopes: &[String],
    extra: &Extra<'_>,
) -> Response {
    let Some(u) = st.lock().directory.get(user).cloned() else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            50034,
            "The user account does not exist in the directory.",
        );
    };
    let has = |s: &str| scopes.iter().any(|x| short(x).eq_ignore_ascii_case(s));
    // Microsoft echoes short Graph names plus the OIDC scopes, never offline_access.
    let mut echoed: Vec<String> = scopes
        .iter()
        .map(|s| short(s).to_string())
        .filter(|s| !s.eq_ignore_ascii_case("offline_access"))
        .collect();
    if has("openid") && !has("email") {
        echoed.push("email".into());
    }
    let expires = rand::thread_rng().gen_range(3600..=5400);
    // Graph accepts the tokens issued here, for the scopes granted.
    let access_token = opaque("eyJ0eXAiOi.sbx.");
    st.lock().graph.tokens.insert(
        access_token.clone(),
        GraphToken {
            user,
            scopes: scopes.iter().map(|s| short(s).to_string()).collect(),
        },
    );
    let mut body = json!({
        "token_type": "Bearer",
        "scope": echoed.join(" "),
        "expires_in": expires,
        "ext_expires_in": expires,
        "access_token": access_token,
    });
    if std::mem::take(&mut st.lock().faults.omit_token_scope) {
        if let Some(o) = body.as_object_mut() {
            o.remove("scope");
        }
    }
    if has("offline_access") {
        let rt = opaque("1.sbx.");
        st.lock().refresh.insert(
            rt.clone(),
            IssuedRefresh {
                client_id: client_id.into(),
                user,
                scopes: scopes.to_vec(),
            },
        );
        body["refresh_token"] = json!(rt);
    }
    if has("openid") {
        let fault = st.lock().faults.id_token.take();
        let claims = jwt::IdClaims {
            issuer_host: &issuer.0,
            tenant_id: TENANT_ID,
            client_id,
            nonce: extra.nonce,
            fault: fault.as_deref(),
        };
        body["id_token"] = json!(jwt::id_token(&claims, &u));
    }
    if extra.client_info {
        body["client_info"] = json!(jwt::client_info(&u.oid, TENANT_ID));
    }
    ok(body)
}

pub(super) fn ok(body: serde_json::Value) -> Response {
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")],
        axum::Json(body),
    )
        .into_response()
}
