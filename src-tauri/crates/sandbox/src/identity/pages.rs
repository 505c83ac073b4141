//! What the browser is shown and sent: the consent page itself, and the answer delivered to the
//! app's redirect URI (a 302 with query parameters, or an auto-submitting form_post page).

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::errors::{encode_pairs, escape};
use crate::fixtures::USERS;
use crate::state::{directory, new_id, PendingAuthorize, SandboxState};

/// Sends the answer to the redirect URI: a 302 with a query, or an auto-submitting form_post.
pub fn deliver(req: &PendingAuthorize, params: &[(String, String)]) -> Response {
    if req.response_mode == "form_post" {
        let inputs: String = params
            .iter()
            .map(|(k, v)| format!(r#"<input type="hidden" name="{}" value="{}">"#, escape(k), escape(v)))
            .collect();
        let html = format!(
            r#"<!doctype html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()"><form method="POST" name="hiddenform" action="{}">{inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form></body></html>"#,
            escape(&req.redirect_uri)
        );
        return (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response();
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let sep = if req.redirect_uri.contains('?') { '&' } else { '?' };
    let location = format!("{}{sep}{}", req.redirect_uri, encode_pairs(&pairs));
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// The look of Microsoft's sign-in pages: a white card on grey.
pub(super) const CARD_STYLE: &str = r#"body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0}main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;box-shadow:0 2px 6px #0003}"#;

/// The accounts the consent page offers: the named demo users, and the hinted person when the
/// directory has someone else by that name.
pub(super) fn offered(st: &SandboxState, hint: Option<&str>) -> Vec<(String, String)> {
    let inner = st.lock();
    let mut offered: Vec<(String, String)> = USERS.iter().map(|u| (u.name.into(), u.email.into())).collect();
    let hinted = hint
        .and_then(|h| directory::find(&inner.directory, h))
        .map(|i| &inner.directory[i]);
    if let Some(p) = hinted.filter(|p| !offered.iter().any(|(_, e)| e.eq_ignore_ascii_case(&p.upn))) {
        offered.push((p.name.clone(), p.upn.clone()));
    }
    offered
}

pub(super) fn consent_page(
    tenant: &str,
    request_id: &str,
    req: &PendingAuthorize,
    offered: &[(String, String)],
) -> String {
    let accounts: String = offered
        .iter()
        .enumerate()
        .map(|(i, (name, email))| {
            let checked = match &req.login_hint {
                Some(h) => h.eq_ignore_ascii_case(email),
                None => i == 0,
            };
            format!(
                r#"<label class="acct"><input type="radio" name="account" value="{e}"{c}> <b>{n}</b> <span>{e}</span></label>"#,
                e = escape(email),
                n = escape(name),
                c = if checked { " checked" } else { "" }
            )
        })
        .collect();
    let perms: String = req
        .scopes
        .iter()
        .map(|s| format!("<li>{}</li>", escape(s.rsplit('/').next().unwrap_or(s))))
        .collect();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title><style>
{CARD_STYLE}
.acct{{display:block;margin:.4rem 0}}.acct span{{color:#555}}button{{padding:.5rem 1.4rem;margin-right:.5rem}}#accept{{background:#0067b8;color:#fff;border:0}}
</style></head><body><main><div>Microsoft (sandbox: {tenant})</div><h1>{heading}</h1>
<form method="POST" action="/{tenant}/oauth2/v2.0/authorize/decide"><input type="hidden" name="request" value="{rid}">
<fieldset><legend>Sign in as</legend>{accounts}</fieldset>
<p>This app would like to:</p><ul id="permissions">{perms}</ul>
<p>Accepting these permissions means that you allow this app to use your data as specified.</p>
<button id="cancel" type="submit" name="decision" value="cancel">Cancel</button><button id="accept" type="submit" name="decision" value="accept">Accept</button>
</form></main></body></html>"#,
        tenant = escape(tenant),
        rid = escape(request_id),
        heading = if req.admin {
            "Permissions requested: accept for your organization"
        } else {
            "Permissions requested"
        },
    )
}

/// Keeps the request until the user answers and shows the consent page for it.
pub fn show_consent(st: &SandboxState, tenant: &str, req: PendingAuthorize) -> Response {
    let id = new_id();
    let page = consent_page(tenant, &id, &req, &offered(st, req.login_hint.as_deref()));
    st.lock().pending.insert(id, req);
    (
        [(header::CACHE_CONTROL, "no-store"), (header::X_FRAME_OPTIONS, "DENY")],
        Html(page),
    )
        .into_response()
}
