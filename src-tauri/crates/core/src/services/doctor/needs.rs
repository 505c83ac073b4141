// What this profile needs of its Azure app: the redirect URIs of its target, mode and region, and
// its delegated permissions with the IDs each API's service principal gives them (each API
// asked once), and, for Nylas v3, the Exchange permissions it must not ask for.

use std::collections::HashMap;

use crate::azure::checklist::{self, ChecklistTarget};
use crate::azure::permissions::{self, GRAPH_APP_ID};
use crate::doctor::registration::{Needs, Wanted};
use crate::error::Result;
use crate::graph::models::ServicePrincipal;
use crate::graph::registration::{selected, AppPlan};
use crate::graph::Graph;
use crate::profile::Profile;

/// Exchange permissions Microsoft refuses next to Graph's mail permissions on a v3 app.
const REFUSED_ON_V3: &[&str] = &["EWS.AccessAsUser.All", "EAS.AccessAsUser.All"];

pub(super) async fn of(g: &Graph, p: &Profile) -> Result<Needs> {
    let plan = AppPlan {
        display_name: "",
        target: p.target,
        region: &p.region,
        mode: p.auth_mode,
        scopes: &p.scopes,
    };
    let wanted = selected(&plan);
    let v3 = p.target == ChecklistTarget::NylasV3;
    let mut apis: Vec<&str> = wanted.iter().map(|w| w.resource_app_id).collect();
    if v3 {
        apis.push(GRAPH_APP_ID);
        apis.push(permissions::EXCHANGE_APP_ID);
    }
    let mut ids: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut principals = Vec::new();
    for api in apis {
        if ids.contains_key(api) {
            continue;
        }
        let path = format!("servicePrincipals(appId='{api}')?$select=id,appId,oauth2PermissionScopes");
        let sp: Option<ServicePrincipal> = g.find(&path).await?;
        if let Some(sp) = &sp {
            principals.push((api.to_string(), sp.id.clone()));
        }
        let by_name = sp
            .into_iter()
            .flat_map(|s| s.oauth2_permission_scopes)
            .filter_map(|s| Some((s.value?, s.id)))
            .collect();
        ids.insert(api.to_string(), by_name);
    }
    // An API the tenant lacks keeps the ID the portal's manifest uses.
    let id_of = |api: &str, name: &str, fallback: &str| {
        ids.get(api)
            .and_then(|m| m.get(name).cloned())
            .unwrap_or_else(|| fallback.to_string())
    };
    let permissions = wanted
        .iter()
        .map(|w| Wanted {
            resource_app_id: w.resource_app_id.into(),
            resource: w.resource.into(),
            name: w.name.into(),
            id: id_of(w.resource_app_id, w.name, w.id),
        })
        .collect();
    let mut refused = Vec::new();
    if v3 {
        for name in REFUSED_ON_V3 {
            if let Some(id) = ids.get(GRAPH_APP_ID).and_then(|m| m.get(*name)) {
                refused.push((GRAPH_APP_ID.to_string(), id.clone(), name.to_string()));
            }
        }
        for perm in permissions::LEGACY_V2
            .iter()
            .filter(|x| x.resource_app_id == permissions::EXCHANGE_APP_ID)
        {
            refused.push((perm.resource_app_id.into(), perm.id.into(), perm.name.into()));
        }
    }
    Ok(Needs {
        redirect_uris: checklist::redirect_uris(p.target, &p.region, p.auth_mode),
        permissions,
        refused,
        principals,
    })
}
