//! Tenant and redirect URI rules of the Microsoft identity platform.

use url::Url;

use crate::fixtures::{TENANT_DOMAIN, TENANT_ID};

/// A `{tenant}` path segment resolved, or the AADSTS error Microsoft gives for it.
pub fn resolve(t: &str) -> Result<(), (u32, String)> {
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "common" | "organizations" | "consumers")
        || lower == TENANT_ID
        || lower == TENANT_DOMAIN
    {
        return Ok(());
    }
    if let Ok(id) = uuid::Uuid::parse_str(&lower) {
        if id.is_nil() {
            return Err((
                90002,
                format!("Requested tenant identifier '{t}' is not valid. Tenant identifiers may not be an empty GUID."),
            ));
        }
        return Err((90002, not_found(t)));
    }
    let dns = lower.contains('.')
        && lower
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if dns {
        Err((90002, not_found(t)))
    } else {
        Err((
            900023,
            format!("Specified tenant identifier '{t}' is neither a valid DNS name, nor a valid external domain."),
        ))
    }
}

fn not_found(t: &str) -> String {
    format!("Tenant '{t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.")
}

/// Whether a requested redirect URI matches a registered one. Exact and case-sensitive, except
/// that the port is ignored for http://localhost and http://127.0.0.1.
pub fn redirect_matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(a), Ok(b)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    let loopback = |u: &Url| u.scheme() == "http" && matches!(u.host_str(), Some("localhost" | "127.0.0.1"));
    loopback(&a) && loopback(&b) && a.host_str() == b.host_str() && a.path() == b.path() && a.query() == b.query()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ignored_only_for_loopback() {
        assert!(redirect_matches(
            "http://localhost/callback",
            "http://localhost:53100/callback"
        ));
        assert!(!redirect_matches(
            "http://localhost/callback",
            "http://localhost:53100/callback/"
        ));
        assert!(!redirect_matches(
            "http://localhost/callback",
            "http://127.0.0.1:53100/callback"
        ));
        assert!(!redirect_matches(
            "https://app.example.com/cb",
            "https://app.example.com:444/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost/callback",
            "http://[::1]:5/callback"
        ));
    }

    #[test]
    fn tenants() {
        assert!(resolve("common").is_ok());
        assert!(resolve(TENANT_ID).is_ok());
        assert_eq!(resolve("11111111-2222-3333-4444-555555555555").unwrap_err().0, 90002);
        assert_eq!(resolve("authorize").unwrap_err().0, 900023);
    }
}
