// The doctor's look at tenant-wide consent (the app's grants and the tenant's consent policy),
// and its fix: the missing permissions granted for the whole organization, on each API.

use serde_json::json;

use crate::doctor::consent;
use crate::doctor::registration::Needs;
use crate::doctor::Finding;
use crate::error::Result;
use crate::graph::models::{AuthorizationPolicy, Collection, OAuth2PermissionGrant, ServicePrincipal};
use crate::graph::Graph;

async fn grants(g: &Graph, sp: &ServicePrincipal) -> Result<Vec<OAuth2PermissionGrant>> {
    let path = format!("oauth2PermissionGrants?$filter=clientId eq '{}'", sp.id);
    let page: Collection<OAuth2PermissionGrant> = g.get(&path).await?;
    Ok(page.value)
}

pub(super) async fn look(g: &Graph, sp: &ServicePrincipal, needs: &Needs) -> Result<Option<Finding>> {
    let grants = grants(g, sp).await?;
    // Without the right to read the policy, users are taken not to be allowed to consent.
    let policy: Option<AuthorizationPolicy> = g.get("policies/authorizationPolicy").await.ok();
    let users_may = policy.is_some_and(|p| p.users_may_consent());
    Ok(consent::check(needs, &grants, users_may))
}

/// Grants the missing permissions tenant-wide: the existing grant on an API widened, or a new one.
pub(super) async fn repair(g: &Graph, sp: &ServicePrincipal, needs: &Needs) -> Result<()> {
    let grants = grants(g, sp).await?;
    for (api, names) in consent::missing(needs, &grants) {
        let Some((_, resource)) = needs.principals.iter().find(|(a, _)| *a == api) else {
            continue;
        };
        let existing = grants
            .iter()
            .find(|x| x.consent_type.as_deref() == Some("AllPrincipals") && x.resource_id.as_deref() == Some(resource));
        match existing {
            Some(x) => {
                let mut scope: Vec<String> = x
                    .scope
                    .as_deref()
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                scope.extend(names);
                g.patch(
                    &format!("oauth2PermissionGrants/{}", x.id),
                    json!({ "scope": scope.join(" ") }),
                )
                .await?;
            }
            None => {
                let body = json!({ "clientId": sp.id, "consentType": "AllPrincipals", "resourceId": resource, "scope": names.join(" ") });
                g.post_only("oauth2PermissionGrants", body).await?;
            }
        }
    }
    Ok(())
}
