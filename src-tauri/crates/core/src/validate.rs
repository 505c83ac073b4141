//! Checks on pasted values, each failing with a message that names the likely mix-up.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{AppError, Result};
use crate::sensitive::Sensitive;

/// The Microsoft consumer (personal accounts) tenant.
pub const CONSUMER_TENANT_ID: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Which accounts may sign in: the `{tenant}` path segment of the Microsoft endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Tenant {
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
pub fn tenant(input: &str) -> Result<Tenant> {
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
            format!("'{raw}' looks like a tenant ID but is not a valid one (it should be 32 hexadecimal digits in 5 groups)."),
            fix,
        ));
    }
    if is_dns_name(&lower) {
        return Ok(Tenant::Domain(lower));
    }
    Err(AppError::invalid(
        "tenant",
        format!("'{raw}' is neither a tenant ID nor a domain name."),
        fix,
    ))
}

/// Checks an Application (client) ID.
pub fn client_id(input: &str, tenant: Option<&Tenant>) -> Result<String> {
    let fix = "Copy the Application (client) ID from your app's Overview page in the Azure portal. It looks like 1f3b2c4d-....";
    let raw = input.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(
            "client_id",
            "The Application (client) ID is missing.",
            fix,
        ));
    }
    let Ok(id) = Uuid::parse_str(raw) else {
        if looks_like_secret(raw) {
            return Err(AppError::invalid(
                "client_id",
                "This looks like a client secret, not the Application (client) ID.",
                fix,
            ));
        }
        return Err(AppError::invalid(
            "client_id",
            format!("'{}' is not an Application (client) ID: it should be a GUID such as 1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.", shorten(raw)),
            fix,
        ));
    };
    let id = id.hyphenated().to_string();
    if let Some(Tenant::Id(t)) = tenant {
        if *t == id {
            return Err(AppError::invalid(
                "client_id",
                "This is the Directory (tenant) ID, not the Application (client) ID.",
                fix,
            ));
        }
    }
    Ok(id)
}

/// Checks a client secret *value* (the one Azure shows once), catching a pasted secret ID.
pub fn client_secret(input: &Sensitive<String>, client_id: &str) -> Result<Sensitive<String>> {
    let fix = "In Certificates & secrets, copy the secret's Value column (shown only right after you create it), not the Secret ID. If you can no longer see the value, create a new secret.";
    let raw = input.expose().trim();
    if raw.is_empty() {
        return Err(AppError::invalid("client_secret", "The client secret is missing.", fix));
    }
    if Uuid::parse_str(raw).is_ok() {
        let message = if raw.eq_ignore_ascii_case(client_id) {
            "This is the Application (client) ID, not the client secret value."
        } else {
            "This looks like the Secret ID. Mailbox Connect needs the secret's Value."
        };
        return Err(AppError::invalid("client_secret", message, fix));
    }
    if raw.chars().any(char::is_whitespace) {
        return Err(AppError::invalid(
            "client_secret",
            "The client secret contains spaces; part of another value may have been pasted with it.",
            fix,
        ));
    }
    if raw.len() < 16 {
        return Err(AppError::invalid(
            "client_secret",
            "The client secret is too short to be a secret value (they are about 40 characters).",
            fix,
        ));
    }
    Ok(Sensitive::new(raw.to_string()))
}

/// Checks a Nylas API key.
pub fn nylas_api_key(input: &Sensitive<String>) -> Result<Sensitive<String>> {
    let fix = "In the Nylas Dashboard open API Keys, create a key and paste it here. It is shown only once.";
    let raw = input.expose().trim();
    if raw.is_empty() {
        return Err(AppError::invalid("api_key", "The Nylas API key is missing.", fix));
    }
    if Uuid::parse_str(raw).is_ok() {
        return Err(AppError::invalid(
            "api_key",
            "This looks like a Nylas application (client) ID or grant ID, not an API key.",
            fix,
        ));
    }
    if raw.chars().any(char::is_whitespace) || raw.len() < 20 {
        return Err(AppError::invalid(
            "api_key",
            "This does not look like a complete Nylas API key.",
            fix,
        ));
    }
    Ok(Sensitive::new(raw.to_string()))
}

/// Checks the recorded client-secret expiry: empty, or a real `YYYY-MM-DD` date.
pub fn expiry_date(input: &str) -> Result<Option<String>> {
    let raw = input.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw, fmt).map(|d| Some(d.to_string())).map_err(|_| {
        AppError::invalid(
            "secret_expires_on",
            format!("'{}' is not a date in the form YYYY-MM-DD.", shorten(raw)),
            "Copy the Expires date from Certificates & secrets, for example 2028-11-23, or leave it empty.",
        )
    })
}

/// Checks an optional email used as a sign-in hint.
pub fn email(input: &str) -> Result<Option<String>> {
    let raw = input.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let valid = raw
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && is_dns_name(&domain.to_ascii_lowercase()));
    if !valid || raw.chars().any(char::is_whitespace) {
        return Err(AppError::invalid(
            "email",
            format!("'{}' is not an email address.", shorten(raw)),
            "Type the mailbox address, for example adele@contoso.com, or leave it empty.",
        ));
    }
    Ok(Some(raw.to_string()))
}

fn looks_like_guid_attempt(s: &str) -> bool {
    s.len() >= 30 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && s.contains('-')
}

fn looks_like_secret(s: &str) -> bool {
    s.contains('~') || (s.len() >= 34 && !s.contains('-'))
}

pub(crate) fn is_dns_name(s: &str) -> bool {
    if s.len() > 253 || !s.contains('.') {
        return false;
    }
    let labels: Vec<&str> = s.split('.').collect();
    let tld_ok = labels
        .last()
        .is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()));
    tld_ok
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 48 {
        format!("{}…", s.chars().take(45).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants() {
        assert_eq!(tenant("").unwrap(), Tenant::Common);
        assert_eq!(tenant(" Organizations ").unwrap(), Tenant::Organizations);
        assert_eq!(
            tenant("72F988BF-86F1-41AF-91AB-2D7CD011DB47").unwrap(),
            Tenant::Id("72f988bf-86f1-41af-91ab-2d7cd011db47".into())
        );
        assert_eq!(
            tenant("Contoso.onmicrosoft.com").unwrap(),
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
            let err = tenant(bad).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("tenant"), "{bad}");
        }
    }

    #[test]
    fn client_ids() {
        assert!(client_id("1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", None).is_ok());
        assert!(client_id("my-app", None).unwrap_err().message.contains("GUID"));
        assert!(client_id("abc8Q~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None)
            .unwrap_err()
            .message
            .contains("client secret"));
        let t = Tenant::Id("1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d".into());
        assert!(client_id("1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", Some(&t))
            .unwrap_err()
            .message
            .contains("tenant"));
    }

    #[test]
    fn secret_id_pasted_instead_of_value() {
        let err = client_secret(&"3f1c0f2e-8a7b-4c6d-9e0f-112233445566".into(), "x").unwrap_err();
        assert!(err.message.contains("Secret ID"), "{err:?}");
        assert_eq!(err.field.as_deref(), Some("client_secret"));
        let ok = client_secret(&"  abc8Q~0123456789abcdefghijABCDEFGHIJ_.-x ".into(), "x").unwrap();
        assert_eq!(ok.expose(), "abc8Q~0123456789abcdefghijABCDEFGHIJ_.-x");
        assert!(client_secret(&"short".into(), "x").is_err());
        assert!(client_secret(&"abc8Q~0123456789 abcdefghij".into(), "x").is_err());
    }

    #[test]
    fn expiry_dates() {
        assert_eq!(expiry_date(" 2028-11-23 ").unwrap().as_deref(), Some("2028-11-23"));
        assert_eq!(expiry_date("").unwrap(), None);
        for bad in ["23/11/2028", "2028-02-30", "next year"] {
            assert_eq!(
                expiry_date(bad).unwrap_err().field.as_deref(),
                Some("secret_expires_on"),
                "{bad}"
            );
        }
    }

    #[test]
    fn api_keys_and_emails() {
        assert!(nylas_api_key(&"nyk_v0_abcdefghijklmnopqrstuvwxyz".into()).is_ok());
        assert!(nylas_api_key(&"1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d".into())
            .unwrap_err()
            .message
            .contains("application"));
        assert_eq!(email("").unwrap(), None);
        assert_eq!(email(" a@contoso.com ").unwrap().as_deref(), Some("a@contoso.com"));
        assert!(email("adele").is_err());
    }
}
