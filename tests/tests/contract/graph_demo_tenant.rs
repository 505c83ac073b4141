//! The demo tenant's Microsoft Graph subset, over real HTTP, as Microsoft documents it: an
//! administrator signs in once as Graph PowerShell (a public client, PKCE, no secret), creates an
//! app by `uniqueName` (upsert), reads Graph's own scopes, adds a secret, waits out replication,
//! creates the service principal, consents for the tenant, and deletes it all again.

use std::time::Duration;

use mailbox_connect_e2e::graph_session::{client_credentials, graph, http, sign_in, ADMIN, USER};
use mailbox_connect_sandbox::faults::{FaultPlan, GraphThrottle};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::graph::store::{GRAPH_APP_ID, GRAPH_POWERSHELL_APP_ID};
use mailbox_connect_sandbox::Sandbox;
use serde_json::{json, Value};

#[tokio::test]
async fn an_admin_creates_consents_and_deletes_an_app_through_graph() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_millis(800);
    // No token: Graph's 401 in its error shape.
    let (status, err) = graph(&sb, "", "GET", "applications", None, false).await;
    assert_eq!(status, 401);
    assert_eq!(err["error"]["code"], "InvalidAuthenticationToken");
    assert!(err["error"]["innerError"]["request-id"].is_string(), "{err}");

    let token = sign_in(&sb, ADMIN).await;
    // Graph's own service principal lists its delegated scopes with their IDs.
    let (status, graph_sp) = graph(
        &sb,
        &token,
        "GET",
        &format!("servicePrincipals(appId='{GRAPH_APP_ID}')"),
        None,
        false,
    )
    .await;
    assert_eq!(status, 200, "{graph_sp}");
    let scope_id = |name: &str| {
        graph_sp["oauth2PermissionScopes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["value"] == name)
            .map(|s| s["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(scope_id("Mail.ReadWrite"), "024d486e-b451-40bb-833d-3e66d98c5c73");

    // Upsert by uniqueName: created once (201), then updated (204); no second app.
    let access: Vec<Value> = ["offline_access", "openid", "Mail.ReadWrite"]
        .map(|s| json!({ "id": scope_id(s), "type": "Scope" }))
        .to_vec();
    let body = json!({
        "displayName": "Mailbox Connect (Nylas)", "signInAudience": "AzureADMyOrg",
        "web": { "redirectUris": ["http://localhost/callback"] },
        "requiredResourceAccess": [{ "resourceAppId": GRAPH_APP_ID,
            "resourceAccess": access }],
    });
    let (status, app) = graph(
        &sb,
        &token,
        "PATCH",
        "applications(uniqueName='mailbox-connect-test')",
        Some(body.clone()),
        true,
    )
    .await;
    assert_eq!(status, 201, "{app}");
    let (id, app_id) = (
        app["id"].as_str().unwrap().to_string(),
        app["appId"].as_str().unwrap().to_string(),
    );
    assert_eq!(app["web"]["redirectUris"][0], "http://localhost/callback");
    assert_eq!(app["passwordCredentials"], json!([]));
    let (status, _) = graph(
        &sb,
        &token,
        "PATCH",
        "applications(uniqueName='mailbox-connect-test')",
        Some(body),
        true,
    )
    .await;
    assert_eq!(status, 204);
    let (_, listed) = graph(
        &sb,
        &token,
        "GET",
        "applications?$filter=displayName eq 'Mailbox Connect (Nylas)'",
        None,
        false,
    )
    .await;
    assert_eq!(listed["value"].as_array().unwrap().len(), 1, "{listed}");
    // Without Prefer, a missing uniqueName is a 404; read-only properties are refused.
    let (status, _) = graph(
        &sb,
        &token,
        "PATCH",
        "applications(uniqueName='nothing-here')",
        Some(json!({"displayName": "x"})),
        false,
    )
    .await;
    assert_eq!(status, 404);
    let (status, err) = graph(
        &sb,
        &token,
        "PATCH",
        &format!("applications/{id}"),
        Some(json!({"appId": "x"})),
        false,
    )
    .await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (400, Some("Request_BadRequest"))
    );

    // A secret: Graph makes the value and shows it once.
    let (status, pw) = graph(
        &sb,
        &token,
        "POST",
        &format!("applications/{id}/addPassword"),
        Some(json!({"passwordCredential": {"displayName": "Mailbox Connect"}})),
        false,
    )
    .await;
    assert_eq!(status, 200, "{pw}");
    let secret = pw["secretText"].as_str().unwrap().to_string();
    assert!(secret.len() >= 16 && secret.starts_with(pw["hint"].as_str().unwrap()));
    let (_, again) = graph(&sb, &token, "GET", &format!("applications/{id}"), None, false).await;
    assert_eq!(again["passwordCredentials"][0]["secretText"], Value::Null);

    // Until the new app has replicated, sign-in does not know it and Graph has no app behind it.
    let early = client_credentials(&sb, &app_id, &secret).await;
    assert_eq!(early["error_codes"][0], 700016, "{early}");
    let (status, err) = graph(
        &sb,
        &token,
        "POST",
        "servicePrincipals",
        Some(json!({"appId": app_id})),
        false,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        err["error"]["details"][0]["code"], "NoBackingApplicationObject",
        "{err}"
    );
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert!(client_credentials(&sb, &app_id, &secret).await["access_token"].is_string());
    let (status, sp) = graph(
        &sb,
        &token,
        "POST",
        "servicePrincipals",
        Some(json!({"appId": app_id})),
        false,
    )
    .await;
    assert_eq!(status, 201, "{sp}");

    // Tenant-wide consent for the delegated scopes: users then sign in without a consent of their own.
    let grant = json!({ "clientId": sp["id"], "consentType": "AllPrincipals", "principalId": null,
        "resourceId": graph_sp["id"], "scope": "offline_access openid Mail.ReadWrite" });
    let (status, g) = graph(&sb, &token, "POST", "oauth2PermissionGrants", Some(grant), false).await;
    assert_eq!(status, 201, "{g}");
    assert!(sb.state.lock().admin_consented(&app_id));
    // The new app signs mailboxes in at its registered loopback address (any port).
    let authorize = format!(
        "{}/{}/oauth2/v2.0/authorize?client_id={app_id}&response_type=code&redirect_uri=http://localhost:51234/callback&scope=openid%20offline_access",
        sb.identity_url,
        f::TENANT_ID
    );
    let page = http().get(authorize).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("name=\"request\""), "{page}");
    let (_, found) = graph(
        &sb,
        &token,
        "GET",
        &format!(
            "oauth2PermissionGrants?$filter=clientId eq '{}' and consentType eq 'AllPrincipals'",
            sp["id"].as_str().unwrap()
        ),
        None,
        false,
    )
    .await;
    assert_eq!(found["value"].as_array().unwrap().len(), 1);

    // The old secret removed stops working; the app deleted is gone, with its consent.
    let key = pw["keyId"].as_str().unwrap();
    let (status, _) = graph(
        &sb,
        &token,
        "POST",
        &format!("applications(appId='{app_id}')/removePassword"),
        Some(json!({"keyId": key})),
        false,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(
        client_credentials(&sb, &app_id, &secret).await["error_codes"][0],
        7000215
    );
    let (status, _) = graph(&sb, &token, "DELETE", &format!("applications/{id}"), None, false).await;
    assert_eq!(status, 204);
    let (status, err) = graph(&sb, &token, "GET", &format!("applications/{id}"), None, false).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (404, Some("Request_ResourceNotFound"))
    );
    assert!(!sb.state.lock().admin_consented(&app_id));
}

#[tokio::test]
async fn a_user_who_is_not_an_administrator_is_refused_by_graph() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    // An administrator approved Graph PowerShell for everyone; Lee can sign in, but the tenant
    // lets only administrators register apps.
    sb.state
        .lock()
        .admin_consents
        .push((GRAPH_POWERSHELL_APP_ID.into(), f::TENANT_ID.into()));
    let token = sign_in(&sb, USER).await;
    let (status, err) = graph(
        &sb,
        &token,
        "POST",
        "applications",
        Some(json!({"displayName": "Mine"})),
        false,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(err["error"]["code"], "Authorization_RequestDenied");
    assert_eq!(
        err["error"]["message"],
        "Insufficient privileges to complete the operation."
    );
}

#[tokio::test]
async fn throttled_graph_says_when_to_retry() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let token = sign_in(&sb, ADMIN).await;
    sb.state.inject(FaultPlan {
        graph_throttle: Some(GraphThrottle {
            count: 1,
            retry_after: 2,
        }),
        ..FaultPlan::default()
    });
    let resp = http()
        .get(format!("{}/v1.0/applications", sb.graph_url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(resp.headers()["retry-after"], "2");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "TooManyRequests");
    let (status, _) = graph(&sb, &token, "GET", "applications", None, false).await;
    assert_eq!(status, 200);
}
