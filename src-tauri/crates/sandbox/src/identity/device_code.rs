//! The device code flow (RFC 8628) as Microsoft runs it, for a sign-in where this computer has
//! no browser: `POST /{tenant}/oauth2/v2.0/devicecode` gives a user code, the user enters it at
//! `/devicelogin` on any device and answers the usual consent page, and the app polls the token
//! endpoint (`authorization_pending` until then). Only public clients may use it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Form, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use rand::Rng;
use serde_json::json;

use super::errors::{escape, token_error};
use super::pages::{show_consent, CARD_STYLE};
use super::tenant::resolve;
use super::token_answer::{issue, Extra};
pub use crate::state::identity::{Answer, DeviceLogin, DeviceLogins};
use crate::state::{opaque, PendingAuthorize, SandboxState};
use crate::IssuerHost;

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// How long a user code lasts, as Microsoft's (15 minutes).
const LIFETIME: Duration = Duration::from_secs(900);

/// `POST /{tenant}/oauth2/v2.0/devicecode`.
pub async fn start(
    State(st): State<Arc<SandboxState>>,
    Path(tenant): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err((code, text)) = resolve(&tenant) {
        return token_error(StatusCode::BAD_REQUEST, "invalid_request", code, &text);
    }
    let client_id = f.get("client_id").cloned().unwrap_or_default();
    let app = st.lock().app(&client_id).cloned();
    let Some(app) = app else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'."),
        );
    };
    if app.public_redirects.is_empty() {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
    }
    let scopes: Vec<String> = f
        .get("scope")
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    if scopes.is_empty() {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'scope'.",
        );
    }
    let user_code: String = {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut rng = rand::thread_rng();
        (0..9)
            .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
            .collect()
    };
    let device_code = opaque("DAQABAAEAAAD.sbx.");
    let verification_uri = format!("{}/devicelogin", st.identity_url);
    let req = PendingAuthorize::for_device(&tenant, &client_id, scopes, device_code.clone());
    let mut inner = st.lock();
    let interval = inner.devices.interval.as_secs().max(1);
    inner.devices.by_device_code.insert(
        device_code.clone(),
        DeviceLogin {
            user_code: user_code.clone(),
            req,
            issued: Instant::now(),
            answer: Answer::Pending,
        },
    );
    let body = json!({
        "user_code": user_code,
        "device_code": device_code,
        "verification_uri": verification_uri,
        "expires_in": LIFETIME.as_secs(),
        "interval": interval,
        "message": format!("To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate."),
    });
    ([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
}

/// `GET /devicelogin`: where the user types the code.
pub async fn enter_code() -> Response {
    code_page(None)
}

/// `POST /devicelogin`: the code typed; the consent page for its sign-in, or the form again.
pub async fn code_entered(State(st): State<Arc<SandboxState>>, Form(f): Form<HashMap<String, String>>) -> Response {
    let typed: String = f.get("otc").map(|c| c.trim().to_ascii_uppercase()).unwrap_or_default();
    let found = st
        .lock()
        .devices
        .by_device_code
        .values()
        .find(|d| d.user_code == typed && d.answer == Answer::Pending && d.issued.elapsed() < LIFETIME)
        .map(|d| d.req.clone());
    match found {
        Some(req) => show_consent(&st, &req.tenant.clone(), req),
        None => code_page(Some("That code didn't work. Check the code and try again.")),
    }
}

/// The consent page's answer for a device sign-in: recorded for the polling app, and a page that
/// says to go back to it.
pub fn answered(st: &SandboxState, req: &PendingAuthorize, user: Option<usize>) -> Response {
    let Some(device_code) = &req.device else {
        return code_page(Some("That sign-in is no longer waiting."));
    };
    if let Some(d) = st.lock().devices.by_device_code.get_mut(device_code) {
        d.answer = user.map_or(Answer::Declined, Answer::Accepted);
    }
    let (result, text) = match user {
        Some(_) => (
            "ok",
            "You have signed in to the application on your device. You may now close this window.",
        ),
        None => (
            "err",
            "You declined to sign in to the application on your device. You may now close this window.",
        ),
    };
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Microsoft</title></head><body><main><h1>Sign in</h1><p id="result" data-result="{result}">{text}</p></main></body></html>"#
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

/// `grant_type=urn:ietf:params:oauth:grant-type:device_code` at the token endpoint.
pub fn redeem(st: &SandboxState, issuer: &IssuerHost, client_id: &str, f: &HashMap<String, String>) -> Response {
    let code = f
        .get("device_code")
        .or_else(|| f.get("code"))
        .cloned()
        .unwrap_or_default();
    let mut inner = st.lock();
    let Some(d) = inner
        .devices
        .by_device_code
        .get_mut(&code)
        .filter(|d| d.req.client_id.eq_ignore_ascii_case(client_id))
    else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            70000,
            "The provided value for the 'device_code' parameter is not valid.",
        );
    };
    if d.issued.elapsed() >= LIFETIME {
        return token_error(
            StatusCode::BAD_REQUEST,
            "expired_token",
            70019,
            "Verification code expired.",
        );
    }
    match d.answer {
        Answer::Pending => token_error(
            StatusCode::BAD_REQUEST,
            "authorization_pending",
            70016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
        ),
        Answer::Declined => token_error(
            StatusCode::BAD_REQUEST,
            "authorization_declined",
            70000,
            "The user declined the sign-in request.",
        ),
        Answer::Redeemed => token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            70000,
            "The provided value for the 'device_code' parameter is not valid. It was already used.",
        ),
        Answer::Accepted(user) => {
            d.answer = Answer::Redeemed;
            let scopes = d.req.scopes.clone();
            drop(inner);
            issue(
                st,
                issuer,
                client_id,
                user,
                &scopes,
                &Extra {
                    nonce: None,
                    client_info: false,
                },
            )
        }
    }
}

fn code_page(problem: Option<&str>) -> Response {
    let problem = problem
        .map(|p| format!(r#"<p id="error" role="alert">{}</p>"#, escape(p)))
        .unwrap_or_default();
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Enter code</title><style>
{CARD_STYLE}
</style></head><body><main><div>Microsoft (sandbox)</div><h1>Enter code</h1>{problem}
<form method="POST" action="/devicelogin"><label for="otc">Enter the code displayed on your app or device.</label>
<input id="otc" name="otc" autocomplete="off"> <button id="next" type="submit">Next</button></form></main></body></html>"#
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}
