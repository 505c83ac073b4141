//! The demo tenant's Nylas API against Nylas's published OpenAPI document: a whole sign-in plus
//! every other operation it serves, each answer checked by the spec's own JSON Schemas. (`make
//! test` also records every Nylas answer of the whole suite and checks those the same way.)

use mailbox_connect_e2e::harness::demo;
use mailbox_connect_e2e::nylas_spec::{check_all, NylasSpec};
use mailbox_connect_e2e::scripted_browser::Decision;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::recording::Exchange;
use serde_json::{json, Value};

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(f::NYLAS_API_KEY);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn every_operation_the_demo_tenant_serves_answers_as_the_spec_says() {
    let d = demo(Decision::Accept).await;
    d.sandbox.state.start_recording();
    let grant = d.connect(None).await.unwrap().grant.id;
    let api = Api {
        http: reqwest::Client::new(),
        base: d.sandbox.nylas_url.clone(),
    };
    let calls: Vec<(&str, String, Option<Value>, u16)> = vec![
        ("GET", "/v3/applications".into(), None, 200),
        ("GET", "/v3/applications/redirect-uris".into(), None, 200),
        (
            "POST",
            "/v3/applications/redirect-uris".into(),
            Some(json!({ "url": "https://example.com/cb", "platform": "web" })),
            200,
        ),
        (
            "POST",
            "/v3/applications/redirect-uris".into(),
            Some(json!({ "url": "ftp://nope", "platform": "web" })),
            400,
        ),
        ("GET", "/v3/connectors".into(), None, 200),
        ("GET", "/v3/connectors/microsoft".into(), None, 200),
        (
            "PATCH",
            "/v3/connectors/microsoft".into(),
            Some(json!({ "scope": ["offline_access", "Mail.Read"] })),
            200,
        ),
        ("GET", "/v3/connectors/microsoft/creds".into(), None, 200),
        (
            "POST",
            "/v3/connectors/microsoft/creds".into(),
            Some(
                json!({ "name": "spec check", "credential_type": "connector", "credential_data": { "client_id": f::CLIENT_ID, "client_secret": f::SECRET_VALUE } }),
            ),
            201,
        ),
        ("GET", "/v3/grants?limit=5".into(), None, 200),
        ("GET", format!("/v3/grants/{grant}"), None, 200),
        (
            "PATCH",
            format!("/v3/grants/{grant}"),
            Some(json!({ "settings": {}, "scope": ["Mail.Read"] })),
            200,
        ),
        ("GET", format!("/v3/grants/{grant}/messages?limit=2"), None, 200),
        (
            "POST",
            "/v3/connect/custom".into(),
            Some(json!({ "provider": "microsoft", "settings": { "refresh_token": "not-a-token" } })),
            401,
        ),
        ("DELETE", format!("/v3/grants/{grant}"), None, 200),
        ("GET", format!("/v3/grants/{grant}"), None, 404),
        ("DELETE", "/v3/connectors/ews".into(), None, 404),
        ("POST", "/v3/connect/revoke?token=never-issued".into(), None, 400),
        ("GET", "/v3/workspaces".into(), None, 404),
        ("PUT", "/v3/grants".into(), None, 405),
        ("DELETE", "/v3/connectors/microsoft".into(), None, 200),
    ];
    for (method, path, body, want) in calls {
        let (status, answer) = api.call(method, &path, body).await;
        assert_eq!(status, want, "{method} {path}: {answer}");
    }
    let unauthenticated = reqwest::get(format!("{}/v3/grants", api.base)).await.unwrap();
    assert_eq!(unauthenticated.status(), 401);

    let recorded = d.sandbox.state.recorded();
    let spec = NylasSpec::load().unwrap();
    let (ops, findings) = check_all(&spec, &recorded);
    assert!(
        findings.is_empty(),
        "{} violations:\n{}",
        findings.len(),
        findings.join("\n")
    );
    assert!(ops >= 17, "only {ops} operations recorded");
    assert!(recorded.len() >= 25, "only {} answers recorded", recorded.len());
}

#[test]
fn the_check_finds_what_the_spec_forbids() {
    let spec = NylasSpec::load().unwrap();
    let answer = |path: &str, status: u16, body: Value| Exchange {
        method: "GET".into(),
        path: path.into(),
        status,
        body,
        json: true,
    };
    let cases = [
        // The environment the demo tenant used to report.
        answer(
            "/v3/applications",
            200,
            json!({ "request_id": "r", "data": { "environment": "sandbox" } }),
        ),
        // `state: null` on a grant.
        answer(
            "/v3/grants/g1",
            200,
            json!({ "request_id": "r", "data": { "id": "g1", "provider": "microsoft", "created_at": 1, "scope": [], "state": null } }),
        ),
        // A credential with a field the spec does not allow.
        answer(
            "/v3/connectors/microsoft/creds",
            200,
            json!({ "request_id": "r", "data": [{ "id": "c", "name": "n", "created_at": 1, "updated_at": 1, "credential_type": "adminconsent" }] }),
        ),
        // No request_id.
        answer(
            "/v3/applications/redirect-uris",
            200,
            json!({ "success": true, "data": [] }),
        ),
        // An error without Nylas's error shape.
        answer("/v3/grants/g1", 404, json!({ "message": "nope" })),
        // An operation the spec does not have.
        answer(
            "/v3/applications/callback-uris",
            200,
            json!({ "request_id": "r", "data": [] }),
        ),
    ];
    for x in &cases {
        assert!(!spec.check(x).is_empty(), "not caught: {x:?}");
    }
    let fine = answer(
        "/v3/applications",
        200,
        json!({ "request_id": "r", "data": { "environment": "staging" } }),
    );
    assert_eq!(spec.check(&fine), Vec::<String>::new());
}
