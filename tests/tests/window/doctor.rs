//! The connection doctor in the real window, from a failing grant to a fixed, tested one: Nylas's
//! connector is pointed at another app through Nylas's API, so the connected mailbox stops
//! working; its failed test offers "Check this connection", which finds the connector (fixed in
//! one click) and the invalid grant (signed in again from the finding).

use mailbox_connect_e2e::graph_session::point_connector_elsewhere;
use mailbox_connect_e2e::window::{Desktop, CONSENT};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn from_a_failing_grant_through_the_check_to_a_fixed_tested_grant() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    d.demo_connected().await;

    // Someone points the Nylas connector at another Azure app.
    point_connector_elsewhere(&sb).await;

    // The mailbox's test fails; the failure offers the check.
    let (grant, email) = {
        let st = sb.state.lock();
        (st.grants[0].id.clone(), st.grants[0].email.clone().unwrap())
    };
    d.tested_all(&grant, "Failed").await;
    app.click(&format!("check-from-{grant}")).await;
    assert_eq!(
        d.browser_presses("accept").await,
        "ok",
        "the administrator signs in to read Azure"
    );
    let summary = app.text_until("checkup-summary", |t| t.contains("found")).await;
    assert_eq!(summary, "2 problems found.");
    app.review("connection-check").await;

    // One click fixes the connector; the mailbox is signed in again from its finding.
    app.click("fix-connector_client_mismatch").await;
    app.text_until("checkup-summary", |t| t == "2 problems found, 1 fixed.")
        .await;
    assert!(app.text("fixed-connector_client_mismatch").await.contains("Fixed"));
    app.click(&format!("sign-in-again-{email}")).await;
    app.wait_for(CONSENT).await;
    assert_eq!(app.value("login-hint").await, email);
    d.signed_in_and_passing().await;
    d.close().await;
}
