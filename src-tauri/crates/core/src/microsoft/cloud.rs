//! Which Microsoft identity platform to talk to: the global cloud, a national cloud, or a custom
//! host (the built-in sandbox).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use crate::error::{AppError, Result};
use crate::tenant::Tenant;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind", content = "url", rename_all = "snake_case")]
#[ts(export)]
pub enum IdentityCloud {
    #[default]
    Global,
    UsGovernment,
    China,
    Custom(String),
}

impl IdentityCloud {
    /// The authority host, e.g. `https://login.microsoftonline.com`.
    pub fn host(&self) -> Result<Url> {
        let raw = match self {
            IdentityCloud::Global => "https://login.microsoftonline.com",
            IdentityCloud::UsGovernment => "https://login.microsoftonline.us",
            IdentityCloud::China => "https://login.chinacloudapi.cn",
            IdentityCloud::Custom(url) => url.as_str(),
        };
        parse_service_url(raw, "identity_host", "Microsoft sign-in host")
    }
}

/// The v2 endpoints for one tenant.
#[derive(Debug, Clone)]
pub struct Endpoints {
    pub authorize: Url,
    pub token: Url,
    /// Where a sign-in on another device starts (the device code flow).
    pub device_code: Url,
    pub admin_consent: Url,
    /// The OpenID Connect discovery document (issuer, signing keys).
    pub discovery: Url,
}

impl Endpoints {
    pub fn new(cloud: &IdentityCloud, tenant: &Tenant) -> Result<Self> {
        let host = cloud.host()?;
        let base = host.as_str().trim_end_matches('/');
        let t = tenant.as_path();
        let join = |path: String| {
            Url::parse(&format!("{base}/{t}/{path}"))
                .map_err(|e| AppError::internal(format!("Bad Microsoft endpoint: {e}")))
        };
        Ok(Self {
            authorize: join("oauth2/v2.0/authorize".into())?,
            token: join("oauth2/v2.0/token".into())?,
            device_code: join("oauth2/v2.0/devicecode".into())?,
            admin_consent: join("v2.0/adminconsent".into())?,
            discovery: join("v2.0/.well-known/openid-configuration".into())?,
        })
    }
}

/// Parses a service base URL: https, or plain http only on this machine (the sandbox).
pub fn parse_service_url(raw: &str, field: &str, what: &str) -> Result<Url> {
    let fix = "Use an https:// address (http:// is allowed only for 127.0.0.1 or localhost).";
    let url = Url::parse(raw.trim()).map_err(|e| {
        AppError::invalid(
            field,
            format!("The {what} '{}' is not a valid URL ({e}).", crate::syntax::shorten(raw)),
            fix,
        )
    })?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(AppError::invalid(
            field,
            format!("The {what} '{}' must use https.", crate::syntax::shorten(raw)),
            fix,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_per_cloud_and_tenant() {
        let e = Endpoints::new(&IdentityCloud::Global, &Tenant::Common).unwrap();
        assert_eq!(
            e.authorize.as_str(),
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
        );
        let e = Endpoints::new(
            &IdentityCloud::Custom("http://127.0.0.1:4000/".into()),
            &Tenant::Domain("contoso.example.com".into()),
        )
        .unwrap();
        assert_eq!(
            e.token.as_str(),
            "http://127.0.0.1:4000/contoso.example.com/oauth2/v2.0/token"
        );
        assert_eq!(
            e.admin_consent.as_str(),
            "http://127.0.0.1:4000/contoso.example.com/v2.0/adminconsent"
        );
        assert!(IdentityCloud::Custom("http://evil.example.com".into()).host().is_err());
        assert!(IdentityCloud::UsGovernment.host().unwrap().as_str().contains(".us"));
    }
}
