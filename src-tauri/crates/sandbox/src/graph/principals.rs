//! `/v1.0/servicePrincipals` (create for an app once it has replicated; get by ID or `appId`,
//! Graph's own with its scopes; PATCH `accountEnabled` and `appRoleAssignmentRequired`) and `/v1.0/oauth2PermissionGrants` (tenant-wide consent).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::applications::{body_object, not_found};
use super::{caller, denied, error, error_with_details, filter, GRANTS, READ, WRITE};
use crate::fixtures::TENANT_ID;
use crate::state::{new_id, opaque, SandboxState};

type St = State<Arc<SandboxState>>;

pub async fn list(State(st): St, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(READ)) {
        return r;
    }
    let all = st.lock().graph.service_principals.clone();
    filter::answer(&q, "servicePrincipals", all)
}

pub async fn create(State(st): St, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(WRITE)) {
        return r;
    }
    let body = match body_object(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let app_id = body
        .get("appId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut inner = st.lock();
    // Until the new app has replicated (sign-in knows it), Graph finds no app behind the appId.
    let replicated = inner.app(&app_id).is_some();
    let Some(app) = inner
        .graph
        .apps
        .iter()
        .find(|a| a.app_id().eq_ignore_ascii_case(&app_id))
        .filter(|_| replicated)
    else {
        let message =
            format!("The appId '{app_id}' of the service principal does not reference a valid application object.");
        let detail = json!({ "code": "NoBackingApplicationObject", "message": message, "target": "appId" });
        return error_with_details(StatusCode::BAD_REQUEST, "Request_BadRequest", &message, vec![detail]);
    };
    let name = app.field("displayName").to_string();
    if inner.graph.sp_by("appId", &app_id).is_some() {
        return error(
            StatusCode::CONFLICT,
            "Request_MultipleObjectsWithSameKeyValue",
            "Another object with the same value for property appId already exists.",
        );
    }
    let sp = json!({
        "id": new_id(), "appId": app_id, "displayName": name, "servicePrincipalType": "Application",
        "accountEnabled": true, "appRoleAssignmentRequired": false, "appOwnerOrganizationId": TENANT_ID, "servicePrincipalNames": [app_id],
        "oauth2PermissionScopes": [], "appRoles": [],
    });
    inner.graph.service_principals.push(sp.clone());
    (StatusCode::CREATED, Json(sp)).into_response()
}

pub async fn get_one(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    read(&st, &headers, "id", &id)
}

pub(super) fn read(st: &SandboxState, headers: &HeaderMap, key: &str, value: &str) -> Response {
    if let Err(r) = caller(st, headers).and_then(|c| c.needs(READ)) {
        return r;
    }
    let inner = st.lock();
    match inner.graph.sp_by(key, value) {
        Some(i) => Json(inner.graph.service_principals[i].clone()).into_response(),
        None => not_found(value),
    }
}

pub async fn update(State(st): St, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    write(&st, &headers, "id", &id, &body)
}

/// PATCH: whether users may sign in (`accountEnabled`) and whether they must be assigned first
/// (`appRoleAssignmentRequired`); other properties are not writable here.
pub(super) fn write(st: &SandboxState, headers: &HeaderMap, key: &str, value: &str, body: &Bytes) -> Response {
    if let Err(r) = caller(st, headers).and_then(|c| c.needs(WRITE)) {
        return r;
    }
    let body = match body_object(body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    for (k, v) in &body {
        if !matches!(k.as_str(), "accountEnabled" | "appRoleAssignmentRequired") {
            return error(
                StatusCode::BAD_REQUEST,
                "Request_BadRequest",
                &format!("Property '{k}' is read-only and cannot be set."),
            );
        }
        if !v.is_boolean() {
            return error(
                StatusCode::BAD_REQUEST,
                "Request_BadRequest",
                &format!("Invalid value specified for property '{k}' of resource 'ServicePrincipal'."),
            );
        }
    }
    let mut inner = st.lock();
    let Some(i) = inner.graph.sp_by(key, value) else {
        return not_found(value);
    };
    for (k, v) in body {
        inner.graph.service_principals[i][k] = v;
    }
    StatusCode::NO_CONTENT.into_response()
}

pub async fn delete(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(WRITE)) {
        return r;
    }
    let mut inner = st.lock();
    let Some(i) = inner.graph.sp_by("id", &id) else {
        return not_found(&id);
    };
    inner.graph.service_principals.remove(i);
    inner
        .graph
        .grants
        .retain(|g| g["clientId"].as_str() != Some(id.as_str()));
    StatusCode::NO_CONTENT.into_response()
}

pub async fn grants(State(st): St, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(GRANTS)) {
        return r;
    }
    let all = st.lock().graph.grants.clone();
    filter::answer(&q, "oauth2PermissionGrants", all)
}

/// Only an administrator (Cloud Application Administrator or above) consents for everyone.
fn may_grant(st: &SandboxState, headers: &HeaderMap) -> Result<(), Response> {
    let c = caller(st, headers)?;
    c.needs(GRANTS)?;
    if c.is_admin() {
        Ok(())
    } else {
        Err(denied())
    }
}

pub async fn grant(State(st): St, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = may_grant(&st, &headers) {
        return r;
    }
    let body = match body_object(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let text = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let (client, resource, consent, scope) = (text("clientId"), text("resourceId"), text("consentType"), text("scope"));
    let bad = |m: &str| error(StatusCode::BAD_REQUEST, "Request_BadRequest", m);
    if !matches!(consent.as_str(), "AllPrincipals" | "Principal") {
        return bad("Invalid value specified for property 'consentType' of resource 'OAuth2PermissionGrant'.");
    }
    let mut inner = st.lock();
    let (Some(ci), Some(ri)) = (inner.graph.sp_by("id", &client), inner.graph.sp_by("id", &resource)) else {
        return not_found(if inner.graph.sp_by("id", &client).is_none() {
            &client
        } else {
            &resource
        });
    };
    let offered = &inner.graph.service_principals[ri]["oauth2PermissionScopes"];
    let unknown: Vec<&str> = scope
        .split_whitespace()
        .filter(|s| {
            !offered.as_array().is_some_and(|a| {
                a.iter()
                    .any(|o| o["value"].as_str().is_some_and(|v| v.eq_ignore_ascii_case(s)))
            })
        })
        .collect();
    if scope.trim().is_empty() || !unknown.is_empty() {
        return bad(&format!("Permission entry(s) not found: {}.", unknown.join(", ")));
    }
    let client_app = inner.graph.service_principals[ci]["appId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let g = json!({
        "id": opaque("").chars().take(43).collect::<String>(), "clientId": client, "consentType": consent,
        "principalId": body.get("principalId").cloned().unwrap_or(Value::Null), "resourceId": resource, "scope": scope,
    });
    inner.graph.grants.push(g.clone());
    if consent == "AllPrincipals" {
        inner.admin_consents.push((client_app, TENANT_ID.into()));
    }
    (StatusCode::CREATED, Json(g)).into_response()
}

pub async fn regrant(State(st): St, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    if let Err(r) = may_grant(&st, &headers) {
        return r;
    }
    let scope = match body_object(&body) {
        Ok(b) => b.get("scope").cloned().unwrap_or(Value::Null),
        Err(r) => return r,
    };
    let mut inner = st.lock();
    match inner.graph.grants.iter_mut().find(|g| g["id"] == id.as_str()) {
        Some(g) => {
            g["scope"] = scope;
            StatusCode::NO_CONTENT.into_response()
        }
        None => not_found(&id),
    }
}

pub async fn revoke(State(st): St, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = may_grant(&st, &headers) {
        return r;
    }
    let mut inner = st.lock();
    let Some(i) = inner.graph.grants.iter().position(|g| g["id"] == id.as_str()) else {
        return not_found(&id);
    };
    let g = inner.graph.grants.remove(i);
    let client = g["clientId"].as_str().unwrap_or_default().to_string();
    if let Some(sp) = inner.graph.sp_by("id", &client) {
        let app = inner.graph.service_principals[sp]["appId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        inner.admin_consents.retain(|(c, _)| !c.eq_ignore_ascii_case(&app));
    }
    StatusCode::NO_CONTENT.into_response()
}
