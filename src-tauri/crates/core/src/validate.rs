//! Checks on pasted values, each failing with a message that names the likely mix-up.

use uuid::Uuid;

use crate::error::{AppError, Result};
use crate::nylas::types::EwsAccount;
use crate::sensitive::Sensitive;
use crate::syntax::is_dns_name;
pub(crate) use crate::syntax::shorten;
use crate::tenant::Tenant;

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
            format!("'{}' is not an Application (client) ID: it should look like 1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d (five groups of letters and digits).", shorten(raw)),
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

/// The longest secret value or API key accepted (Azure's secrets are about 40 characters,
/// Nylas's keys under 100): anything longer is another text pasted by mistake.
const MAX_SECRET_LEN: usize = 256;

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
    if raw.len() < 16 || raw.len() > MAX_SECRET_LEN {
        let size = if raw.len() < 16 { "short" } else { "long" };
        return Err(AppError::invalid(
            "client_secret",
            format!("The client secret is too {size} to be a secret value (they are about 40 characters)."),
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
    if raw.chars().any(char::is_whitespace) {
        return Err(AppError::invalid(
            "api_key",
            "The Nylas API key contains spaces; part of another value may have been pasted with it.",
            fix,
        ));
    }
    if raw.len() < 20 || raw.len() > MAX_SECRET_LEN {
        let size = if raw.len() < 20 { "short" } else { "long" };
        return Err(AppError::invalid(
            "api_key",
            format!("This is too {size} to be a Nylas API key."),
            fix,
        ));
    }
    Ok(Sensitive::new(raw.to_string()))
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

/// Checks an Exchange mailbox's sign-in: the address is required, the user name defaults to it,
/// the password must be there, and a server (when given) must be a host name.
pub fn ews_account(a: EwsAccount) -> Result<EwsAccount> {
    let email = email(&a.email)?.ok_or_else(|| {
        AppError::invalid(
            "email",
            "The mailbox address is missing.",
            "Type the mailbox's email address.",
        )
    })?;
    if a.password.expose().is_empty() {
        return Err(AppError::invalid(
            "password",
            "The password is missing.",
            "Type the mailbox's Exchange password.",
        ));
    }
    let host = a
        .host
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_string);
    if let Some(h) = &host {
        if !is_dns_name(&h.to_ascii_lowercase()) {
            return Err(AppError::invalid(
                "host",
                format!("'{h}' is not a server name."),
                "Type the Exchange server's host name (for example mail.contoso.com), without https:// or a path, or leave it empty to discover it.",
            ));
        }
    }
    Ok(EwsAccount {
        username: match a.username.trim() {
            "" => email.clone(),
            u => u.to_string(),
        },
        email,
        password: a.password,
        host,
    })
}

fn looks_like_secret(s: &str) -> bool {
    s.contains('~') || (s.len() >= 34 && !s.contains('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids() {
        assert!(client_id("1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", None).is_ok());
        assert!(client_id("my-app", None).unwrap_err().message.contains("five groups"));
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
        assert!(client_secret(&"short".into(), "x")
            .unwrap_err()
            .message
            .contains("too short"));
        let huge = client_secret(&"a".repeat(5000).into(), "x").unwrap_err();
        assert!(huge.message.contains("too long"), "{huge:?}");
        assert!(client_secret(&"abc8Q~0123456789 abcdefghij".into(), "x").is_err());
    }

    #[test]
    fn api_keys_and_emails() {
        assert!(nylas_api_key(&"nyk_v0_abcdefghijklmnopqrstuvwxyz".into()).is_ok());
        assert!(nylas_api_key(&"1f3b2c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d".into())
            .unwrap_err()
            .message
            .contains("application"));
        let spaced = nylas_api_key(&"nyk_v0_abcdefghij klmnopqrstuvwxyz".into()).unwrap_err();
        assert!(spaced.message.contains("contains spaces"), "{spaced:?}");
        assert!(nylas_api_key(&"nyk_v0_abc".into())
            .unwrap_err()
            .message
            .contains("too short"));
        let huge = nylas_api_key(&format!("nyk_v0_{}", "a".repeat(5000)).into()).unwrap_err();
        assert_eq!(
            (huge.field.as_deref(), huge.message.contains("too long")),
            (Some("api_key"), true)
        );
        assert_eq!(email("").unwrap(), None);
        assert_eq!(email(" a@contoso.com ").unwrap().as_deref(), Some("a@contoso.com"));
        assert!(email("adele").is_err());
    }
}
