//! Parsing what arrives at the loopback redirect URI (query string or form_post body).

use std::collections::HashMap;

use crate::sensitive::Sensitive;

/// The parameters Microsoft sends back to the redirect URI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackParams {
    /// The authorization code: a secret until it is redeemed, so it never prints.
    pub code: Option<Sensitive<String>>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub error_uri: Option<String>,
    pub error_subcode: Option<String>,
    pub admin_consent: Option<String>,
    pub tenant: Option<String>,
    pub scope: Option<String>,
}

/// What the sign-in produced, once the state matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Code(Sensitive<String>),
    AdminConsent {
        tenant: Option<String>,
        scope: Option<String>,
    },
    Error(ProviderError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderError {
    pub error: String,
    pub description: Option<String>,
    pub uri: Option<String>,
    pub subcode: Option<String>,
}

/// How the listener treats one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The real answer to this sign-in: ends the wait.
    Accept(Outcome),
    /// Looks like a callback but is not for this attempt (CSRF, stale tab): refuse, keep waiting.
    WrongState,
    /// No OAuth parameters at all (a reload, a probe): keep waiting.
    NotACallback,
}

const MAX_PARAM_LEN: usize = 16 * 1024;

/// Parses `application/x-www-form-urlencoded` text (a query string or a form_post body).
/// Repeated keys are refused (first wins would let an attacker smuggle a second value).
pub fn parse(encoded: &str) -> Result<CallbackParams, &'static str> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(encoded.as_bytes()) {
        if v.len() > MAX_PARAM_LEN {
            return Err("parameter too long");
        }
        if seen.insert(k.to_string(), v.to_string()).is_some() {
            return Err("repeated parameter");
        }
    }
    let mut take = |k: &str| seen.remove(k).filter(|v| !v.is_empty());
    Ok(CallbackParams {
        code: take("code").map(Sensitive::new),
        state: take("state"),
        error: take("error"),
        error_description: take("error_description"),
        error_uri: take("error_uri"),
        error_subcode: take("error_subcode"),
        admin_consent: take("admin_consent"),
        tenant: take("tenant"),
        scope: take("scope"),
    })
}

impl CallbackParams {
    /// Decides what a request means for the attempt whose state is `expected_state`.
    pub fn verdict(self, expected_state: &str) -> Verdict {
        let has_payload = self.code.is_some() || self.error.is_some() || self.admin_consent.is_some();
        if !has_payload {
            return Verdict::NotACallback;
        }
        match &self.state {
            Some(s) if constant_time_eq(s.as_bytes(), expected_state.as_bytes()) => {}
            _ => return Verdict::WrongState,
        }
        if let Some(error) = self.error {
            return Verdict::Accept(Outcome::Error(ProviderError {
                error,
                description: self.error_description,
                uri: self.error_uri,
                subcode: self.error_subcode,
            }));
        }
        if let Some(code) = self.code {
            return Verdict::Accept(Outcome::Code(code));
        }
        Verdict::Accept(Outcome::AdminConsent {
            tenant: self.tenant,
            scope: self.scope,
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_with_matching_state() {
        let p = parse("code=abc&state=s1&session_state=x").unwrap();
        assert_eq!(p.verdict("s1"), Verdict::Accept(Outcome::Code("abc".into())));
    }

    #[test]
    fn the_code_never_prints() {
        let p = parse("code=M.C507_BAY.2.U.secret-code&state=s1").unwrap();
        let shown = format!("{p:?} {:?}", p.clone().verdict("s1"));
        assert!(
            !shown.contains("secret-code") && shown.contains("<redacted>"),
            "{shown}"
        );
    }

    #[test]
    fn wrong_or_missing_state_is_refused() {
        assert_eq!(parse("code=abc&state=s2").unwrap().verdict("s1"), Verdict::WrongState);
        assert_eq!(parse("code=abc").unwrap().verdict("s1"), Verdict::WrongState);
        assert_eq!(parse("error=access_denied").unwrap().verdict("s1"), Verdict::WrongState);
    }

    #[test]
    fn microsoft_error_shape() {
        let q = "error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent+to+access+the+app.%0d%0aTrace+ID%3a+1&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004&state=s1&error_subcode=cancel";
        let Verdict::Accept(Outcome::Error(e)) = parse(q).unwrap().verdict("s1") else {
            panic!("expected error");
        };
        assert_eq!(e.error, "access_denied");
        assert!(e.description.unwrap().starts_with("AADSTS65004: User declined"));
        assert_eq!(e.subcode.as_deref(), Some("cancel"));
        assert_eq!(
            e.uri.as_deref(),
            Some("https://login.microsoftonline.com/error?code=65004")
        );
    }

    #[test]
    fn strays_and_abuse() {
        assert_eq!(parse("").unwrap().verdict("s"), Verdict::NotACallback);
        assert_eq!(parse("foo=bar").unwrap().verdict("s"), Verdict::NotACallback);
        assert!(parse("code=a&code=b&state=s").is_err());
        assert!(parse(&format!("code={}", "a".repeat(MAX_PARAM_LEN + 1))).is_err());
    }
}
