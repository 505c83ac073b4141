//! `/v3/grants` and the one data endpoint the app uses to test a grant.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::envelope::{data, error, list as list_env, not_found};
use crate::state::{Grant, SandboxState};

pub fn view(g: &Grant) -> Value {
    let mut v = json!({
        "id": g.id,
        "provider": g.provider,
        "grant_status": if g.valid { "valid" } else { "invalid" },
        "name": g.name,
        "scope": g.scope,
        "created_at": g.created_at,
        "updated_at": g.updated_at,
        "provider_user_id": g.provider_user_id,
        "settings": {},
        "blocked": false,
    });
    if let Some(e) = &g.email {
        v["email"] = json!(e);
    }
    // `state` is a string when the grant was made with one, and absent otherwise.
    if let Some(s) = &g.state {
        v["state"] = json!(s);
    }
    v
}

/// Grants are addressed by id or by email, as in Nylas.
fn addressed(g: &Grant, key: &str) -> bool {
    g.id == key || same_email(g, key.trim_start_matches("email:"))
}

fn find<'a>(grants: &'a [Grant], key: &str) -> Option<&'a Grant> {
    grants.iter().find(|g| addressed(g, key))
}

/// What Microsoft says when Nylas refreshes a Microsoft grant's access with the connector's app
/// (`None`: it works): the app is gone, its secret no longer one of the app's, or expired.
fn refresh_refused(inner: &crate::state::Inner) -> Option<String> {
    let conn = inner.connectors.get("microsoft")?;
    let Some(app) = inner.app(&conn.client_id) else {
        return Some("AADSTS700016: Application not found in the directory".into());
    };
    if !inner.principal_switches(&conn.client_id).0 {
        return Some("AADSTS7000112: Application is disabled".into());
    }
    match app.secrets.iter().find(|s| s.digest == conn.secret_digest) {
        None => Some("AADSTS7000215: Invalid client secret provided".into()),
        Some(s) if s.expired() => Some("AADSTS7000222: The provided client secret keys are expired".into()),
        Some(_) => None,
    }
}

fn same_email(g: &Grant, email: &str) -> bool {
    g.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email))
}

pub async fn get(State(st): State<Arc<SandboxState>>, Path(id): Path<String>) -> Response {
    match find(&st.lock().grants, &id) {
        Some(g) => data(StatusCode::OK, view(g)),
        None => not_found("Grant"),
    }
}

pub async fn delete(State(st): State<Arc<SandboxState>>, Path(id): Path<String>) -> Response {
    let mut inner = st.lock();
    let before = inner.grants.len();
    inner.grants.retain(|g| g.id != id);
    if inner.grants.len() == before {
        return not_found("Grant");
    }
    super::envelope::deleted()
}

/// PATCH: Nylas updates a grant's `settings` and `scope`.
pub async fn update(
    State(st): State<Arc<SandboxState>>,
    Path(id): Path<String>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let scope = match body.get("scope") {
        None => None,
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => Some(
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>(),
        ),
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "scope must be an array of strings",
            )
        }
    };
    if body.get("settings").is_some_and(|s| !s.is_object()) {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "settings must be an object",
        );
    }
    let mut inner = st.lock();
    let Some(g) = inner.grants.iter_mut().find(|g| g.id == id) else {
        return not_found("Grant");
    };
    if let Some(scope) = scope {
        g.scope = scope;
    }
    g.updated_at = crate::state::now_unix();
    data(StatusCode::OK, view(g))
}

pub async fn list(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(10usize)
        .clamp(1, 200);
    let offset = q.get("offset").and_then(|l| l.parse().ok()).unwrap_or(0usize);
    let inner = st.lock();
    let page: Vec<Value> = inner
        .grants
        .iter()
        .filter(|g| q.get("email").is_none_or(|e| same_email(g, e)))
        .filter(|g| q.get("grant_status").is_none_or(|s| (s == "valid") == g.valid))
        .skip(offset)
        .take(limit)
        .map(view)
        .collect();
    list_env(page, limit, offset)
}

pub async fn messages(
    State(st): State<Arc<SandboxState>>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut inner = st.lock();
    // Reading through a Microsoft grant refreshes its access with the connector's app: when
    // Microsoft refuses that, Nylas marks the grant invalid and says why.
    let refused = refresh_refused(&inner);
    let Some(i) = inner.grants.iter().position(|g| addressed(g, &id)) else {
        return not_found("Grant");
    };
    let revoked = inner.grants[i]
        .email
        .as_deref()
        .is_some_and(|e| inner.revoked_users.iter().any(|u| u.eq_ignore_ascii_case(e)));
    let refused = refused.or_else(|| {
        revoked.then(|| {
            "AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed"
                .to_string()
        })
    });
    if let (Some(why), "microsoft") = (refused, inner.grants[i].provider.as_str()) {
        inner.grants[i].valid = false;
        inner.grants[i].invalid_reason = Some(why);
    }
    let g = &inner.grants[i];
    if !g.valid {
        let why = g
            .invalid_reason
            .as_deref()
            .unwrap_or("the mailbox's access was revoked");
        return error(
            StatusCode::UNAUTHORIZED,
            "grant.invalid_authentication",
            &format!("The grant is invalid ({why}); re-authenticate it."),
        );
    }
    let can_read = g.scope.iter().any(|s| {
        ["Mail.Read", "Mail.ReadWrite", "ews.messages"]
            .iter()
            .any(|k| s.eq_ignore_ascii_case(k))
    });
    if !can_read {
        return error(
            StatusCode::FORBIDDEN,
            "insufficient_scopes",
            "The grant does not have a scope that allows reading messages (Mail.Read or Mail.ReadWrite).",
        );
    }
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(50usize)
        .clamp(1, 200);
    let all = [
        (
            "Welcome to the Contoso demo tenant",
            "Megan Bowen",
            "megan.bowen@contoso-demo.onmicrosoft.com",
        ),
        (
            "Quarterly planning",
            "Adele Vance",
            "adele.vance@contoso-demo.onmicrosoft.com",
        ),
        ("Your Nylas grant is live", "Nylas Sandbox", "no-reply@nylas.example"),
    ];
    let msgs: Vec<Value> = all
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, (subject, name, email))| json!({ "id": format!("msg-{i}-{}", &g.id[..8]), "grant_id": g.id, "object": "message", "subject": subject, "from": [{ "name": name, "email": email }] }))
        .collect();
    super::envelope::answer(StatusCode::OK, json!({ "data": msgs, "next_cursor": null }))
}
