//! `GET /{tenant}/v2.0/.well-known/openid-configuration`, the JWKS it points to, and the
//! endpoints it advertises besides authorize and token (sign-out).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;

use super::errors::token_error;
use super::tenant::{redirect_matches, resolve};
use crate::fixtures::{TENANT_DOMAIN, TENANT_ID};
use crate::state::SandboxState;
use crate::{jwt, IssuerHost};

pub async fn openid_configuration(State(issuer): State<IssuerHost>, Path(tenant): Path<String>) -> Response {
    if let Err((code, text)) = resolve(&tenant) {
        let error = if code == 90002 {
            "invalid_tenant"
        } else {
            "invalid_request"
        };
        return token_error(StatusCode::BAD_REQUEST, error, code, &text);
    }
    let host = issuer.0;
    let lower = tenant.to_ascii_lowercase();
    let issuer_tenant = if lower == TENANT_DOMAIN || lower == TENANT_ID {
        TENANT_ID
    } else {
        "{tenantid}"
    };
    let body = json!({
        "token_endpoint": format!("{host}/{tenant}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{host}/{tenant}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{host}/{issuer_tenant}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
        "authorization_endpoint": format!("{host}/{tenant}/oauth2/v2.0/authorize"),
        "end_session_endpoint": format!("{host}/{tenant}/oauth2/v2.0/logout"),
        "device_authorization_endpoint": format!("{host}/{tenant}/oauth2/v2.0/devicecode"),
        "kerberos_endpoint": format!("{host}/{tenant}/kerberos"),
        "tenant_region_scope": "NA",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
        "frontchannel_logout_supported": true,
        "http_logout_supported": true,
        "claims_supported": ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
    });
    public_json(body)
}

/// `GET /{tenant}/discovery/v2.0/keys`: the keys that sign ID tokens.
pub async fn keys(State(issuer): State<IssuerHost>, Path(tenant): Path<String>) -> Response {
    if let Err((code, text)) = resolve(&tenant) {
        return token_error(StatusCode::BAD_REQUEST, "invalid_tenant", code, &text);
    }
    public_json(jwt::jwks(&format!("{}/{{tenantid}}/v2.0", issuer.0)))
}

/// Metadata any page may read (Microsoft sends both headers on discovery and keys).
fn public_json(body: serde_json::Value) -> Response {
    (
        [
            (header::CACHE_CONTROL, "max-age=86400, private"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        axum::Json(body),
    )
        .into_response()
}

/// `GET /{tenant}/oauth2/v2.0/logout`: signs out (the demo keeps no session) and returns to
/// `post_logout_redirect_uri` when one is given, as Microsoft does for a registered URI.
/// Sign-out. Like Microsoft, it goes on to `post_logout_redirect_uri` only when that is one of the
/// app's registered redirect URIs (the app named by `client_id`); otherwise it stays on its page.
pub async fn logout(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let registered = |to: &str| {
        let inner = st.lock();
        let app = q.get("client_id").and_then(|c| inner.app(c));
        app.is_some_and(|a| {
            a.web_redirects
                .iter()
                .chain(&a.public_redirects)
                .any(|r| redirect_matches(r, to))
        })
    };
    match q.get("post_logout_redirect_uri") {
        Some(to) if registered(to) => Redirect::to(to).into_response(),
        _ => Html("<!doctype html><title>Signed out</title><h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>").into_response(),
    }
}
