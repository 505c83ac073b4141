//! Microsoft's admin-consent link (`/{tenant}/v2.0/adminconsent`): an administrator approves the
//! app's permissions for the whole organization.

use url::Url;

use super::cloud::Endpoints;
use crate::error::{AppError, Result};
use crate::tenant::Tenant;

pub fn url(
    endpoints: &Endpoints,
    tenant: &Tenant,
    client_id: &str,
    scopes: &[String],
    redirect_uri: &str,
    state: &str,
) -> Result<Url> {
    if matches!(tenant, Tenant::Common | Tenant::Consumers) {
        return Err(AppError::invalid(
            "tenant",
            "Admin consent needs your organization's tenant, not 'common' or 'consumers'.",
            "Enter your Directory (tenant) ID or domain (or 'organizations') in the app credentials step.",
        ));
    }
    let scope: Vec<String> = scopes
        .iter()
        .map(|s| {
            if s.contains("://") || matches!(s.as_str(), "openid" | "profile" | "email" | "offline_access") {
                s.clone()
            } else {
                format!("https://graph.microsoft.com/{s}")
            }
        })
        .collect();
    let mut u = endpoints.admin_consent.clone();
    u.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("scope", &scope.join(" "))
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state);
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::microsoft::cloud::IdentityCloud;

    #[test]
    fn refuses_common_and_qualifies_graph_scopes() {
        let t = Tenant::Domain("contoso.com".into());
        let e = Endpoints::new(&IdentityCloud::Global, &t).unwrap();
        let u = url(
            &e,
            &t,
            "c",
            &["openid".into(), "Mail.Read".into()],
            "http://localhost:1/callback",
            "st",
        )
        .unwrap();
        assert!(u.as_str().starts_with("https://login.microsoftonline.com/contoso.com/v2.0/adminconsent?client_id=c&scope=openid+https%3A%2F%2Fgraph.microsoft.com%2FMail.Read"));
        let e2 = Endpoints::new(&IdentityCloud::Global, &Tenant::Common).unwrap();
        assert!(url(&e2, &Tenant::Common, "c", &[], "r", "s").is_err());
    }
}
