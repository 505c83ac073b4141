//! The loopback listener over real HTTP: strays, wrong state, replays, form_post, timeout, cancel.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::time::Duration;

use mailbox_connect_core::job::CancellationToken;
use mailbox_connect_core::microsoft::callback::Outcome;
use mailbox_connect_core::microsoft::listener::{Listener, Loopback, WaitEnd};
/// Waits like the app does and settles the browser's page at once (a plain success).
async fn answered(l: Listener, timeout: Duration, cancel: &CancellationToken) -> Result<Outcome, WaitEnd> {
    let (outcome, reply) = l.wait(timeout, cancel).await?;
    let _ = reply.settle(Ok(()), |_| ("Connected".into(), "Done.".into())).await;
    Ok(outcome)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn strays_and_wrong_state_never_end_the_flow_then_one_answer_does() {
    let l = Loopback::default().bind("s3cret-state".into()).await.unwrap();
    let base = format!("http://127.0.0.1:{}", l.port());
    assert!(l.redirect_uri().starts_with("http://localhost:"));
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(10), &CancellationToken::new()).await });
    let c = http();
    assert_eq!(c.get(format!("{base}/favicon.ico")).send().await.unwrap().status(), 204);
    assert_eq!(c.get(format!("{base}/anything")).send().await.unwrap().status(), 404);
    assert_eq!(c.get(format!("{base}/callback")).send().await.unwrap().status(), 200);
    let wrong = c
        .get(format!("{base}/callback?code=evil&state=guess"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);
    let missing = c.get(format!("{base}/callback?code=evil")).send().await.unwrap();
    assert_eq!(missing.status(), 400);
    let dup = c
        .get(format!("{base}/callback?code=a&code=b&state=s3cret-state"))
        .send()
        .await
        .unwrap();
    assert!(dup.text().await.unwrap().contains("could not be read"));
    let huge = c
        .get(format!(
            "{base}/callback?code={}&state=s3cret-state",
            "x".repeat(20_000)
        ))
        .send()
        .await
        .unwrap();
    assert!(huge.text().await.unwrap().contains("could not be read"));
    assert_eq!(c.put(format!("{base}/callback")).send().await.unwrap().status(), 405);
    assert!(!waiter.is_finished(), "a stray request ended the flow");
    let ok = c
        .post(format!("{base}/callback"))
        .form(&[("code", "the-code"), ("state", "s3cret-state"), ("session_state", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.headers()["cache-control"], "no-store");
    assert!(ok.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert!(ok.text().await.unwrap().contains("Connected"));
    assert_eq!(waiter.await.unwrap().unwrap(), Outcome::Code("the-code".into()));
    // Single use: the port is closed afterwards, so a replay cannot be delivered.
    assert!(c
        .get(format!("{base}/callback?code=the-code&state=s3cret-state"))
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn error_description_is_rendered_inert() {
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let url = format!(
        "http://127.0.0.1:{}/callback?state=st&error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        l.port()
    );
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(10), &CancellationToken::new()).await });
    let page = http().get(url).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("<script>"), "{page}");
    assert!(matches!(waiter.await.unwrap(), Ok(Outcome::Error(_))));
}

#[tokio::test]
async fn after_timeout_or_cancel_a_tab_still_open_is_told_so() {
    let page = |port: u16| async move {
        http()
            .get(format!("http://127.0.0.1:{port}/callback?code=late&state=st"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    assert_eq!(
        answered(l, Duration::from_millis(50), &CancellationToken::new()).await,
        Err(WaitEnd::TimedOut)
    );
    assert!(page(port)
        .await
        .contains("This attempt timed out: return to Mailbox Connect"));

    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(30), &c2).await });
    tokio::time::sleep(Duration::from_millis(20)).await;
    cancel.cancel();
    assert_eq!(waiter.await.unwrap(), Err(WaitEnd::Cancelled));
    assert!(page(port).await.contains("This attempt was cancelled"));

    // A fixed port (Hosted auth's) closes at once, so the next attempt can have it.
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let l = Loopback::default().on_port(free).bind("st".into()).await.unwrap();
    assert_eq!(
        answered(l, Duration::from_millis(50), &CancellationToken::new()).await,
        Err(WaitEnd::TimedOut)
    );
    assert!(tokio::net::TcpStream::connect(("127.0.0.1", free)).await.is_err());
}

#[tokio::test]
async fn binds_loopback_only() {
    let l = Loopback::default().bind("st".into()).await.unwrap();
    // Any non-loopback address of this machine must not reach the listener.
    let out = std::process::Command::new("hostname").arg("-I").output();
    if let Ok(out) = out {
        for ip in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            if let Ok(addr) = ip.parse::<std::net::IpAddr>() {
                if !addr.is_loopback() {
                    assert!(
                        tokio::net::TcpStream::connect((addr, l.port())).await.is_err(),
                        "reachable on {addr}"
                    );
                }
            }
        }
    }
    assert!(tokio::net::TcpStream::connect(("127.0.0.1", l.port())).await.is_ok());
}

#[tokio::test]
async fn slow_and_idle_clients_do_not_block_the_answer() {
    use tokio::io::AsyncWriteExt;
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(10), &CancellationToken::new()).await });
    // Ten connections that send half a request and then stall, one that sends nothing.
    let mut stalled = Vec::new();
    for _ in 0..10 {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        s.write_all(b"GET /callback?code=x&sta").await.unwrap();
        stalled.push(s);
    }
    stalled.push(tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap());
    let ok = http()
        .get(format!("http://127.0.0.1:{port}/callback?code=real&state=st"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let outcome = tokio::time::timeout(Duration::from_secs(5), waiter)
        .await
        .expect("the flow was blocked");
    assert_eq!(outcome.unwrap().unwrap(), Outcome::Code("real".into()));
    drop(stalled);
}
