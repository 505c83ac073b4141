//! `GET /{tenant}/oauth2/v2.0/authorize`: validation in Microsoft's order, then a consent page
//! (account, permissions, Accept/Cancel) whose answer is sent back to the redirect URI.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Form, Path, Query, State};
use axum::response::Response;

use super::errors::{error_page, error_params};
use super::pages::{deliver, show_consent};
use super::tenant::{redirect_matches, resolve};
use crate::fixtures::{KNOWN_SCOPES, TENANT_ID};
use crate::state::directory;
use crate::state::{new_id, opaque, IssuedCode, PendingAuthorize, SandboxState};

pub async fn authorize(
    State(st): State<Arc<SandboxState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err((code, text)) = resolve(&tenant) {
        return error_page(code, &text);
    }
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let Some(client_id) = get("client_id") else {
        return error_page(
            900144,
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    let inner = st.lock();
    let Some(app) = inner.app(client_id).cloned() else {
        return error_page(700016, &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."));
    };
    drop(inner);
    if app.single_tenant
        && matches!(
            tenant.to_ascii_lowercase().as_str(),
            "common" | "organizations" | "consumers"
        )
    {
        return error_page(50194, &format!("Application '{client_id}' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant."));
    }
    let registered: Vec<&String> = app.web_redirects.iter().chain(&app.public_redirects).collect();
    if registered.is_empty() {
        return error_page(500113, "No reply address is registered for the application.");
    }
    let redirect_uri = get("redirect_uri").unwrap_or("");
    if redirect_uri.is_empty() || !registered.iter().any(|r| redirect_matches(r, redirect_uri)) {
        return error_page(50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this."));
    }
    let state = get("state").map(str::to_string);
    let response_mode = get("response_mode").unwrap_or("query").to_string();
    let redirect_error = |error: &str, code: u32, text: &str| {
        let mut req = PendingAuthorize::bare(&tenant, client_id, redirect_uri, &response_mode, state.clone());
        req.response_mode = if matches!(response_mode.as_str(), "query" | "form_post") {
            response_mode.clone()
        } else {
            "query".into()
        };
        deliver(&req, &error_params(error, code, text, None, req.state.as_deref()))
    };
    if !matches!(response_mode.as_str(), "query" | "form_post" | "fragment") {
        return redirect_error(
            "invalid_request",
            900144,
            "The provided value for the input parameter 'response_mode' is not valid.",
        );
    }
    if get("response_type") != Some("code") {
        return redirect_error(
            "unsupported_response_type",
            700054,
            "response_type must be 'code' for this application.",
        );
    }
    let Some(scope) = get("scope") else {
        return redirect_error(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'scope'.",
        );
    };
    let scopes: Vec<String> = scope.split_whitespace().map(str::to_string).collect();
    if let Some(bad) = scopes.iter().find(|s| !known_scope(s)) {
        return redirect_error(
            "invalid_scope",
            70011,
            &format!(
                "The provided value for the input parameter 'scope' is not valid. The scope '{bad}' does not exist."
            ),
        );
    }
    let method = get("code_challenge_method").unwrap_or("plain").to_string();
    if get("code_challenge").is_some() && !matches!(method.as_str(), "S256" | "plain") {
        return redirect_error("invalid_request", 501491, "Invalid code_challenge_method.");
    }
    let req = PendingAuthorize {
        scopes,
        code_challenge: get("code_challenge").map(str::to_string),
        code_challenge_method: method,
        login_hint: get("login_hint").map(str::to_string),
        nonce: get("nonce").map(str::to_string),
        client_info: get("client_info") == Some("1"),
        ..PendingAuthorize::bare(&tenant, client_id, redirect_uri, &response_mode, state)
    };
    show_consent(&st, &tenant, req)
}

/// `GET /{tenant}/v2.0/adminconsent`: an administrator approves the app for the organization.
pub async fn admin_consent(
    State(st): State<Arc<SandboxState>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if matches!(tenant.to_ascii_lowercase().as_str(), "common" | "consumers") {
        return error_page(90130, "Admin consent is not supported on the /common or /consumers endpoint. Use the tenant ID or domain of the organization.");
    }
    if let Err((code, text)) = resolve(&tenant) {
        return error_page(code, &text);
    }
    let get = |k: &str| q.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let client_id = get("client_id").unwrap_or("");
    let app = st.lock().app(client_id).cloned();
    let Some(app) = app else {
        return error_page(
            700016,
            &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'."),
        );
    };
    let redirect_uri = get("redirect_uri").unwrap_or("");
    if !app
        .web_redirects
        .iter()
        .chain(&app.public_redirects)
        .any(|r| redirect_matches(r, redirect_uri))
    {
        return error_page(50011, &format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'."));
    }
    let req = PendingAuthorize {
        scopes: get("scope")
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        admin: true,
        ..PendingAuthorize::bare(
            &tenant,
            client_id,
            redirect_uri,
            "query",
            get("state").map(str::to_string),
        )
    };
    show_consent(&st, &tenant, req)
}

fn known_scope(s: &str) -> bool {
    let short = s.rsplit('/').next().unwrap_or(s);
    KNOWN_SCOPES.iter().any(|k| k.eq_ignore_ascii_case(short))
}

/// The consent page's answer.
pub async fn decide(State(st): State<Arc<SandboxState>>, Form(f): Form<HashMap<String, String>>) -> Response {
    let Some(req) = f.get("request").and_then(|id| st.lock().pending.remove(id)) else {
        return error_page(
            90015,
            "The sign-in request has already been used or has expired. Start the sign-in again from the app.",
        );
    };
    let state = req.state.clone();
    let accepted = f.get("decision").map(String::as_str) == Some("accept");
    if req.device.is_some() {
        let user = f.get("account").and_then(|a| directory::find(&st.lock().directory, a));
        // As on the redirect path, a non-administrator needs the app approved first.
        let allowed = |u: &usize| {
            let inner = st.lock();
            inner.directory[*u].admin || inner.admin_consented(&req.client_id)
        };
        return super::device_code::answered(&st, &req, user.filter(|u| accepted && allowed(u)));
    }
    if !accepted {
        let params = if req.admin {
            let text = "The resource owner or authorization server denied the request.";
            let mut p = error_params("access_denied", 65004, text, None, state.as_deref());
            p.insert(0, ("admin_consent".into(), "True".into()));
            p
        } else {
            let text = "User declined to consent to access the app.";
            error_params("access_denied", 65004, text, Some("cancel"), state.as_deref())
        };
        return deliver(&req, &params);
    }
    let user = f
        .get("account")
        .and_then(|a| directory::find(&st.lock().directory, a))
        .unwrap_or(0);
    let Some(person) = st.lock().directory.get(user).cloned() else {
        return error_page(50034, "The user account does not exist in the directory.");
    };
    let is_admin = person.admin;
    // A shared mailbox's account is disabled until someone sets its password (Nylas's note).
    if !person.account_enabled() {
        return error_page(50057, "The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell.");
    }
    if req.admin {
        if !is_admin {
            return error_page(90093, "The signed in user is not allowed to grant admin consent. Sign in with a Global, Cloud Application or Application Administrator account.");
        }
        st.lock().admin_consents.push((req.client_id.clone(), TENANT_ID.into()));
        let mut params = vec![
            ("admin_consent".to_string(), "True".to_string()),
            ("tenant".into(), TENANT_ID.into()),
            ("scope".into(), req.scopes.join(" ")),
        ];
        if let Some(s) = state {
            params.push(("state".into(), s));
        }
        return deliver(&req, &params);
    }
    // An injected Microsoft error answers this sign-in (fault tests).
    let injected = st.lock().faults.microsoft_error.take();
    if let Some(code) = injected {
        let (error, text) = match code {
            50076 => ("interaction_required", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the app."),
            53003 => ("access_denied", "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."),
            // Shown on Microsoft's own page, never sent to the app.
            90094 => return super::approval::need_admin_approval(&st, req),
            _ => ("access_denied", "The request was denied."),
        };
        return deliver(&req, &error_params(error, code, text, None, state.as_deref()));
    }
    // The app's enterprise application switches: sign-in off for everyone, or for the unassigned.
    let (enabled, assignment_required) = st.lock().principal_switches(&req.client_id);
    if !enabled {
        let text = format!("Application '{}' is disabled.", req.client_id);
        return deliver(
            &req,
            &error_params("unauthorized_client", 7000112, &text, None, state.as_deref()),
        );
    }
    if assignment_required {
        let text = format!(
            "The signed in user '{}' is not assigned to a role for the application '{}'.",
            person.upn, req.client_id
        );
        return deliver(
            &req,
            &error_params("interaction_required", 50105, &text, None, state.as_deref()),
        );
    }
    // User consent is disabled in the demo tenant: a non-admin needs an administrator's approval
    // first, which Microsoft says on its own page.
    if !is_admin && !st.lock().admin_consented(&req.client_id) && !st.lock().users_may_consent() {
        return super::approval::need_admin_approval(&st, req);
    }
    let code = opaque("0.sbx.");
    st.lock().codes.insert(
        code.clone(),
        IssuedCode {
            req: req.clone(),
            user,
            issued: Instant::now(),
            redeemed: false,
        },
    );
    let session = new_id();
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = state.as_deref() {
        params.push(("state", s));
    }
    params.push(("session_state", session.as_str()));
    let info = crate::jwt::client_info(&person.oid, TENANT_ID);
    if req.client_info {
        params.push(("client_info", info.as_str()));
    }
    deliver(
        &req,
        &params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>(),
    )
}
