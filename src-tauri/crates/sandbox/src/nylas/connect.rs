//! `POST /v3/connect/custom` (Bring Your Own auth): Microsoft refresh tokens, Microsoft bulk
//! auth through an admin-consent credential, and Exchange on-premises (EWS) passwords. Like
//! Nylas, the sandbox checks each with the provider (the sandbox's own Microsoft or EWS server).

#![allow(clippy::result_large_err)] // handler helpers return the finished HTTP error response

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::{json, Value};

use super::envelope::{data, error, error_with};
use super::grants::view;
use crate::fixtures::{EWS_DOMAIN, EWS_HOST, EWS_USERS};
use crate::state::{Inner, SandboxState};

pub async fn custom(State(st): State<Arc<SandboxState>>, Json(body): Json<Value>) -> Response {
    let provider = body.get("provider").and_then(Value::as_str).unwrap_or("").to_string();
    let settings = body.get("settings").cloned().unwrap_or(Value::Null);
    let state = body.get("state").and_then(Value::as_str).map(str::to_string);
    let mut inner = st.lock();
    let field = |k: &str| settings.get(k).and_then(Value::as_str).map(str::to_string);
    let result = match provider.as_str() {
        "" => Err(error(StatusCode::BAD_REQUEST, "grant.provider_required", "provider is required")),
        "microsoft" => match (field("refresh_token"), field("email_address"), field("credential_id")) {
            (Some(rt), _, _) => microsoft_refresh(&mut inner, &rt),
            (None, Some(email), Some(cred)) => microsoft_bulk(&mut inner, &email, &cred),
            _ => Err(error(StatusCode::BAD_REQUEST, "invalid_request_payload", "settings.refresh_token, or settings.email_address with settings.credential_id, is required for provider microsoft")),
        },
        "ews" => ews(&mut inner, &settings),
        other => Err(error(StatusCode::BAD_REQUEST, "invalid_request_error", &format!("provider '{other}' is not available in the sandbox"))),
    };
    match result {
        Ok((provider, email, name, uid, scope)) => {
            // A new grant or a re-authenticated one: Nylas answers 201 either way.
            let (g, _) = inner.upsert_grant(&provider, &email, &name, &uid, scope, state);
            data(StatusCode::CREATED, view(&g))
        }
        Err(resp) => resp,
    }
}

type Identity = (String, String, String, String, Vec<String>);

fn provider_error(status: StatusCode, kind: &str, message: &str, provider: Value) -> Response {
    error_with(status, kind, message, Some(provider))
}

fn microsoft_refresh(inner: &mut Inner, rt: &str) -> Result<Identity, Response> {
    let conn = connector(inner, "microsoft")?;
    let secret_ok = inner
        .app(&conn.client_id)
        .is_some_and(|a| a.secrets.iter().any(|s| s.digest == conn.secret_digest && !s.expired()));
    if !secret_ok {
        return Err(provider_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "The provider rejected the connector's client credentials.",
            json!({ "error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided." }),
        ));
    }
    let issued = inner
        .refresh
        .get(rt)
        .cloned()
        .filter(|r| r.client_id.eq_ignore_ascii_case(&conn.client_id))
        .filter(|_| !inner.faults.revoke_refresh_tokens);
    let Some(issued) = issued else {
        return Err(provider_error(
            StatusCode::UNAUTHORIZED,
            "grant.refresh_token_invalid",
            "Invalid refresh_token supplied to Grant.",
            json!({ "error": "invalid_grant", "error_description": "AADSTS9002313: Invalid request. Request is malformed or invalid." }),
        ));
    };
    let user = inner
        .directory
        .get(issued.user)
        .cloned()
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "invalid_request_error", "unknown user"))?;
    let scope = issued
        .scopes
        .iter()
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
        .collect();
    Ok(("microsoft".into(), user.email().into(), user.name, user.oid, scope))
}

fn microsoft_bulk(inner: &mut Inner, email: &str, credential_id: &str) -> Result<Identity, Response> {
    let conn = connector(inner, "microsoft")?;
    let Some(cred) = inner
        .credentials
        .iter()
        .find(|c| c.id == credential_id && c.kind == "adminconsent")
        .cloned()
    else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("No adminconsent credential '{credential_id}' on the microsoft connector."),
        ));
    };
    if !inner.admin_consented(&cred.client_id) {
        return Err(provider_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "The provider refused: no administrator has consented for this application.",
            json!({ "error": "invalid_grant", "error_description": "AADSTS65001: The user or administrator has not consented to use the application." }),
        ));
    }
    let found = crate::state::directory::find(&inner.directory, email);
    let Some(user) = found.map(|i| inner.directory[i].clone()) else {
        return Err(provider_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("The provider has no mailbox '{email}' in the tenant."),
            json!({ "error": "invalid_grant", "error_description": "AADSTS50034: The user account does not exist in the directory." }),
        ));
    };
    if user.mail.is_none() {
        return Err(provider_error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("The provider has no mailbox for '{email}'."),
            json!({ "error": { "code": "MailboxNotEnabledForRESTAPI", "message": "The mailbox is either inactive, soft-deleted, or is hosted on-premise." } }),
        ));
    }
    Ok(("microsoft".into(), user.email().into(), user.name, user.oid, conn.scope))
}

fn ews(inner: &mut Inner, settings: &Value) -> Result<Identity, Response> {
    let conn = connector(inner, "ews")?;
    let get = |k: &str| settings.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let (email, username, password) = (get("email"), get("ews_username"), get("ews_password"));
    if email.is_empty() || username.is_empty() || password.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_payload",
            "settings.email, settings.ews_username and settings.ews_password are required for provider ews",
        ));
    }
    let host = match settings.get("ews_host").and_then(Value::as_str) {
        Some(h) => h.to_ascii_lowercase(),
        None => {
            let domain = username.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
            if domain != EWS_DOMAIN {
                return Err(provider_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    &format!("Could not auto-discover the Exchange server for '{domain}'. Provide ews_host."),
                    json!({ "error": "autodiscover_failed" }),
                ));
            }
            EWS_HOST.into()
        }
    };
    if host != EWS_HOST {
        return Err(provider_error(
            StatusCode::GATEWAY_TIMEOUT,
            "api.provider_error",
            &format!("Could not connect to the Exchange server '{host}'."),
            json!({ "error": "host_unreachable" }),
        ));
    }
    let Some((name, mail, _)) = EWS_USERS
        .iter()
        .find(|(_, m, p)| m.eq_ignore_ascii_case(&username) && *p == password)
    else {
        return Err(provider_error(
            StatusCode::UNAUTHORIZED,
            "grant.invalid_authentication",
            "The Exchange server rejected the username or password.",
            json!({ "error": "invalid_credentials" }),
        ));
    };
    let _ = email;
    Ok((
        "ews".into(),
        (*mail).into(),
        (*name).into(),
        format!("ews:{mail}"),
        conn.scope,
    ))
}

fn connector(inner: &Inner, provider: &str) -> Result<crate::state::Connector, Response> {
    inner.connectors.get(provider).cloned().ok_or_else(|| {
        error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            &format!("No connector found for provider '{provider}'. Create the connector first."),
        )
    })
}
