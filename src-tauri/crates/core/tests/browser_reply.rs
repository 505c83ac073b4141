//! The browser tab is answered with the real outcome of the sign-in, once the app knows it, and
//! with a "still working" page when that takes longer than its patience.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::time::{Duration, Instant};

use mailbox_connect_core::job::CancellationToken;
use mailbox_connect_core::microsoft::callback::Outcome;
use mailbox_connect_core::microsoft::listener::Loopback;
use mailbox_connect_core::{AppError, ErrorCode};

async fn browser_gets(port: u16, code: &str) -> String {
    reqwest::get(format!("http://127.0.0.1:{port}/callback?code={code}&state=st"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_tab_waits_for_the_outcome_and_shows_a_failure_after_the_code() {
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    let browser = tokio::spawn(browser_gets(port, "c1"));
    let (outcome, reply) = l
        .wait(Duration::from_secs(10), &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(outcome, Outcome::Code("c1".into()));
    // The app is still redeeming the code: the tab has no answer yet.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        !browser.is_finished(),
        "the tab was answered before the outcome was known"
    );
    let failed = AppError::new(ErrorCode::Nylas, "Nylas did not accept the sign-in.").with_fix("Check the connector.");
    let r: Result<(), AppError> = reply.settle(Err(failed), |_| unreachable!()).await;
    assert!(r.is_err());
    let page = browser.await.unwrap();
    assert!(page.contains("data-result=\"err\""), "{page}");
    assert!(
        page.contains("Nylas did not accept the sign-in.") && page.contains("Check the connector."),
        "{page}"
    );
}

#[tokio::test]
async fn past_its_patience_the_tab_is_told_to_return_to_the_app() {
    let l = Loopback::default()
        .patience(Duration::from_millis(300))
        .bind("st".into())
        .await
        .unwrap();
    let port = l.port();
    let started = Instant::now();
    let browser = tokio::spawn(browser_gets(port, "c2"));
    let (_, reply) = l
        .wait(Duration::from_secs(10), &CancellationToken::new())
        .await
        .unwrap();
    let page = browser.await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(page.contains("Still working"), "{page}");
    // Settling afterwards is harmless.
    let done: Result<u8, AppError> = reply.settle(Ok(1), |_| ("Connected".into(), "x".into())).await;
    assert_eq!(done.unwrap(), 1);
}
