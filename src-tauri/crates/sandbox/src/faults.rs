//! Fault injection: the next Nylas API calls fail, hang or rate-limit, and Microsoft answers a
//! sign-in with a chosen AADSTS error. Used by the fault tests in-process, or over HTTP with
//! `POST /__sandbox/faults` on the Nylas port when the sandbox runs standalone.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::nylas::envelope::error;
use crate::state::SandboxState;

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

    fn take(&mut self) -> bool {
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

/// Admin APIs (applications, connectors, grants, auth) share the per-application limit; data
/// endpoints such as messages have their own per-grant limit.
fn is_admin_api(path: &str) -> bool {
    path.starts_with("/v3/") && !path.contains("/messages")
}

impl SandboxState {
    pub fn inject(&self, plan: FaultPlan) {
        let mut inner = self.lock();
        inner.faults.nylas.extend(plan.nylas);
        if plan.microsoft_error.is_some() {
            inner.faults.microsoft_error = plan.microsoft_error;
        }
        inner.faults.omit_token_scope |= plan.omit_token_scope;
        inner.faults.revoke_refresh_tokens |= plan.revoke_refresh_tokens;
        if plan.id_token.is_some() {
            inner.faults.id_token = plan.id_token;
        }
        if let Some(t) = plan.graph_throttle {
            inner.faults.graph_throttled = t.count;
            inner.faults.graph_retry_after = t.retry_after;
        }
        if let Some(rate) = plan.admin_rate_per_second {
            inner.faults.admin_rate = Some(TokenBucket::new(rate));
        }
        if let Some(uris) = plan.redirect_uris {
            if let Some(app) = inner.apps.first_mut() {
                app.web_redirects = uris;
            }
        }
    }
}

pub async fn set(State(st): State<Arc<SandboxState>>, Json(plan): Json<FaultPlan>) -> Response {
    st.inject(plan);
    StatusCode::NO_CONTENT.into_response()
}

/// Middleware: applies the next matching fault to a Nylas API request.
pub async fn apply(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let method = req.method().as_str().to_string();
    let fault = {
        let mut inner = st.lock();
        if is_admin_api(&path) && inner.faults.admin_rate.as_mut().is_some_and(|b| !b.take()) {
            inner.faults.rate_limited += 1;
            drop(inner);
            let mut resp = error(
                StatusCode::TOO_MANY_REQUESTS,
                "nylas_rate_limit_exceeded",
                "Too many requests, please try again shortly.",
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            return resp;
        }
        let pos = inner.faults.nylas.iter().position(|f| {
            path.starts_with(&f.path_prefix) && f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(&method))
        });
        let fault = pos.and_then(|i| inner.faults.nylas.remove(i));
        if fault.as_ref().is_some_and(|f| f.status == 429) {
            inner.faults.rate_limited += 1;
        }
        fault
    };
    let Some(f) = fault else {
        return next.run(req).await;
    };
    if f.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(f.delay_ms)).await;
    }
    if f.after_handling && f.status != 0 {
        let done = next.run(req).await;
        tracing::info!(path, handled = %done.status(), answered = f.status, "fault after handling");
        return error(
            StatusCode::from_u16(f.status).unwrap_or(StatusCode::BAD_GATEWAY),
            "api.internal_error",
            "Injected failure after the request was carried out.",
        );
    }
    match f.status {
        0 => next.run(req).await,
        429 => {
            let mut resp = error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limit_error",
                "Too many requests, please try again shortly.",
            );
            if let Some(s) = f.retry_after {
                let value = if f.retry_after_date {
                    httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(s))
                } else {
                    s.to_string()
                };
                if let Ok(v) = header::HeaderValue::from_str(&value) {
                    resp.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            resp
        }
        s => error(
            StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "api.internal_error",
            "Injected failure.",
        ),
    }
}
