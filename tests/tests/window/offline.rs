//! A computer that cannot reach Microsoft, in the real window (#22 item 5): the credential check
//! names the cause in its technical detail, and "Create it for me" says within seconds that
//! Microsoft's sign-in page could not be reached, instead of waiting ten minutes.

use std::time::{Duration, Instant};

use mailbox_connect_e2e::window::{Desktop, CHECKLIST, CREDENTIALS};
use mailbox_connect_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn without_microsoft_the_window_says_so_in_seconds() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let tenant = format!("http://{closed} {} {}", sb.nylas_url, sb.graph_url);
    let d = Desktop::start_with(&[("MAILBOX_CONNECT_DEMO_TENANT", tenant)]).await;
    let app = d.app.clone();
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    app.click("checklist-next").await;
    app.wait_for(CREDENTIALS).await;
    app.element("expiry-preview").await;
    app.click("save-azure").await;
    let detail = app.text_until("error-detail", |t| !t.is_empty()).await;
    assert!(
        detail.to_lowercase().contains("connect") && detail != "client error",
        "{detail}"
    );

    app.click("back-to-checklist").await;
    app.wait_for(CHECKLIST).await;
    app.click("how-create").await;
    let started = Instant::now();
    app.click("create-app-start").await;
    let said = app.text_until("error-message", |t| !t.is_empty()).await;
    assert_eq!(
        said,
        "Microsoft's sign-in page could not be reached from this computer."
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert!(app.text("error-detail").await.starts_with("127.0.0.1"));
    app.review("offline").await;
    d.close().await;
}
