//! "Send a link" in the real window (#22 item 3, #19's re-authentication): a mailbox Nylas gave
//! up on offers a sign-in link for its owner; the window shows it to copy while it waits; the
//! owner's own browser (not this computer's) signs in with it, and the window moves to the
//! result with the mailbox's new, passing test.

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_e2e::graph_session::{point_connector_elsewhere, put_connector_back};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_e2e::window::{Desktop, RESULT};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_broken_mailbox_is_mended_by_a_link_its_owner_opens_elsewhere() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    d.demo_connected().await;

    // Nylas gives up on the mailbox while its connector points at another app, then it is put back.
    point_connector_elsewhere(&sb).await;
    let grant = sb.state.lock().grants[0].id.clone();
    d.tested_all(&grant, "Failed").await;
    put_connector_back(&sb).await;

    app.click(&format!("send-link-{grant}")).await;
    let link = app.text_until("owner-link", |t| t.contains("/v3/connect/auth?")).await;
    assert!(link.contains("login_hint="), "{link}");
    app.review("owner-link").await;
    let owner = ScriptedBrowser::new(Decision::Accept);
    owner.open(&link).unwrap();
    app.wait_for(RESULT).await;
    assert!(app.text("grant-check").await.starts_with("Passed"));
    d.close().await;
}
