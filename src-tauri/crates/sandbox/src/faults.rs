//! Fault injection: the next Nylas API calls fail, hang or rate-limit, and Microsoft answers a
//! sign-in with a chosen AADSTS error. Used by the fault tests in-process, or over HTTP with
//! `POST /__sandbox/faults` on the Nylas port when the sandbox runs standalone.

use std::sync::Arc;
use std::time::Duration;

use crate::nylas::envelope::error;
pub use crate::state::faults::{FaultPlan, Faults, GraphThrottle, NylasFault, TokenBucket};
use crate::state::SandboxState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

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
            // As an admin would edit the demo app's Web redirect URIs; sign-in follows Graph.
            let demo = inner
                .graph
                .apps
                .iter_mut()
                .find(|a| a.app_id() == crate::fixtures::CLIENT_ID);
            if let Some(web) = demo.and_then(|a| a.doc.get_mut("web")) {
                web["redirectUris"] = serde_json::json!(uris);
            }
            inner.sync_app(crate::fixtures::CLIENT_ID, None);
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
