//! A failed grant test in the real window (#22 items 1 and 2): Megan's mailbox was connected
//! while the profile asked for no mail permission; once it asks for one, her test fails. The
//! row shows Nylas's status ("valid", green) apart from the test (failed, red) with its cause,
//! the permission it lacks and Nylas's own words; the details show the grant's permissions;
//! "Sign in again" from the row mends it.

use mailbox_connect_e2e::window::{until, Desktop, Page, CHECKLIST, CONSENT, CREDENTIALS, NYLAS};
use mailbox_connect_sandbox::Sandbox;

/// Ticks or clears a permission on the checklist and waits until the profile has saved it.
async fn set_permission(app: &Page, name: &str, on: bool) {
    let id = format!("scope-{name}");
    app.click(&id).await;
    until(format!("{name} saved as {on}"), || async {
        let js = "const e = document.getElementById(arguments[0]); return e.checked === arguments[1] && !e.disabled;";
        let v = app
            .execute(js, vec![format!("scope-{name}").into(), on.into()])
            .await
            .unwrap();
        v.as_bool().unwrap_or(false).then_some(())
    })
    .await;
}

async fn class_of(app: &Page, id: &str) -> String {
    app.element(id).await.attr("class").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_failed_test_is_red_says_why_and_signs_in_again_from_its_row() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();

    // Connected while the profile asks for calendars and contacts, not mail.
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    for name in ["Mail.ReadWrite", "Mail.Send"] {
        set_permission(&app, name, false).await;
    }
    d.checklist_to_sign_in().await;
    d.signed_in_and_passing().await;

    // Now the profile asks to read and send mail.
    app.click("connect-another").await;
    for (screen, back) in [
        (CONSENT, "back-to-nylas"),
        (NYLAS, "back-to-credentials"),
        (CREDENTIALS, "back-to-checklist"),
    ] {
        app.wait_for(screen).await;
        app.click(back).await;
    }
    app.wait_for(CHECKLIST).await;
    set_permission(&app, "Mail.ReadWrite", true).await;

    let (grant, email) = {
        let st = sb.state.lock();
        (st.grants[0].id.clone(), st.grants[0].email.clone().unwrap())
    };
    let verdict = d.tested_all(&grant, "Failed").await;
    for words in [
        "connected without Mail.ReadWrite",
        "Sign the mailbox in again",
        "insufficient_scopes",
        "request ID",
    ] {
        assert!(verdict.contains(words), "{words:?} not in {verdict}");
    }
    assert_eq!(
        class_of(&app, &format!("row-check-{grant}")).await,
        "bad",
        "a failed test is red"
    );
    assert_eq!(app.text(&format!("row-status-{grant}")).await, "valid");
    assert_eq!(
        class_of(&app, &format!("row-status-{grant}")).await,
        "ok",
        "Nylas's own status stays apart"
    );
    app.click(&format!("details-row-{grant}")).await;
    let scopes = app.text(&format!("details-scopes-{grant}")).await;
    assert!(
        scopes.contains("Calendars.ReadWrite") && !scopes.contains("Mail."),
        "{scopes}"
    );
    assert!(app.text(&format!("details-{grant}")).await.contains("Last test"));
    app.review("grant-test-failed").await;

    // The form's test says the same; a later test that cannot run leaves no earlier report above
    // its error (item 6).
    app.type_into("grant-key", &email).await;
    app.click("check-grant").await;
    let report = app
        .text_until("grant-report-verdict", |t| t.starts_with("Failed"))
        .await;
    assert!(report.contains("Mail.ReadWrite"), "{report}");
    assert!(!app.absent("reauth-from-report").await);
    app.type_into("grant-key", "no-such-grant").await;
    app.click("check-grant").await;
    app.text_until("error-message", |t| t.contains("no grant")).await;
    assert!(app.absent("grant-report").await, "the earlier report is gone");

    // Signing in again from the row asks for what the profile needs now; the test passes.
    app.click(&format!("reauth-grant-{grant}")).await;
    app.wait_for(CONSENT).await;
    assert_eq!(app.value("login-hint").await, email);
    d.signed_in_and_passing().await;
    d.close().await;
}
