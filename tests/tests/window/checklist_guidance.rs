//! The portal checklist agrees with the app (#22 item 9): it registers the app for the
//! organization only, as "Create it for me" does; each portal button says where it really goes
//! before the app's ID is known; and keeping `common` for such an app is caught at the tenant
//! field (AADSTS50194), not at sign-in.

use mailbox_connect_e2e::window::{Desktop, CHECKLIST, CREDENTIALS};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_checklist_says_what_the_app_makes_and_where_each_button_goes() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-manual").await;
    let steps = app.text("checklist").await;
    assert!(
        steps.contains("Accounts in this organizational directory only"),
        "{steps}"
    );
    assert_eq!(app.text("open-open-portal").await, "Open App registrations");
    assert_eq!(
        app.text("open-secret").await,
        "Open App registrations (then your app › Certificates & secrets)"
    );
    d.close().await;

    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.click("checklist-next").await;
    app.wait_for(CREDENTIALS).await;
    app.element("expiry-preview").await;
    app.type_into("tenant", "common").await;
    app.click("save-azure").await;
    let said = app.text_until("tenant-error", |t| !t.is_empty()).await;
    assert!(
        said.contains("AADSTS50194") && said.contains("Directory (tenant) ID"),
        "{said}"
    );
    d.close().await;
}
