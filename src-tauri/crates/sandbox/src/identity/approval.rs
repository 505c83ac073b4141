//! Microsoft's "Need admin approval" page (AADSTS90094): shown in the browser, not sent to the
//! app. Its two ways on are kept: sign in with an administrator's account (back to the account
//! choice), or return to the application without consent, which reaches the redirect URI as
//! `access_denied` with AADSTS65004 and `error_subcode=cancel`, as a user's Cancel does.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::errors::{error_page, error_params, escape};
use super::pages::{consent_page, deliver, offered, CARD_STYLE};
use crate::state::{new_id, PendingAuthorize, SandboxState};

/// The page, for a request kept pending so either link can continue it.
pub fn need_admin_approval(st: &SandboxState, req: PendingAuthorize) -> Response {
    let id = new_id();
    let tenant = req.tenant.clone();
    let client_id = req.client_id.clone();
    st.lock().pending.insert(id.clone(), req);
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Need admin approval</title><style>
{CARD_STYLE}
a{{display:block;margin:.8rem 0;color:#0067b8}}details{{color:#555;font-size:.85rem}}
</style></head><body><main><div>Microsoft (sandbox: {tenant})</div><h1 id="heading">Need admin approval</h1>
<p>{client} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<a id="admin-account" href="/{tenant}/oauth2/v2.0/authorize/choose?request={id}">Have an admin account? Sign in with that account</a>
<a id="return" href="/{tenant}/oauth2/v2.0/authorize/return?request={id}">Return to the application without granting consent</a>
<details><summary>Troubleshooting details</summary><p id="code">AADSTS90094: The grant requires admin permission.</p></details>
</main></body></html>"#,
        tenant = escape(&tenant),
        client = escape(&client_id),
        id = escape(&id),
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

fn pending(st: &SandboxState, q: &HashMap<String, String>, keep: bool) -> Option<PendingAuthorize> {
    let id = q.get("request")?;
    let mut inner = st.lock();
    if keep {
        inner.pending.get(id).cloned()
    } else {
        inner.pending.remove(id)
    }
}

fn expired() -> Response {
    error_page(
        90015,
        "The sign-in request has already been used or has expired. Start the sign-in again from the app.",
    )
}

/// "Have an admin account?": the account choice again, for the same request.
pub async fn choose(
    State(st): State<Arc<SandboxState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match (pending(&st, &q, true), q.get("request")) {
        (Some(req), Some(id)) => {
            let accounts = offered(&st, req.login_hint.as_deref());
            Html(consent_page(&tenant, id, &req, &accounts)).into_response()
        }
        _ => expired(),
    }
}

/// "Return to the application without granting consent".
pub async fn back_to_app(State(st): State<Arc<SandboxState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(req) = pending(&st, &q, false) else {
        return expired();
    };
    let text = "User declined to consent to access the app.";
    deliver(
        &req,
        &error_params("access_denied", 65004, text, Some("cancel"), req.state.as_deref()),
    )
}
