//! "Create it for me" in the real window: from a demo tenant without our app, an administrator
//! signs in once in the system browser (headless Chromium), the app is created through the demo
//! tenant's Microsoft Graph with progress shown while Microsoft publishes it, and a mailbox then
//! connects with a tested grant. The Azure app tab then shows the app, replaces its secret
//! (the grant still passes) and removes it. Cancel stops a Graph job part-way; it resumes later.

use std::time::Duration;

use mailbox_connect_e2e::graph_session::ADMIN;
use mailbox_connect_e2e::window::{Desktop, Screen, CHECKLIST, CONSENT, WELCOME};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn create_it_for_me_from_an_empty_tenant_to_a_tested_grant() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-create").await;
    assert!(
        app.absent("manifest-snippet").await,
        "the portal's checklist is for the other way"
    );
    app.review("create-app").await;

    // Bad input is named at its field, and what was typed stays.
    app.type_into("admin-email", "adele").await;
    app.click("create-app-start").await;
    assert!(app.text("admin-email-error").await.contains("not an email address"));
    app.click("own-sign-in-app").await;
    app.type_into("bootstrap-client-id", "my-sign-in-app").await;
    app.type_into("admin-email", ADMIN).await;
    app.click("create-app-start").await;
    assert!(app.text("bootstrap-client-id-error").await.contains("five groups"));
    assert_eq!(app.value("admin-email").await, ADMIN);
    app.review("create-app-bad-client").await;
    app.type_into("bootstrap-client-id", "").await;

    // The administrator signs in once (Graph PowerShell, loopback); tenant-wide consent too, and
    // a secret for one month, so the expiry banner offers its replacement.
    app.click("admin-consent").await;
    app.choose("secret-months", "1").await;
    app.click("create-app-start").await;
    app.element("consent-waiting").await;
    assert!(
        app.absent("redirect-note").await,
        "the app's own redirect is not the one in use"
    );
    assert_eq!(d.browser_presses("accept").await, "ok");
    // The demo tenant takes a few seconds to publish a new client ID, as Microsoft does.
    let waiting = app
        .text_until("app-progress", |t| t.contains("publishing the new app"))
        .await;
    assert!(
        waiting.contains("is registered") && waiting.contains("keychain"),
        "{waiting}"
    );
    app.review("create-app-progress").await;

    // Then the wizard is at the mailbox's sign-in with the new app: nothing was copied.
    app.wait_for(CONSENT).await;
    d.signed_in_and_passing().await;

    // The banner's "Replace it for me": a new secret (the administrator's sign-in is still held,
    // so no browser this time); the connected mailbox is tested with it before the old one goes.
    assert!(app.text("secret-warning").await.contains("Replace it before then"));
    app.click("rotate-for-me").await;
    app.wait_for(Screen::AzureApp).await;
    let rotated = app
        .text_until("rotated", |t| t.contains("old secret was removed"))
        .await;
    assert!(rotated.contains("was tested"), "{rotated}");
    assert!(app.absent("secret-warning").await, "the new secret lasts 24 months");

    // The Azure app tab: what Azure has, made here, for this organization only, one secret.
    let client_id = app.text("azure-app-client-id").await;
    assert_eq!(client_id.len(), 36, "{client_id}");
    app.click("show-azure-app").await;
    let summary = app
        .text_until("azure-app-summary", |t| t.contains("Only your organization"))
        .await;
    assert!(summary.contains(&client_id) && summary.contains("Yes"), "{summary}");
    assert_eq!(summary.matches("Starts with").count(), 1, "{summary}");
    app.review("azure-app").await;

    // Remove it: asked first, then gone with its secret.
    app.click("remove-azure-app").await;
    app.click("remove-confirm-yes").await;
    app.text_until("removed", |t| t.contains("removed from Azure")).await;
    assert!(app.absent("remove-azure-app").await);
    d.close().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_administrator_can_sign_in_on_another_device_with_a_code() {
    // A demo tenant of the test's own that takes 12 s to publish a new app, so Cancel is
    // pressed while the job waits for it, however slow the machine.
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_secs(12);
    let d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-create").await;
    app.click("own-sign-in-app").await;
    app.click("device-code-option").await;
    app.click("create-app-start").await;

    // The window shows where to go and the code; "another device" (Chromium) enters it.
    let page = app.text("device-page").await;
    let code = app.text("device-code").await;
    assert!(page.ends_with("/devicelogin") && code.len() == 9, "{page} {code}");
    assert!(app.text("device-time-left").await.contains("minutes"));
    app.review("create-app-device-code").await;
    d.chrome.goto(&page).await.unwrap();
    d.chrome.type_into("otc", &code).await;
    d.chrome.click("next").await;
    d.chrome.click("accept").await;
    let answered = d.chrome.element("result").await;
    assert_eq!(answered.attr("data-result").await.unwrap().as_deref(), Some("ok"));

    // Cancel while Microsoft publishes the app stops the job there; starting again finishes the
    // same app (the administrator's sign-in is still held) and goes on to the mailbox's sign-in.
    app.text_until("app-progress", |t| t.contains("publishing the new app"))
        .await;
    app.click("cancel-job").await;
    app.text_until("error-message", |t| t.contains("Stopped before it finished"))
        .await;
    assert!(app.text("create-resume").await.contains("finishes the same app"));
    app.click("create-app-start").await;
    app.wait_for(CONSENT).await;
    d.close().await;
}
