//! `GET /{tenant}/v2.0/.well-known/openid-configuration`.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::errors::token_error;
use super::tenant::resolve;
use crate::fixtures::{TENANT_DOMAIN, TENANT_ID};
use crate::IssuerHost;

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
        "cloud_instance_name": "microsoftonline.com",
        "msgraph_host": "graph.microsoft.com",
    });
    ([(header::CACHE_CONTROL, "max-age=86400, private")], axum::Json(body)).into_response()
}
