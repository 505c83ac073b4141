//! `/v1.0/policies/authorizationPolicy`: whether users may grant apps permissions themselves
//! (`defaultUserRolePermissions.permissionGrantPoliciesAssigned`). Reading needs
//! `Policy.Read.All`; changing it `Policy.ReadWrite.Authorization`. Sign-in honours it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::applications::body_object;
use super::{caller, error};
use crate::state::SandboxState;

const READ: &[&str] = &["Policy.Read.All", "Policy.ReadWrite.Authorization"];
const WRITE: &[&str] = &["Policy.ReadWrite.Authorization"];

fn document(policies: &[String]) -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity",
        "id": "authorizationPolicy", "displayName": "Authorization Policy",
        "description": "Used to manage authorization related settings across the company.",
        "allowInvitesFrom": "everyone", "allowedToSignUpEmailBasedSubscriptions": true,
        "allowedToUseSSPR": true, "allowEmailVerifiedUsersToJoinOrganization": false,
        "blockMsolPowerShell": false,
        "defaultUserRolePermissions": {
            "allowedToCreateApps": false, "allowedToCreateSecurityGroups": true,
            "allowedToReadOtherUsers": true, "permissionGrantPoliciesAssigned": policies,
        },
    })
}

pub async fn get(State(st): State<Arc<SandboxState>>, headers: HeaderMap) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(READ)) {
        return r;
    }
    let policies = st.lock().graph.user_consent_policies.clone();
    Json(document(&policies)).into_response()
}

pub async fn update(State(st): State<Arc<SandboxState>>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(r) = caller(&st, &headers).and_then(|c| c.needs(WRITE)) {
        return r;
    }
    let body = match body_object(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let assigned = body
        .get("defaultUserRolePermissions")
        .and_then(|d| d.get("permissionGrantPoliciesAssigned"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
    let Some(assigned) = assigned else {
        return error(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            "This subset changes only defaultUserRolePermissions.permissionGrantPoliciesAssigned.",
        );
    };
    st.lock().graph.user_consent_policies = assigned;
    StatusCode::NO_CONTENT.into_response()
}
