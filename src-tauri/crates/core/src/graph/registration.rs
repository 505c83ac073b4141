//! The app registration's document for a target (Nylas v3, legacy v2, Streams): the same redirect
//! URIs, permissions and settings the manual checklist asks for, with each permission's ID read
//! from its API's own service principal in the tenant rather than from a table.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::models::ServicePrincipal;
use super::{Graph, GraphError};
use crate::azure::checklist::{self, ChecklistTarget};
use crate::azure::permissions::Permission;
use crate::nylas::Region;
use crate::profile::AuthMode;
use crate::scopes::Scopes;

/// What the app is for; everything in its document follows from this.
pub struct AppPlan<'a> {
    pub display_name: &'a str,
    pub target: ChecklistTarget,
    pub region: &'a Region,
    pub mode: AuthMode,
    pub scopes: &'a Scopes,
}

/// One API's delegated permissions as the tenant knows them (name → ID).
pub struct ResourceScopes {
    pub resource_app_id: String,
    /// The API's service principal in this tenant (`None`: not in the tenant).
    pub principal_id: Option<String>,
    pub names: Vec<String>,
    pub ids: Vec<String>,
}

/// The permissions the plan selects, grouped by API, in the checklist's order.
pub fn selected(plan: &AppPlan<'_>) -> Vec<Permission> {
    checklist::build(plan.target, plan.region, plan.mode, plan.scopes)
        .permissions
        .into_iter()
        .filter(|r| r.selected)
        .map(|r| r.permission)
        .collect()
}

/// Looks up each API's service principal and resolves the selected permission names to IDs.
/// Microsoft Graph is in every tenant; another API missing from the tenant keeps the ID the
/// portal's manifest uses.
pub async fn resolve(graph: &Graph, perms: &[Permission]) -> Result<Vec<ResourceScopes>, GraphError> {
    let mut out: Vec<(ResourceScopes, HashMap<String, String>)> = Vec::new();
    for p in perms {
        if !out.iter().any(|(r, _)| r.resource_app_id == p.resource_app_id) {
            let path = format!(
                "servicePrincipals(appId='{}')?$select=id,appId,oauth2PermissionScopes",
                p.resource_app_id
            );
            let sp: Option<ServicePrincipal> = graph.find(&path).await?;
            let known = sp
                .iter()
                .flat_map(|s| &s.oauth2_permission_scopes)
                .filter_map(|s| Some((s.value.clone()?, s.id.clone())))
                .collect();
            let resource = ResourceScopes {
                resource_app_id: p.resource_app_id.to_string(),
                principal_id: sp.map(|s| s.id),
                names: Vec::new(),
                ids: Vec::new(),
            };
            out.push((resource, known));
        }
        if let Some((r, known)) = out.iter_mut().find(|(r, _)| r.resource_app_id == p.resource_app_id) {
            r.names.push(p.name.to_string());
            r.ids
                .push(known.get(p.name).cloned().unwrap_or_else(|| p.id.to_string()));
        }
    }
    Ok(out.into_iter().map(|(r, _)| r).collect())
}

/// The application's document: single-tenant, the target's Web redirect URIs (and, for Streams,
/// the implicit-grant settings), and its permissions.
pub fn document(plan: &AppPlan<'_>, unique_name: &str, resources: &[ResourceScopes]) -> Value {
    let redirect_uris = checklist::redirect_uris(plan.target, plan.region, plan.mode);
    let streams = plan.target == ChecklistTarget::Streams;
    let access: Vec<Value> = resources
        .iter()
        .map(|r| {
            let scopes: Vec<Value> = r.ids.iter().map(|id| json!({ "id": id, "type": "Scope" })).collect();
            json!({ "resourceAppId": r.resource_app_id, "resourceAccess": scopes })
        })
        .collect();
    json!({
        "displayName": plan.display_name,
        "uniqueName": unique_name,
        "signInAudience": "AzureADMyOrg",
        "web": {
            "redirectUris": redirect_uris,
            "implicitGrantSettings": {
                "enableAccessTokenIssuance": streams,
                "enableIdTokenIssuance": streams,
            },
        },
        "requiredResourceAccess": access,
    })
}
