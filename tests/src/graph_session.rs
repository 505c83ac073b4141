//! Talking to the demo tenant's Graph as a test: an administrator's sign-in as Graph PowerShell
//! (the consent page answered like a browser, the code redeemed with PKCE and no secret), one
//! Graph call, the apps Mailbox Connect made, and a client-credentials token for an app.

use mailbox_connect_core::doctor::{Checkup, FindingCode};
use mailbox_connect_core::Services;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::graph::store::GRAPH_POWERSHELL_APP_ID;
use mailbox_connect_sandbox::Sandbox;
use openidconnect::{PkceCodeChallenge, PkceCodeVerifier};
use serde_json::Value;

pub const ADMIN: &str = "adele.vance@contoso-demo.onmicrosoft.com";
pub const USER: &str = "lee.gu@contoso-demo.onmicrosoft.com";
const APP_SCOPES: &str = "https://graph.microsoft.com/Application.ReadWrite.All https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All https://graph.microsoft.com/Policy.ReadWrite.Authorization openid profile";

/// The demo administrator's Graph sign-in, pre-filled with their address (for the core's jobs).
pub fn admin_sign_in() -> mailbox_connect_core::services::azure_app::SignInOptions {
    mailbox_connect_core::services::azure_app::SignInOptions {
        login_hint: Some(ADMIN.into()),
        ..Default::default()
    }
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn field<'a>(html: &'a str, after: &str, name: &str) -> &'a str {
    let rest = &html[html.find(after).unwrap_or_else(|| panic!("{after} in {html}"))..];
    let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    &rest[start..start + rest[start..].find('"').unwrap()]
}

/// Signs `who` in as Graph PowerShell through the consent page, like a browser, and redeems the
/// code with PKCE and no secret. Returns Graph's access token.
pub async fn sign_in(sb: &Sandbox, who: &str) -> String {
    sign_in_for(sb, who, APP_SCOPES).await
}

/// As [`sign_in`], asking for `scopes` (space-separated).
pub async fn sign_in_for(sb: &Sandbox, who: &str, scopes: &str) -> String {
    let http = http();
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let redirect = "http://localhost:50123";
    let base = format!("{}/organizations/oauth2/v2.0", sb.identity_url);
    let authorize = reqwest::Url::parse_with_params(
        &format!("{base}/authorize"),
        &[
            ("client_id", GRAPH_POWERSHELL_APP_ID),
            ("response_type", "code"),
            ("redirect_uri", redirect),
            ("scope", scopes),
            ("state", "s1"),
            ("login_hint", who),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ],
    )
    .unwrap();
    let page = http.get(authorize).send().await.unwrap().text().await.unwrap();
    // The account the page pre-selected from login_hint.
    let checked = page.find("\" checked>").expect("an account chosen");
    let account = page[page[..checked].rfind("value=\"").unwrap() + 7..checked].to_string();
    assert_eq!(account, who);
    let request = field(&page, "name=\"request\"", "value").to_string();
    let answer = http
        .post(format!("{base}/authorize/decide"))
        .form(&[("request", request.as_str()), ("decision", "accept"), ("account", who)])
        .send()
        .await
        .unwrap();
    let location = answer
        .headers()
        .get("location")
        .expect("a redirect with the code")
        .to_str()
        .unwrap()
        .to_string();
    let url = reqwest::Url::parse(&location).unwrap();
    assert!(location.starts_with(redirect), "{location}");
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.to_string())
        .expect("a code");
    redeem(sb, &code, redirect, verifier, scopes).await
}

async fn redeem(sb: &Sandbox, code: &str, redirect: &str, verifier: PkceCodeVerifier, scopes: &str) -> String {
    let tokens: Value = http()
        .post(format!("{}/organizations/oauth2/v2.0/token", sb.identity_url))
        .form(&[
            ("client_id", GRAPH_POWERSHELL_APP_ID),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("code_verifier", verifier.secret()),
            ("scope", scopes),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    tokens["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{tokens}"))
        .to_string()
}

/// One Graph call: status and JSON body (Null when empty).
pub async fn graph(
    sb: &Sandbox,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
    prefer: bool,
) -> (u16, Value) {
    let mut req = http()
        .request(method.parse().unwrap(), format!("{}/v1.0/{path}", sb.graph_url))
        .bearer_auth(token);
    if prefer {
        req = req.header("Prefer", "create-if-missing");
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// An administrator revokes the demo app's tenant-wide consent (Enterprise applications →
/// Permissions → Revoke), so users who are not administrators need an approval again.
pub async fn revoke_tenant_consent(sb: &Sandbox) {
    let token = sign_in(sb, ADMIN).await;
    let sp_path = format!("servicePrincipals(appId='{}')", f::CLIENT_ID);
    let (_, sp) = graph(sb, &token, "GET", &sp_path, None, false).await;
    let sp_id = sp["id"].as_str().unwrap();
    let filter = format!("oauth2PermissionGrants?$filter=clientId eq '{sp_id}'");
    let (status, grants) = graph(sb, &token, "GET", &filter, None, false).await;
    assert_eq!(status, 200, "{grants}");
    for g in grants["value"].as_array().unwrap() {
        let id = g["id"].as_str().unwrap();
        let (status, _) = graph(
            sb,
            &token,
            "DELETE",
            &format!("oauth2PermissionGrants/{id}"),
            None,
            false,
        )
        .await;
        assert_eq!(status, 204);
    }
}

/// Changes Nylas's Microsoft connector through Nylas's API (as someone with the API key would);
/// returns the HTTP status.
pub async fn patch_connector(sb: &Sandbox, body: Value) -> u16 {
    http()
        .patch(format!("{}/v3/connectors/microsoft", sb.nylas_url))
        .bearer_auth(f::NYLAS_API_KEY)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Someone points Nylas's Microsoft connector at another Azure app (through Nylas's API): the
/// mailboxes' next use fails and Nylas gives up on them.
pub async fn point_connector_elsewhere(sb: &Sandbox) {
    let other = serde_json::json!({"settings": {"client_id": OTHER_APP, "client_secret": "other"}});
    assert_eq!(patch_connector(sb, other).await, 200);
}

/// Nylas's Microsoft connector put back on the demo app.
pub async fn put_connector_back(sb: &Sandbox) {
    let back = serde_json::json!({"settings": {"client_id": f::CLIENT_ID, "client_secret": f::SECRET_VALUE}});
    assert_eq!(patch_connector(sb, back).await, 200);
}

/// A client ID of no app in the demo tenant.
pub const OTHER_APP: &str = "0f0e0d0c-0b0a-4909-8807-060504030201";

/// The token endpoint's answer to the new app's client credentials.
pub async fn client_credentials(sb: &Sandbox, app_id: &str, secret: &str) -> Value {
    http()
        .post(format!("{}/{}/oauth2/v2.0/token", sb.identity_url, f::TENANT_ID))
        .form(&[
            ("client_id", app_id),
            ("client_secret", secret),
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The apps Mailbox Connect made in the demo tenant, as Graph lists them.
pub async fn created_apps(sb: &Sandbox) -> Vec<Value> {
    let token = sign_in(sb, ADMIN).await;
    let (status, list) = graph(sb, &token, "GET", "applications", None, false).await;
    assert_eq!(status, 200, "{list}");
    list["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["uniqueName"]
                .as_str()
                .is_some_and(|u| u.starts_with("mailbox-connect-"))
        })
        .cloned()
        .collect()
}

/// An administrator removes the demo app's loopback redirect URI and its User.Read permission
/// in the portal (one PATCH through the demo Graph, keeping the rest).
pub async fn remove_loopback_and_user_read(sb: &Sandbox) {
    const USER_READ: &str = "e1fe6dd8-ba31-4d61-89e7-88639da4683d";
    let token = sign_in(sb, ADMIN).await;
    let path = format!("applications(appId='{}')", f::CLIENT_ID);
    let (_, app) = graph(sb, &token, "GET", &path, None, false).await;
    let mut access = app["requiredResourceAccess"].clone();
    let scopes = access[0]["resourceAccess"].as_array_mut().unwrap();
    scopes.retain(|s| s["id"] != USER_READ);
    let keep: Vec<_> = app["web"]["redirectUris"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| *u != "http://localhost/callback")
        .cloned()
        .collect();
    let body = serde_json::json!({ "web": { "redirectUris": keep }, "requiredResourceAccess": access });
    let (status, answer) = graph(sb, &token, "PATCH", &path, Some(body), false).await;
    assert_eq!(status, 204, "{answer}");
}

/// The doctor's check, with the administrator's sign-in.
pub async fn doctor_check(core: &Services) -> Checkup {
    core.doctor
        .check(admin_sign_in(), &core.jobs.start(|_| {}))
        .await
        .unwrap()
}

/// The doctor's fixes (all it offers, or `only` these), each checked again.
pub async fn doctor_fix(core: &Services, only: Option<&[FindingCode]>) -> Checkup {
    core.doctor
        .fix(admin_sign_in(), only, &core.jobs.start(|_| {}))
        .await
        .unwrap()
}
