//! "Demo controls" in the built-in demo (#22 item 4), for training support staff: the panel
//! shows the demo tenant's Nylas address; revoking a mailbox's sign-in makes its next test fail
//! with Microsoft's reason; an armed Nylas outage makes the next test fail as an outage.

use mailbox_connect_e2e::window::{Desktop, Screen};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn demo_controls_break_a_mailbox_and_arm_a_fault() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    d.demo_connected().await;
    let email = app.text("result-email").await;
    let email = email.rsplit('<').next().unwrap().trim_end_matches('>').to_string();

    app.click("tab-mailboxes").await;
    app.wait_for(Screen::Mailboxes).await;
    app.click("demo-controls-summary").await;
    assert!(app.text("demo-nylas-url").await.starts_with("http://127.0.0.1:"));
    app.review("demo-controls").await;

    // An armed outage: the next test fails as Nylas being down, and says to try again.
    app.click("demo-fault-nylas_outage").await;
    app.text_until("demo-said", |t| t.starts_with("Armed")).await;
    app.type_into("grant-key", &email).await;
    app.click("check-grant").await;
    let said = app.text_until("error-message", |t| !t.is_empty()).await;
    assert!(said.contains("Nylas"), "{said}");

    // A revoked sign-in: the next test fails with Microsoft's reason.
    app.click(&format!("demo-break-{email}")).await;
    app.text_until("demo-said", |t| t.contains("revoked")).await;
    app.click("check-grant").await;
    let verdict = app
        .text_until("grant-report-verdict", |t| t.starts_with("Failed"))
        .await;
    assert!(verdict.contains("AADSTS50173"), "{verdict}");
    assert!(!app.absent("reauth-from-report").await);
    d.close().await;
}
