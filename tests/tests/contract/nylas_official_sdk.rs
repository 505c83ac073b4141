//! The official Nylas Node.js SDK (`nylas` on npm, pinned in `tests/sdk/package.json`, installed
//! by `make deps`) drives every operation the demo tenant's Nylas API serves, Hosted auth with
//! PKCE included, and parses its errors. Over HTTP, and over HTTPS with Node trusting the demo CA.

use std::path::Path;

use mailbox_connect_e2e::nylas_spec::{check_all, NylasSpec};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;

#[tokio::test]
async fn the_official_nylas_sdk_works_against_every_operation_served() {
    drive(&Sandbox::start("127.0.0.1").await.unwrap(), None).await;
}

#[tokio::test]
async fn the_official_nylas_sdk_works_over_https_with_the_demo_ca() {
    let sb = Sandbox::start_https("127.0.0.1").await.unwrap();
    let ca = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(ca.path(), sb.ca_pem.as_deref().unwrap()).unwrap();
    drive(&sb, Some(ca.path())).await;
}

async fn drive(sb: &Sandbox, ca_file: Option<&Path>) {
    let sdk = Path::new(env!("CARGO_MANIFEST_DIR")).join("sdk");
    assert!(
        sdk.join("node_modules/nylas").is_dir(),
        "the Nylas SDK is not installed: run `make deps` (npm ci in tests/sdk)"
    );
    sb.state.start_recording();
    let (_, ews_email, ews_password) = f::EWS_USERS[0];
    let mut node = std::process::Command::new("node");
    node.arg("drive-demo-tenant.mjs")
        .current_dir(&sdk)
        .env("NYLAS_URL", &sb.nylas_url)
        .env("NYLAS_API_KEY", f::NYLAS_API_KEY)
        .env("NYLAS_APPLICATION_ID", f::NYLAS_APPLICATION_ID)
        .env("MICROSOFT_CLIENT_ID", f::CLIENT_ID)
        .env("MICROSOFT_CLIENT_SECRET", f::SECRET_VALUE)
        .env("MICROSOFT_TENANT", f::TENANT_ID)
        .env("MICROSOFT_ACCOUNT", f::USERS[0].email)
        .env("EWS_EMAIL", ews_email)
        .env("EWS_PASSWORD", ews_password);
    if let Some(ca) = ca_file {
        node.env("NODE_EXTRA_CA_CERTS", ca);
    }
    // The sandbox answers on this test's runtime while node runs on a blocking thread.
    let out = tokio::task::spawn_blocking(move || node.output())
        .await
        .unwrap()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all SDK operations passed"), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok ")).count(), 21, "{stdout}");
    // What the SDK received holds to the published spec too.
    let spec = NylasSpec::load().unwrap();
    let (ops, findings) = check_all(&spec, &sb.state.recorded());
    assert!(findings.is_empty(), "{}", findings.join("\n"));
    assert!(ops >= 18, "{ops} operations");
    // The SDK's grant is gone and the tenant holds what the SDK left.
    let state = sb.state.lock();
    assert!(state.grants.iter().all(|g| g.provider == "ews"));
    assert!(state.nylas_access_tokens.is_empty());
}
