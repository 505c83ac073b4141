//! The faults a test has asked for (the next Nylas answers, a Microsoft error, a rate limit):
//! plain data, read by the handlers that apply them.

use std::collections::VecDeque;

use serde::Deserialize;

/// One failure for the next matching Nylas API request.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NylasFault {
    /// Only requests whose path starts with this (e.g. `/v3/connect/custom`); empty = any.
    #[serde(default)]
    pub path_prefix: String,
    /// Only requests with this method (e.g. `POST`); none = any.
    #[serde(default)]
    pub method: Option<String>,
    /// Carry the request out, then answer `status` anyway: the answer was lost on the way back,
    /// so the client cannot tell whether it took effect.
    #[serde(default)]
    pub after_handling: bool,
    /// Send `Retry-After` as an HTTP date (`retry_after` seconds from now) instead of seconds.
    #[serde(default)]
    pub retry_after_date: bool,
    /// HTTP status to answer with (429, 500, 503…); 0 answers normally after `delay_ms`.
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Wait this long before answering (a slow or hanging Nylas).
    #[serde(default)]
    pub delay_ms: u64,
}

#[derive(Debug, Default, Deserialize)]
pub struct FaultPlan {
    #[serde(default)]
    pub nylas: Vec<NylasFault>,
    /// An AADSTS code the next accepted sign-in is answered with (50076 MFA, 53003 Conditional
    /// Access, 90094 admin approval…).
    #[serde(default)]
    pub microsoft_error: Option<u32>,
    /// Replace the demo app's registered redirect URIs (to provoke AADSTS50011).
    #[serde(default)]
    pub redirect_uris: Option<Vec<String>>,
    /// Enforce Nylas's admin-API rate limit (requests a second).
    #[serde(default)]
    pub admin_rate_per_second: Option<u32>,
    /// The next token response leaves out `scope`, as RFC 6749 §5.1 allows when the granted
    /// scopes are the requested ones.
    #[serde(default)]
    pub omit_token_scope: bool,
    /// Microsoft revokes each refresh token as soon as it is issued (a password reset right after
    /// sign-in; AADSTS50173), so Nylas's use of one fails with `grant.refresh_token_invalid`.
    #[serde(default)]
    pub revoke_refresh_tokens: bool,
    /// The next ID token is changed: `bad_signature`, `wrong_nonce`, `other_audience`, or
    /// `audience_array` (valid: `aud` as an array, which OpenID Connect allows).
    #[serde(default)]
    pub id_token: Option<String>,
    /// Graph answers the next `count` requests with 429 and `Retry-After: retry_after`.
    #[serde(default)]
    pub graph_throttle: Option<GraphThrottle>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct GraphThrottle {
    pub count: u32,
    pub retry_after: u64,
}

#[derive(Debug, Default)]
pub struct Faults {
    pub nylas: VecDeque<NylasFault>,
    pub microsoft_error: Option<u32>,
    pub omit_token_scope: bool,
    pub revoke_refresh_tokens: bool,
    pub id_token: Option<String>,
    /// Nylas requests refused with 429 (by faults or the rate limit), for benchmarks.
    pub rate_limited: u64,
    /// Nylas's admin-API limit (requests a second per application) when enforced.
    pub admin_rate: Option<TokenBucket>,
    /// Graph requests still to refuse with 429, and the `Retry-After` they carry.
    pub graph_throttled: u32,
    pub graph_retry_after: u64,
}

/// A token bucket: `rate` tokens a second, bursts up to `rate`.
#[derive(Debug)]
pub struct TokenBucket {
    rate: f64,
    tokens: f64,
    last: std::time::Instant,
}

impl TokenBucket {
    pub fn new(rate: u32) -> Self {
        Self {
            rate: rate as f64,
            tokens: rate as f64,
            last: std::time::Instant::now(),
        }
    }

    pub fn take(&mut self) -> bool {
        let now = std::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.last).as_secs_f64() * self.rate).min(self.rate);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
