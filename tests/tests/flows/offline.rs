//! A computer that cannot reach Microsoft (#22 item 5): each sign-in says so in seconds, before
//! any browser is opened, naming the host and the cause; "Create it for me" too; and the
//! credential check's technical detail names what failed, not just "client error".

use std::time::{Duration, Instant};

use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::AzureAppInput;
use mailbox_connect_core::{AppError, ErrorCode, Sensitive};
use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_e2e::harness::{as_admin, demo_env, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::Sandbox;

/// A loopback address nothing listens on, as a host that cannot be reached.
fn closed_address() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let at = l.local_addr().unwrap();
    drop(l);
    format!("http://{at}")
}

fn unreachable(e: &AppError, host: &str) {
    assert_eq!(e.code, ErrorCode::Network, "{e:?}");
    assert_eq!(
        e.message,
        "Microsoft's sign-in page could not be reached from this computer."
    );
    let detail = e.detail.as_deref().unwrap_or("");
    assert!(
        detail.starts_with(host) && detail.to_lowercase().contains("connect"),
        "{detail}"
    );
}

#[tokio::test]
async fn without_microsoft_every_sign_in_says_so_in_seconds() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let browser = ScriptedBrowser::new(Decision::Accept);
    let core = services_with(
        dir.path(),
        browser.clone(),
        ResponseMode::FormPost,
        Duration::from_secs(600),
        SecretStore::memory(),
    );
    let mut env = demo_env(&sb);
    env.identity_host = closed_address();
    let host = env
        .identity_host
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap()
        .to_string();
    core.setup.begin(Some(env)).await.unwrap();

    let started = Instant::now();
    let e = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap_err();
    unreachable(&e, &host);
    let e = core
        .azure_app
        .create(as_admin(ADMIN, false), &core.jobs.start(|_| {}))
        .await
        .unwrap_err();
    unreachable(&e, &host);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert!(browser.last_page().is_empty(), "no browser was sent anywhere");

    // The credential check names the cause too.
    let p = core.setup.state().unwrap().profile;
    let input = AzureAppInput {
        client_id: p.client_id,
        tenant: p.tenant.to_string(),
        cloud: p.cloud,
        client_secret: Sensitive::from(""),
        secret_expires_on: None,
    };
    let e = core.setup.save_azure_app(input).await.unwrap_err();
    let detail = e.detail.unwrap_or_default();
    assert!(
        detail.to_lowercase().contains("connect") && detail != "client error",
        "{detail}"
    );
}
