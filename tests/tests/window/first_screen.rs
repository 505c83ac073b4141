//! One simple first screen (#22 item 10): a new organization sees Setup and Mailboxes, with the
//! other tools under "More" until they apply; "Create it for me" is in view without scrolling
//! (in the demo too, which says it already has an app); once a mailbox is connected, the
//! organization, Azure app and history tools appear beside them.

use mailbox_connect_e2e::window::{Desktop, Page, Screen, CHECKLIST, RESULT};
use mailbox_connect_sandbox::Sandbox;

async fn shown(app: &Page, id: &str) -> bool {
    // Inside a closed <details> (the More menu) is not shown, whatever the layout says.
    let js = "const e = document.getElementById(arguments[0]); return !!e && e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)');";
    app.execute(js, vec![id.into()]).await.unwrap().as_bool().unwrap()
}

/// Whether `id` is in the window without scrolling (else where it is and how tall the window).
async fn in_view(app: &Page, id: &str) -> Result<(), String> {
    let js = "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.top, r.bottom, innerHeight];";
    let at = app.execute(js, vec![id.into()]).await.unwrap();
    let n = |i: usize| at[i].as_f64().unwrap();
    (n(0) >= 0.0 && n(1) <= n(2))
        .then_some(())
        .ok_or(format!("top, bottom, window height: {at}"))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_new_organization_sees_setup_mailboxes_and_more() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.click("start-real").await;
    app.wait_for(CHECKLIST).await;
    for (tab, visible) in [
        ("tab-wizard", true),
        ("tab-mailboxes", true),
        ("tab-more", true),
        ("tab-admin", false),
        ("tab-migration", false),
        ("tab-profiles", false),
    ] {
        assert_eq!(shown(&app, tab).await, visible, "{tab}");
    }
    in_view(&app, "create-app-start")
        .await
        .expect("'Create it for me' in view");
    // A tool under More opens as any tab does.
    app.click("tab-profiles").await;
    app.wait_for(Screen::Profiles).await;
    assert!(
        shown(&app, "tab-profiles").await,
        "the open tool shows beside the others"
    );
    d.close().await;

    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let mut d = Desktop::on_tenant(&sb).await;
    let app = d.app.clone();
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-create").await;
    in_view(&app, "create-app-start")
        .await
        .expect("'Create it for me' in view in the demo");
    assert!(app.text("create-demo-note").await.contains("already has"));
    app.click("how-manual").await;
    d.checklist_to_sign_in().await;
    app.click("start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    app.wait_for(RESULT).await;
    for tab in ["tab-admin", "tab-support"] {
        assert!(shown(&app, tab).await, "{tab} once a mailbox is connected");
    }
    app.review("result-plain").await;
    d.close().await;
}
