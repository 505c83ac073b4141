//! Drives the real app window (tauri-driver + WebKitWebDriver under Xvfb) through the demo flow,
//! with headless Chromium as the system browser pressing Cancel, then Accept, on the sandbox's
//! consent page. Bad input on the way must give specific messages and lose nothing.

use mailbox_connect_e2e::harness::next_year;
use mailbox_connect_e2e::window::{artifacts, files_under, until, Desktop, ENTER, SPACE};
use mailbox_connect_e2e::window::{CHECKLIST, CONSENT, CREDENTIALS, NYLAS, RESULT, WELCOME};
use mailbox_connect_sandbox::fixtures;
use serde_json::json;

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn demo_flow_in_the_real_window() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();

    // Welcome → demo → checklist.
    app.wait_for(WELCOME).await;
    app.review("welcome").await;
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    assert!(app.text("manifest-snippet").await.contains("requiredResourceAccess"));
    app.review("1-checklist").await;
    app.click("checklist-next").await;
    app.wait_for(CREDENTIALS).await;
    // The long checklist was scrolled to its end; the new step is shown from its top, with focus on
    // its heading, before it is painted (nothing moves under the pointer afterwards).
    let shown = app
        .execute("return [window.scrollY, document.activeElement.id]", vec![])
        .await
        .unwrap();
    assert_eq!(shown, json!([0, "step-heading"]));

    // A bad client ID: a specific message on the field, the tenant kept.
    let good_client_id = app.value("client-id").await;
    let tenant = app.value("tenant").await;
    app.type_into("client-id", "my-app").await;
    app.click("save-azure").await;
    assert!(app.text("client-id-error").await.contains("five groups"));
    assert_eq!(app.value("tenant").await, tenant, "typed values must survive an error");
    app.review("2-bad-client-id").await;

    // The secret's ID pasted instead of its value.
    app.type_into("client-id", &good_client_id).await;
    app.type_into("client-secret", fixtures::SECRET_ID).await;
    app.click("save-azure").await;
    assert!(app.text("client-secret-error").await.contains("Secret ID"));
    app.review("3-secret-id").await;

    // The secret's expiry, as the portal shows it: no guess between two readings.
    app.type_into("client-secret", "").await;
    assert_eq!(
        app.value("secret-duration").await,
        "custom",
        "the demo secret's expiry is known"
    );
    app.choose("secret-duration", "custom").await;
    // Dates in May of next year: always a possible expiry, whenever the test runs.
    let year = next_year();
    app.type_into("secret-expires", &format!("5/6/{year}")).await;
    let preview = app.text_until("expiry-preview", |t| t.contains("two ways")).await;
    assert!(
        preview.contains(&format!(" 6 May {year}")) && preview.contains(&format!(" 5 June {year}")),
        "{preview}"
    );
    app.click("save-azure").await;
    assert!(app.text("secret-expiry-error").await.contains("two dates"));
    app.review("3b-expiry-two-readings").await;
    app.click("expiry-reading-1").await;
    app.type_into("secret-expires", &format!("5/22/{year}")).await;
    let preview = app.text_until("expiry-preview", |t| t.contains("22 May")).await;
    assert!(preview.contains(&format!(" 22 May {year}")), "{preview}");
    app.choose("secret-duration", "180").await;
    app.text_until("expiry-preview", |t| t.contains("in 6 months")).await;
    app.choose("secret-duration", "custom").await;
    app.type_into("secret-expires", &format!("5/22/{year}")).await;
    app.text_until("expiry-preview", |t| t.contains("22 May")).await;
    // The demo tenant's addresses are plumbing, not shown.
    assert!(app.absent("cloud").await && app.absent("identity-host").await);

    // Empty secret keeps the one in the keychain; Microsoft checks the credentials.
    app.click("save-azure").await;
    app.wait_for(NYLAS).await;
    assert!(app.text("demo-nylas-note").await.contains("demo tenant"));
    assert!(app.absent("region").await && app.absent("nylas-url").await);
    app.review("3c-nylas").await;
    app.click("save-nylas").await;
    app.wait_for(CONSENT).await;
    app.review("3d-sign-in").await;

    // Cancel on the consent page: a specific message that also names the admin path (Microsoft's
    // "Need admin approval" comes back the same way), and the wizard can go on.
    app.click("start-consent").await;
    assert_eq!(d.browser_presses("cancel").await, "err");
    let msg = app.text("error-message").await;
    assert!(msg.contains("without permission"), "{msg}");
    assert!(app.text("admin-approval-offer").await.contains("Need admin approval"));
    app.element("copy-error-detail").await;
    app.review("4-cancelled").await;

    // Try again and accept.
    app.click("start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    app.wait_for(RESULT).await;
    let grant = app.text("grant-id").await;
    assert_eq!(grant.len(), 36, "grant id: {grant}");
    assert!(app
        .text("result-email")
        .await
        .contains("adele.vance@contoso-demo.onmicrosoft.com"));
    assert!(app.text("grant-check").await.starts_with("Passed"));
    // Plain words first, the technical name beside them; what the grant is for; a second test.
    let allowed = app.text_until("granted-scopes", |t| t.contains("mail")).await;
    assert!(
        allowed.contains("Read and write the user's mail") && allowed.contains("Mail.ReadWrite"),
        "{allowed}"
    );
    assert!(app.text("what-next").await.contains("Nylas Dashboard"));
    app.click("test-again").await;
    app.text_until("test-again", |t| t == "Test again").await;
    assert!(app.text("grant-check").await.starts_with("Passed"));
    app.review("5-result").await;

    // The rolling log file in the OS's log folder recorded the flow at info level.
    let logs = d.home.join(".local/share/com.mailboxconnect.app/logs");
    let read_log = || {
        let file = files_under(&logs)
            .into_iter()
            .find(|f| f.extension().is_some_and(|e| e == "log"));
        file.and_then(|f| std::fs::read_to_string(f).ok()).unwrap_or_default()
    };
    // The file is written by a background thread: give it a moment.
    let log = until("the log to record the connection", || async {
        let log = read_log();
        (log.contains("mailbox connected") && log.contains(&grant)).then_some(log)
    })
    .await;
    assert!(log.contains("INFO"), "{log}");

    // No secret (client secret, API key, refresh token) in any file the app wrote, nor in its log.
    let config = std::fs::read_to_string(d.home.join(".config/com.mailboxconnect.app/profiles.json")).unwrap();
    assert!(config.contains(&grant));
    assert!(
        config.contains(&format!("\"secret_expires_on\": \"{year}-05-22\"")),
        "the expiry as the portal showed it"
    );
    let mut files = files_under(&d.home);
    files.push(artifacts().join("tauri-driver.log"));
    assert!(files.len() > 3, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [fixtures::SECRET_VALUE, fixtures::NYLAS_API_KEY, "1.sbx."] {
            assert!(!text.contains(secret), "{secret} found in {}", f.display());
        }
    }
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_whole_demo_flow_by_keyboard_alone() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    app.keyboard_to("start-demo", ENTER).await;
    app.wait_for(CHECKLIST).await;
    app.keyboard_to("check-open-portal", SPACE).await;
    app.keyboard_to("checklist-next", ENTER).await;
    app.wait_for(CREDENTIALS).await;
    app.keyboard_to("save-azure", ENTER).await;
    app.wait_for(NYLAS).await;
    app.keyboard_to("save-nylas", ENTER).await;
    app.wait_for(CONSENT).await;
    app.keyboard_to("login-hint", ENTER).await;
    // The form gave way to the waiting panel: focus goes to the page's heading, not to nowhere.
    app.element("consent-waiting").await;
    assert_eq!(app.focused().await.0, "step-heading", "focus fell out of the page");
    assert_eq!(d.browser_presses("accept").await, "ok");
    app.wait_for(RESULT).await;
    app.keyboard_to("connect-another", ENTER).await;
    app.wait_for(CONSENT).await;
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn dark_theme_is_dark_and_passes_the_audit() {
    let d = Desktop::start_with(&[("GTK_THEME", "Adwaita:dark".to_string())]).await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    let bg = app
        .execute("return getComputedStyle(document.body).backgroundColor", vec![])
        .await
        .unwrap();
    assert_eq!(bg, json!("rgb(18, 22, 27)"), "prefers-color-scheme: dark is honoured");
    app.audit_a11y("welcome (dark)").await;
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.audit_a11y("checklist (dark)").await;
    app.click("checklist-next").await;
    app.type_into("client-id", "nope").await;
    app.click("save-azure").await;
    app.element("client-id-error").await;
    app.shot("10-dark-error").await;
    app.audit_a11y("credentials error (dark)").await;
    d.close().await;
}
