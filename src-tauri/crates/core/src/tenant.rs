//! The Microsoft `{tenant}`: parsed once from what an admin pastes, then kept typed.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{AppError, Result};
use crate::syntax::{is_dns_name, looks_like_guid_attempt, shorten};

/// The Microsoft consumer (personal accounts) tenant.
pub const CONSUMER_TENANT_ID: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Which accounts may sign in: the `{tenant}` path segment of the Microsoft endpoints.
/// Stored and sent as its path segment (`common`, a GUID or a domain), parsed once on the way in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = "string")]
pub enum Tenant {
    #[default]
    Common,
    Organizations,
    Consumers,
    Id(String),
    Domain(String),
}

impl Tenant {
    pub fn as_path(&self) -> &str {
        match self {
            Tenant::Common => "common",
            Tenant::Organizations => "organizations",
            Tenant::Consumers => "consumers",
            Tenant::Id(id) | Tenant::Domain(id) => id,
        }
    }

    /// A specific directory (not one of the multi-tenant aliases).
    pub fn is_specific(&self) -> bool {
        matches!(self, Tenant::Id(_) | Tenant::Domain(_))
    }
}

/// Parses what an admin pastes into the "Directory (tenant)" field.
pub fn parse(input: &str) -> Result<Tenant> {
    let fix = "Copy the Directory (tenant) ID from your app's Overview page in the Azure portal, or use your domain (contoso.onmicrosoft.com), or 'common' for any account.";
    let raw = input.trim();
    if raw.is_empty() {
        return Ok(Tenant::Common);
    }
    let lower = raw.to_ascii_lowercase();
    match lower.as_str() {
        "common" => return Ok(Tenant::Common),
        "organizations" => return Ok(Tenant::Organizations),
        "consumers" => return Ok(Tenant::Consumers),
        _ => {}
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(AppError::invalid(
            "tenant",
            "The tenant is a URL; paste only the Directory (tenant) ID or domain.",
            fix,
        ));
    }
    if let Ok(id) = Uuid::parse_str(&lower) {
        if id.is_nil() {
            return Err(AppError::invalid(
                "tenant",
                "The tenant ID is all zeros, which Microsoft does not accept.",
                fix,
            ));
        }
        return Ok(Tenant::Id(id.hyphenated().to_string()));
    }
    if looks_like_guid_attempt(&lower) {
        return Err(AppError::invalid(
            "tenant",
            format!(
                "'{}' looks like a tenant ID but is not a valid one (it should be 32 hexadecimal digits in 5 groups).",
                shorten(raw)
            ),
            fix,
        ));
    }
    if is_dns_name(&lower) {
        return Ok(Tenant::Domain(lower));
    }
    Err(AppError::invalid(
        "tenant",
        format!("'{}' is neither a tenant ID nor a domain name.", shorten(raw)),
        fix,
    ))
}

impl TryFrom<String> for Tenant {
    type Error = AppError;
    fn try_from(s: String) -> Result<Self> {
        parse(&s)
    }
}

impl From<Tenant> for String {
    fn from(t: Tenant) -> Self {
        t.as_path().to_string()
    }
}

impl std::fmt::Display for Tenant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_path())
    }
}

/// For saved profiles: a tenant an older version stored unchecked reads as `common` rather than
/// making the whole profile file unreadable.
pub fn lenient<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Tenant, D::Error> {
    let raw = String::deserialize(d)?;
    Ok(parse(&raw).unwrap_or_else(|_| {
        tracing::warn!("a saved tenant was not valid; using 'common'");
        Tenant::Common
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants() {
        assert_eq!(parse("").unwrap(), Tenant::Common);
        assert_eq!(parse(" Organizations ").unwrap(), Tenant::Organizations);
        assert_eq!(
            parse("72F988BF-86F1-41AF-91AB-2D7CD011DB47").unwrap(),
            Tenant::Id("72f988bf-86f1-41af-91ab-2d7cd011db47".into())
        );
        assert_eq!(
            parse("Contoso.onmicrosoft.com").unwrap(),
            Tenant::Domain("contoso.onmicrosoft.com".into())
        );
        for bad in [
            "00000000-0000-0000-0000-000000000000",
            "72f988bf-86f1-41af-91ab-2d7cd011db4",
            "contoso",
            "https://login.microsoftonline.com/contoso.com",
            "con toso.com",
            "-bad.com",
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("tenant"), "{bad}");
        }
    }

    #[test]
    fn stored_as_its_path_segment() {
        let t = parse("Contoso.onmicrosoft.com").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"contoso.onmicrosoft.com\"");
        assert_eq!(serde_json::from_str::<Tenant>("\"common\"").unwrap(), Tenant::Common);
        assert!(serde_json::from_str::<Tenant>("\"not a tenant\"").is_err());
    }
}
