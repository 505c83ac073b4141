//! What a DNS name and a GUID look like: plain text checks shared by the value types, and how
//! a pasted value is quoted back in a message.

/// A pasted value as a message quotes it: cut to 45 characters when longer than 48.
pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() > 48 {
        format!("{}…", s.chars().take(45).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Hex digits and dashes, long enough to be a GUID typed or pasted with a slip.
pub(crate) fn looks_like_guid_attempt(s: &str) -> bool {
    s.len() >= 30 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && s.contains('-')
}

/// A DNS name with a top-level domain of letters (`contoso.onmicrosoft.com`).
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
