//! The demo tenant's Microsoft Graph subset (v1.0) for creating and managing the app
//! registration: applications, service principals and delegated permission grants, with
//! Graph's error shape, its token and permission checks, throttling and replication delay.
// Checks end early with the finished error answer; these are cold paths of a local server.
#![allow(clippy::result_large_err)]

mod app_document;
mod applications;
mod filter;
mod keyed;
mod passwords;
mod policy;
mod principals;
mod users;
/// The Graph store, where it always was for callers outside the crate.
pub use crate::state::graph as store;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::state::graph::GraphToken;
use crate::state::{new_id, SandboxState};

pub fn router(st: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/v1.0/applications", get(applications::list).post(applications::create))
        .route(
            "/v1.0/applications/{id}",
            get(applications::get_one)
                .patch(applications::update)
                .delete(applications::delete),
        )
        .route("/v1.0/applications/{id}/{action}", post(passwords::action))
        .route(
            "/v1.0/servicePrincipals",
            get(principals::list).post(principals::create),
        )
        .route(
            "/v1.0/servicePrincipals/{id}",
            get(principals::get_one)
                .patch(principals::update)
                .delete(principals::delete),
        )
        .route(
            "/v1.0/oauth2PermissionGrants",
            get(principals::grants).post(principals::grant),
        )
        .route(
            "/v1.0/oauth2PermissionGrants/{id}",
            patch(principals::regrant).delete(principals::revoke),
        )
        .route("/v1.0/users", get(users::list))
        .route(
            "/v1.0/policies/authorizationPolicy",
            get(policy::get).patch(policy::update),
        )
        // Alternate keys: applications(uniqueName='…'), applications(appId='…'),
        // servicePrincipals(appId='…').
        .route(
            "/v1.0/{keyed}",
            get(keyed::get).patch(keyed::patch).delete(keyed::delete),
        )
        .route("/v1.0/{keyed}/{action}", post(keyed::action))
        .fallback(|req: Request| async move {
            let seg = req.uri().path().trim_start_matches("/v1.0/").to_string();
            error(
                StatusCode::BAD_REQUEST,
                "BadRequest",
                &format!("Resource not found for the segment '{seg}'."),
            )
        })
        .layer(axum::middleware::from_fn_with_state(st.clone(), throttle))
        .with_state(st)
}

/// The scopes that let a caller read apps, change them, and consent for the tenant.
pub const READ: &[&str] = &["Application.Read.All", "Application.ReadWrite.All"];
pub const WRITE: &[&str] = &["Application.ReadWrite.All"];
pub const GRANTS: &[&str] = &["DelegatedPermissionGrant.ReadWrite.All"];

/// Graph's error answer: `{"error":{"code","message","innerError":{"date","request-id",…}}}`.
pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    error_with_details(status, code, message, vec![])
}

/// Graph's error answer with its `details` entries (as for `NoBackingApplicationObject`).
pub fn error_with_details(status: StatusCode, code: &str, message: &str, details: Vec<Value>) -> Response {
    let id = new_id();
    let date = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]"
        ))
        .unwrap_or_default();
    let mut body = json!({ "error": { "code": code, "message": message,
        "innerError": { "date": date, "request-id": id, "client-request-id": id } } });
    if !details.is_empty() {
        body["error"]["details"] = Value::Array(details);
    }
    (
        status,
        [("request-id", id.clone()), ("client-request-id", id)],
        Json(body),
    )
        .into_response()
}

/// The signed-in caller, from the bearer token.
pub struct Caller {
    pub user: usize,
    pub scopes: Vec<String>,
    admin: bool,
}

impl Caller {
    pub fn is_admin(&self) -> bool {
        self.admin
    }
    fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s.eq_ignore_ascii_case(scope))
    }
    /// 403 unless the token carries one of `scopes` (a ReadWrite scope implies its Read).
    pub fn needs(&self, scopes: &[&str]) -> Result<(), Response> {
        if scopes.iter().any(|s| self.has(s)) {
            Ok(())
        } else {
            Err(denied())
        }
    }
}

pub fn denied() -> Response {
    error(
        StatusCode::FORBIDDEN,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
    )
}

/// Who is calling: 401 without a token, or with one the identity platform did not issue.
pub fn caller(st: &SandboxState, headers: &HeaderMap) -> Result<Caller, Response> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = bearer else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "Access token is empty.",
        ));
    };
    let known: Option<GraphToken> = st.lock().graph.tokens.get(token).cloned();
    let Some(t) = known else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "Access token validation failure. Invalid audience.",
        ));
    };
    let admin = st.lock().directory.get(t.user).is_some_and(|p| p.admin);
    Ok(Caller {
        user: t.user,
        scopes: t.scopes,
        admin,
    })
}

/// Answers 429 with `Retry-After` while the throttling fault lasts.
async fn throttle(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    let retry_after = {
        let mut inner = st.lock();
        let f = &mut inner.faults;
        (f.graph_throttled > 0).then(|| {
            f.graph_throttled -= 1;
            f.graph_retry_after
        })
    };
    match retry_after {
        Some(secs) => {
            let mut r = error(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequests",
                "Too many requests, please retry after the time in the Retry-After header.",
            );
            if let Ok(v) = secs.to_string().parse() {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        None => next.run(req).await,
    }
}
