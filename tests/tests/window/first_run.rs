//! A first run on the admin's own organization: what a new user meets on the credentials form.
//! Every required field left empty is named at once, each problem is said once (at its field),
//! and the first one is scrolled into view and focused, even when the form was sent from its top.

use mailbox_connect_e2e::window::{Desktop, Screen, CHECKLIST, CREDENTIALS, ENTER, RESULT};
use mailbox_connect_sandbox::fixtures;

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_credentials_form_names_every_problem_once_and_shows_it() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-manual").await;
    app.click("checklist-next").await;
    app.wait_for(CREDENTIALS).await;

    // Enter in the first field of an empty form.
    app.type_into("client-id", "").await;
    app.keyboard_to("client-id", ENTER).await;
    assert!(app.text("client-id-error").await.contains("Application (client) ID"));
    assert!(app.text("client-secret-error").await.contains("Value"));
    assert!(app.text("secret-expiry-error").await.contains("Choose how long"));
    assert!(app.absent("error").await, "a field's problem is said at the field only");
    let (focused, visible) = app.focused().await;
    assert_eq!(focused, "client-id");
    assert!(visible, "the first problem is in view");
    app.review("first-run-empty-form").await;

    // The secret's ID pasted as its value: said once, with its fix, at the field.
    app.type_into("client-id", "1f3b2c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d").await;
    app.type_into("client-secret", fixtures::SECRET_ID).await;
    app.choose("secret-duration", "unknown").await;
    app.keyboard_to("client-id", ENTER).await;
    let said = app.text("client-secret-error").await;
    assert!(
        said.contains("Secret ID") && said.contains("Certificates & secrets"),
        "{said}"
    );
    assert!(app.absent("error").await, "said twice");
    let (focused, visible) = app.focused().await;
    assert_eq!(focused, "client-secret");
    assert!(visible, "the problem is in view");
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn at_the_smallest_window_tabs_and_progress_stay_on_one_line() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    app.set_window_size(640, 520).await.unwrap();
    let measure = "const t=document.querySelector('nav.tabs'),s=document.querySelector('.stepper');\
        return [innerWidth,t.offsetHeight,t.querySelector('.tab').offsetHeight,s.offsetHeight,s.querySelector('li').offsetHeight,t.scrollWidth-t.clientWidth];";
    let m = mailbox_connect_e2e::window::until("the window to be 640 wide", || async {
        let m = app.execute(measure, vec![]).await.unwrap();
        (m[0].as_f64().unwrap_or(0.0) <= 660.0).then_some(m)
    })
    .await;
    let n = |i: usize| m[i].as_f64().unwrap();
    assert!(n(1) < 1.5 * n(2), "the tabs wrap: {m}");
    assert!(n(3) < 1.5 * n(4), "the progress wraps: {m}");
    assert!(n(5) <= 1.0, "the tabs need scrolling at 640: {m}");
    app.review("narrow-640x520").await;
    // Nothing at 640 needs scrolling sideways: the portal checklist's addresses, nor an error
    // quoting a 5,000-character paste (cut short, item 11).
    let sideways = "const e=document.scrollingElement; return e.scrollWidth - e.clientWidth;";
    // A problem with "Create it for me" does not stay under the portal checklist (item 11).
    app.type_into("admin-email", "not-an-address").await;
    app.click("create-app-start").await;
    app.text_until("admin-email-error", |t| t.contains("not an email address"))
        .await;
    app.click("how-manual").await;
    assert!(
        app.absent("error").await && app.absent("admin-email-error").await,
        "the old problem stayed"
    );
    app.element("checklist-progress").await;
    let over = app.execute(sideways, vec![]).await.unwrap();
    assert!(
        over.as_f64().unwrap() <= 1.0,
        "the checklist scrolls sideways by {over} px"
    );
    app.click("checklist-next").await;
    app.wait_for(CREDENTIALS).await;
    app.execute(
        "const e=document.getElementById('tenant');Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set.call(e,'x'.repeat(5000));e.dispatchEvent(new Event('input',{bubbles:true}));",
        vec![],
    )
    .await
    .unwrap();
    app.type_into("client-id", "0f0e0d0c-0b0a-4909-8807-060504030201").await;
    app.type_into("client-secret", "abc8Q~0123456789012345678901234567890123")
        .await;
    app.choose("secret-duration", "unknown").await;
    app.click("save-azure").await;
    let said = app.text_until("tenant-error", |t| !t.is_empty()).await;
    assert!(
        said.chars().count() < 400 && said.contains("xxx…"),
        "not cut short: {said}"
    );
    let over = app.execute(sideways, vec![]).await.unwrap();
    assert!(over.as_f64().unwrap() <= 1.0, "the error scrolls sideways by {over} px");
    // Cold start (item 11): every font family WebKitGTK cannot find costs a fontconfig search
    // before the first frame, so on Linux only the system's own sans-serif is named.
    let fonts = app
        .execute("return [getComputedStyle(document.body).fontFamily, getComputedStyle(document.querySelector('code') ?? document.body).fontFamily]", vec![])
        .await
        .unwrap();
    assert_eq!(fonts[0], "sans-serif", "{fonts}");
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_waiting_screen_shows_time_left_reopens_the_browser_and_cancel_is_neutral() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    d.demo_to_sign_in().await;

    // The user's own Cancel is a neutral state, not an error.
    app.click("start-consent").await;
    app.element("consent-waiting").await;
    assert_eq!(app.text("step-heading").await, "Sign in with Microsoft in your browser");
    assert!(app.text("time-left").await.contains("about 10 minutes left"));
    // The port's story is for support staff, one click away.
    let folded = "return !!document.getElementById('redirect-note').closest('details:not([open])');";
    assert_eq!(app.execute(folded, vec![]).await.unwrap(), serde_json::json!(true));
    app.click("redirect-detail").await;
    assert!(app.text("redirect-note").await.contains("Entra ignores the port"));
    app.review("waiting-for-the-browser").await;
    d.browser_ignores().await;
    app.click("cancel-consent").await;
    assert!(app.text("sign-in-cancelled").await.contains("Start again"));
    assert!(app.absent("error").await, "Cancel shown as an error");

    // The tab was lost: the browser opens on the same sign-in again, which then completes.
    app.click("start-consent").await;
    app.element("consent-waiting").await;
    d.browser_ignores().await;
    app.click("reopen-browser").await;
    assert!(app.text("reopen-note").await.contains("opened again"));
    assert_eq!(d.browser_presses("accept").await, "ok");
    app.wait_for(RESULT).await;
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_azure_checklist_is_compact_with_progress_and_a_way_into_entra_per_step() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    // A new organization starts with "Create it for me"; the portal's checklist is one click away.
    let chosen = app
        .execute("return document.getElementById('how-create').checked", vec![])
        .await
        .unwrap();
    assert_eq!(chosen, serde_json::json!(true));
    assert!(app.absent("checklist-progress").await);
    app.click("how-manual").await;
    assert_eq!(app.text("checklist-progress").await, "0 of 6 done.");
    // Continue is in reach without scrolling; advice is a note, not a numbered step.
    let in_view = app
        .execute(
            "const r=document.getElementById('checklist-next').getBoundingClientRect();return r.bottom<=innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_view, serde_json::json!(true), "Continue is below the fold");
    assert!(app.text("advice-publisher").await.contains("verified publisher"));
    assert!(app.absent("check-publisher").await && app.absent("open-publisher").await);
    // Each step opens the right page of the portal (recorded by the test's browser, not loaded).
    app.keyboard_to("open-secret", ENTER).await;
    assert!(d
        .next_opened_url()
        .await
        .starts_with("https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/"));
    app.click("check-open-portal").await;
    app.text_until("checklist-progress", |t| t.starts_with("1 of 6")).await;
    app.review("checklist-compact").await;
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_tool_that_needs_a_key_never_pasted_says_so_and_leads_to_the_setup() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    app.click("tab-mailboxes").await;
    app.wait_for(Screen::Mailboxes).await;
    app.click("load-grants").await;
    let said = app.text("error-message").await;
    assert!(
        said.contains("has no Nylas API key yet") && !said.contains("again"),
        "{said}"
    );
    app.click("error-go-to-step").await;
    // The earlier steps come first: the setup opens where this profile is.
    app.wait_for(CHECKLIST).await;
    d.close().await;
}
