// The doctor's look at tenant-wide consent (the app's grants and the tenant's consent policy),
// and its fix: the missing permissions granted for the whole organization, on each API.

use serde_json::json;

use crate::doctor::consent;
use crate::doctor::registration::Needs;
use crate::doctor::Finding;
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::models::{AuthorizationPolicy, Collection, OAuth2PermissionGrant, ServicePrincipal};
use crate::graph::Graph;
use crate::job::{Job, JobStep};
use crate::profile::Profile;

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

/// The profile's app approved for the whole organization (bulk auth needs it): its tenant-wide
/// grants read and, where a permission is missing, granted through Graph. Whether it granted.
pub(crate) async fn grant_for_organization(g: &Graph, p: &Profile, job: &Job) -> Result<bool> {
    let path = format!("servicePrincipals(appId='{}')?$select=id,appId", p.client_id);
    let sp: ServicePrincipal = g.find(&path).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::Graph,
            "The app has no enterprise application in this organization yet, so it cannot be approved for everyone.",
        )
        .with_fix(
            "Run the connection check (Check the connection) and fix what it finds, then connect the mailboxes again.",
        )
    })?;
    let needs = super::needs::of(g, p).await?;
    if look(g, &sp, &needs).await?.is_none() {
        return Ok(false);
    }
    repair(g, &sp, &needs).await?;
    job.step(
        JobStep::Consented,
        "The app's permissions were granted for everyone in the organization.",
    );
    Ok(true)
}
